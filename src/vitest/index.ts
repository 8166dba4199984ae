// kubesim/vitest: vitest matchers for kubesim objects (registered with expect.extend).
export {}

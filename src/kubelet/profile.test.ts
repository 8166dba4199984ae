import { describe, expect, it } from 'vitest'
import { builtInProfile, imageNameWithoutTag, profileFromAnnotations, resolveProfile } from './profile'

describe('behaviour profiles (DESIGN.md §3)', () => {
  it('defaults: 2s pull, 1s start, ready at once; forever under Always, 10s otherwise, 1s for init containers', () => {
    expect(resolveProfile(undefined, 'nginx', undefined, 'Always', 'app')).toMatchObject({ pullDurationMs: 2000, startDurationMs: 1000, readyAfterMs: 0, runDurationMs: undefined, exitCode: 0, stopDurationMs: 0 })
    expect(resolveProfile(undefined, 'perl', undefined, 'Never', 'app').runDurationMs).toBe(10_000)
    expect(resolveProfile(undefined, 'busybox', undefined, 'Always', 'init').runDurationMs).toBe(1000)
    expect(resolveProfile(undefined, 'envoy', undefined, 'Never', 'sidecar').runDurationMs).toBeUndefined()
  })

  it('the full image reference overrides the name without tag; annotations override both', () => {
    const images = { 'repo/app': { runDuration: '8s', exitCode: 3 }, 'repo/app:v2': { runDuration: '9s' } }
    expect(resolveProfile(images, 'repo/app:v1', undefined, 'Never', 'app')).toMatchObject({ runDurationMs: 8000, exitCode: 3 })
    expect(resolveProfile(images, 'repo/app:v2', undefined, 'Never', 'app')).toMatchObject({ runDurationMs: 9000, exitCode: 3 })
    expect(resolveProfile(images, 'repo/app:v2', { 'kubesim.io/run-duration': '1m', 'kubesim.io/exit-code': '0' }, 'Never', 'app')).toMatchObject({ runDurationMs: 60_000, exitCode: 0 })
  })

  it('ignores unparsable annotation values', () => {
    expect(profileFromAnnotations({ 'kubesim.io/run-duration': 'soon', 'kubesim.io/exit-code': 'x', 'kubesim.io/pull-error': 'true' })).toEqual({ pullError: true })
  })

  it('strips tags and digests but not registry ports', () => {
    expect(imageNameWithoutTag('localhost:5000/app:1.0')).toBe('localhost:5000/app')
    expect(imageNameWithoutTag('nginx@sha256:abc')).toBe('nginx')
    expect(imageNameWithoutTag('nginx')).toBe('nginx')
  })
})

describe('built-in profiles', () => {
  it('equal what resolveProfile gives when nothing is configured, for every kind of container', () => {
    for (const restartPolicy of ['Always', 'OnFailure', 'Never'])
      for (const role of ['app', 'init', 'sidecar'] as const) {
        const shared = builtInProfile(restartPolicy, role)
        expect(shared).toStrictEqual(resolveProfile(undefined, 'nginx:1.25', undefined, restartPolicy, role))
        expect(Object.isFrozen(shared)).toBe(true)
        expect(builtInProfile(restartPolicy, role)).toBe(shared)
      }
  })
})

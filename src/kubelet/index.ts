// The kubelet layer's public surface: the runtime controller for every node's kubelet and its handle.
export { createKubelet, KUBELET_CONTROLLER } from './kubelet'
export type { KubeletHandle, KubeletDeps } from './kubelet'
export { resolveProfile } from './profile'
export type { ProfileInput, ResolvedProfile } from './profile'
export type { NodeRegistrationInput } from './node-registration'
export { DEFAULT_CAPACITY } from './node-registration'

// kubesim/testing: invariant checkers for users' own property tests.
export { createInvariantChecker } from './invariants'
export type { InvariantOptions, InvariantViolation } from './invariants'

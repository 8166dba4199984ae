// kubesim/testing: invariant checkers and convergence checks for users' own property tests.
export { createInvariantChecker, InvariantError } from './invariants'
export type { InvariantChecker, InvariantOptions, InvariantViolation } from './invariants'
export { findUnconverged, computePodsLag, computeDaemonSetLag, computeDeploymentLag, computeEndpointsLag, computeJobLag, computeStatefulSetLag } from './convergence'
export type { ConvergenceOptions, PodsLagOptions } from './convergence'

// kubesim/testing: helpers for users' own property tests. The invariant checkers land here.
export { createCluster } from '../cluster/cluster'

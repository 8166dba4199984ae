// Smoke test of the built package through its ESM entry: a cluster loads a manifest and reconciles.
import { createCluster, ValidationError } from 'kubesim'

const cluster = createCluster({ seed: 1 })
cluster.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: smoke\ndata:\n  ok: "yes"\n')
cluster.settle()
if (cluster.get('ConfigMap', 'smoke')?.data?.ok !== 'yes') throw new Error('ESM smoke test: the ConfigMap was not stored')
if (typeof ValidationError !== 'function') throw new Error('ESM smoke test: errors are not exported')
console.log(`ESM smoke test passed (trace ${cluster.traceHash()})`)

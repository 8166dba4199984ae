// Smoke test of the built package through its CommonJS entry.
const { createCluster } = require('kubesim')

const cluster = createCluster({ seed: 1 })
cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'smoke' }, data: { ok: 'yes' } })
cluster.settle()
if (cluster.get('ConfigMap', 'smoke').data.ok !== 'yes') throw new Error('CJS smoke test: the ConfigMap was not stored')
console.log(`CJS smoke test passed (trace ${cluster.traceHash()})`)

import { Session } from 'node:inspector'
import { writeFileSync } from 'node:fs'
import { createCluster } from '../src/index'
import { Client } from '../src/store/client'
const nodeCount = Number(process.argv[2] ?? 500), podCount = Number(process.argv[3] ?? 1000)
const cluster = createCluster({ nodes: 0, keepTrace: false })
const r = new Client(cluster.env.store, 'bench')
for (let i = 1; i <= nodeCount; i++) { const name = `node-${i}`; const res = { cpu: '4', memory: '16Gi', pods: '110' }
  r.create({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {}, status: { capacity: res, allocatable: res } }, { withStatus: true }) }
cluster.settle()
for (let i = 0; i < podCount; i++) cluster.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}-pod` }, spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } })
const s = new Session(); s.connect()
s.post('Profiler.enable', () => s.post('Profiler.start', () => {
  const c0 = process.cpuUsage(); const t0 = performance.now()
  cluster.settle()
  const cpu = process.cpuUsage(c0); const wall = performance.now() - t0
  console.log(`wall ${wall.toFixed(0)} ms, cpu ${(cpu.user / 1000).toFixed(0)} ms, ${(podCount / (cpu.user / 1e6)).toFixed(0)} pods/cpu-s`)
  s.post('Profiler.stop', (_e, { profile }) => { writeFileSync('/tmp/prof/settle.cpuprofile', JSON.stringify(profile)) })
}))

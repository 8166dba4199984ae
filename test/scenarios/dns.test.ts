// cluster.resolve(): what cluster DNS answers (semantics.md §10.5; DESIGN.md §2), read from Services and
// EndpointSlices, so answers follow endpoint readiness.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'
import { CORPUS } from '../corpus'

const corpus = (path: string) => readFileSync(`${CORPUS}/website/content/en/examples/${path}`, 'utf8')
type AnyObj = any
const isReady = (p: AnyObj) => !!p?.status?.conditions?.some((c: AnyObj) => c.type === 'Ready' && c.status === 'True')
const podIP = (c: Cluster, name: string) => (c.get('Pod', name) as AnyObj).status.podIP as string

function webCluster(): Cluster {
  const c = createCluster({ seed: 7 })
  c.apply(corpus('application/web/web.yaml'))
  c.runUntil(() => ['web-0', 'web-1'].every((n) => isReady(c.get('Pod', n))), { timeout: '5m' })
  return c
}

describe('cluster.resolve (semantics.md §10.5)', () => {
  it('answers a ClusterIP Service by every spelling of its name, and kubernetes.default by 10.96.0.1', () => {
    const c = createCluster({ nodes: 0 })
    c.apply(corpus('service/simple-service.yaml'))
    const ip = (c.get('Service', 'my-service') as AnyObj).spec.clusterIP
    for (const name of ['my-service', 'my-service.default', 'my-service.default.svc', 'my-service.default.svc.cluster.local', 'my-service.default.svc.cluster.local.'])
      expect(c.resolve(name)).toEqual([ip])
    expect(c.resolve('kubernetes.default')).toEqual(['10.96.0.1'])
    expect(c.resolve('kubernetes')).toEqual(['10.96.0.1'])
  })

  it('returns nothing (NXDOMAIN) for unknown names and for a short name asked from another namespace', () => {
    const c = createCluster({ nodes: 0 })
    c.apply(corpus('service/simple-service.yaml'))
    expect(c.resolve('nope')).toEqual([])
    expect(c.resolve('my-service.other.svc.cluster.local')).toEqual([])
    expect(c.resolve('my-service', { namespace: 'kube-system' })).toEqual([])
    expect(c.resolve('my-service.default', { namespace: 'kube-system' })).toHaveLength(1)
  })

  it('answers an ExternalName Service with its CNAME target', () => {
    const c = createCluster({ nodes: 0 })
    c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'my.database.example.com' } })
    expect(c.resolve('db')).toEqual(['my.database.example.com'])
  })

  it('answers the headless web.yaml Service with the ready pod IPs, sorted, and each StatefulSet pod by <pod>.<service>', () => {
    const c = webCluster()
    const ips = [podIP(c, 'web-0'), podIP(c, 'web-1')]
    const sorted = [...ips].sort((a, b) => a.split('.').reduce((x, o) => x * 256 + +o, 0) - b.split('.').reduce((x, o) => x * 256 + +o, 0))
    expect(c.resolve('nginx')).toEqual(sorted)
    expect(c.resolve('web-0.nginx')).toEqual([ips[0]])
    expect(c.resolve('web-1.nginx.default.svc.cluster.local')).toEqual([ips[1]])
    expect(c.resolve('web-2.nginx')).toEqual([])
  })

  it('follows readiness: a NotReady pod leaves the headless answer at once', () => {
    const c = webCluster()
    c.crash('web-1')
    c.runUntil(() => !isReady(c.get('Pod', 'web-1')), { timeout: '1m' })
    expect(c.resolve('nginx')).toEqual([podIP(c, 'web-0')])
    expect(c.resolve('web-1.nginx')).toEqual([])
  })

  it('answers <ip-with-dashes>.<ns>.pod.cluster.local with the IP', () => {
    const c = createCluster({ nodes: 0 })
    expect(c.resolve('10-244-1-5.default.pod.cluster.local')).toEqual(['10.244.1.5'])
  })
})

// Services, Endpoints and EndpointSlices end to end (semantics.md §10 and its testable facts; §2.2 Ready;
// §2.8 terminating), on the corpus Services: service/nginx-service.yaml, service/simple-service.yaml,
// application/nginx-app.yaml and the headless Service of application/web/web.yaml.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ValidationError, createCluster, type Cluster } from '../../src/index'
import { CORPUS } from '../corpus'

const EXAMPLES = `${CORPUS}/website/content/en/examples`
const corpus = (path: string) => readFileSync(`${EXAMPLES}/${path}`, 'utf8')

type AnyObj = any

const isReady = (p: AnyObj) => !!p?.status?.conditions?.some((c: AnyObj) => c.type === 'Ready' && c.status === 'True')
const ipOrder = (a: string, b: string) => {
  const n = (ip: string) => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
  return n(a) - n(b)
}
/** The pods matching a selector as Endpoints addresses would list them: {ip, nodeName, targetRef}, by IP. */
function addressesOf(c: Cluster, selector: string, namespace = 'default') {
  return c
    .list('Pod', { labelSelector: selector, namespace })
    .map((p: AnyObj) => ({ ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace, name: p.metadata.name, uid: p.metadata.uid } }))
    .sort((a, b) => ipOrder(a.ip, b.ip))
}
const slicesOf = (c: Cluster, service: string, namespace = 'default'): AnyObj[] => c.list('EndpointSlice', { namespace, labelSelector: `kubernetes.io/service-name=${service}` })
const endpointOf = (c: Cluster, service: string, pod: string): AnyObj =>
  slicesOf(c, service)
    .flatMap((s) => s.endpoints)
    .find((e: AnyObj) => e.targetRef?.name === pod)

function nginxApp(): Cluster {
  const c = createCluster({ seed: 3 })
  c.apply(corpus('application/nginx-app.yaml'))
  c.runUntil(() => c.list('Pod', { labelSelector: 'app.kubernetes.io/name=nginx' }).filter(isReady).length === 3, { timeout: '2m' })
  return c
}

describe('the kubernetes Service (semantics.md §10.1)', () => {
  it('exists from the start with ClusterIP 10.96.0.1, port 443 → 6443 and the API server endpoint 172.18.0.2:6443', () => {
    const c = createCluster()
    const svc: AnyObj = c.get('Service', 'kubernetes')
    expect(svc.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' })
    expect(svc.spec).toMatchObject({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], type: 'ClusterIP', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] })
    expect((c.get('Endpoints', 'kubernetes') as AnyObj).subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }])
    const slice: AnyObj = c.get('EndpointSlice', 'kubernetes')
    expect(slice.endpoints).toEqual([{ addresses: ['172.18.0.2'], conditions: { ready: true } }])
    c.advance('1m')
    expect(c.kubectl('get svc')).toBe(['NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE', 'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60s', ''].join('\n'))
  })
})

describe('Service admission: ClusterIP and node port allocation (semantics.md §10.1)', () => {
  it('gives a new Service a ClusterIP from 10.96.0.0/12 above the static band, the same for the same seed', () => {
    const ips = [1, 1, 2].map((seed) => {
      const c = createCluster({ seed, nodes: 0 })
      c.apply(corpus('service/simple-service.yaml'))
      return (c.get('Service', 'my-service') as AnyObj).spec
    })
    expect(ips[0].clusterIPs).toEqual([ips[0].clusterIP])
    expect(ips[0].clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/)
    expect(ips[0].clusterIP.startsWith('10.96.0.')).toBe(false)
    expect(ips[1].clusterIP).toBe(ips[0].clusterIP)
    expect(ips[2].clusterIP).not.toBe(ips[0].clusterIP)
  })

  it('leaves a headless Service at None and an ExternalName Service without any ClusterIP', () => {
    const c = createCluster({ nodes: 0 })
    c.apply(corpus('application/web/web.yaml').split('---')[0])
    c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } })
    expect((c.get('Service', 'nginx') as AnyObj).spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] })
    const db: AnyObj = c.get('Service', 'db')
    expect(db.spec.clusterIP).toBeUndefined()
    expect(db.spec.clusterIPs).toBeUndefined()
    c.settle()
    expect(c.get('Endpoints', 'db')).toBeUndefined()
    expect(slicesOf(c, 'db')).toEqual([])
  })

  it('refuses a ClusterIP that is already allocated, and frees it as soon as its Service is deleted', () => {
    const c = createCluster({ nodes: 0 })
    const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 80 }] } })
    expect(() => c.create(svc('clash'))).toThrow(ValidationError)
    expect(() => c.create(svc('clash'))).toThrow('spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated')
    c.create({ ...svc('first'), spec: { clusterIP: '10.96.0.50', ports: [{ port: 80 }] } })
    expect(() => c.create({ ...svc('second'), spec: { clusterIP: '10.96.0.50', ports: [{ port: 80 }] } })).toThrow('provided IP is already allocated')
    c.delete('Service', 'first')
    expect((c.create({ ...svc('second'), spec: { clusterIP: '10.96.0.50', ports: [{ port: 80 }] } }) as AnyObj).spec.clusterIP).toBe('10.96.0.50')
  })

  it('allocates node ports for NodePort Services in 30000-32767 and refuses a taken one', () => {
    const c = createCluster({ nodes: 0 })
    const a: AnyObj = c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { type: 'NodePort', selector: { app: 'a' }, ports: [{ port: 80 }] } })
    const nodePort = a.spec.ports[0].nodePort
    expect(nodePort).toBeGreaterThanOrEqual(30000)
    expect(nodePort).toBeLessThanOrEqual(32767)
    expect(() => c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort }] } })).toThrow(
      `spec.ports[0].nodePort: Invalid value: ${nodePort}: provided port is already allocated`,
    )
    expect(() => c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] } })).toThrow(
      'provided port is not in the valid range. The range of valid ports is 30000-32767',
    )
  })

  it('keeps the allocated clusterIP and nodePort when an update omits them, as the API server does', () => {
    const c = createCluster({ nodes: 0 })
    const before: AnyObj = c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { type: 'NodePort', selector: { app: 'a' }, ports: [{ port: 80 }] } })
    const after: AnyObj = c.update({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { type: 'NodePort', selector: { app: 'b' }, ports: [{ port: 80 }] } })
    expect(after.spec.selector).toEqual({ app: 'b' })
    expect(after.spec.clusterIP).toBe(before.spec.clusterIP)
    expect(after.spec.ports[0].nodePort).toBe(before.spec.ports[0].nodePort)
    // A re-apply of the same manifest changes nothing either.
    c.apply(corpus('service/simple-service.yaml'))
    const ip = (c.get('Service', 'my-service') as AnyObj).spec.clusterIP
    c.apply(corpus('service/simple-service.yaml'))
    expect((c.get('Service', 'my-service') as AnyObj).spec.clusterIP).toBe(ip)
  })
})

describe('Endpoints and EndpointSlices for the corpus Services (semantics.md §10.2-§10.4)', () => {
  it('nginx-app.yaml: the LoadBalancer Service gets a node port, <pending> external IP and the 3 nginx pods on port 80', () => {
    const c = nginxApp()
    const svc: AnyObj = c.get('Service', 'my-nginx-svc')
    expect(svc.spec.ports[0]).toMatchObject({ port: 80, protocol: 'TCP', targetPort: 80 })
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000)
    expect(svc.status?.loadBalancer?.ingress).toBeUndefined()
    expect(c.kubectl('get svc my-nginx-svc')).toContain(`LoadBalancer   ${svc.spec.clusterIP}   <pending>     80:${svc.spec.ports[0].nodePort}/TCP`)
    const addresses = addressesOf(c, 'app.kubernetes.io/name=nginx')
    expect(addresses).toHaveLength(3)
    const ep: AnyObj = c.get('Endpoints', 'my-nginx-svc')
    expect(ep.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'nginx' })
    expect(ep.subsets).toEqual([{ addresses, ports: [{ port: 80, protocol: 'TCP' }] }])
    const slices = slicesOf(c, 'my-nginx-svc')
    expect(slices).toHaveLength(1)
    expect(slices[0].metadata.name).toMatch(/^my-nginx-svc-[a-z0-9]{5}$/)
    expect(slices[0].metadata.labels).toEqual({ 'app.kubernetes.io/name': 'nginx', 'kubernetes.io/service-name': 'my-nginx-svc', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' })
    expect(slices[0].metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'my-nginx-svc', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }])
    expect(slices[0].ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }])
    expect(slices[0].endpoints.map((e: AnyObj) => [e.addresses, e.conditions, e.nodeName, e.targetRef]).sort()).toEqual(
      addresses.map((a) => [[a.ip], { ready: true, serving: true, terminating: false }, a.nodeName, a.targetRef]).sort(),
    )
  })

  it('nginx-service.yaml: port 8000 reaches targetPort 80 on the same nginx pods', () => {
    const c = nginxApp()
    c.apply(corpus('service/nginx-service.yaml'))
    c.settle()
    expect((c.get('Endpoints', 'nginx-service') as AnyObj).subsets).toEqual([{ addresses: addressesOf(c, 'app.kubernetes.io/name=nginx'), ports: [{ port: 80, protocol: 'TCP' }] }])
    expect(slicesOf(c, 'nginx-service')[0].ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }])
    const listed = addressesOf(c, 'app.kubernetes.io/name=nginx').map((a) => `${a.ip}:80`).join(',')
    expect(c.kubectl('get endpoints nginx-service').split('\n')[1]).toMatch(new RegExp(`^nginx-service   ${listed.replace(/\./g, '\\.')}   \\d+s$`))
  })

  it('simple-service.yaml: no pods gives an Endpoints object without subsets and one placeholder slice; MyApp pods then appear on 9376', () => {
    const c = createCluster({ seed: 5 })
    c.apply(corpus('service/simple-service.yaml'))
    c.settle()
    expect((c.get('Endpoints', 'my-service') as AnyObj).subsets).toBeUndefined()
    const placeholder = slicesOf(c, 'my-service')
    expect(placeholder.map((s) => [s.endpoints, s.ports])).toEqual([[[], []]])
    for (const name of ['app-1', 'app-2'])
      c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { 'app.kubernetes.io/name': 'MyApp' } }, spec: { containers: [{ name: 'app', image: 'my-app:1' }] } })
    c.runUntil(() => c.list('Pod').filter(isReady).length === 2, { timeout: '1m' })
    expect((c.get('Endpoints', 'my-service') as AnyObj).subsets).toEqual([{ addresses: addressesOf(c, 'app.kubernetes.io/name=MyApp'), ports: [{ port: 9376, protocol: 'TCP' }] }])
    const slices = slicesOf(c, 'my-service')
    // The placeholder became the real slice: same name.
    expect(slices.map((s) => s.metadata.name)).toEqual([placeholder[0].metadata.name])
    expect(slices[0].ports).toEqual([{ name: '', port: 9376, protocol: 'TCP' }])
    expect(slices[0].endpoints).toHaveLength(2)
  })

  it('web.yaml: the headless Service lists web-0 and web-1 with their hostnames (testable fact 6)', () => {
    const c = createCluster({ seed: 7 })
    c.apply(corpus('application/web/web.yaml'))
    c.runUntil(() => ['web-0', 'web-1'].every((n) => isReady(c.get('Pod', n))), { timeout: '5m' })
    const ep: AnyObj = c.get('Endpoints', 'nginx')
    expect(ep.metadata.labels).toEqual({ app: 'nginx', 'service.kubernetes.io/headless': '' })
    const expected = addressesOf(c, 'app=nginx').map((a) => ({ ip: a.ip, hostname: a.targetRef.name, nodeName: a.nodeName, targetRef: a.targetRef }))
    expect(ep.subsets).toEqual([{ addresses: expected, ports: [{ name: 'web', port: 80, protocol: 'TCP' }] }])
    const [slice] = slicesOf(c, 'nginx')
    expect(slice.metadata.labels).toMatchObject({ 'service.kubernetes.io/headless': '' })
    expect(slice.ports).toEqual([{ name: 'web', port: 80, protocol: 'TCP' }])
    expect(slice.endpoints.map((e: AnyObj) => [e.hostname, e.targetRef.name]).sort()).toEqual([
      ['web-0', 'web-0'],
      ['web-1', 'web-1'],
    ])
  })
})

describe('endpoint readiness follows the pods at the same instant (semantics.md §10.2-§10.4, §2.8)', () => {
  it('moves a pod that turns NotReady from addresses to notReadyAddresses, and its slice endpoint to ready=false, at that instant', () => {
    const c = nginxApp()
    const [victim] = c.list('Pod', { labelSelector: 'app.kubernetes.io/name=nginx' }) as AnyObj[]
    c.crash(victim.metadata.name)
    c.runUntil(() => !isReady(c.get('Pod', victim.metadata.name)), { timeout: '1m' })
    const ep: AnyObj = c.get('Endpoints', 'my-nginx-svc')
    expect(ep.subsets[0].notReadyAddresses.map((a: AnyObj) => a.targetRef.name)).toEqual([victim.metadata.name])
    expect(ep.subsets[0].addresses).toHaveLength(2)
    expect(endpointOf(c, 'my-nginx-svc', victim.metadata.name).conditions).toEqual({ ready: false, serving: false, terminating: false })
  })

  it('takes a deleted pod out of Endpoints at once while its slice endpoint stays, terminating, until the pod is gone (testable fact 2)', () => {
    const c = createCluster({ seed: 11 })
    c.apply(corpus('application/nginx-app.yaml'))
    c.edit('Deployment', 'my-nginx', (d: AnyObj) => void (d.spec.template.metadata.annotations = { 'kubesim.io/stop-duration': '20s' }))
    c.runUntil(() => c.list('Pod', { labelSelector: 'app.kubernetes.io/name=nginx' }).filter(isReady).length === 3, { timeout: '2m' })
    const [victim] = c.list('Pod', { labelSelector: 'app.kubernetes.io/name=nginx' }) as AnyObj[]
    const name = victim.metadata.name
    c.delete('Pod', name)
    c.settle()
    const ep: AnyObj = c.get('Endpoints', 'my-nginx-svc')
    expect(ep.subsets.flatMap((s: AnyObj) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]).map((a: AnyObj) => a.targetRef.name)).not.toContain(name)
    expect(endpointOf(c, 'my-nginx-svc', name).conditions).toMatchObject({ ready: false, terminating: true })
    c.runUntil(() => !c.get('Pod', name), { timeout: '1m' })
    expect(endpointOf(c, 'my-nginx-svc', name)).toBeUndefined()
  })

  it('with publishNotReadyAddresses lists unready pods as ready addresses (testable fact 3)', () => {
    const c = createCluster({ seed: 2 })
    c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'peers' }, spec: { selector: { app: 'p' }, clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ port: 7000 }] } })
    c.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p-0', labels: { app: 'p' } },
      spec: { containers: [{ name: 'app', image: 'db:1', readinessProbe: { tcpSocket: { port: 7000 }, initialDelaySeconds: 60 } }] },
    })
    c.runUntil(() => !!(c.get('Pod', 'p-0') as AnyObj)?.status?.podIP, { timeout: '1m' })
    expect(isReady(c.get('Pod', 'p-0'))).toBe(false)
    expect((c.get('Endpoints', 'peers') as AnyObj).subsets[0].addresses.map((a: AnyObj) => a.targetRef.name)).toEqual(['p-0'])
    expect(endpointOf(c, 'peers', 'p-0').conditions).toEqual({ ready: true, serving: false, terminating: false })
  })

  it('deletes the Endpoints and (through owner references) the slices with their Service', () => {
    const c = nginxApp()
    c.delete('Service', 'my-nginx-svc')
    c.settle()
    expect(c.get('Endpoints', 'my-nginx-svc')).toBeUndefined()
    expect(slicesOf(c, 'my-nginx-svc')).toEqual([])
  })
})

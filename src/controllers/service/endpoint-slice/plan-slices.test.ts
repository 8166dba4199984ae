import { describe, expect, it } from 'vitest'
import type { EndpointSlice } from '../../../api/endpoint-slice'
import type { Pod } from '../../../api/pod'
import type { Service } from '../../../api/service'
import { planSlices, type SlicePlanInput } from './plan-slices'

function pod(name: string, ip: string | undefined, options: { ready?: boolean; deleting?: boolean; node?: string; hostname?: string; subdomain?: string; ports?: { name: string; containerPort: number }[] } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...(options.deleting ? { deletionTimestamp: '2025-01-01T00:00:30Z' } : {}) },
    spec: { nodeName: options.node ?? 'node-1', containers: [{ name: 'c', image: 'nginx', ports: options.ports }], hostname: options.hostname, subdomain: options.subdomain },
    status: { phase: 'Running', ...(ip ? { podIP: ip } : {}), conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }] },
  } as Pod
}

const service = (spec: Partial<Service['spec']> = {}, name = 'web'): Service =>
  ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: 'svc-uid', labels: { team: 'a' } },
    spec: { selector: { app: 'web' }, clusterIP: '10.96.10.10', ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], ...spec },
  }) as Service

const nodes: Record<string, { labels: Record<string, string> }> = {
  'node-1': { labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
  'node-2': { labels: {} },
}
const plan = (input: Partial<SlicePlanInput> & { pods: Pod[] }) => planSlices({ service: service(), existing: [], node: (n) => nodes[n], ...input })

/** Gives planned creates a name and stores them, as the API server would. */
const stored = (slices: EndpointSlice[]) => slices.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `web-${i}`, uid: `slice-${i}` } }))

describe('planSlices (semantics.md §10.3)', () => {
  it('sets ready/serving/terminating, nodeName, zone and targetRef per endpoint (testable facts 1 and 2)', () => {
    const { create } = plan({ pods: [pod('a', '10.244.1.2'), pod('b', '10.244.1.3', { ready: false }), pod('c', '10.244.1.4', { deleting: true }), pod('d', '10.244.2.2', { node: 'node-2' })] })
    expect(create).toHaveLength(1)
    const [slice] = create
    expect(slice.metadata).toMatchObject({
      generateName: 'web-',
      namespace: 'default',
      labels: { team: 'a', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
    })
    expect(slice.addressType).toBe('IPv4')
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }])
    expect(slice.endpoints).toEqual([
      { addresses: ['10.244.1.2'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1', zone: 'zone-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } },
      { addresses: ['10.244.1.3'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'node-1', zone: 'zone-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } },
      { addresses: ['10.244.1.4'], conditions: { ready: false, serving: true, terminating: true }, nodeName: 'node-1', zone: 'zone-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } },
      { addresses: ['10.244.2.2'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-2', targetRef: { kind: 'Pod', namespace: 'default', name: 'd', uid: 'uid-d' } },
    ])
  })

  it('marks every endpoint ready with publishNotReadyAddresses (testable fact 3)', () => {
    const { create } = plan({ service: service({ publishNotReadyAddresses: true }), pods: [pod('b', '10.244.1.3', { ready: false }), pod('c', '10.244.1.4', { deleting: true })] })
    expect(create[0].endpoints.map((e) => e.conditions)).toEqual([
      { ready: true, serving: false, terminating: false },
      { ready: true, serving: true, terminating: true },
    ])
  })

  it('leaves out pods without an IP and pods whose Node does not exist (testable fact 4)', () => {
    const { create } = plan({ pods: [pod('a', undefined), pod('b', '10.244.9.2', { node: 'gone' }), pod('c', '10.244.1.2')] })
    expect(create[0].endpoints.map((e) => e.targetRef?.name)).toEqual(['c'])
  })

  it('splits 250 endpoints into slices of 100, 100 and 50 (testable fact 5)', () => {
    const pods = Array.from({ length: 250 }, (_, i) => pod(`p${String(i).padStart(3, '0')}`, `10.244.${1 + Math.floor(i / 200)}.${(i % 200) + 2}`))
    expect(plan({ pods }).create.map((s) => s.endpoints.length)).toEqual([100, 100, 50])
  })

  it('keeps one placeholder slice without endpoints or ports for a Service with no pods, and keeps it stable', () => {
    const first = plan({ pods: [] })
    expect(first.create).toHaveLength(1)
    expect(first.create[0].endpoints).toEqual([])
    expect(first.create[0].ports).toEqual([])
    expect(plan({ pods: [], existing: stored(first.create) })).toEqual({ create: [], update: [], delete: [] })
  })

  it('turns the placeholder into the first real slice (same name) when a pod appears', () => {
    const placeholder = stored(plan({ pods: [] }).create)
    const next = plan({ pods: [pod('a', '10.244.1.2')], existing: placeholder })
    expect(next.create).toEqual([])
    expect(next.delete).toEqual([])
    expect(next.update.map((s) => [s.metadata.name, s.endpoints.length, s.ports])).toEqual([['web-0', 1, [{ name: 'http', port: 8080, protocol: 'TCP' }]]])
  })

  it('updates an endpoint in place when its pod turns NotReady, and drops it when the pod is gone', () => {
    const existing = stored(plan({ pods: [pod('a', '10.244.1.2'), pod('b', '10.244.1.3')] }).create)
    const notReady = plan({ pods: [pod('a', '10.244.1.2', { ready: false }), pod('b', '10.244.1.3')], existing })
    expect(notReady.update).toHaveLength(1)
    expect(notReady.update[0].endpoints.map((e) => [e.targetRef?.name, e.conditions?.ready])).toEqual([['a', false], ['b', true]])
    const gone = plan({ pods: [pod('b', '10.244.1.3')], existing })
    expect(gone.update[0].endpoints.map((e) => e.targetRef?.name)).toEqual(['b'])
    expect(plan({ pods: [pod('a', '10.244.1.2'), pod('b', '10.244.1.3')], existing })).toEqual({ create: [], update: [], delete: [] })
  })

  it('puts pods that resolve a named port differently into separate slices', () => {
    const svc = service({ ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] })
    const { create } = plan({ service: svc, pods: [pod('a', '10.244.1.2', { ports: [{ name: 'web', containerPort: 8080 }] }), pod('b', '10.244.1.3', { ports: [{ name: 'web', containerPort: 9090 }] })] })
    expect(create.map((s) => [s.ports?.[0].port, s.endpoints.map((e) => e.targetRef?.name)])).toEqual([
      [8080, ['a']],
      [9090, ['b']],
    ])
  })

  it('carries the hostname of a pod whose subdomain is this headless Service, and the headless label (testable fact 6)', () => {
    const svc = service({ clusterIP: 'None', ports: [{ name: 'web', port: 80, targetPort: 80, protocol: 'TCP' }] }, 'nginx')
    const { create } = plan({ service: svc, pods: [pod('web-0', '10.244.1.2', { hostname: 'web-0', subdomain: 'nginx' })] })
    expect(create[0].endpoints[0].hostname).toBe('web-0')
    expect(create[0].metadata.labels).toMatchObject({ 'service.kubernetes.io/headless': '', 'kubernetes.io/service-name': 'nginx' })
  })
})

import { describe, expect, it } from 'vitest'
import type { Endpoints } from '../../../api/endpoints'
import type { Pod } from '../../../api/pod'
import type { Service } from '../../../api/service'
import { parseRfc3339 } from '../../../sim/time'
import { computeEndpointSubsets, planEndpoints, truncateSubsets } from './plan-endpoints'

function pod(name: string, ip: string | undefined, options: { ready?: boolean; deleting?: boolean; phase?: string; ports?: { name: string; containerPort: number }[]; hostname?: string; subdomain?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...(options.deleting ? { deletionTimestamp: '2025-01-01T00:00:30Z' } : {}) },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx', ports: options.ports }], hostname: options.hostname, subdomain: options.subdomain },
    status: {
      phase: options.phase ?? 'Running',
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True', lastTransitionTime: '2025-01-01T00:00:03Z' }],
    },
  } as Pod
}

function service(spec: Partial<Service['spec']> = {}, name = 'web'): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: 'svc-uid', creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { selector: { app: 'web' }, clusterIP: '10.96.10.10', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], ...spec },
  } as Service
}

const ref = (name: string) => ({ kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` })

describe('planEndpoints (semantics.md §10.2, §10.4)', () => {
  it('puts Ready pods in addresses and the others in notReadyAddresses (testable fact 1)', () => {
    const subsets = computeEndpointSubsets(service(), [pod('a', '10.244.1.2'), pod('b', '10.244.1.10'), pod('c', '10.244.1.3', { ready: false })])
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.1.2', nodeName: 'node-1', targetRef: ref('a') },
          { ip: '10.244.1.10', nodeName: 'node-1', targetRef: ref('b') },
        ],
        notReadyAddresses: [{ ip: '10.244.1.3', nodeName: 'node-1', targetRef: ref('c') }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ])
  })

  it('leaves out pods without an IP, terminal pods and terminating pods (testable facts 2 and 4)', () => {
    const subsets = computeEndpointSubsets(service(), [pod('pending', undefined), pod('done', '10.244.1.4', { phase: 'Succeeded' }), pod('going', '10.244.1.5', { deleting: true })])
    expect(subsets).toEqual([])
  })

  it('lists every pod as ready with publishNotReadyAddresses, terminating ones included (testable fact 3)', () => {
    const subsets = computeEndpointSubsets(service({ publishNotReadyAddresses: true }), [pod('a', '10.244.1.2', { ready: false }), pod('b', '10.244.1.3', { deleting: true })])
    expect(subsets.map((s) => [s.addresses?.map((a) => a.ip), s.notReadyAddresses])).toEqual([[['10.244.1.2', '10.244.1.3'], undefined]])
  })

  it('resolves a named targetPort per pod and groups pods by the ports they serve', () => {
    const svc = service({ ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] })
    const subsets = computeEndpointSubsets(svc, [pod('a', '10.244.1.2', { ports: [{ name: 'web', containerPort: 8080 }] }), pod('b', '10.244.1.3', { ports: [{ name: 'web', containerPort: 9090 }] }), pod('c', '10.244.1.4')])
    expect(subsets).toEqual([
      { addresses: [{ ip: '10.244.1.2', nodeName: 'node-1', targetRef: ref('a') }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [{ ip: '10.244.1.3', nodeName: 'node-1', targetRef: ref('b') }], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
    ])
  })

  it('sets hostname when the pod names this Service as its subdomain', () => {
    const svc = service({ clusterIP: 'None', ports: [{ name: 'web', port: 80, targetPort: 80, protocol: 'TCP' }] }, 'nginx')
    const [subset] = computeEndpointSubsets(svc, [pod('web-0', '10.244.1.2', { hostname: 'web-0', subdomain: 'nginx' }), pod('other', '10.244.1.3', { hostname: 'other', subdomain: 'else' })])
    expect(subset.addresses!.map((a) => a.hostname)).toEqual(['web-0', undefined])
  })

  it('creates the object with the Service labels, the headless label and the trigger time; writes nothing when equal', () => {
    const svc = { ...service({ clusterIP: 'None' }), metadata: { ...service().metadata, labels: { app: 'web' } } } as Service
    const first = planEndpoints(svc, [pod('a', '10.244.1.2')], undefined, parseRfc3339('2025-01-01T00:00:03Z'))
    expect(first.action).toBe('create')
    const object = (first as { object: Endpoints }).object
    expect(object.metadata.labels).toEqual({ app: 'web', 'service.kubernetes.io/headless': '' })
    expect(object.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2025-01-01T00:00:03Z' })
    expect(planEndpoints(svc, [pod('a', '10.244.1.2')], object, undefined)).toEqual({ action: 'none' })
  })

  it('caps at 1000 addresses, ready ones first, and marks the object truncated', () => {
    const pods = Array.from({ length: 1005 }, (_, i) => pod(`p${i}`, `10.244.${Math.floor(i / 250)}.${(i % 250) + 1}`, { ready: i >= 5 }))
    const { subsets, truncated } = truncateSubsets(computeEndpointSubsets(service(), pods))
    expect(truncated).toBe(true)
    expect(subsets[0].addresses).toHaveLength(1000)
    expect(subsets[0].notReadyAddresses).toBeUndefined()
    const plan = planEndpoints(service(), pods, undefined, undefined) as { object: Endpoints }
    expect(plan.object.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' })
  })
})

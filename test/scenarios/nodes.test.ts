// Virtual nodes as their kubelets register them (semantics.md §11.1, DESIGN.md §2 NodeSpec), the node
// facade (addNode, removeNode, cordon, uncordon), the kubelet power handle used by stopNode/startNode,
// and determinism of what the kubelets write.
import { describe, expect, it } from 'vitest'
import { createCluster } from '../../src/index'

type Any = any

const pod = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx:1.14.2' }], ...spec },
})

describe('nodes registered by their kubelet (semantics.md §11.1)', () => {
  it('creates node-1..node-3 by default with the well-known labels, capacity, conditions and nodeInfo', () => {
    const cluster = createCluster({ seed: 1 })
    const nodes = cluster.list('Node') as Any[]
    expect(nodes.map((n) => n.metadata.name)).toEqual(['node-1', 'node-2', 'node-3'])
    const n = nodes[1]
    expect(n.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-2',
      'kubernetes.io/os': 'linux',
    })
    expect(n.spec).toEqual({ podCIDR: '10.244.2.0/24', podCIDRs: ['10.244.2.0/24'] })
    expect(n.status.capacity).toMatchObject({ cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' })
    expect(n.status.allocatable).toEqual(n.status.capacity)
    expect(n.status.conditions.map((c: Any) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ])
    expect(n.status.conditions[3].message).toBe('kubelet is posting ready status')
    expect(n.status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'node-2' },
    ])
    expect(n.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.34.0', containerRuntimeVersion: 'containerd://1.7.27', operatingSystem: 'linux', architecture: 'amd64' })
    expect(n.status.nodeInfo.machineID).toMatch(/^[0-9a-f]{32}$/)
    expect(n.status.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } })
    expect(cluster.trace().find((t) => t.kind === 'Node' && t.name === 'node-2')!.actor).toBe('kubelet/node-2')
  })

  it('writes one Lease per node in kube-node-lease and does not renew it while nothing changes', () => {
    const cluster = createCluster({ seed: 1 })
    const lease = cluster.get('Lease', 'node-1', { namespace: 'kube-node-lease' }) as Any
    expect(lease.spec).toEqual({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.000000Z' })
    expect(lease.metadata.ownerReferences[0]).toMatchObject({ kind: 'Node', name: 'node-1' })
    const before = cluster.trace().length
    cluster.advance('1h')
    expect(cluster.trace().filter((t) => t.actor.startsWith('kubelet/')).length).toBe(cluster.trace().slice(0, before).filter((t) => t.actor.startsWith('kubelet/')).length)
  })

  it('honours node specs: name, zone label, user labels, taints, unschedulable and capacity', () => {
    const cluster = createCluster({
      nodes: [
        { name: 'big', zone: 'eu-west-1a', labels: { disktype: 'ssd' }, capacity: { cpu: '16', memory: '64Gi' } },
        { name: 'gpu', taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }], unschedulable: true },
      ],
    })
    const big = cluster.get('Node', 'big') as Any
    expect(big.metadata.labels).toMatchObject({ 'topology.kubernetes.io/zone': 'eu-west-1a', disktype: 'ssd', 'kubernetes.io/hostname': 'big' })
    expect(big.status.capacity).toMatchObject({ cpu: '16', memory: '64Gi', pods: '110' })
    const gpu = cluster.get('Node', 'gpu') as Any
    expect(gpu.spec).toMatchObject({ unschedulable: true, taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }], podCIDR: '10.244.2.0/24' })
  })

  it('nodes: 0 makes a cluster without nodes', () => {
    expect(createCluster({ nodes: 0 }).list('Node')).toEqual([])
  })
})

describe('node facade (DESIGN.md §2)', () => {
  it('addNode registers a new node that runs pods; removeNode deletes it and its Lease', () => {
    const cluster = createCluster({ nodes: 1 })
    const node = cluster.addNode({ name: 'extra', labels: { pool: 'b' } })
    expect(node.metadata.labels).toMatchObject({ pool: 'b', 'kubernetes.io/hostname': 'extra' })
    expect(cluster.addNode().metadata.name).toBe('node-3')
    cluster.create(pod('there', { nodeName: 'extra' }))
    cluster.advance('5s')
    expect((cluster.get('Pod', 'there') as Any).status.podIP).toBe('10.244.2.2')
    cluster.removeNode('extra')
    cluster.settle()
    expect(cluster.get('Node', 'extra')).toBeUndefined()
    expect(cluster.get('Lease', 'extra', { namespace: 'kube-node-lease' })).toBeUndefined()
    expect(() => cluster.removeNode('extra')).toThrow(/not found/)
  })

  it('cordon and uncordon toggle spec.unschedulable', () => {
    const cluster = createCluster({ nodes: 2 })
    expect((cluster.cordon('node-1') as Any).spec.unschedulable).toBe(true)
    expect((cluster.uncordon('node-1') as Any).spec.unschedulable).toBeUndefined()
    expect(cluster.trace().filter((t) => t.kind === 'Node' && t.name === 'node-1' && t.actor === 'user').length).toBe(2)
  })

  it('a pod without nodeName is scheduled by the scheduler and then run by the kubelet', () => {
    const cluster = createCluster({ seed: 1 })
    cluster.create(pod('plain'))
    cluster.runUntil(() => (cluster.get('Pod', 'plain') as Any).status?.conditions?.some((c: Any) => c.type === 'Ready' && c.status === 'True'))
    const p = cluster.get('Pod', 'plain') as Any
    expect(cluster.elapsed()).toBe(3000)
    expect(p.spec.nodeName).toMatch(/^node-[123]$/)
    expect(p.status.conditions.map((c: Any) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'])
    const reasons = cluster.events({ involvedObject: { kind: 'Pod', name: 'plain' } }).map((e: Any) => e.reason)
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'])
  })
})

describe('kubelet power handle (used by stopNode/startNode)', () => {
  it('powered off: the pod is not serving and nothing is written; powered on: the containers restart', () => {
    const cluster = createCluster({ seed: 1, nodes: 1 })
    const kubelet = cluster.env.kubelet!
    cluster.create(pod('web', { nodeName: 'node-1' }))
    cluster.advance('5s')
    expect(kubelet.isServing('default', 'web')).toBe(true)
    kubelet.setPowered('node-1', false)
    expect(kubelet.isPowered('node-1')).toBe(false)
    expect(kubelet.isServing('default', 'web')).toBe(false)
    const before = cluster.trace().length
    cluster.advance('2m')
    expect(cluster.trace().slice(before).filter((t) => t.actor === 'kubelet/node-1')).toEqual([])
    kubelet.setPowered('node-1', true)
    cluster.advance('2s')
    const cs = (cluster.get('Pod', 'web') as Any).status.containerStatuses[0]
    expect(cs.restartCount).toBe(1)
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown', finishedAt: '2025-01-01T00:00:05Z' })
    expect(cs.state.running.startedAt).toBe('2025-01-01T00:02:06Z')
    expect(kubelet.isServing('default', 'web')).toBe(true)
  })

  it('profileFor resolves defaults → images entry (full reference, then name) → pod annotations', () => {
    const cluster = createCluster({ images: { nginx: { startDuration: '3s', runDuration: '1m' }, 'nginx:1.14.2': { readyAfter: '4s' } } })
    const p = cluster.create(pod('x', { restartPolicy: 'Never' })) as Any
    const profile = cluster.env.kubelet!.profileFor(p, 'app')
    expect(profile).toMatchObject({ pullDurationMs: 2000, startDurationMs: 3000, readyAfterMs: 4000, runDurationMs: 60_000, exitCode: 0 })
    const annotated = cluster.create({ ...pod('y'), metadata: { name: 'y', annotations: { 'kubesim.io/start-duration': '5s' } } }) as Any
    expect(cluster.env.kubelet!.profileFor(annotated, 'app')).toMatchObject({ startDurationMs: 5000, runDurationMs: 60_000 })
  })
})

describe('determinism', () => {
  it('the same seed gives the same pod IPs, container IDs and trace hash', () => {
    const run = (seed: number) => {
      const cluster = createCluster({ seed })
      for (let i = 0; i < 6; i++) cluster.create(pod(`p${i}`, { restartPolicy: i % 2 ? 'Never' : 'Always' }))
      cluster.advance('1m')
      const pods = cluster.list('Pod') as Any[]
      return { hash: cluster.traceHash(), ips: pods.map((p) => `${p.spec.nodeName}:${p.status.podIP}`), ids: pods.map((p) => p.status.containerStatuses[0].containerID) }
    }
    const a = run(42)
    expect(run(42)).toEqual(a)
    expect(new Set(a.ips).size).toBe(6)
    expect(run(43).hash).not.toBe(a.hash)
  })
})

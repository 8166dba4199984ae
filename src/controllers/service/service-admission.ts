// The API server's Service registry strategy, as a mutating admission hook: on create it allocates
// the ClusterIP (unless headless or ExternalName) and node ports (NodePort, LoadBalancer); on update
// it copies allocated values the new object omits (patchAllocatedValues), drops them when the type
// no longer needs them (dropTypeDependentFields), and allocates what a type change newly needs.
// A requested value that is taken or out of range is refused with the allocator's message.
// Dry runs check requests but allocate nothing. Values are freed when their Service stops holding them.
import { ValidationError } from '../../api/errors'
import type { Random } from '../../sim/random'
import { objectKey, type ObjectKey } from '../../store/keys'
import type { Store, WriteContext } from '../../store/store'
import { ServiceAllocator } from './service-allocator'

interface ServicePortDraft {
  name?: string
  port: number
  protocol?: string
  nodePort?: number
}

interface ServiceDraft {
  metadata: { name: string; namespace?: string }
  spec: {
    type?: string
    clusterIP?: string
    clusterIPs?: string[]
    ipFamilies?: string[]
    ipFamilyPolicy?: string
    ports?: ServicePortDraft[]
    allocateLoadBalancerNodePorts?: boolean
  }
}

const needsClusterIP = (s: ServiceDraft | undefined) => !!s && s.spec?.type !== 'ExternalName'
const needsNodePorts = (s: ServiceDraft | undefined) =>
  !!s && (s.spec?.type === 'NodePort' || (s.spec?.type === 'LoadBalancer' && s.spec.allocateLoadBalancerNodePorts !== false))
const hasPorts = (s: ServiceDraft | undefined) => !!s && (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer')

/** Registers the hook on the store; returns the allocator (the `kubernetes` Service claims 10.96.0.1 through it). */
export function registerServiceAdmission(store: Store, random: Random): ServiceAllocator {
  const allocator = new ServiceAllocator(random, (key, value) => {
    const svc = store.get<ServiceDraft>('Service', key)
    if (!svc) return false
    if (typeof value === 'string') return needsClusterIP(svc) && (svc.spec.clusterIPs ?? [svc.spec.clusterIP]).includes(value)
    return (svc.spec.ports ?? []).some((p) => p.nodePort === value)
  })
  store.addAdmission('Service', (draft: ServiceDraft, _operation, previous, ctx) => admitService(allocator, draft, previous as ServiceDraft | undefined, ctx))
  // Free eagerly on deletion (lookups also free lazily, so a delete followed at once by a create works).
  store.watch('Service', (event) => {
    if (event.type !== 'DELETED') return
    const svc = event.object as unknown as ServiceDraft
    const key = objectKey(svc.metadata.namespace, svc.metadata.name)
    for (const ip of svc.spec?.clusterIPs ?? []) allocator.releaseClusterIP(ip, key)
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) allocator.releaseNodePort(p.nodePort, key)
  })
  return allocator
}

export function admitService(allocator: ServiceAllocator, svc: ServiceDraft, previous: ServiceDraft | undefined, ctx: Pick<WriteContext, 'dryRun'>): void {
  svc.spec ??= {}
  const spec = svc.spec
  const key = objectKey(svc.metadata.namespace ?? 'default', svc.metadata.name)
  if (previous) {
    patchAllocatedValues(svc, previous)
    dropTypeDependentFields(svc, previous)
  }
  if (needsClusterIP(svc)) admitClusterIP(allocator, svc, previous, key, ctx)
  if (hasPorts(svc)) admitNodePorts(allocator, svc, previous, key, ctx)
  if (spec.clusterIPs?.length === 0) delete spec.clusterIPs
}

/** Omitted allocated values are kept: an update without clusterIP or nodePort does not change them. */
function patchAllocatedValues(svc: ServiceDraft, previous: ServiceDraft): void {
  const spec = svc.spec
  if (needsClusterIP(previous) && needsClusterIP(svc) && (spec.clusterIP === undefined || spec.clusterIP === '')) {
    if (previous.spec.clusterIP) spec.clusterIP = previous.spec.clusterIP
    if (previous.spec.clusterIPs && (spec.clusterIPs === undefined || spec.clusterIPs.length === 0)) spec.clusterIPs = [...previous.spec.clusterIPs]
  }
  if (needsNodePorts(previous) && needsNodePorts(svc)) {
    const used = new Set((spec.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n))
    const byName = new Map((previous.spec.ports ?? []).map((p) => [p.name ?? '', p.nodePort]))
    for (const port of spec.ports ?? []) {
      if (port.nodePort) continue
      const old = byName.get(port.name ?? '')
      if (old && !used.has(old)) port.nodePort = old
    }
  }
}

/** A type change away from ClusterIP/NodePort clears the values the old type had, when left unchanged. */
function dropTypeDependentFields(svc: ServiceDraft, previous: ServiceDraft): void {
  const spec = svc.spec
  if (needsClusterIP(previous) && !needsClusterIP(svc)) {
    if (!spec.clusterIP || spec.clusterIP === previous.spec.clusterIP) {
      delete spec.clusterIP
      delete spec.clusterIPs
      delete spec.ipFamilies
      delete spec.ipFamilyPolicy
    }
  }
  if (hasPorts(previous) && !hasPorts(svc)) {
    const before = (previous.spec.ports ?? []).map((p) => p.nodePort ?? 0)
    const after = (spec.ports ?? []).map((p) => p.nodePort ?? 0)
    if (after.every((n) => n === 0 || before.includes(n))) for (const port of spec.ports ?? []) delete port.nodePort
  }
}

function admitClusterIP(allocator: ServiceAllocator, svc: ServiceDraft, previous: ServiceDraft | undefined, key: ObjectKey, ctx: Pick<WriteContext, 'dryRun'>): void {
  const spec = svc.spec
  const requested = spec.clusterIP || spec.clusterIPs?.[0] || ''
  if (requested === 'None') {
    spec.clusterIP = 'None'
    spec.clusterIPs = ['None']
    return
  }
  if (requested === '') {
    if (ctx.dryRun) return
    const ip = allocator.allocateClusterIP(key)
    if (!ip) throw invalid(svc, ['spec', 'clusterIPs'], 'Internal error: failed to allocate a serviceIP: range is full')
    spec.clusterIP = ip
    spec.clusterIPs = [ip]
    return
  }
  spec.clusterIP = requested
  if (!spec.clusterIPs?.length) spec.clusterIPs = [requested]
  const unchanged = previous && needsClusterIP(previous) && previous.spec.clusterIP === requested
  if (unchanged) return
  const problem = allocator.clusterIPProblem(requested, key)
  if (problem)
    throw invalid(svc, ['spec', 'clusterIPs'], `Invalid value: []string{${spec.clusterIPs.map((ip) => JSON.stringify(ip)).join(', ')}}: failed to allocate IP ${requested}: ${problem}`)
  if (!ctx.dryRun) allocator.claimClusterIP(requested, key)
}

function admitNodePorts(allocator: ServiceAllocator, svc: ServiceDraft, previous: ServiceDraft | undefined, key: ObjectKey, ctx: Pick<WriteContext, 'dryRun'>): void {
  const ports = svc.spec.ports ?? []
  const held = new Set((previous && hasPorts(previous) ? previous.spec.ports ?? [] : []).map((p) => p.nodePort).filter((n): n is number => !!n))
  const requested = new Set<number>()
  ports.forEach((port, i) => {
    if (!port.nodePort) return
    if (!held.has(port.nodePort) && !requested.has(port.nodePort)) {
      const problem = allocator.nodePortProblem(port.nodePort, key)
      if (problem) throw invalid(svc, ['spec', 'ports', i, 'nodePort'], `Invalid value: ${port.nodePort}: ${problem}`)
    }
    requested.add(port.nodePort)
    if (!ctx.dryRun) allocator.claimNodePort(port.nodePort, key)
  })
  if (!needsNodePorts(svc) || ctx.dryRun) return
  for (const port of ports) {
    if (port.nodePort) continue
    const allocated = allocator.allocateNodePort(key, requested)
    if (allocated === undefined) throw invalid(svc, ['spec', 'ports'], 'Internal error: failed to allocate a nodePort: range is full')
    port.nodePort = allocated
    requested.add(allocated)
  }
}

function invalid(svc: ServiceDraft, segments: (string | number)[], message: string): ValidationError {
  const path = segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('')
  return new ValidationError([{ path, message, object: `Service/${svc.metadata.name}`, segments }], `Service "${svc.metadata.name}" is invalid`)
}

// The API server's Service allocators: ClusterIPs from the service CIDR and node ports from
// 30000-32767. As upstream, a dynamic allocation prefers the upper part of the range, leaving the
// lower band (min(max(16, size/16), 256) IPs; min(max(16, size/16), 128) ports) to static requests;
// the choice inside the band is a seeded random start followed by a linear probe (upstream: random).
// A holder that no longer holds its value (deleted, changed type, never stored) frees it lazily.
import type { Random } from '../../sim/random'
import type { ObjectKey } from '../../store/keys'
import { parseIpv4Cidr, toIpv4Number, toIpv4Text, type Ipv4Range } from './ip-range'

export const SERVICE_CLUSTER_IP_RANGE = '10.96.0.0/12'
export const NODE_PORT_MIN = 30000
export const NODE_PORT_MAX = 32767

/** Whether the Service at `key` still uses `value` (asked before treating a value as taken). */
export type HolderCheck = (key: ObjectKey, value: string | number) => boolean

/** The default range, parsed once per process: every cluster's allocator starts from it (read only). */
const DEFAULT_RANGE: Ipv4Range = Object.freeze(parseIpv4Cidr(SERVICE_CLUSTER_IP_RANGE))

export class ServiceAllocator {
  readonly range: Ipv4Range
  private readonly ips = new Map<number, ObjectKey>()
  private readonly ports = new Map<number, ObjectKey>()

  constructor(
    private readonly random: Random,
    private readonly holds: HolderCheck,
    cidr = SERVICE_CLUSTER_IP_RANGE,
  ) {
    this.range = cidr === SERVICE_CLUSTER_IP_RANGE ? DEFAULT_RANGE : parseIpv4Cidr(cidr)
  }

  // ---- cluster IPs -------------------------------------------------------------------------------

  /** Why `ip` cannot be given to the Service at `key`, in the allocator's words; undefined when it can. */
  clusterIPProblem(ip: string, key: ObjectKey): string | undefined {
    const n = toIpv4Number(ip)
    const { base, size, cidr } = this.range
    if (n === undefined || n <= base || n >= base + size - 1)
      return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${cidr}`
    return this.heldByOther(this.ips, n, key, ip) ? 'provided IP is already allocated' : undefined
  }

  claimClusterIP(ip: string, key: ObjectKey): void {
    const n = toIpv4Number(ip)
    if (n !== undefined) this.ips.set(n, key)
  }

  /** A free address from the dynamic band (then the static band); undefined when the range is full. */
  allocateClusterIP(key: ObjectKey): string | undefined {
    const { base, size } = this.range
    const band = Math.min(Math.max(16, Math.floor(size / 16)), 256)
    // Usable offsets are 1 .. size-2 (no network or broadcast address).
    const n = this.pick(this.ips, base + band, base + size - 2, key) ?? this.pick(this.ips, base + 1, base + band - 1, key)
    if (n === undefined) return undefined
    this.ips.set(n, key)
    return toIpv4Text(n)
  }

  releaseClusterIP(ip: string, key: ObjectKey): void {
    const n = toIpv4Number(ip)
    if (n !== undefined && this.ips.get(n) === key) this.ips.delete(n)
  }

  // ---- node ports --------------------------------------------------------------------------------

  nodePortProblem(port: number, key: ObjectKey): string | undefined {
    if (port < NODE_PORT_MIN || port > NODE_PORT_MAX)
      return `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`
    return this.heldByOther(this.ports, port, key, port) ? 'provided port is already allocated' : undefined
  }

  claimNodePort(port: number, key: ObjectKey): void {
    this.ports.set(port, key)
  }

  allocateNodePort(key: ObjectKey, avoid: ReadonlySet<number> = new Set()): number | undefined {
    const size = NODE_PORT_MAX - NODE_PORT_MIN + 1
    const band = Math.min(Math.max(16, Math.floor(size / 16)), 128)
    const taken = (p: number) => avoid.has(p)
    const port = this.pick(this.ports, NODE_PORT_MIN + band, NODE_PORT_MAX, key, taken) ?? this.pick(this.ports, NODE_PORT_MIN, NODE_PORT_MIN + band - 1, key, taken)
    if (port === undefined) return undefined
    this.ports.set(port, key)
    return port
  }

  releaseNodePort(port: number, key: ObjectKey): void {
    if (this.ports.get(port) === key) this.ports.delete(port)
  }

  // ---- internals ---------------------------------------------------------------------------------

  private heldByOther(map: Map<number, ObjectKey>, n: number, key: ObjectKey, value: string | number): boolean {
    const holder = map.get(n)
    if (holder === undefined || holder === key) return false
    if (this.holds(holder, value)) return true
    map.delete(n)
    return false
  }

  /** A seeded random start in [low, high], then the first free value going up (wrapping). */
  private pick(map: Map<number, ObjectKey>, low: number, high: number, key: ObjectKey, avoid?: (n: number) => boolean): number | undefined {
    if (high < low) return undefined
    const span = high - low + 1
    const start = this.random.int(span)
    for (let i = 0; i < span; i++) {
      const n = low + ((start + i) % span)
      if (avoid?.(n)) continue
      const text = map === this.ips ? toIpv4Text(n) : n
      if (!this.heldByOther(map, n, key, text)) return n
    }
    return undefined
  }
}

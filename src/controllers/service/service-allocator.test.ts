import { describe, expect, it } from 'vitest'
import { createRandom } from '../../sim/random'
import { toIpv4Number } from './ip-range'
import { ServiceAllocator } from './service-allocator'

const holdsEverything = () => true

describe('ServiceAllocator (semantics.md §10.1)', () => {
  it('allocates ClusterIPs from the upper part of 10.96.0.0/12, leaving 10.96.0.0-10.96.0.255 to static requests', () => {
    const allocator = new ServiceAllocator(createRandom(1), holdsEverything)
    for (let i = 0; i < 50; i++) {
      const n = toIpv4Number(allocator.allocateClusterIP(`default/s${i}`)!)!
      expect(n).toBeGreaterThanOrEqual(toIpv4Number('10.96.1.0')!)
      expect(n).toBeLessThanOrEqual(toIpv4Number('10.111.255.254')!)
    }
  })

  it('is deterministic: the same seed gives the same addresses', () => {
    const a = new ServiceAllocator(createRandom(7), holdsEverything)
    const b = new ServiceAllocator(createRandom(7), holdsEverything)
    expect([a.allocateClusterIP('x/1'), a.allocateClusterIP('x/2')]).toEqual([b.allocateClusterIP('x/1'), b.allocateClusterIP('x/2')])
  })

  it('refuses a requested IP held by another Service, outside the range, or the network address', () => {
    const allocator = new ServiceAllocator(createRandom(1), holdsEverything)
    allocator.claimClusterIP('10.96.0.10', 'kube-system/kube-dns')
    expect(allocator.clusterIPProblem('10.96.0.10', 'default/mine')).toBe('provided IP is already allocated')
    expect(allocator.clusterIPProblem('10.96.0.10', 'kube-system/kube-dns')).toBeUndefined()
    expect(allocator.clusterIPProblem('192.168.0.1', 'default/mine')).toBe('the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12')
    expect(allocator.clusterIPProblem('10.96.0.0', 'default/mine')).toMatch(/not in the valid range/)
  })

  it('frees a value whose holder no longer holds it (deleted Service)', () => {
    let held = true
    const allocator = new ServiceAllocator(createRandom(1), () => held)
    allocator.claimClusterIP('10.96.0.20', 'default/old')
    expect(allocator.clusterIPProblem('10.96.0.20', 'default/new')).toBe('provided IP is already allocated')
    held = false
    expect(allocator.clusterIPProblem('10.96.0.20', 'default/new')).toBeUndefined()
  })

  it('allocates node ports in 30128-32767 first and refuses taken or out-of-range ones', () => {
    const allocator = new ServiceAllocator(createRandom(1), holdsEverything)
    const port = allocator.allocateNodePort('default/a')!
    expect(port).toBeGreaterThanOrEqual(30128)
    expect(port).toBeLessThanOrEqual(32767)
    expect(allocator.nodePortProblem(port, 'default/b')).toBe('provided port is already allocated')
    expect(allocator.nodePortProblem(80, 'default/b')).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767')
  })
})

// The simulated metrics registry behind setMetrics (DESIGN.md §2 setMetrics, §3 cpuUsage/memoryUsage).
import { describe, expect, it } from 'vitest'
import type { Stored } from '../api/meta'
import type { Pod } from '../api/pod'
import { MetricsRegistry } from './metrics'

function pod(name: string, labels: Record<string, string>, containers: { name: string; cpu?: string; memory?: string }[]): Stored<Pod> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels, uid: name, resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { containers: containers.map((c) => ({ name: c.name, image: 'x', resources: { requests: { ...(c.cpu ? { cpu: c.cpu } : {}), ...(c.memory ? { memory: c.memory } : {}) } } })) },
  } as Stored<Pod>
}

describe('MetricsRegistry', () => {
  const web = pod('web-1', { app: 'web' }, [{ name: 'a', cpu: '200m', memory: '1Gi' }, { name: 'b', cpu: '100m' }])

  it('defaults to the requests when nothing was set, or to the profile usage when the profile has one', () => {
    const plain = new MetricsRegistry(() => undefined)
    expect(plain.usageMilli(web, 'cpu')).toBe(300)
    expect(plain.usageMilli(web, 'memory')).toBe(1024 ** 3 * 1000)
    const profiled = new MetricsRegistry((_, container) => (container === 'a' ? { cpuUsage: '50m' } : undefined))
    expect(profiled.usageMilli(web, 'cpu')).toBe(150)
  })

  it('uses the latest matching entry, by label selector or by pod name, per resource', () => {
    const registry = new MetricsRegistry(() => undefined)
    registry.set('app=web', { cpu: '600m' })
    expect(registry.usageMilli(web, 'cpu')).toBe(600)
    registry.set('web-1', { memory: '2Gi' })
    expect(registry.usageMilli(web, 'cpu')).toBe(600)
    expect(registry.usageMilli(web, 'memory')).toBe(2 * 1024 ** 3 * 1000)
    registry.set({ matchLabels: { app: 'web' } }, { cpu: '1' })
    expect(registry.usageMilli(web, 'cpu')).toBe(1000)
    registry.set('app=other', { cpu: '5' })
    expect(registry.usageMilli(web, 'cpu')).toBe(1000)
    registry.set('app=web', { cpu: '9' }, 'other-namespace')
    expect(registry.usageMilli(web, 'cpu')).toBe(1000)
  })

  it('shares a pod-level figure among containers in proportion to their requests', () => {
    const registry = new MetricsRegistry(() => undefined)
    registry.set('web-1', { cpu: '600m' })
    expect(registry.usageMilli(web, 'cpu', 'a')).toBe(400)
    expect(registry.usageMilli(web, 'cpu', 'b')).toBe(200)
  })
})

// cluster.traffic(): a synthetic client through a Service (DESIGN.md §2 and §2.1; semantics.md §10.3 readiness).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'
import { CORPUS } from '../corpus'

const corpus = (path: string) => readFileSync(`${CORPUS}/website/content/en/examples/${path}`, 'utf8')
type AnyObj = any
const isReady = (p: AnyObj) => !!p?.status?.conditions?.some((c: AnyObj) => c.type === 'Ready' && c.status === 'True')

function nginxApp(seed = 3): Cluster {
  const c = createCluster({ seed })
  c.apply(corpus('application/nginx-app.yaml'))
  c.runUntil(() => c.list('Pod', { labelSelector: 'app.kubernetes.io/name=nginx' }).filter(isReady).length === 3, { timeout: '2m' })
  return c
}

describe('cluster.traffic (DESIGN.md §2.1)', () => {
  it('sends one request per period and succeeds while the pods serve', () => {
    const c = nginxApp()
    const client = c.traffic('my-nginx-svc')
    expect(client.stats()).toEqual({ sent: 0, ok: 0, failed: 0, availability: 1, downtime: [] })
    c.advance('60s')
    expect(client.stats()).toEqual({ sent: 60, ok: 60, failed: 0, availability: 1, downtime: [] })
    client.stop()
    c.advance('10s')
    expect(client.stats().sent).toBe(60)
  })

  it('fails once every pod of the Service is deleted, with a downtime interval starting at the next request', () => {
    const c = nginxApp()
    const client = c.traffic('my-nginx-svc', { every: '1s' })
    c.advance('10s')
    const deletedAt = c.now()
    c.delete('Deployment', 'my-nginx')
    c.advance('30s')
    const stats = client.stats()
    expect(stats.sent).toBe(40)
    expect(stats.availability).toBeLessThan(1)
    expect(stats.downtime).toHaveLength(1)
    expect(stats.downtime[0].from).toBeGreaterThan(deletedAt)
    expect(stats.downtime[0].to).toBe(c.now())
  })

  it('fails every request to a Service without ready endpoints, and to an unknown Service', () => {
    const c = createCluster({ nodes: 0 })
    c.apply(corpus('service/simple-service.yaml'))
    const a = c.traffic('my-service')
    const b = c.traffic('missing')
    c.advance('5s')
    expect(a.stats()).toMatchObject({ sent: 5, ok: 0, failed: 5, availability: 0 })
    expect(a.stats().downtime).toEqual([{ from: c.now() - 4000, to: c.now() }])
    expect(b.stats().availability).toBe(0)
  })

  it('fails requests sent to pods on a powered-off node until the endpoints drop them; retries on another endpoint hide it', () => {
    const run = (retries: number) => {
      const c = nginxApp(5)
      const nodes = new Set(c.list('Pod', { labelSelector: 'app.kubernetes.io/name=nginx' }).map((p: AnyObj) => p.spec.nodeName))
      expect(nodes.size).toBeGreaterThan(1)
      const victimNode = (c.list('Pod', { labelSelector: 'app.kubernetes.io/name=nginx' })[0] as AnyObj).spec.nodeName
      const client = c.traffic('my-nginx-svc', { every: '500ms', retries })
      c.stopNode(victimNode)
      c.advance('2m')
      return client.stats()
    }
    const plain = run(0)
    expect(plain.failed).toBeGreaterThan(0)
    expect(plain.availability).toBeLessThan(1)
    const resilient = run(2)
    expect(resilient.failed).toBe(0)
    expect(resilient.availability).toBe(1)
  })

  it('is deterministic: the same seed and calls give the same stats', () => {
    const once = () => {
      const c = nginxApp(9)
      const client = c.traffic('my-nginx-svc', { every: '250ms' })
      c.advance('5s')
      const [victim] = c.list('Pod', { labelSelector: 'app.kubernetes.io/name=nginx' }) as AnyObj[]
      c.crash(victim.metadata.name)
      c.advance('20s')
      return client.stats()
    }
    expect(once()).toEqual(once())
  })
})

// Store rules through the public facade: semantics.md §1 (object model) and §12 (garbage collection).
import { describe, expect, it } from 'vitest'
import { AlreadyExistsError, ConflictError, NotFoundError, ValidationError, createCluster } from '../../src/index'

const configMap = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { a: '1' } })

const deployment = (name = 'web') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] } },
  },
})

describe('object metadata (semantics.md §1.1)', () => {
  it('assigns uid, creationTimestamp from the virtual clock and one global resourceVersion', () => {
    const cluster = createCluster({ nodes: 0 })
    const a = cluster.create(configMap('a'))
    const b = cluster.create(configMap('b'))
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(a.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z')
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1)
    expect(a.metadata.namespace).toBe('default')
  })

  it('generateName appends 5 characters from the API server alphabet (fact 1)', () => {
    const cluster = createCluster({ nodes: 0 })
    const cm = cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } })
    expect(cm.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })

  it('generateName truncates a long prefix to 58 characters (fact 2)', () => {
    const cluster = createCluster({ nodes: 0 })
    const cm = cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'a'.repeat(70) } })
    expect(cm.metadata.name).toHaveLength(63)
    expect(cm.metadata.name.startsWith('a'.repeat(58))).toBe(true)
  })

  it('refuses a create of an existing name with AlreadyExistsError', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create(configMap('a'))
    expect(() => cluster.create(configMap('a'))).toThrow(AlreadyExistsError)
    expect(() => cluster.create(configMap('a'))).toThrow('configmaps "a" already exists')
  })

  it('refuses an update with a stale resourceVersion with the upstream Conflict message (fact 3)', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.apply(deployment())
    const stale = cluster.get('Deployment', 'web')!
    cluster.edit('Deployment', 'web', (d) => {
      d.spec.replicas = 3
    })
    const attempt = { ...stale, spec: { ...stale.spec, replicas: 5 } }
    expect(() => cluster.update(attempt)).toThrow(ConflictError)
    expect(() => cluster.update(attempt)).toThrow(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    )
    expect(cluster.get('Deployment', 'web')!.spec.replicas).toBe(3)
  })

  it('applies an update without resourceVersion unconditionally (§1.2)', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create(configMap('a'))
    const updated = cluster.update({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { a: '2' } })
    expect(updated.data).toEqual({ a: '2' })
  })

  it('bumps generation on spec changes only (fact 4)', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.apply(deployment())
    expect(cluster.get('Deployment', 'web')!.metadata.generation).toBe(1)
    cluster.scale('Deployment', 'web', 4)
    expect(cluster.get('Deployment', 'web')!.metadata.generation).toBe(2)
    cluster.edit('Deployment', 'web', (d) => {
      d.metadata.labels = { ...d.metadata.labels, team: 'blue' }
    })
    const after = cluster.get('Deployment', 'web')!
    expect(after.metadata.generation).toBe(2)
    expect(after.metadata.labels).toEqual({ app: 'web', team: 'blue' })
  })

  it('a change that changes nothing writes nothing: same resourceVersion, no trace entry', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create(configMap('a'))
    const before = cluster.get('ConfigMap', 'a')!
    const traced = cluster.trace().length
    const after = cluster.edit('ConfigMap', 'a', (d) => {
      d.data = { a: '1' }
    })
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion)
    expect(cluster.trace().length).toBe(traced)
  })

  it('an update keeps the stored parts it leaves unchanged and defaults what it removes', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create(deployment())
    const before = cluster.get('Deployment', 'web')!
    const annotated = cluster.edit('Deployment', 'web', (d) => {
      d.metadata.annotations = { team: 'a' }
    })
    // Defaulting ran again on the update and changed nothing: the template is the stored object itself.
    expect(annotated.spec.template).toBe(before.spec.template)
    expect(annotated.metadata.generation).toBe(1)
    const reset = cluster.edit('Deployment', 'web', (d) => {
      delete (d.spec.template.spec as any).dnsPolicy
      delete (d.spec as any).revisionHistoryLimit
    })
    expect(reset.spec.template.spec.dnsPolicy).toBe('ClusterFirst')
    expect(reset.spec.revisionHistoryLimit).toBe(10)
    expect(reset.metadata.resourceVersion).toBe(annotated.metadata.resourceVersion)
    expect(Object.isFrozen(reset.spec.template.spec.containers[0])).toBe(true)
  })

  it('returns frozen objects: nothing the caller holds can change the store', () => {
    const cluster = createCluster({ nodes: 0 })
    const input = configMap('a')
    const stored = cluster.create(input)
    expect(Object.isFrozen(stored)).toBe(true)
    expect(Object.isFrozen(stored.metadata)).toBe(true)
    expect(() => {
      ;(stored as any).data.a = 'changed'
    }).toThrow(TypeError)
    ;(input.data as any).a = 'mutated after create'
    expect(cluster.get('ConfigMap', 'a')!.data).toEqual({ a: '1' })
  })

  it('refuses objects in a namespace that does not exist, like the API server', () => {
    const cluster = createCluster({ nodes: 0 })
    expect(() => cluster.create(configMap('a', { namespace: 'nope' }))).toThrow(NotFoundError)
    expect(() => cluster.create(configMap('a', { namespace: 'nope' }))).toThrow('namespaces "nope" not found')
    expect(cluster.list('Namespace').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system'])
  })

  it('edit, scale and delete of a missing object throw NotFoundError', () => {
    const cluster = createCluster({ nodes: 0 })
    expect(() => cluster.edit('ConfigMap', 'ghost', () => {})).toThrow(NotFoundError)
    expect(() => cluster.scale('Deployment', 'ghost', 2)).toThrow('deployments.apps "ghost" not found')
    expect(() => cluster.delete('cm', 'ghost')).toThrow(NotFoundError)
  })
})

describe('validation (DESIGN.md §2.1 errors)', () => {
  it('refuses removed API versions naming the current one, and writes nothing', () => {
    const cluster = createCluster({ nodes: 0 })
    const hash = cluster.traceHash()
    const cronjob = { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'hello' }, spec: {} }
    expect(() => cluster.apply(cronjob)).toThrow(ValidationError)
    expect(() => cluster.apply(cronjob)).toThrow(/batch\/v1beta1 CronJob was removed in Kubernetes 1\.25; use apiVersion: batch\/v1/)
    const legacy = { ...deployment(), apiVersion: 'extensions/v1beta1' }
    expect(() => cluster.apply(legacy)).toThrow(/use apiVersion: apps\/v1/)
    expect(cluster.traceHash()).toBe(hash)
  })

  it('reports a bad name with the field path and the DNS-1123 rule', () => {
    const cluster = createCluster({ nodes: 0 })
    try {
      cluster.create(configMap('Bad_Name'))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError)
      const issue = (error as ValidationError).issues[0]
      expect(issue.path).toBe('metadata.name')
      expect(issue.message).toMatch(/^Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/)
    }
    expect(cluster.list('ConfigMap')).toEqual([])
  })

  it('reports a wrong type with its full field path', () => {
    const cluster = createCluster({ nodes: 0 })
    const bad = deployment()
    ;(bad.spec.template.spec.containers[0] as any).name = 42
    try {
      cluster.apply(bad)
      expect.unreachable()
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.path)).toContain('spec.template.spec.containers[0].name')
    }
    expect(cluster.get('Deployment', 'web')).toBeUndefined()
  })

  it('refuses an unknown kind', () => {
    const cluster = createCluster({ nodes: 0 })
    expect(() => cluster.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(/no matches for kind "Widget" in version "example.com\/v1"/)
  })

  it('stores a registered custom kind generically, keeping every field', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.registerKind({ apiVersion: 'example.com/v1', kind: 'Widget' })
    cluster.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3, colour: 'red' } })
    expect(cluster.get('Widget', 'w')!.spec).toEqual({ size: 3, colour: 'red' })
  })

  it('validates every document before writing any (nothing written when one is bad)', () => {
    const cluster = createCluster({ nodes: 0 })
    const good = configMap('good')
    const bad = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'BAD' } }
    expect(() => cluster.apply([good, bad])).toThrow(/document 2/)
    expect(cluster.get('ConfigMap', 'good')).toBeUndefined()
  })

  it('applies the upstream Deployment defaults (semantics.md §5.1)', () => {
    const cluster = createCluster({ nodes: 0 })
    const [d] = cluster.apply({ ...deployment(), spec: { ...deployment().spec, replicas: undefined } }) as any[]
    expect(d.spec.replicas).toBe(1)
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } })
    expect(d.spec.revisionHistoryLimit).toBe(10)
    expect(d.spec.progressDeadlineSeconds).toBe(600)
  })

  it('refuses a change of an immutable Deployment selector', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.apply(deployment())
    const changed = deployment()
    changed.spec.selector = { matchLabels: { app: 'other' } }
    changed.spec.template.metadata.labels = { app: 'other' }
    expect(() => cluster.apply(changed)).toThrow(/spec\.selector: .*field is immutable/)
    expect(cluster.get('Deployment', 'web')!.spec.selector).toEqual({ matchLabels: { app: 'web' } })
  })

  it('keeps unknown fields instead of stripping them', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.apply({ ...configMap('x'), futureField: { enabled: true } })
    expect((cluster.get('ConfigMap', 'x') as any).futureField).toEqual({ enabled: true })
  })
})

describe('apply', () => {
  it('keeps fields set by others and removes fields dropped from the manifest (three-way merge)', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.apply({ ...configMap('x'), data: { a: '1', b: '2' } })
    cluster.edit('ConfigMap', 'x', (d) => {
      d.metadata.labels = { owner: 'someone-else' }
    })
    cluster.apply({ ...configMap('x'), data: { a: '1' } })
    const cm = cluster.get('ConfigMap', 'x')!
    expect(cm.data).toEqual({ a: '1' })
    expect(cm.metadata.labels).toEqual({ owner: 'someone-else' })
    expect(cm.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"name":"x"}}\n',
    )
  })
})

describe('selectors on list and watch (§1.5)', () => {
  it('lists by label selector and field selector, sorted by namespace/name', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create(configMap('c', { labels: { app: 'web', tier: 'fe' } }))
    cluster.create(configMap('a', { labels: { app: 'web', tier: 'be' } }))
    cluster.create(configMap('b', { labels: { app: 'db' } }))
    cluster.create(configMap('z', { namespace: 'kube-system', labels: { app: 'web' } }))
    expect(cluster.list('ConfigMap', { labelSelector: 'app=web' }).map((c) => c.metadata.name)).toEqual(['a', 'c'])
    expect(cluster.list('configmaps', { labelSelector: 'app=web,tier notin (fe)', namespace: '*' }).map((c) => `${c.metadata.namespace}/${c.metadata.name}`)).toEqual([
      'default/a',
      'kube-system/z',
    ])
    expect(cluster.list('cm', { labelSelector: { matchLabels: { app: 'db' } } }).map((c) => c.metadata.name)).toEqual(['b'])
    expect(cluster.list('cm', { fieldSelector: 'metadata.name=c' }).map((c) => c.metadata.name)).toEqual(['c'])
  })

  it('a filtered watch sees an object enter as ADDED and leave as DELETED; events arrive when the loop runs', () => {
    const cluster = createCluster({ nodes: 0 })
    const seen: string[] = []
    cluster.watch('ConfigMap', (e) => seen.push(`${e.type} ${e.object.metadata.name}`), { labelSelector: 'app=web' })
    cluster.create(configMap('a', { labels: { app: 'web' } }))
    cluster.create(configMap('b', { labels: { app: 'db' } }))
    expect(seen).toEqual([])
    cluster.settle()
    expect(seen).toEqual(['ADDED a'])
    cluster.edit('ConfigMap', 'b', (d) => {
      d.metadata.labels = { app: 'web' }
    })
    cluster.edit('ConfigMap', 'a', (d) => {
      d.metadata.labels = { app: 'gone' }
    })
    cluster.delete('ConfigMap', 'b')
    cluster.settle()
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'DELETED a', 'DELETED b'])
  })

  it('unsubscribing stops delivery', () => {
    const cluster = createCluster({ nodes: 0 })
    let count = 0
    const stop = cluster.watch('ConfigMap', () => count++)
    cluster.create(configMap('a'))
    cluster.settle()
    stop()
    cluster.create(configMap('b'))
    cluster.settle()
    expect(count).toBe(1)
  })
})

describe('finalizers (§1.1, fact 5)', () => {
  it('a delete only marks an object with a finalizer; removing the finalizer removes it', () => {
    const cluster = createCluster({ nodes: 0 })
    const events: string[] = []
    cluster.watch('ConfigMap', (e) => events.push(e.type))
    cluster.create(configMap('held', { finalizers: ['example.com/x'] }))
    cluster.delete('ConfigMap', 'held')
    const marked = cluster.get('ConfigMap', 'held')!
    expect(marked.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z')
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0)
    expect(() =>
      cluster.edit('ConfigMap', 'held', (d) => {
        d.metadata.finalizers = ['example.com/x', 'example.com/y']
      }),
    ).toThrow(/no new finalizers can be added if the object is being deleted/)
    cluster.edit('ConfigMap', 'held', (d) => {
      d.metadata.finalizers = []
    })
    expect(cluster.get('ConfigMap', 'held')).toBeUndefined()
    cluster.settle()
    expect(events).toEqual(['ADDED', 'MODIFIED', 'DELETED'])
  })
})

describe('pod graceful deletion (§1.4, facts 7 and 8)', () => {
  const pod = (name: string, nodeName?: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { ...(nodeName ? { nodeName } : {}), terminationGracePeriodSeconds: 30, containers: [{ name: 'c', image: 'nginx' }] },
  })

  it('a scheduled pod gets deletionTimestamp = now + grace; a shorter grace moves it earlier, never later', () => {
    const cluster = createCluster({ nodes: 0, startTime: '2025-01-01T00:00:00Z' })
    // A Node object with no kubelet behind it: the pod stays as the API server left it (and PodGC,
    // which removes pods of nodes that do not exist, leaves it alone).
    cluster.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'elsewhere' } })
    cluster.create(pod('p', 'elsewhere'))
    cluster.advance('100s')
    cluster.delete('Pod', 'p')
    expect(cluster.get('Pod', 'p')!.metadata.deletionTimestamp).toBe('2025-01-01T00:02:10Z')
    expect(cluster.get('Pod', 'p')!.metadata.deletionGracePeriodSeconds).toBe(30)
    cluster.advance('10s')
    cluster.delete('Pod', 'p', { gracePeriodSeconds: 60 })
    expect(cluster.get('Pod', 'p')!.metadata.deletionTimestamp).toBe('2025-01-01T00:02:10Z')
    cluster.delete('Pod', 'p', { gracePeriodSeconds: 5 })
    expect(cluster.get('Pod', 'p')!.metadata.deletionTimestamp).toBe('2025-01-01T00:01:50Z')
    expect(cluster.get('Pod', 'p')!.metadata.deletionGracePeriodSeconds).toBe(1)
    cluster.delete('Pod', 'p', { gracePeriodSeconds: 0 })
    expect(cluster.get('Pod', 'p')).toBeUndefined()
  })

  it('an unscheduled pod is removed at once', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create(pod('pending'))
    cluster.delete('Pod', 'pending')
    expect(cluster.get('Pod', 'pending')).toBeUndefined()
  })
})

describe('garbage collection (semantics.md §12)', () => {
  const owned = (cluster: ReturnType<typeof createCluster>, owner: any, name: string, block = true) =>
    cluster.create({
      ...configMap(name),
      metadata: { name, ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: block }] },
    })

  it('Background: the owner goes at once, then the collector deletes its dependents', () => {
    const cluster = createCluster({ nodes: 0 })
    const owner = cluster.create(configMap('owner'))
    owned(cluster, owner, 'child-1')
    owned(cluster, owner, 'child-2')
    cluster.delete('ConfigMap', 'owner')
    expect(cluster.get('ConfigMap', 'owner')).toBeUndefined()
    expect(cluster.get('ConfigMap', 'child-1')).toBeDefined()
    cluster.settle()
    expect(cluster.list('ConfigMap').map((c) => c.metadata.name)).toEqual([])
  })

  it('Foreground: the owner waits with the foregroundDeletion finalizer until blocking dependents are gone', () => {
    const cluster = createCluster({ nodes: 0 })
    const owner = cluster.create(configMap('owner'))
    const child = owned(cluster, owner, 'child')
    owned(cluster, child, 'grandchild')
    cluster.delete('ConfigMap', 'owner', { propagationPolicy: 'Foreground' })
    const waiting = cluster.get('ConfigMap', 'owner')!
    expect(waiting.metadata.finalizers).toEqual(['foregroundDeletion'])
    expect(waiting.metadata.deletionTimestamp).toBeDefined()
    const order: string[] = []
    cluster.watch('ConfigMap', (e) => e.type === 'DELETED' && order.push(e.object.metadata.name))
    cluster.settle()
    expect(order).toEqual(['grandchild', 'child', 'owner'])
  })

  it('Orphan: dependents stay and lose their owner reference', () => {
    const cluster = createCluster({ nodes: 0 })
    const owner = cluster.create(configMap('owner'))
    owned(cluster, owner, 'child')
    cluster.delete('ConfigMap', 'owner', { propagationPolicy: 'Orphan' })
    expect(cluster.get('ConfigMap', 'owner')!.metadata.finalizers).toEqual(['orphan'])
    cluster.settle()
    expect(cluster.get('ConfigMap', 'owner')).toBeUndefined()
    expect(cluster.get('ConfigMap', 'child')!.metadata.ownerReferences).toBeUndefined()
  })

  it('deletes an object whose only owner uid no longer exists (fact 5)', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.create({
      ...configMap('stray'),
      metadata: { name: 'stray', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: '0badc0de-0000-4000-8000-000000000000' }] },
    })
    cluster.settle()
    expect(cluster.get('ConfigMap', 'stray')).toBeUndefined()
  })

  it('keeps an object that still has a live owner, dropping only the dangling reference', () => {
    const cluster = createCluster({ nodes: 0 })
    const live = cluster.create(configMap('live'))
    const doomed = cluster.create(configMap('doomed'))
    cluster.create({
      ...configMap('shared'),
      metadata: {
        name: 'shared',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'live', uid: live.metadata.uid },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'doomed', uid: doomed.metadata.uid },
        ],
      },
    })
    cluster.delete('ConfigMap', 'doomed')
    cluster.settle()
    expect(cluster.get('ConfigMap', 'shared')!.metadata.ownerReferences!.map((r) => r.name)).toEqual(['live'])
  })

  // Events are indexed by uid only once a lookup misses the other kinds (store/indexes.ts): the
  // first owner lookup of an Event builds that index from the Event table, later Events join it.
  it('an Event is a live owner like any object, whether recorded before or after the first lookup of one', () => {
    const cluster = createCluster({ nodes: 1 })
    cluster.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } })
    cluster.advance('1m')
    const [first, second] = cluster.events({ namespace: 'default' })
    owned(cluster, first, 'owned-by-first')
    cluster.settle()
    owned(cluster, second, 'owned-by-second')
    cluster.delete('Pod', 'web')
    cluster.advance('1m')
    const later = cluster.events({ namespace: 'default' }).find((e) => e.reason === 'Killing')!
    owned(cluster, later, 'owned-by-later')
    cluster.settle()
    expect(cluster.list('ConfigMap').map((c) => c.metadata.name)).toEqual(['owned-by-first', 'owned-by-later', 'owned-by-second'])
    cluster.delete('Event', first.metadata.name)
    cluster.settle()
    expect(cluster.list('ConfigMap').map((c) => c.metadata.name)).toEqual(['owned-by-later', 'owned-by-second'])
  })
})

describe('namespaces', () => {
  it('deleting a namespace removes what is in it, then the namespace', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } })
    cluster.create(configMap('a', { namespace: 'team' }))
    cluster.delete('Namespace', 'team')
    expect(cluster.get('Namespace', 'team')!.status).toEqual({ phase: 'Terminating' })
    expect(() => cluster.create(configMap('b', { namespace: 'team' }))).toThrow('unable to create new content in namespace team because it is being terminated')
    cluster.settle()
    expect(cluster.get('ConfigMap', 'a', { namespace: 'team' })).toBeUndefined()
    expect(cluster.get('Namespace', 'team')).toBeUndefined()
  })

  it('a manifest that creates a namespace and objects in it applies in one call', () => {
    const cluster = createCluster({ nodes: 0 })
    cluster.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, configMap('cart', { namespace: 'shop' })])
    expect(cluster.get('ConfigMap', 'cart', { namespace: 'shop' })).toBeDefined()
  })
})

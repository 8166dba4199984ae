// The ReplicaSet scale write as a whole-object update against the patch recipe it replaced (set
// spec.replicas and the desired/max annotations through an immer draft). Random schedules of what
// makes a Deployment scale its ReplicaSets (scaling, rollouts, pausing, surge changes, rollbacks,
// proportional scaling mid-rollout) run twice, once as shipped and once with the recipe; both runs
// must leave the same trace and the same store.
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCluster, type Cluster } from '../../index'
import { keyOf } from '../../store/keys'
import { withReplicasAnnotations } from './annotations'
import { maxSurge } from './fenceposts'
import { DeploymentSync, type StoredReplicaSet } from './sync-state'

type Op =
  | { op: 'scale'; replicas: number }
  | { op: 'image'; tag: number }
  | { op: 'pause' }
  | { op: 'resume' }
  | { op: 'surge'; maxSurge: number | string }
  | { op: 'undo' }
  | { op: 'advance'; seconds: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ op: fc.constant('image' as const), tag: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('pause' as const) }),
  fc.record({ op: fc.constant('resume' as const) }),
  fc.record({ op: fc.constant('surge' as const), maxSurge: fc.constantFrom<number | string>(0, 1, 3, '25%', '50%') }),
  fc.record({ op: fc.constant('undo' as const) }),
  fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 20 }) }),
)

function run(ops: readonly Op[]): Cluster {
  const c = createCluster({ nodes: 2, seed: 5 })
  c.apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } },
  })
  c.advance('3s')
  for (const o of ops) {
    if (o.op === 'scale') c.edit('Deployment', 'web', (d: any) => void (d.spec.replicas = o.replicas))
    else if (o.op === 'image') c.edit('Deployment', 'web', (d: any) => void (d.spec.template.spec.containers[0].image = `nginx:${o.tag}`))
    else if (o.op === 'pause') c.edit('Deployment', 'web', (d: any) => void (d.spec.paused = true))
    else if (o.op === 'resume') c.edit('Deployment', 'web', (d: any) => void (d.spec.paused = false))
    else if (o.op === 'surge') c.edit('Deployment', 'web', (d: any) => void (d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge, maxUnavailable: 1 } }))
    else if (o.op === 'undo') {
      try {
        c.rolloutUndo('Deployment', 'web')
      } catch {
        // No previous revision yet: nothing to undo.
      }
    }
    c.advance(o.op === 'advance' ? `${o.seconds}s` : '1s')
  }
  return c
}

const digest = (c: Cluster) =>
  c.env.store.registry
    .kinds()
    .map((k) => JSON.stringify(c.env.store.list(k.kind)))
    .join('\n')

describe('DeploymentSync.scaleReplicaSet', () => {
  afterEach(() => vi.restoreAllMocks())

  it('writes through update exactly what the patch recipe wrote', () => {
    const scaleReplicaSet = DeploymentSync.prototype.scaleReplicaSet
    let scales = 0
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 15 }), (ops) => {
        vi.spyOn(DeploymentSync.prototype, 'scaleReplicaSet').mockImplementation(function (this: DeploymentSync, rs, newScale) {
          scales++
          return scaleReplicaSet.call(this, rs, newScale)
        })
        const shipped = run(ops)
        vi.restoreAllMocks()
        vi.spyOn(DeploymentSync.prototype, 'scaleReplicaSet').mockImplementation(function (this: DeploymentSync, rs: StoredReplicaSet, newScale: number) {
          const oldScale = rs.spec.replicas ?? 0
          const desired = this.replicas
          const max = desired + maxSurge(this.d)
          const annotations = withReplicasAnnotations(rs.metadata.annotations, desired, max)
          if (oldScale === newScale && annotations === rs.metadata.annotations) return { scaled: false, rs }
          const updated = this.ctx.client.patch<StoredReplicaSet>('ReplicaSet', keyOf(rs), (draft) => {
            draft.spec.replicas = newScale
            draft.metadata.annotations = annotations
          })
          this.rsList = this.rsList.map((r) => (r.metadata.uid === updated.metadata.uid ? updated : r))
          if (oldScale !== newScale) this.event('Normal', 'ScalingReplicaSet', `Scaled ${oldScale < newScale ? 'up' : 'down'} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`)
          return { scaled: oldScale !== newScale, rs: updated }
        })
        const recipe = run(ops)
        vi.restoreAllMocks()
        expect(shipped.traceHash()).toBe(recipe.traceHash())
        expect(digest(shipped)).toBe(digest(recipe))
      }),
      { numRuns: 30 },
    )
    // Not vacuous: the schedules scaled ReplicaSets.
    expect(scales).toBeGreaterThan(20)
  })
})

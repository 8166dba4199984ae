import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeProbeTimeline, type TimelinePoint } from './probe-timeline'

const base = { startedMs: 0, readyAfterMs: 0, runDurationMs: undefined, livenessFailsAfterMs: undefined }
const brief = (points: ReturnType<typeof computeProbeTimeline>) => points.map((p) => `${p.atMs / 1000}:${p.type}${'probe' in p ? `/${p.probe}` : ''}`)

describe('probe timeline (semantics.md §2.6)', () => {
  it('without probes: started and ready at start, nothing else while it runs forever', () => {
    expect(brief(computeProbeTimeline({}, base))).toEqual(['0:started', '0:ready'])
  })

  it('readiness: initialDelaySeconds 5, period 10 → ready at 5 s', () => {
    expect(brief(computeProbeTimeline({ readinessProbe: { initialDelaySeconds: 5, periodSeconds: 10 } }, base))).toEqual(['0:started', '5:ready'])
  })

  it('readiness with successThreshold 2 needs two successes; failures before readyAfter are listed', () => {
    const points = computeProbeTimeline({ readinessProbe: { periodSeconds: 10, successThreshold: 2 } }, { ...base, readyAfterMs: 15_000 })
    expect(brief(points)).toEqual(['0:started', '0:probeFailed/Readiness', '10:probeFailed/Readiness', '30:ready'])
  })

  it('liveness: failureThreshold failures from livenessFailsAfter, then a kill; nothing after it', () => {
    const points = computeProbeTimeline({ livenessProbe: { periodSeconds: 10, failureThreshold: 3 } }, { ...base, livenessFailsAfterMs: 15_000, runDurationMs: 100_000 })
    expect(brief(points)).toEqual(['0:started', '0:ready', '20:probeFailed/Liveness', '30:probeFailed/Liveness', '40:probeFailed/Liveness', '40:kill/liveness'])
  })

  it('startup probe: gates readiness; kills after failureThreshold failures', () => {
    expect(brief(computeProbeTimeline({ startupProbe: { periodSeconds: 5 }, readinessProbe: { periodSeconds: 10 } }, { ...base, readyAfterMs: 7_000 }))).toEqual([
      '0:probeFailed/Startup',
      '5:probeFailed/Startup',
      '10:started',
      '10:ready',
    ])
    expect(brief(computeProbeTimeline({ startupProbe: { periodSeconds: 5, failureThreshold: 2 } }, { ...base, readyAfterMs: 60_000 }))).toEqual([
      '0:probeFailed/Startup',
      '5:probeFailed/Startup',
      '5:kill/startup',
    ])
  })

  it('a run-to-completion container exits at runDuration', () => {
    expect(brief(computeProbeTimeline({}, { ...base, runDurationMs: 10_000 }))).toEqual(['0:started', '0:ready', '10:exit'])
    expect(brief(computeProbeTimeline({}, { ...base, runDurationMs: 0 }))).toEqual(['0:started', '0:exit'])
  })
})

describe('probe timeline order', () => {
  const TYPE_ORDER = ['started', 'ready', 'probeFailed', 'kill', 'exit']
  const PROBE_ORDER = ['Startup', 'Liveness', 'Readiness']
  const rank = (p: TimelinePoint) => [p.atMs, TYPE_ORDER.indexOf(p.type), p.type === 'probeFailed' ? PROBE_ORDER.indexOf(p.probe) : 0]
  const byTimeTypeProbe = (a: TimelinePoint, b: TimelinePoint) => {
    const [x, y] = [rank(a), rank(b)]
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
  }
  const probeArb = fc.option(
    fc.record({ initialDelaySeconds: fc.nat(20), periodSeconds: fc.integer({ min: 1, max: 15 }), successThreshold: fc.integer({ min: 1, max: 3 }), failureThreshold: fc.integer({ min: 1, max: 4 }) }),
    { nil: undefined },
  )
  const durationArb = fc.option(fc.nat(120_000), { nil: undefined })

  it('lists points by time, then started, ready, failed probes (startup, liveness, readiness), kill, exit; nothing after the end', () => {
    fc.assert(
      fc.property(probeArb, probeArb, probeArb, fc.nat(60_000), durationArb, durationArb, (startupProbe, readinessProbe, livenessProbe, readyAfterMs, runDurationMs, livenessFailsAfterMs) => {
        const points = computeProbeTimeline({ startupProbe, readinessProbe, livenessProbe }, { startedMs: 5_000, readyAfterMs, runDurationMs, livenessFailsAfterMs })
        expect(points).toEqual([...points].sort(byTimeTypeProbe))
        const end = points.find((p) => p.type === 'kill' || p.type === 'exit')
        if (end) expect(points.every((p) => p.atMs <= end.atMs)).toBe(true)
      }),
      { numRuns: 3_000 },
    )
  })
})

import { describe, expect, it } from 'vitest'
import { computeProbeTimeline } from './probe-timeline'

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

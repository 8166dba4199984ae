import { describe, expect, it } from 'vitest'
import type { PriorityClass } from '../../api/priority-class'
import { planPodPriority, type PriorityClassLookup } from './priority-admission'

function classes(list: Partial<PriorityClass>[]): PriorityClassLookup {
  const all = list.map((c) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', ...c }) as PriorityClass)
  return { get: (n) => all.find((c) => c.metadata.name === n), globalDefault: () => all.find((c) => c.globalDefault) }
}

describe('planPodPriority (Priority admission)', () => {
  it('resolves a named class and its preemption policy', () => {
    expect(planPodPriority({ priorityClassName: 'hi' }, classes([{ metadata: { name: 'hi' }, value: 7, preemptionPolicy: 'Never' }]))).toEqual({ ok: { className: 'hi', value: 7, preemptionPolicy: 'Never' } })
  })
  it('uses 0 / PreemptLowerPriority without a class or default', () => {
    expect(planPodPriority({}, classes([]))).toEqual({ ok: { value: 0, preemptionPolicy: 'PreemptLowerPriority' } })
  })
  it('uses the globalDefault class when the pod names none', () => {
    expect(planPodPriority({}, classes([{ metadata: { name: 'd' }, value: 3, globalDefault: true }]))).toMatchObject({ ok: { className: 'd', value: 3 } })
  })
  it('knows system-cluster-critical without an object', () => {
    expect(planPodPriority({ priorityClassName: 'system-cluster-critical' }, classes([]))).toMatchObject({ ok: { value: 2_000_000_000 } })
  })
  it('forbids unknown classes and a conflicting explicit priority', () => {
    expect(planPodPriority({ priorityClassName: 'x' }, classes([]))).toEqual({ forbidden: 'no PriorityClass with name x was found' })
    expect(planPodPriority({ priority: 5 }, classes([]))).toEqual({
      forbidden: 'the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    })
  })
})

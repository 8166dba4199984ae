import { describe, expect, it } from 'vitest'
import type { PodTemplateSpec } from './pod'
import { validatePodTemplate } from './pod-template-validation'

/** As the store keeps objects: frozen all the way down. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') for (const v of Object.values(Object.freeze(value))) deepFreeze(v)
  return value
}

const template = (restartPolicy: string, label = 'web') =>
  deepFreeze({ metadata: { labels: { app: label } }, spec: { restartPolicy, containers: [{ name: 'c', image: 'nginx' }] } }) as unknown as PodTemplateSpec

describe('validatePodTemplate on frozen (stored) templates', () => {
  it('gives the same problems on every call, in a fresh array', () => {
    const bad = template('Always', '-bad-')
    const first = validatePodTemplate(bad, ['spec', 'template'], { restartPolicies: ['Always'] })
    expect(first.map((i) => i.path.join('.'))).toEqual(['spec.template.metadata.labels'])
    first.length = 0
    const second = validatePodTemplate(bad, ['spec', 'template'], { restartPolicies: ['Always'] })
    expect(second.map((i) => i.path.join('.'))).toEqual(['spec.template.metadata.labels'])
  })

  it('remembers problems per rules and path: a Never template is fine for a Job, not for a ReplicaSet', () => {
    const never = template('Never')
    expect(validatePodTemplate(never, ['spec', 'template'], { restartPolicies: ['OnFailure', 'Never'] })).toEqual([])
    const forReplicaSet = validatePodTemplate(never, ['spec', 'template'], { restartPolicies: ['Always'] })
    expect(forReplicaSet.map((i) => i.path.join('.'))).toEqual(['spec.template.spec.restartPolicy'])
    const inCronJob = validatePodTemplate(never, ['spec', 'jobTemplate', 'spec', 'template'], { restartPolicies: ['Always'] })
    expect(inCronJob.map((i) => i.path.join('.'))).toEqual(['spec.jobTemplate.spec.template.spec.restartPolicy'])
  })
})

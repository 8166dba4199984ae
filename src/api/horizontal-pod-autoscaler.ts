// autoscaling/v2 HorizontalPodAutoscaler, also served as autoscaling/v1 (converted on input: v1's
// targetCPUUtilizationPercentage becomes a Resource cpu Utilization metric). Defaults: minReplicas 1, an 80 %
// CPU metric when none is given, and full scaling rules whenever `behavior` is present (upstream stores them).
import { z } from 'zod'
import { Int32, Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { Condition, LabelSelector, ObjectMeta } from './meta'
import { Quantity } from './quantity'
import { invalidIssue, requiredIssue } from './field-issues'

/** DefaultCPUUtilization: the metric of an HPA that names none. */
export const DEFAULT_CPU_UTILIZATION = 80

export const CrossVersionObjectReference = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string(),
  name: z.string(),
})
export type CrossVersionObjectReference = z.infer<typeof CrossVersionObjectReference>

export const MetricTarget = z.looseObject({
  type: z.enum(['Utilization', 'Value', 'AverageValue']),
  value: Quantity.optional(),
  averageValue: Quantity.optional(),
  averageUtilization: Int32.optional(),
})
export type MetricTarget = z.infer<typeof MetricTarget>

const MetricIdentifier = z.looseObject({ name: z.string(), selector: LabelSelector.optional() })

export const MetricSpec = z.looseObject({
  type: z.enum(['Object', 'Pods', 'Resource', 'ContainerResource', 'External']),
  resource: z.looseObject({ name: z.string(), target: MetricTarget }).optional(),
  containerResource: z.looseObject({ name: z.string(), container: z.string(), target: MetricTarget }).optional(),
  pods: z.looseObject({ metric: MetricIdentifier, target: MetricTarget }).optional(),
  object: z.looseObject({ describedObject: CrossVersionObjectReference, metric: MetricIdentifier, target: MetricTarget }).optional(),
  external: z.looseObject({ metric: MetricIdentifier, target: MetricTarget }).optional(),
})
export type MetricSpec = z.infer<typeof MetricSpec>

export const HPAScalingPolicy = z.looseObject({
  type: z.enum(['Pods', 'Percent']),
  value: Int32,
  periodSeconds: Int32,
})
export type HPAScalingPolicy = z.infer<typeof HPAScalingPolicy>

export const HPAScalingRules = z.looseObject({
  stabilizationWindowSeconds: Int32.optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z.array(HPAScalingPolicy).optional(),
  tolerance: Quantity.optional(),
})
export type HPAScalingRules = z.infer<typeof HPAScalingRules>

export const HorizontalPodAutoscalerSpec = z.looseObject({
  scaleTargetRef: CrossVersionObjectReference,
  minReplicas: Int32.optional(),
  maxReplicas: Int32,
  metrics: z.array(MetricSpec).optional(),
  behavior: z.looseObject({ scaleUp: HPAScalingRules.optional(), scaleDown: HPAScalingRules.optional() }).optional(),
})
export type HorizontalPodAutoscalerSpec = z.infer<typeof HorizontalPodAutoscalerSpec>

export const MetricValueStatus = z.looseObject({
  value: Quantity.optional(),
  averageValue: Quantity.optional(),
  averageUtilization: Int32.optional(),
})

export const MetricStatus = z.looseObject({
  type: z.enum(['Object', 'Pods', 'Resource', 'ContainerResource', 'External']),
  resource: z.looseObject({ name: z.string(), current: MetricValueStatus }).optional(),
  containerResource: z.looseObject({ name: z.string(), container: z.string(), current: MetricValueStatus }).optional(),
  pods: z.looseObject({ metric: MetricIdentifier, current: MetricValueStatus }).optional(),
  object: z.looseObject({ metric: MetricIdentifier, current: MetricValueStatus }).optional(),
  external: z.looseObject({ metric: MetricIdentifier, current: MetricValueStatus }).optional(),
})
export type MetricStatus = z.infer<typeof MetricStatus>

export const HorizontalPodAutoscalerStatus = z.looseObject({
  observedGeneration: Int64.optional(),
  lastScaleTime: z.string().optional(),
  currentReplicas: Int32.optional(),
  desiredReplicas: Int32.optional(),
  currentMetrics: z.array(MetricStatus).optional(),
  conditions: z.array(Condition).optional(),
})
export type HorizontalPodAutoscalerStatus = z.infer<typeof HorizontalPodAutoscalerStatus>

export const HorizontalPodAutoscaler = z.looseObject({
  apiVersion: z.literal('autoscaling/v2'),
  kind: z.literal('HorizontalPodAutoscaler'),
  metadata: ObjectMeta,
  spec: HorizontalPodAutoscalerSpec,
  status: HorizontalPodAutoscalerStatus.optional(),
})
export type HorizontalPodAutoscaler = z.infer<typeof HorizontalPodAutoscaler>

/** The scale-up rules upstream fills in: max of +4 pods and +100 % per 15 s, no stabilization. */
export const defaultScaleUpRules = (): HPAScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
})

/** The scale-down rules upstream fills in: -100 % per 15 s; the window stays unset (the controller's 300 s applies). */
export const defaultScaleDownRules = (): HPAScalingRules => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
})

function fillScalingRules(given: any, defaults: HPAScalingRules): any {
  if (typeof given !== 'object' || given === null) return defaults
  for (const [key, value] of Object.entries(defaults)) given[key] ??= value
  return given
}

export function applyHorizontalPodAutoscalerDefaults(hpa: any): void {
  const spec = hpa?.spec
  if (typeof spec !== 'object' || spec === null) return
  spec.minReplicas ??= 1
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }]
  }
  if (typeof spec.behavior === 'object' && spec.behavior !== null) {
    spec.behavior.scaleUp = fillScalingRules(spec.behavior.scaleUp, defaultScaleUpRules())
    spec.behavior.scaleDown = fillScalingRules(spec.behavior.scaleDown, defaultScaleDownRules())
  }
}

/** Converts an autoscaling/v1 object (as written by a user) into autoscaling/v2. Other versions pass through. */
export function toAutoscalingV2(object: any): any {
  if (object?.apiVersion !== 'autoscaling/v1') return object
  const { targetCPUUtilizationPercentage, ...spec } = object.spec ?? {}
  const converted: any = { ...object, apiVersion: 'autoscaling/v2', spec }
  if (targetCPUUtilizationPercentage !== undefined) {
    spec.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetCPUUtilizationPercentage } } },
    ]
  }
  if (object.status) {
    const { currentCPUUtilizationPercentage, ...status } = object.status
    if (currentCPUUtilizationPercentage !== undefined) {
      status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCPUUtilizationPercentage } } }]
    }
    converted.status = status
  }
  return converted
}

function checkTarget(target: MetricTarget, path: (string | number)[]): FieldIssue[] {
  if (target.type === 'Utilization') {
    if (target.averageUtilization === undefined) return [requiredIssue([...path, 'averageUtilization'], 'must set either a target raw value or a target utilization')]
    if (target.averageUtilization <= 0) return [invalidIssue([...path, 'averageUtilization'], target.averageUtilization, 'must be greater than 0')]
  }
  if (target.type === 'AverageValue' && target.averageValue === undefined) return [requiredIssue([...path, 'averageValue'], 'must set either a target raw value or a target utilization')]
  if (target.type === 'Value' && target.value === undefined) return [requiredIssue([...path, 'value'], 'must set either a target raw value or a target utilization')]
  return []
}

function checkRules(rules: HPAScalingRules | undefined, path: (string | number)[]): FieldIssue[] {
  if (!rules) return []
  const issues: FieldIssue[] = []
  const window = rules.stabilizationWindowSeconds
  if (window !== undefined && (window < 0 || window > 3600)) {
    issues.push(invalidIssue([...path, 'stabilizationWindowSeconds'], window, 'must be less than or equal to 3600 and greater than or equal to 0'))
  }
  if (rules.selectPolicy !== 'Disabled' && rules.policies !== undefined && rules.policies.length === 0) {
    issues.push(requiredIssue([...path, 'policies'], 'must specify at least one Policy'))
  }
  ;(rules.policies ?? []).forEach((policy, i) => {
    if (policy.value <= 0) issues.push(invalidIssue([...path, 'policies', i, 'value'], policy.value, 'must be greater than zero'))
    if (policy.periodSeconds <= 0 || policy.periodSeconds > 1800) {
      issues.push(invalidIssue([...path, 'policies', i, 'periodSeconds'], policy.periodSeconds, 'must be greater than zero and less than or equal to 1800'))
    }
  })
  return issues
}

export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): FieldIssue[] {
  const spec = hpa.spec
  const issues: FieldIssue[] = []
  if (!spec.scaleTargetRef.kind) issues.push(requiredIssue(['spec', 'scaleTargetRef', 'kind']))
  if (!spec.scaleTargetRef.name) issues.push(requiredIssue(['spec', 'scaleTargetRef', 'name']))
  const minReplicas = spec.minReplicas ?? 1
  if (minReplicas < 1) issues.push(invalidIssue(['spec', 'minReplicas'], minReplicas, 'must be greater than or equal to 1'))
  if (spec.maxReplicas < 1) issues.push(invalidIssue(['spec', 'maxReplicas'], spec.maxReplicas, 'must be greater than 0'))
  if (spec.maxReplicas < minReplicas) {
    issues.push(invalidIssue(['spec', 'maxReplicas'], spec.maxReplicas, 'must be greater than or equal to `minReplicas`'))
  }
  ;(spec.metrics ?? []).forEach((metric, i) => {
    const path = ['spec', 'metrics', i]
    const source = { Resource: 'resource', ContainerResource: 'containerResource', Pods: 'pods', Object: 'object', External: 'external' }[metric.type] as
      | 'resource' | 'containerResource' | 'pods' | 'object' | 'external'
    const body = metric[source]
    if (!body) {
      issues.push(requiredIssue([...path, source], `must populate information for the given metric source`))
      return
    }
    issues.push(...checkTarget(body.target, [...path, source, 'target']))
  })
  issues.push(...checkRules(spec.behavior?.scaleUp, ['spec', 'behavior', 'scaleUp']))
  issues.push(...checkRules(spec.behavior?.scaleDown, ['spec', 'behavior', 'scaleDown']))
  return issues
}

export const horizontalPodAutoscalerKind: KindInfo = {
  kind: 'HorizontalPodAutoscaler',
  group: 'autoscaling',
  version: 'v2',
  apiVersion: 'autoscaling/v2',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: HorizontalPodAutoscaler,
  tracksGeneration: true,
  statusFields: ['status'],
  alsoServedAs: ['autoscaling/v1'],
  fromServedVersion: toAutoscalingV2,
  applyDefaults: applyHorizontalPodAutoscalerDefaults,
  validate: validateHorizontalPodAutoscaler,
}

// apps/v1 ControllerRevision: an immutable snapshot of a StatefulSet's or DaemonSet's template (`data`)
// with its revision number. Only the revision may change (when a rollback re-uses a snapshot).
import { z } from 'zod'
import { Int64 } from './integers'
import type { FieldIssue, KindInfo } from './kind-info'
import { ObjectMeta } from './meta'
import { checkNonNegative, immutableIssue, requiredIssue } from './field-issues'
import { isDeepEqual } from './deep-equal'

export const ControllerRevision = z.looseObject({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('ControllerRevision'),
  metadata: ObjectMeta,
  data: z.unknown().optional(),
  revision: Int64,
})
export type ControllerRevision = z.infer<typeof ControllerRevision>

export function validateControllerRevision(revision: ControllerRevision): FieldIssue[] {
  const issues = checkNonNegative(['revision'], revision.revision)
  if (revision.data === undefined) issues.push(requiredIssue(['data'], 'data is mandatory'))
  return issues
}

export const controllerRevisionKind: KindInfo = {
  kind: 'ControllerRevision',
  group: 'apps',
  version: 'v1',
  apiVersion: 'apps/v1',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  shortNames: [],
  namespaced: true,
  nameRule: 'dns1123-subdomain',
  schema: ControllerRevision,
  tracksGeneration: false,
  statusFields: [],
  validate: validateControllerRevision,
  validateUpdate: (previous: ControllerRevision, next: ControllerRevision) =>
    isDeepEqual(previous.data, next.data) ? [] : [immutableIssue(['data'], next.data)],
}

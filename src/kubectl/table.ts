// `kubectl get` table output for one kind (printTable) and for several kinds (printTables, as in
// `get all` or `get deploy,svc`): column filtering by priority, the NAMESPACE column for `-A`,
// `kind.group/name` names for multi-kind output, the LABELS column for `--show-labels`,
// and the "No resources found" text.
import { columnsFor } from './columns'
import { formatLabels } from './labels'
import type { Obj } from './object'
import { renderTable } from './tab-writer'

export interface PrintOptions {
  nowMs: number
  wide?: boolean
  /** `-A`: prepend NAMESPACE (ignored for cluster-scoped kinds, as kubectl does). */
  withNamespace?: boolean
  /** Name rows `<kind>[.<group>]/<name>`, as kubectl does when several kinds are printed. */
  withKindPrefix?: boolean
  showLabels?: boolean
  /** Overrides the built-in scope table, e.g. for custom kinds. */
  namespaced?: boolean
  /** Overrides the built-in group table, e.g. for custom kinds (`stable.example.com`). */
  group?: string
}

/** API groups of the built-in kinds (the core group is ''). */
export const kindGroups: Record<string, string> = {
  Deployment: 'apps', ReplicaSet: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ControllerRevision: 'apps',
  Job: 'batch', CronJob: 'batch',
  HorizontalPodAutoscaler: 'autoscaling',
  PodDisruptionBudget: 'policy',
  EndpointSlice: 'discovery.k8s.io',
  StorageClass: 'storage.k8s.io',
  Lease: 'coordination.k8s.io',
  PriorityClass: 'scheduling.k8s.io',
  Ingress: 'networking.k8s.io', NetworkPolicy: 'networking.k8s.io',
  CustomResourceDefinition: 'apiextensions.k8s.io',
  Role: 'rbac.authorization.k8s.io', RoleBinding: 'rbac.authorization.k8s.io',
  ClusterRole: 'rbac.authorization.k8s.io', ClusterRoleBinding: 'rbac.authorization.k8s.io',
}

/** Built-in cluster-scoped kinds. */
export const clusterScopedKinds: ReadonlySet<string> = new Set([
  'Node', 'Namespace', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'CustomResourceDefinition',
  'ClusterRole', 'ClusterRoleBinding', 'APIService', 'CSIDriver', 'CSINode', 'IngressClass', 'RuntimeClass',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'VolumeAttachment',
])

function groupOf(kind: string, objects: readonly Obj[], options: PrintOptions): string {
  if (options.group !== undefined) return options.group
  if (kind in kindGroups) return kindGroups[kind]
  const apiVersion = objects[0]?.apiVersion ?? ''
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : ''
}

/** printers.FormatResourceName: `deployment.apps/web`, `pod/web-0`. */
export function kindPrefixedName(kind: string, group: string, name: string): string {
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${name}`
}

/** The table kubectl prints for objects of one kind (empty string when there are none). */
export function printTable(kind: string, objects: readonly Obj[], options: PrintOptions): string {
  if (objects.length === 0) return ''
  const { columns, nameColumn, row } = columnsFor(kind)
  const keep = columns.map((c) => options.wide === true || c.priority !== 1)
  const namespaced = options.namespaced ?? !clusterScopedKinds.has(kind)
  const withNamespace = options.withNamespace === true && namespaced
  const group = groupOf(kind, objects, options)

  const headers = columns.filter((_, i) => keep[i]).map((c) => c.name)
  if (withNamespace) headers.unshift('Namespace')
  if (options.showLabels) headers.push('Labels')

  const rows = objects.map((obj) => {
    const cells = row(obj, options.nowMs)
    if (options.withKindPrefix && nameColumn >= 0) cells[nameColumn] = kindPrefixedName(kind, group, cells[nameColumn])
    const shown = cells.filter((_, i) => keep[i])
    if (withNamespace) shown.unshift(obj.metadata.namespace ?? '')
    if (options.showLabels) shown.push(formatLabels(obj.metadata.labels))
    return shown
  })
  return renderTable(headers, rows)
}

export interface TableSection {
  kind: string
  objects: readonly Obj[]
  namespaced?: boolean
  group?: string
}

/**
 * Several kinds one after another, separated by a blank line, as `kubectl get all` prints them.
 * Names carry the kind prefix as soon as more than one kind has objects (kubectl's multipleGVKsRequested).
 */
export function printTables(sections: readonly TableSection[], options: PrintOptions): string {
  const nonEmpty = sections.filter((s) => s.objects.length > 0)
  const withKindPrefix = options.withKindPrefix ?? nonEmpty.length > 1
  return nonEmpty
    .map((s) => printTable(s.kind, s.objects, { ...options, withKindPrefix, namespaced: s.namespaced ?? options.namespaced, group: s.group ?? options.group }))
    .join('\n')
}

/** The line kubectl writes to stderr when nothing matched. `namespace` undefined = `-A` or cluster-scoped. */
export function renderNoResources(namespace?: string): string {
  return namespace === undefined ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`
}

/** `-o name`: one `kind[.group]/name` per line. */
export function renderNames(kind: string, objects: readonly Obj[], group?: string): string {
  const g = group ?? groupOf(kind, objects, {} as PrintOptions)
  return objects.map((obj) => `${kindPrefixedName(kind, g, obj.metadata.name ?? '')}\n`).join('')
}

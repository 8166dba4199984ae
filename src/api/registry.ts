// The kind registry: resolves what a user or manifest names (Kind, plural, short name, apiVersion)
// to a KindInfo, and explains removed API versions with the version that replaced them.
import type { FieldIssue, KindInfo, RemovedVersion } from './kind-info'

export type Resolution =
  | { ok: true; info: KindInfo; converted: boolean }
  | { ok: false; issue: FieldIssue }

export class KindRegistry {
  private readonly byKind = new Map<string, KindInfo>()
  private readonly byAlias = new Map<string, KindInfo>()

  constructor(kinds: readonly KindInfo[], private readonly removed: readonly RemovedVersion[] = []) {
    for (const info of kinds) this.register(info)
  }

  register(info: KindInfo): void {
    this.byKind.set(info.kind, info)
    const aliases = [info.kind, info.kind.toLowerCase(), info.plural, info.singular, ...info.shortNames]
    if (info.group) aliases.push(`${info.plural}.${info.group}`, `${info.singular}.${info.group}`, `${info.kind}.${info.group}`)
    for (const alias of aliases) if (!this.byAlias.has(alias)) this.byAlias.set(alias, info)
  }

  kinds(): readonly KindInfo[] {
    return [...this.byKind.values()]
  }

  /** By Kind name or any kubectl alias ('Deployment', 'deployments', 'deploy', 'deployments.apps'). */
  find(nameOrAlias: string): KindInfo | undefined {
    return this.byKind.get(nameOrAlias) ?? this.byAlias.get(nameOrAlias) ?? this.byAlias.get(nameOrAlias.toLowerCase())
  }

  /** For an object's apiVersion and kind, as the API server would route it. */
  resolve(apiVersion: unknown, kind: unknown): Resolution {
    if (typeof kind !== 'string' || kind === '') return { ok: false, issue: { path: ['kind'], message: "Required value: kind must be set (e.g. 'Deployment')" } }
    if (typeof apiVersion !== 'string' || apiVersion === '')
      return { ok: false, issue: { path: ['apiVersion'], message: `Required value: apiVersion must be set (e.g. '${this.byKind.get(kind)?.apiVersion ?? 'v1'}')` } }
    const removed = this.removed.find((r) => r.apiVersion === apiVersion && r.kind === kind)
    if (removed)
      return {
        ok: false,
        issue: {
          path: ['apiVersion'],
          message: `no matches for kind "${kind}" in version "${apiVersion}": ${apiVersion} ${kind} was removed in Kubernetes ${removed.removedIn}; use apiVersion: ${removed.use}`,
        },
      }
    const info = this.byKind.get(kind)
    if (!info) return { ok: false, issue: { path: ['kind'], message: `no matches for kind "${kind}" in version "${apiVersion}": unknown kind (register custom kinds with registerKind)` } }
    if (info.apiVersion === apiVersion) return { ok: true, info, converted: false }
    if (info.alsoServedAs?.includes(apiVersion)) return { ok: true, info, converted: true }
    return { ok: false, issue: { path: ['apiVersion'], message: `no matches for kind "${kind}" in version "${apiVersion}": ${kind} is served as ${[info.apiVersion, ...(info.alsoServedAs ?? [])].join(', ')}` } }
  }
}

// The kind registry: resolves what a user or manifest names (Kind, plural, short name, apiVersion)
// to a KindInfo, and explains removed API versions with the version that replaced them.
import type { FieldIssue, KindInfo, RemovedVersion } from './kind-info'

export type Resolution =
  | { ok: true; info: KindInfo; converted: boolean }
  | { ok: false; issue: FieldIssue }

interface Tables {
  byKind: Map<string, KindInfo>
  byAlias: Map<string, KindInfo>
}

/**
 * The tables of a kind list, built once per process: every cluster starts from the same built-in
 * kinds, and indexing their aliases is most of what a registry costs. Shared tables are never
 * written; a registry copies them on its first own registration (a CRD, registerKind). Kind lists
 * are module constants (builtinKinds) or a test's own array, never changed after use.
 */
const indexed = new WeakMap<readonly KindInfo[], Tables>()

export class KindRegistry {
  private byKind: Map<string, KindInfo>
  private byAlias: Map<string, KindInfo>
  /** Whether the tables are the process-wide ones of the constructor's kind list (copy before writing). */
  private shared: boolean

  constructor(kinds: readonly KindInfo[], private readonly removed: readonly RemovedVersion[] = []) {
    let tables = indexed.get(kinds)
    if (!tables) {
      tables = { byKind: new Map(), byAlias: new Map() }
      for (const info of kinds) addTo(tables.byKind, tables.byAlias, info)
      indexed.set(kinds, tables)
    }
    this.byKind = tables.byKind
    this.byAlias = tables.byAlias
    this.shared = true
  }

  register(info: KindInfo): void {
    if (this.shared) {
      // Copies keep insertion order, so kinds() lists the built-ins first, as when each registry indexed them itself.
      this.byKind = new Map(this.byKind)
      this.byAlias = new Map(this.byAlias)
      this.shared = false
    }
    addTo(this.byKind, this.byAlias, info)
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
    const removed = findIn(this.removed, apiVersion, kind)
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
    if (info.apiVersion === apiVersion) return servedAsIs(info)
    if (info.alsoServedAs?.includes(apiVersion)) return { ok: true, info, converted: true }
    return { ok: false, issue: { path: ['apiVersion'], message: `no matches for kind "${kind}" in version "${apiVersion}": ${kind} is served as ${[info.apiVersion, ...(info.alsoServedAs ?? [])].join(', ')}` } }
  }
}

/** The (immutable) answer for a kind at its served version: one object per kind, as every write resolves its kind. */
const servedAnswers = new WeakMap<KindInfo, Resolution>()

function servedAsIs(info: KindInfo): Resolution {
  let answer = servedAnswers.get(info)
  if (!answer) servedAnswers.set(info, (answer = Object.freeze({ ok: true, info, converted: false })))
  return answer
}

function findIn(removed: readonly RemovedVersion[], apiVersion: string, kind: string): RemovedVersion | undefined {
  for (let i = 0; i < removed.length; i++) if (removed[i].apiVersion === apiVersion && removed[i].kind === kind) return removed[i]
  return undefined
}

/** A kind under its name and every alias; an alias already taken keeps its first kind. */
function addTo(byKind: Map<string, KindInfo>, byAlias: Map<string, KindInfo>, info: KindInfo): void {
  byKind.set(info.kind, info)
  const aliases = [info.kind, info.kind.toLowerCase(), info.plural, info.singular, ...info.shortNames]
  if (info.group) aliases.push(`${info.plural}.${info.group}`, `${info.singular}.${info.group}`, `${info.kind}.${info.group}`)
  for (const alias of aliases) if (!byAlias.has(alias)) byAlias.set(alias, info)
}

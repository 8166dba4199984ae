// Services by namespace and selector, kept from Service watch events, answering "which Services
// select this pod?" without scanning: each Service is filed under one pair of its selector, so a
// pod is matched only against Services filed under one of its own labels. Services without a
// selector (or with an empty one) select nothing here, as for the endpoint controllers.
import type { KubeObject } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { objectKey, type ObjectKey } from '../../store/keys'
import type { Store } from '../../store/store'
import type { WatchEvent } from '../../store/watch'
import { hasEndpointRelevantChange } from './endpoint-pod'

interface Entry {
  pairs: [string, string][]
  bucket: string
}

export class ServiceSelectorIndex {
  /** namespace → service name → selector entry */
  private readonly services = new Map<string, Map<string, Entry>>()
  /** namespace → "key=value" → service names filed under that pair */
  private readonly buckets = new Map<string, Map<string, Set<string>>>()

  constructor(store: Store) {
    for (const svc of store.list('Service')) this.put(svc)
  }

  /** Keeps the index in step with a Service watch event. */
  observe(event: WatchEvent): void {
    if (event.type === 'DELETED') this.remove(event.object)
    else this.put(event.object)
  }

  /** Keys of the Services in the pod's namespace whose selector matches these labels, sorted. */
  servicesSelecting(namespace: string | undefined, labels: Readonly<Record<string, string>> | undefined): ObjectKey[] {
    if (!namespace || !labels) return []
    const byPair = this.buckets.get(namespace)
    const entries = this.services.get(namespace)
    if (!byPair || !entries) return []
    const found: string[] = []
    for (const k in labels) {
      const names = byPair.get(`${k}=${labels[k]}`)
      if (!names) continue
      for (const name of names) {
        const entry = entries.get(name)!
        if (entry.pairs.every(([sk, sv]) => labels[sk] === sv)) found.push(name)
      }
    }
    return found.sort().map((name) => objectKey(namespace, name))
  }

  /** The Services a pod event concerns: those selecting the pod before or after an endpoint-relevant change. */
  servicesForPodEvent(event: WatchEvent): ObjectKey[] | undefined {
    const pod = event.object as unknown as Pod
    // Every pod write comes here (twice: Endpoints and EndpointSlice); in a namespace where no Service
    // has a selector none can concern it, whatever changed (a pod never changes namespace). Upstream
    // reaches the same empty answer through GetServicesToUpdateOnPodChange's namespace listing.
    const namespace = pod.metadata.namespace
    if (!namespace || !this.buckets.get(namespace)?.size) return undefined
    if (event.type !== 'MODIFIED') return this.servicesSelecting(pod.metadata.namespace, pod.metadata.labels)
    const previous = event.previous as unknown as Pod | undefined
    if (previous && !hasEndpointRelevantChange(previous, pod)) return []
    const keys = this.servicesSelecting(pod.metadata.namespace, pod.metadata.labels)
    if (previous && previous.metadata.labels !== pod.metadata.labels)
      for (const k of this.servicesSelecting(previous.metadata.namespace, previous.metadata.labels)) if (!keys.includes(k)) keys.push(k)
    return keys
  }

  private put(svc: KubeObject): void {
    const namespace = svc.metadata.namespace ?? 'default'
    const name = svc.metadata.name
    const selector = (svc as { spec?: { selector?: Record<string, string>; type?: string } }).spec?.selector
    const pairs = Object.entries(selector ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const existing = this.services.get(namespace)?.get(name)
    if (existing && sameEntry(existing.pairs, pairs)) return
    this.remove(svc)
    if (pairs.length === 0) return
    const bucket = `${pairs[0][0]}=${pairs[0][1]}`
    getOrCreate(this.services, namespace, () => new Map<string, Entry>()).set(name, { pairs, bucket })
    getOrCreate(getOrCreate(this.buckets, namespace, () => new Map<string, Set<string>>()), bucket, () => new Set<string>()).add(name)
  }

  private remove(svc: KubeObject): void {
    const namespace = svc.metadata.namespace ?? 'default'
    const entries = this.services.get(namespace)
    const entry = entries?.get(svc.metadata.name)
    if (!entries || !entry) return
    entries.delete(svc.metadata.name)
    const names = this.buckets.get(namespace)?.get(entry.bucket)
    names?.delete(svc.metadata.name)
    if (names && names.size === 0) this.buckets.get(namespace)!.delete(entry.bucket)
  }
}

function sameEntry(a: [string, string][], b: [string, string][]): boolean {
  return a.length === b.length && a.every(([k, v], i) => b[i][0] === k && b[i][1] === v)
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) map.set(key, (value = make()))
  return value
}

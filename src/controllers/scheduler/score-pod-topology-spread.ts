// Score PodTopologySpread, ScheduleAnyway constraints ([k8s] .../podtopologyspread/scoring.go): the pod's
// own soft constraints, or the system defaults (hostname maxSkew 3, zone maxSkew 5) when it has none
// and belongs to a Service/RC/RS/StatefulSet (`defaultSpreadSelector`). Per node, raw =
// round(sum over constraints of count(domain) * log(domains + 2) + (maxSkew - 1)); lower is better;
// normalized to 100 * (max + min - raw) / max. With the pod's own constraints, nodes missing a topology
// key score 0; system defaults do not require every key (a node without a zone still spreads by host).
import type { LabelSelector } from '../../api/meta'
import type { Pod } from '../../api/pod'
import { LABEL_HOSTNAME, MAX_NODE_SCORE, podNamespace } from './framework'
import type { NodeInfo } from './node-info'
import { countMatchingPodsCached, nodeHasTopologyKeys, nodeIncludedBy, podSpreadConstraints, systemDefaultSpreadConstraints } from './topology-spread-constraint'

export function scorePodTopologySpread(
  pod: Pod,
  nodes: readonly NodeInfo[],
  allNodeInfos: readonly NodeInfo[],
  defaultSpreadSelector?: LabelSelector,
): number[] {
  const own = (pod.spec.topologySpreadConstraints ?? []).length > 0
  const constraints = own ? podSpreadConstraints(pod, 'ScheduleAnyway') : systemDefaultSpreadConstraints(defaultSpreadSelector)
  // PreScore returns Skip: the plugin adds nothing.
  if (constraints.length === 0 || nodes.length === 0) return nodes.map(() => 0)
  const requireAllTopologies = own
  const namespace = podNamespace(pod)

  const ignored = new Set<string>()
  const domainCounts = constraints.map(() => new Map<string, number>())
  const topologySize = constraints.map(() => 0)
  for (const info of nodes) {
    if (requireAllTopologies && !nodeHasTopologyKeys(info.node, constraints)) {
      ignored.add(info.name)
      continue
    }
    const labels = info.node.metadata.labels ?? {}
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return // per-node counts are taken in Score
      // A node without the key is in no domain of this constraint (upstream initPreScoreState).
      if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return
      const value = labels[c.topologyKey]
      if (!domainCounts[i].has(value)) {
        domainCounts[i].set(value, 0)
        topologySize[i]++
      }
    })
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? nodes.length - ignored.size : topologySize[i]) + 2))

  const cacheKeys = constraints.map((c) => `${namespace}\u0000${JSON.stringify(c.selector ?? null)}`)
  // Domain counts need a pass over every node only when some candidate node has a domain.
  if (topologySize.some((size, i) => size > 0 && constraints[i].topologyKey !== LABEL_HOSTNAME))
    for (const info of allNodeInfos) {
      if (requireAllTopologies && !nodeHasTopologyKeys(info.node, constraints)) continue
      const labels = info.node.metadata.labels ?? {}
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME || !Object.prototype.hasOwnProperty.call(labels, c.topologyKey) || !nodeIncludedBy(c, pod, info.node)) return
        const value = labels[c.topologyKey]
        const current = domainCounts[i].get(value)
        if (current === undefined) return // no candidate node in this domain
        domainCounts[i].set(value, current + countMatchingPodsCached(info.pods, c.selector, namespace, cacheKeys[i]))
      })
    }

  const raw = nodes.map((info) => {
    if (ignored.has(info.name)) return 0
    const labels = info.node.metadata.labels ?? {}
    let score = 0
    constraints.forEach((c, i) => {
      if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return
      const count = c.topologyKey === LABEL_HOSTNAME ? countMatchingPodsCached(info.pods, c.selector, namespace, cacheKeys[i]) : domainCounts[i].get(labels[c.topologyKey])!
      score += count * weights[i] + (c.maxSkew - 1)
    })
    return Math.round(score)
  })

  let min = Infinity
  let max = 0
  nodes.forEach((info, i) => {
    if (ignored.has(info.name)) return
    if (raw[i] < min) min = raw[i]
    if (raw[i] > max) max = raw[i]
  })
  return nodes.map((info, i) => {
    if (ignored.has(info.name)) return 0
    if (max === 0) return MAX_NODE_SCORE
    return Math.trunc((MAX_NODE_SCORE * (max + min - raw[i])) / max)
  })
}

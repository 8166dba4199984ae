// Score ImageLocality ([k8s] .../imagelocality/image_locality.go): sum over the pod's containers of the
// sizes of images the node already has, each scaled by the fraction of all nodes having it (image
// spread), clamped to [23 MiB, 1000 MiB x containers] and mapped linearly to 0..100. No normalization.
// Nodes list their images in status.images; nodes that list none score 0 (the simulator default).
import type { Pod } from '../../api/pod'
import { MAX_NODE_SCORE } from './framework'
import type { NodeInfo } from './node-info'

const MB = 1024 * 1024
const MIN_THRESHOLD_BYTES = 23 * MB
const MAX_CONTAINER_THRESHOLD_BYTES = 1000 * MB

/** normalizedImageName: an image without a tag gets ':latest'. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name
}

function podImages(pod: Pod): string[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => normalizedImageName(c.image ?? ''))
}

export function calculateImagePriority(sumScoresBytes: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD_BYTES * numContainers
  const clamped = Math.min(Math.max(sumScoresBytes, MIN_THRESHOLD_BYTES), maxThreshold)
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD_BYTES)) / (maxThreshold - MIN_THRESHOLD_BYTES))
}

export function scoreImageLocality(pod: Pod, nodes: readonly NodeInfo[], allNodeInfos: readonly NodeInfo[]): number[] {
  const images = podImages(pod)
  // How many nodes in the cluster hold each of the pod's images (upstream ImageStateSummary.NumNodes).
  const spread = new Map<string, number>()
  for (const image of new Set(images)) {
    let n = 0
    for (const info of allNodeInfos) if (info.imageNames.has(image)) n++
    spread.set(image, n)
  }
  const total = allNodeInfos.length
  return nodes.map((info) => {
    let sum = 0
    for (const image of images) {
      if (!info.imageNames.has(image)) continue
      const size = info.imageSizes.get(image) ?? 0
      sum += Math.trunc(size * ((spread.get(image) ?? 0) / total))
    }
    return calculateImagePriority(sum, images.length)
  })
}

// A tiny operator written with addController: a custom `Website` kind becomes a Deployment and a
// Service, owned by the Website so deleting it cleans everything up (garbage collection).
import { createCluster, type Cluster } from 'kubesim'
import { heading, isMain, kubectl, type Print } from './print'

export function installWebsiteOperator(cluster: Cluster): void {
  cluster.registerKind({ apiVersion: 'example.com/v1', kind: 'Website', plural: 'websites' })
  cluster.addController({
    name: 'website-operator',
    for: 'Website',
    owns: ['Deployment', 'Service'],
    reconcile({ namespace, name }, { cluster: c }) {
      const site = c.get('Website', name, { namespace })
      if (!site || site.metadata.deletionTimestamp) return // owned objects go with it (garbage collector)
      const spec = site.spec as { replicas?: number; image: string }
      const owner = { apiVersion: site.apiVersion, kind: site.kind, name, uid: site.metadata.uid, controller: true, blockOwnerDeletion: true }
      const labels = { app: name }
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace, labels, ownerReferences: [owner] },
        spec: { replicas: spec.replicas ?? 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: spec.image }] } } },
      }
      const existing = c.get('Deployment', name, { namespace })
      if (!existing) c.create(deployment)
      else if (existing.spec.replicas !== deployment.spec.replicas || existing.spec.template.spec.containers[0].image !== spec.image)
        c.edit('Deployment', name, (d) => {
          d.spec.replicas = deployment.spec.replicas
          d.spec.template.spec.containers[0].image = spec.image
        }, { namespace })
      if (!c.get('Service', name, { namespace }))
        c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, ownerReferences: [owner] }, spec: { selector: labels, ports: [{ port: 80 }] } })
    },
  })
}

export function runCustomController(print: Print = console.log) {
  const cluster = createCluster({ seed: 1, nodes: 3 })
  installWebsiteOperator(cluster)
  heading(print, cluster, 'a Website object; the operator creates its Deployment and Service')
  cluster.apply({ apiVersion: 'example.com/v1', kind: 'Website', metadata: { name: 'blog' }, spec: { replicas: 2, image: 'ghost:5' } })
  cluster.runUntil(() => cluster.get('Deployment', 'blog')?.status?.availableReplicas === 2)
  kubectl(cluster, print, 'get websites,deployments,services')
  heading(print, cluster, 'delete the Website: its Deployment, Service and pods are collected')
  cluster.delete('Website', 'blog')
  cluster.runUntil(() => cluster.list('Pod', { labelSelector: 'app=blog' }).length === 0)
  kubectl(cluster, print, 'get deployments,services')
  return cluster
}

if (isMain(import.meta.url)) runCustomController()

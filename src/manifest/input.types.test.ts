// Compile-time contract of ApplyInput (checked by `tsc --noEmit`), plus a runtime read of the same values.
import type { Deployment } from 'kubernetes-types/apps/v1'
import type { ConfigMap, Service } from 'kubernetes-types/core/v1'
import type { NetworkPolicy } from 'kubernetes-types/networking/v1'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { readManifests, type ApplyInput, type ManifestInput } from './input'

// kubernetes-types: interfaces with literal apiVersion/kind and readonly server fields.
const deployment: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
}
const service: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }
const config: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }
const policy: NetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] } }

// @kubernetes/client-node: classes, quoted optional properties, Date timestamps, `_from`.
class V1ObjectMeta {
  'name'?: string
  'namespace'?: string
  'creationTimestamp'?: Date
  'deletionTimestamp'?: Date
  'labels'?: { [key: string]: string }
}
class V1Container {
  'name'!: string
  'image'?: string
}
class V1DeploymentSpec {
  'replicas'?: number
  'selector'!: { matchLabels?: { [key: string]: string } }
  'template'!: { metadata?: V1ObjectMeta; spec?: { containers: V1Container[] } }
}
class V1DeploymentCondition {
  'type'!: string
  'status'!: string
  'lastTransitionTime'?: Date
  'lastUpdateTime'?: Date
}
class V1Deployment {
  'apiVersion'?: string
  'kind'?: string
  'metadata'?: V1ObjectMeta
  'spec'?: V1DeploymentSpec
  'status'?: { conditions?: V1DeploymentCondition[] }
}
class V1NetworkPolicyIngressRule {
  '_from'?: { podSelector?: { matchLabels?: { [key: string]: string } } }[]
}
class V1NetworkPolicy {
  'apiVersion'?: string
  'kind'?: string
  'metadata'?: V1ObjectMeta
  'spec'?: { podSelector: object; ingress?: V1NetworkPolicyIngressRule[] }
}

const clientNodeDeployment = new V1Deployment()
clientNodeDeployment.apiVersion = 'apps/v1'
clientNodeDeployment.kind = 'Deployment'
clientNodeDeployment.metadata = Object.assign(new V1ObjectMeta(), { name: 'web', creationTimestamp: new Date('2024-01-01T00:00:00Z') })
clientNodeDeployment.status = { conditions: [Object.assign(new V1DeploymentCondition(), { type: 'Available', status: 'True', lastTransitionTime: new Date('2024-01-01T00:00:00Z') })] }
const clientNodePolicy = new V1NetworkPolicy()
clientNodePolicy.apiVersion = 'networking.k8s.io/v1'
clientNodePolicy.kind = 'NetworkPolicy'
clientNodePolicy.spec = { podSelector: {}, ingress: [Object.assign(new V1NetworkPolicyIngressRule(), { _from: [{ podSelector: {} }] })] }

// kubernetes-models: classes whose constructor fills apiVersion/kind, with toJSON() and validate().
class ModelsDeployment {
  apiVersion = 'apps/v1'
  kind = 'Deployment'
  metadata?: { name?: string; labels?: Record<string, string> }
  spec?: { replicas?: number; template: { spec?: { containers: { name: string; resources?: { requests?: Record<string, number | string> } }[] } } }
  constructor(data: Omit<ModelsDeployment, 'apiVersion' | 'kind' | 'toJSON' | 'validate'>) {
    Object.assign(this, data)
  }
  validate(): void {}
  toJSON(): object {
    return { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata, spec: this.spec }
  }
}

describe('ApplyInput', () => {
  it('accepts kubernetes-types objects and arrays of them without casts', () => {
    const single: ApplyInput = deployment
    const many: ApplyInput = [deployment, service, config, policy]
    const readonlyList: readonly Deployment[] = [deployment]
    const fromReadonly: ApplyInput = readonlyList
    expectTypeOf<Deployment>().toMatchTypeOf<ManifestInput>()
    expect(readManifests(single).documents).toHaveLength(1)
    expect(readManifests(many).documents.map((d) => d.object.kind)).toEqual(['Deployment', 'Service', 'ConfigMap', 'NetworkPolicy'])
    expect(readManifests(fromReadonly).issues).toEqual([])
  })

  it('accepts client-node class instances with Date fields and _from', () => {
    const single: ApplyInput = clientNodeDeployment
    const many: ApplyInput = [clientNodeDeployment, clientNodePolicy]
    expectTypeOf<V1Deployment>().toMatchTypeOf<ManifestInput>()
    const [read] = readManifests(single).documents
    expect((read.object.metadata as any).creationTimestamp).toBe('2024-01-01T00:00:00Z')
    expect((read.object.status as any).conditions[0].lastTransitionTime).toBe('2024-01-01T00:00:00Z')
    expect((readManifests(many).documents[1].object.spec as any).ingress).toEqual([{ from: [{ podSelector: {} }] }])
  })

  it('accepts kubernetes-models instances', () => {
    const model = new ModelsDeployment({ metadata: { name: 'web' }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: 1 } } }] } } } })
    const input: ApplyInput = [model]
    expect(readManifests(input).documents[0].object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: 1 } } }] } } },
    })
  })

  it('accepts inline object literals with any fields, text, and cdk8s shapes', () => {
    const inline: ApplyInput = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'b' } }, data: { key: 'value' } }
    const inlineList: ApplyInput = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo', annotations: {} } }, deployment]
    const text: ApplyInput = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n'
    const chart = { toJson: (): unknown[] => [config] }
    const fromChart: ApplyInput = chart
    const fromApp: ApplyInput = { charts: [chart, chart] }
    for (const input of [inline, inlineList, text, fromChart, fromApp]) expect(readManifests(input).issues).toEqual([])
  })

  it('rejects values that cannot be manifests, at compile time', () => {
    // @ts-expect-error a number is not an input
    const number: ApplyInput = 42
    // @ts-expect-error apiVersion must be a string
    const badVersion: ApplyInput = { apiVersion: 1, kind: 'Pod' }
    // @ts-expect-error metadata.name must be a string
    const badName: ApplyInput = { kind: 'Pod', metadata: { name: 3 } }
    expect(readManifests(number).issues).toHaveLength(1)
    expect([badVersion, badName]).toHaveLength(2)
  })
})

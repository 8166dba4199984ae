import { describe, expect, it } from 'vitest'
import { notFoundError, parseKubectlCommand } from './command'

// Loosely typed so tests can read fields of any verb.
const parse = (line: string): any => {
  const result = parseKubectlCommand(line)
  if (!result.ok) throw new Error(result.error)
  return result.command
}
const error = (line: string): string => {
  const result = parseKubectlCommand(line)
  if (result.ok) throw new Error(`expected an error for ${line}`)
  return result.error
}

describe('parseKubectlCommand: get', () => {
  it('get pods -o wide -n kube-system', () => {
    expect(parse('kubectl get pods -o wide -n kube-system')).toEqual({
      verb: 'get', targets: [{ kind: 'Pod', resource: 'pods' }], output: 'wide', showLabels: false, watch: false, ignoreNotFound: false, namespace: 'kube-system', allNamespaces: false,
    })
  })
  it('several types, all, names, selectors and -A', () => {
    expect(parse('get deploy,svc').targets).toEqual([{ kind: 'Deployment', resource: 'deploy' }, { kind: 'Service', resource: 'svc' }])
    expect((parse('get all') as any).targets.map((t: any) => t.kind)).toEqual(['Pod', 'ReplicationController', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'HorizontalPodAutoscaler', 'CronJob', 'Job'])
    expect(parse('get pod web-0 -o yaml')).toMatchObject({ targets: [{ kind: 'Pod', name: 'web-0' }], output: 'yaml' })
    expect(parse('get pod/web-0 svc/web')).toMatchObject({ targets: [{ kind: 'Pod', name: 'web-0' }, { kind: 'Service', name: 'web' }] })
    expect(parse('get pods -l app=web --show-labels -A')).toMatchObject({ selector: 'app=web', showLabels: true, allNamespaces: true })
    expect(parse('get pods --all-namespaces --selector=app=web,tier=fe')).toMatchObject({ selector: 'app=web,tier=fe', allNamespaces: true })
    expect(parse("get pods -l 'tier in (fe,be)'")).toMatchObject({ selector: 'tier in (fe,be)' })
    expect(parse('get deployments.apps web -ojson')).toMatchObject({ targets: [{ kind: 'Deployment', name: 'web' }], output: 'json' })
    expect(parse('-n demo get events')).toMatchObject({ targets: [{ kind: 'Event' }], namespace: 'demo' })
    expect(parse('get hpa,pdb,sts,ds,cj,rs,rc,ep,cm,pvc,pv,sc,ns,no,po,sa').targets.map((t: any) => t.kind)).toEqual([
      'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'StatefulSet', 'DaemonSet', 'CronJob', 'ReplicaSet', 'ReplicationController', 'Endpoints', 'ConfigMap',
      'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'Namespace', 'Node', 'Pod', 'ServiceAccount',
    ])
  })
  it('uses the given kind lookup for custom resources', () => {
    const result = parseKubectlCommand('get ct', { resolveKind: (n) => (n === 'ct' || n === 'crontabs' ? 'CronTab' : undefined) })
    expect(result).toEqual({ ok: true, command: expect.objectContaining({ targets: [{ kind: 'CronTab', resource: 'ct' }] }) })
  })
})

describe('parseKubectlCommand: other verbs', () => {
  it('describe, rollout, scale, node commands, delete, apply', () => {
    expect(parse('describe pod web-0')).toEqual({ verb: 'describe', targets: [{ kind: 'Pod', resource: 'pod', name: 'web-0' }], prefixMatch: true, allNamespaces: false })
    expect(parse('describe pod/web-0')).toMatchObject({ verb: 'describe', prefixMatch: false })
    expect(parse('rollout status deployment/web')).toEqual({ verb: 'rollout', action: 'status', target: { kind: 'Deployment', resource: 'deployment', name: 'web' }, watch: true })
    expect(parse('rollout undo deploy web --to-revision=2')).toMatchObject({ action: 'undo', target: { kind: 'Deployment', name: 'web' }, toRevision: 2 })
    for (const action of ['history', 'pause', 'resume', 'restart']) expect(parse(`rollout ${action} deployment/web`)).toMatchObject({ action })
    expect(parse('rollout status sts/web -n prod')).toMatchObject({ target: { kind: 'StatefulSet', name: 'web' }, namespace: 'prod' })
    expect(parse('scale deployment/web --replicas=5')).toEqual({ verb: 'scale', targets: [{ kind: 'Deployment', resource: 'deployment', name: 'web' }], replicas: 5 })
    expect(parse('scale deployment web --replicas 5')).toEqual({ verb: 'scale', targets: [{ kind: 'Deployment', resource: 'deployment', name: 'web' }], replicas: 5 })
    expect(parse('cordon node-1')).toEqual({ verb: 'cordon', node: 'node-1' })
    expect(parse('uncordon node-1')).toEqual({ verb: 'uncordon', node: 'node-1' })
    expect(parse('drain node-1 --ignore-daemonsets --delete-emptydir-data')).toEqual({ verb: 'drain', node: 'node-1', ignoreDaemonSets: true, deleteEmptyDirData: true, force: false })
    expect(parse('delete pod x')).toMatchObject({ verb: 'delete', targets: [{ kind: 'Pod', name: 'x' }], filenames: [] })
    expect(parse('delete pods -l app=web')).toMatchObject({ verb: 'delete', targets: [{ kind: 'Pod' }], selector: 'app=web' })
    expect(parse('apply -f manifests/web.yaml -f db.yaml')).toEqual({ verb: 'apply', filenames: ['manifests/web.yaml', 'db.yaml'], recursive: false })
  })
})

describe("kubectl's error texts", () => {
  it('unknown commands, flags and resource types', () => {
    expect(error('kubectl foo')).toBe('error: unknown command "foo" for "kubectl"')
    expect(error('get pods --foo')).toBe('error: unknown flag: --foo')
    expect(error('get pods -x')).toBe("error: unknown shorthand flag: 'x' in -x")
    expect(error('get foos')).toBe('error: the server doesn\'t have a resource type "foos"')
    expect(error('get pods -n')).toBe("error: flag needs an argument: 'n' in -n")
    expect(error('get pods -o table')).toMatch(/^error: unable to match a printer suitable for the output format "table", allowed formats are: /)
    expect(error('scale deployment/web')).toBe('error: required flag(s) "replicas" not set')
    expect(error('rollout status pod/web-0')).toBe('error: no status viewer has been implemented for Pod')
    expect(error('delete pods')).toBe('error: resource(s) were provided, but no name was specified')
  })
  it('NotFound from the server', () => {
    expect(notFoundError('Pod', 'x')).toBe('Error from server (NotFound): pods "x" not found')
    expect(notFoundError('Deployment', 'web')).toBe('Error from server (NotFound): deployments.apps "web" not found')
  })
})

// cluster.kubectl(line): kubectl's text for get/describe/apply/delete/scale/rollout/cordon against the
// facade. Formats from docs/kubectl.md §5 (tables §5.1–5.3, describe Events §5.7, error texts §5.9);
// event aggregation from semantics.md §14.1. These tests build the objects they need by hand (status
// written through the store) so they do not depend on the workload controllers.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCluster, ValidationError } from '../../src/index'
import { EventRecorder } from '../../src/runtime/event-recorder'
import { Client } from '../../src/store/client'

const deployment = (name = 'web', replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] } },
  },
})

const configMap = (name: string, data: Record<string, string> = { a: '1' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data })

/** A cluster with no nodes and a recorder writing Events as a controller would. */
function setup() {
  const cluster = createCluster({ nodes: 0 })
  const recorder = new EventRecorder(new Client(cluster.env.store, 'test-recorder'), cluster.env.clock)
  return { cluster, recorder }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kubesim-kubectl-'))
}

describe('kubectl get (kubectl.md §5.1–5.3)', () => {
  it('prints a table with kubectl column widths and ages from the virtual clock', () => {
    const { cluster } = setup()
    cluster.apply([configMap('alpha'), configMap('beta-config', { a: '1', b: '2' })])
    cluster.advance('190s')
    expect(cluster.kubectl('get configmaps')).toBe(
      ['NAME          DATA   AGE', 'alpha         1      3m10s', 'beta-config   2      3m10s', ''].join('\n'),
    )
  })

  it('accepts short names, a kind/name form and several names', () => {
    const { cluster } = setup()
    cluster.apply([configMap('a'), configMap('b')])
    expect(cluster.kubectl('get cm a')).toBe('NAME   DATA   AGE\na      1      0s\n')
    expect(cluster.kubectl('get configmap/b')).toBe('NAME   DATA   AGE\nb      1      0s\n')
    expect(cluster.kubectl('kubectl get cm a b -o name')).toBe('configmap/a\nconfigmap/b\n')
  })

  it('prints "No resources found in default namespace." for an empty namespaced list and "No resources found" across namespaces', () => {
    const { cluster } = setup()
    expect(cluster.kubectl('get pods')).toBe('No resources found in default namespace.\n')
    expect(cluster.kubectl('get pods -n kube-system')).toBe('No resources found in kube-system namespace.\n')
    expect(cluster.kubectl('get pods -A')).toBe('No resources found\n')
  })

  it('returns the API server NotFound text for a missing name, after the rows it found', () => {
    const { cluster } = setup()
    cluster.apply(configMap('a'))
    expect(cluster.kubectl('get cm nope')).toBe('Error from server (NotFound): configmaps "nope" not found\n')
    expect(cluster.kubectl('get cm a nope')).toBe('NAME   DATA   AGE\na      1      0s\nError from server (NotFound): configmaps "nope" not found\n')
    expect(cluster.kubectl('get deploy web')).toBe('Error from server (NotFound): deployments.apps "web" not found\n')
  })

  it('returns kubectl error texts for unknown resource types, commands and flags', () => {
    const { cluster } = setup()
    expect(cluster.kubectl('get widgets')).toBe('error: the server doesn\'t have a resource type "widgets"\n')
    expect(cluster.kubectl('frobnicate pods')).toBe('error: unknown command "frobnicate" for "kubectl"\n')
    expect(cluster.kubectl('get pods --bogus')).toBe('error: unknown flag: --bogus\n')
  })

  it('adds a NAMESPACE column with -A and LABELS with --show-labels', () => {
    const { cluster } = setup()
    cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } })
    cluster.apply([configMap('a'), { ...configMap('b'), metadata: { name: 'b', namespace: 'team', labels: { tier: 'fe' } } }])
    expect(cluster.kubectl('get cm -A')).toBe('NAMESPACE   NAME   DATA   AGE\ndefault     a      1      0s\nteam        b      1      0s\n')
    expect(cluster.kubectl('get cm -n team --show-labels')).toBe('NAME   DATA   AGE   LABELS\nb      1      0s    tier=fe\n')
  })

  it('filters with -l label selectors', () => {
    const { cluster } = setup()
    cluster.apply([
      { ...configMap('a'), metadata: { name: 'a', labels: { app: 'web' } } },
      { ...configMap('b'), metadata: { name: 'b', labels: { app: 'db' } } },
    ])
    expect(cluster.kubectl('get cm -l app=web -o name')).toBe('configmap/a\n')
    expect(cluster.kubectl('get cm -l "app in (web,db)" -o name')).toBe('configmap/a\nconfigmap/b\n')
  })

  it('prints kind-prefixed names when several kinds have rows (deployment.apps/web, configmap/a)', () => {
    const { cluster } = setup()
    cluster.apply([deployment('web'), configMap('a')])
    const text = cluster.kubectl('get deploy,cm')
    expect(text).toBe(
      [
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/web   0/2     0            0           0s',
        '',
        'NAME          DATA   AGE',
        'configmap/a   1      0s',
        '',
      ].join('\n'),
    )
  })

  it('prints one object as YAML without a List and a listing as a List (-o yaml / -o json)', () => {
    const { cluster } = setup()
    cluster.apply(configMap('a'))
    const one = cluster.kubectl('get cm a -o yaml')
    expect(one.startsWith('apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n')).toBe(true)
    const list = cluster.kubectl('get cm -o json')
    const parsed = JSON.parse(list)
    expect(parsed.kind).toBe('List')
    expect(parsed.items.map((i: any) => i.metadata.name)).toEqual(['a'])
    expect(list).toContain('\n    "apiVersion": "v1",')
  })
})

describe('kubectl get events and describe Events (kubectl.md §5.3, §5.7; semantics.md §14.1)', () => {
  it('aggregates repeats into one Event whose describe Age reads "<last> (xN over <first>)"', () => {
    const { cluster, recorder } = setup()
    // A scheduling gate keeps the real scheduler from adding events of its own to this pod.
    const [pod] = cluster.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' }, spec: { schedulingGates: [{ name: 'test' }], containers: [{ name: 'app', image: 'busybox' }] } })
    recorder.record(pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-0 to node-1', { component: 'default-scheduler' })
    cluster.advance('10s')
    for (let i = 0; i < 3; i++) {
      recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container app in pod web-0_default(uid)', { component: 'kubelet', host: 'node-1' }, 'spec.containers{app}')
      cluster.advance('40s')
    }
    // first BackOff at t=10s, last at t=90s, now t=130s.
    const events = cluster.events({ involvedObject: { kind: 'Pod', name: 'web-0' } })
    expect(events.map((e: any) => [e.reason, e.count])).toEqual([['Scheduled', 1], ['BackOff', 3]])
    const describeText = cluster.kubectl('describe pod web-0')
    expect(describeText).toContain(
      [
        'Events:',
        '  Type     Reason     Age               From               Message',
        '  ----     ------     ----              ----               -------',
        '  Normal   Scheduled  2m10s             default-scheduler  Successfully assigned default/web-0 to node-1',
        '  Warning  BackOff    40s (x3 over 2m)  kubelet            Back-off restarting failed container app in pod web-0_default(uid)',
        '',
      ].join('\n'),
    )
    expect(cluster.kubectl('get events')).toBe(
      [
        'LAST SEEN   TYPE      REASON      OBJECT      MESSAGE',
        '2m10s       Normal    Scheduled   pod/web-0   Successfully assigned default/web-0 to node-1',
        '40s         Warning   BackOff     pod/web-0   Back-off restarting failed container app in pod web-0_default(uid)',
        '',
      ].join('\n'),
    )
  })

  it('describe prints "Events:  <none>" aligned with the other fields when nothing happened', () => {
    const { cluster } = setup()
    cluster.apply(configMap('a'))
    expect(cluster.kubectl('describe cm a')).toBe('Name:         a\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nEvents:       <none>\n')
  })

  it('describe matches a name prefix when there is no exact match, and says NotFound otherwise', () => {
    const { cluster } = setup()
    cluster.apply([configMap('web-1'), configMap('web-2'), configMap('db')])
    const text = cluster.kubectl('describe cm web')
    expect(text.match(/^Name:/gm)).toHaveLength(2)
    expect(text).toContain('Name:         web-1\n')
    expect(text).toContain('\n\nName:         web-2\n')
    expect(cluster.kubectl('describe cm/web')).toBe('Error from server (NotFound): configmaps "web" not found\n')
    expect(cluster.kubectl('describe cm zzz')).toBe('Error from server (NotFound): configmaps "zzz" not found\n')
  })

  it('describe deployment lists its ReplicaSets as OldReplicaSets / NewReplicaSet', () => {
    const { cluster } = setup()
    const [d] = cluster.apply(deployment('web'))
    const template = { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc12' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] } }
    cluster.create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'web-abc12', labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true }] },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc12' } }, template },
    })
    const text = cluster.kubectl('describe deployment web')
    expect(text).toContain('OldReplicaSets:    <none>\n')
    expect(text).toContain('NewReplicaSet:     web-abc12 (0/2 replicas created)\n')
  })
})

describe('kubectl writes: apply, delete, scale, cordon (kubectl.md §5.9)', () => {
  it('apply -f prints created, then unchanged, then configured, as kubectl does', () => {
    const { cluster } = setup()
    const dir = tempDir()
    const file = join(dir, 'cm.yaml')
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n')
    expect(cluster.kubectl(`apply -f ${file}`)).toBe('configmap/settings created\n')
    expect(cluster.kubectl(`apply -f ${file}`)).toBe('configmap/settings unchanged\n')
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: slow\n')
    expect(cluster.kubectl(`apply -f ${file}`)).toBe('configmap/settings configured\n')
    expect((cluster.get('ConfigMap', 'settings') as any).data.mode).toBe('slow')
  })

  it('apply -f <dir> applies the .yaml/.yml/.json files in name order', () => {
    const { cluster } = setup()
    const dir = tempDir()
    writeFileSync(join(dir, 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n')
    writeFileSync(join(dir, 'a.json'), JSON.stringify(configMap('a')))
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest')
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'sub', 'c.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n')
    expect(cluster.kubectl(`apply -f ${dir}`)).toBe('configmap/a created\nconfigmap/b created\n')
    expect(cluster.kubectl(`apply -R -f ${dir}`)).toBe('configmap/a unchanged\nconfigmap/b unchanged\nconfigmap/c created\n')
  })

  it('apply -f of a missing path prints kubectl\'s "does not exist" error', () => {
    const { cluster } = setup()
    expect(cluster.kubectl('apply -f /nonexistent/x.yaml')).toBe('error: the path "/nonexistent/x.yaml" does not exist\n')
  })

  it('apply -f of an invalid manifest names the file, line:column and field path, and writes nothing', () => {
    const { cluster } = setup()
    const dir = tempDir()
    const file = join(dir, 'bad.yaml')
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: fine',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  selector:',
        '    matchLabels: { app: web }',
        '  template:',
        '    metadata:',
        '      labels: { app: web }',
        '    spec:',
        '      containers:',
        '      - name: Web_Server',
        '        image: nginx',
        '',
      ].join('\n'),
    )
    const text = cluster.kubectl(`apply -f ${file}`)
    expect(text.startsWith(`error: ${file}: `)).toBe(true)
    expect(text).toContain('document 2, line 18:')
    expect(text).toContain('spec.template.spec.containers[0].name')
    expect(cluster.get('ConfigMap', 'fine')).toBeUndefined()
  })

  it('delete prints `<kind> "<name>" deleted from <ns> namespace` (current kubectl wording)', () => {
    const { cluster } = setup()
    cluster.apply([deployment('web'), configMap('a')])
    expect(cluster.kubectl('delete deployment web')).toBe('deployment.apps "web" deleted from default namespace\n')
    expect(cluster.kubectl('delete cm a nope')).toBe('configmap "a" deleted from default namespace\nError from server (NotFound): configmaps "nope" not found\n')
    expect(cluster.get('ConfigMap', 'a')).toBeUndefined()
  })

  it('delete -l deletes every match; delete with nothing matched says "No resources found"', () => {
    const { cluster } = setup()
    cluster.apply([
      { ...configMap('a'), metadata: { name: 'a', labels: { app: 'web' } } },
      { ...configMap('b'), metadata: { name: 'b', labels: { app: 'web' } } },
    ])
    expect(cluster.kubectl('delete cm -l app=web')).toBe('configmap "a" deleted from default namespace\nconfigmap "b" deleted from default namespace\n')
    expect(cluster.kubectl('delete cm -l app=web')).toBe('No resources found in default namespace.\n')
  })

  it('scale sets spec.replicas and prints "deployment.apps/web scaled"', () => {
    const { cluster } = setup()
    cluster.apply(deployment('web', 2))
    expect(cluster.kubectl('scale deployment/web --replicas=5')).toBe('deployment.apps/web scaled\n')
    expect((cluster.get('Deployment', 'web') as any).spec.replicas).toBe(5)
    expect(cluster.kubectl('scale deploy nope --replicas=1')).toBe('Error from server (NotFound): deployments.apps "nope" not found\n')
    expect(cluster.kubectl('scale deploy web')).toBe('error: required flag(s) "replicas" not set\n')
  })

  it('cordon and uncordon a node, and report "already cordoned"', () => {
    const { cluster } = setup()
    cluster.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-9' } })
    expect(cluster.kubectl('cordon node-9')).toBe('node/node-9 cordoned\n')
    expect((cluster.get('Node', 'node-9') as any).spec.unschedulable).toBe(true)
    expect(cluster.kubectl('cordon node-9')).toBe('node/node-9 already cordoned\n')
    expect(cluster.kubectl('uncordon node-9')).toBe('node/node-9 uncordoned\n')
    expect((cluster.get('Node', 'node-9') as any).spec.unschedulable).toBeUndefined()
    expect(cluster.kubectl('cordon ghost')).toBe('Error from server (NotFound): nodes "ghost" not found\n')
  })

  it('reports a rejected write as kubectl does instead of throwing', () => {
    const { cluster } = setup()
    cluster.apply(deployment('web', 2))
    expect(() => cluster.kubectl('scale deploy web --replicas=-1')).not.toThrow()
    expect(cluster.kubectl('scale deploy web --replicas=-1')).toMatch(/^error: /)
    expect(() => cluster.apply('kind: [')).toThrow(ValidationError)
  })
})

describe('kubectl rollout (kubectl.md §5.6)', () => {
  it('pause and resume patch spec.paused with kubectl\'s messages, including the "already" errors', () => {
    const { cluster } = setup()
    cluster.apply(deployment('web'))
    expect(cluster.kubectl('rollout pause deployment/web')).toBe('deployment.apps/web paused\n')
    expect((cluster.get('Deployment', 'web') as any).spec.paused).toBe(true)
    expect(cluster.kubectl('rollout pause deployment/web')).toBe('error: deployments.apps "web" is already paused\n')
    expect(cluster.kubectl('rollout restart deployment/web')).toBe('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n')
    expect(cluster.kubectl('rollout resume deployment/web')).toBe('deployment.apps/web resumed\n')
    expect(cluster.kubectl('rollout resume deployment/web')).toBe('error: deployments.apps "web" is not paused\n')
  })

  it('restart stamps kubectl.kubernetes.io/restartedAt with the virtual time', () => {
    const { cluster } = setup()
    cluster.apply(deployment('web'))
    cluster.advance('90s')
    expect(cluster.kubectl('rollout restart deploy/web')).toBe('deployment.apps/web restarted\n')
    expect((cluster.get('Deployment', 'web') as any).spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe('2025-01-01T00:01:30Z')
  })

  it('history lists the ReplicaSet revisions with CHANGE-CAUSE, and undo rolls the template back', () => {
    const { cluster } = setup()
    const [d] = cluster.apply(deployment('web'))
    const owner = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true }]
    const rs = (name: string, revision: string, image: string, cause?: string) => ({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      // Labelled like the Deployment controller's ReplicaSets: kubectl finds them by the Deployment's selector.
      metadata: {
        name, labels: { app: 'web', 'pod-template-hash': name.slice(4) },
        annotations: { 'deployment.kubernetes.io/revision': revision, ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) }, ownerReferences: owner,
      },
      spec: {
        replicas: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': name.slice(4) } },
        template: { metadata: { labels: { app: 'web', 'pod-template-hash': name.slice(4) } }, spec: { containers: [{ name: 'web', image }] } },
      },
    })
    cluster.create(rs('web-aaaaa', '1', 'nginx:1.14.2'))
    cluster.create(rs('web-bbbbb', '2', 'nginx:1.16.1', 'kubectl set image deployment/web web=nginx:1.16.1'))
    expect(cluster.kubectl('rollout history deployment/web')).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web web=nginx:1.16.1\n\n',
    )
    expect(cluster.kubectl('rollout history deployment/web --revision=2')).toContain('deployment.apps/web with revision #2\nPod Template:\n')
    expect(cluster.kubectl('rollout undo deployment/web --to-revision=7')).toBe('error: unable to find specified revision 7 in history\n')
    // The Deployment's template is nginx:1.14.2 (revision 1); undo goes to the previous revision (1).
    // kubectl's message names the revision asked for (rollback.go prints toRevision), 0 for a plain undo.
    expect(cluster.kubectl('rollout undo deployment/web')).toBe('deployment.apps/web skipped rollback (current template already matches revision 0)\n')
    expect(cluster.kubectl('rollout undo deployment/web --to-revision=2')).toBe('deployment.apps/web rolled back\n')
    const after = cluster.get('Deployment', 'web') as any
    expect(after.spec.template.spec.containers[0].image).toBe('nginx:1.16.1')
    expect(after.spec.template.metadata.labels).toEqual({ app: 'web' })
    expect(after.metadata.annotations['kubernetes.io/change-cause']).toBe('kubectl set image deployment/web web=nginx:1.16.1')
  })

  it('rollout status --watch=false prints the current status once; unsupported kinds get kubectl\'s error', () => {
    const { cluster } = setup()
    cluster.apply(deployment('web'))
    const start = cluster.now()
    expect(cluster.kubectl('rollout status deployment/web --watch=false')).toBe('Waiting for deployment spec update to be observed...\n')
    expect(cluster.now()).toBe(start)
    expect(cluster.kubectl('rollout status cm/x')).toBe('error: no status viewer has been implemented for ConfigMap\n')
  })

  it('rollout status watches on the virtual clock and gives up with kubectl\'s timeout error', () => {
    const { cluster } = setup()
    cluster.apply(deployment('web'))
    // Stop the Deployment from progressing: nothing owns it in this test unless a controller does.
    cluster.kubectl('rollout pause deployment/web')
    const start = cluster.now()
    const text = cluster.kubectl('rollout status deployment/web --timeout=30s')
    expect(text.endsWith('error: timed out waiting for the condition\n')).toBe(true)
    expect(cluster.now() - start).toBe(30_000)
  })
})

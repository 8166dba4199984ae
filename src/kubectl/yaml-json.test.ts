import { describe, expect, it } from 'vitest'
import { chooseStyle, toGoYaml } from './go-yaml'
import type { Obj } from './object'
import { renderJson, renderYaml } from './yaml-json'

const deployment: Obj = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: {
    name: 'web', namespace: 'default', resourceVersion: '1042', generation: 2, creationTimestamp: '2024-01-01T00:00:00Z',
    annotations: { 'deployment.kubernetes.io/revision': '2' }, labels: { app: 'web' },
    managedFields: [{ manager: 'kubectl' }],
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {}, args: [] }] },
    },
  },
  status: { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: '2024-01-01T00:00:05Z', message: 'Deployment has minimum availability.' }] },
}

describe('-o yaml', () => {
  it('sorts keys, quotes ambiguous strings, does not indent sequences, drops managedFields', () => {
    expect(renderYaml([deployment])).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "2"
  creationTimestamp: "2024-01-01T00:00:00Z"
  generation: 2
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "1042"
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - args: []
        image: nginx:1.14.2
        name: nginx
        ports:
        - containerPort: 80
          protocol: TCP
        resources: {}
status:
  conditions:
  - lastTransitionTime: "2024-01-01T00:00:05Z"
    message: Deployment has minimum availability.
    status: "True"
    type: Available
`)
  })
  it('wraps several objects in a List', () => {
    const cm: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { 'x.conf': 'a=1\nb=2\n', empty: '', flag: 'yes' } }
    expect(renderYaml([cm], { list: true })).toBe(`apiVersion: v1
items:
- apiVersion: v1
  data:
    empty: ""
    flag: "yes"
    x.conf: |
      a=1
      b=2
  kind: ConfigMap
  metadata:
    name: a
kind: List
metadata:
  resourceVersion: ""
`)
  })
  it('chooses go-yaml scalar styles', () => {
    expect(chooseStyle('nginx:1.14.2', false)).toBe('plain')
    expect(chooseStyle('containers with unready status: [nginx]', false)).toBe('single')
    expect(chooseStyle("it's", false)).toBe('plain')
    expect(chooseStyle('*', false)).toBe('single')
    expect(chooseStyle('- item', false)).toBe('single')
    expect(chooseStyle('123', false)).toBe('double')
    expect(chooseStyle('0.5', false)).toBe('double')
    expect(chooseStyle('1e3', false)).toBe('double')
    expect(chooseStyle('0x1F', false)).toBe('double')
    expect(chooseStyle('null', false)).toBe('double')
    expect(chooseStyle('on', false)).toBe('double')
    expect(chooseStyle('1:20', false)).toBe('double')
    expect(chooseStyle('2024-01-01', false)).toBe('double')
    expect(chooseStyle('v1.31.0', false)).toBe('plain')
    expect(chooseStyle('10.96.0.1', false)).toBe('plain')
    expect(chooseStyle('a\tb', false)).toBe('double')
    expect(chooseStyle('trailing \nspace', false)).toBe('double')
  })
  it('folds long scalars at the first space once past column 80, like go-yaml', () => {
    const message = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'
    expect(toGoYaml({ status: { conditions: [{ lastProbeTime: null, message, type: 'PodScheduled' }] } })).toBe(`status:
  conditions:
  - lastProbeTime: null
    message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are
      available: 3 No preemption victims found for incoming pod.'
    type: PodScheduled
`)
  })
  it('escapes with double quotes and keeps nested lists indented', () => {
    expect(toGoYaml({ a: [['x', 'y'], []], b: 'tab\there', c: "single 'q': x" })).toBe(`a:
- - x
  - "y"
- []
b: "tab\\there"
c: 'single ''q'': x'
`)
  })
})

describe('-o json', () => {
  it('4-space indentation, sorted keys, HTML-safe escapes, List wrapping', () => {
    const cm: Obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', labels: {} }, data: { '10': 'x', '9': '<b>&</b>' } }
    expect(renderJson([cm])).toBe(`{
    "apiVersion": "v1",
    "data": {
        "10": "x",
        "9": "\\u003cb\\u003e\\u0026\\u003c/b\\u003e"
    },
    "kind": "ConfigMap",
    "metadata": {
        "labels": {},
        "name": "a"
    }
}
`)
    expect(renderJson([], { list: true })).toBe(`{
    "apiVersion": "v1",
    "items": [],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}
`)
  })
})

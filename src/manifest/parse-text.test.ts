import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseManifestText } from './parse-text'
import { CORPUS } from '../../test/corpus'

const corpus = `${CORPUS}`
function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* yamlFiles(path)
    else if (path.endsWith('.yaml')) yield path
  }
}
const readCorpus = (path: string) => parseManifestText(readFileSync(join(corpus, path), 'utf8'))
const object = (text: string, i = 0) => parseManifestText(text).documents[i].object as any

describe('the corpus', () => {
  const expectedKinds: Record<string, string[]> = {
    'k8s-demos/dep/curl.yaml': ['Pod'],
    'k8s-demos/dep/deployment.yaml': ['Deployment'],
    'k8s-demos/dep/svc.yaml': ['Service'],
    'k8s-demos/ds/daemon-red.yaml': ['DaemonSet'],
    'k8s-demos/ds/daemon.yaml': ['DaemonSet'],
    'k8s-demos/jobs/job.yaml': ['Job'],
    'k8s-demos/stateful/zookeeper.yaml': ['Service', 'ConfigMap', 'StatefulSet'],
    'website/content/en/examples/application/deployment-scale.yaml': ['Deployment'],
    'website/content/en/examples/application/deployment-update.yaml': ['Deployment'],
    'website/content/en/examples/application/deployment.yaml': ['Deployment'],
    'website/content/en/examples/application/hpa/php-apache.yaml': ['HorizontalPodAutoscaler'],
    'website/content/en/examples/application/job/cronjob.yaml': ['CronJob'],
    'website/content/en/examples/application/job/indexed-job.yaml': ['Job'],
    'website/content/en/examples/application/nginx-app.yaml': ['Service', 'Deployment'],
    'website/content/en/examples/application/php-apache.yaml': ['Deployment', 'Service'],
    'website/content/en/examples/application/web/web-parallel.yaml': ['Service', 'StatefulSet'],
    'website/content/en/examples/application/web/web.yaml': ['Service', 'StatefulSet'],
    'website/content/en/examples/application/zookeeper/zookeeper.yaml': ['Service', 'Service', 'PodDisruptionBudget', 'StatefulSet'],
    'website/content/en/examples/controllers/daemonset.yaml': ['DaemonSet'],
    'website/content/en/examples/controllers/fluentd-daemonset.yaml': ['DaemonSet'],
    'website/content/en/examples/controllers/frontend.yaml': ['ReplicaSet'],
    'website/content/en/examples/controllers/hpa-rs.yaml': ['HorizontalPodAutoscaler'],
    'website/content/en/examples/controllers/job-pod-failure-policy-example.yaml': ['Job'],
    'website/content/en/examples/controllers/job.yaml': ['Job'],
    'website/content/en/examples/controllers/nginx-deployment.yaml': ['Deployment'],
    'website/content/en/examples/controllers/statefulset.yaml': ['Service', 'StatefulSet'],
    'website/content/en/examples/policy/zookeeper-pod-disruption-budget-maxunavailable.yaml': ['PodDisruptionBudget'],
    'website/content/en/examples/policy/zookeeper-pod-disruption-budget-minavailable.yaml': ['PodDisruptionBudget'],
    'website/content/en/examples/service/nginx-service.yaml': ['Service'],
    'website/content/en/examples/service/simple-service.yaml': ['Service'],
    'website/content/ja/examples/application/job/cronjob.yaml': ['CronJob'],
  }

  it('parses every corpus file unchanged, without issues or warnings', () => {
    const seen: Record<string, string[]> = {}
    for (const file of yamlFiles(corpus)) {
      const parsed = parseManifestText(readFileSync(file, 'utf8'))
      expect(parsed.issues, file).toEqual([])
      expect(parsed.warnings, file).toEqual([])
      seen[relative(corpus, file)] = parsed.documents.map((d) => d.object.kind as string)
    }
    expect(seen).toEqual(expectedKinds)
  })

  it('numbers documents 1..n in file order', () => {
    expect(readCorpus('website/content/en/examples/application/zookeeper/zookeeper.yaml').documents.map((d) => [d.index, (d.object.metadata as any).name])).toEqual([
      [1, 'zk-hs'],
      [2, 'zk-cs'],
      [3, 'zk-pdb'],
      [4, 'zk'],
    ])
  })

  it('reads flow-style manifests (unquoted keys, trailing commas)', () => {
    const hpa = readCorpus('website/content/en/examples/controllers/hpa-rs.yaml').documents[0].object as any
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend' },
      minReplicas: 3,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 50,
    })
    const service = readCorpus('website/content/en/examples/service/simple-service.yaml').documents[0].object as any
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'MyApp' })
    expect(service.spec.ports).toEqual([{ protocol: 'TCP', port: 80, targetPort: 9376 }])
  })

  it('folds multi-line double-quoted scalars with escaped line breaks (indexed-job)', () => {
    const job = readCorpus('website/content/en/examples/application/job/indexed-job.yaml').documents[0].object as any
    expect(job.spec.template.spec.initContainers[0].command).toEqual([
      'bash',
      '-c',
      'items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n',
    ])
    expect(job.spec.completionMode).toBe('Indexed')
  })

  it('folds the zookeeper command continued with backslashes into one line', () => {
    const zk = readCorpus('website/content/en/examples/application/zookeeper/zookeeper.yaml').documents[3].object as any
    const command = zk.spec.template.spec.containers[0].command
    expect(command).toHaveLength(3)
    expect(command[2]).toMatch(/^start-zookeeper --servers=3 --data_dir=\/var\/lib\/zookeeper\/data .* --log_level=INFO$/)
    expect(command[2]).not.toContain('\n')
  })
})

describe('syntax errors', () => {
  it('reports the exact line and column of a mis-indented key', () => {
    const text = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', ' labels: {}', ''].join('\n')
    const parsed = parseManifestText(text)
    expect(parsed.documents).toEqual([])
    expect(parsed.issues).toEqual([{ document: 1, line: 5, column: 1, path: '', message: 'All mapping items must start at the same column' }])
  })

  it('reports an unclosed flow sequence where it is found', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'spec:', '  containers: [{name: web, image: nginx}', 'status: {}', ''].join('\n')
    expect(parseManifestText(text).issues).toEqual([
      { document: 1, line: 5, column: 1, path: '', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' },
    ])
  })

  it('reports every broken document at once, with its document number', () => {
    const text = [
      'apiVersion: v1', // 1
      'kind: ConfigMap',
      'metadata: {name: a',
      '---', // 4
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: b}',
      '---', // 8
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: c',
      '    bad: indent', // 13
      '',
    ].join('\n')
    const parsed = parseManifestText(text)
    expect(parsed.documents.map((d) => [d.index, (d.object.metadata as any).name])).toEqual([[2, 'b']])
    expect([...new Set(parsed.issues.map((i) => i.document))]).toEqual([1, 3])
    const third = parsed.issues.find((i) => i.document === 3)!
    expect(third).toEqual({ document: 3, line: 12, column: 9, path: '', message: 'Nested mappings are not allowed in compact mappings' })
    expect(parsed.issues.find((i) => i.document === 1)).toEqual({ document: 1, line: 4, column: 1, path: '', message: 'Flow map in block collection must be sufficiently indented and end with a }' })
  })

  it('reports duplicate keys', () => {
    const parsed = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n')
    expect(parsed.documents).toEqual([])
    expect(parsed.issues).toEqual([{ document: 1, line: 5, column: 3, path: '', message: 'Map keys must be unique' }])
  })

  it('never throws, whatever the text', () => {
    for (const text of ['', '---', ':', ']', '{', '- - -', '? [a]: b', '*x', '&a', '!!binary', '"unterminated', '\t- a', '%YAML 9.9\n---\na: 1']) {
      expect(() => parseManifestText(text), text).not.toThrow()
    }
  })
})

describe('documents', () => {
  it('skips empty and comment-only documents but counts them, as a reader counts sections', () => {
    const text = 'kind: A\n---\n# only a comment\n---\n---\nnull\n---\nkind: B\n---\n'
    const parsed = parseManifestText(text)
    expect(parsed.issues).toEqual([])
    expect(parsed.documents.map((d) => [d.index, d.object.kind])).toEqual([
      [1, 'A'],
      [5, 'B'],
    ])
  })

  it('returns no documents and no issues for empty or comment-only text', () => {
    expect(parseManifestText('')).toEqual({ documents: [], issues: [], warnings: [] })
    expect(parseManifestText('# nothing here\n')).toEqual({ documents: [], issues: [], warnings: [] })
  })

  it('refuses documents that are not mappings', () => {
    const parsed = parseManifestText('kind: A\n---\n- a\n- b\n---\njust a string\n---\n42\n')
    expect(parsed.documents.map((d) => d.index)).toEqual([1])
    expect(parsed.issues).toEqual([
      { document: 2, line: 3, column: 1, path: '', message: 'expected a Kubernetes object (a mapping with apiVersion and kind), got a list' },
      { document: 3, line: 6, column: 1, path: '', message: 'expected a Kubernetes object (a mapping with apiVersion and kind), got the string "just a string"' },
      { document: 4, line: 8, column: 1, path: '', message: 'expected a Kubernetes object (a mapping with apiVersion and kind), got the number 42' },
    ])
  })

  it('reads JSON text (JSON is YAML) with positions', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "c"},\n  "data": {"enabled": "yes", "n": "0644"}\n}\n'
    const parsed = parseManifestText(text)
    expect(parsed.issues).toEqual([])
    expect(parsed.warnings).toEqual([])
    expect(parsed.documents[0].object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { enabled: 'yes', n: '0644' } })
    expect(parsed.documents[0].locate(['metadata', 'name'])).toEqual({ line: 4, column: 24 })
  })

  it('keeps timestamps as strings, even under a %YAML 1.1 directive', () => {
    expect(object('%YAML 1.1\n---\nkind: A\nat: 2024-01-01T00:00:00Z\nday: 2024-01-01\n')).toEqual({ kind: 'A', at: '2024-01-01T00:00:00Z', day: '2024-01-01' })
  })

  it('applies << merge keys, as kubectl does', () => {
    const text = 'kind: A\nbase: &base {app: web, tier: front}\nlabels:\n  <<: *base\n  tier: back\n'
    const parsed = parseManifestText(text)
    expect(parsed.documents[0].object.labels).toEqual({ app: 'web', tier: 'back' })
    // a merged key is located at its source, an explicit one where it is written
    expect(parsed.documents[0].locate(['labels', 'app'])).toEqual({ line: 2, column: 19 })
    expect(parsed.documents[0].locate(['labels', 'tier'])).toEqual({ line: 5, column: 9 })
  })

  it('passes on the warnings yaml emits', () => {
    const parsed = parseManifestText('kind: A\nvalue: !custom thing\n')
    expect(parsed.documents[0].object.value).toBe('thing')
    expect(parsed.warnings).toHaveLength(1)
    expect(parsed.warnings[0]).toMatchObject({ document: 1, line: 2, path: '' })
    expect(parsed.warnings[0].message).toContain('!custom')
  })
})

describe('locate', () => {
  const text = [
    'apiVersion: apps/v1', // 1
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:', // 5
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27', // 10
    '          ports:',
    '            - containerPort: 80',
    '          args:',
    '',
  ].join('\n')
  const document = parseManifestText(text).documents[0]

  it('gives the line and column of a value', () => {
    expect(document.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({ line: 10, column: 18 })
    expect(document.locate(['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'])).toEqual({ line: 12, column: 30 })
    expect(document.locate(['kind'])).toEqual({ line: 2, column: 7 })
  })

  it('falls back to the nearest existing ancestor', () => {
    expect(document.locate(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'])).toEqual({ line: 9, column: 11 })
    expect(document.locate(['spec', 'template', 'spec', 'containers', 7])).toEqual({ line: 9, column: 9 })
    expect(document.locate([])).toEqual({ line: 1, column: 1 })
  })

  it('points at the key of a field without a value', () => {
    expect(document.locate(['spec', 'template', 'spec', 'containers', 0, 'args'])).toEqual({ line: 13, column: 11 })
  })
})

describe('YAML 1.1 values, read as kubectl reads them', () => {
  const text = [
    'apiVersion: v1', // 1
    'kind: Pod',
    'metadata:',
    '  name: p',
    'spec:', // 5
    '  containers:',
    '    - name: c',
    '      image: busybox',
    '      stdin: yes',
    '      tty: "yes"', // 10
    '      env:',
    '        - name: A',
    '          value: off',
    '        - name: B',
    "          value: 'on'", // 15
    '        - name: C',
    '          value: !!str Y',
    '        - name: D',
    '          value: True',
    '  volumes:', // 20
    '    - name: v',
    '      configMap:',
    '        name: cm',
    '        defaultMode: 0644',
    '  nodeSelector:', // 25
    '    on: "1"',
    '',
  ].join('\n')
  const parsed = parseManifestText(text)
  const pod = parsed.documents[0].object as any

  it('reads unquoted yes/no/on/off/y/n as booleans, with a warning naming the place and the value', () => {
    expect(parsed.issues).toEqual([])
    expect(pod.spec.containers[0].stdin).toBe(true)
    expect(pod.spec.containers[0].env[0].value).toBe(false)
    expect(parsed.warnings).toEqual([
      {
        document: 1,
        line: 9,
        column: 14,
        path: 'spec.containers[0].stdin',
        message: 'unquoted "yes" is read as the boolean true (YAML 1.1), quote it to keep a string',
      },
      {
        document: 1,
        line: 13,
        column: 18,
        path: 'spec.containers[0].env[0].value',
        message: 'unquoted "off" is read as the boolean false (YAML 1.1), quote it to keep a string',
      },
      {
        document: 1,
        line: 26,
        column: 5,
        path: 'spec.nodeSelector',
        message: 'unquoted key "on" is read as "true" (YAML 1.1), quote it to keep the key "on"',
      },
    ])
  })

  it('keeps quoted and !!str-tagged words as strings, without a warning', () => {
    expect(pod.spec.containers[0].tty).toBe('yes')
    expect(pod.spec.containers[0].env[1].value).toBe('on')
    expect(pod.spec.containers[0].env[2].value).toBe('Y')
  })

  it('reads True as a boolean silently (YAML 1.2 agrees)', () => {
    expect(pod.spec.containers[0].env[3].value).toBe(true)
  })

  it('reads a leading-zero number as octal, as kubectl does (0644 is 420)', () => {
    expect(pod.spec.volumes[0].configMap.defaultMode).toBe(420)
  })

  it('turns a boolean key into the string "true", as sigs.k8s.io/yaml does', () => {
    expect(pod.spec.nodeSelector).toEqual({ true: '1' })
  })

  it('reads a key y as "true", the classic YAML 1.1 surprise', () => {
    const parsed = parseManifestText('kind: A\npoint: {x: 1, y: 2}\n')
    expect(parsed.documents[0].object.point).toEqual({ x: 1, true: 2 })
    expect(parsed.warnings.map((w) => [w.path, w.message])).toEqual([['point', 'unquoted key "y" is read as "true" (YAML 1.1), quote it to keep the key "y"']])
  })

  it('reads every YAML 1.1 boolean word', () => {
    const words = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']
    const doc = parseManifestText(`kind: A\nv: [${words.join(', ')}, yEs, oN]\n`)
    expect((doc.documents[0].object as any).v).toEqual([...Array(8).fill(true), ...Array(8).fill(false), 'yEs', 'oN'])
    expect(doc.warnings).toHaveLength(words.length)
  })
})

describe('hostile input', () => {
  // Nine levels of nine-fold aliases would expand to 387 million nodes: finishing at all proves the
  // parser stopped counting aliases instead of expanding them (speed itself is the benchmark's job).
  it('refuses an alias bomb (billion laughs) without expanding it', () => {
    const lines = ['kind: A', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    const names = 'abcdefghi'
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`)
    const parsed = parseManifestText(lines.join('\n'))
    expect(parsed.documents).toEqual([])
    expect(parsed.issues).toHaveLength(1)
    expect(parsed.issues[0]).toMatchObject({ document: 1, path: '' })
    expect(parsed.issues[0].message).toMatch(/aliases expand too many times .*billion laughs/)
  })

  it('accepts ordinary anchors and aliases', () => {
    const parsed = parseManifestText('kind: A\nfirst: &labels {app: web}\nsecond: *labels\nthird: [*labels, *labels]\n')
    expect(parsed.issues).toEqual([])
    expect(parsed.documents[0].object).toEqual({ kind: 'A', first: { app: 'web' }, second: { app: 'web' }, third: [{ app: 'web' }, { app: 'web' }] })
  })

  it('refuses an alias to a collection that contains it', () => {
    const parsed = parseManifestText('kind: A\na: &x [1, *x]\n')
    expect(parsed.issues).toEqual([
      { document: 1, line: 2, column: 11, path: 'a[1]', message: 'alias *x refers to a collection that contains it, which would make the object circular' },
    ])
  })

  it('refuses 10,000 levels of nesting without crashing', () => {
    for (const text of ['a: ' + '['.repeat(10_000) + ']'.repeat(10_000), '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)]) {
      const parsed = parseManifestText(text)
      expect(parsed.documents).toEqual([])
      expect(parsed.issues).toHaveLength(1)
      expect(parsed.issues[0].message).toMatch(/^nesting deeper than 100 levels/)
      expect(parsed.issues[0].document).toBe(1)
    }
  })

  it('refuses nesting just past 100 levels, pointing at the first level too many', () => {
    const ok = parseManifestText('a: ' + '['.repeat(99) + ']'.repeat(99))
    expect(ok.issues).toEqual([])
    const parsed = parseManifestText('a: ' + '['.repeat(100) + ']'.repeat(100))
    expect(parsed.issues).toEqual([{ document: 1, line: 1, column: 103, path: `a${'[0]'.repeat(99)}`, message: 'nesting deeper than 100 levels' }])
  })

  it('counts the nesting that aliases expand to', () => {
    const text = `a: &deep ${'['.repeat(60)}${']'.repeat(60)}\nb: ${'['.repeat(60)}*deep${']'.repeat(60)}\n`
    const parsed = parseManifestText(text)
    expect(parsed.issues).toHaveLength(1)
    expect(parsed.issues[0]).toMatchObject({ line: 2, path: `b${'[0]'.repeat(60)}`, message: 'nesting deeper than 100 levels (through alias *deep)' })
  })

  it('keeps __proto__, constructor and prototype keys as own data and never touches Object.prototype', () => {
    const text = [
      'kind: ConfigMap',
      '__proto__: {polluted: yes}',
      'constructor: {prototype: {polluted: true}}',
      'data:',
      '  __proto__: x',
      '  prototype: z',
      'merged:',
      '  <<: {__proto__: {polluted: true}}',
      '',
    ].join('\n')
    const parsed = parseManifestText(text)
    expect(parsed.issues).toEqual([])
    const config = parsed.documents[0].object as any
    expect(({} as any).polluted).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype)
    expect(Object.getOwnPropertyNames(config)).toEqual(['kind', '__proto__', 'constructor', 'data', 'merged'])
    expect(Object.getOwnPropertyDescriptor(config, '__proto__')?.value).toEqual({ polluted: true })
    expect(config.polluted).toBeUndefined()
    expect(Object.getOwnPropertyNames(config.data)).toEqual(['__proto__', 'prototype'])
    expect(Object.getPrototypeOf(config.data)).toBe(Object.prototype)
    expect(Object.getOwnPropertyNames(config.merged)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(config.merged)).toBe(Object.prototype)
    expect(JSON.parse(JSON.stringify(config))).toEqual(JSON.parse('{"kind":"ConfigMap","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"data":{"__proto__":"x","prototype":"z"},"merged":{"__proto__":{"polluted":true}}}'))
  })

  it('refuses a mapping used as a key', () => {
    const parsed = parseManifestText('kind: A\n? {a: 1}\n: b\n')
    expect(parsed.documents).toEqual([])
    expect(parsed.issues.map((i) => i.message)).toContain('a mapping key must be a string, not a list or a mapping')
  })
})

import { describe, expect, it } from 'vitest'
import { Pod, podKind } from './pod'
import { addDefaultTolerations, defaultImagePullPolicy } from './pod-spec-defaults'
import { computeQosClass } from './qos-class'

function newPod(spec: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...spec },
  }
}

function defaulted(pod: any): any {
  podKind.applyDefaults!(pod)
  return pod
}

describe('Pod defaults', () => {
  it('applies the PodSpec defaults', () => {
    const pod = defaulted(newPod())
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
    })
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' })
  })

  it('defaults the container fields', () => {
    const pod = defaulted(newPod({ containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] }))
    expect(pod.spec.containers[0]).toEqual({
      name: 'nginx',
      image: 'nginx',
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    })
  })

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.14.2', 'IfNotPresent'],
    ['localhost:5000/nginx', 'Always'],
    ['localhost:5000/nginx:1.2', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
  ])('imagePullPolicy of %s is %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy)
  })

  it('defaults probes and their HTTP handlers', () => {
    const pod = defaulted(
      newPod({ containers: [{ name: 'c', image: 'x:1', livenessProbe: { httpGet: { port: 8080 } }, readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 } }] }),
    )
    expect(pod.spec.containers[0].livenessProbe).toEqual({
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    })
    expect(pod.spec.containers[0].readinessProbe.periodSeconds).toBe(5)
  })

  it('copies limits into missing requests, stores quantities as strings, and computes the QoS class', () => {
    const pod = defaulted(newPod({ containers: [{ name: 'c', image: 'x:1', resources: { limits: { cpu: 1, memory: '128Mi' } } }] }))
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '1', memory: '128Mi' }, requests: { cpu: '1', memory: '128Mi' } })
    expect(pod.status.qosClass).toBe('Guaranteed')
    expect(Pod.safeParse(pod).success).toBe(true)
  })

  it('adds the DefaultTolerationSeconds tolerations once', () => {
    const pod = defaulted(newPod())
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ])
    const again = structuredClone(pod)
    podKind.applyDefaults!(again)
    expect(again).toEqual(pod)
  })

  it('does not add tolerations a pod already has', () => {
    const pod = newPod({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] })
    addDefaultTolerations(pod)
    expect(pod.spec.tolerations.map((t: any) => [t.key, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/unreachable', 5],
      ['node.kubernetes.io/not-ready', 300],
    ])
    const tolerateAll = newPod({ tolerations: [{ operator: 'Exists' }] })
    addDefaultTolerations(tolerateAll)
    expect(tolerateAll.spec.tolerations).toHaveLength(1)
  })

  it('turns a volume without a source into an emptyDir and defaults modes', () => {
    const pod = defaulted(newPod({ volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }] }))
    expect(pod.spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
    ])
  })
})

describe('Pod validation', () => {
  const validate = (pod: any) => podKind.validate!(defaulted(pod))

  it('accepts a minimal pod', () => {
    expect(validate(newPod())).toEqual([])
  })

  it('requires containers', () => {
    expect(validate(newPod({ containers: [] }))).toEqual([{ path: ['spec', 'containers'], message: 'Required value' }])
  })

  it('rejects duplicate and invalid container names and a missing image', () => {
    const issues = validate(newPod({ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'x' }, { name: 'Bad_Name' }] }))
    expect(issues).toContainEqual({ path: ['spec', 'containers', 1, 'name'], message: 'Duplicate value: "a"' })
    expect(issues).toContainEqual({ path: ['spec', 'containers', 2, 'image'], message: 'Required value' })
    expect(issues.find((i) => i.path.join('.') === 'spec.containers.2.name')?.message).toMatch(/^Invalid value: "Bad_Name": a lowercase RFC 1123 label/)
  })

  it('checks ports, probes and requests against limits', () => {
    const issues = validate(
      newPod({
        containers: [
          {
            name: 'c',
            image: 'x',
            ports: [{ containerPort: 0 }],
            livenessProbe: { exec: { command: ['x'] }, successThreshold: 2 },
            resources: { requests: { cpu: '2' }, limits: { cpu: '1' } },
          },
        ],
      }),
    )
    expect(issues).toEqual([
      { path: ['spec', 'containers', 0, 'ports', 0, 'containerPort'], message: 'Invalid value: 0: must be between 1 and 65535, inclusive' },
      { path: ['spec', 'containers', 0, 'resources', 'requests'], message: 'Invalid value: "2": must be less than or equal to cpu limit of 1' },
      { path: ['spec', 'containers', 0, 'livenessProbe', 'successThreshold'], message: 'Invalid value: 2: must be 1' },
    ])
  })

  it('reports a volume mount without a volume', () => {
    const issues = validate(newPod({ containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/d' }] }] }))
    expect(issues).toEqual([{ path: ['spec', 'containers', 0, 'volumeMounts', 0, 'name'], message: 'Not found: "data"' }])
  })

  it('rejects a schema-invalid pod', () => {
    const pod = defaulted(newPod({ restartPolicy: 'Sometimes' }))
    expect(Pod.safeParse(pod).success).toBe(false)
  })
})

describe('Pod updates', () => {
  const base = () => defaulted(newPod())

  it('allows image changes, added tolerations, binding and shorter deadlines', () => {
    const before = base()
    const after = structuredClone(before)
    after.spec.containers[0].image = 'nginx:1.25'
    after.spec.tolerations.push({ key: 'x', operator: 'Exists' })
    after.spec.nodeName = 'node-1'
    expect(podKind.validateUpdate!(before, after)).toEqual([])
  })

  it('forbids other spec changes', () => {
    const before = base()
    const after = structuredClone(before)
    after.spec.restartPolicy = 'Never'
    const issues = podKind.validateUpdate!(before, after)
    expect(issues).toHaveLength(1)
    expect(issues[0].path).toEqual(['spec'])
    expect(issues[0].message).toMatch(/^Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/)
    expect(issues[0].message).toContain('spec.restartPolicy')
  })

  it('forbids moving a bound pod and removing tolerations', () => {
    const before = base()
    before.spec.nodeName = 'a'
    const moved = structuredClone(before)
    moved.spec.nodeName = 'b'
    expect(podKind.validateUpdate!(before, moved)).toHaveLength(1)
    const fewer = structuredClone(before)
    fewer.spec.tolerations = []
    expect(podKind.validateUpdate!(before, fewer)[0].message).toBe(
      'Forbidden: existing toleration can not be modified except its tolerationSeconds',
    )
  })
})

describe('computeQosClass', () => {
  it('classifies Burstable and BestEffort', () => {
    expect(computeQosClass({ containers: [{ resources: { requests: { cpu: '100m' } } }] })).toBe('Burstable')
    expect(computeQosClass({ containers: [{ resources: {} }] })).toBe('BestEffort')
  })
})

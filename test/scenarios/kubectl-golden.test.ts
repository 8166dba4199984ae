// Golden transcripts of kubectl output for corpus manifests (docs/kubectl.md §5: column widths, ages
// from the virtual clock, pod STATUS, describe layout, rollout status messages). Each scenario
// applies real manifests from ../shared/corpus, runs the virtual clock and records
// `$ kubectl …` and its output at several instants; the transcript must equal the committed file in
// test/golden/ byte for byte. After a deliberate change, regenerate with UPDATE_GOLDEN=1 and review
// the diff like code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../../src/index'
import { CORPUS } from '../corpus'

const examples = `${CORPUS}/website/content/en/examples`
const goldenDir = join(__dirname, '..', 'golden')

type Step = { at: string; commands: string[] }

function transcript(cluster: Cluster, steps: Step[]): string {
  let text = ''
  let elapsedMs = 0
  for (const step of steps) {
    const target = step.at === 'now' ? elapsedMs : toMs(step.at)
    if (target > elapsedMs) cluster.advance(target - elapsedMs)
    else cluster.settle()
    elapsedMs = target
    text += step.at === 'now' ? `### then, ${Math.round(cluster.elapsed() / 1000)}s after the start\n` : `### after ${step.at}\n`
    for (const command of step.commands) text += `$ kubectl ${command}\n${cluster.kubectl(command)}\n`
  }
  return text
}

function toMs(text: string): number {
  const m = /^(\d+)(s|m)$/.exec(text)
  if (!m) throw new Error(`bad step time ${text}`)
  return Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000)
}

function expectGolden(name: string, actual: string): void {
  const file = join(goldenDir, `${name}.txt`)
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(goldenDir, { recursive: true })
    writeFileSync(file, actual)
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} is missing: run with UPDATE_GOLDEN=1 to create it, then review and commit it`)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

const applyFile = (cluster: Cluster, relative: string): string => cluster.kubectl(`apply -f ${join(examples, relative)}`)

describe('golden kubectl output for corpus manifests', () => {
  it('Deployment nginx-deployment.yaml: get, describe, rollout status and history through an image update (kubectl.md §5.2, §5.4, §5.6, §5.7)', () => {
    const cluster = createCluster({ seed: 1 })
    const applied = applyFile(cluster, 'controllers/nginx-deployment.yaml')
    expect(applied).toBe('deployment.apps/nginx-deployment created\n')
    let text = transcript(cluster, [
      { at: '0s', commands: ['get deployments', 'get replicasets', 'get pods', 'rollout status deployment/nginx-deployment --watch=false'] },
      { at: '3s', commands: ['get pods -o wide'] },
      { at: '2m', commands: ['get deployments -o wide', 'get pods', 'describe deployment nginx-deployment', 'rollout status deployment/nginx-deployment'] },
    ])
    cluster.edit('Deployment', 'nginx-deployment', (d: any) => {
      d.spec.template.spec.containers[0].image = 'nginx:1.16.1'
    })
    text += '### kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1 (through cluster.edit)\n'
    text += `$ kubectl rollout status deployment/nginx-deployment\n${cluster.kubectl('rollout status deployment/nginx-deployment')}\n`
    text += transcript(cluster, [{ at: 'now', commands: ['get replicasets', 'rollout history deployment/nginx-deployment', 'get deployments'] }])
    expectGolden('deployment-nginx', `$ kubectl apply -f nginx-deployment.yaml\n${applied}\n${text}`)
  })

  it('StatefulSet web.yaml with its headless Service: get, describe, rollout status over time (kubectl.md §5.2, §5.6, §5.7)', () => {
    const cluster = createCluster({ seed: 1 })
    const applied = applyFile(cluster, 'application/web/web.yaml')
    expect(applied).toBe('service/nginx created\nstatefulset.apps/web created\n')
    const text = transcript(cluster, [
      { at: '0s', commands: ['get statefulsets', 'get pods -o wide', 'rollout status statefulset/web --watch=false'] },
      { at: '2s', commands: ['get pods'] },
      { at: '2m', commands: ['get all', 'get pods -o wide', 'describe statefulset web', 'describe service nginx', 'describe pod web-0', 'rollout status statefulset/web'] },
    ])
    expectGolden('statefulset-web', `$ kubectl apply -f web.yaml\n${applied}\n${text}`)
  })

  it('Job pi and the nginx Service: get jobs, pods and services (kubectl.md §5.3 Job and Service cells)', () => {
    const cluster = createCluster({ seed: 1 })
    const applied = applyFile(cluster, 'controllers/job.yaml') + applyFile(cluster, 'service/nginx-service.yaml')
    expect(applied).toBe('job.batch/pi created\nservice/nginx-service created\n')
    const text = transcript(cluster, [
      { at: '1s', commands: ['get jobs', 'get pods'] },
      { at: '5s', commands: ['get jobs', 'get pods'] },
      { at: '3m', commands: ['get jobs -o wide', 'get pods', 'get services -o wide', 'describe service nginx-service'] },
    ])
    expectGolden('job-pi-and-service', `$ kubectl apply -f job.yaml -f nginx-service.yaml\n${applied}\n${text}`)
  })
})

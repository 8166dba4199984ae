// The batch pattern: a Job runs to completion; a CronJob starts one every minute and keeps history.
import { createCluster } from 'kubesim'
import { heading, isMain, kubectl, type Print } from './print'

const pi = `
apiVersion: batch/v1
kind: Job
metadata: { name: pi }
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34.0
        command: [perl, -Mbignum=bpi, -wle, print bpi(2000)]
`

const hello = `
apiVersion: batch/v1
kind: CronJob
metadata: { name: hello }
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox:1.28
            command: [/bin/sh, -c, date; echo Hello from the Kubernetes cluster]
`

export function runJob(print: Print = console.log) {
  // Behaviour profiles by image: the perl container computes for 8 s, busybox prints and exits in 1 s.
  const cluster = createCluster({ seed: 1, nodes: 3, images: { perl: { runDuration: '8s' }, busybox: { runDuration: '1s' } } })
  heading(print, cluster, 'a Job computes pi')
  cluster.apply(pi)
  const tookMs = cluster.runUntil(() => cluster.get('Job', 'pi')?.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') === true)
  print(`Job pi completed after ${tookMs / 1000}s of virtual time`)
  kubectl(cluster, print, 'get jobs')

  heading(print, cluster, 'a CronJob runs every minute; five minutes later three successful Jobs are kept')
  cluster.apply(hello)
  cluster.advance('5m30s')
  kubectl(cluster, print, 'get cronjobs,jobs')
  return cluster
}

if (isMain(import.meta.url)) runJob()

// The `kubesim` command line, run as a child process from source through tsx (so the suite needs no
// prior build): help, usage errors, invalid manifests (file:line:column), and a corpus Deployment.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORPUS } from './corpus'

const root = join(__dirname, '..')
const corpus = `${CORPUS}/website/content/en/examples`
const corpusDir = existsSync(corpus) ? corpus : join(root, '..', 'shared', 'corpus', 'website', 'content', 'en', 'examples')

function kubesim(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('kubesim CLI', () => {
  it('--help documents run and its flags, and exits 0', () => {
    const { code, stdout } = kubesim(['--help'])
    expect(code).toBe(0)
    for (const flag of ['run -f <file|dir|->', '--nodes', '--for', '--seed', '--watch', '--until-ready', '--every', '--output', '--progress']) expect(stdout).toContain(flag)
  })

  it('a usage error exits 2 with a hint', () => {
    const { code, stderr } = kubesim(['run', '--nodes', 'many', '-f', 'x.yaml'])
    expect(code).toBe(2)
    expect(stderr).toBe('kubesim: invalid value "many" for --nodes: expected an integer >= 0\nRun \'kubesim --help\' for usage.\n')
  })

  it('an invalid manifest exits 1 naming file:line:column and the field path, and prints no tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-cli-'))
    const file = join(dir, 'broken.yaml')
    writeFileSync(
      file,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  replicas: 2',
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
    const { code, stdout, stderr } = kubesim(['run', '-f', file, '--for', '1m'])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(`kubesim: invalid manifest ${file}; nothing was applied:\n  ${file}:14:`)
    expect(stderr).toContain('(document 1): Deployment/web: spec.template.spec.containers[0].name: Invalid value: "Web_Server"')
  })

  it('a YAML syntax error is reported with its line and column', () => {
    const { code, stderr } = kubesim(['run', '-f', '-', '--for', '10s'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: [x\n')
    expect(code).toBe(1)
    expect(stderr).toMatch(/^kubesim: invalid manifest <stdin>; nothing was applied:\n {2}<stdin>:\d+:\d+ \(document 1\): /)
  })

  it('a missing file exits 1 with kubectl\'s message', () => {
    const { code, stderr } = kubesim(['run', '-f', '/nonexistent/app.yaml'])
    expect(code).toBe(1)
    expect(stderr).toBe('kubesim: the path "/nonexistent/app.yaml" does not exist\n')
  })

  it('runs a manifest read from stdin and prints kubectl tables after the virtual time, as JSON with -o json', () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n'
    const table = kubesim(['run', '-f', '-', '--for', '90s', '--watch', 'configmaps'], manifest)
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('configmap/settings created\n\n=== after 1m30s of virtual time ===\n$ kubectl get configmaps -n default\n')
    expect(table.stdout).toMatch(/\nsettings +1 +90s\n/)
    const json = kubesim(['run', '-f', '-', '--for', '90s', '--watch', 'configmaps', '-o', 'json'], manifest)
    expect(json.code).toBe(0)
    const snapshot = JSON.parse(json.stdout.trim())
    expect(snapshot.time).toBe('2025-01-01T00:01:30Z')
    expect(snapshot.objects.configmaps.map((c: any) => c.metadata.name)).toContain('settings')
  })

  it('runs the corpus nginx Deployment and prints a pods table with 3 Running pods', () => {
    const { code, stdout } = kubesim(['run', '-f', join(corpusDir, 'controllers/nginx-deployment.yaml'), '--for', '2m'])
    expect(code).toBe(0)
    expect(stdout).toContain('deployment.apps/nginx-deployment created\n')
    const podsTable = stdout.slice(stdout.indexOf('$ kubectl get pods'), stdout.indexOf('$ kubectl get deployments'))
    expect(podsTable.match(/^nginx-deployment-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +/gm)).toHaveLength(3)
    expect(stdout).toMatch(/\nnginx-deployment +3\/3 +3 +3 +2m\n/)
  })

  it('--until-ready stops when everything is ready, and fails with the reason when it cannot be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-cli-'))
    const file = join(dir, 'huge.yaml')
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: huge\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        cpu: "64"\n')
    const { code, stderr } = kubesim(['run', '-f', file, '--until-ready', '--for', '1m'])
    expect(code).toBe(1)
    expect(stderr).toContain('kubesim: not ready after 1m0s of virtual time (--until-ready):\n  huge is Pending: no node can take it — 0/3 nodes are available: 3 Insufficient cpu.')
  })
})

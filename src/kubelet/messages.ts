// The kubelet's Event reasons and message texts, as upstream writes them (semantics.md §14.2;
// [k8s] pkg/kubelet/events/event.go, pkg/kubelet/images/image_manager.go,
// pkg/kubelet/kuberuntime/kuberuntime_container.go, pkg/kubelet/prober/prober.go), plus Go's
// time.Duration formatting used inside them ("2s", "1.5s", "500ms", "5m0s").

export const REASON = {
  pulling: 'Pulling',
  pulled: 'Pulled',
  failed: 'Failed',
  backOff: 'BackOff',
  created: 'Created',
  started: 'Started',
  killing: 'Killing',
  unhealthy: 'Unhealthy',
  failedMount: 'FailedMount',
  errImageNeverPull: 'ErrImageNeverPull',
  sandboxChanged: 'SandboxChanged',
} as const

export const pullingMessage = (image: string) => `Pulling image "${image}"`
export const pulledMessage = (image: string, pullMs: number, waitedMs: number, sizeBytes: number) =>
  `Successfully pulled image "${image}" in ${formatGoDuration(pullMs)} (${formatGoDuration(waitedMs)} including waiting). Image size: ${sizeBytes} bytes.`
export const alreadyPresentMessage = (image: string) => `Container image "${image}" already present on machine`
export const pullFailedMessage = (image: string, reference: string) =>
  `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`
export const neverPullMessage = (image: string) => `Container image "${image}" is not present with pull policy of Never`
export const backOffPullingMessage = (image: string) => `Back-off pulling image "${image}"`
export const createdMessage = (container: string) => `Created container: ${container}`
export const startedMessage = (container: string) => `Started container ${container}`
export const stoppingMessage = (container: string) => `Stopping container ${container}`
export const probeKillMessage = (container: string, probe: 'liveness' | 'startup') => `Container ${container} failed ${probe} probe, will be restarted`
export const podRef = (pod: string, namespace: string, uid: string) => `${pod}_${namespace}(${uid})`
export const backOffRestartMessage = (container: string, ref: string) => `Back-off restarting failed container ${container} in pod ${ref}`
export const crashLoopWaitingMessage = (backoffMs: number, container: string, ref: string) =>
  `back-off ${formatGoDuration(backoffMs)} restarting failed container=${container} pod=${ref}`
export const sandboxChangedMessage = 'Pod sandbox changed, it will be killed and re-created.'

/** Go's time.Duration.String(): 0s, 500ms, 2s, 1.5s, 1m30s, 5m0s, 1h0m0s. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s'
  if (ms < 1000) return `${trimDecimal(ms)}ms`
  const totalSeconds = ms / 1000
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds - hours * 3600) / 60)
  const seconds = totalSeconds - hours * 3600 - minutes * 60
  const s = `${trimDecimal(seconds)}s`
  if (hours > 0) return `${hours}h${minutes}m${s}`
  if (minutes > 0) return `${minutes}m${s}`
  return s
}

function trimDecimal(n: number): string {
  return String(Math.round(n * 1000) / 1000)
}

// Hand-written objects for the kubectl rendering tests (not shipped: imported only by *.test.ts).
import type { Obj } from './object'
import { formatRfc3339, parseRfc3339 } from './time'

export const T0 = parseRfc3339('2024-01-01T00:00:00Z')
export const at = (secondsAfterT0: number): string => formatRfc3339(T0 + secondsAfterT0 * 1000)

export function pod(name: string, overrides: { createdAt?: number; spec?: any; status?: any; metadata?: any } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: at(overrides.createdAt ?? 0), ...overrides.metadata },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }], ...overrides.spec },
    status: overrides.status ?? {},
  }
}

export const runningStatus = (startedAt = 0, restartCount = 0, extra: any = {}): any => ({
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True' }],
  containerStatuses: [{ name: 'nginx', ready: true, started: true, restartCount, state: { running: { startedAt: at(startedAt) } }, ...extra }],
})

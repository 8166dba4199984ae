// The built-in `default-scheduler`: registers the Priority admission plugin on the store (the API
// server side of pod priority) and builds the scheduler controller, started at the cluster's start time.
import type { ControllerSpec } from '../../runtime/controller'
import type { Clock } from '../../sim/clock'
import type { Store } from '../../store/store'
import { registerPriorityAdmission } from './priority-admission'
import { createScheduler, type SchedulerOptions } from './scheduler'

export function createDefaultScheduler(env: { store: Store; clock: Clock }, options: Partial<SchedulerOptions> = {}): ControllerSpec {
  registerPriorityAdmission(env.store)
  return createScheduler(env.store, { startMs: env.clock.now(), ...options })
}

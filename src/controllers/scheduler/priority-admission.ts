// The Priority admission plugin ([k8s] plugin/pkg/admission/priority/admission.go: admitPod,
// validatePriorityClass): on Pod create, spec.priorityClassName resolves to spec.priority and
// spec.preemptionPolicy (the globalDefault class, or 0 / PreemptLowerPriority when none is marked);
// an unknown class is Forbidden. System classes exist implicitly. On update the stored priority is
// kept. A second globalDefault PriorityClass is refused. Pure decisions; the store runs the hooks.
import { systemPriorityClasses, type PriorityClass } from '../../api/priority-class'
import { ForbiddenError, type AdmissionHook, type Store } from '../../store/store'

export const DEFAULT_PREEMPTION_POLICY = 'PreemptLowerPriority'

export interface ResolvedPriority {
  className?: string
  value: number
  preemptionPolicy: 'PreemptLowerPriority' | 'Never'
}

export type PriorityClassLookup = {
  get(name: string): PriorityClass | undefined
  /** The globalDefault class (lowest value when several slipped in). */
  globalDefault(): PriorityClass | undefined
}

/** What admission writes into a new pod's spec, or the Forbidden message. */
export function planPodPriority(
  spec: { priorityClassName?: string; priority?: number; preemptionPolicy?: string },
  classes: PriorityClassLookup,
): { ok: ResolvedPriority } | { forbidden: string } {
  let resolved: ResolvedPriority
  const name = spec.priorityClassName
  if (!name) {
    const d = classes.globalDefault()
    resolved = d ? { className: d.metadata.name, value: d.value, preemptionPolicy: d.preemptionPolicy ?? DEFAULT_PREEMPTION_POLICY } : { value: 0, preemptionPolicy: DEFAULT_PREEMPTION_POLICY }
  } else if (systemPriorityClasses[name] !== undefined && !classes.get(name)) {
    resolved = { className: name, value: systemPriorityClasses[name], preemptionPolicy: DEFAULT_PREEMPTION_POLICY }
  } else {
    const pc = classes.get(name)
    if (!pc) return { forbidden: `no PriorityClass with name ${name} was found` }
    resolved = { className: name, value: pc.value, preemptionPolicy: pc.preemptionPolicy ?? DEFAULT_PREEMPTION_POLICY }
  }
  if (spec.priority !== undefined && spec.priority !== resolved.value)
    return { forbidden: `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${resolved.value} from the given PriorityClass name` }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== resolved.preemptionPolicy)
    return { forbidden: `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${resolved.preemptionPolicy} from the given PriorityClass name` }
  return { ok: resolved }
}

/** PriorityClasses read from the store (a class: one per cluster, no functions made for it). */
class StorePriorityClasses implements PriorityClassLookup {
  constructor(private readonly store: Store) {}

  get(name: string): PriorityClass | undefined {
    return this.store.get<PriorityClass>('PriorityClass', name)
  }

  globalDefault(): PriorityClass | undefined {
    // Asked at every pod creation; most clusters have no PriorityClass objects (system classes are implicit).
    if (this.store.count('PriorityClass') === 0) return undefined
    let best: PriorityClass | undefined
    for (const pc of this.store.list<PriorityClass>('PriorityClass')) if (pc.globalDefault && (!best || pc.value < best.value)) best = pc
    return best
  }
}

export function createPodPriorityAdmission(store: Store): AdmissionHook {
  const classes = new StorePriorityClasses(store)
  return (pod, operation, previous) => {
    if (!pod.spec) return
    if (operation === 'update') {
      const before = (previous as any)?.spec
      if (pod.spec.priority === undefined && before?.priority !== undefined) pod.spec.priority = before.priority
      if (pod.spec.preemptionPolicy === undefined && before?.preemptionPolicy !== undefined) pod.spec.preemptionPolicy = before.preemptionPolicy
      return
    }
    const plan = planPodPriority(pod.spec, classes)
    if ('forbidden' in plan) throw new ForbiddenError(`pods "${pod.metadata?.name ?? ''}" is forbidden: ${plan.forbidden}`)
    if (plan.ok.className) pod.spec.priorityClassName = plan.ok.className
    pod.spec.priority = plan.ok.value
    pod.spec.preemptionPolicy = plan.ok.preemptionPolicy
  }
}

/** Only one PriorityClass may be the global default. */
export function createPriorityClassAdmission(store: Store): AdmissionHook {
  const classes = new StorePriorityClasses(store)
  return (pc: PriorityClass, operation) => {
    if (!pc.globalDefault) return
    const existing = classes.globalDefault()
    if (existing && (operation === 'create' || existing.metadata.name !== pc.metadata.name))
      throw new ForbiddenError(`priorityclasses.scheduling.k8s.io "${pc.metadata.name ?? ''}" is forbidden: PriorityClass ${existing.metadata.name} is already marked as default. Only one default can exist`)
  }
}

/** Registers both hooks on the store (the API server's Priority admission plugin). */
export function registerPriorityAdmission(store: Store): void {
  store.addAdmission('Pod', createPodPriorityAdmission(store))
  store.addAdmission('PriorityClass', createPriorityClassAdmission(store))
}

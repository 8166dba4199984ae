// intstr.GetScaledValueFromIntOrPercent: an integer as is, or "N%" of a total, rounded up or down.
// Used by the disruption controller (rounded up, as upstream) and by the eviction API.
import type { IntOrString } from '../../api/meta'

export function scaledValueFromIntOrPercent(value: IntOrString, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value
  const match = /^(-?\d+)%$/.exec(value)
  if (!match) {
    const asInt = Number(value)
    if (Number.isInteger(asInt)) return asInt
    throw new Error(`invalid value for IntOrString: invalid value "${value}": must be an integer or percentage (e.g '5%')`)
  }
  const exact = (Number(match[1]) * total) / 100
  return roundUp ? Math.ceil(exact) : Math.floor(exact)
}

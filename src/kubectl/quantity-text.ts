// Just enough of apimachinery's resource.Quantity to print describe's sums (`Allocated resources`,
// pod requests on a node): parse to milli-units, add, and print canonically in the first operand's
// format (BinarySI `Mi`/`Gi`… or DecimalSI `m`/`k`/`M`…). Sub-milli precision is not kept.

export type QuantityFormat = 'BinarySI' | 'DecimalSI'
export interface Quantity {
  milli: number
  format: QuantityFormat
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 }
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 }

export function parseQuantity(value: unknown): Quantity {
  const text = String(value ?? '0').trim()
  const m = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|n|u|m|k|M|G|T|P|E)?$/.exec(text)
  if (!m) return { milli: 0, format: 'DecimalSI' }
  const number = Number(m[1])
  const suffix = m[2] ?? ''
  if (suffix in BINARY) return { milli: Math.ceil(number * BINARY[suffix] * 1000), format: 'BinarySI' }
  if (/^[eE]/.test(suffix)) return { milli: Math.ceil(number * 10 ** Number(suffix.slice(1)) * 1000), format: 'DecimalSI' }
  return { milli: Math.ceil(number * DECIMAL[suffix] * 1000 - 1e-9), format: 'DecimalSI' }
}

export function sumQuantities(values: readonly unknown[]): Quantity {
  let result: Quantity | undefined
  for (const v of values) {
    const q = parseQuantity(v)
    result = result ? { milli: result.milli + q.milli, format: result.format } : q
  }
  return result ?? { milli: 0, format: 'DecimalSI' }
}

export function formatQuantity(q: Quantity): string {
  if (q.milli === 0) return '0'
  if (q.format === 'BinarySI' && q.milli % 1000 === 0 && Math.abs(q.milli) >= 1024 * 1000) {
    const value = q.milli / 1000
    for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) if (value % BINARY[suffix] === 0) return `${value / BINARY[suffix]}${suffix}`
    return String(value)
  }
  if (q.milli % 1000 !== 0) return `${q.milli}m`
  const value = q.milli / 1000
  for (const suffix of ['E', 'P', 'T', 'G', 'M', 'k']) if (value % DECIMAL[suffix] === 0) return `${value / DECIMAL[suffix]}${suffix}`
  return String(value)
}

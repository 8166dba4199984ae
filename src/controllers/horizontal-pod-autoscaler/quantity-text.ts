// resource.NewMilliQuantity(v, DecimalSI).String(): how the HPA prints averageValue in its status.
const SUFFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E']

export function formatMilliQuantity(milli: number): string {
  if (milli % 1000 !== 0) return `${milli}m`
  let value = milli / 1000
  let i = 0
  while (value !== 0 && value % 1000 === 0 && i < SUFFIXES.length - 1) {
    value /= 1000
    i++
  }
  return `${value}${SUFFIXES[i]}`
}

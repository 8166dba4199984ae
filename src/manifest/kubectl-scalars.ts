// How kubectl reads an unquoted, untagged YAML scalar. kubectl and the API server convert YAML to JSON
// with sigs.k8s.io/yaml, whose resolver is go-yaml v2 (YAML 1.1): `yes/no/on/off/y/n` are booleans,
// `0644` is octal, `1_000` is 1000, `0b101` is binary. The `yaml` package parses with the YAML 1.2 core
// schema, which agrees on everything else (null, true/false, decimal and 0x/0o numbers, floats, .inf,
// .nan) and, like go-yaml v2 for untyped targets, leaves timestamps as strings.

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'].map((word) => [word, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'].map((word) => [word, false] as const),
])

// strconv.ParseInt(s, 0, 64) after go-yaml strips underscores: optional sign, then 0x / 0o / 0b / a
// leading 0 (octal) / decimal.
const INTEGER = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/
// go-yaml's yamlStyleFloat, tried when the integer parse fails.
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/

/** The JSON value kubectl would send for a plain scalar written as `source`, or undefined for a string or null. */
export function resolveKubectlScalar(source: string): boolean | number | undefined {
  const bool = BOOLEANS.get(source)
  if (bool !== undefined) return bool
  // go-yaml only tries numbers when the scalar starts with a digit or a sign; a leading '.' goes
  // straight to ParseFloat, which agrees with YAML 1.2 for everything the float pattern accepts.
  if (!/^[0-9+-]/.test(source)) return undefined
  const plain = source.replace(/_/g, '')
  const integer = INTEGER.exec(plain)
  if (integer) {
    const [, sign, hex, octal, binary, leadingZero, decimal] = integer
    const magnitude =
      hex !== undefined ? parseInt(hex, 16)
      : octal !== undefined ? parseInt(octal, 8)
      : binary !== undefined ? parseInt(binary, 2)
      : leadingZero !== undefined ? (leadingZero === '' ? 0 : parseInt(leadingZero, 8))
      : Number(decimal)
    // No negative zero: Go integers have none, and JSON would print it as 0 anyway.
    return sign === '-' && magnitude !== 0 ? -magnitude : magnitude
  }
  return FLOAT.test(plain) ? Number(plain) : undefined
}

// A YAML emitter for JSON data that writes what kubectl's `-o yaml` writes: sigs.k8s.io/yaml, i.e.
// go-yaml v2 marshalling a JSON value. Ported rules: map keys sorted (Go marshals maps sorted),
// 2-space indentation with sequences not indented under their key, `{}`/`[]` for empty collections,
// go-yaml's scalar style choice (plain; single quotes when plain is not allowed; double quotes for
// strings that would read back as another type, e.g. "1", "true", "yes", timestamps; literal `|`
// blocks for multi-line text) and its line folding of long scalars past column 80.
// Not ported: keys longer than 128 characters (complex keys) and the `...` marker after `|+` at the end.

const BEST_WIDTH = 80
const BEST_INDENT = 2

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The YAML document go-yaml v2 writes for a JSON value, ending with a newline. */
export function toGoYaml(value: unknown): string {
  const out = new Emitter()
  out.node(normalize(value), 0, 'top')
  out.finishLine()
  return out.text()
}

function normalize(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.map(normalize)
  if (typeof value === 'object') {
    const result: { [key: string]: Json } = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) result[k] = normalize(v)
    return result
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value
  return String(value)
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

class Emitter {
  private readonly parts: string[] = []
  private column = 0
  /** The last character written was whitespace (or nothing): go-yaml's emitter.whitespace. */
  private whitespace = true

  text(): string {
    return this.parts.join('')
  }

  private put(s: string): void {
    this.parts.push(s)
    for (const ch of s) {
      if (ch === '\n') this.column = 0
      else this.column++
    }
    this.whitespace = s.endsWith(' ') || s.endsWith('\n')
  }

  finishLine(): void {
    if (this.column !== 0) this.put('\n')
  }

  private newLine(indent: number): void {
    if (this.column !== 0) this.put('\n')
    if (indent > 0) this.put(' '.repeat(indent))
  }

  /**
   * Writes a node. `context` says where it starts: 'top' (own line), 'value' (after `key:`),
   * 'item' (after `- `). `indent` is the indentation of the enclosing mapping or sequence.
   */
  node(value: Json, indent: number, context: 'top' | 'value' | 'item'): void {
    if (Array.isArray(value)) {
      if (value.length === 0) return this.flowEmpty('[]', context)
      // Sequences are "indentless" as mapping values, and indented when nested in a sequence item.
      const seqIndent = context === 'item' ? indent + BEST_INDENT : indent
      value.forEach((item, i) => {
        if (!(context === 'item' && i === 0)) this.newLine(seqIndent)
        this.put('- ')
        this.node(item, seqIndent, 'item')
      })
      return
    }
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value).sort(compareKeys)
      if (keys.length === 0) return this.flowEmpty('{}', context)
      const mapIndent = context === 'top' ? 0 : indent + BEST_INDENT
      keys.forEach((key, i) => {
        if (!(context === 'item' && i === 0)) this.newLine(mapIndent)
        this.scalar(key, mapIndent, true)
        this.put(':')
        this.node(value[key], mapIndent, 'value')
      })
      return
    }
    const scalarIndent = context === 'top' ? 0 : indent + BEST_INDENT
    if (context === 'value' || context === 'item') {
      if (!this.whitespace) this.put(' ')
    }
    if (typeof value === 'string') this.scalar(value, scalarIndent, false)
    else this.put(plainText(value))
  }

  private flowEmpty(text: string, context: 'top' | 'value' | 'item'): void {
    if (context !== 'top' && !this.whitespace) this.put(' ')
    this.put(text)
  }

  private scalar(s: string, indent: number, isKey: boolean): void {
    switch (chooseStyle(s, isKey)) {
      case 'plain':
        return this.plain(s, indent, !isKey)
      case 'single':
        return this.singleQuoted(s, indent, !isKey)
      case 'double':
        return this.doubleQuoted(s, indent, !isKey)
      case 'literal':
        return this.literal(s, indent)
    }
  }

  private indentBreak(indent: number): void {
    this.put('\n' + ' '.repeat(indent))
  }

  private plain(s: string, indent: number, allowBreaks: boolean): void {
    const chars = [...s]
    let spaces = false
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.indentBreak(indent)
        else this.put(ch)
        spaces = true
      } else {
        this.put(ch)
        spaces = false
      }
    }
    this.whitespace = false
  }

  private singleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    this.put("'")
    const chars = [...s]
    let spaces = false
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') this.indentBreak(indent)
        else this.put(ch)
        spaces = true
      } else {
        this.put(ch === "'" ? "''" : ch)
        spaces = false
      }
    }
    this.put("'")
    this.whitespace = false
  }

  private doubleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    this.put('"')
    const chars = [...s]
    let spaces = false
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]
      const cp = ch.codePointAt(0)!
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(cp) || ch === '"' || ch === '\\') {
        this.put(escapeDouble(cp))
        spaces = false
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.indentBreak(indent)
          if (chars[i + 1] === ' ') this.put('\\')
        } else this.put(ch)
        spaces = true
      } else {
        this.put(ch)
        spaces = false
      }
    }
    this.put('"')
    this.whitespace = false
  }

  private literal(s: string, indent: number): void {
    this.put('|')
    const chars = [...s]
    if (chars.length > 0 && (chars[0] === ' ' || isBreak(chars[0].codePointAt(0)!))) this.put(String(BEST_INDENT))
    const last = chars.length - 1
    if (chars.length === 0 || !isBreak(chars[last].codePointAt(0)!)) this.put('-')
    else if (last === 0 || isBreak(chars[last - 1].codePointAt(0)!)) this.put('+')
    this.put('\n')
    let breaks = true
    for (const ch of chars) {
      if (isBreak(ch.codePointAt(0)!)) {
        this.put('\n')
        breaks = true
      } else {
        if (breaks) this.put(' '.repeat(indent))
        this.put(ch)
        breaks = false
      }
    }
    this.whitespace = false
  }
}

function plainText(value: null | boolean | number): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (Number.isNaN(value)) return '.nan'
  if (value === Infinity) return '.inf'
  if (value === -Infinity) return '-.inf'
  return String(value)
}

function escapeDouble(cp: number): string {
  switch (cp) {
    case 0x00: return '\\0'
    case 0x07: return '\\a'
    case 0x08: return '\\b'
    case 0x09: return '\\t'
    case 0x0a: return '\\n'
    case 0x0b: return '\\v'
    case 0x0c: return '\\f'
    case 0x0d: return '\\r'
    case 0x1b: return '\\e'
    case 0x22: return '\\"'
    case 0x5c: return '\\\\'
    case 0x85: return '\\N'
    case 0xa0: return '\\_'
    case 0x2028: return '\\L'
    case 0x2029: return '\\P'
  }
  const hex = cp.toString(16).toUpperCase()
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`
  return `\\U${hex.padStart(8, '0')}`
}

/** go-yaml's is_printable, on code points: 4-byte UTF-8 characters count as not printable. */
function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
}

const isBreak = (cp: number): boolean => cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029

type Style = 'plain' | 'single' | 'double' | 'literal'

/** go-yaml v2 encoder.stringv plus yaml_emitter_select_scalar_style, in block context. */
export function chooseStyle(s: string, isKey: boolean): Style {
  let style: Style = s.includes('\n') ? 'literal' : resolvesAsString(s) ? 'plain' : 'double'
  const a = analyzeScalar(s)
  if (isKey && a.multiline) style = 'double'
  if (style === 'plain') {
    if (!a.blockPlainAllowed || (s.length === 0 && isKey)) style = 'single'
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double'
  if (style === 'literal' && (!a.blockAllowed || isKey)) style = 'double'
  return style
}

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
])
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]| )\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?$/
const GO_FLOAT_AFTER_DOT = /^\.([0-9]+([eE][-+]?[0-9]+)?)$/

/** Whether go-yaml v2's resolve() would read the plain scalar back as a string (and not base-60). */
function resolvesAsString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return false
  if (BASE60_FLOAT.test(s)) return false
  const first = s[0]
  if (first === '.') return !GO_FLOAT_AFTER_DOT.test(s)
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    if (TIMESTAMP.test(s) && /^\d{4}-/.test(s)) return false
    const plain = s.replace(/_/g, '')
    if (GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain)) return false
    if (/^-?0b[01]+$/.test(plain)) return false
  }
  return true
}

interface ScalarAnalysis {
  multiline: boolean
  blockPlainAllowed: boolean
  singleQuotedAllowed: boolean
  blockAllowed: boolean
}

/** go-yaml's yaml_emitter_analyze_scalar (block context: flow indicators do not matter). */
function analyzeScalar(s: string): ScalarAnalysis {
  if (s.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false }
  const chars = [...s]
  let blockIndicators = s.startsWith('---') || s.startsWith('...')
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  let previousSpace = false
  let previousBreak = false
  let lineBreaks = false
  let specialCharacters = false
  let precededByWhitespace = true
  const isBlankAt = (i: number): boolean => chars[i] === ' ' || chars[i] === '\t'
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    const cp = ch.codePointAt(0)!
    const followedByWhitespace = i + 1 >= chars.length || isBlankAt(i + 1)
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true
      else if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true
      else if (ch === '-' && followedByWhitespace) blockIndicators = true
    } else if (ch === ':' && followedByWhitespace) blockIndicators = true
    else if (ch === '#' && precededByWhitespace) blockIndicators = true
    if (!isPrintable(cp)) specialCharacters = true
    if (ch === ' ') {
      if (i === 0) leadingSpace = true
      if (i === chars.length - 1) trailingSpace = true
      if (previousBreak) breakSpace = true
      previousSpace = true
      previousBreak = false
    } else if (isBreak(cp)) {
      lineBreaks = true
      if (i === 0) leadingBreak = true
      if (i === chars.length - 1) trailingBreak = true
      if (previousSpace) spaceBreak = true
      previousSpace = false
      previousBreak = true
    } else {
      previousSpace = false
      previousBreak = false
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak(cp)
  }
  let blockPlainAllowed = true
  let singleQuotedAllowed = true
  let blockAllowed = true
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false
  if (trailingSpace) blockAllowed = false
  if (breakSpace) {
    blockPlainAllowed = false
    singleQuotedAllowed = false
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false
    singleQuotedAllowed = false
    blockAllowed = false
  }
  if (lineBreaks) blockPlainAllowed = false
  if (blockIndicators) blockPlainAllowed = false
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed }
}

// Label and field selectors: matching, and parsing of kubectl's string syntax.
// Semantics from apimachinery labels.Requirement.Matches: `notin` and `!=` match when the key is
// absent; a nil selector selects nothing while an empty one selects everything.
import { matchesLabelSelector as matchesSelectorObject } from '../api/label-selector'
import { matchesRequirement as matchesNodeRequirement } from '../api/node-selector'
import type { LabelSelector } from '../api/meta'

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'

export interface Requirement {
  key: string
  operator: Operator
  values: readonly string[]
}

/** A parsed selector: requirements ANDed. `null` selects nothing. */
export type Selector = readonly Requirement[] | null

export type Labels = Readonly<Record<string, string>> | undefined

export function matchesRequirement(req: Requirement, labels: Labels): boolean {
  return matchesNodeRequirement(req.operator, req.key, req.values, labels)
}

export function matchesSelector(selector: Selector, labels: Labels): boolean {
  if (selector === null) return false
  for (let i = 0; i < selector.length; i++) {
    const req = selector[i]
    if (req.operator === 'In' && req.values.length === 1) {
      // The common equality requirement, without the generic matcher.
      if (labels === undefined || labels[req.key] !== req.values[0] || !Object.prototype.hasOwnProperty.call(labels, req.key)) return false
    } else if (!matchesRequirement(req, labels)) return false
  }
  return true
}

/** Parsed selectors of stored (frozen) LabelSelectors, by identity: controllers ask on every reconcile. */
const parsedSelectors = new WeakMap<object, Selector>()

/** A LabelSelector object as requirements; undefined (nil) selects nothing. The result is frozen. */
export function fromLabelSelector(selector: LabelSelector | undefined | null): Selector {
  if (!selector) return null
  const cached = parsedSelectors.get(selector)
  if (cached !== undefined) return cached
  const reqs: Requirement[] = []
  for (const key of Object.keys(selector.matchLabels ?? {}).sort()) reqs.push(Object.freeze({ key, operator: 'In', values: Object.freeze([selector.matchLabels![key]]) }))
  for (const e of selector.matchExpressions ?? []) reqs.push(Object.freeze({ key: e.key, operator: e.operator, values: e.values ?? [] }))
  Object.freeze(reqs)
  if (Object.isFrozen(selector) && (!selector.matchLabels || Object.isFrozen(selector.matchLabels)) && (!selector.matchExpressions || Object.isFrozen(selector.matchExpressions)))
    parsedSelectors.set(selector, reqs)
  return reqs
}

/** A LabelSelector object against labels; nil selects nothing (the controllers' convention). */
export function matchesLabelSelector(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  return selector ? matchesSelectorObject(selector, labels) : false
}

/** The `key=value` pairs a selector requires exactly; used to pick an index. */
export function equalityPairs(selector: Selector): [string, string][] {
  if (!selector) return []
  return selector.filter((r) => r.operator === 'In' && r.values.length === 1).map((r) => [r.key, r.values[0]])
}

export class SelectorSyntaxError extends Error {
  override name = 'SelectorSyntaxError'
}

/**
 * Parses kubectl's selector syntax: `a=b,c!=d,e in (x,y),f notin (z),g,!h,i>1`.
 * Throws SelectorSyntaxError with the position of the problem.
 */
export function parseSelector(text: string): Requirement[] {
  const reqs: Requirement[] = []
  const s = text.trim()
  if (s === '') return reqs
  let i = 0
  const fail = (what: string): never => {
    throw new SelectorSyntaxError(`unable to parse requirement: ${what} at position ${i} of "${text}"`)
  }
  const skipSpace = () => {
    while (i < s.length && s[i] === ' ') i++
  }
  const readWord = () => {
    skipSpace()
    const start = i
    while (i < s.length && !' ,=!()<>'.includes(s[i])) i++
    return s.slice(start, i)
  }
  while (i < s.length) {
    skipSpace()
    if (s[i] === '!') {
      i++
      const key = readWord()
      if (!key) fail('expected a key after "!"')
      reqs.push({ key, operator: 'DoesNotExist', values: [] })
    } else {
      const key = readWord()
      if (!key) fail('expected a key')
      skipSpace()
      if (i >= s.length || s[i] === ',') {
        reqs.push({ key, operator: 'Exists', values: [] })
      } else if (s.startsWith('==', i) || s[i] === '=') {
        i += s.startsWith('==', i) ? 2 : 1
        reqs.push({ key, operator: 'In', values: [readWord()] })
      } else if (s.startsWith('!=', i)) {
        i += 2
        reqs.push({ key, operator: 'NotIn', values: [readWord()] })
      } else if (s[i] === '>' || s[i] === '<') {
        const op = s[i] === '>' ? 'Gt' : 'Lt'
        i++
        const v = readWord()
        if (!/^-?\d+$/.test(v)) fail(`for '${op === 'Gt' ? '>' : '<'}' operator, the value must be an integer`)
        reqs.push({ key, operator: op, values: [v] })
      } else {
        const word = readWord()
        const op = word === 'in' ? 'In' : word === 'notin' ? 'NotIn' : fail(`found '${word}', expected: in, notin, =, ==, !=, gt, lt`)
        skipSpace()
        if (s[i] !== '(') fail("found '" + (s[i] ?? '') + "', expected: '('")
        i++
        const values: string[] = []
        for (;;) {
          const v = readWord()
          values.push(v)
          skipSpace()
          if (s[i] === ',') {
            i++
            continue
          }
          if (s[i] === ')') {
            i++
            break
          }
          fail("expected ',' or ')'")
        }
        reqs.push({ key, operator: op, values: values.filter((v) => v !== '' || values.length === 1) })
      }
    }
    skipSpace()
    if (i < s.length) {
      if (s[i] !== ',') fail(`unexpected '${s[i]}'`)
      i++
    }
  }
  return reqs
}

/** A selector given as kubectl text or as a LabelSelector object. */
export type SelectorInput = string | LabelSelector

export function toSelector(input: SelectorInput | undefined): Selector | undefined {
  if (input === undefined) return undefined
  return typeof input === 'string' ? parseSelector(input) : fromLabelSelector(input)
}

// ---- field selectors ---------------------------------------------------------------------------

export interface FieldRequirement {
  field: string
  equal: boolean
  value: string
}

export const SUPPORTED_FIELDS = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'] as const

/** Parses `spec.nodeName=node-1,status.phase!=Running`. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const out: FieldRequirement[] = []
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(part)
    if (!m) throw new SelectorSyntaxError(`invalid field selector "${part}": expected field=value or field!=value`)
    if (!(SUPPORTED_FIELDS as readonly string[]).includes(m[1]))
      throw new SelectorSyntaxError(`field label not supported: ${m[1]} (supported: ${SUPPORTED_FIELDS.join(', ')})`)
    out.push({ field: m[1], equal: m[2] !== '!=', value: m[3] })
  }
  return out
}

export function fieldValue(object: any, field: string): string {
  switch (field) {
    case 'metadata.name':
      return object.metadata?.name ?? ''
    case 'metadata.namespace':
      return object.metadata?.namespace ?? ''
    case 'spec.nodeName':
      return object.spec?.nodeName ?? ''
    case 'status.phase':
      return object.status?.phase ?? ''
    default:
      return ''
  }
}

export function matchesFields(reqs: readonly FieldRequirement[], object: unknown): boolean {
  for (const r of reqs) if ((fieldValue(object, r.field) === r.value) !== r.equal) return false
  return true
}

// Name and label rules of the API server (apimachinery util/validation), with its messages verbatim.
// Each check returns the problems as strings; an empty list (or undefined) means the value is valid.
// The store uses these for metadata.name, generateName results and label keys/values.
import type { FieldIssue, NameRule } from './kind-info'
import { invalidIssue, type FieldPath } from './field-issues'

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?'
const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
const labelValueFmt = `(${qualifiedNameFmt})?`

const dns1123LabelRegex = new RegExp(`^${dns1123LabelFmt}$`)
const dns1123SubdomainRegex = new RegExp(`^${dns1123SubdomainFmt}$`)
const dns1035LabelRegex = new RegExp(`^${dns1035LabelFmt}$`)
const qualifiedNameRegex = new RegExp(`^${qualifiedNameFmt}$`)
const labelValueRegex = new RegExp(`^${labelValueFmt}$`)

export const DNS1123_LABEL_MAX_LENGTH = 63
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253
export const DNS1035_LABEL_MAX_LENGTH = 63
export const LABEL_VALUE_MAX_LENGTH = 63
export const QUALIFIED_NAME_MAX_LENGTH = 63

/** Upstream RegexError: the message lists examples separated by ",  or " (two spaces, as upstream prints it). */
function regexError(message: string, fmt: string, ...examples: string[]): string {
  const shown = examples.length ? `(e.g. ${examples.map((e) => `'${e}'`).join(',  or ')}, ` : '('
  return `${message} ${shown}regex used for validation is '${fmt}')`
}

const maxLenError = (length: number): string => `must be no more than ${length} characters`

export const dns1123LabelMessage = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  dns1123LabelFmt,
  'my-name',
  '123-abc',
)
export const dns1123SubdomainMessage = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  dns1123SubdomainFmt,
  'example.com',
)
export const dns1035LabelMessage = regexError(
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  dns1035LabelFmt,
  'my-name',
  'abc-123',
)
const qualifiedNameMessage = regexError(
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  qualifiedNameFmt,
  'MyName',
  'my.name',
  '123-abc',
)
const labelValueMessage = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  labelValueFmt,
  'MyValue',
  'my_value',
  '12345',
)

export const isDns1123Label = (s: string): boolean => s.length <= DNS1123_LABEL_MAX_LENGTH && dns1123LabelRegex.test(s)
export const isDns1123Subdomain = (s: string): boolean => s.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && scansAsDns1123Subdomain(s)

const AT_LABEL_START = 0
const AFTER_ALNUM = 1
const AFTER_DASH = 2

/**
 * dns1123SubdomainRegex as a scan (every object name is checked on every create; the regex
 * backtracks): dot-separated labels of [-a-z0-9], each starting and ending alphanumeric.
 */
function scansAsDns1123Subdomain(s: string): boolean {
  let state = AT_LABEL_START
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) state = AFTER_ALNUM
    else if (c === 45) {
      if (state === AT_LABEL_START) return false
      state = AFTER_DASH
    } else if (c === 46) {
      if (state !== AFTER_ALNUM) return false
      state = AT_LABEL_START
    } else return false
  }
  return state === AFTER_ALNUM
}
export const isDns1035Label = (s: string): boolean => s.length <= DNS1035_LABEL_MAX_LENGTH && dns1035LabelRegex.test(s)

/** All problems of `value` under a DNS rule, in upstream order (length first, then format). */
export function dnsProblems(rule: Exclude<NameRule, 'path-segment'>, value: string): string[] {
  const problems: string[] = []
  if (rule === 'dns1123-subdomain') {
    if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if (!dns1123SubdomainRegex.test(value)) problems.push(dns1123SubdomainMessage)
  } else if (rule === 'dns1123-label') {
    if (value.length > DNS1123_LABEL_MAX_LENGTH) problems.push(maxLenError(DNS1123_LABEL_MAX_LENGTH))
    if (!dns1123LabelRegex.test(value)) problems.push(dns1123LabelMessage)
  } else {
    if (value.length > DNS1035_LABEL_MAX_LENGTH) problems.push(maxLenError(DNS1035_LABEL_MAX_LENGTH))
    if (!dns1035LabelRegex.test(value)) problems.push(dns1035LabelMessage)
  }
  return problems
}

function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  const problems: string[] = []
  for (const illegal of ['/', '%']) if (name.includes(illegal)) problems.push(`may not contain '${illegal}'`)
  return problems
}

/** The problems of an object name under its kind's rule; the messages follow upstream ValidateObjectMeta. */
export function nameProblems(rule: NameRule, name: string): string[] {
  if (rule === 'path-segment') return pathSegmentProblems(name)
  return dnsProblems(rule, name)
}

/** One message for an invalid name (problems joined by '; '), or undefined when the name is valid. */
export function validateName(rule: NameRule, name: string): string | undefined {
  // The store checks every name it writes and nearly all are valid: answer that without a problem list.
  const validDns = rule === 'dns1123-subdomain' ? isDns1123Subdomain(name) : rule === 'dns1123-label' ? isDns1123Label(name) : rule === 'dns1035-label' && isDns1035Label(name)
  if (validDns) return undefined
  const problems = nameProblems(rule, name)
  return problems.length ? problems.join('; ') : undefined
}

/** Problems of a qualified name (label/annotation key): optional DNS-subdomain prefix + '/' + name part. */
export function labelKeyProblems(key: string): string[] {
  const parts = key.split('/')
  let name: string
  const problems: string[] = []
  if (parts.length === 1) name = parts[0]
  else if (parts.length === 2) {
    const prefix = parts[0]
    name = parts[1]
    if (prefix.length === 0) problems.push('prefix part must be non-empty')
    else for (const problem of dnsProblems('dns1123-subdomain', prefix)) problems.push(`prefix part ${problem}`)
  } else {
    return [
      `${regexError(
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        qualifiedNameFmt,
        'MyName',
        'my.name',
        '123-abc',
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]
  }
  if (name.length === 0) problems.push('name part must be non-empty')
  else if (name.length > QUALIFIED_NAME_MAX_LENGTH) problems.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`)
  if (name.length > 0 && !qualifiedNameRegex.test(name)) problems.push(qualifiedNameMessage)
  return problems
}

export function labelValueProblems(value: string): string[] {
  const problems: string[] = []
  if (value.length > LABEL_VALUE_MAX_LENGTH) problems.push(maxLenError(LABEL_VALUE_MAX_LENGTH))
  if (!labelValueRegex.test(value)) problems.push(labelValueMessage)
  return problems
}

/** Label keys seen by validateLabelKey and their answers; a cluster uses few distinct keys. */
const labelKeyAnswers = new Map<string, string | undefined>()
/** Past this many keys the cache starts over, so arbitrary input cannot grow it without bound. */
const LABEL_KEY_CACHE_LIMIT = 4096

/** One message for an invalid label key, or undefined. */
export function validateLabelKey(key: string): string | undefined {
  const known = labelKeyAnswers.get(key)
  if (known !== undefined || labelKeyAnswers.has(key)) return known
  const problems = labelKeyProblems(key)
  const answer = problems.length ? problems.join('; ') : undefined
  if (labelKeyAnswers.size >= LABEL_KEY_CACHE_LIMIT) labelKeyAnswers.clear()
  labelKeyAnswers.set(key, answer)
  return answer
}

/** One message for an invalid label value, or undefined. */
export function validateLabelValue(value: string): string | undefined {
  if (value.length <= LABEL_VALUE_MAX_LENGTH && labelValueRegex.test(value)) return undefined
  const problems = labelValueProblems(value)
  return problems.length ? problems.join('; ') : undefined
}

/** ValidateLabels: one issue per problem, at `path` (e.g. ['metadata', 'labels']), keys in sorted order. */
export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): FieldIssue[] {
  if (!labels) return []
  const issues: FieldIssue[] = []
  for (const key of Object.keys(labels).sort()) {
    for (const problem of labelKeyProblems(key)) issues.push(invalidIssue(path, key, problem))
    for (const problem of labelValueProblems(labels[key])) issues.push(invalidIssue(path, labels[key], problem))
  }
  return issues
}

/** Annotation keys are qualified names too (total size is not checked here). */
export function validateAnnotationKeys(annotations: Record<string, string> | undefined, path: FieldPath): FieldIssue[] {
  if (!annotations) return []
  const issues: FieldIssue[] = []
  for (const key of Object.keys(annotations).sort()) {
    for (const problem of labelKeyProblems(key)) issues.push(invalidIssue(path, key, problem))
  }
  return issues
}

// The typed errors of the public API, mirroring the API server's status reasons
// (NotFound, AlreadyExists, Conflict, Invalid, TooManyRequests) plus the loop's own two.
// Each message says what happened and where, so a person can act on it.

/** One problem found in an input: which document (1-based), where in the text, which field. */
export interface ValidationIssue {
  document?: number
  line?: number
  column?: number
  /** Field path in kubectl's notation: `spec.template.spec.containers[0].name`; '' for the whole document. */
  path: string
  message: string
  /** A short name of the object when known: `Deployment/web`. */
  object?: string
  /** The same path as segments, for locating it in manifest text. */
  segments?: readonly (string | number)[]
}

export function formatIssue(issue: ValidationIssue): string {
  const where: string[] = []
  if (issue.document !== undefined) where.push(`document ${issue.document}`)
  if (issue.line !== undefined) where.push(`line ${issue.line}:${issue.column ?? 1}`)
  if (issue.object) where.push(issue.object)
  const prefix = where.length ? `${where.join(', ')}: ` : ''
  return `${prefix}${issue.path ? `${issue.path}: ` : ''}${issue.message}`
}

export class KubesimError extends Error {
  override name = 'KubesimError'
}

/** Invalid input: bad YAML, schema violations, bad names, immutable fields, removed API versions. Nothing was written. */
export class ValidationError extends KubesimError {
  override name = 'ValidationError'
  readonly issues: readonly ValidationIssue[]
  constructor(issues: readonly ValidationIssue[], summary?: string) {
    const lines = issues.map((issue) => `  - ${formatIssue(issue)}`)
    super(`${summary ?? `invalid input (${issues.length} problem${issues.length === 1 ? '' : 's'}); nothing was written`}:\n${lines.join('\n')}`)
    this.issues = issues
  }
}

export class NotFoundError extends KubesimError {
  override name = 'NotFoundError'
  constructor(readonly resource: string, readonly objectName: string, readonly namespace?: string) {
    super(`${resource} "${objectName}" not found${namespace ? ` in namespace "${namespace}"` : ''}`)
  }
}

export class AlreadyExistsError extends KubesimError {
  override name = 'AlreadyExistsError'
  constructor(readonly resource: string, readonly objectName: string, readonly namespace?: string) {
    super(`${resource} "${objectName}" already exists${namespace ? ` in namespace "${namespace}"` : ''}`)
  }
}

export class ConflictError extends KubesimError {
  override name = 'ConflictError'
  constructor(readonly resource: string, readonly objectName: string, detail?: string) {
    super(
      detail ??
        `Operation cannot be fulfilled on ${resource} "${objectName}": the object has been modified; please apply your changes to the latest version and try again`,
    )
  }
}

/** HTTP 429 from the eviction API: the eviction would violate a PodDisruptionBudget. */
export class TooManyRequestsError extends KubesimError {
  override name = 'TooManyRequestsError'
  constructor(message: string, readonly disruptionBudget?: string) {
    super(message)
  }
}

/** runUntil ran out of virtual time; the message carries a diagnosis of what is still pending. */
export class TimeoutError extends KubesimError {
  override name = 'TimeoutError'
}

/** settle could not reach a quiet instant: some controllers keep working on the same keys. */
export class NotConvergedError extends KubesimError {
  override name = 'NotConvergedError'
}

export const isNotFound = (e: unknown): e is NotFoundError => e instanceof NotFoundError
export const isAlreadyExists = (e: unknown): e is AlreadyExistsError => e instanceof AlreadyExistsError
export const isConflict = (e: unknown): e is ConflictError => e instanceof ConflictError
export const isValidationError = (e: unknown): e is ValidationError => e instanceof ValidationError
export const isTooManyRequests = (e: unknown): e is TooManyRequestsError => e instanceof TooManyRequestsError

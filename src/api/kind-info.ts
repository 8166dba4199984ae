// The description of one API kind: its names, scope, schema, defaults and update rules.
// The store knows kinds only through this interface, so built-in and user-registered kinds are alike.
import type { z } from 'zod'

/** One problem with an object: where (path from the object root) and what. */
export interface FieldIssue {
  path: readonly (string | number)[]
  message: string
}

export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label' | 'path-segment'

export interface KindInfo {
  kind: string                        // 'Deployment'
  group: string                       // 'apps'; '' for the core group
  version: string                     // 'v1'
  apiVersion: string                  // 'apps/v1'; 'v1' for the core group
  plural: string                      // 'deployments'
  singular: string                    // 'deployment'
  shortNames: readonly string[]       // ['deploy']
  namespaced: boolean
  nameRule: NameRule
  /** Validates a whole object; loose, so unknown fields are kept. */
  schema: z.ZodType
  /** Whether spec changes bump metadata.generation (workloads, pods). */
  tracksGeneration: boolean
  /** Top-level fields written only through updateStatus (usually ['status']). */
  statusFields: readonly string[]
  /** Other apiVersions accepted on input (served versions), e.g. 'autoscaling/v1' for HPA. */
  alsoServedAs?: readonly string[]
  /** Converts an object written in one of `alsoServedAs` into this kind's apiVersion (e.g. HPA v1 → v2). */
  fromServedVersion?(object: any): any
  /** Upstream defaulting, applied to a mutable copy on create and on update. */
  applyDefaults?(object: any): void
  /** Checks beyond the schema, on create and update (e.g. selector must match template labels). */
  validate?(object: any): FieldIssue[]
  /** Checks of a change (e.g. immutable selector); called with the stored and the new object. */
  validateUpdate?(previous: any, next: any): FieldIssue[]
}

/** An apiVersion that Kubernetes stopped serving, and what replaced it. */
export interface RemovedVersion {
  apiVersion: string
  kind: string
  removedIn: string                   // '1.25'
  use: string                         // 'batch/v1'
}

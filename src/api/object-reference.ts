// core/v1 ObjectReference: a pointer to another object (Event involvedObject, PV claimRef, CronJob active
// jobs, Endpoints targetRef). Every field is optional, as upstream.
import { z } from 'zod'

export const ObjectReference = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  fieldPath: z.string().optional(),
})
export type ObjectReference = z.infer<typeof ObjectReference>

// Integer fields as the API server decodes them: int32 fields refuse values outside 32 bits (the
// Go decoder fails on them), int64 fields whatever JSON numbers can carry exactly.
import { z } from 'zod'

export const INT32_MAX = 2_147_483_647
export const INT32_MIN = -2_147_483_648

export const Int32 = z
  .number()
  .int()
  .min(INT32_MIN, { message: `Invalid value: must fit in a 32-bit integer (${INT32_MIN}..${INT32_MAX})` })
  .max(INT32_MAX, { message: `Invalid value: must fit in a 32-bit integer (${INT32_MIN}..${INT32_MAX})` })

export const Int64 = z
  .number()
  .int()
  .min(Number.MIN_SAFE_INTEGER, { message: 'Invalid value: out of the range of a 64-bit integer that JSON can carry exactly' })
  .max(Number.MAX_SAFE_INTEGER, { message: 'Invalid value: out of the range of a 64-bit integer that JSON can carry exactly' })

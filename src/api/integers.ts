// Integer fields as the API server decodes them: int32 fields refuse values outside 32 bits (the
// Go decoder fails on them), int64 fields whatever JSON numbers can carry exactly. One check each,
// so a bad value gets one message.
import { z } from 'zod'

export const INT32_MAX = 2_147_483_647
export const INT32_MIN = -2_147_483_648

export const Int32 = z
  .number()
  .refine((v) => Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX, { message: `Invalid value: must be a 32-bit integer (${INT32_MIN}..${INT32_MAX})` })

export const Int64 = z
  .number()
  .refine((v) => Number.isSafeInteger(v), { message: `Invalid value: must be an integer that JSON carries exactly (±${Number.MAX_SAFE_INTEGER})` })

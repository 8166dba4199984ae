// Where the shared manifest corpus lives: ../shared/corpus beside the repository (as on developers'
// machines and in CI), or KUBESIM_CORPUS when set.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const CORPUS = process.env.KUBESIM_CORPUS ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../../shared/corpus')

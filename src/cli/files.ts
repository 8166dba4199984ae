// The CLI's file input: `-f <file|dir>` through the same reader as `kubectl apply -f`, and `-f -`
// (standard input). Exempt from the determinism lint: it touches the real world.
import { readFileSync } from 'node:fs'
import { readManifestFiles, type ManifestFile } from '../cluster/files'

export type { ManifestFile }

/** Reads every `-f` value in order; throws an Error with kubectl's text for a missing path. */
export function readInputs(paths: readonly string[]): ManifestFile[] {
  const files: ManifestFile[] = []
  for (const path of paths) {
    if (path === '-') files.push({ path: '<stdin>', text: readFileSync(0, 'utf8') })
    else files.push(...readManifestFiles(path))
  }
  return files
}

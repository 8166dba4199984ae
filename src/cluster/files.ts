// The one place in src/cluster that reads the file system: `kubectl apply -f <path>` and
// `kubectl delete -f <path>`. Reading a file involves no time and no chance, so determinism holds;
// it is kept here so that everything else in the simulation core stays free of I/O.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface ManifestFile {
  /** The path as kubectl would name it in messages. */
  path: string
  text: string
}

/** kubectl's FileExtensions for `-f <dir>`. */
const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml']

/**
 * The manifest files a `-f` value names: the file itself, or the .json/.yaml/.yml files of a
 * directory in lexical order (sub-directories only with `recursive`, as `-R`). Throws an Error
 * carrying kubectl's text (`the path "x" does not exist`) when the path is missing.
 */
export function readManifestFiles(path: string, recursive = false): ManifestFile[] {
  let isDirectory: boolean
  try {
    isDirectory = statSync(path).isDirectory()
  } catch {
    throw new Error(`the path "${path}" does not exist`)
  }
  if (!isDirectory) return [{ path, text: readFileSync(path, 'utf8') }]
  const files: ManifestFile[] = []
  const names = readdirSync(path).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (const name of names) {
    const child = join(path, name)
    if (statSync(child).isDirectory()) {
      if (recursive) files.push(...readManifestFiles(child, true))
    } else if (MANIFEST_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      files.push({ path: child, text: readFileSync(child, 'utf8') })
    }
  }
  return files
}

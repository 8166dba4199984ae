// Every real manifest in ../shared/corpus must load unchanged: after defaults it parses with its kind's
// schema and passes semantic validation, with zero issues. Documents in removed API versions are skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { builtinKinds, findRemovedVersion } from './kinds'
import { toFieldIssues } from './schema-issues'
import { CORPUS } from '../../test/corpus'

const corpusRoot = `${CORPUS}`

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* yamlFiles(path)
    else if (/\.ya?ml$/.test(name)) yield path
  }
}

const files = [...yamlFiles(corpusRoot)]

describe('corpus manifests', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  it.each(files.map((file) => [relative(corpusRoot, file), file]))('%s validates with zero issues', (_name, file) => {
    const documents = parseAllDocuments(readFileSync(file, 'utf8'))
    let checked = 0
    let skipped = 0
    for (const [index, document] of (Array.isArray(documents) ? documents : [documents]).entries()) {
      const object = document.toJS() as any
      if (object === null || object === undefined) continue
      if (findRemovedVersion(object.apiVersion, object.kind)) {
        skipped += 1
        continue
      }
      const info = builtinKinds.find(
        (k) => k.kind === object.kind && (k.apiVersion === object.apiVersion || k.alsoServedAs?.includes(object.apiVersion)),
      )
      expect(info, `document ${index + 1}: ${object.apiVersion} ${object.kind} is a built-in kind`).toBeDefined()
      let stored = info!.fromServedVersion && object.apiVersion !== info!.apiVersion ? info!.fromServedVersion(object) : object
      stored = structuredClone(stored)
      // What the store assigns before defaulting.
      stored.metadata = { namespace: info!.namespaced ? 'default' : undefined, uid: `uid-${index}`, creationTimestamp: '2024-01-01T00:00:00Z', ...stored.metadata }
      if (!info!.namespaced) delete stored.metadata.namespace
      info!.applyDefaults?.(stored)
      const parsed = info!.schema.safeParse(stored)
      expect(parsed.success ? [] : toFieldIssues(parsed.error, stored), `document ${index + 1} schema`).toEqual([])
      expect(info!.validate?.(stored) ?? [], `document ${index + 1} validation`).toEqual([])
      // Idempotent defaulting.
      const again = structuredClone(stored)
      info!.applyDefaults?.(again)
      expect(again).toEqual(stored)
      checked += 1
    }
    expect(checked + skipped).toBeGreaterThan(0)
  })
})

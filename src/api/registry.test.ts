// Registries start from tables shared by every registry of the same kind list; a registration
// copies them first, so it stays with its registry and lists as it would in a registry of its own.
import { describe, expect, it } from 'vitest'
import { builtinKinds, genericKind, removedVersions } from './kinds'
import { KindRegistry } from './registry'

describe('KindRegistry', () => {
  it('keeps a registration to its own registry', () => {
    const one = new KindRegistry(builtinKinds, removedVersions)
    const other = new KindRegistry(builtinKinds, removedVersions)
    one.register(genericKind('example.com/v1', 'Widget', { shortNames: ['wd'] }))
    expect(one.find('wd')?.kind).toBe('Widget')
    expect(one.resolve('example.com/v1', 'Widget').ok).toBe(true)
    expect(other.find('wd')).toBeUndefined()
    expect(other.resolve('example.com/v1', 'Widget').ok).toBe(false)
    expect(new KindRegistry(builtinKinds, removedVersions).find('widgets.example.com')).toBeUndefined()
  })

  it('lists and resolves as a registry that indexed every kind itself', () => {
    const widget = genericKind('example.com/v1', 'Widget')
    const deployment = genericKind('example.com/v1', 'Deployment', { plural: 'deploys' })
    const registry = new KindRegistry(builtinKinds, removedVersions)
    registry.register(widget)
    registry.register(deployment)
    // Re-registering a kind replaces it where it stood; its aliases already taken keep the first kind.
    const expected = builtinKinds.map((k) => (k.kind === 'Deployment' ? deployment : k))
    expect(registry.kinds()).toEqual([...expected, widget])
    expect(registry.find('Deployment')).toBe(deployment)
    expect(registry.find('deploy')?.apiVersion).toBe('apps/v1')
    expect(new KindRegistry(builtinKinds, removedVersions).kinds()).toEqual(builtinKinds)
  })
})

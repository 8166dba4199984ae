import { describe, expect, it } from 'vitest'
import { computePodTemplateHash, equalIgnoreHash, safeEncode } from './template-hash'

const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } })

describe('pod-template-hash (semantics.md §5.3)', () => {
  it('renders decimal digits through the SafeEncodeString alphabet', () => {
    expect(safeEncode(0)).toBe('4')
    expect(safeEncode(1234567890)).toBe('56789bcdf4')
  })

  it('is stable for equal templates whatever the key order, and differs for a changed image', () => {
    const a = computePodTemplateHash(template('nginx:1.14.2'))
    const reordered = { spec: { containers: [{ image: 'nginx:1.14.2', name: 'web' }] }, metadata: { labels: { app: 'web' } } }
    expect(computePodTemplateHash(reordered)).toBe(a)
    expect(computePodTemplateHash(template('nginx:1.16.1'))).not.toBe(a)
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/)
  })

  it('changes with the collisionCount', () => {
    expect(computePodTemplateHash(template('nginx'), 1)).not.toBe(computePodTemplateHash(template('nginx')))
  })

  it('compares templates ignoring the hash label and empty maps', () => {
    const withHash = { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' }, annotations: {} }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }
    expect(equalIgnoreHash(withHash, template('nginx'))).toBe(true)
    expect(equalIgnoreHash(withHash, template('nginx:2'))).toBe(false)
  })
})

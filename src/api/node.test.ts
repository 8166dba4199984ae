import { describe, expect, it } from 'vitest'
import { Node, nodeKind } from './node'

const newNode = (extra: Record<string, unknown> = {}): any => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, ...extra })

describe('Node', () => {
  it('defaults allocatable to capacity and stores quantities as strings', () => {
    const node = newNode({ status: { capacity: { cpu: 4, memory: '8Gi', pods: 110 } } })
    nodeKind.applyDefaults!(node)
    expect(node.status.allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' })
    expect(Node.safeParse(node).success).toBe(true)
  })

  it('requires taints to be unique by key and effect', () => {
    const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }
    const issues = nodeKind.validate!(newNode({ spec: { taints: [taint, taint] } }))
    expect(issues).toHaveLength(1)
    expect(issues[0].path).toEqual(['spec', 'taints'])
    expect(issues[0].message).toMatch(/taints must be unique by key and effect pair$/)
  })

  it('rejects an unknown taint effect in the schema', () => {
    expect(Node.safeParse(newNode({ spec: { taints: [{ key: 'k', effect: 'Sometimes' }] } })).success).toBe(false)
  })

  it('keeps podCIDR once set', () => {
    const before = newNode({ spec: { podCIDR: '10.0.0.0/24' } })
    expect(nodeKind.validateUpdate!(before, newNode({ spec: { podCIDR: '10.0.1.0/24' } }))).toHaveLength(1)
    expect(nodeKind.validateUpdate!(newNode(), before)).toEqual([])
  })
})

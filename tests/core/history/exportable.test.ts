import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeBackup } from '../../../src/core/history/backup.ts'
import {
  describeValue,
  exportableSetAside,
  jsonProblem,
} from '../../../src/core/history/exportable.ts'
import { checkIn, hist, rec } from './historyFixtures.ts'

function quarantined(raw: unknown, key = 'k1') {
  return {
    qid: 1,
    table: 'results',
    key,
    raw,
    reason: 'not a record',
    at: '2026-11-23T07:00:00.000Z',
  }
}

describe('a backup with set-aside records JSON cannot hold', () => {
  it('is always written: healthy records in full, the odd record described', () => {
    const h = hist([rec('bridge', '2026-01-01T10:00:00Z')], [checkIn(4, '2026-01-01T09:00:00Z')])
    const loop: Record<string, unknown> = { id: 'loop', big: 12n }
    loop.self = loop
    const rows = [
      quarantined({ id: 'plain', junk: [1, 'x'] }, 'plain'),
      quarantined(loop, 'loop'),
      quarantined({ n: 2n ** 70n }, 'big'),
    ]
    const text = JSON.stringify(makeBackup(h, [], Date.parse('2026-01-02T00:00:00Z'), rows))
    const back = JSON.parse(text)
    expect(back.results).toEqual(h.results)
    expect(back.checkIns).toEqual(h.checkIns)
    expect(back.setAside[0]).toEqual(rows[0])
    expect(back.setAside[1]).toMatchObject({
      table: 'results',
      key: 'loop',
      reason: 'not a record',
      at: '2026-11-23T07:00:00.000Z',
      notCopied: expect.stringContaining('a BigInt at raw.big'),
    })
    expect(back.setAside[1].description).toContain('big: 12n')
    expect(back.setAside[1].description).toContain('[cycle: contains itself]')
    expect(back.setAside[2].notCopied).toContain('a BigInt at raw.n')
    expect(back.setAside[2].description).toContain(`${2n ** 70n}n`)
  })

  it('names what JSON would throw on, drop or change', () => {
    const cyc: unknown[] = []
    cyc.push({ inner: cyc })
    expect(jsonProblem(cyc)).toBe('a cycle at [0].inner (the value contains itself)')
    expect(jsonProblem({ f: () => 1 })).toBe('a function at f')
    expect(jsonProblem({ s: Symbol('x') })).toBe('a symbol at s')
    expect(jsonProblem({ u: undefined })).toBe('undefined at u')
    expect(jsonProblem([1, NaN])).toBe('NaN at [1]')
    expect(jsonProblem({ m: new Map([[1, 2]]) })).toBe('a Map at m')
    expect(jsonProblem({ d: new Date(0) })).toBe('a Date at d')
    expect(jsonProblem({ b: new Uint8Array(2) })).toBe('a Uint8Array at b')
    expect(jsonProblem([1, , 3])).toBe('an empty slot at [1]') // eslint-disable-line no-sparse-arrays
    expect(jsonProblem({ 'odd key': { x: -0 } })).toBe('negative zero at ["odd key"].x')
    expect(jsonProblem({ [Symbol('k')]: 1 })).toBe('a symbol-named property')
    let deep: unknown = 'end'
    for (let i = 0; i < 5000; i++) deep = [deep]
    expect(jsonProblem(deep)).toMatch(/nested more than 200 deep/)
    // Shared (not cyclic) branches would make JSON explode: 2^40 copies.
    let wide: unknown = 'x'
    for (let i = 0; i < 40; i++) wide = { a: wide, b: wide }
    expect(jsonProblem(wide)).toBe('more parts than a backup takes')
    expect(jsonProblem({ a: [1, 'x', null, true, { b: 'ok' }] })).toBeNull()
    expect(jsonProblem(Object.create(null))).toBeNull()
  })

  it('describes anything without throwing, bounded in length', () => {
    const m = new Map<unknown, unknown>([['k', new Set([1n])]])
    expect(describeValue({ m, d: new Date(0), r: /a/g })).toBe(
      '{m: Map(1) {"k" => Set(1) {1n}}, d: Date(1970-01-01T00:00:00.000Z), r: /a/g}',
    )
    expect(describeValue('x'.repeat(5000)).length).toBeLessThan(250)
    expect(describeValue(Array.from({ length: 5000 }, (_, i) => i)).length).toBeLessThan(200)
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no')
        },
      },
    )
    expect(describeValue({ hostile })).toBe('{hostile: [unreadable]}')
  })

  it('any value a browser could store: the backup always serialises, healthy rows stay verbatim', () => {
    const value = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withObjectString: true,
    })
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), (raws) => {
        const rows = raws.map((raw, i) => quarantined(raw, `k${i}`))
        const out = exportableSetAside(rows)
        const back = JSON.parse(JSON.stringify(out.entries))
        rows.forEach((row, i) => {
          if (jsonProblem(row) === null) expect(back[i]).toEqual(row)
          else expect(back[i]).toMatchObject({ key: `k${i}`, notCopied: expect.any(String) })
        })
        expect(out.described).toHaveLength(rows.filter((r) => jsonProblem(r) !== null).length)
      }),
      { numRuns: 300 },
    )
  })
})

// Own routines in the backup: written when there are some, read entry by entry (a bad one is
// skipped and said, the rest imports), and planned against the routines already on the device.
import { describe, expect, it } from 'vitest'
import {
  BACKUP_VERSION,
  describeRoutinesImport,
  makeBackup,
  parseBackup,
  planImport,
} from '../../../src/core/history/backup.ts'
import type { History } from '../../../src/core/history/records.ts'
import {
  OWN_NAME_MAX,
  OWN_ROUTINES_MAX,
  planOwnRoutinesImport,
  type OwnRoutine,
} from '../../../src/core/ownRoutines.ts'
import type { StretchId } from '../../../src/core/stretches.ts'

const NOW = Date.parse('2026-12-06T12:00:00Z')
const T = '2026-12-01T09:00:00.000Z'
const EMPTY: History = { results: [], sessions: [], checkIns: [] }

function own(id: string, name: string, stretches: StretchId[] = ['bridge']): OwnRoutine {
  return { id: `own:${id}`, name, stretches, createdAt: T, updatedAt: T }
}

const DESK = own('desk', 'Desk break', ['hip-flexor', 'bridge', 'cat-cow'])
const NIGHT = own('night', 'Night wind-down', ['childs-pose'])

describe('backup with own routines', () => {
  it('carries the routines as stored and reads them back; none means no field at all', () => {
    const b = makeBackup(EMPTY, [], NOW, [], [DESK, NIGHT])
    expect(b.version).toBe(BACKUP_VERSION)
    const text = JSON.stringify(b)
    expect(JSON.parse(text).ownRoutines).toEqual([DESK, NIGHT])
    const parsed = parseBackup(text, 'UTC', NOW)
    expect(parsed).toMatchObject({ ok: true, routines: { routines: [DESK, NIGHT], problems: [] } })
    expect('ownRoutines' in makeBackup(EMPTY, [], NOW)).toBe(false)
    expect(parseBackup(JSON.stringify(makeBackup(EMPTY, [], NOW)), 'UTC', NOW)).toMatchObject({
      ok: true,
      routines: { routines: [], problems: [] },
    })
  })

  it('the version is unchanged, so an app that reads only the record lists still takes the file', () => {
    // What the importer before this change checked: format, version ≤ its own, the four lists.
    const data = JSON.parse(JSON.stringify(makeBackup(EMPTY, [], NOW, [], [DESK])))
    expect(data.version).toBe(2)
    expect(Object.keys(data).sort()).toEqual(
      [
        'checkIns',
        'exportedAt',
        'format',
        'ownRoutines',
        'results',
        'sessions',
        'unlocks',
        'version',
      ].sort(),
    )
  })

  it('skips a damaged routine or a repeated id, naming it, and keeps the rest and the records', () => {
    const file = {
      ...makeBackup(EMPTY, [], NOW),
      ownRoutines: [
        DESK,
        { ...NIGHT, stretches: ['bridge', 'bridge'] },
        { ...NIGHT, name: 'x'.repeat(OWN_NAME_MAX + 1) },
        'not a routine',
        { ...DESK, name: 'Desk copy' },
        NIGHT,
      ],
    }
    const parsed = parseBackup(JSON.stringify(file), 'UTC', NOW)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.routines.routines).toEqual([DESK, NIGHT])
    expect(parsed.routines.problems).toHaveLength(4)
    expect(parsed.routines.problems.slice(0, 3)).toEqual([
      'Own routine number 2 in the backup is damaged (a stretch twice) and is skipped.',
      'Own routine number 3 in the backup is damaged (no valid name) and is skipped.',
      'Own routine number 4 in the backup is damaged (not an object) and is skipped.',
    ])
    expect(parsed.routines.problems[3]).toBe(
      'Own routine number 5 in the backup repeats the id of number 1 and is skipped.',
    )
  })

  it('a list of routines that is not a list is said and imports no routine; the records still import', () => {
    const parsed = parseBackup(
      JSON.stringify({ ...makeBackup(EMPTY, [], NOW), ownRoutines: { a: DESK } }),
      'UTC',
      NOW,
    )
    expect(parsed).toMatchObject({
      ok: true,
      routines: {
        routines: [],
        problems: ["The backup's list of own routines is damaged, so none is imported from it."],
      },
    })
  })
})

describe('planOwnRoutinesImport', () => {
  it('skips an id already here, never overwriting it', () => {
    const here = [{ ...DESK, name: 'Renamed here' }]
    const plan = planOwnRoutinesImport([DESK, NIGHT], here)
    expect(plan.alreadyHere).toBe(1)
    expect(plan.toAdd).toEqual([NIGHT])
    expect(plan.renamed).toEqual([])
  })

  it('adds " (imported)", then " (2)", " (3)" to a name taken here, case-insensitively', () => {
    const here = [own('a', 'desk BREAK'), own('b', 'Desk break (imported)')]
    const plan = planOwnRoutinesImport(
      [DESK, own('c', 'Desk break'), own('d', 'Desk Break'), own('e', 'morning mobility')],
      here,
    )
    expect(plan.toAdd.map((r) => r.name)).toEqual([
      'Desk break (2)',
      'Desk break (3)',
      'Desk Break (4)',
      'morning mobility (imported)',
    ])
    expect(plan.renamed[0]).toEqual({ from: 'Desk break', to: 'Desk break (2)' })
    // the rest of each routine is as in the file
    expect(plan.toAdd[0]).toEqual({ ...DESK, name: 'Desk break (2)' })
  })

  it('keeps a renamed long name within 40 characters', () => {
    const long = 'A very long routine name of forty chars'.padEnd(OWN_NAME_MAX, 'x')
    expect(long).toHaveLength(OWN_NAME_MAX)
    const plan = planOwnRoutinesImport([own('new', long)], [own('old', long)])
    const name = plan.toAdd[0]!.name
    expect(name).toHaveLength(OWN_NAME_MAX)
    expect(name.endsWith(' (imported)')).toBe(true)
    expect(name.startsWith(long.slice(0, OWN_NAME_MAX - ' (imported)'.length).trimEnd())).toBe(true)
  })

  it('adds what fits within the 20 a device keeps and counts the rest', () => {
    const here = Array.from({ length: OWN_ROUTINES_MAX - 2 }, (_, i) => own(`h${i}`, `Here ${i}`))
    const incoming = Array.from({ length: 5 }, (_, i) => own(`n${i}`, `New ${i}`))
    const plan = planOwnRoutinesImport(incoming, here)
    expect(plan.toAdd.map((r) => r.name)).toEqual(['New 0', 'New 1'])
    expect(plan.overLimit).toBe(3)
  })
})

describe('the import plan says what happens to the routines', () => {
  it('counts the routines to add, the renamed, those already here, those that do not fit and the damaged', () => {
    const here = [
      ...Array.from({ length: OWN_ROUTINES_MAX - 2 }, (_, i) => own(`h${i}`, `Here ${i}`)),
      { ...DESK },
    ]
    const parsed = parseBackup(
      JSON.stringify({
        ...makeBackup(EMPTY, [], NOW, [], [DESK, own('x', 'here 3'), NIGHT]),
        ownRoutines: [DESK, own('x', 'here 3'), NIGHT, { id: 'own:bad' }],
      }),
      'UTC',
      NOW,
    )
    if (!parsed.ok) throw new Error(parsed.message)
    const none = {
      results: new Set<string>(),
      sessions: new Set<string>(),
      checkIns: new Set<string>(),
      unlocks: new Set<string>(),
    }
    const plan = planImport(none, parsed.records, { backup: parsed.routines, existing: here })
    expect(plan.ownRoutines.plan.toAdd.map((r) => r.name)).toEqual(['here 3 (imported)'])
    const said = describeRoutinesImport(plan.ownRoutines)
    expect(said[0]).toBe(
      'It will add 1 own routine ("here 3" as "here 3 (imported)", since you already have a routine of that name).',
    )
    expect(said).toContain('1 own routine already here stays as it is.')
    expect(said).toContain(
      '1 own routine does not fit: this device keeps 20 at most; delete some and import the file again to add it.',
    )
    expect(said.at(-1)).toMatch(/^Own routine number 4 in the backup is damaged/)
  })

  it('says nothing about routines when the file has none', () => {
    const plan = planImport(
      { results: new Set(), sessions: new Set(), checkIns: new Set(), unlocks: new Set() },
      { results: [], sessions: [], checkIns: [], unlocks: [] },
    )
    expect(describeRoutinesImport(plan.ownRoutines)).toEqual([])
  })

  it('names three damaged routines, then counts the rest', () => {
    const said = describeRoutinesImport({
      plan: { toAdd: [], renamed: [], alreadyHere: 0, overLimit: 0 },
      problems: ['a', 'b', 'c', 'd', 'e'],
    })
    expect(said).toEqual([
      'It adds no own routine.',
      'a',
      'b',
      'c',
      '2 more own routines are damaged and skipped.',
    ])
  })
})

// Sessions of routines the user built: history names them by the name kept with the session
// (it outlives a rename or deletion), "Own routine" when none was kept, and they earn no
// routine achievement.
import { describe, expect, it } from 'vitest'
import { ACHIEVEMENTS, buildAchievementContext } from '../../../src/core/history/achievements.ts'
import { historyToCsv, routineName } from '../../../src/core/history/csv.ts'
import { sessionRecordSchema, type History } from '../../../src/core/history/records.ts'
import { buildReport } from '../../../src/core/history/report.ts'
import { sessionsToCsv } from '../../../src/core/history/sessionsCsv.ts'
import { computeStreaks } from '../../../src/core/history/streak.ts'
import { STRETCH_IDS } from '../../../src/core/stretches.ts'
import { hist, rec, session } from './historyFixtures.ts'

const NOW = Date.parse('2026-11-20T12:00:00Z')

/** Two sessions of own routines: one with its name kept, one without (e.g. written by another app version). */
function ownHistory(): History {
  const named = {
    ...session('s1', 'own:abc', '2026-11-10T07:00:00Z', 3, 1),
    routineName: 'Desk break',
  }
  const unnamed = session('s2', 'own:gone', '2026-11-11T07:00:00Z', 2, 2)
  return hist(
    [
      rec('bridge', '2026-11-10T07:05:00Z', 'UTC', {}, 's1', 'own:abc'),
      rec('cat-cow', '2026-11-11T07:05:00Z', 'UTC', {}, 's2', 'own:gone'),
    ],
    [],
    [named, unnamed],
  )
}

/** The "routine" cells (4th column, after date, time and zone) of a CSV's data rows. */
function routineCells(csv: string): string[] {
  return csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',')[3]!)
}

describe('own routine names in history', () => {
  it('a session keeps the name; a built-in id is named by the app whatever is stored', () => {
    expect(routineName('own:abc', 'Desk break')).toBe('Desk break')
    expect(routineName('own:abc')).toBe('Own routine')
    expect(routineName('morning-mobility', 'Renamed')).toBe('Morning mobility')
    // an id from elsewhere keeps its id, as before
    expect(routineName('from-a-newer-app')).toBe('from-a-newer-app')
  })

  it('the stretches CSV names each stretch row by its session stored name', () => {
    // bridge and cat-cow are two-sided: one row each
    expect(routineCells(historyToCsv(ownHistory()))).toEqual(['Desk break', 'Own routine'])
  })

  it('the sessions CSV names the sessions the same way', () => {
    const cells = sessionsToCsv(ownHistory())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[4])
    expect(cells).toEqual(['Desk break', 'Own routine'])
  })

  it('the report names them the same way', () => {
    const report = buildReport(ownHistory(), '2026-11-09', '2026-11-15', 'UTC', NOW)
    expect(report.sessions.map((s) => s.routine)).toEqual(['Desk break', 'Own routine'])
  })

  it('an own routine done whole earns no routine achievement (all ten stretches in one session)', () => {
    const results = STRETCH_IDS.map((s, i) =>
      rec(s, `2026-11-10T07:${String(10 + i)}:00Z`, 'UTC', { score: 99 }, 's-own', 'own:all'),
    )
    const h = hist(
      results,
      [],
      [{ ...session('s-own', 'own:all', '2026-11-10T07:00:00Z', 2, 1), routineName: 'All ten' }],
    )
    const ctx = buildAchievementContext(h, computeStreaks(h, NOW, 'UTC'))
    const got = new Set(ACHIEVEMENTS.filter((a) => a.earned(ctx)).map((a) => a.id))
    expect(got.has('first-stretch')).toBe(true)
    expect(got.has('first-routine')).toBe(false)
    expect(got.has('flawless-routine')).toBe(false)
  })

  it('the record schema takes a session with or without a name, and refuses a blank or long one', () => {
    const base = session('s1', 'own:abc', '2026-11-10T07:00:00Z', 3, 1)
    expect(sessionRecordSchema.safeParse(base).success).toBe(true)
    expect(sessionRecordSchema.safeParse({ ...base, routineName: 'Desk break' }).success).toBe(true)
    expect(sessionRecordSchema.safeParse({ ...base, routineName: '' }).success).toBe(false)
    expect(sessionRecordSchema.safeParse({ ...base, routineName: ' Desk' }).success).toBe(false)
    expect(sessionRecordSchema.safeParse({ ...base, routineName: 'x'.repeat(41) }).success).toBe(
      false,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { ACHIEVEMENTS, buildAchievementContext } from '../../../src/core/history/achievements.ts'
import { addCivilDays } from '../../../src/core/history/civilDate.ts'
import type { History, StretchRecord } from '../../../src/core/history/records.ts'
import { computeStreaks } from '../../../src/core/history/streak.ts'
import { ROUTINES, STRETCH_IDS, type StretchId } from '../../../src/core/stretches.ts'
import { countedDay, desktopRec, hist, rec, session } from './historyFixtures.ts'

const NOW = '2027-06-30T12:00:00Z'
const MORNING = ROUTINES.find((r) => r.id === 'morning-mobility')!.stretches as StretchId[]
const EVENING = ROUTINES.find((r) => r.id === 'evening-activation')!.stretches as StretchId[]

function earned(h: History, now = NOW, zone = 'UTC'): Set<string> {
  const ctx = buildAchievementContext(h, computeStreaks(h, Date.parse(now), zone))
  return new Set(ACHIEVEMENTS.filter((a) => a.earned(ctx)).map((a) => a.id))
}

/** Counted dates (five different stretches each) on `n` consecutive dates from `first`, 10:00 UTC. */
function run(first: string, n: number): StretchRecord[] {
  const out: StretchRecord[] = []
  for (let i = 0; i < n; i++) out.push(...countedDay(`${addCivilDays(first, i)}T10:00:00.000Z`))
  return out
}
function onDates(dates: string[]): StretchRecord[] {
  return dates.flatMap((d) => countedDay(`${d}T10:00:00.000Z`))
}
function routine(
  date: string,
  hhmm: string,
  stretches: StretchId[],
  routineId: string,
  side: { score?: number; range?: number; stability?: number } = {},
): StretchRecord[] {
  const sid = `ses-${routineId}-${date}-${hhmm}`
  return stretches.map((s, i) =>
    rec(
      s,
      new Date(Date.parse(`${date}T${hhmm}:00Z`) + i * 60_000).toISOString(),
      'UTC',
      {},
      sid,
      routineId,
      side,
    ),
  )
}
const pain = { pain: true, completed: false } as const

// For each achievement: a history that earns it, and one that nearly does.
const CASES: Record<string, { earns: () => History; nearly: () => History }> = {
  'first-stretch': {
    earns: () => hist([rec('bridge', '2027-06-01T10:00:00Z')]),
    nearly: () => hist([rec('bridge', '2027-06-01T10:00:00Z', 'UTC', pain)]),
  },
  'first-routine': {
    earns: () => hist(routine('2027-06-01', '08:00', MORNING, 'morning-mobility')),
    nearly: () => hist(routine('2027-06-01', '08:00', MORNING.slice(0, 4), 'morning-mobility')),
  },
  'streak-3': {
    earns: () => hist(run('2027-06-01', 3)),
    nearly: () => hist(onDates(['2027-06-01', '2027-06-02', '2027-06-04'])),
  },
  'streak-7': { earns: () => hist(run('2027-06-01', 7)), nearly: () => hist(run('2027-06-01', 6)) },
  'streak-14': {
    earns: () => hist(run('2027-06-01', 14)),
    nearly: () => hist(run('2027-06-01', 13)),
  },
  'streak-30': {
    earns: () => hist(run('2027-05-01', 30)),
    nearly: () => hist([...run('2027-05-01', 15), ...run('2027-05-17', 15)]),
  },
  'streak-100': {
    earns: () => hist(run('2027-03-01', 100)),
    nearly: () => hist(run('2027-03-01', 99)),
  },
  'twenty-in-four-weeks': {
    // 20 counted dates within 28 (every date but 8 spread ones), vs 19 in every window.
    earns: () =>
      hist(
        onDates(
          Array.from({ length: 28 }, (_, i) => addCivilDays('2027-05-01', i)).filter(
            (_, i) => i % 4 !== 3 || i === 27,
          ),
        ),
      ),
    nearly: () =>
      hist(
        onDates(
          Array.from({ length: 40 }, (_, i) => addCivilDays('2027-05-01', i)).filter(
            (_, i) => i % 3 !== 2,
          ),
        ),
      ),
  },
  'ten-good-days': {
    earns: () =>
      hist(onDates(Array.from({ length: 10 }, (_, i) => addCivilDays('2027-01-01', i * 3)))),
    nearly: () =>
      hist(onDates(Array.from({ length: 9 }, (_, i) => addCivilDays('2027-01-01', i * 3)))),
  },
  'fifty-good-days': {
    earns: () =>
      hist(onDates(Array.from({ length: 50 }, (_, i) => addCivilDays('2027-01-01', i * 2)))),
    nearly: () =>
      hist(onDates(Array.from({ length: 49 }, (_, i) => addCivilDays('2027-01-01', i * 2)))),
  },
  comeback: {
    earns: () => hist(onDates(['2027-06-01', '2027-06-09'])),
    nearly: () => hist(onDates(['2027-06-01', '2027-06-08'])),
  },
  'all-ten': {
    earns: () =>
      hist(
        STRETCH_IDS.map((s, i) => rec(s, `2027-06-${String(1 + i).padStart(2, '0')}T10:00:00Z`)),
      ),
    nearly: () =>
      hist([
        ...STRETCH_IDS.slice(1).map((s) => rec(s, '2027-06-01T10:00:00Z')),
        rec(STRETCH_IDS[0], '2027-06-02T10:00:00Z', 'UTC', pain),
      ]),
  },
  'double-day': {
    earns: () =>
      hist([
        ...routine('2027-06-01', '07:00', MORNING, 'morning-mobility'),
        ...routine('2027-06-01', '19:00', EVENING, 'evening-activation'),
      ]),
    nearly: () =>
      hist([
        ...routine('2027-06-01', '07:00', MORNING, 'morning-mobility'),
        ...routine('2027-06-02', '19:00', EVENING, 'evening-activation'),
      ]),
  },
  'steady-hold': {
    earns: () =>
      hist([rec('bridge', '2027-06-01T10:00:00Z', 'UTC', {}, 's', 'x', { stability: 0.95 })]),
    nearly: () =>
      hist([
        rec('bridge', '2027-06-01T10:00:00Z', 'UTC', {}, 's', 'x', { stability: 0.949 }),
        rec('cat-cow', '2027-06-01T11:00:00Z', 'UTC', pain, 's', 'x', { stability: 0.99 }),
      ]),
  },
  'full-range': {
    earns: () => hist([rec('bridge', '2027-06-01T10:00:00Z', 'UTC', {}, 's', 'x', { range: 1 })]),
    nearly: () =>
      hist([rec('bridge', '2027-06-01T10:00:00Z', 'UTC', {}, 's', 'x', { range: 0.98 })]),
  },
  'perfect-score': {
    earns: () => hist([rec('bridge', '2027-06-01T10:00:00Z', 'UTC', { score: 100 })]),
    nearly: () =>
      hist([
        rec('bridge', '2027-06-01T10:00:00Z', 'UTC', { score: 99 }),
        rec('cat-cow', '2027-06-01T11:00:00Z', 'UTC', { ...pain, score: 100 }),
      ]),
  },
  'flawless-routine': {
    earns: () => hist(routine('2027-06-01', '08:00', EVENING, 'evening-activation', { score: 90 })),
    nearly: () =>
      hist([
        ...routine('2027-06-01', '08:00', EVENING.slice(0, 4), 'evening-activation', { score: 95 }),
        ...routine('2027-06-01', '08:10', EVENING.slice(4), 'evening-activation', {
          score: 89,
        }).map((r) => ({ ...r, sessionId: 'ses-evening-activation-2027-06-01-08:00' })),
      ]),
  },
  'morning-habit': {
    earns: () =>
      hist(
        ['01', '02', '03', '04', '05'].flatMap((d) =>
          routine(`2027-06-${d}`, '07:00', MORNING, 'morning-mobility'),
        ),
      ),
    nearly: () =>
      hist(
        ['01', '02', '03', '04', '05'].flatMap((d, i) =>
          routine(`2027-06-${d}`, i === 4 ? '12:00' : '07:00', MORNING, 'morning-mobility'),
        ),
      ),
  },
  'evening-habit': {
    earns: () =>
      hist(
        ['01', '02', '03', '04', '05'].flatMap((d) =>
          routine(`2027-06-${d}`, '18:00', EVENING, 'evening-activation'),
        ),
      ),
    nearly: () =>
      hist(
        ['01', '02', '03', '04', '04'].flatMap((d) =>
          routine(`2027-06-${d}`, '18:00', EVENING, 'evening-activation'),
        ),
      ),
  },
  'feeling-better': {
    earns: () =>
      hist(
        [],
        [],
        [1, 2, 3, 4, 5].map((i) => session(`ses${i}`, 'all-ten', `2027-06-0${i}T10:00:00Z`, 5, 3)),
      ),
    nearly: () =>
      hist(
        [],
        [],
        [1, 2, 3, 4, 5].map((i) =>
          session(`ses${i}`, 'all-ten', `2027-06-0${i}T10:00:00Z`, 5, i === 5 ? 5 : 3),
        ),
      ),
  },
}

describe('achievements', () => {
  it('there are at least fifteen, with unique ids and a way to earn each', () => {
    expect(ACHIEVEMENTS.length).toBeGreaterThanOrEqual(15)
    expect(new Set(ACHIEVEMENTS.map((a) => a.id)).size).toBe(ACHIEVEMENTS.length)
    for (const a of ACHIEVEMENTS) expect(a.howToEarn.length).toBeGreaterThan(10)
  })

  it('every achievement has a test case', () => {
    expect(Object.keys(CASES).sort()).toEqual(ACHIEVEMENTS.map((a) => a.id).sort())
  })

  for (const a of ACHIEVEMENTS) {
    it(`${a.id}: earned by a history that does it, not by one that nearly does`, () => {
      const c = CASES[a.id]!
      expect(earned(c.earns()).has(a.id)).toBe(true)
      expect(earned(c.nearly()).has(a.id)).toBe(false)
    })
  }

  it('an empty history earns nothing; pain stops never earn anything', () => {
    expect(earned(hist()).size).toBe(0)
    const allPain = STRETCH_IDS.map((s) =>
      rec(s, '2027-06-01T10:00:00Z', 'UTC', { ...pain, score: 100 }, 's', 'all-ten', {
        range: 1,
        stability: 1,
      }),
    )
    expect(earned(hist(allPain)).size).toBe(0)
  })

  it('a morning routine done at 08:00 in Tokyo counts as morning although it is 23:00 UTC', () => {
    const tokyo = ['01', '02', '03', '04', '05'].flatMap((d) =>
      MORNING.map((s, i) =>
        rec(
          s,
          new Date(Date.parse(`2027-06-${d}T23:00:00Z`) + i * 60_000).toISOString(),
          'Asia/Tokyo',
          {},
          `t-${d}`,
          'morning-mobility',
        ),
      ),
    )
    expect(earned(hist(tokyo)).has('morning-habit')).toBe(true)
  })
})

describe('stretches followed on the desktop', () => {
  /** The routine followed on the desktop, each stretch marked done, a minute apart. */
  function followed(date: string, hhmm: string, stretches: StretchId[], routineId: string) {
    const sid = `desk-${routineId}-${date}-${hhmm}`
    return stretches.map((s, i) =>
      desktopRec(
        s,
        new Date(Date.parse(`${date}T${hhmm}:00Z`) + i * 60_000).toISOString(),
        'completed',
        'UTC',
        sid,
        routineId,
      ),
    )
  }
  const MASTERY = ACHIEVEMENTS.filter((a) => a.category === 'mastery').map((a) => a.id)

  it('done on the desktop earns first steps, consistency and habits, never mastery', () => {
    const results: StretchRecord[] = []
    for (let i = 0; i < 14; i++) {
      const date = addCivilDays('2027-06-01', i)
      results.push(...followed(date, '08:00', MORNING, 'morning-mobility'))
      results.push(...followed(date, '18:00', EVENING, 'evening-activation'))
    }
    const got = earned(hist(results))
    for (const id of [
      'first-stretch',
      'first-routine',
      'streak-3',
      'streak-7',
      'streak-14',
      'ten-good-days',
      'morning-habit',
      'evening-habit',
    ])
      expect(got.has(id), id).toBe(true)
    // All ten on every one of those dates: double days on the calendar, but nothing measured.
    const report = computeStreaks(hist(results), Date.parse(NOW), 'UTC')
    expect(report.doubles.size).toBe(14)
    expect(MASTERY.filter((id) => got.has(id))).toEqual([])
  })

  it('one stretch done on the desktop keeps a routine from mastery but not from first steps', () => {
    // Every measured stretch scores 100 with full range and steadiness; the last one is followed.
    const measured = routine('2027-06-01', '08:00', MORNING.slice(0, 4), 'x-routine', {
      score: 100,
      range: 1,
      stability: 1,
    }).map((r) => ({ ...r, sessionId: 'mixed', routineId: 'morning-mobility' }))
    const last = followed('2027-06-01', '09:00', MORNING.slice(4), 'morning-mobility').map((r) => ({
      ...r,
      sessionId: 'mixed',
    }))
    const got = earned(hist([...measured, ...last]))
    expect(got.has('first-routine')).toBe(true)
    expect(got.has('flawless-routine')).toBe(false)
    // The measured ones still earn what a single stretch earns.
    expect(got.has('perfect-score')).toBe(true)
    // The same routine all measured is flawless: the test above can fail.
    const allMeasured = routine('2027-06-01', '08:00', MORNING, 'morning-mobility', {
      score: 100,
    })
    expect(earned(hist(allMeasured)).has('flawless-routine')).toBe(true)
  })

  it('all ten needs every stretch measured: nine in the headset and one on the desktop is not enough', () => {
    const nine = STRETCH_IDS.slice(0, 9).map((s, i) =>
      rec(s, `2027-06-01T10:0${i}:00Z`, 'UTC', {}, 'a', 'all-ten'),
    )
    const tenth = desktopRec(
      STRETCH_IDS[9]!,
      '2027-06-01T10:30:00Z',
      'completed',
      'UTC',
      'a',
      'all-ten',
    )
    const got = earned(hist([...nine, tenth]))
    expect(got.has('all-ten')).toBe(false)
    expect(got.has('double-day')).toBe(false)
    expect(got.has('first-routine')).toBe(true)
    const ten = earned(hist([...nine, rec(STRETCH_IDS[9]!, '2027-06-01T10:30:00Z')]))
    expect(ten.has('all-ten')).toBe(true)
    expect(ten.has('double-day')).toBe(true)
  })

  it('skipped on the desktop earns nothing', () => {
    const skipped = MORNING.map((s, i) =>
      desktopRec(s, `2027-06-01T08:0${i}:00Z`, 'skipped', 'UTC', 'k', 'morning-mobility'),
    )
    expect(earned(hist(skipped)).size).toBe(0)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stampAt, startOfCivilDate } from '../../../src/core/history/civilDate.ts'
import { SCHEMA_VERSION } from '../../../src/core/history/records.ts'
import type { History, StretchRecord } from '../../../src/core/history/records.ts'
import { computeStreaks, dayState } from '../../../src/core/history/streak.ts'
import { STRETCH_IDS } from '../../../src/core/stretches.ts'
import {
  checkIn,
  countedDay,
  desktopRec,
  FIVE,
  headsetRecord,
  hist,
  rec,
} from './historyFixtures.ts'
import { oracleDate, oracleStartOfDate, oracleStreak, type OracleEvent } from './streakOracle.ts'

// UTC−12 … UTC+14, DST both hemispheres (incl. a 30-minute DST), the date line both ways.
const ZONES = [
  'Etc/GMT+12',
  'Pacific/Pago_Pago',
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'America/New_York',
  'America/Santiago',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Pacific/Kiritimati',
] as const

// Windows around DST changes: Europe/US spring forward, southern autumn; and the reverse.
const BASES = [
  Date.parse('2026-03-20T00:00:00Z'),
  Date.parse('2026-10-20T00:00:00Z'),
  Date.parse('2026-12-25T00:00:00Z'),
]

const sessionArb = fc.record({
  dayOffsetH: fc.integer({ min: 0, max: 24 * 21 }),
  minute: fc.integer({ min: 0, max: 59 }),
  zone: fc.constantFrom(...ZONES),
  first: fc.integer({ min: 0, max: 9 }),
  count: fc.integer({ min: 1, max: 10 }),
  painStop: fc.boolean(),
  // Followed on the desktop and marked done (or stopped for pain): counts the same.
  desktop: fc.boolean(),
  checkIn: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
})

const scenarioArb = fc.record({
  base: fc.constantFrom(...BASES),
  // Mostly daily-ish sessions so that streaks form, plus noise.
  sessions: fc.array(sessionArb, { minLength: 0, maxLength: 45 }),
  nowOffsetH: fc.integer({ min: -48, max: 24 * 24 }),
  nowZone: fc.constantFrom(...ZONES),
  reverse: fc.boolean(),
})

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never

function build(s: Scenario): { history: History; events: OracleEvent[]; nowMs: number } {
  const history: History = { results: [], sessions: [], checkIns: [] }
  const events: OracleEvent[] = []
  let n = 0
  for (const ses of s.sessions) {
    const t0 = s.base + ses.dayOffsetH * 3600_000 + ses.minute * 60_000
    for (let i = 0; i < ses.count; i++) {
      const stretch = STRETCH_IDS[(ses.first + i) % 10]!
      const pain = ses.painStop && i === ses.count - 1
      const utcMs = t0 + i * 60_000
      n += 1
      const r: StretchRecord = ses.desktop
        ? desktopRec(
            stretch,
            new Date(utcMs).toISOString(),
            pain ? 'stopped-for-pain' : 'completed',
            ses.zone,
            's',
          )
        : headsetRecord({
            id: `p-${n}`,
            sessionId: 's',
            routineId: 'custom',
            result: {
              stretch,
              engineVersion: 't',
              completed: !pain,
              sides: {
                both: { holdSeconds: 30, reps: null, range: 1, stability: 1, score: 100 },
              },
              score: 100,
              trackedFraction: 1,
              skippedFrames: 0,
              pain,
            },
            at: stampAt(utcMs, ses.zone),
          })
      history.results.push(r)
      events.push({ utcMs, zone: ses.zone, kind: 'result', stretch, completed: !pain, pain })
    }
    if (ses.checkIn !== null) {
      n += 1
      history.checkIns.push({
        schemaVersion: SCHEMA_VERSION,
        id: `c-${n}`,
        sessionId: null,
        pain: ses.checkIn,
        moment: 'anytime',
        at: stampAt(t0, ses.zone),
      })
      events.push({ utcMs: t0, zone: ses.zone, kind: 'checkIn', painLevel: ses.checkIn })
    }
  }
  if (s.reverse) {
    history.results.reverse()
    history.checkIns.reverse()
  }
  return { history, events, nowMs: s.base + s.nowOffsetH * 3600_000 }
}

describe('streaks against the plain oracle (fast-check)', () => {
  it('agree on every history, zone, DST change, date-line trip and clock', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { history, events, nowMs } = build(s)
        const got = computeStreaks(history, nowMs, s.nowZone)
        const want = oracleStreak(events, nowMs, s.nowZone)
        expect(got.today).toBe(want.today)
        expect([...got.counted].sort()).toEqual(want.counted)
        expect([...got.frozen].sort()).toEqual(want.frozen)
        expect({
          current: got.current,
          best: got.best,
          alive: got.alive,
          atRisk: got.atRisk,
        }).toEqual({
          current: want.current,
          best: want.best,
          alive: want.alive,
          atRisk: want.atRisk,
        })
        // Nothing counted twice, nothing lost: every counted date is in exactly one run.
        const inRuns = got.runs.flatMap((r) => r.dates).filter((d) => got.counted.has(d))
        expect(inRuns.length).toBe(new Set(inRuns).size)
        expect(new Set(inRuns)).toEqual(got.counted)
        expect(got.runs.reduce((a, r) => a + r.length, 0)).toBe(got.counted.size)
      }),
      { numRuns: 300 },
    )
  })

  it('do not depend on the order results were saved in', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (s, seed) => {
        const { history, nowMs } = build(s)
        const shuffled: History = {
          ...history,
          results: [...history.results].sort(
            (a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 17 + seed) % 5),
          ),
        }
        const a = computeStreaks(history, nowMs, s.nowZone)
        const b = computeStreaks(shuffled, nowMs, s.nowZone)
        expect([b.current, b.best, b.atRisk, [...b.counted].sort()]).toEqual([
          a.current,
          a.best,
          a.atRisk,
          [...a.counted].sort(),
        ])
      }),
      { numRuns: 100 },
    )
  })

  it('the stamped local date is what the oracle computes, in every zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2030-01-01') }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          expect(stampAt(ms, zone).localDate).toBe(oracleDate(ms, zone))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('the start of a civil date matches the oracle, DST gaps included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-01-01') }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          const date = oracleDate(ms, zone)
          expect(startOfCivilDate(date, zone)).toBe(oracleStartOfDate(date, zone))
        },
      ),
      { numRuns: 300 },
    )
  })
})

function days(dates: string[], zone: string, hhmm = '12:00'): StretchRecord[] {
  // Local noon (or hh:mm) in zone on each date: build from the local wall time via the oracle's start.
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number]
  return dates.flatMap((d) =>
    countedDay(new Date(oracleStartOfDate(d, zone) + (hh * 60 + mm) * 60_000).toISOString(), zone),
  )
}

describe('streaks: the cases that broke other apps', () => {
  it('a completion at 23:30 local counts for that local date, not the UTC one', () => {
    // 23:30 in New York on 10 Nov is 04:30 UTC on 11 Nov.
    const h = hist(
      days(['2026-11-09'], 'America/New_York').concat(
        countedDay('2026-11-11T04:30:00Z', 'America/New_York'),
      ),
    )
    expect(h.results.at(-1)!.at.localDate).toBe('2026-11-10')
    const r = computeStreaks(h, Date.parse('2026-11-11T15:00:00Z'), 'America/New_York')
    expect([...r.counted].sort()).toEqual(['2026-11-09', '2026-11-10'])
    expect(r.current).toBe(2)
    expect(r.atRisk).toBe(true)
  })

  it('a 23-hour day (spring forward) and a 25-hour day (fall back) are one date each', () => {
    const z = 'Europe/Berlin'
    // 29 Mar 2026 has 23 h; 25 Oct 2026 has 25 h.
    const spring = days(['2026-03-28', '2026-03-29', '2026-03-30'], z, '00:30')
    const springLate = days(['2026-03-29'], z, '23:30')
    const r1 = computeStreaks(
      hist([...spring, ...springLate]),
      Date.parse('2026-03-30T20:00:00Z'),
      z,
    )
    expect(r1.current).toBe(3)
    expect(r1.counted.size).toBe(3)
    const fall = days(['2026-10-24', '2026-10-25', '2026-10-26'], z, '00:30')
    const fallLate = days(['2026-10-25'], z, '23:30')
    expect(fallLate[0]!.at.localDate).toBe('2026-10-25')
    const r2 = computeStreaks(hist([...fall, ...fallLate]), Date.parse('2026-10-26T20:00:00Z'), z)
    expect(r2.current).toBe(3)
    expect(dayState(r2, '2026-10-25')).toBe('counted')
  })

  it('midnight UTC belongs to the new date in UTC', () => {
    const before = countedDay('2026-06-01T23:54:59.000Z', 'UTC')
    expect(before.at(-1)!.at.localDate).toBe('2026-06-01')
    const at = countedDay('2026-06-02T00:00:00.000Z', 'UTC')
    expect(at[0]!.at.localDate).toBe('2026-06-02')
    const r = computeStreaks(hist([...before, ...at]), Date.parse('2026-06-02T12:00:00Z'), 'UTC')
    expect(r.current).toBe(2)
    expect(r.todayCounted).toBe(true)
    expect(r.atRisk).toBe(false)
  })

  it('flying west over the date line skips the lost date; flying east repeats none', () => {
    // Honolulu Mon 9 Nov evening, then Tokyo Wed 11 Nov: Tue 10 Nov never happened for the user.
    const hnl = days(['2026-11-09'], 'Pacific/Honolulu', '18:00')
    const tyo = days(['2026-11-11'], 'Asia/Tokyo', '20:00')
    const r = computeStreaks(
      hist([...hnl, ...tyo]),
      Date.parse('2026-11-11T13:00:00Z'),
      'Asia/Tokyo',
    )
    expect(r.current).toBe(2)
    expect(dayState(r, '2026-11-10')).toBe('skipped')
    // Auckland Tue 10 Nov morning, then Honolulu Mon 9 Nov (same real day, earlier date).
    const akl = days(['2026-11-10'], 'Pacific/Auckland', '08:00')
    const hnl2 = days(['2026-11-09'], 'Pacific/Honolulu', '20:00')
    const r2 = computeStreaks(
      hist([...akl, ...hnl2]),
      Date.parse('2026-11-10T07:00:00Z'),
      'Pacific/Honolulu',
    )
    expect(r2.counted.size).toBe(2)
    expect(r2.current).toBe(2)
  })

  it('a clock set back stamps an earlier date; nothing is lost or doubled', () => {
    const later = countedDay('2026-05-10T10:00:00Z', 'UTC')
    const earlier = countedDay('2026-05-09T10:00:00Z', 'UTC')
    const again = countedDay('2026-05-10T09:00:00Z', 'UTC')
    const r = computeStreaks(
      hist([...later, ...earlier, ...again]),
      Date.parse('2026-05-09T11:00:00Z'),
      'UTC',
    )
    expect([...r.counted].sort()).toEqual(['2026-05-09', '2026-05-10'])
    expect(r.current).toBe(2)
  })

  it('today never breaks the streak; a whole missed date does', () => {
    const h = hist(days(['2026-02-01', '2026-02-02', '2026-02-03'], 'UTC'))
    const t = computeStreaks(h, Date.parse('2026-02-04T23:59:00Z'), 'UTC')
    expect([t.current, t.alive, t.atRisk]).toEqual([3, true, true])
    const broken = computeStreaks(h, Date.parse('2026-02-05T00:00:00Z'), 'UTC')
    expect([broken.current, broken.best, broken.atRisk]).toEqual([0, 3, false])
  })

  it('four stretches do not count; a pain stop is never a completion', () => {
    const four = countedDay('2026-02-01T10:00:00Z', 'UTC').slice(0, 4)
    const painFifth = rec('bridge', '2026-02-01T11:00:00Z', 'UTC', { pain: true, completed: false })
    const r = computeStreaks(hist([...four, painFifth]), Date.parse('2026-02-01T12:00:00Z'), 'UTC')
    expect(r.counted.size).toBe(0)
    const dup = [...four, rec('childs-pose', '2026-02-01T11:00:00Z')]
    expect(computeStreaks(hist(dup), Date.parse('2026-02-01T12:00:00Z'), 'UTC').counted.size).toBe(
      0,
    )
  })

  it('pain-aware freeze: at most one in any 7 dates, earliest first, never adds length', () => {
    const counted = days(['2026-04-01', '2026-04-03', '2026-04-05', '2026-04-06'], 'UTC')
    const painDates = [
      rec('bridge', '2026-04-02T10:00:00Z', 'UTC', { pain: true, completed: false }),
      checkIn(8, '2026-04-04T10:00:00Z'),
    ]
    const h = hist(
      [...counted, painDates[0] as StretchRecord],
      [painDates[1] as ReturnType<typeof checkIn>],
    )
    const r = computeStreaks(h, Date.parse('2026-04-06T12:00:00Z'), 'UTC')
    expect([...r.frozen]).toEqual(['2026-04-02'])
    expect(dayState(r, '2026-04-04')).toBe('partial')
    expect(r.current).toBe(2) // 04-05 and 04-06; the 04-04 check-in could not freeze (within 7 dates of 04-02)
    expect(r.best).toBe(2)
    // A check-in of 6 does not freeze.
    const mild = computeStreaks(
      hist(days(['2026-04-01', '2026-04-03'], 'UTC'), [checkIn(6, '2026-04-02T10:00:00Z')]),
      Date.parse('2026-04-03T12:00:00Z'),
      'UTC',
    )
    expect(mild.frozen.size).toBe(0)
    expect(mild.current).toBe(1)
  })

  it('a double day is all ten on one date', () => {
    const ten = countedDay('2026-04-01T08:00:00Z', 'UTC', [...STRETCH_IDS])
    const r = computeStreaks(hist(ten), Date.parse('2026-04-01T12:00:00Z'), 'UTC')
    expect(dayState(r, '2026-04-01')).toBe('double')
    const nine = computeStreaks(hist(ten.slice(1)), Date.parse('2026-04-01T12:00:00Z'), 'UTC')
    expect(dayState(nine, '2026-04-01')).toBe('counted')
  })
})

describe('stretches followed on the desktop', () => {
  const desktopDay = (date: string, outcome: 'completed' | 'skipped', n = 5) =>
    FIVE.slice(0, n).map((s, i) => desktopRec(s, `${date}T10:0${i}:00Z`, outcome))

  it('five marked done on a date count it, like measured ones', () => {
    const r = computeStreaks(
      hist([...desktopDay('2026-05-01', 'completed'), ...countedDay('2026-05-02T10:00:00Z')]),
      Date.parse('2026-05-02T12:00:00Z'),
      'UTC',
    )
    expect([...r.counted].sort()).toEqual(['2026-05-01', '2026-05-02'])
    expect(r.current).toBe(2)
    // Four done on the desktop and one measured make five different stretches too.
    const mixed = [
      ...desktopDay('2026-05-03', 'completed', 4),
      rec(FIVE[4]!, '2026-05-03T11:00:00Z'),
    ]
    const m = computeStreaks(hist(mixed), Date.parse('2026-05-03T12:00:00Z'), 'UTC')
    expect(m.todayCounted).toBe(true)
    // the calendar tells which of a date's stretches were followed on the desktop
    expect(m.days.get('2026-05-03')!.desktop.size).toBe(4)
    expect(r.days.get('2026-05-02')!.desktop.size).toBe(0)
  })

  it('five marked skipped do not count', () => {
    const r = computeStreaks(
      hist(desktopDay('2026-05-01', 'skipped')),
      Date.parse('2026-05-01T12:00:00Z'),
      'UTC',
    )
    expect(r.counted.size).toBe(0)
    expect(r.todayStretches).toBe(0)
    expect(dayState(r, '2026-05-01')).toBe('partial')
  })

  it('a desktop stretch stopped for pain freezes its date, and is no completion', () => {
    const h = hist([
      ...countedDay('2026-05-01T10:00:00Z'),
      ...desktopDay('2026-05-02', 'completed', 4),
      desktopRec('bridge', '2026-05-02T11:00:00Z', 'stopped-for-pain'),
      ...countedDay('2026-05-03T10:00:00Z'),
    ])
    const r = computeStreaks(h, Date.parse('2026-05-03T12:00:00Z'), 'UTC')
    expect([...r.frozen]).toEqual(['2026-05-02'])
    expect(r.counted.has('2026-05-02')).toBe(false)
    expect(r.current).toBe(2)
    expect(r.alive).toBe(true)
  })
})

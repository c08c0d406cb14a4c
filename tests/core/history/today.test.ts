import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stampAt } from '../../../src/core/history/civilDate.ts'
import { SCHEMA_VERSION } from '../../../src/core/history/records.ts'
import type { History, StretchRecord } from '../../../src/core/history/records.ts'
import { computeStreaks, dayState, type StreakReport } from '../../../src/core/history/streak.ts'
import { effectiveToday, latestStampedDate } from '../../../src/core/history/today.ts'
import { STRETCH_IDS } from '../../../src/core/stretches.ts'
import { checkIn, countedDay, headsetRecord, hist, rec } from './historyFixtures.ts'
import { oracleDate, oracleStartOfDate } from './streakOracle.ts'

const H = 3600_000
/** The property tests take about a second; a busy machine may take several. */
const PROPERTY_TIMEOUT_MS = 60_000

/** Local wall time hh:mm on `date` in `zone`, as an ISO instant. */
function localIso(date: string, hhmm: string, zone: string): string {
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number]
  return new Date(oracleStartOfDate(date, zone) + (hh * 60 + mm) * 60_000).toISOString()
}

describe('effectiveToday', () => {
  it("is the device's date, or the latest stamped date when that is later", () => {
    const now = Date.parse('2026-03-10T05:30:00Z') // 9 Mar 19:30 in Honolulu, 10 Mar 18:30 in Auckland
    expect(effectiveToday(hist(), now, 'Pacific/Honolulu')).toBe('2026-03-09')
    expect(latestStampedDate(hist())).toBeNull()
    const akl = hist(countedDay('2026-03-09T20:00:00Z', 'Pacific/Auckland'))
    expect(latestStampedDate(akl)).toBe('2026-03-10')
    expect(effectiveToday(akl, now, 'Pacific/Honolulu')).toBe('2026-03-10')
    // Later on the device's clock: the device's date again.
    expect(effectiveToday(akl, Date.parse('2026-03-11T12:00:00Z'), 'Pacific/Honolulu')).toBe(
      '2026-03-11',
    )
    // A pain check-in is a stamp too; sessions' own stamps are not read (their check-ins are).
    const late = hist([], [checkIn(3, '2026-03-10T23:00:00Z', 'Pacific/Kiritimati')])
    expect(effectiveToday(late, now, 'Pacific/Honolulu')).toBe('2026-03-11')
  })
})

describe('today after a flight west over the date line: the reported case', () => {
  // Auckland (UTC+13 in March 2026) → Honolulu (UTC−10): leave on the morning
  // of Tue 10 Mar after five stretches, land on the evening of Mon 9 Mar.
  const Z_AKL = 'Pacific/Auckland'
  const Z_HNL = 'Pacific/Honolulu'
  const history = hist([
    ...countedDay(localIso('2026-03-08', '08:00', Z_AKL), Z_AKL),
    ...countedDay(localIso('2026-03-09', '08:00', Z_AKL), Z_AKL),
    ...countedDay(localIso('2026-03-10', '07:00', Z_AKL), Z_AKL),
  ])
  const landed = Date.parse(localIso('2026-03-09', '19:30', Z_HNL))

  it('today is 10 Mar: the streak is alive, today counted, not at risk', () => {
    expect(history.results.at(-1)!.at.localDate).toBe('2026-03-10')
    expect(oracleDate(landed, Z_HNL)).toBe('2026-03-09')
    expect(landed).toBeGreaterThan(Date.parse(history.results.at(-1)!.at.utc))
    const r = computeStreaks(history, landed, Z_HNL)
    expect(r.today).toBe('2026-03-10')
    expect(r.alive).toBe(true)
    expect(r.current).toBe(3)
    expect(r.todayCounted).toBe(true)
    expect(r.todayStretches).toBe(5)
    expect(r.atRisk).toBe(false)
    expect(dayState(r, '2026-03-10')).toBe('counted')
  })

  it('stays so through Honolulu’s 10 Mar; 11 Mar is at risk, 12 Mar breaks it', () => {
    const r10 = computeStreaks(history, Date.parse(localIso('2026-03-10', '23:59', Z_HNL)), Z_HNL)
    expect([r10.today, r10.current, r10.todayCounted, r10.atRisk]).toEqual([
      '2026-03-10',
      3,
      true,
      false,
    ])
    const r11 = computeStreaks(history, Date.parse(localIso('2026-03-11', '09:00', Z_HNL)), Z_HNL)
    expect([r11.today, r11.current, r11.todayCounted, r11.atRisk]).toEqual([
      '2026-03-11',
      3,
      false,
      true,
    ])
    const r12 = computeStreaks(history, Date.parse(localIso('2026-03-12', '00:00', Z_HNL)), Z_HNL)
    expect([r12.alive, r12.current, r12.best]).toEqual([false, 0, 3])
  })

  it('a date not yet counted stays open after the flight: today is still at risk, not passed', () => {
    // Three stretches on 10 Mar in Auckland, then the flight: 10 Mar is today, at risk, not missed.
    const open = hist([
      ...countedDay(localIso('2026-03-08', '08:00', Z_AKL), Z_AKL),
      ...countedDay(localIso('2026-03-09', '08:00', Z_AKL), Z_AKL),
      ...countedDay(localIso('2026-03-10', '07:00', Z_AKL), Z_AKL).slice(0, 3),
    ])
    const r = computeStreaks(open, landed, Z_HNL)
    expect([r.today, r.alive, r.current, r.todayCounted, r.todayStretches, r.atRisk]).toEqual([
      '2026-03-10',
      true,
      2,
      false,
      3,
      true,
    ])
  })

  it('a pain day that is today is never frozen, even when the device shows an earlier date', () => {
    const pain = hist(
      [
        ...countedDay(localIso('2026-03-09', '08:00', Z_AKL), Z_AKL),
        rec('bridge', localIso('2026-03-10', '07:00', Z_AKL), Z_AKL, {
          pain: true,
          completed: false,
        }),
      ],
      [checkIn(8, localIso('2026-03-10', '07:05', Z_AKL), Z_AKL)],
    )
    const r = computeStreaks(pain, landed, Z_HNL)
    expect(r.today).toBe('2026-03-10')
    expect(r.frozen.size).toBe(0)
    expect([r.alive, r.current, r.atRisk]).toEqual([true, 1, true])
  })

  it('a trip back: a date skipped by travel keeps the streak alive after flying west again', () => {
    // Honolulu 8 Mar counted; Auckland 10 Mar (9 Mar skipped by travel) three stretches; back to
    // Honolulu on its 9 Mar. Today is 10 Mar, started in Auckland: still alive, not broken.
    const trip = hist([
      ...countedDay(localIso('2026-03-08', '17:00', Z_HNL), Z_HNL),
      ...countedDay(localIso('2026-03-10', '09:00', Z_AKL), Z_AKL).slice(0, 3),
    ])
    const inAkl = computeStreaks(trip, Date.parse(localIso('2026-03-10', '12:00', Z_AKL)), Z_AKL)
    expect([inAkl.today, inAkl.alive, inAkl.current]).toEqual(['2026-03-10', true, 1])
    const back = Date.parse(localIso('2026-03-10', '12:00', Z_AKL)) + 10 * H
    expect(oracleDate(back, Z_HNL)).toBe('2026-03-09')
    const r = computeStreaks(trip, back, Z_HNL)
    expect([r.today, r.alive, r.current, r.atRisk]).toEqual(['2026-03-10', true, 1, true])
  })
})

describe('today after a clock set back', () => {
  it('the latest stamped date stays today; nothing counted is lost or broken', () => {
    const h = hist([
      ...countedDay('2026-05-09T10:00:00Z', 'UTC'),
      ...countedDay('2026-05-10T10:00:00Z', 'UTC'),
    ])
    const back = computeStreaks(h, Date.parse('2026-05-08T09:00:00Z'), 'UTC')
    expect([back.today, back.alive, back.current, back.todayCounted, back.atRisk]).toEqual([
      '2026-05-10',
      true,
      2,
      true,
      false,
    ])
    // The calendar shows nothing stamped as "ahead".
    expect(dayState(back, '2026-05-09')).toBe('counted')
    expect('2026-05-09' > back.today).toBe(false)
  })
})

// ---- Property tests (fast-check) ----------------------------------------------------------

// Far east (UTC+9 … UTC+14): where the last stamps are made before the flight.
const EAST = [
  'Pacific/Kiritimati',
  'Pacific/Apia',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Asia/Tokyo',
] as const
// Where the device lands: at least 16 h behind every EAST zone, all year.
const WEST = ['Pacific/Pago_Pago', 'Pacific/Honolulu', 'America/Los_Angeles', 'Etc/GMT+12'] as const
const ANY = [...EAST, ...WEST, 'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'] as const

const BASES = [
  Date.parse('2026-03-01T00:00:00Z'), // US DST starts 8 Mar, NZ ends 5 Apr
  Date.parse('2026-09-20T00:00:00Z'), // NZ DST starts 27 Sep
  Date.parse('2026-12-20T00:00:00Z'), // the year's end
]

/** A stretching session: mostly one a day, so that streaks form; some short, some stopped for pain. */
const sessionArb = (zones: readonly string[], maxDay = 12) =>
  fc.record({
    day: fc.integer({ min: 0, max: maxDay }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    zone: fc.constantFrom(...zones),
    first: fc.integer({ min: 0, max: 9 }),
    count: fc.oneof(fc.constant(5), fc.integer({ min: 1, max: 10 })),
    painStop: fc.boolean(),
    checkIn: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  })

type Ses = ReturnType<typeof sessionArb> extends fc.Arbitrary<infer T> ? T : never

function buildHistory(
  base: number,
  sessions: Ses[],
  into: History = { results: [], sessions: [], checkIns: [] },
): { history: History; lastMs: number; lastZone: string } {
  const history = into
  let n = history.results.length + history.checkIns.length
  let lastMs = -Infinity
  let lastZone = 'UTC'
  for (const s of sessions) {
    const t0 = base + s.day * 24 * H + s.hour * H + s.minute * 60_000
    const stamp = (ms: number) => {
      if (ms > lastMs) {
        lastMs = ms
        lastZone = s.zone
      }
      return stampAt(ms, s.zone)
    }
    for (let i = 0; i < s.count; i++) {
      const pain = s.painStop && i === s.count - 1
      n += 1
      const score = 90
      const r: StretchRecord = headsetRecord({
        id: `t-${n}`,
        sessionId: `s-${t0}`,
        routineId: 'custom',
        result: {
          stretch: STRETCH_IDS[(s.first + i) % 10]!,
          engineVersion: 't',
          completed: !pain,
          sides: { both: { holdSeconds: 30, reps: null, range: 0.9, stability: 0.9, score } },
          score,
          trackedFraction: 1,
          skippedFrames: 0,
          pain,
        },
        at: stamp(t0 + i * 60_000),
      })
      history.results.push(r)
    }
    if (s.checkIn !== null) {
      n += 1
      history.checkIns.push({
        schemaVersion: SCHEMA_VERSION,
        id: `c-${n}`,
        sessionId: null,
        pain: s.checkIn,
        moment: 'anytime',
        at: stamp(t0),
      })
    }
  }
  return { history, lastMs, lastZone }
}

/** Counted dates and each date's distinct completed stretches, worked out here, not by the code under test. */
function tally(history: History): { counted: Set<string>; perDate: Map<string, Set<string>> } {
  const perDate = new Map<string, Set<string>>()
  for (const r of history.results) {
    if (r.outcome !== 'completed') continue
    const set = perDate.get(r.at.localDate) ?? new Set<string>()
    set.add(r.stretch)
    perDate.set(r.at.localDate, set)
  }
  const counted = new Set([...perDate].filter(([, s]) => s.size >= 5).map(([d]) => d))
  return { counted, perDate }
}

function stampedDates(history: History): string[] {
  return [...new Set([...history.results, ...history.checkIns].map((r) => r.at.localDate))].sort()
}

/** What must hold of any report, given the device's own date at that instant. */
function checkToday(r: StreakReport, history: History, deviceDate: string): void {
  const dates = stampedDates(history)
  const latest = dates.at(-1)!
  const { counted, perDate } = tally(history)
  // Today is the later of the device's date and the latest stamped date...
  expect(r.today).toBe(latest > deviceDate ? latest : deviceDate)
  expect(r.today >= latest).toBe(true)
  // ...so no date already passed (stamped before the latest) is today again.
  for (const d of dates) if (d < latest) expect(r.today).not.toBe(d)
  // Today's count reads that date; nothing counted is lost, and every counted date is in a run.
  expect(r.todayStretches).toBe(perDate.get(r.today)?.size ?? 0)
  expect(r.todayCounted).toBe(counted.has(r.today))
  expect(r.counted).toEqual(counted)
  expect(new Set(r.runs.flatMap((run) => run.dates).filter((d) => counted.has(d)))).toEqual(counted)
  expect(r.runs.reduce((a, run) => a + run.length, 0)).toBe(counted.size)
  // Today and later dates have not passed: never frozen, and "at risk" is about today.
  for (const d of r.frozen) expect(d < r.today).toBe(true)
  expect(r.atRisk).toBe(r.alive && r.current > 0 && !counted.has(r.today))
}

describe('today never goes back (fast-check)', () => {
  it(
    'a flight west over the date line: today is the latest stamped date and the streak survives',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...BASES),
          // Anywhere first (trips east over the date line skip dates), then the last days in the east.
          fc.array(sessionArb(ANY), { minLength: 0, maxLength: 16 }),
          fc.integer({ min: 0, max: 40 * 60 }), // minutes from those to the days in the east
          fc.array(sessionArb(EAST, 2), { minLength: 1, maxLength: 6 }),
          fc.constantFrom(...WEST),
          fc.integer({ min: 0, max: 120 }), // minutes from the last stamp to take-off
          fc.integer({ min: 0, max: 12 * 60 }), // flight, minutes (0: the zone changes at once)
          (base, earlier, gapMin, east, west, departMin, flightMin) => {
            const first = buildHistory(base, earlier)
            const eastBase = Math.max(base, first.lastMs) + gapMin * 60_000
            const { history, lastMs, lastZone } = buildHistory(eastBase, east, first.history)
            const departMs = lastMs + departMin * 60_000
            const landMs = departMs + flightMin * 60_000
            const before = computeStreaks(history, departMs, lastZone)
            const after = computeStreaks(history, landMs, west)
            checkToday(before, history, oracleDate(departMs, lastZone))
            checkToday(after, history, oracleDate(landMs, west))
            // Landing in the west, the device's date is at most the latest stamped one: that is today.
            expect(after.today).toBe(latestStampedDate(history))
            expect(after.today <= before.today).toBe(true)
            // A streak alive before the flight is alive, just as long, right after it (a lone
            // frozen date is "alive" at length 0 before midnight passes in the east: no streak).
            if (before.alive && before.current > 0) {
              expect(after.alive).toBe(true)
              expect(after.current).toBe(before.current)
            }
            expect(after.best).toBe(before.best)
          },
        ),
        { numRuns: 400 },
      )
    },
    PROPERTY_TIMEOUT_MS,
  )

  it(
    'a clock set back (same place): the report is the one at the last stamp',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...BASES),
          fc.array(sessionArb(ANY), { minLength: 1, maxLength: 20 }),
          fc.integer({ min: 1, max: 96 * 60 }), // minutes set back from the last stamp
          (base, sessions, backMin) => {
            const { history, lastMs, lastZone } = buildHistory(base, sessions)
            const nowMs = lastMs - backMin * 60_000
            const atStamp = computeStreaks(history, lastMs, lastZone)
            const back = computeStreaks(history, nowMs, lastZone)
            checkToday(back, history, oracleDate(nowMs, lastZone))
            expect(back.today).toBe(latestStampedDate(history))
            const view = (r: StreakReport) => ({
              today: r.today,
              current: r.current,
              best: r.best,
              alive: r.alive,
              atRisk: r.atRisk,
              todayCounted: r.todayCounted,
              todayStretches: r.todayStretches,
              frozen: [...r.frozen].sort(),
              skipped: [...r.skipped].sort(),
            })
            expect(view(back)).toEqual(view(atStamp))
          },
        ),
        { numRuns: 300 },
      )
    },
    PROPERTY_TIMEOUT_MS,
  )

  it(
    'any device zone and clock: today is never before the latest stamp, never a passed date',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...BASES),
          fc.array(sessionArb(ANY), { minLength: 1, maxLength: 20 }),
          fc.constantFrom(...ANY),
          fc.integer({ min: -72, max: 72 }), // hours from the last stamp
          (base, sessions, zone, offsetH) => {
            const { history, lastMs } = buildHistory(base, sessions)
            const nowMs = lastMs + offsetH * H
            checkToday(computeStreaks(history, nowMs, zone), history, oracleDate(nowMs, zone))
          },
        ),
        { numRuns: 300 },
      )
    },
    PROPERTY_TIMEOUT_MS,
  )
})

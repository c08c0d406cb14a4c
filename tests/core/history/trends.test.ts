// The charts and their table show a window of weeks, never every week between
// the first and the last date: stepping back and forth covers every week with
// data exactly as the whole-range computation would, over gaps in one step.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addCivilDays, civilDaysBetween } from '../../../src/core/history/civilDate.ts'
import type { History } from '../../../src/core/history/records.ts'
import { computeStreaks } from '../../../src/core/history/streak.ts'
import {
  TREND_WINDOW_WEEKS,
  trendWindow,
  weeklySums,
  weeklyTrends,
  weekStartOf,
  type WeekTrend,
} from '../../../src/core/history/trends.ts'
import { checkIn, countedDay, desktopRec, hist, rec } from './historyFixtures.ts'

/** The whole-range means, computed the simple way (what the charts showed before the window). */
function everyWeek(history: History): Map<string, WeekTrend> {
  const out = new Map<string, WeekTrend>()
  const all = new Map<string, { s: number[]; r: number[]; p: number[] }>()
  const get = (d: string) => {
    const w = weekStartOf(d)
    if (!all.has(w)) all.set(w, { s: [], r: [], p: [] })
    return all.get(w)!
  }
  for (const r of history.results) {
    if (r.result === null || r.result.pain || !r.result.completed) continue
    const sides = Object.values(r.result.sides).filter((s) => s !== undefined)
    if (sides.length === 0) continue
    get(r.at.localDate).s.push(r.result.score)
    get(r.at.localDate).r.push(sides.reduce((x, s) => x + s.range, 0) / sides.length)
  }
  for (const c of history.checkIns) get(c.at.localDate).p.push(c.pain)
  const mean = (xs: number[], k: number) =>
    xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * k) / k : null
  for (const [w, a] of all)
    out.set(w, {
      weekStart: w,
      score: mean(a.s, 10),
      rangePct: a.r.length
        ? Math.round((a.r.reduce((x, y) => x + y, 0) / a.r.length) * 1000) / 10
        : null,
      pain: mean(a.p, 10),
      stretches: a.s.length,
    })
  return out
}

describe('trend windows', () => {
  it('bounds a history spanning 2020-01-01 to now to one window of weeks', () => {
    const h = hist(
      [rec('bridge', '2020-01-01T10:00:00Z'), rec('cat-cow', '2026-11-23T10:00:00Z')],
      [
        checkIn(5, '2020-01-02T10:00:00Z'),
        checkIn(3, '2023-06-15T10:00:00Z'),
        checkIn(2, '2026-11-20T10:00:00Z'),
      ],
    )
    const weeks = weeklyTrends(h)
    expect(weeks.length).toBeLessThanOrEqual(TREND_WINDOW_WEEKS)
    expect(weeks.map((w) => w.weekStart)).toEqual(['2026-11-16', '2026-11-23'])
    const first = trendWindow(weeklySums(h))
    expect(first.newer).toBeNull()
    expect(first.older).toBe('2023-06-12')
    const middle = trendWindow(weeklySums(h), first.older)
    expect(middle.weeks.map((w) => [w.weekStart, w.pain])).toEqual([['2023-06-12', 3]])
    expect(middle.older).toBe('2019-12-30')
    expect(middle.newer).toBe('2026-11-16')
    const oldest = trendWindow(weeklySums(h), middle.older)
    expect(oldest.weeks.map((w) => [w.weekStart, w.score, w.pain, w.stretches])).toEqual([
      ['2019-12-30', 80, 5, 1],
    ])
    expect(oldest.older).toBeNull()
  })

  it('costs nothing for dates thousands of years apart (no week between them is built)', () => {
    const h = hist([], [checkIn(1, '0100-01-01T10:00:00Z'), checkIn(9, '9999-12-31T10:00:00Z')])
    const t = performance.now()
    const sums = weeklySums(h)
    const latest = trendWindow(sums)
    const oldest = trendWindow(sums, latest.older)
    expect(performance.now() - t).toBeLessThan(200)
    expect(latest.weeks.map((w) => [w.weekStart, w.pain])).toEqual([['9999-12-27', 9]])
    expect(oldest.weeks.map((w) => [w.weekStart, w.pain])).toEqual([['0099-12-28', 1]])
    // Streaks over the same span never walk the days between either.
    const r = computeStreaks(
      hist([...countedDay('0100-01-01T10:00:00Z'), ...countedDay('9999-12-30T10:00:00Z')]),
      Date.parse('2026-11-23T12:00:00Z'),
      'UTC',
    )
    expect(performance.now() - t).toBeLessThan(1000)
    expect(r.runs.map((x) => x.length)).toEqual([1, 1])
  })

  it('stepping back from the latest window shows every week with data once, as the whole range would', () => {
    const day = fc.integer({ min: 0, max: 3 * 365 })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(day, fc.integer({ min: 0, max: 10 }), fc.boolean()), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 30 }),
        (events, size) => {
          const h = hist(
            events
              .filter(([, , isRec]) => isRec)
              .map(([d, v]) =>
                rec('bridge', `${addCivilDays('2024-01-01', d)}T10:00:00Z`, 'UTC', {
                  score: v * 10,
                }),
              ),
            events
              .filter(([, , isRec]) => !isRec)
              .map(([d, v]) => checkIn(v, `${addCivilDays('2024-01-01', d)}T10:00:00Z`)),
          )
          const expected = everyWeek(h)
          const sums = weeklySums(h)
          const shown: WeekTrend[] = []
          let end: string | null = null
          let windows = 0
          for (;;) {
            const win = trendWindow(sums, end, size)
            windows += 1
            expect(win.weeks.length).toBeLessThanOrEqual(size)
            expect(win.weeks.length).toBeGreaterThan(0)
            // consecutive weeks
            win.weeks.forEach(
              (w, i) =>
                i > 0 && expect(civilDaysBetween(win.weeks[i - 1]!.weekStart, w.weekStart)).toBe(7),
            )
            shown.unshift(...win.weeks.filter((w) => expected.has(w.weekStart)))
            if (!win.older) break
            expect(win.older < win.weeks[0]!.weekStart).toBe(true)
            end = win.older
          }
          expect(shown).toEqual(
            [...expected.values()].sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1)),
          )
          expect(windows).toBeLessThanOrEqual(expected.size)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('stretches followed on the desktop', () => {
  it('never enter the score, range or stretch count of any week', () => {
    const measured = [
      rec('bridge', '2026-11-16T10:00:00Z', 'UTC', { score: 60 }, 's', 'custom', { range: 0.5 }),
      rec('cat-cow', '2026-11-17T10:00:00Z', 'UTC', { score: 80 }, 's', 'custom', { range: 0.7 }),
    ]
    const desktop = [
      desktopRec('hip-flexor', '2026-11-16T11:00:00Z'),
      desktopRec('childs-pose', '2026-11-18T11:00:00Z'),
      // a week with desktop stretches only
      desktopRec('childs-pose', '2026-11-24T11:00:00Z'),
      desktopRec('bridge', '2026-11-25T11:00:00Z', 'stopped-for-pain'),
    ]
    const weeks = weeklyTrends(hist([...measured, ...desktop]))
    expect(weeks.map((w) => [w.weekStart, w.score, w.rangePct, w.stretches])).toEqual([
      ['2026-11-16', 70, 60, 2],
    ])
    expect(weeklyTrends(hist(desktop))).toEqual([])
  })
})

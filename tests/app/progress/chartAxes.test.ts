// The weekly charts' x axis: one week, one day and gaps of weeks are drawn
// with the point inside the plot and at most one label per week, never
// overlapping; labels follow the locale (issue 14: "1 Jan, 1 Jan, 1 Jan" and
// a point left of the axis with one week of data).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  valueAxis,
  WEEK_SECONDS,
  weekAxis,
  weekLabeller,
  weekLongLabeller,
  weekX,
} from '../../../src/app/progress/chartAxes.ts'
import { addCivilDays } from '../../../src/core/history/civilDate.ts'
import { trendWindow, weeklySums } from '../../../src/core/history/trends.ts'
import { checkIn, hist, rec } from '../../core/history/historyFixtures.ts'

const en = weekLabeller('en-GB')

/** Consecutive Mondays from `first`. */
function mondays(first: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addCivilDays(first, 7 * i))
}

/** Pixels between neighbouring ticks for a plot `width` px wide. */
function tickGapsPx(axis: ReturnType<typeof weekAxis>, width: number): number[] {
  const px = (x: number) => ((x - axis.min) / (axis.max - axis.min)) * width
  return axis.ticks.slice(1).map((t, i) => px(t) - px(axis.ticks[i]!))
}

describe('weekAxis', () => {
  it('one week: the point in the middle of the plot, one label', () => {
    const a = weekAxis(['2026-11-16'], 300, 40)
    const x = weekX('2026-11-16')
    expect(a.min).toBeLessThan(x)
    expect(a.max).toBeGreaterThan(x)
    expect(x - a.min).toBe(a.max - x)
    expect(a.max - a.min).toBe(WEEK_SECONDS)
    expect(a.ticks).toEqual([x])
    expect(a.tickWeeks.map(en)).toEqual(['16 Nov'])
  })

  it('one day of data (a single check-in and stretch on a Wednesday): its week, one label, inside', () => {
    const h = hist([rec('bridge', '2026-11-18T07:30:00Z')], [checkIn(4, '2026-11-18T07:00:00Z')])
    const weeks = trendWindow(weeklySums(h)).weeks
    expect(weeks.map((w) => [w.weekStart, w.pain])).toEqual([['2026-11-16', 4]])
    const a = weekAxis(
      weeks.map((w) => w.weekStart),
      300,
      40,
    )
    expect(a.ticks).toHaveLength(1)
    expect(a.min).toBeLessThan(weekX('2026-11-16'))
    expect(a.max).toBeGreaterThan(weekX('2026-11-16'))
    expect(a.tickWeeks.map(en)).toEqual(['16 Nov'])
  })

  it('gaps of weeks: the empty weeks are in the range (as gaps), labels stay one per week and distinct', () => {
    const h = hist(
      [rec('bridge', '2026-10-05T07:30:00Z'), rec('bridge', '2026-11-18T07:30:00Z')],
      [checkIn(5, '2026-10-06T07:00:00Z'), checkIn(2, '2026-11-19T07:00:00Z')],
    )
    const weeks = trendWindow(weeklySums(h)).weeks
    expect(weeks).toHaveLength(7)
    expect(weeks.filter((w) => w.pain === null)).toHaveLength(5)
    const a = weekAxis(
      weeks.map((w) => w.weekStart),
      300,
      40,
    )
    expect(a.min).toBeLessThan(weekX('2026-10-05'))
    expect(a.max).toBeGreaterThan(weekX('2026-11-16'))
    const labels = a.tickWeeks.map(en)
    expect(new Set(labels).size).toBe(labels.length)
    // the latest week with data is labelled; 7 weeks in 300 px leave 43 px a week: every other week
    expect(labels).toEqual(['5 Oct', '19 Oct', '2 Nov', '16 Nov'])
    expect(a.step).toBe(2)
    // at 420 px (60 px a week) every week has its label
    const wide = weekAxis(
      weeks.map((w) => w.weekStart),
      420,
      40,
    )
    expect(wide.tickWeeks.map(en)).toEqual([
      '5 Oct',
      '12 Oct',
      '19 Oct',
      '26 Oct',
      '2 Nov',
      '9 Nov',
      '16 Nov',
    ])
  })

  it('a year of weeks at 240 px: every k-th week, labels never overlapping, newest labelled', () => {
    const weeks = mondays('2025-11-24', 53)
    const a = weekAxis(weeks, 240 - 80, 40)
    expect(a.step).toBeGreaterThan(1)
    expect(a.ticks.length).toBeGreaterThan(1)
    expect(a.ticks.length).toBeLessThanOrEqual(4)
    for (const gap of tickGapsPx(a, 160)) expect(gap).toBeGreaterThanOrEqual(40 + 12)
    expect(a.tickWeeks.at(-1)).toBe(weeks.at(-1))
    const labels = a.tickWeeks.map(en)
    expect(new Set(labels).size).toBe(labels.length)
  })

  it('for any weeks, width and label: ticks are distinct weeks of the chart, spaced for their labels, inside the range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 120, max: 420 }),
        fc.integer({ min: 10, max: 100 }),
        (n, width, label) => {
          const weeks = mondays('2026-01-05', n)
          const a = weekAxis(weeks, width, label)
          expect(new Set(a.tickWeeks).size).toBe(a.tickWeeks.length)
          for (const w of a.tickWeeks) expect(weeks).toContain(w)
          expect(a.ticks).toEqual(a.tickWeeks.map(weekX))
          expect([...a.ticks].sort((p, q) => p - q)).toEqual(a.ticks)
          for (const gap of tickGapsPx(a, width))
            expect(gap).toBeGreaterThanOrEqual(label + 12 - 1e-9)
          for (const w of weeks) {
            expect(weekX(w)).toBeGreaterThan(a.min)
            expect(weekX(w)).toBeLessThan(a.max)
          }
          expect(a.tickWeeks.at(-1)).toBe(weeks.at(-1))
        },
      ),
    )
  })

  it('refuses an empty chart and a plot without width', () => {
    expect(() => weekAxis([], 300, 40)).toThrow('no weeks')
    expect(() => weekAxis(['2026-11-16'], 0, 40)).toThrow('plot width')
  })
})

describe('labels in the locale', () => {
  it('day and short month in the order of the locale, the Monday never moved by a time zone', () => {
    expect(weekLabeller('en-GB')('2026-11-16')).toBe('16 Nov')
    expect(weekLabeller('en-US')('2026-11-16')).toBe('Nov 16')
    expect(weekLabeller('de-DE')('2026-11-16')).toBe('16. Nov.')
    expect(weekLabeller('en-GB')('2026-01-05')).toBe('5 Jan')
    expect(weekLongLabeller('en-GB')('2026-11-16')).toBe('Mon, 16 Nov 2026')
  })
})

describe('valueAxis', () => {
  it('keeps 0 and the top inside the plot, ticks at 0, half and the top', () => {
    const pain = valueAxis(10)
    expect(pain.min).toBeLessThan(0)
    expect(pain.max).toBeGreaterThan(10)
    expect(pain.ticks).toEqual([0, 5, 10])
    expect(valueAxis(100).ticks).toEqual([0, 50, 100])
    expect(() => valueAxis(0)).toThrow('positive')
  })
})

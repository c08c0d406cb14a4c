/**
 * Weekly trends for the charts: mean score, range and pain per ISO week
 * (Monday to Sunday of the stamped local dates). Only stretches measured in
 * the headset enter score and range (one followed on the desktop has neither),
 * pain stops never; pain comes from check-ins. The charts show a window of
 * weeks at a time, never every week between the first and the last date.
 */
import { addCivilDays, civilDaysBetween, isoWeekdayIndex } from './civilDate.ts'
import type { History } from './records.ts'

/** One week's means; null where the week has no data for that series. */
export interface WeekTrend {
  /** the Monday of the week, YYYY-MM-DD */
  weekStart: string
  /** mean stretch score 0–100 */
  score: number | null
  /** mean range 0–100 % */
  rangePct: number | null
  /** mean pain check-in 0–10 */
  pain: number | null
  /** completed stretches measured in the headset that week */
  stretches: number
}

/** The Monday of a civil date's ISO week. */
export function weekStartOf(date: string): string {
  return addCivilDays(date, -isoWeekdayIndex(date))
}

/** Weeks a chart and its table show at once: about six months. */
export const TREND_WINDOW_WEEKS = 26

interface WeekSums {
  score: number
  range: number
  n: number
  pain: number
  np: number
}

/** The per-week sums of a whole history: one pass over its records, one entry per week with data. */
export interface WeeklySums {
  /** the weeks with data (their Mondays), ascending */
  weeks: string[]
  sums: Map<string, WeekSums>
}

/** Sums every record into its ISO week (desktop stretches and pain stops left out of score and range). */
export function weeklySums(history: History): WeeklySums {
  const sums = new Map<string, WeekSums>()
  // Many records share a date: find each date's Monday once.
  const mondays = new Map<string, string>()
  const get = (date: string): WeekSums => {
    let week = mondays.get(date)
    if (week === undefined) {
      week = weekStartOf(date)
      mondays.set(date, week)
    }
    let a = sums.get(week)
    if (!a) {
      a = { score: 0, range: 0, n: 0, pain: 0, np: 0 }
      sums.set(week, a)
    }
    return a
  }
  for (const r of history.results) {
    // Only measured stretches: one followed on the desktop has no score or range to chart.
    if (r.result === null || r.result.pain || !r.result.completed) continue
    const sides = Object.values(r.result.sides).filter((s) => s !== undefined)
    if (sides.length === 0) continue
    const a = get(r.at.localDate)
    a.score += r.result.score
    a.range += sides.reduce((x, s) => x + s.range, 0) / sides.length
    a.n += 1
  }
  for (const c of history.checkIns) {
    const a = get(c.at.localDate)
    a.pain += c.pain
    a.np += 1
  }
  // YYYY-MM-DD strings (four-digit years, validated on read) sort as dates.
  return { weeks: [...sums.keys()].sort(), sums }
}

/** A window of consecutive weeks for the charts and their table, and where the neighbouring windows end. */
export interface TrendWindow {
  /** at most TREND_WINDOW_WEEKS consecutive weeks, oldest first, from the first week with data in the window; empty weeks as nulls */
  weeks: WeekTrend[]
  /** the last week of the window of older data, or null when there is none */
  older: string | null
  /** the last week of the window of newer data, or null when this is the latest */
  newer: string | null
}

/**
 * The Monday `k` weeks after `week` (k may be negative), kept to four-digit
 * years so that it still sorts as a string: past year 9999 (or before year 0)
 * it stops at the last (first) date.
 */
function weeksAfter(week: string, k: number): string {
  const d = addCivilDays(week, 7 * k)
  return /^\d{4}-/.test(d) ? d : k > 0 ? '9999-12-31' : '0000-01-01'
}

/** Index of the last entry ≤ `week` in the ascending list, or −1. */
function lastAtOrBefore(weeks: readonly string[], week: string): number {
  let lo = 0
  let hi = weeks.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (weeks[mid]! <= week) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/**
 * The weeks that end at `endWeek` (the latest week with data when null or
 * later than it), at most `size` of them. Only the window's weeks are built,
 * so dates years apart cost no more than dates a week apart: stepping to an
 * older or newer window jumps over empty stretches in one go.
 */
export function trendWindow(
  data: WeeklySums,
  endWeek: string | null = null,
  size: number = TREND_WINDOW_WEEKS,
): TrendWindow {
  const { weeks, sums } = data
  if (weeks.length === 0) return { weeks: [], older: null, newer: null }
  const endAt = endWeek === null ? weeks.length - 1 : Math.max(0, lastAtOrBefore(weeks, endWeek))
  const end = weeks[endAt]!
  const startAt = lastAtOrBefore(weeks, weeksAfter(end, -size)) + 1
  const start = weeks[startAt]!
  const out: WeekTrend[] = []
  const count = civilDaysBetween(start, end) / 7 + 1
  for (let i = 0; i < count; i++) {
    const w = addCivilDays(start, 7 * i)
    const a = sums.get(w)
    out.push({
      weekStart: w,
      score: a && a.n > 0 ? Math.round((a.score / a.n) * 10) / 10 : null,
      rangePct: a && a.n > 0 ? Math.round((a.range / a.n) * 1000) / 10 : null,
      pain: a && a.np > 0 ? Math.round((a.pain / a.np) * 10) / 10 : null,
      stretches: a ? a.n : 0,
    })
  }
  let newer: string | null = null
  if (endAt < weeks.length - 1) {
    // One window further on; across a gap longer than a window, the next week with data.
    const further = weeks[lastAtOrBefore(weeks, weeksAfter(end, size))]!
    newer = further > end ? further : weeks[endAt + 1]!
  }
  return { weeks: out, older: startAt > 0 ? weeks[startAt - 1]! : null, newer }
}

/** The weekly means of the latest window of weeks with data (see trendWindow). */
export function weeklyTrends(history: History, endWeek: string | null = null): WeekTrend[] {
  return trendWindow(weeklySums(history), endWeek).weeks
}

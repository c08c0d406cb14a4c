/**
 * Weekly trends for the charts: mean score, range and pain per ISO week
 * (Monday to Sunday of the stamped local dates). Pain stops are left out of
 * score and range; pain comes from check-ins.
 */
import { addCivilDays, isoWeekdayIndex } from './civilDate.ts'
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
  /** completed stretches that week */
  stretches: number
}

/** The Monday of a civil date's ISO week. */
export function weekStartOf(date: string): string {
  return addCivilDays(date, -isoWeekdayIndex(date))
}

/** Weekly means from the first to the last week with data, empty weeks included (as nulls). */
export function weeklyTrends(history: History): WeekTrend[] {
  type Acc = { score: number; range: number; n: number; pain: number; np: number }
  const acc = new Map<string, Acc>()
  const get = (week: string): Acc => {
    let a = acc.get(week)
    if (!a) {
      a = { score: 0, range: 0, n: 0, pain: 0, np: 0 }
      acc.set(week, a)
    }
    return a
  }
  for (const r of history.results) {
    if (r.result.pain || !r.result.completed) continue
    const sides = Object.values(r.result.sides).filter((s) => s !== undefined)
    if (sides.length === 0) continue
    const a = get(weekStartOf(r.at.localDate))
    a.score += r.result.score
    a.range += sides.reduce((x, s) => x + s.range, 0) / sides.length
    a.n += 1
  }
  for (const c of history.checkIns) {
    const a = get(weekStartOf(c.at.localDate))
    a.pain += c.pain
    a.np += 1
  }
  if (acc.size === 0) return []
  const weeks = [...acc.keys()].sort()
  const out: WeekTrend[] = []
  for (let w = weeks[0]!; w <= weeks[weeks.length - 1]!; w = addCivilDays(w, 7)) {
    const a = acc.get(w)
    out.push({
      weekStart: w,
      score: a && a.n > 0 ? Math.round((a.score / a.n) * 10) / 10 : null,
      rangePct: a && a.n > 0 ? Math.round((a.range / a.n) * 1000) / 10 : null,
      pain: a && a.np > 0 ? Math.round((a.pain / a.np) * 10) / 10 : null,
      stretches: a ? a.n : 0,
    })
  }
  return out
}

/**
 * "Today" as docs/product.md "Streaks and achievements" defines it: the device's
 * local date, or the latest stamped local date in the history if that is
 * later. A flight west across the date line or a clock set back moves the
 * device's date back, but a date the user has already lived (and stamped) is
 * never in the future again, so a date already passed never becomes today
 * again. The one place that decides it: streaks, "at risk", today's count,
 * freezes, achievements and the calendar all read it.
 */
import { localDateOf } from './civilDate.ts'
import type { History } from './records.ts'

/**
 * The latest local date stamped on a result or a pain check-in (the stamps
 * streaks are made of), or null for a history without any.
 */
export function latestStampedDate(history: History): string | null {
  let latest: string | null = null
  // YYYY-MM-DD strings (four-digit years, validated on read) order as dates.
  for (const r of history.results)
    if (latest === null || r.at.localDate > latest) latest = r.at.localDate
  for (const c of history.checkIns)
    if (latest === null || c.at.localDate > latest) latest = c.at.localDate
  return latest
}

/**
 * Today (YYYY-MM-DD) at instant `nowMs` (UTC ms) with the device in
 * `timeZone`: its local date there, or the latest stamped local date if that
 * is later.
 */
export function effectiveToday(history: History, nowMs: number, timeZone: string): string {
  const device = localDateOf(nowMs, timeZone)
  const latest = latestStampedDate(history)
  return latest !== null && latest > device ? latest : device
}

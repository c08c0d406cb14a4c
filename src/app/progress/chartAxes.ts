/**
 * The x axis of the weekly trend charts, as plain numbers (no DOM, no uPlot),
 * so that a single week, a single day and gaps of weeks are tested directly.
 *
 * Resolution: always one point per ISO week, also for a history of a day or
 * two. A weekly mean is the steadier signal for score, range and pain (one bad
 * morning does not read as a relapse), and switching to daily points for a
 * short history would change what a point means as the history grows: at day
 * 21 the line would lose most of its points and the table its rows. The
 * day-by-day view already exists in the calendar and the session list above
 * and below the charts. What made the first week unreadable was the axis, not
 * the resolution: a range of zero width around the single point, and uPlot's
 * automatic time ticks repeating one date. Here the range always reaches half
 * a week either side of the first and last week, and there is at most one tick
 * per week, every k-th week, k chosen so that labels never overlap.
 */

/** Seconds in one week. */
export const WEEK_SECONDS = 7 * 86_400

/** The x value of a week (its Monday, YYYY-MM-DD): noon UTC of that Monday, in seconds. */
export function weekX(weekStart: string): number {
  return Date.parse(`${weekStart}T12:00:00Z`) / 1000
}

/** The x range and the labelled weeks of one chart. */
export interface WeekAxis {
  /** left edge of the plot, seconds: half a week before the first week */
  min: number
  /** right edge of the plot, seconds: half a week after the last week */
  max: number
  /** the x values of the labelled weeks, ascending, one per labelled week */
  ticks: number[]
  /** the Mondays of the labelled weeks (YYYY-MM-DD), matching `ticks` */
  tickWeeks: string[]
  /** label every k-th week */
  step: number
}

/**
 * The axis for consecutive weeks `weeks` (Mondays, ascending, as trendWindow
 * gives them: weeks without data are included as gaps).
 *
 * @param plotWidthPx the width of the plot area in CSS pixels
 * @param labelWidthPx the width of the widest tick label in CSS pixels
 * @param gapPx the least space between two labels
 */
export function weekAxis(
  weeks: readonly string[],
  plotWidthPx: number,
  labelWidthPx: number,
  gapPx = 12,
): WeekAxis {
  if (weeks.length === 0) throw new Error('weekAxis: no weeks to chart')
  if (!(plotWidthPx > 0))
    throw new Error(`weekAxis: plot width must be positive, not ${plotWidthPx}`)
  const first = weekX(weeks[0]!)
  const last = weekX(weeks[weeks.length - 1]!)
  // Every week gets the same slot, so a single week sits in the middle of a one-week-wide plot.
  const min = first - WEEK_SECONDS / 2
  const max = last + WEEK_SECONDS / 2
  const slotPx = (plotWidthPx * WEEK_SECONDS) / (max - min)
  const step = Math.max(1, Math.ceil((Math.max(0, labelWidthPx) + gapPx) / slotPx))
  const ticks: number[] = []
  const tickWeeks: string[] = []
  // Counted back from the latest week, so the newest week is always labelled.
  for (let i = weeks.length - 1; i >= 0; i -= step) {
    ticks.push(weekX(weeks[i]!))
    tickWeeks.push(weeks[i]!)
  }
  ticks.reverse()
  tickWeeks.reverse()
  return { min, max, ticks, tickWeeks, step }
}

/**
 * A formatter of week labels in the user's locale ("16 Nov", "Nov 16",
 * "16. Nov."): the civil date of the Monday, read in UTC so that no time zone
 * moves it to the Sunday.
 */
export function weekLabeller(locale?: string): (weekStart: string) => string {
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
  return (weekStart) => f.format(new Date(`${weekStart}T12:00:00Z`))
}

/** The full date of a week's Monday in the user's locale, for the tables ("Mon, 16 Nov 2026"). */
export function weekLongLabeller(locale?: string): (weekStart: string) => string {
  const f = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return (weekStart) => f.format(new Date(`${weekStart}T12:00:00Z`))
}

/** The y range and ticks of a chart of values from 0 to `top`. */
export interface ValueAxis {
  min: number
  max: number
  ticks: number[]
}

/**
 * 0 to `top` with a margin of 5 % either side, so that a pain of 0 or a score
 * of 100 is drawn whole inside the plot, not cut in half by its edge; ticks at
 * 0, half and `top` only.
 */
export function valueAxis(top: number): ValueAxis {
  if (!(top > 0)) throw new Error(`valueAxis: the top must be positive, not ${top}`)
  const pad = top * 0.05
  return { min: -pad, max: top + pad, ticks: [0, top / 2, top] }
}

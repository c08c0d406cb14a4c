/**
 * The physiotherapist's report for a period of local dates: adherence, each
 * stretch per side (hold or repetitions against the target, range and
 * steadiness, week by week), every pain stop, pain before and after each
 * session, and a plain-language summary. A pure function of the history, so
 * the page, its print and its downloaded HTML all show the same figures.
 *
 * Dates are the local dates stamped when things happened (never recomputed):
 * a stretch stamped 10 Nov in Tokyo belongs to 10 Nov whatever the device's
 * zone is now. Left and right are never merged: each side has its own row.
 */
import { STRETCHES, STRETCH_IDS, type StretchId } from '../stretches.ts'
import { shownRoutineName } from '../ownRoutines.ts'
import type { Side, SideResult } from '../result.ts'
import { addCivilDays, civilDaysBetween, isCivilDate } from './civilDate.ts'
import type { History, StretchOutcome, StretchRecord, StretchTargets } from './records.ts'
import { computeStreaks } from './streak.ts'
import { weekStartOf } from './trends.ts'

/** The longest period a report covers, in days (a year, leap or not). */
export const REPORT_MAX_DAYS = 366
/** The default period: the last four weeks, today included. */
export const REPORT_DEFAULT_DAYS = 28

/** Stretches per outcome. */
export interface OutcomeCounts {
  total: number
  completed: number
  partial: number
  skipped: number
  stoppedForPain: number
}

/** Adherence over the period. */
export interface ReportAdherence {
  /** dates in the period */
  periodDays: number
  /** dates of the period up to today (all of them for a past period) */
  daysSoFar: number
  /** dates that counted (5 or more different stretches completed) */
  counted: number
  /** of those, double days (all ten) */
  doubles: number
  /** dates frozen (a pain stop or pain ≥ 7 kept the streak) */
  frozen: number
  /** dates with some stretches that did not count */
  partial: number
  /** the streak where the period ends: the live one when the period reaches today */
  currentStreak: number
  /** whether currentStreak is today's (the period reaches today) */
  currentIsToday: boolean
  /** the longest run of counted dates inside the period */
  bestStreak: number
  sessions: { total: number; headset: number; desktop: number }
  /** stretches measured in the headset, by outcome */
  measured: OutcomeCounts
  /** stretches followed on the desktop (nothing measured), by outcome */
  desktop: OutcomeCounts
}

/** One side of one stretch in one week. */
export interface ReportSideWeek {
  /** Monday of the ISO week */
  weekStart: string
  /** measured attempts that week (completed or partial) */
  measured: number
  /** mean hold (s) or repetitions; null without a measured attempt */
  achieved: number | null
  /** mean range, whole % */
  rangePct: number | null
  /** mean steadiness, whole % */
  steadinessPct: number | null
}

/** One side of a stretch over the period. */
export interface ReportSide {
  side: Side
  /** what `achieved` counts */
  unit: 'seconds' | 'reps'
  /** the targets it was done against, e.g. ["30 s"], ["8 reps"], ["not recorded"] */
  targets: string[]
  /** measured attempts on this side (completed or partial in the headset) */
  measured: number
  /** of those, attempts with a recorded target */
  withTarget: number
  /** of those, attempts that reached it */
  reachedTarget: number
  /** mean hold (s, one decimal) or repetitions over the measured attempts */
  achieved: number | null
  /** the most held or repeated in one attempt */
  best: number | null
  rangePct: number | null
  steadinessPct: number | null
  /** sides followed on the desktop and marked done */
  desktopDone: number
  /** one entry per ISO week of the period, oldest first */
  weeks: ReportSideWeek[]
}

/** One stretch over the period. */
export interface ReportStretch {
  stretch: StretchId
  name: string
  /** left then right, or both */
  sides: ReportSide[]
  measured: OutcomeCounts
  desktop: OutcomeCounts
}

/** A stretch stopped for pain. */
export interface ReportPainStop {
  date: string
  /** local wall time where it was stamped, HH:MM */
  time: string
  timeZone: string
  stretch: StretchId
  name: string
  /** the side it was stopped on (the last side begun), null for a two-sided stretch */
  side: 'left' | 'right' | null
  source: 'headset' | 'desktop'
}

/** One session's pain before and after. */
export interface ReportSession {
  id: string
  date: string
  time: string
  timeZone: string
  routine: string
  source: 'headset' | 'desktop'
  painBefore: number | null
  painAfter: number | null
  stoppedForPain: boolean
}

/** Mean pain of the week's sessions. */
export interface ReportPainWeek {
  weekStart: string
  before: number | null
  after: number | null
  sessions: number
}

/** The whole report. */
export interface Report {
  from: string
  to: string
  /** effective today when it was made */
  today: string
  summary: string
  adherence: ReportAdherence
  stretches: ReportStretch[]
  painStops: ReportPainStop[]
  sessions: ReportSession[]
  painWeeks: ReportPainWeek[]
}

/** Why a period cannot be reported on, in plain words; null when it can. */
export function periodProblem(from: string, to: string): string | null {
  if (!isCivilDate(from)) return 'Choose the first date of the period.'
  if (!isCivilDate(to)) return 'Choose the last date of the period.'
  if (to < from)
    return 'The period ends before it starts: choose a last date on or after the first.'
  if (civilDaysBetween(from, to) + 1 > REPORT_MAX_DAYS)
    return `A report covers at most ${REPORT_MAX_DAYS} days: choose a shorter period.`
  return null
}

/** The default period: the 28 days ending today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: addCivilDays(today, -(REPORT_DEFAULT_DAYS - 1)), to: today }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "9 Nov" (or "9 Nov 2026" with the year) for a civil date. */
export function shortDate(date: string, withYear = false): string {
  const [y, m, d] = date.split('-')
  const day = `${Number(d)} ${MONTHS[Number(m) - 1]}`
  return withYear ? `${day} ${Number(y)}` : day
}

/** A target as words: "30 s", "8 reps", or "not recorded". */
export function targetLabel(t: StretchTargets | null): string {
  if (t === null) return 'not recorded'
  return t.holdSeconds !== null ? `${round1(t.holdSeconds)} s` : `${t.reps} reps`
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}

function mean(sum: number, n: number, scale = 1, digits: 0 | 1 = 1): number | null {
  if (n === 0) return null
  const v = (sum / n) * scale
  return digits === 0 ? Math.round(v) : round1(v)
}

function emptyCounts(): OutcomeCounts {
  return { total: 0, completed: 0, partial: 0, skipped: 0, stoppedForPain: 0 }
}

function countOutcome(c: OutcomeCounts, o: StretchOutcome): void {
  c.total += 1
  if (o === 'completed') c.completed += 1
  else if (o === 'partial') c.partial += 1
  else if (o === 'skipped') c.skipped += 1
  else c.stoppedForPain += 1
}

function wallTimeOf(utc: string, timeZone: string): string {
  // en-GB with hourCycle h23 gives "07:30"; the stamp's own zone, as everywhere in the history.
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.parse(utc)))
}

const SIDE_ORDER: readonly Side[] = ['left', 'right', 'both']

interface SideAcc {
  unit: 'seconds' | 'reps'
  targets: Set<string>
  measured: number
  withTarget: number
  reached: number
  achieved: number
  best: number | null
  range: number
  steadiness: number
  desktopDone: number
  weeks: Map<string, { n: number; achieved: number; range: number; steadiness: number }>
}

interface StretchAcc {
  sides: Map<Side, SideAcc>
  measured: OutcomeCounts
  desktop: OutcomeCounts
}

function achievedOf(unit: 'seconds' | 'reps', s: SideResult): number {
  return unit === 'seconds' ? s.holdSeconds : (s.reps ?? 0)
}

function reached(t: StretchTargets, achieved: number, unit: 'seconds' | 'reps'): boolean | null {
  const goal = unit === 'seconds' ? t.holdSeconds : t.reps
  return goal === null ? null : achieved >= goal
}

function sideAcc(acc: StretchAcc, side: Side, stretch: StretchId): SideAcc {
  let s = acc.sides.get(side)
  if (!s) {
    s = {
      unit: STRETCHES[stretch].dose.kind === 'reps' ? 'reps' : 'seconds',
      targets: new Set(),
      measured: 0,
      withTarget: 0,
      reached: 0,
      achieved: 0,
      best: null,
      range: 0,
      steadiness: 0,
      desktopDone: 0,
      weeks: new Map(),
    }
    acc.sides.set(side, s)
  }
  return s
}

/** The side a stretch was stopped on: the last side begun (right after left), none for a two-sided one. */
function stoppedSide(r: StretchRecord): 'left' | 'right' | null {
  const sides = r.source === 'headset' ? r.result.sides : r.followed
  if (sides.right) return 'right'
  if (sides.left) return 'left'
  return null
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}

function formatNumber(x: number): string {
  return String(round1(x))
}

/**
 * The report for local dates `from` … `to` (inclusive, YYYY-MM-DD), with the
 * device in `zone` at `nowMs` (for today and the live streak). Throws a
 * RangeError naming the problem for a period periodProblem refuses.
 */
export function buildReport(
  history: History,
  from: string,
  to: string,
  zone: string,
  nowMs: number,
): Report {
  const problem = periodProblem(from, to)
  if (problem) throw new RangeError(problem)
  const inPeriod = (date: string) => date >= from && date <= to
  const streaks = computeStreaks(history, nowMs, zone)
  const today = streaks.today

  // Every ISO week the period touches, oldest first.
  const weekStarts: string[] = []
  for (let w = weekStartOf(from); w <= to; w = addCivilDays(w, 7)) weekStarts.push(w)

  // --- adherence
  const periodDays = civilDaysBetween(from, to) + 1
  const daysSoFar = today < from ? 0 : today >= to ? periodDays : civilDaysBetween(from, today) + 1
  let counted = 0
  let doubles = 0
  let frozen = 0
  let partial = 0
  for (const [date] of streaks.days) {
    if (!inPeriod(date)) continue
    if (streaks.counted.has(date)) {
      counted += 1
      if (streaks.doubles.has(date)) doubles += 1
    } else if (streaks.frozen.has(date)) frozen += 1
    else partial += 1
  }
  let bestStreak = 0
  let currentStreak = 0
  const currentIsToday = to >= today
  for (const run of streaks.runs) {
    let inside = 0
    let upToEnd = 0
    for (const d of run.dates) {
      if (!streaks.counted.has(d)) continue
      if (inPeriod(d)) inside += 1
      if (d <= to) upToEnd += 1
    }
    if (inside > bestStreak) bestStreak = inside
    // A past period: the run still going on its last date (the streak as it stood then).
    if (!currentIsToday && run.first <= to && run.last >= to) currentStreak = upToEnd
  }
  // The live streak (today never breaks it); a past period's last date is over, so a run
  // not reaching it had already ended.
  if (currentIsToday) currentStreak = streaks.current

  const sessions = history.sessions
    .filter((s) => inPeriod(s.start.localDate))
    .sort((a, b) => Date.parse(a.start.utc) - Date.parse(b.start.utc))
  const measured = emptyCounts()
  const desktop = emptyCounts()

  // --- per stretch, per side
  const perStretch = new Map<StretchId, StretchAcc>()
  const painStops: ReportPainStop[] = []
  const results = history.results
    .filter((r) => inPeriod(r.at.localDate))
    .sort((a, b) => Date.parse(a.at.utc) - Date.parse(b.at.utc))
  for (const r of results) {
    let acc = perStretch.get(r.stretch)
    if (!acc) {
      acc = { sides: new Map(), measured: emptyCounts(), desktop: emptyCounts() }
      perStretch.set(r.stretch, acc)
    }
    const label = targetLabel(r.targets)
    if (r.source === 'headset') {
      countOutcome(measured, r.outcome)
      countOutcome(acc.measured, r.outcome)
    } else {
      countOutcome(desktop, r.outcome)
      countOutcome(acc.desktop, r.outcome)
    }
    if (r.outcome === 'stopped-for-pain') {
      painStops.push({
        date: r.at.localDate,
        time: wallTimeOf(r.at.utc, r.at.timeZone),
        timeZone: r.at.timeZone,
        stretch: r.stretch,
        name: STRETCHES[r.stretch].name,
        side: stoppedSide(r),
        source: r.source,
      })
    }
    const week = weekStartOf(r.at.localDate)
    for (const side of SIDE_ORDER) {
      if (r.source === 'desktop') {
        const f = r.followed[side]
        if (!f) continue
        const s = sideAcc(acc, side, r.stretch)
        s.targets.add(label)
        if (r.outcome === 'completed') s.desktopDone += 1
        // what the desktop timers ran to is not a measurement: no hold, range or steadiness
        continue
      }
      const res = r.result.sides[side]
      if (!res) continue
      const s = sideAcc(acc, side, r.stretch)
      s.targets.add(label)
      // A skipped stretch measured nothing, and a pain stop never counts against
      // anything: both are counted above, neither enters a mean.
      if (r.outcome === 'skipped' || r.outcome === 'stopped-for-pain') continue
      const a = achievedOf(s.unit, res)
      s.measured += 1
      s.achieved += a
      s.best = s.best === null ? a : Math.max(s.best, a)
      s.range += res.range
      s.steadiness += res.stability
      if (r.targets) {
        const hit = reached(r.targets, a, s.unit)
        if (hit !== null) {
          s.withTarget += 1
          if (hit) s.reached += 1
        }
      }
      let wk = s.weeks.get(week)
      if (!wk) {
        wk = { n: 0, achieved: 0, range: 0, steadiness: 0 }
        s.weeks.set(week, wk)
      }
      wk.n += 1
      wk.achieved += a
      wk.range += res.range
      wk.steadiness += res.stability
    }
  }

  const stretches: ReportStretch[] = []
  for (const id of STRETCH_IDS) {
    const acc = perStretch.get(id)
    if (!acc) continue
    const sides: ReportSide[] = []
    for (const side of SIDE_ORDER) {
      const s = acc.sides.get(side)
      if (!s) continue
      sides.push({
        side,
        unit: s.unit,
        targets: [...s.targets].sort(),
        measured: s.measured,
        withTarget: s.withTarget,
        reachedTarget: s.reached,
        achieved: mean(s.achieved, s.measured),
        best: s.best === null ? null : round1(s.best),
        rangePct: mean(s.range, s.measured, 100, 0),
        steadinessPct: mean(s.steadiness, s.measured, 100, 0),
        desktopDone: s.desktopDone,
        weeks: weekStarts.map((w) => {
          const wk = s.weeks.get(w)
          const n = wk?.n ?? 0
          return {
            weekStart: w,
            measured: n,
            achieved: wk ? mean(wk.achieved, n) : null,
            rangePct: wk ? mean(wk.range, n, 100, 0) : null,
            steadinessPct: wk ? mean(wk.steadiness, n, 100, 0) : null,
          }
        }),
      })
    }
    stretches.push({
      stretch: id,
      name: STRETCHES[id].name,
      sides,
      measured: acc.measured,
      desktop: acc.desktop,
    })
  }

  // --- pain before and after sessions
  const reportSessions: ReportSession[] = sessions.map((s) => ({
    id: s.id,
    date: s.start.localDate,
    time: wallTimeOf(s.start.utc, s.start.timeZone),
    timeZone: s.start.timeZone,
    routine: shownRoutineName(s.routineId, s.routineName),
    source: s.source,
    painBefore: s.painBefore,
    painAfter: s.painAfter,
    stoppedForPain: s.stoppedForPain,
  }))
  const painWeeks: ReportPainWeek[] = weekStarts.map((w) => {
    let b = 0
    let nb = 0
    let a = 0
    let na = 0
    let n = 0
    for (const s of reportSessions) {
      if (weekStartOf(s.date) !== w) continue
      n += 1
      if (s.painBefore !== null) {
        b += s.painBefore
        nb += 1
      }
      if (s.painAfter !== null) {
        a += s.painAfter
        na += 1
      }
    }
    return { weekStart: w, before: mean(b, nb), after: mean(a, na), sessions: n }
  })

  const adherence: ReportAdherence = {
    periodDays,
    daysSoFar,
    counted,
    doubles,
    frozen,
    partial,
    currentStreak,
    currentIsToday,
    bestStreak,
    sessions: {
      total: sessions.length,
      headset: sessions.filter((s) => s.source === 'headset').length,
      desktop: sessions.filter((s) => s.source === 'desktop').length,
    },
    measured,
    desktop,
  }
  return {
    from,
    to,
    today,
    summary: summarise(from, to, adherence, stretches, painStops, painWeeks),
    adherence,
    stretches,
    painStops,
    sessions: reportSessions,
    painWeeks,
  }
}

function periodWords(from: string, to: string, days: number): string {
  const length =
    days === 1
      ? 'On'
      : days === 7
        ? 'In the week'
        : days % 7 === 0
          ? `In the ${days / 7} weeks`
          : `In the ${days} days`
  if (days === 1) return `${length} ${shortDate(from, true)}`
  const sameYear = from.slice(0, 4) === to.slice(0, 4)
  return `${length} from ${shortDate(from, !sameYear)} to ${shortDate(to, true)}`
}

function plural(n: number, one: string, many: string): string {
  return `${n === 1 ? 'one' : n} ${n === 1 ? one : many}`
}

/** The side in words for the summary: "child's pose", "knee-to-chest stretch (left)". */
function stretchSideWords(name: string, side: Side): string {
  return side === 'both' ? lowerFirst(name) : `${lowerFirst(name)} (${side})`
}

/** The largest change from the first to the last week with data, in range or steadiness, of any side. */
function biggestChange(stretches: ReportStretch[]): string | null {
  let best: { words: string; delta: number } | null = null
  for (const st of stretches) {
    for (const side of st.sides) {
      const withData = side.weeks.filter((w) => w.measured > 0)
      if (withData.length < 2) continue
      const first = withData[0]!
      const last = withData[withData.length - 1]!
      for (const [label, a, b] of [
        ['steadiness', first.steadinessPct, last.steadinessPct],
        ['range', first.rangePct, last.rangePct],
      ] as const) {
        if (a === null || b === null) continue
        const delta = b - a
        if (best === null || Math.abs(delta) > Math.abs(best.delta)) {
          const where = stretchSideWords(st.name, side.side)
          best = {
            delta,
            words:
              delta === 0
                ? `${label} in ${where} held at ${a} %`
                : `${label} in ${where} ${delta > 0 ? 'rose' : 'fell'} from ${a} % to ${b} %`,
          }
        }
      }
    }
  }
  return best ? best.words : null
}

function summarise(
  from: string,
  to: string,
  ad: ReportAdherence,
  stretches: ReportStretch[],
  painStops: ReportPainStop[],
  painWeeks: ReportPainWeek[],
): string {
  const head = periodWords(from, to, ad.periodDays)
  if (ad.measured.total + ad.desktop.total === 0 && ad.sessions.total === 0)
    return `${head} no stretches or sessions were recorded.`
  const parts: string[] = []
  const of =
    ad.daysSoFar < ad.periodDays ? `of the ${ad.daysSoFar} days so far` : `of ${ad.periodDays} days`
  parts.push(`you did your stretches on ${ad.counted} ${of} (5 or more different stretches a day)`)
  parts.push(
    ad.bestStreak === 0
      ? 'no streak'
      : `your longest streak was ${plural(ad.bestStreak, 'day', 'days')}`,
  )
  const followed = ad.desktop.total
  if (followed > 0)
    parts.push(
      `${plural(ad.measured.total, 'stretch was', 'stretches were')} measured in the headset and ${plural(followed, 'was', 'were')} followed on the desktop`,
    )
  const change = biggestChange(stretches)
  if (change) parts.push(change)
  const withBefore = painWeeks.filter((w) => w.before !== null)
  if (withBefore.length >= 2) {
    const a = withBefore[0]!.before!
    const b = withBefore[withBefore.length - 1]!.before!
    parts.push(
      a === b
        ? `pain before sessions stayed at ${formatNumber(a)}`
        : `pain before sessions ${b < a ? 'fell' : 'rose'} from ${formatNumber(a)} to ${formatNumber(b)}`,
    )
  } else if (withBefore.length === 1) {
    parts.push(`pain before sessions averaged ${formatNumber(withBefore[0]!.before!)}`)
  }
  if (painStops.length === 0) parts.push('no stretch was stopped for pain')
  else {
    const list = painStops
      .slice(0, 3)
      .map((p) => `${lowerFirst(p.name)}${p.side ? `, ${p.side}` : ''}, ${shortDate(p.date)}`)
      .join('; ')
    parts.push(
      `${plural(painStops.length, 'stretch was', 'stretches were')} stopped for pain (${list}${painStops.length > 3 ? '; all are listed below' : ''})`,
    )
  }
  return `${head} ${parts.join('; ')}.`
}

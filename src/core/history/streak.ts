/**
 * Streaks exactly as docs/product.md "Streaks and achievements" defines them, as
 * pure functions of the history, the instant `now` and the device's zone.
 * Dates are the local dates stamped when things happened; nothing here ever
 * re-derives a date from an instant except "today" (today.ts: the device's
 * date, or the latest stamped date if later).
 */
import type { StretchId } from '../stretches.ts'
import { STRETCH_IDS } from '../stretches.ts'
import { addCivilDays, civilDaysBetween, startOfCivilDate } from './civilDate.ts'
import type { History } from './records.ts'
import { effectiveToday } from './today.ts'

/** Different stretches completed on a local date for it to count. */
export const STRETCHES_FOR_COUNTED_DATE = 5
/** A pain check-in at or above this (0–10) can freeze a date. */
export const FREEZE_PAIN_THRESHOLD = 7
/** At most one freeze in any this many consecutive calendar dates. */
export const FREEZE_WINDOW_DAYS = 7
/** Real time (ms) under which the dates between two kept dates are skipped by travel, not missed. */
export const TRAVEL_GAP_MS = 12 * 60 * 60 * 1000

/** Everything that happened on one local date, as far as streaks care. */
export interface DaySummary {
  /** YYYY-MM-DD */
  date: string
  /** distinct stretches completed, in the headset or followed on the desktop (pain stops excluded) */
  completed: Set<StretchId>
  /** of those, the ones followed on the desktop (not measured) */
  desktop: Set<StretchId>
  /** a stretch on this date was stopped for pain */
  painStop: boolean
  /** the highest pain check-in (0–10) stamped on this date, −1 if none */
  maxPain: number
  /** earliest and latest stamped event (results and check-ins), UTC ms, with its zone */
  firstMs: number
  firstZone: string
  lastMs: number
  lastZone: string
}

/** How a date stands in the streak calendar. */
export type DayState = 'double' | 'counted' | 'frozen' | 'skipped' | 'partial' | 'empty'

/** A run of kept dates; `length` counts its counted dates only (frozen ones keep it, add nothing). */
export interface StreakRun {
  first: string
  last: string
  length: number
  /** the kept dates in it, ascending */
  dates: string[]
}

/** The streak picture at one instant. */
export interface StreakReport {
  /** the device's local date at `now`, or the latest stamped local date if later (effectiveToday) */
  today: string
  /** counted dates in the live run; 0 when broken */
  current: number
  /** the longest run ever (counted dates) */
  best: number
  /** the live run still holds (today never breaks it) */
  alive: boolean
  /** alive with a length > 0 and today not yet counted */
  atRisk: boolean
  /** today already counted */
  todayCounted: boolean
  /** different stretches completed today so far */
  todayStretches: number
  counted: Set<string>
  doubles: Set<string>
  frozen: Set<string>
  skipped: Set<string>
  runs: StreakRun[]
  days: Map<string, DaySummary>
}

function touch(days: Map<string, DaySummary>, date: string, ms: number, zone: string): DaySummary {
  let d = days.get(date)
  if (!d) {
    d = {
      date,
      completed: new Set(),
      desktop: new Set(),
      painStop: false,
      maxPain: -1,
      firstMs: ms,
      firstZone: zone,
      lastMs: ms,
      lastZone: zone,
    }
    days.set(date, d)
  }
  if (ms < d.firstMs) {
    d.firstMs = ms
    d.firstZone = zone
  }
  if (ms > d.lastMs) {
    d.lastMs = ms
    d.lastZone = zone
  }
  return d
}

/** Groups the history by stamped local date (saving order does not matter). */
export function summariseDays(history: History): Map<string, DaySummary> {
  const days = new Map<string, DaySummary>()
  for (const r of history.results) {
    const d = touch(days, r.at.localDate, Date.parse(r.at.utc), r.at.timeZone)
    // Any source: a stretch followed on the desktop and marked done counts like a measured one.
    if (r.outcome === 'stopped-for-pain') d.painStop = true
    else if (r.outcome === 'completed') {
      d.completed.add(r.stretch)
      if (r.source === 'desktop') d.desktop.add(r.stretch)
    }
  }
  for (const c of history.checkIns) {
    const d = touch(days, c.at.localDate, Date.parse(c.at.utc), c.at.timeZone)
    if (c.pain > d.maxPain) d.maxPain = c.pain
  }
  return days
}

/** Whether a date counts: at least five different stretches completed on it. */
export function isCountedDay(day: DaySummary | undefined): boolean {
  return day !== undefined && day.completed.size >= STRETCHES_FOR_COUNTED_DATE
}

/** Whether a date is a double day: all ten stretches completed on it. */
export function isDoubleDay(day: DaySummary | undefined): boolean {
  return day !== undefined && day.completed.size >= STRETCH_IDS.length
}

/**
 * The frozen dates: past dates that did not count but hold a pain stop or a
 * check-in ≥ 7, at most one in any 7 consecutive dates, earliest first.
 * `today` is effectiveToday's: it and any later date have not passed yet.
 */
export function chooseFreezes(days: Map<string, DaySummary>, today: string): Set<string> {
  const candidates: string[] = []
  for (const d of days.values()) {
    if (d.date >= today || isCountedDay(d)) continue
    if (d.painStop || d.maxPain >= FREEZE_PAIN_THRESHOLD) candidates.push(d.date)
  }
  candidates.sort()
  const frozen = new Set<string>()
  let lastFreeze: string | null = null
  for (const date of candidates) {
    if (lastFreeze === null || civilDaysBetween(lastFreeze, date) >= FREEZE_WINDOW_DAYS) {
      frozen.add(date)
      lastFreeze = date
    }
  }
  return frozen
}

/**
 * Whether kept date `b` follows kept date `a` (a < b): the next calendar date,
 * or reached by travel (end of `a` in the zone of its last event to the start
 * of `b` in the zone of its first event is under 12 h of real time).
 */
export function followsByTravelOrNextDay(
  a: string,
  aLastZone: string,
  b: string,
  bFirstZone: string,
): boolean {
  const days = civilDaysBetween(a, b)
  if (days === 1) return true
  // From the end of `a` to the start of `b` is (days − 1) × 24 h plus the two
  // zones' offset difference, and no zone's offset (even a historical local
  // mean time) reaches 16 h: three or more dates apart, the gap is over 16 h.
  // Answering without the zone lookups keeps long, sparse histories cheap.
  if (days >= 3) return false
  const endOfA = startOfCivilDate(addCivilDays(a, 1), aLastZone)
  const startOfB = startOfCivilDate(b, bFirstZone)
  return startOfB - endOfA < TRAVEL_GAP_MS
}

/** The streak report for the history at instant `nowMs` (UTC ms) with the device in `timeZone`. */
export function computeStreaks(history: History, nowMs: number, timeZone: string): StreakReport {
  const today = effectiveToday(history, nowMs, timeZone)
  const days = summariseDays(history)
  const counted = new Set<string>()
  const doubles = new Set<string>()
  for (const d of days.values()) {
    if (isCountedDay(d)) counted.add(d.date)
    if (isDoubleDay(d)) doubles.add(d.date)
  }
  const frozen = chooseFreezes(days, today)
  const kept = [...counted, ...frozen].sort()
  const runs: StreakRun[] = []
  const skipped = new Set<string>()
  let run: StreakRun | null = null
  for (const date of kept) {
    const day = days.get(date)!
    if (run) {
      const prev = days.get(run.last)!
      if (followsByTravelOrNextDay(run.last, prev.lastZone, date, day.firstZone)) {
        for (let s = addCivilDays(run.last, 1); s < date; s = addCivilDays(s, 1)) skipped.add(s)
        run.last = date
        run.dates.push(date)
        if (counted.has(date)) run.length += 1
        continue
      }
      runs.push(run)
    }
    run = { first: date, last: date, length: counted.has(date) ? 1 : 0, dates: [date] }
  }
  if (run) runs.push(run)

  let best = 0
  for (const r of runs) if (r.length > best) best = r.length
  const lastRun = runs.length > 0 ? runs[runs.length - 1]! : null
  let alive = false
  if (lastRun) {
    const L = lastRun.last
    if (L >= addCivilDays(today, -1)) alive = true
    else {
      // Today starts, like any date after a trip, in the zone of its first
      // stamped event; only a date with nothing stamped yet starts in the
      // device's zone (when today is a stamped date later than the device's,
      // the device's zone may not even have reached it).
      const endOfL = startOfCivilDate(addCivilDays(L, 1), days.get(L)!.lastZone)
      const todayZone = days.get(today)?.firstZone ?? timeZone
      alive = startOfCivilDate(today, todayZone) - endOfL < TRAVEL_GAP_MS
    }
  }
  const current = alive && lastRun ? lastRun.length : 0
  const todayCounted = counted.has(today)
  return {
    today,
    current,
    best,
    alive,
    atRisk: alive && current > 0 && !todayCounted,
    todayCounted,
    todayStretches: days.get(today)?.completed.size ?? 0,
    counted,
    doubles,
    frozen,
    skipped,
    runs,
    days,
  }
}

/** The calendar state of one date in a report. */
export function dayState(report: StreakReport, date: string): DayState {
  if (report.doubles.has(date)) return 'double'
  if (report.counted.has(date)) return 'counted'
  if (report.frozen.has(date)) return 'frozen'
  if (report.skipped.has(date)) return 'skipped'
  if (report.days.has(date)) return 'partial'
  return 'empty'
}

/**
 * Civil (wall-calendar) dates and the stamp every stored event carries. All
 * date arithmetic goes through date-fns and @date-fns/tz: a day is a calendar
 * step, never 86 400 000 ms (days of 23 and 25 hours exist).
 */
import { TZDate } from '@date-fns/tz'
import { addDays, differenceInCalendarDays, format } from 'date-fns'

/** When something happened: the UTC instant, the IANA zone the device was in, and the local date there (fixed at stamping, never recomputed). */
export interface Stamp {
  /** ISO 8601 UTC instant, e.g. 2026-11-23T21:30:00.000Z */
  utc: string
  /** IANA time zone name, e.g. Europe/Paris */
  timeZone: string
  /** YYYY-MM-DD in timeZone at utc */
  localDate: string
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether the runtime's Intl knows this IANA zone name (untrusted strings never throw here). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}

/** Whether a string is a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isCivilDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = DATE_RE.exec(value)
  if (!m) return false
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1) return false
  return format(new TZDate(y, mo - 1, d, 'UTC'), 'yyyy-MM-dd') === value
}

/** The local calendar date (YYYY-MM-DD) of a UTC instant (ms since epoch) in an IANA zone. */
export function localDateOf(utcMs: number, timeZone: string): string {
  return format(new TZDate(utcMs, timeZone), 'yyyy-MM-dd')
}

/** The local wall-clock hour (0–23) of a UTC instant (ms) in an IANA zone. */
export function localHourOf(utcMs: number, timeZone: string): number {
  return new TZDate(utcMs, timeZone).getHours()
}

/** Stamps an instant (ms since epoch) in a zone: what every result and check-in stores. */
export function stampAt(utcMs: number, timeZone: string): Stamp {
  return {
    utc: new Date(utcMs).toISOString(),
    timeZone,
    localDate: localDateOf(utcMs, timeZone),
  }
}

function civilToUtcDate(date: string): TZDate {
  const m = DATE_RE.exec(date)
  if (!m) throw new RangeError(`not a civil date: ${date}`)
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 'UTC')
}

/** The civil date n calendar days after `date` (n may be negative). */
export function addCivilDays(date: string, n: number): string {
  return format(addDays(civilToUtcDate(date), n), 'yyyy-MM-dd')
}

/** Calendar days from `a` to `b` (b − a), independent of any zone's day lengths. */
export function civilDaysBetween(a: string, b: string): number {
  return differenceInCalendarDays(civilToUtcDate(b), civilToUtcDate(a))
}

/**
 * The first instant (ms) of civil date `date` in `timeZone`. Where midnight
 * does not exist (a DST change at 00:00) this is the first instant that does.
 */
export function startOfCivilDate(date: string, timeZone: string): number {
  const m = DATE_RE.exec(date)
  if (!m) throw new RangeError(`not a civil date: ${date}`)
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0, timeZone).getTime()
}

/** The weekday of a civil date, 0 = Monday … 6 = Sunday (ISO order, for calendar grids). */
export function isoWeekdayIndex(date: string): number {
  return (civilToUtcDate(date).getDay() + 6) % 7
}

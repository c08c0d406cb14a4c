/**
 * Civil (wall-calendar) dates and the stamp every stored event carries. A day
 * is a calendar step, never 86 400 000 ms (days of 23 and 25 hours exist):
 * whole-date arithmetic counts days in the proleptic Gregorian calendar (no
 * zone involved), and anything tied to a zone's clock goes through @date-fns/tz.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

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

// Zone names already accepted: building an Intl.DateTimeFormat costs tens of
// microseconds, which adds up to seconds over a large history. Bounded, since
// the names come from files.
const knownZones = new Set<string>()
const KNOWN_ZONES_MAX = 1024

/** Whether the runtime's Intl knows this IANA zone name (untrusted strings never throw here). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false
  if (knownZones.has(timeZone)) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
  } catch {
    return false
  }
  if (knownZones.size >= KNOWN_ZONES_MAX) knownZones.clear()
  knownZones.add(timeZone)
  return true
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31
}

/** Whether a string is a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isCivilDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = DATE_RE.exec(value)
  if (!m) return false
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

/**
 * Days from 1970-01-01 to a civil date, counting calendar days (H. Hinnant's
 * days_from_civil): plain integer arithmetic, so long spans and large
 * histories cost nothing.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** The civil date `days` calendar days after 1970-01-01, as YYYY-MM-DD (inverse of daysFromCivil). */
function civilFromDays(days: number): string {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function civilDayNumber(date: string): number {
  const m = DATE_RE.exec(date)
  if (!m) throw new RangeError(`not a civil date: ${date}`)
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** The local calendar date (YYYY-MM-DD) of a UTC instant (ms since epoch) in an IANA zone. */
export function localDateOf(utcMs: number, timeZone: string): string {
  return format(new TZDate(utcMs, timeZone), 'yyyy-MM-dd')
}

/**
 * The UTC calendar date of an instant (ms since epoch), for any year (UTC has
 * no daylight saving, and JavaScript time has no leap seconds).
 */
export function utcDateOf(utcMs: number): string {
  return civilFromDays(Math.floor(utcMs / 86_400_000))
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

/** The civil date n calendar days after `date` (n may be negative). */
export function addCivilDays(date: string, n: number): string {
  return civilFromDays(civilDayNumber(date) + n)
}

/** Calendar days from `a` to `b` (b − a), independent of any zone's day lengths. */
export function civilDaysBetween(a: string, b: string): number {
  return civilDayNumber(b) - civilDayNumber(a)
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
  // 1970-01-01 was a Thursday (index 3).
  return (((civilDayNumber(date) + 3) % 7) + 7) % 7
}

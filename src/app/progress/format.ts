import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

/** "Mon 23 Nov 2026" for a civil date. */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return format(new TZDate(y!, m! - 1, d!, 'UTC'), 'EEE d MMM yyyy')
}

/** "07:30" local wall time of an instant in the zone it was stamped in. */
export function wallTime(utc: string, zone: string): string {
  return format(new TZDate(Date.parse(utc), zone), 'HH:mm')
}

/** A 0–1 fraction as a whole percentage, rounded down so 94.5 % never reads as the 95 % a badge asks for. */
export function pct(x: number): string {
  return `${Math.floor(x * 100 + 1e-9)} %`
}

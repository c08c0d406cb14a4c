/**
 * A daily reminder as an iCalendar file (RFC 5545) the user adds to their own
 * calendar: no push server. The time is "floating" (no zone), so the reminder
 * stays at the same wall-clock time wherever the user travels.
 */
import { localDateOf } from './civilDate.ts'

/** Whether a string is a wall-clock time HH:MM (00:00–23:59). */
export function isReminderTime(value: unknown): value is string {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
}

function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Folds a content line at 75 octets as RFC 5545 §3.1 asks (continuation lines start with a space). */
export function foldIcsLine(line: string): string {
  const bytes = new TextEncoder().encode(line)
  if (bytes.length <= 75) return line
  const out: string[] = []
  let cur = ''
  let curBytes = 0
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length
    const limit = out.length === 0 ? 75 : 74
    if (curBytes + n > limit) {
      out.push(cur)
      cur = ''
      curBytes = 0
    }
    cur += ch
    curBytes += n
  }
  out.push(cur)
  return out.join('\r\n ')
}

function icsUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/**
 * The .ics text for a daily reminder at `time` (HH:MM, local wall clock),
 * starting on the local date of `nowMs` in `timeZone`. `uid` makes re-imports
 * replace rather than duplicate the event. Returns null for a bad time.
 */
export function dailyReminderIcs(
  time: string,
  nowMs: number,
  timeZone: string,
  uid: string,
): string | null {
  if (!isReminderTime(time)) return null
  const date = localDateOf(nowMs, timeZone).replace(/-/g, '')
  const hhmm = time.replace(':', '')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//StretchCoach XR//Daily reminder//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${icsUtc(nowMs)}`,
    `DTSTART:${date}T${hhmm}00`,
    'DURATION:PT15M',
    'RRULE:FREQ=DAILY',
    `SUMMARY:${escapeText('Back stretches (StretchCoach XR)')}`,
    `DESCRIPTION:${escapeText('Time for your daily routine: about 15 minutes, gentle, no sharp pain. Five different stretches keep your streak.')}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText('Time for your back stretches')}`,
    'TRIGGER:PT0M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(foldIcsLine).join('\r\n') + '\r\n'
}

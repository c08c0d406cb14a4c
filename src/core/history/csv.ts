/**
 * The CSV a physiotherapist opens in a spreadsheet: one row per finished
 * stretch and per pain check-in, UTF-8 with a BOM (so Excel reads accents),
 * CRLF rows, and cells that a spreadsheet would run as a formula escaped
 * (csvCell.ts).
 */
import { STRETCHES } from '../stretches.ts'
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { csvCell } from './csvCell.ts'
import type { History } from './records.ts'

export { csvCell } from './csvCell.ts'

/** The byte-order mark spreadsheets need to read the file as UTF-8. */
export const CSV_BOM = '\uFEFF'

/** The header row. */
export const CSV_HEADER = [
  'local date',
  'local time',
  'time zone',
  'entry',
  'stretch',
  'routine',
  'session',
  'completed',
  'stopped for pain',
  'score',
  'hold seconds',
  'repetitions',
  'range %',
  'steadiness %',
  'pain 0-10',
  'engine version',
] as const

function localTime(utc: string, zone: string): string {
  return format(new TZDate(Date.parse(utc), zone), 'HH:mm')
}

function pct(x: number): string {
  return String(Math.round(x * 100))
}

/** The whole history as CSV text (with BOM), oldest first. */
export function historyToCsv(history: History): string {
  type Row = { key: string; cells: (string | number | null)[] }
  const rows: Row[] = []
  for (const r of history.results) {
    const sides = Object.values(r.result.sides).filter((s) => s !== undefined)
    const hold = sides.reduce((a, s) => a + s.holdSeconds, 0)
    const reps = sides.some((s) => s.reps !== null)
      ? sides.reduce((a, s) => a + (s.reps ?? 0), 0)
      : null
    const mean = (f: (s: (typeof sides)[number]) => number) =>
      sides.length > 0 ? pct(sides.reduce((a, s) => a + f(s), 0) / sides.length) : ''
    rows.push({
      key: r.at.utc,
      cells: [
        r.at.localDate,
        localTime(r.at.utc, r.at.timeZone),
        r.at.timeZone,
        'stretch',
        STRETCHES[r.result.stretch].name,
        r.routineId,
        r.sessionId,
        r.result.completed ? 'yes' : 'no',
        r.result.pain ? 'yes' : 'no',
        r.result.score,
        Math.round(hold * 10) / 10,
        reps,
        mean((s) => s.range),
        mean((s) => s.stability),
        null,
        r.result.engineVersion,
      ],
    })
  }
  for (const c of history.checkIns) {
    rows.push({
      key: c.at.utc,
      cells: [
        c.at.localDate,
        localTime(c.at.utc, c.at.timeZone),
        c.at.timeZone,
        `pain check-in (${c.moment})`,
        null,
        null,
        c.sessionId,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        c.pain,
        null,
      ],
    })
  }
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const lines = [
    CSV_HEADER.map(csvCell).join(','),
    ...rows.map((r) => r.cells.map(csvCell).join(',')),
  ]
  return CSV_BOM + lines.join('\r\n') + '\r\n'
}

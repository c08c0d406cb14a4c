/**
 * The CSV a physiotherapist opens in a spreadsheet: one row per finished
 * stretch (measured in the headset or followed on the desktop, said in the
 * `source` column) and per pain check-in, UTF-8 with a BOM (so Excel reads accents),
 * CRLF rows, and cells that a spreadsheet would run as a formula escaped
 * (csvCell.ts).
 */
import { STRETCHES } from '../stretches.ts'
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { csvCell } from './csvCell.ts'
import type {
  History,
  StretchOutcome,
  StretchRecord,
  StretchSource,
  StretchTargets,
} from './records.ts'

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
  'source',
  'status',
  'target',
] as const

const SOURCE_WORDS: Record<StretchSource, string> = {
  headset: 'headset',
  desktop: 'followed on desktop',
}

const STATUS_WORDS: Record<StretchOutcome, string> = {
  completed: 'completed',
  partial: 'partial',
  skipped: 'skipped',
  'stopped-for-pain': 'stopped for pain',
}

/** A stretch's target in words: "30 s", "10 reps", or "not recorded" (records from before version 2). */
export function targetText(targets: StretchTargets | null): string {
  if (targets === null) return 'not recorded'
  if (targets.holdSeconds !== null) return `${targets.holdSeconds} s`
  return `${targets.reps} reps`
}

function localTime(utc: string, zone: string): string {
  return format(new TZDate(Date.parse(utc), zone), 'HH:mm')
}

function pct(x: number): string {
  return String(Math.round(x * 100))
}

/**
 * One stretch's cells. A stretch followed on the desktop has no score, range
 * or steadiness (left empty); its hold seconds and repetitions are what the
 * desktop timers ran to.
 */
function stretchCells(r: StretchRecord): (string | number | null)[] {
  const done = r.outcome === 'completed' ? 'yes' : 'no'
  const pain = r.outcome === 'stopped-for-pain' ? 'yes' : 'no'
  const words = [SOURCE_WORDS[r.source], STATUS_WORDS[r.outcome], targetText(r.targets)]
  const head = [
    r.at.localDate,
    localTime(r.at.utc, r.at.timeZone),
    r.at.timeZone,
    'stretch',
    STRETCHES[r.stretch].name,
    r.routineId,
    r.sessionId,
    done,
    pain,
  ]
  if (r.result === null) {
    const followed = Object.values(r.followed).filter((s) => s !== undefined)
    const seconds = followed.reduce((a, s) => a + s.seconds, 0)
    const reps = followed.some((s) => s.reps !== null)
      ? followed.reduce((a, s) => a + (s.reps ?? 0), 0)
      : null
    return [
      ...head,
      null,
      followed.length > 0 ? Math.round(seconds * 10) / 10 : null,
      reps,
      null,
      null,
      null,
      null,
      ...words,
    ]
  }
  const sides = Object.values(r.result.sides).filter((s) => s !== undefined)
  const hold = sides.reduce((a, s) => a + s.holdSeconds, 0)
  const reps = sides.some((s) => s.reps !== null)
    ? sides.reduce((a, s) => a + (s.reps ?? 0), 0)
    : null
  const mean = (f: (s: (typeof sides)[number]) => number) =>
    sides.length > 0 ? pct(sides.reduce((a, s) => a + f(s), 0) / sides.length) : ''
  return [
    ...head,
    r.result.score,
    Math.round(hold * 10) / 10,
    reps,
    mean((s) => s.range),
    mean((s) => s.stability),
    null,
    r.result.engineVersion,
    ...words,
  ]
}

/** The whole history as CSV text (with BOM), oldest first. */
export function historyToCsv(history: History): string {
  type Row = { key: string; cells: (string | number | null)[] }
  const rows: Row[] = []
  for (const r of history.results) rows.push({ key: r.at.utc, cells: stretchCells(r) })
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
        null,
        null,
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

/**
 * The stretches CSV a physiotherapist opens in a spreadsheet, in long form:
 * one row per stretch per side (a two-sided stretch has one row, "both"; a
 * one-sided one a row for each side it has), so each side keeps its own
 * figures. Names instead of ids, the target beside what was achieved, and a
 * status that tells a skipped stretch from a failed or a painful one.
 * UTF-8 with a BOM (so Excel reads accents), CRLF rows, and cells that a
 * spreadsheet would run as a formula escaped (csvCell.ts). Sessions and pain
 * check-ins are in the second file (sessionsCsv.ts).
 */
import { sidesOf, STRETCHES } from '../stretches.ts'
import { recordedRoutineName } from '../ownRoutines.ts'
import type { Side } from '../result.ts'
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { csvCell } from './csvCell.ts'
import type { History, SessionRecord, StretchRecord, StretchTargets } from './records.ts'

export { csvCell } from './csvCell.ts'

/** The byte-order mark spreadsheets need to read the file as UTF-8. */
export const CSV_BOM = '\uFEFF'

/** The stretches file's header row, in its order. */
export const CSV_HEADER = [
  'date',
  'time',
  'time zone',
  'routine',
  'stretch',
  'side',
  'target',
  'achieved',
  'range %',
  'steadiness %',
  'score',
  'status',
  'pain before',
  'pain after',
] as const

/** One row's cells, in the header's order. */
export type CsvCells = (string | number | null)[]

const SIDE_ORDER: readonly Side[] = ['left', 'right', 'both']

/** A stretch's target in words: "30 s", "10 reps", or "not recorded" (records from before version 2). */
export function targetText(targets: StretchTargets | null): string {
  if (targets === null) return 'not recorded'
  if (targets.holdSeconds !== null) return `${targets.holdSeconds} s`
  return `${targets.reps} reps`
}

/** The wall-clock time (HH:mm) of a UTC instant in the stamp's own zone. */
export function localTime(utc: string, zone: string): string {
  return format(new TZDate(Date.parse(utc), zone), 'HH:mm')
}

/**
 * A routine's name: a built-in one's by id, else the name stored with the
 * session (a routine the user built), else "Own routine" for an own routine's
 * id; a routine the app does not know at all (e.g. from a newer version) keeps its id.
 */
export function routineName(routineId: string, storedName?: string | null): string {
  return recordedRoutineName(routineId, storedName) ?? routineId
}

/** The rows as CSV text: BOM, escaped header and cells, CRLF after every row. */
export function csvText(header: readonly string[], rows: readonly CsvCells[]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))]
  return CSV_BOM + lines.join('\r\n') + '\r\n'
}

/** Rows sorted by instant (Date.parse: "…00Z" and "…00.000Z" are the same time), stable for equal ones. */
export function sortedByTime<T>(items: readonly T[], utcOf: (item: T) => string): T[] {
  return items
    .map((item, i) => ({ item, i, ms: Date.parse(utcOf(item)) }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i)
    .map((x) => x.item)
}

function pct(x: number): number {
  return Math.round(x * 100)
}

/**
 * What one side achieved, in the target's unit: "28.4 s" or "8 reps" (a
 * record without a target: repetitions when any were counted, else seconds).
 */
function achievedText(
  seconds: number,
  reps: number | null,
  targets: StretchTargets | null,
): string {
  const inReps = targets === null ? reps !== null : targets.reps !== null
  if (inReps) return `${reps ?? 0} reps`
  return `${seconds.toFixed(1)} s`
}

const HEADSET_STATUS: Record<StretchRecord['outcome'], string> = {
  completed: 'completed',
  partial: 'partial',
  skipped: 'skipped',
  'stopped-for-pain': 'stopped for pain',
}

/** A stretch's status in words; a desktop stretch marked done is "followed on desktop" (nothing was measured). */
function statusText(r: StretchRecord): string {
  if (r.source === 'desktop' && r.outcome === 'completed') return 'followed on desktop'
  return HEADSET_STATUS[r.outcome]
}

/** The side cells of one record: achieved, range %, steadiness %, score, per side it has. */
function sideCells(r: StretchRecord): { side: Side; cells: CsvCells }[] {
  const out: { side: Side; cells: CsvCells }[] = []
  for (const side of SIDE_ORDER) {
    if (r.source === 'headset') {
      const s = r.result.sides[side]
      if (s)
        out.push({
          side,
          cells: [
            achievedText(s.holdSeconds, s.reps, r.targets),
            pct(s.range),
            pct(s.stability),
            s.score,
          ],
        })
    } else {
      // Followed on the desktop: what the timers ran to; nothing measured.
      const f = r.followed[side]
      if (f)
        out.push({ side, cells: [achievedText(f.seconds, f.reps, r.targets), null, null, null] })
    }
  }
  if (out.length > 0) return out
  // Skipped before any side started: a row per side the stretch has, nothing achieved, so it is not lost.
  return sidesOf(r.stretch).map((side) => ({ side, cells: [null, null, null, null] }))
}

/** The rows of one finished stretch, one per side. */
function stretchRows(r: StretchRecord, session: SessionRecord | undefined): CsvCells[] {
  const head = [
    r.at.localDate,
    localTime(r.at.utc, r.at.timeZone),
    r.at.timeZone,
    // a stretch row finds its routine's name on its session
    routineName(r.routineId, session?.routineName),
    STRETCHES[r.stretch].name,
  ]
  const status = statusText(r)
  const target = targetText(r.targets)
  const pain = [session?.painBefore ?? null, session?.painAfter ?? null]
  return sideCells(r).map(({ side, cells }) => [...head, side, target, ...cells, status, ...pain])
}

/** The stretches CSV of the whole history (with BOM), oldest first: one row per stretch per side. */
export function historyToCsv(history: History): string {
  const sessions = new Map(history.sessions.map((s) => [s.id, s]))
  const rows = sortedByTime(history.results, (r) => r.at.utc).flatMap((r) =>
    stretchRows(r, sessions.get(r.sessionId)),
  )
  return csvText(CSV_HEADER, rows)
}

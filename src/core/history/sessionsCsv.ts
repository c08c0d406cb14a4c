/**
 * The second CSV for a physiotherapist: sessions and pain check-ins, oldest
 * first. One row per session (when it started, its routine by name, headset or
 * desktop, how many of its stretches were completed of how many, whether it
 * was stopped for pain, pain before and after, when it ended) and one row per
 * pain check-in the session rows do not already show: a check-in at any time,
 * or one whose session is not in the history or says otherwise. (Starting and
 * ending a session also stores its pain before and after as check-ins; those
 * would only repeat the session's row.) Same format as the stretches CSV.
 */
import { csvText, localTime, routineName, sortedByTime, type CsvCells } from './csv.ts'
import type { Stamp } from './civilDate.ts'
import type { History, PainCheckInRecord, SessionRecord, StretchRecord } from './records.ts'

/** The sessions file's header row, in its order. */
export const SESSIONS_CSV_HEADER = [
  'date',
  'time',
  'time zone',
  'kind',
  'routine',
  'source',
  'stretches completed',
  'stretches total',
  'stopped for pain',
  'pain before',
  'pain after',
  'pain at check-in',
  'ended',
] as const

/** When a session ended, read beside its start: "07:17", with the date or zone only when they differ. */
function endedText(start: Stamp, end: Stamp | null): string {
  if (end === null) return 'not ended'
  let text = localTime(end.utc, end.timeZone)
  if (end.localDate !== start.localDate) text = `${end.localDate} ${text}`
  if (end.timeZone !== start.timeZone) text = `${text} ${end.timeZone}`
  return text
}

function sessionRow(s: SessionRecord, stretches: readonly StretchRecord[]): CsvCells {
  const stopped = s.stoppedForPain || stretches.some((r) => r.outcome === 'stopped-for-pain')
  return [
    s.start.localDate,
    localTime(s.start.utc, s.start.timeZone),
    s.start.timeZone,
    'session',
    routineName(s.routineId, s.routineName),
    s.source,
    stretches.filter((r) => r.outcome === 'completed').length,
    stretches.length,
    stopped ? 'yes' : 'no',
    s.painBefore,
    s.painAfter,
    null,
    endedText(s.start, s.end),
  ]
}

function checkInRow(c: PainCheckInRecord, session: SessionRecord | undefined): CsvCells {
  return [
    c.at.localDate,
    localTime(c.at.utc, c.at.timeZone),
    c.at.timeZone,
    `pain check-in (${c.moment})`,
    session ? routineName(session.routineId, session.routineName) : null,
    null,
    null,
    null,
    null,
    null,
    null,
    c.pain,
    null,
  ]
}

/** Whether a check-in only repeats its session's pain before or after (shown on the session's row). */
function repeatsSession(c: PainCheckInRecord, session: SessionRecord | undefined): boolean {
  if (!session) return false
  return (
    (c.moment === 'before' && c.pain === session.painBefore) ||
    (c.moment === 'after' && c.pain === session.painAfter)
  )
}

/** The sessions and pain check-ins CSV of the whole history (with BOM), oldest first. */
export function sessionsToCsv(history: History): string {
  const sessions = new Map(history.sessions.map((s) => [s.id, s]))
  const stretchesOf = new Map<string, StretchRecord[]>()
  for (const r of history.results) {
    const list = stretchesOf.get(r.sessionId)
    if (list) list.push(r)
    else stretchesOf.set(r.sessionId, [r])
  }
  const items: { utc: string; cells: CsvCells }[] = history.sessions.map((s) => ({
    utc: s.start.utc,
    cells: sessionRow(s, stretchesOf.get(s.id) ?? []),
  }))
  for (const c of history.checkIns) {
    const session = c.sessionId === null ? undefined : sessions.get(c.sessionId)
    if (!repeatsSession(c, session)) items.push({ utc: c.at.utc, cells: checkInRow(c, session) })
  }
  return csvText(
    SESSIONS_CSV_HEADER,
    sortedByTime(items, (x) => x.utc).map((x) => x.cells),
  )
}

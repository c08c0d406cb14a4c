import { useDeferredValue, useMemo, useState } from 'react'
import { STRETCHES } from '../../core/stretches.ts'
import { shownRoutineName } from '../../core/ownRoutines.ts'
import type { History, SessionRecord, StretchRecord } from '../../core/history/records.ts'
import { targetText } from '../../core/history/csv.ts'
import { deleteStretchEntry } from '../../services/storage/progress.ts'
import { longDate, pct, wallTime } from './format.ts'

interface SessionGroup {
  id: string
  session: SessionRecord | null
  results: StretchRecord[]
  sortKey: string
}

/** The routine's name as the list shows it ("Child's pose only" for a one-stretch link; see shownRoutineName). */
export const routineName = shownRoutineName

/** Sessions with their stretches, newest first. */
export function groupSessions(history: History): SessionGroup[] {
  const groups = new Map<string, SessionGroup>()
  for (const s of history.sessions)
    groups.set(s.id, { id: s.id, session: s, results: [], sortKey: s.start.utc })
  for (const r of history.results) {
    let g = groups.get(r.sessionId)
    if (!g) {
      g = { id: r.sessionId, session: null, results: [], sortKey: r.at.utc }
      groups.set(r.sessionId, g)
    }
    g.results.push(r)
    if (!g.session && r.at.utc < g.sortKey) g.sortKey = r.at.utc
  }
  for (const g of groups.values()) g.results.sort((a, b) => (a.at.utc < b.at.utc ? -1 : 1))
  return [...groups.values()]
    .filter((g) => g.results.length > 0 || g.session?.end)
    .sort((a, b) => (a.sortKey < b.sortKey ? 1 : -1))
}

const PAGE = 8

/** "target 30 s", "target 10 reps", or "target not recorded" (stretches saved before targets were kept). */
export function targetLabel(r: StretchRecord): string {
  return `target ${targetText(r.targets)}`
}

/** What the row says after the name: a measured stretch's score and sides, or how a followed one went. */
function ResultSummary({ r }: { r: StretchRecord }) {
  if (r.result === null) {
    const followed = Object.entries(r.followed).filter(([, s]) => s !== undefined)
    return (
      <>
        <span className="result-source">— followed on desktop</span>
        {r.outcome === 'completed' && <span className="tag tag-done">done</span>}
        {r.outcome === 'skipped' && <span className="tag">skipped</span>}
        {r.outcome === 'stopped-for-pain' && (
          <span className="tag tag-pain">stopped for pain (not counted against you)</span>
        )}
        <span className="result-detail">
          {[
            ...followed.map(
              ([side, s]) =>
                `${side === 'both' ? '' : side + ': '}${s!.reps !== null ? `${s!.reps} reps with the coach` : `${Math.round(s!.seconds)} s followed`}`,
            ),
            targetLabel(r),
            'not measured, so no score',
          ].join('; ')}
        </span>
      </>
    )
  }
  const sides = Object.entries(r.result.sides).filter(([, s]) => s !== undefined)
  return (
    <>
      <span className="result-score">score {r.result.score}</span>
      {r.outcome === 'stopped-for-pain' && (
        <span className="tag tag-pain">stopped for pain (not counted against you)</span>
      )}
      {(r.outcome === 'partial' || r.outcome === 'skipped') && (
        <span className="tag">not completed</span>
      )}
      <span className="result-detail">
        {[
          ...sides.map(
            ([side, s]) =>
              `${side === 'both' ? '' : side + ': '}${s!.reps !== null ? `${s!.reps} reps` : `${Math.round(s!.holdSeconds)} s held`}, range ${pct(s!.range)}, steadiness ${pct(s!.stability)}`,
          ),
          targetLabel(r),
        ].join('; ')}
      </span>
    </>
  )
}

function ResultRow({ r }: { r: StretchRecord }) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const name = STRETCHES[r.stretch].name
  return (
    <li className="result" data-result={r.id} data-source={r.source}>
      <span className="result-name">{name}</span> <ResultSummary r={r} />
      {!confirming ? (
        <button
          type="button"
          className="link-button"
          onClick={() => setConfirming(true)}
          aria-label={`Delete ${name} at ${wallTime(r.at.utc, r.at.timeZone)}`}
        >
          Delete
        </button>
      ) : (
        <span className="confirm" role="group" aria-label={`Confirm deleting ${name}`}>
          Delete this entry for good?{' '}
          <button
            type="button"
            className="button danger small"
            disabled={busy}
            onClick={async () => {
              setBusy(true)
              await deleteStretchEntry(r.id)
              setBusy(false)
              setConfirming(false)
            }}
          >
            Yes, delete
          </button>{' '}
          <button
            type="button"
            className="button secondary small"
            autoFocus
            onClick={() => setConfirming(false)}
          >
            Keep it
          </button>
        </span>
      )}
    </li>
  )
}

/** Stretches shown at first in one session (a routine has at most ten); more on request. */
const RESULTS_SHOWN = 12

function SessionResults({ results }: { results: StretchRecord[] }) {
  const [shown, setShown] = useState(RESULTS_SHOWN)
  const rest = results.length - shown
  return (
    <>
      <ul className="results">
        {results.slice(0, shown).map((r) => (
          <ResultRow key={r.id} r={r} />
        ))}
      </ul>
      {rest > 0 && (
        <button
          type="button"
          className="link-button"
          onClick={() => setShown((n) => n + RESULTS_SHOWN)}
        >
          Show {Math.min(rest, RESULTS_SHOWN)} more stretches of this session ({rest} not shown)
        </button>
      )}
    </>
  )
}

/**
 * Every session with each stretch's result, a page of eight at a time (newest
 * first), so a long history never makes the list long; a wrong entry can be
 * deleted after a confirmation.
 */
export function SessionList({ history }: { history: History }) {
  const [page, setPage] = useState(0)
  // Grouped in a render of its own after the rest of the page, so a large history never blocks it.
  const deferred = useDeferredValue(history)
  const groups = useMemo(() => groupSessions(deferred), [deferred])
  if (groups.length === 0) return <p>No sessions yet. Finished stretches appear here.</p>
  const pages = Math.ceil(groups.length / PAGE)
  // A deletion can shorten the list under the page shown.
  const at = Math.min(page, pages - 1)
  const from = at * PAGE
  const shown = groups.slice(from, from + PAGE)
  return (
    <>
      <ol className="sessions" data-testid="sessions" start={from + 1}>
        {shown.map((g) => {
          const stamp = g.session?.start ?? g.results[0]!.at
          const routineId = g.session?.routineId ?? g.results[0]!.routineId
          return (
            <li key={g.id} className="session" data-session={g.id}>
              <h3>
                {longDate(stamp.localDate)}, {wallTime(stamp.utc, stamp.timeZone)}:{' '}
                {shownRoutineName(routineId, g.session?.routineName)}
              </h3>
              {g.session && (g.session.painBefore !== null || g.session.painAfter !== null) && (
                <p className="session-pain">
                  Pain before {g.session.painBefore ?? '–'} / 10, after {g.session.painAfter ?? '–'}{' '}
                  / 10
                  {g.session.stoppedForPain ? ' · stopped for pain' : ''}
                </p>
              )}
              <SessionResults results={g.results} />
            </li>
          )
        })}
      </ol>
      {pages > 1 && (
        <div className="pager" role="group" aria-label="Sessions shown">
          <button
            type="button"
            className="button secondary small"
            disabled={at === 0}
            onClick={() => setPage(at - 1)}
          >
            ← Newer sessions
          </button>{' '}
          <span className="pager-span" data-testid="sessions-span">
            Sessions {from + 1}–{from + shown.length} of {groups.length}
          </span>{' '}
          <button
            type="button"
            className="button secondary small"
            disabled={at >= pages - 1}
            onClick={() => setPage(at + 1)}
          >
            Older sessions →
          </button>
        </div>
      )}
    </>
  )
}

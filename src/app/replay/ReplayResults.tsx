/**
 * The results of a replayed trace, one element per stretch result with its stretch
 * id and integer score in data attributes (what the browser tests compare with the
 * command line's), and per side the hold or repetitions, range, steadiness and score.
 */
import type { SideResult, StretchResult } from '../../core/result.ts'
import { STRETCHES } from '../../core/stretches.ts'

const SIDE_NAMES = { left: 'Left', right: 'Right', both: 'Both sides' } as const

function pct(x: number): string {
  return Math.round(x * 100) + ' %'
}

function sideLine(side: SideResult): string {
  const work =
    side.reps === null ? 'hold ' + side.holdSeconds.toFixed(1) + ' s' : side.reps + ' reps'
  return (
    work +
    ' · range ' +
    pct(side.range) +
    ' · steadiness ' +
    pct(side.stability) +
    ' · score ' +
    Math.round(side.score)
  )
}

export function ReplayResults({
  results,
  onPick,
}: {
  results: readonly StretchResult[]
  /** jumps the playhead to the i-th result's stretch */
  onPick?: (i: number) => void
}) {
  if (results.length === 0) return <p>No stretch was found in this trace.</p>
  return (
    <ol className="replay-results" aria-label="Results">
      {results.map((r, i) => (
        <li key={i} data-stretch={r.stretch} data-score={r.score} className="replay-result">
          <div className="replay-result-head">
            <strong>{STRETCHES[r.stretch].name}</strong>
            <span className="replay-score" aria-label={'score ' + r.score}>
              {r.score}
            </span>
          </div>
          <ul>
            {(['left', 'right', 'both'] as const).map((s) => {
              const side = r.sides[s]
              return side ? (
                <li key={s}>
                  {SIDE_NAMES[s]}: {sideLine(side)}
                </li>
              ) : null
            })}
          </ul>
          <p className="replay-result-note">
            {r.pain ? 'Stopped for pain. ' : r.completed ? 'Completed. ' : 'Not completed. '}
            Tracked {pct(r.trackedFraction)} of the time
            {r.skippedFrames > 0 ? ' · ' + r.skippedFrames + ' frames skipped' : ''}.
            {onPick && (
              <>
                {' '}
                <button type="button" className="linkish" onClick={() => onPick(i)}>
                  Show in the replay
                </button>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  )
}

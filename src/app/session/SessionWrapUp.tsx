import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { STRETCHES } from '../../core/stretches.ts'
import { PainScale } from '../safety/PainScale.tsx'
import { PAIN_STOP_ADVICE } from '../safety/safetyTexts.ts'
import {
  clearSession,
  useSessionStore,
  type FinishedSide,
  type FinishedSummary,
  type SessionState,
} from '../../services/session/sessionStore.ts'
import { handToReplay } from '../../services/replay/handoff.ts'
import './session.css'

/** A 0–1 fraction as a whole percentage, rounded down (as the progress view does: 94.5 % never reads as 95 %). */
function percent(x: number): string {
  return `${Math.floor(x * 100 + 1e-9)} %`
}

/** Whole seconds held, rounded down, so an unfinished hold never reads as the target. */
function wholeSeconds(s: number): number {
  return Math.floor(s + 1e-6)
}

/** What one side did against its target: "held 28 s of 30 s" or "8 of 10 repetitions". */
export function sideAmount(
  side: Pick<FinishedSide, 'holdSeconds' | 'reps'>,
  f: Pick<FinishedSummary, 'targetHoldSeconds' | 'targetReps'>,
): string {
  if (side.reps !== null || f.targetReps !== null) {
    const reps = side.reps ?? 0
    return f.targetReps !== null
      ? `${reps} of ${f.targetReps} repetitions`
      : `${reps} repetition${reps === 1 ? '' : 's'}`
  }
  const held = wholeSeconds(side.holdSeconds)
  return f.targetHoldSeconds !== null
    ? `held ${held} s of ${f.targetHoldSeconds} s`
    : `held ${held} s`
}

/** One side's full line: "Left side: held 28 s of 30 s, range 93 %, steadiness 88 %, score 91". */
export function sideText(
  side: FinishedSide,
  f: Pick<FinishedSummary, 'targetHoldSeconds' | 'targetReps'>,
): string {
  const where = side.side === 'both' ? '' : `${side.side === 'left' ? 'Left' : 'Right'} side: `
  return `${where}${sideAmount(side, f)}, range ${percent(side.range)}, steadiness ${percent(side.stability)}, score ${side.score}`
}

/** The stretch's outcome: done, not finished, or stopped for pain (kept, never counted against the user). */
export function outcomeText(f: Pick<FinishedSummary, 'pain' | 'completed' | 'score'>): string {
  if (f.pain) return `stopped for pain, kept ${f.score} points (never counts against you)`
  return f.completed ? `done, ${f.score} points` : `not finished, ${f.score} points`
}

function saveText(f: Pick<FinishedSummary, 'save' | 'message'>): string {
  if (f.save === 'saving') return 'Saving…'
  if (f.save === 'saved') return 'Saved'
  return f.message ?? 'Not saved.'
}

/** Where the check-out given in the headset stands: "Saving…", "Saved." or why it was not. */
export function endSaveText(
  endSave: SessionState['endSave'],
  storageMessage: string | null,
): string | null {
  if (endSave === 'saving') return 'Saving the check-out and the end of the session…'
  if (endSave === 'saved') return 'Session saved.'
  if (endSave === 'failed')
    return storageMessage ?? 'Not saved: this device could not store the end of the session.'
  return null
}

/** Downloads text as a file without any request: an object URL clicked once, then revoked. */
function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * The names of achievements earned this session. The catalogue sits with the
 * history code (date-fns and all), which the home page's first paint does not
 * load: the ids stand in until it arrives.
 */
function useAchievementNames(ids: readonly string[]): string[] {
  const [titles, setTitles] = useState<ReadonlyMap<string, string> | null>(null)
  const wanted = ids.length > 0
  useEffect(() => {
    if (!wanted) return
    let live = true
    import('../../core/history/achievements.ts')
      .then(({ ACHIEVEMENTS }) => {
        if (live) setTitles(new Map(ACHIEVEMENTS.map((a) => [a.id, a.title])))
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [wanted])
  return ids.map((id) => titles?.get(id) ?? id)
}

/** What the wrap-up reads of the session store. */
export type WrapUpSession = Pick<
  SessionState,
  | 'prepared'
  | 'routineName'
  | 'finished'
  | 'stoppedForPain'
  | 'pendingSaves'
  | 'painAfter'
  | 'endSave'
  | 'unlocked'
  | 'traceText'
  | 'traceFileName'
>

function pickWrapUp(s: SessionState): WrapUpSession {
  return {
    prepared: s.prepared,
    routineName: s.routineName,
    finished: s.finished,
    stoppedForPain: s.stoppedForPain,
    pendingSaves: s.pendingSaves,
    painAfter: s.painAfter,
    endSave: s.endSave,
    unlocked: s.unlocked,
    traceText: s.traceText,
    traceFileName: s.traceFileName,
  }
}

/** The wrap-up of the session that just finished, on the home page; nothing otherwise. */
export function SessionWrapUp() {
  const finishedNow = useSessionStore((s) => s.status === 'finished')
  const session = useSessionStore(useShallow(pickWrapUp))
  // Mounted afresh for each finished session, so no answer of the last one lingers.
  return finishedNow ? <WrapUpView session={session} /> : null
}

/**
 * After a headset session: every stretch's result per side against its target
 * and whether it was saved, what was earned, the pain check-out (asked here
 * only when it was not answered in the headset), and the recorded trace to
 * download, if the user asked for one.
 */
export function WrapUpView({ session }: { session: WrapUpSession }) {
  const {
    prepared,
    routineName,
    finished,
    stoppedForPain,
    pendingSaves,
    painAfter,
    endSave,
    unlocked,
    traceText,
    traceFileName,
  } = session
  const earnedNames = useAchievementNames(unlocked)
  const [pain, setPain] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [ended, setEnded] = useState(false)
  const sessionId = prepared?.sessionId ?? null
  const storageMessage = prepared?.storageMessage ?? null
  const answeredInHeadset = painAfter !== null

  const finish = async (after: number | null) => {
    if (busy) return
    setBusy(true)
    if (sessionId) {
      try {
        const { endSession } = await import('../../services/storage/progress.ts')
        const out = await endSession(sessionId, after, stoppedForPain)
        setMessage(out.ok ? 'Session saved.' : out.message)
        useSessionStore.setState({ endSave: out.ok ? 'saved' : 'failed' })
      } catch (e) {
        setMessage('Not saved: storage could not load (' + String(e).slice(0, 120) + ').')
        useSessionStore.setState({ endSave: 'failed' })
      }
    } else {
      setMessage(storageMessage ?? 'This session could not be saved on this device.')
      useSessionStore.setState({ endSave: 'failed' })
    }
    setEnded(true)
    setBusy(false)
  }

  const headsetSaveText = endSaveText(endSave, storageMessage)
  return (
    <section
      className="session-wrapup"
      aria-labelledby="wrapup-title"
      data-testid="wrap-up"
      data-pain-stop={String(stoppedForPain)}
    >
      <h2 id="wrapup-title">{stoppedForPain ? 'Session stopped for pain' : 'Session finished'}</h2>
      {routineName && <p className="wrapup-routine">{routineName}</p>}
      {stoppedForPain && <p>{PAIN_STOP_ADVICE}</p>}
      {finished.length === 0 ? (
        <p>No stretch was scored in this session.</p>
      ) : (
        <ul className="wrapup-list">
          {finished.map((f, i) => (
            <li key={i} data-stretch={f.stretch} data-save={f.save} data-pain={String(f.pain)}>
              <strong>{STRETCHES[f.stretch].name}</strong>: {outcomeText(f)} ·{' '}
              <span className={f.save === 'failed' ? 'save-failed' : undefined}>{saveText(f)}</span>
              {f.sides.length > 0 && (
                <ul className="wrapup-sides">
                  {f.sides.map((side) => (
                    <li key={side.side} data-side={side.side}>
                      {sideText(side, f)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {pendingSaves > 0 && <p role="status">Saving your results…</p>}
      {earnedNames.length > 0 && (
        // After a pain stop this plain line is all there is: no banner, confetti or tune.
        <p className="wrapup-earned" data-testid="wrap-up-earned">
          {stoppedForPain ? 'Also earned: ' : 'Earned this session: '}
          {earnedNames.join(', ')}.
        </p>
      )}
      {traceText && traceFileName && (
        <p>
          <button
            type="button"
            className="button secondary"
            onClick={() => downloadText(traceText, traceFileName)}
          >
            Download the recording
          </button>{' '}
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              handToReplay(traceText, traceFileName)
              window.location.hash = '#/replay'
            }}
          >
            Open in replay
          </button>{' '}
          It stays in this tab only; it is gone when you close it or press Done.
        </p>
      )}
      {answeredInHeadset ? (
        <div>
          <p data-testid="pain-after">Pain after: {painAfter} / 10 (given in the headset)</p>
          <p role="status" className={endSave === 'failed' ? 'save-failed' : undefined}>
            {headsetSaveText}
          </p>
          <button type="button" className="button" onClick={clearSession}>
            Done
          </button>
        </div>
      ) : !ended ? (
        <div>
          <PainScale legend="How is your back now?" value={pain} onChange={setPain} />
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              disabled={busy || pain === null}
              onClick={() => void finish(pain)}
            >
              Save check-in
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void finish(null)}
            >
              Skip
            </button>
          </div>
        </div>
      ) : (
        <div>
          <p role="status">{message}</p>
          <button type="button" className="button" onClick={clearSession}>
            Done
          </button>
        </div>
      )}
    </section>
  )
}

import { useState } from 'react'
import { STRETCHES } from '../../core/stretches.ts'
import { PainScale } from '../safety/PainScale.tsx'
import { clearSession, useSessionStore, type FinishedSummary } from '../../services/session/sessionStore.ts'
import './session.css'

function outcomeText(f: FinishedSummary): string {
  if (f.pain) return `stopped for pain, kept ${f.score} points (never counts against you)`
  return f.completed ? `done, ${f.score} points` : `not finished, ${f.score} points`
}

function saveText(f: FinishedSummary): string {
  if (f.save === 'saving') return 'Saving…'
  if (f.save === 'saved') return 'Saved'
  return f.message ?? 'Not saved.'
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
 * After a headset session: what each stretch scored and whether it was saved,
 * the pain check-in after (skippable; recorded with the session's end), and
 * the recorded trace to download, if the user asked for one.
 */
export function SessionWrapUp() {
  const status = useSessionStore((s) => s.status)
  const prepared = useSessionStore((s) => s.prepared)
  const finished = useSessionStore((s) => s.finished)
  const stoppedForPain = useSessionStore((s) => s.stoppedForPain)
  const pendingSaves = useSessionStore((s) => s.pendingSaves)
  const traceText = useSessionStore((s) => s.traceText)
  const traceFileName = useSessionStore((s) => s.traceFileName)
  const [pain, setPain] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [ended, setEnded] = useState(false)
  if (status !== 'finished' || !prepared) return null

  const finish = async (painAfter: number | null) => {
    if (busy) return
    setBusy(true)
    if (prepared.sessionId) {
      try {
        const { endSession } = await import('../../services/storage/progress.ts')
        const out = await endSession(prepared.sessionId, painAfter, stoppedForPain)
        setMessage(out.ok ? 'Session saved.' : out.message)
      } catch (e) {
        setMessage('Not saved: storage could not load (' + String(e).slice(0, 120) + ').')
      }
    } else {
      setMessage(prepared.storageMessage ?? 'This session could not be saved on this device.')
    }
    setEnded(true)
    setBusy(false)
  }

  return (
    <section className="session-wrapup" aria-labelledby="wrapup-title" data-testid="wrap-up">
      <h2 id="wrapup-title">{stoppedForPain ? 'Session stopped for pain' : 'Session finished'}</h2>
      {stoppedForPain && (
        <p>
          Stopping was the right call. Rest, and if the pain is sharp, spreads or does not settle,
          ask a doctor or physiotherapist before your next session.
        </p>
      )}
      {finished.length === 0 ? (
        <p>No stretch was scored in this session.</p>
      ) : (
        <ul className="wrapup-list">
          {finished.map((f, i) => (
            <li key={i} data-stretch={f.stretch} data-save={f.save} data-pain={String(f.pain)}>
              <strong>{STRETCHES[f.stretch].name}</strong>: {outcomeText(f)} ·{' '}
              <span className={f.save === 'failed' ? 'save-failed' : undefined}>{saveText(f)}</span>
            </li>
          ))}
        </ul>
      )}
      {pendingSaves > 0 && <p role="status">Saving your results…</p>}
      {traceText && traceFileName && (
        <p>
          <button
            type="button"
            className="button secondary"
            onClick={() => downloadText(traceText, traceFileName)}
          >
            Download the recording
          </button>{' '}
          It stays in this tab only; it is gone when you close it or press Done.
        </p>
      )}
      {!ended ? (
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

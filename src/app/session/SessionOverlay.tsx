import { useEffect, useRef } from 'react'
import { STRETCHES } from '../../core/stretches.ts'
import { skipStep, startLiveMirror, stopForPain } from '../../services/session/liveController.ts'
import { useSessionStore } from '../../services/session/sessionStore.ts'
import './session.css'

/**
 * The page beside the headset view during a routine: the live feedback mirrored
 * as text (at most 10 times a second, for screen readers, helpers and tests),
 * what was saved, and the same "Stop: pain" and "Skip" controls as the headset.
 */
export function SessionOverlay() {
  const mirrorRef = useRef<HTMLParagraphElement>(null)
  const status = useSessionStore((s) => s.status)
  const blocked = useSessionStore((s) => s.blockedMessage)
  const finished = useSessionStore((s) => s.finished)
  const last = finished[finished.length - 1]
  useEffect(() => {
    const el = mirrorRef.current
    return el ? startLiveMirror(el) : undefined
  }, [])
  return (
    <section className="session-live" aria-label="Routine" data-status={status}>
      {blocked && <p role="alert">{blocked}</p>}
      <p ref={mirrorRef} data-testid="session-live" aria-live="off" />
      {last && (
        <p
          role="status"
          data-testid="session-saved"
          data-save={last.save}
          data-pain={String(last.pain)}
        >
          {STRETCHES[last.stretch].name}:{' '}
          {last.save === 'saving'
            ? 'Saving…'
            : last.save === 'saved'
              ? 'Saved'
              : (last.message ?? 'Not saved.')}
          {last.pain ? ' (stopped for pain)' : ''}
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="button stop-pain"
          disabled={status !== 'running'}
          onClick={stopForPain}
        >
          Stop: pain
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={status !== 'running'}
          onClick={skipStep}
        >
          Skip
        </button>
      </div>
    </section>
  )
}

/**
 * The page beside the headset view during a routine: every control the
 * headset panel has (Stop: pain, Pause or Resume, Skip; before the routine,
 * the saved height instead of standing to be measured), what was saved, and
 * the live feedback as text for screen readers, helpers and tests (at most
 * 10 times a second, never from the frame loop).
 */
import { useEffect, useRef } from 'react'
import { PHASE_TITLE } from '../../core/session/sessionTexts.ts'
import { STRETCHES } from '../../core/stretches.ts'
import {
  liveSkip,
  liveStopForPain,
  liveTogglePause,
  savedEyeHeight,
  applySavedEyeHeight,
  type LiveSession,
} from '../../services/session/liveSession.ts'
import { useSessionStore } from '../../services/session/sessionStore.ts'

/** Writes the live feedback into `el` (text and data-* attributes) every 100 ms; returns the stop function. */
function startLiveMirror(el: HTMLElement, live: LiveSession): () => void {
  const tick = () => {
    const r = live.frame.runner
    if (!r) {
      el.dataset.phase = live.frame.calibrating ? 'calibrating' : 'none'
      el.textContent = live.frame.calibrating
        ? 'Measuring your height: stand tall and still.'
        : 'No routine running.'
      return
    }
    const e = r.engine.live
    const id = r.options.routine.stretches[r.stretchIndex]
    const name = id ? STRETCHES[id].name : ''
    const hold = e.holdSeconds.toFixed(1)
    el.dataset.phase = r.phase
    el.dataset.stretch = id ?? ''
    el.dataset.hold = hold
    el.dataset.reps = String(e.reps)
    el.dataset.inPose = String(e.inPose)
    el.dataset.tracked = String(e.tracked)
    el.dataset.paused = String(r.paused)
    el.textContent =
      `${name}: ${r.paused ? 'Paused' : PHASE_TITLE[r.phase]}` +
      (e.targetReps > 0
        ? ` · ${e.reps} of ${e.targetReps} repetitions`
        : ` · held ${hold} of ${e.targetHoldSeconds} s`) +
      ` · range ${Math.round(e.range * 100)} % · steadiness ${Math.round(e.stability * 100)} %` +
      (e.tracked ? '' : ' · not tracked')
  }
  tick()
  const id = window.setInterval(tick, 100)
  return () => window.clearInterval(id)
}

/** The page's session controls and live text. */
export function SessionControls({ live }: { live: LiveSession }) {
  const mirrorRef = useRef<HTMLParagraphElement>(null)
  const status = useSessionStore((s) => s.status)
  const paused = useSessionStore((s) => s.paused)
  const finished = useSessionStore((s) => s.finished)
  const last = finished[finished.length - 1]
  const saved = status === 'calibrating' ? savedEyeHeight() : null
  useEffect(() => {
    const el = mirrorRef.current
    return el ? startLiveMirror(el, live) : undefined
  }, [live])
  const running = status === 'running'
  return (
    <section className="session-live" aria-label="Routine controls" data-status={status}>
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
      <div className="session-actions">
        <button
          type="button"
          className="button stop-pain"
          disabled={!(running || status === 'calibrating')}
          onClick={() => liveStopForPain(live)}
        >
          Stop: pain
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={!running}
          onClick={() => liveTogglePause(live)}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={!running}
          onClick={() => liveSkip(live)}
        >
          Skip
        </button>
        {saved && (
          <button
            type="button"
            className="button secondary"
            onClick={() => applySavedEyeHeight(live)}
          >
            Use my saved height
          </button>
        )}
      </div>
    </section>
  )
}

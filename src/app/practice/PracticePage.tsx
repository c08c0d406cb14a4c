/**
 * The desktop routine (a lazy chunk): the routine checked in on the home page
 * ("Practise on this computer"), led by the coach in the 3D room on the
 * headset's phases, with the timers, the breathing pacer, the sounds and the
 * spoken steps; pause, skip and stop for pain always in reach; "Mark as done"
 * or "Mark as skipped" for each stretch; at the end what was marked and the
 * pain check-out.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { Canvas } from '@react-three/fiber'
import { breathingIn, breathPhase } from '../../core/session/breathing.ts'
import { CLOCK_SESSION } from '../../core/session/runner.ts'
import { desktopSecondsLeft } from '../../core/session/desktopRunner.ts'
import { instructionText, PHASE_TITLE, sideText } from '../../core/session/sessionTexts.ts'
import { STRETCHES } from '../../core/stretches.ts'
import { useOwnRoutines } from '../../services/ownRoutinesStore.ts'
import { FirstFrameSignal } from '../../scenes/FirstFrameSignal.tsx'
import { PracticeScene } from '../../scenes/practice/PracticeScene.tsx'
import {
  createPracticeSession,
  destroyPracticeSession,
  practiceEnd,
  practiceMark,
  practiceSkip,
  practiceStopForPain,
  practiceTogglePause,
  type PracticeSession,
} from '../../services/session/practiceSession.ts'
import { clearPractice, usePracticeStore } from '../../services/session/practiceStore.ts'
import { parseSessionParams } from '../../services/session/sessionParams.ts'
import { clearSession, useSessionStore } from '../../services/session/sessionStore.ts'
import { PracticeWrapUp } from './PracticeWrapUp.tsx'
import './practice.css'

/** The routine for the checked-in session, or null when none was checked in (a reload, an old link). */
function practiceFor(): PracticeSession | null {
  const { prepared } = useSessionStore.getState()
  if (!prepared) return null
  // built-in, one stretch, or one the user built
  const routine = useOwnRoutines.getState().resolveRoutine(prepared.routineId)
  if (!routine) return null
  const params = parseSessionParams(window.location.search, window.location.hash)
  return createPracticeSession({
    prepared,
    routine,
    testHoldSeconds: params.desktopHoldSeconds,
    save: async (input) => {
      // Storage is a chunk of its own (the home page has usually loaded it already).
      const { recordFollowedStretch } = await import('../../services/storage/progress.ts')
      const out = await recordFollowedStretch(input)
      return out.ok ? { ok: true } : { ok: false, message: out.message }
    },
  })
}

/** "0:25" for seconds left (rounded up: the last second reads 0:01, not 0:00). */
function clockText(seconds: number): string {
  const s = Math.ceil(seconds - 1e-6)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * Writes the timers and the pacer into the page at most ten times a second
 * (never from the frame loop): the big timer, its data-* attributes for tests
 * and helpers, and the pacer's size and words.
 */
function startMirror(ps: PracticeSession, timer: HTMLElement, pacer: HTMLElement): () => void {
  const tick = () => {
    const r = ps.runner
    const left = desktopSecondsLeft(r)
    const id = r.options.routine.stretches[r.stretchIndex]
    const reps = r.phase === 'reps'
    timer.dataset.phase = r.finished ? 'done' : r.phase
    timer.dataset.secondsLeft = left.toFixed(1)
    timer.dataset.reps = String(Math.max(0, r.sideReps[r.sideIndex]!))
    if (r.finished) timer.textContent = ''
    else if (r.confirming) timer.textContent = 'Done?'
    else if (reps && id) {
      const dose = STRETCHES[id].dose
      timer.textContent = `${Math.max(0, r.sideReps[r.sideIndex]!)} of ${dose.kind === 'reps' ? dose.reps : 0}`
    } else timer.textContent = clockText(left)
    const breathing = (r.phase === 'hold' || reps) && !r.paused && !r.finished && !r.confirming
    pacer.hidden = !breathing
    if (breathing) {
      const clock = r.clock[CLOCK_SESSION]!
      pacer.style.setProperty('--breath', breathPhase(clock).toFixed(3))
      const words = breathingIn(clock) ? 'Breathe in' : 'Breathe out'
      if (pacer.textContent !== words) pacer.textContent = words
    }
  }
  tick()
  const handle = window.setInterval(tick, 100)
  return () => window.clearInterval(handle)
}

/** The routine's panel beside the 3D view: where the routine stands and every control. */
function PracticePanel({ ps }: { ps: PracticeSession }) {
  const s = usePracticeStore()
  const timerRef = useRef<HTMLParagraphElement>(null)
  const pacerRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const t = timerRef.current
    const p = pacerRef.current
    return t && p ? startMirror(ps, t, p) : undefined
  }, [ps])
  const last = s.marks[s.marks.length - 1]
  const stepTitle = s.confirming
    ? 'How did it go?'
    : s.paused
      ? 'Paused'
      : s.phase
        ? PHASE_TITLE[s.phase]
        : ''
  return (
    <section className="practice-panel" aria-label="Routine" data-testid="practice-panel">
      <p className="practice-progress">
        {s.routineName} · stretch {Math.min(s.stretchIndex + 1, s.stretchCount)} of {s.stretchCount}
      </p>
      <h2 className="practice-stretch" data-stretch={s.stretch ?? ''}>
        {s.stretch ? STRETCHES[s.stretch].name : ''}
        {s.side && s.side !== 'both' && (
          <span className="practice-side"> · {sideText(s.side)}</span>
        )}
      </h2>
      <p
        className="practice-step"
        data-phase={s.phase ?? ''}
        data-confirming={String(s.confirming)}
      >
        <strong>{stepTitle}</strong>{' '}
        {s.confirming
          ? 'Mark this stretch as done if you followed it, or as skipped.'
          : instructionText(s.phase, s.stretch, s.side, s.next)}
      </p>
      <div className="practice-timer-row">
        <p ref={timerRef} className="practice-timer" data-testid="practice-timer" aria-live="off" />
        <div ref={pacerRef} className="practice-pacer" aria-hidden="true" hidden />
      </div>
      <div className="practice-actions">
        <button
          type="button"
          className="button"
          disabled={!s.canMark}
          onClick={() => practiceMark(ps, 'completed')}
        >
          Mark as done
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={!s.canMark}
          onClick={() => practiceMark(ps, 'skipped')}
        >
          Mark as skipped
        </button>
      </div>
      <div className="practice-actions">
        <button type="button" className="button stop-pain" onClick={() => practiceStopForPain(ps)}>
          Stop: pain
        </button>
        <button type="button" className="button secondary" onClick={() => practiceTogglePause(ps)}>
          {s.paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={s.confirming}
          onClick={() => practiceSkip(ps)}
        >
          Skip
        </button>
        <button type="button" className="button secondary" onClick={() => practiceEnd(ps)}>
          End routine
        </button>
      </div>
      {last && (
        <p
          role="status"
          className={last.save === 'failed' ? 'save-failed' : 'practice-saved'}
          data-testid="practice-saved"
          data-save={last.save}
        >
          {STRETCHES[last.stretch].name}:{' '}
          {last.save === 'saving'
            ? 'Saving…'
            : last.save === 'saved'
              ? 'Saved'
              : (last.message ?? 'Not saved.')}
        </p>
      )}
    </section>
  )
}

/** The desktop routine. */
export default function PracticePage() {
  const prepared = useSessionStore((s) => s.prepared)
  const status = usePracticeStore((s) => s.status)
  const [ps] = useState<PracticeSession | null>(practiceFor)
  const [ready, setReady] = useState(false)
  const onFirstFrame = useCallback(() => setReady(true), [])

  // Nothing checked in (a reload, an old link): the routine starts from the home page.
  useEffect(() => {
    if (!prepared && !ps) window.location.hash = '#/'
  }, [prepared, ps])

  // Leaving the page ends the routine where it stood; what was marked is saved already.
  // The end waits a task: React's development checks unmount and remount a page at once.
  const teardown = useRef<number | null>(null)
  useEffect(() => {
    if (!ps) return
    if (teardown.current !== null) window.clearTimeout(teardown.current)
    teardown.current = null
    return () => {
      teardown.current = window.setTimeout(() => {
        destroyPracticeSession(ps)
        clearPractice()
        clearSession()
      }, 0)
    }
  }, [ps])

  if (!ps) return <p className="loading">No routine was started. Back to the home page…</p>
  const finished = status === 'finished'
  return (
    <div className="practice" data-ready={ready ? 'true' : 'false'} data-status={status}>
      <div
        className="practice-canvas"
        role="img"
        aria-label="The coach in the 3D room, leading the routine. Drag to turn the view."
      >
        <Canvas
          dpr={[1, 2]}
          camera={{ position: [0.2, 1.55, 3.2], fov: 45, near: 0.05, far: 50 }}
          data-testid="practice-canvas"
        >
          <PracticeScene ps={ps} />
          <FirstFrameSignal onFirstFrame={onFirstFrame} />
        </Canvas>
      </div>
      <nav className="practice-bar" aria-label="Desktop routine">
        <a className="button secondary" href="#/">
          ← Home
        </a>
        <h1>Routine on this computer</h1>
      </nav>
      <div className="practice-side-panel">
        {finished ? <PracticeWrapUp ps={ps} /> : <PracticePanel ps={ps} />}
      </div>
    </div>
  )
}

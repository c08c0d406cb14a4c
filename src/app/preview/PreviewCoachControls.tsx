/**
 * The desktop preview's coach controls (DOM): stretch picker, step captions,
 * side, countdown, play/pause and a scrubber over the demonstration.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { invalidate } from '@react-three/fiber'
import { STRETCHES, STRETCH_IDS, isStretchId, type StretchId } from '../../core/stretches.ts'
import { coachLive, useCoachStore } from '../../services/preview/coachStore.ts'
import './coachControls.css'

/** Whole seconds, for display. */
function secs(t: number): string {
  return String(Math.max(0, Math.ceil(t - 1e-6)))
}

interface Shown {
  timeS: number
  durationS: number
  step: number
  side: 'left' | 'right' | 'both'
  holdRemaining: number
  rep: number
  phase: string
}

function readLive(): Shown {
  return {
    timeS: Math.round(coachLive.timeS * 10) / 10,
    durationS: coachLive.durationS,
    step: coachLive.step,
    side: coachLive.side,
    holdRemaining: Math.ceil(coachLive.holdRemaining),
    rep: coachLive.rep,
    phase: coachLive.phase,
  }
}

function sameShown(a: Shown, b: Shown): boolean {
  return (
    a.timeS === b.timeS &&
    a.durationS === b.durationS &&
    a.step === b.step &&
    a.side === b.side &&
    a.holdRemaining === b.holdRemaining &&
    a.rep === b.rep &&
    a.phase === b.phase
  )
}

const SIDE_TEXT = { left: 'Left side', right: 'Right side', both: 'Both sides together' } as const

/** DOM controls for the coach: stretch picker, step captions, side, countdown, play/pause and a scrubber. */
export function PreviewCoachControls({
  onPicked,
}: {
  /** called after the user picks a stretch (the preview writes it into the address) */
  onPicked?: (id: StretchId) => void
} = {}) {
  const stretch = useCoachStore((s) => s.stretch)
  const playing = useCoachStore((s) => s.playing)
  const setStretch = useCoachStore((s) => s.setStretch)
  const setPlaying = useCoachStore((s) => s.setPlaying)
  const [shown, setShown] = useState<Shown>(readLive)
  const shownRef = useRef(shown)

  // The DOM follows the frame loop's live values a few times a second (never from inside useFrame).
  useEffect(() => {
    const id = window.setInterval(() => {
      const next = readLive()
      if (!sameShown(next, shownRef.current)) {
        shownRef.current = next
        setShown(next)
      }
    }, 150)
    return () => window.clearInterval(id)
  }, [])

  const s = STRETCHES[stretch]
  const caption = s.steps[Math.min(shown.step, s.steps.length - 1)] ?? ''
  const reps = s.dose.kind === 'reps' ? s.dose.reps : 0

  const onPick = (e: ChangeEvent<HTMLSelectElement>): void => {
    const id = e.target.value
    if (isStretchId(id)) {
      setStretch(id)
      invalidate()
      onPicked?.(id)
    }
  }
  const onScrub = (e: ChangeEvent<HTMLInputElement>): void => {
    const t = Number(e.target.value)
    if (!Number.isFinite(t)) return
    coachLive.timeS = Math.min(Math.max(0, t), coachLive.durationS)
    invalidate()
  }
  const showHold = (): void => {
    setPlaying(false)
    coachLive.timeS = coachLive.firstHoldS
    invalidate()
  }

  return (
    <section className="coach-controls" aria-label="Coach demonstration">
      <div className="coach-row">
        <label className="coach-pick">
          <span>Stretch</span>
          <select value={stretch} onChange={onPick} data-testid="coach-stretch">
            {STRETCH_IDS.map((id) => (
              <option key={id} value={id}>
                {STRETCHES[id].name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          aria-pressed={playing}
          onClick={() => {
            setPlaying(!playing)
            invalidate()
          }}
          data-testid="coach-play"
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={showHold}
          data-testid="coach-show-hold"
        >
          Show the held pose
        </button>
      </div>
      <p className="coach-caption" aria-live="polite" data-testid="coach-caption">
        <span className="coach-step">
          Step {Math.min(shown.step, s.steps.length - 1) + 1} of {s.steps.length}:
        </span>{' '}
        {caption}
      </p>
      <p className="coach-status" data-testid="coach-status">
        <span>{SIDE_TEXT[shown.side]}</span>
        {shown.holdRemaining > 0 && (
          <span data-testid="coach-countdown"> · Hold {secs(shown.holdRemaining)} s</span>
        )}
        {reps > 0 && shown.rep > 0 && (
          <span>
            {' '}
            · Repetition {shown.rep} of {reps}
          </span>
        )}
      </p>
      <label className="coach-scrub">
        <span className="visually-hidden">Demonstration time</span>
        <input
          type="range"
          min={0}
          max={Math.round(shown.durationS * 10) / 10}
          step={0.1}
          value={shown.timeS}
          onChange={onScrub}
          aria-valuetext={`${secs(shown.timeS)} of ${secs(shown.durationS)} seconds`}
          data-testid="coach-scrub"
        />
      </label>
    </section>
  )
}

/**
 * The coach in the desktop preview (on the mat, or at the countertop for
 * cat-cow), its DOM controls (stretch, captions, side, countdown, play, pause,
 * scrub), and the coach inside an immersive session, placed from the head pose.
 */
import { Suspense, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { invalidate, useFrame, useThree } from '@react-three/fiber'
import { Quaternion, type Group } from 'three'
import { CoachAvatar } from '../avatar/CoachAvatar.tsx'
import { statureFromEyeHeight } from '../core/bodyModel.ts'
import { COUNTER_EDGE_Z_H } from '../core/coach/keyframes.ts'
import { createCoachPlacement, placeCoach } from '../core/coach/placement.ts'
import { STRETCHES, STRETCH_IDS, isStretchId, type StretchId } from '../core/stretches.ts'
import { useEyeHeightM } from '../services/settings.ts'
import { useSessionStore } from '../services/session/sessionStore.ts'
import { COUNTER } from './roomLayout.ts'
import { coachLive, prefersReducedMotion, useCoachStore } from '../services/preview/coachStore.ts'
import { coachHooks } from './coach/coachHooks.ts'
import { XRCaption } from './coach/XRCaption.tsx'
import './coach/coachControls.css'

/** Where the preview coach stands for a stretch: on the mat, lengthwise; at the counter for cat-cow. */
function previewPlacement(
  stretch: StretchId,
  statureM: number,
): { x: number; z: number; yaw: number } {
  if (stretch === 'cat-cow') {
    const edgeX = COUNTER.centre[0] + COUNTER.depthM / 2
    return { x: edgeX + COUNTER_EDGE_Z_H * statureM, z: COUNTER.centre[2], yaw: -Math.PI / 2 }
  }
  return { x: 0, z: 0, yaw: Math.PI / 2 }
}

/** The rigged coach on the mat of the desktop preview, playing the chosen stretch. */
export function PreviewCoach() {
  const stretch = useCoachStore((s) => s.stretch)
  const playing = useCoachStore((s) => s.playing)
  const statureM = statureFromEyeHeight(useEyeHeightM())
  const invalidateFrame = useThree((s) => s.invalidate)
  const place = previewPlacement(stretch, statureM)
  const reducedMotion = useMemo(prefersReducedMotion, [])
  return (
    <group position={[place.x, 0, place.z]} rotation-y={place.yaw} name="preview-coach">
      <Suspense fallback={null}>
        <CoachAvatar
          stretch={stretch}
          statureM={statureM}
          playing={playing}
          clock={coachLive}
          onFrame={playing ? invalidateFrame : undefined}
          startAtHold={reducedMotion}
        />
      </Suspense>
    </group>
  )
}

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
export function PreviewCoachControls() {
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
    if (isStretchId(e.target.value)) {
      setStretch(e.target.value)
      invalidate()
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

const _head = new Float64Array(7)
const _hq = new Quaternion()
/** Seconds between checks of where the coach should be in the headset. */
const REPLACE_EVERY_S = 1

/** The coach inside an immersive session: beside the user, or above their line of sight when they lie down. */
export function XRCoach() {
  const sessionStretch = useSessionStore((s) => s.stretch)
  const chosen = useCoachStore((s) => s.stretch)
  const stretch = sessionStretch ?? chosen
  const eyeM = useEyeHeightM()
  const statureM = statureFromEyeHeight(eyeM)
  const group = useRef<Group>(null)
  const caption = useRef<Group>(null)
  const placement = useMemo(() => createCoachPlacement(), [])
  const state = useRef({ since: REPLACE_EVERY_S, placed: false, lying: false })
  const clock = useMemo(() => ({ ...coachLive, timeS: 0 }), [])
  const posture = STRETCHES[stretch].posture

  useFrame((three, delta, frame) => {
    const g = group.current
    if (!g || !frame) return
    const st = state.current
    st.since += delta
    if (st.placed && st.since < REPLACE_EVERY_S) return
    st.since = 0
    const ref = three.gl.xr.getReferenceSpace()
    if (!ref) return
    const pose = (frame as XRFrame).getViewerPose(ref)
    if (!pose) return
    const p = pose.transform.position
    const o = pose.transform.orientation
    _head[0] = p.x
    _head[1] = p.y
    _head[2] = p.z
    _head[3] = o.x
    _head[4] = o.y
    _head[5] = o.z
    _head[6] = o.w
    // lying placement once the user is down on the floor for a stretch on the back
    const lying = posture === 'lying' && p.y < 0.35 * statureM
    if (st.placed && lying === st.lying) return
    if (!placeCoach(placement, _head, lying ? 'lying' : posture)) return
    st.placed = true
    st.lying = lying
    g.position.set(placement.position[0]!, placement.position[1]!, placement.position[2]!)
    g.quaternion.set(
      placement.quaternion[0]!,
      placement.quaternion[1]!,
      placement.quaternion[2]!,
      placement.quaternion[3]!,
    )
    g.visible = true
    const c = caption.current
    if (c) {
      c.position.set(
        placement.captionPosition[0]!,
        placement.captionPosition[1]!,
        placement.captionPosition[2]!,
      )
      // text upright for the user: the panel's up is the head's up axis, its face toward the eyes
      _hq.set(o.x, o.y, o.z, o.w)
      c.up.set(0, 1, 0).applyQuaternion(_hq)
      c.lookAt(p.x, p.y, p.z)
      c.visible = true
    }
    coachHooks.placed = true
    coachHooks.lying = lying
    coachHooks.position[0] = placement.position[0]!
    coachHooks.position[1] = placement.position[1]!
    coachHooks.position[2] = placement.position[2]!
    coachHooks.placements += 1
  })

  return (
    <>
      <group ref={group} visible={false} name="xr-coach">
        <Suspense fallback={null}>
          <CoachAvatar stretch={stretch} statureM={statureM} playing clock={clock} />
        </Suspense>
      </group>
      <group ref={caption} visible={false} name="xr-coach-caption-anchor">
        <XRCaption stretch={stretch} clock={clock} />
      </group>
    </>
  )
}

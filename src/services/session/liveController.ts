/**
 * The live session's controller: one runner at a time, wired to the progress
 * storage, the session store and (when the user asked) a trace recording. The
 * headset scene steps it every XR frame; the page's buttons, the controller's
 * B/Y button and the XR session's visibility reach it through the functions
 * here. No three.js: the scene owns the frame loop, this owns the session.
 */
import type { Phase } from '../../core/phase.ts'
import { STRETCHES } from '../../core/stretches.ts'
import {
  createTraceRecorder,
  recordedTraceText,
  traceFileName,
  type TraceRecorder,
} from '../../tracking/recorder.ts'
import { recordResult } from '../storage/progress.ts'
import {
  createRunner,
  endRunner,
  NORMAL_TIMING,
  painRunner,
  QUICK_TIMING,
  skipRunner,
  visibilityRunner,
  type SaveResult,
  type SessionRunner,
} from '../../core/session/runner.ts'
import type { SessionParams } from './sessionParams.ts'
import { keepTrace, type PreparedSession } from './sessionStore.ts'
import { syncSessionStore } from './sessionSync.ts'

let active: SessionRunner | null = null
let activeKey: object | null = null
let recorder: TraceRecorder | null = null
let pendingRelease: ReturnType<typeof setTimeout> | null = null
// Headset sessions a routine was started (or is starting) for: one routine per XR session.
const startedFor = new WeakSet<object>()

/** Stores a result through the progress API (resolves, never rejects). */
const saveThroughProgress: SaveResult = async (input) => {
  const out = await recordResult(input)
  return out.ok ? { ok: true } : { ok: false, message: out.message }
}

/** What starting a live session needs beyond the checked-in routine. */
export interface LiveStart {
  /** the XR session this routine belongs to (one routine per XR session) */
  key: object
  prepared: PreparedSession
  params: SessionParams
  eyeHeightM: number
  /** trace header fields */
  source: 'webxr' | 'emulated'
  refreshRate: number | null
  /** overrides storage (tests) */
  save?: SaveResult
}

/** Starts the routine for a headset session that just began; replaces any runner left over. */
export function startLiveSession(start: LiveStart): SessionRunner {
  if (active) finishLiveSession()
  const { prepared, params } = start
  activeKey = start.key
  startedFor.add(start.key)
  recorder = prepared.record
    ? createTraceRecorder({
        format: 'pose-trace',
        version: 1,
        recordedAt: new Date().toISOString(),
        source: start.source,
        ...(start.refreshRate ? { refreshRate: start.refreshRate } : {}),
        calibration: { eyeHeight: start.eyeHeightM },
      })
    : null
  const quick = params.testHoldSeconds !== null
  active = createRunner({
    routine: params.routine,
    sessionId: prepared.sessionId,
    eyeHeightM: start.eyeHeightM,
    holdSeconds: quick ? params.testHoldSeconds : prepared.holdSeconds,
    timing: quick ? QUICK_TIMING : NORMAL_TIMING,
    save: start.save ?? saveThroughProgress,
    onEdge: onEdge,
    recorder,
  })
  syncSessionStore(active)
  return active
}

function onEdge(r: SessionRunner): void {
  syncSessionStore(r)
  if (r.finished && r === active && recorder) {
    keepTrace(recordedTraceText(recorder), traceFileName(recorder))
    recorder = null
  }
}

/** The runner of the running headset session, or null. */
export function activeRunner(): SessionRunner | null {
  return active
}

/** Stop for pain, from any control: the page button, the headset panel or the B/Y button. */
export function stopForPain(): void {
  if (active) painRunner(active)
}

/** Moves on: skips a demonstration or pause, or ends the current side as it is. */
export function skipStep(): void {
  if (active) skipRunner(active)
}

/** The XR session's visibility changed. */
export function liveVisibility(state: XRVisibilityState): void {
  if (active) visibilityRunner(active, state)
}

/** The headset session ended: what the running stretch held is kept; the runner is let go. */
export function finishLiveSession(): void {
  const r = active
  if (!r) return
  endRunner(r)
  active = null
  activeKey = null
}

/**
 * Marks the XR session as having its routine: true the first time only, so a
 * re-mounted view (React's development double effects) never starts a second one.
 */
export function markStarting(key: object): boolean {
  if (startedFor.has(key)) return false
  startedFor.add(key)
  return true
}

/** The view showing `key` mounted (again): cancels a pending release of its runner. */
export function claimLiveSession(key: object): void {
  if (pendingRelease !== null && activeKey === key) {
    clearTimeout(pendingRelease)
    pendingRelease = null
  }
}

/** The view showing `key` unmounted: ends its routine unless it mounts again at once. */
export function releaseLiveSession(key: object): void {
  if (activeKey !== key) return
  if (pendingRelease !== null) clearTimeout(pendingRelease)
  pendingRelease = setTimeout(() => {
    pendingRelease = null
    if (activeKey === key) finishLiveSession()
  }, 0)
}

const PHASE_TEXT: { readonly [P in Phase]: string } = {
  demonstrate: 'Watch the coach',
  getIntoPosition: 'Get into position',
  hold: 'Holding',
  reps: 'Repetitions',
  switchSide: 'Switch sides',
  rest: 'Rest',
  done: 'Finished',
}

/** The page's mirror of the live feedback: one line of text and data-* attributes, at most 10 times a second. */
export function startLiveMirror(el: HTMLElement): () => void {
  const tick = () => {
    const r = active
    if (!r) {
      if (el.dataset.phase !== 'none') {
        el.dataset.phase = 'none'
        el.textContent = 'No routine running.'
      }
      return
    }
    const live = r.engine.live
    const id = r.options.routine.stretches[r.stretchIndex]
    const name = id ? STRETCHES[id].name : ''
    const hold = live.holdSeconds.toFixed(1)
    el.dataset.phase = r.phase
    el.dataset.stretch = id ?? ''
    el.dataset.hold = hold
    el.dataset.reps = String(live.reps)
    el.dataset.inPose = String(live.inPose)
    el.dataset.tracked = String(live.tracked)
    el.textContent =
      `${name}: ${PHASE_TEXT[r.phase]}` +
      (live.targetReps > 0
        ? ` · ${live.reps} of ${live.targetReps} repetitions`
        : ` · held ${hold} of ${live.targetHoldSeconds} s`) +
      ` · range ${Math.round(live.range * 100)} % · steadiness ${Math.round(live.stability * 100)} %` +
      (live.tracked ? '' : ' · not tracked')
  }
  tick()
  const id = window.setInterval(tick, 100)
  return () => window.clearInterval(id)
}

/**
 * The routine runner: walks a routine stretch by stretch (demonstrate → get
 * into position → hold or reps, per side, left first → switch side → rest →
 * next) on the frames the XR reader already filled, and drives the scoring
 * engine with the same frames and events a recorded trace would hold.
 *
 * One engine serves the whole session. At each stretch's end `finishEngine`
 * closes that stretch's run and the runner takes the one new result, so a
 * replay of the session's trace (one engine over the whole trace) gives the
 * same numbers to the bit; a fresh engine per stretch would forget the
 * previous frame time and the frozen-device timers at every boundary and could
 * drift from the replay.
 *
 * Plain logic: no React, three or zustand. Time is the frame's `t` (seconds
 * since the session's first XR frame); storage comes in as a parameter.
 * `stepRunner` allocates nothing unless an edge happens (a phase change, a
 * finished stretch) or a recording is on (one line per frame, opt-in).
 */
import {
  createEngine,
  enginePain,
  engineStretch,
  engineVisibility,
  finishEngine,
  stepEngine,
  type Engine,
} from '../../core/engine/engine.ts'
import type { Phase } from '../../core/phase.ts'
import { INPUT_HAND, POSE_LEFT, POSE_STRIDE, type PoseFrame } from '../../core/poseFrame.ts'
import type { StretchResult } from '../../core/result.ts'
import { STRETCHES, sidesOf, type Routine, type StretchId } from '../../core/stretches.ts'
import {
  recordFrame,
  recordPain,
  recordStretch,
  recordVisibility,
  type TraceRecorder,
} from '../../tracking/recorder.ts'

/** How long the untimed phases last, seconds. */
export interface RunnerTiming {
  /** the coach shows the stretch before the user is asked to move */
  demonstrateS: number
  /** between the left and the right side of a one-sided stretch */
  switchSideS: number
  /** between two stretches */
  restS: number
}

/** The pace of a real session: time to watch, to turn around, to breathe between stretches. */
export const NORMAL_TIMING: RunnerTiming = { demonstrateS: 8, switchSideS: 6, restS: 10 } as const
/** The pace of a browser test with short holds (?holdSeconds= under ?emulate= only). */
export const QUICK_TIMING: RunnerTiming = { demonstrateS: 1.5, switchSideS: 1.5, restS: 2 } as const

/** What saving one stretch's result came to. */
export type SaveStatus = 'saving' | 'saved' | 'failed'

/** One finished stretch of this session, as the UI lists it. */
export interface FinishedStretch {
  stretch: StretchId
  result: StretchResult
  save: SaveStatus
  /** the storage's message when the save failed */
  message: string | null
}

/** Stores one result; resolves (never rejects) with whether it was written. */
export type SaveResult = (input: {
  sessionId: string
  routineId: string
  result: StretchResult
}) => Promise<{ ok: true } | { ok: false; message: string }>

/** What a runner needs: the routine, the user's calibration and targets, storage. */
export interface RunnerOptions {
  routine: Routine
  /** the session record's id from startSession, or null when storage could not start one */
  sessionId: string | null
  eyeHeightM: number
  /** the user's hold target per side (s), null for PRODUCT.md's default */
  holdSeconds: number | null
  timing: RunnerTiming
  save: SaveResult
  /** called after every edge (phase, stretch, side, a save settling, the end) */
  onEdge: (runner: SessionRunner) => void
  /** an optional trace recording, fed the very frames and events the engine gets */
  recorder?: TraceRecorder | null
}

/** A running routine. Read its fields; change it only through the functions below. */
export interface SessionRunner {
  readonly options: RunnerOptions
  readonly engine: Engine
  /** index into the routine's stretches */
  stretchIndex: number
  /** index into sidesOf(stretch) */
  sideIndex: number
  phase: Phase
  /** t (s) at which the phase began */
  phaseStartT: number
  /** t (s) of the last frame stepped (events without a frame use it) */
  lastT: number
  started: boolean
  /** the engine has an open run for the current stretch */
  engineActive: boolean
  /** results the engine had given when the runner last asked */
  resultCount: number
  finished: boolean
  stoppedForPain: boolean
  readonly finishedStretches: FinishedStretch[]
  /** saves not settled yet */
  pendingSaves: number
  /**
   * The real counter's height (m above the floor), from where both hands rest
   * when cat-cow first counts as in position; null until then. In VR the
   * virtual counter belongs there (PRODUCT.md, Safety).
   */
  counterHeightM: number | null
}

/** A controller grip is the fist's centre, this far (m) above the surface it rests on (PRODUCT.md). */
export const GRIP_ABOVE_SURFACE_M = 0.045
/** A tracked wrist is this far (m) above the surface the hand rests on. */
export const WRIST_ABOVE_SURFACE_M = 0.02

/** The surface both hands rest on (m): the mean of each tracked hand's height less its offset; null when a hand is missing. */
export function surfaceUnderHands(frame: PoseFrame): number | null {
  let sum = 0
  for (let h = 0; h < 2; h++) {
    if (frame.tracked[POSE_LEFT + h] !== 1 || frame.emulated[POSE_LEFT + h] === 1) return null
    const y = frame.poses[(POSE_LEFT + h) * POSE_STRIDE + 1]!
    if (!Number.isFinite(y)) return null
    sum += y - (frame.input[h] === INPUT_HAND ? WRIST_ABOVE_SURFACE_M : GRIP_ABOVE_SURFACE_M)
  }
  return sum / 2
}

/** Creates a runner at the first stretch's demonstration (nothing runs until the first frame). */
export function createRunner(options: RunnerOptions): SessionRunner {
  return {
    options,
    engine: createEngine({ eyeHeightM: options.eyeHeightM }),
    stretchIndex: 0,
    sideIndex: 0,
    phase: 'demonstrate',
    phaseStartT: 0,
    lastT: 0,
    started: false,
    engineActive: false,
    resultCount: 0,
    finished: options.routine.stretches.length === 0,
    stoppedForPain: false,
    finishedStretches: [],
    pendingSaves: 0,
    counterHeightM: null,
  }
}

/** The stretch being run, or null once the routine is over. */
export function currentStretch(r: SessionRunner): StretchId | null {
  return r.finished ? null : (r.options.routine.stretches[r.stretchIndex] ?? null)
}

/** The side being run: `both`, `left` or `right`, or null once the routine is over. */
export function currentSide(r: SessionRunner): 'left' | 'right' | 'both' | null {
  const id = currentStretch(r)
  return id === null ? null : (sidesOf(id)[r.sideIndex] ?? null)
}

function setPhase(r: SessionRunner, phase: Phase, t: number): void {
  if (r.phase === phase) return
  r.phase = phase
  r.phaseStartT = t
  r.options.onEdge(r)
}

/** Tells the engine (and the recording) that the current stretch's current side starts at t. */
function engineSide(r: SessionRunner, t: number): void {
  const id = currentStretch(r)
  if (id === null) return
  const side = currentSide(r)
  const sided = side === 'left' || side === 'right' ? side : null
  const hold = STRETCHES[id].dose.kind === 'hold' ? r.options.holdSeconds : null
  engineStretch(r.engine, t, id, sided, hold, null)
  const rec = r.options.recorder
  if (rec) {
    if (hold !== null) recordStretch(rec, t, id, sided, { holdSeconds: hold })
    else recordStretch(rec, t, id, sided)
  }
  r.engineActive = true
}

function saveFinished(r: SessionRunner, entry: FinishedStretch): void {
  const { sessionId, routine, save } = r.options
  if (sessionId === null) {
    entry.save = 'failed'
    entry.message = 'Not saved: the session could not be opened in your saved progress.'
    return
  }
  r.pendingSaves++
  let settled: Promise<{ ok: true } | { ok: false; message: string }>
  try {
    settled = save({ sessionId, routineId: routine.id, result: entry.result })
  } catch (e) {
    settled = Promise.resolve({ ok: false, message: 'Not saved: ' + String(e).slice(0, 160) })
  }
  settled
    .then(
      (out) => {
        entry.save = out.ok ? 'saved' : 'failed'
        entry.message = out.ok ? null : out.message
      },
      (e: unknown) => {
        entry.save = 'failed'
        entry.message = 'Not saved: ' + String(e).slice(0, 160)
      },
    )
    .finally(() => {
      r.pendingSaves--
      r.options.onEdge(r)
    })
}

/**
 * Closes the engine's open run (with pain when asked) and saves its result,
 * once. The next stretch's engine event, if any, follows at the same t: a
 * replay closes the run on that event and computes the same result.
 */
function closeStretch(r: SessionRunner, t: number, pain: boolean): void {
  if (!r.engineActive) return
  r.engineActive = false
  if (pain) {
    enginePain(r.engine, t)
    if (r.options.recorder) recordPain(r.options.recorder, t)
  }
  const all = finishEngine(r.engine)
  for (let i = r.resultCount; i < all.length; i++) {
    const result = all[i]!
    const entry: FinishedStretch = {
      stretch: result.stretch,
      result,
      save: 'saving',
      message: null,
    }
    r.finishedStretches.push(entry)
    saveFinished(r, entry)
  }
  r.resultCount = all.length
}

function endRoutine(r: SessionRunner): void {
  if (r.finished) return
  r.finished = true
  r.phase = 'done'
  r.options.onEdge(r)
}

/**
 * The current side is over (reached, or skipped): the engine moves on at once
 * to the next side or stretch, so nothing is counted past this instant for the
 * side just ended; the user then gets the switch-side or rest pause.
 */
function afterSide(r: SessionRunner, t: number): void {
  const id = currentStretch(r)
  if (id === null) return
  if (r.sideIndex + 1 < sidesOf(id).length) {
    r.sideIndex++
    engineSide(r, t)
    r.phase = 'switchSide'
    r.phaseStartT = t
    r.options.onEdge(r)
    return
  }
  closeStretch(r, t, false)
  if (r.stretchIndex + 1 >= r.options.routine.stretches.length) {
    endRoutine(r)
    return
  }
  r.stretchIndex++
  r.sideIndex = 0
  engineSide(r, t)
  r.phase = 'rest'
  r.phaseStartT = t
  r.options.onEdge(r)
}

/** Advances the routine by one XR frame: steps the engine, then the phase clock. */
export function stepRunner(r: SessionRunner, frame: PoseFrame): void {
  if (r.finished) return
  const t = frame.t
  if (!Number.isFinite(t)) return
  if (!r.started) {
    r.started = true
    r.phaseStartT = t
    r.lastT = t
    engineSide(r, t)
  }
  r.lastT = t
  stepEngine(r.engine, frame)
  if (r.options.recorder) recordFrame(r.options.recorder, frame)
  const timing = r.options.timing
  const elapsed = t - r.phaseStartT
  switch (r.phase) {
    case 'demonstrate':
      if (elapsed >= timing.demonstrateS) setPhase(r, 'getIntoPosition', t)
      break
    case 'getIntoPosition':
    case 'hold':
    case 'reps': {
      const live = r.engine.live
      if (live.completed) afterSide(r, t)
      else if (live.inPose) {
        if (r.counterHeightM === null && live.stretch === 'cat-cow' && r.phase !== 'reps')
          r.counterHeightM = surfaceUnderHands(frame)
        setPhase(r, live.phase === 'reps' ? 'reps' : 'hold', t)
      }
      // Between repetitions the measure drops out of the pose: keep saying "reps".
      else if (r.phase !== 'reps' || !live.tracked) setPhase(r, 'getIntoPosition', t)
      break
    }
    case 'switchSide':
      if (elapsed >= timing.switchSideS) setPhase(r, 'getIntoPosition', t)
      break
    case 'rest':
      if (elapsed >= timing.restS) setPhase(r, 'demonstrate', t)
      break
    case 'done':
      break
  }
}

/**
 * Moves on now: skips the demonstration or the pause, or ends the current
 * side as it is (what was held is kept, not completed).
 */
export function skipRunner(r: SessionRunner): void {
  if (r.finished) return
  const t = r.lastT
  switch (r.phase) {
    case 'demonstrate':
    case 'switchSide':
      setPhase(r, 'getIntoPosition', t)
      break
    case 'getIntoPosition':
    case 'hold':
    case 'reps':
      afterSide(r, t)
      break
    case 'rest':
      setPhase(r, 'demonstrate', t)
      break
    case 'done':
      break
  }
}

/**
 * Stop for pain: the running stretch ends with what was held, marked pain, and
 * the routine ends. Pressed in the pause before a stretch, that stretch is the
 * one marked (with nothing held): the engine has already moved on to it.
 */
export function painRunner(r: SessionRunner): void {
  if (r.finished) return
  r.stoppedForPain = true
  closeStretch(r, r.lastT, true)
  endRoutine(r)
}

/** The user ended the session early: the running stretch keeps what was held (not completed). */
export function endRunner(r: SessionRunner): void {
  if (r.finished) return
  closeStretch(r, r.lastT, false)
  endRoutine(r)
}

/** The XR session's visibility changed: anything but `visible` pauses the hold (engine and trace). */
export function visibilityRunner(
  r: SessionRunner,
  state: 'visible' | 'visible-blurred' | 'hidden',
): void {
  if (r.finished) return
  engineVisibility(r.engine, r.lastT, state)
  if (r.options.recorder) recordVisibility(r.options.recorder, r.lastT, state)
}

/** Whether every finished stretch's save has settled (the wrap-up may say "all saved"). */
export function runnerSettled(r: SessionRunner): boolean {
  return r.pendingSaves === 0
}

/**
 * The routine runner: the one source of truth for the session's stretch,
 * side, phase and step. It walks a routine stretch by stretch (demonstrate →
 * get into position → hold or reps, per side, left first → switch side → rest
 * → next) on the frames the XR reader filled, and drives the scoring engine
 * with the same frames and events a recorded trace holds (the event
 * vocabulary of core/engine/events.ts), handing each to an optional sink
 * (the recorder) right after the engine took it.
 *
 * The phase clock runs on the frames' `t` and stops while the user paused or
 * the headset view is blurred or hidden, so the demonstration, the rest and
 * the coach wait with the hold. The engine counts only from "get into
 * position" on: during the demonstration and the rest it is paused (a pause
 * event, recorded like any other), so watching the coach never adds hold time.
 *
 * One engine serves the whole session: at each stretch's end `finishEngine`
 * closes that stretch's run and the runner takes the one new result, so a
 * replay of the session's trace gives the same numbers to the bit.
 *
 * Plain logic: no React, three or stores. `stepRunner` allocates nothing
 * unless an edge happens (a phase change, a finished stretch).
 */
import {
  applyEngineEvent,
  createEngine,
  finishEngine,
  stepEngine,
  type Engine,
} from '../engine/engine.ts'
import { stretchEvent, type SessionEvent, type VisibilityState } from '../engine/events.ts'
import { statureFromEyeHeight } from '../bodyModel.ts'
import type { Phase } from '../phase.ts'
import {
  INPUT_HAND,
  POSE_HEAD,
  POSE_LEFT,
  POSE_RIGHT,
  POSE_STRIDE,
  type PoseFrame,
} from '../poseFrame.ts'
import type { StretchResult } from '../result.ts'
import type { StretchTargets } from '../history/records.ts'
import { STRETCHES, sidesOf, type Routine, type StretchId } from '../stretches.ts'
import { demonstrationSeconds } from './coachScript.ts'

/** How long the untimed phases last, seconds. */
export interface RunnerTiming {
  /** the shortest demonstration (it lasts as long as the coach needs to show the pose, when `fullDemonstration`) */
  demonstrateS: number
  /** between the left and the right side of a stretch whose side cannot be seen (hip flexor) */
  switchSideS: number
  /** between two stretches */
  restS: number
  /** demonstrations last at least the coach's own time to reach the pose (false: exactly demonstrateS, played faster) */
  fullDemonstration: boolean
}

/** The pace of a real session: time to watch, to turn around, to breathe between stretches. */
export const NORMAL_TIMING: RunnerTiming = {
  demonstrateS: 8,
  switchSideS: 6,
  restS: 10,
  fullDemonstration: true,
} as const
/** The pace of a browser test with short holds (?holdSeconds= under ?emulate= only). */
export const QUICK_TIMING: RunnerTiming = {
  demonstrateS: 3,
  switchSideS: 1.5,
  restS: 2.5,
  fullDemonstration: false,
} as const

/** The phase clock never jumps more than this (s) in one frame: a stall is not time spent watching. */
export const MAX_CLOCK_STEP_S = 0.25

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

/** Stores one result with the target it was measured against; resolves (never rejects) with whether it was written. */
export type SaveResult = (input: {
  sessionId: string
  routineId: string
  result: StretchResult
  targets: StretchTargets
}) => Promise<{ ok: true } | { ok: false; message: string }>

/** Receives what the engine consumed, in order: the recorder in the live app. */
export interface TraceSink {
  frame(frame: PoseFrame): void
  event(ev: SessionEvent): void
}

/** What a runner needs: the routine, the user's calibration and targets, storage. */
export interface RunnerOptions {
  routine: Routine
  /** the session record's id from startSession, or null when storage could not start one */
  sessionId: string | null
  eyeHeightM: number
  /** the user's hold target per side (s), null for docs/product.md's default */
  holdSeconds: number | null
  timing: RunnerTiming
  save: SaveResult
  /** called after every edge (phase, stretch, side, pause, a save settling, the end) */
  onEdge: (runner: SessionRunner) => void
  /** where the frames and events the engine consumed go (a trace recording), or null */
  sink?: TraceSink | null
}

/** Where the real counter is, measured from the hands resting on it (local-floor, metres). */
export interface CounterPlacement {
  /** height of the counter top above the floor */
  heightM: number
  /** the point between the hands, on the counter top */
  x: number
  z: number
  /** heading (rad about +Y) of the user's forward line: the counter runs across it */
  yawRad: number
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
  /**
   * The per-frame clocks, in a typed array (a double stored into a field of
   * this object every frame was boxed, measured): [CLOCK_T] the last frame's t
   * (events without a frame use it), [CLOCK_PHASE] seconds spent in this phase
   * on the session clock (it stops while paused or not visible), [CLOCK_SESSION]
   * the session clock (the breathing pacer's time).
   */
  readonly clock: Float64Array
  /** the phase's length when it is timed (demonstrate, rest, a timed side switch), else 0 */
  phaseDurationS: number
  started: boolean
  /** the user paused the session */
  paused: boolean
  /** the XR session's visibility */
  visibility: VisibilityState
  /** the engine was last told to count (resume) rather than not (pause); it starts counting */
  engineCounting: boolean
  /** the engine has an open run for the current stretch */
  engineActive: boolean
  /** results the engine had given when the runner last asked */
  resultCount: number
  finished: boolean
  stoppedForPain: boolean
  /** sides ended so far (reached or skipped): cues and the coach notice the edge by this count */
  sidesEnded: number
  /** whether the last side ended had reached its target */
  lastSideCompleted: boolean
  /** whether the last side ended was a timed hold (not repetitions) */
  lastSideHold: boolean
  /** repetitions the last side ended had counted */
  lastSideReps: number
  /** during a side switch the engine cannot see: the user has let go of the first side */
  released: boolean
  /** the t of the last frame of a side switch (its out-of-pose timer) */
  readonly lastSwitchT: Float64Array
  /**
   * A `release` side switch's hands (settledOnNewGrip): where both were when it
   * began, where they last settled and for how long; both hands held still on
   * the other leg is letting go too.
   */
  readonly switchGrip: Float64Array
  readonly finishedStretches: FinishedStretch[]
  /** saves not settled yet */
  pendingSaves: number
  /**
   * The real counter, from where both hands rest when cat-cow first counts as
   * in position; null until then. In VR the virtual counter goes there
   * (docs/product.md, Safety).
   */
  counter: CounterPlacement | null
}

/** Index into SessionRunner.clock: the last frame's t (s). */
export const CLOCK_T = 0
/** Index into SessionRunner.clock: seconds into the phase on the session clock. */
export const CLOCK_PHASE = 1
/** Index into SessionRunner.clock: the session clock (s), paused time left out. */
export const CLOCK_SESSION = 2
/** Index into SessionRunner.clock: seconds the user has been out of the pose during a side switch. */
export const CLOCK_RELEASED = 3

/** A side switch waits for the user to be out of the pose this long (s) before the next side counts. */
export const RELEASE_S = 0.5
/**
 * …or for both hands to have moved this far (fraction of stature H) from where they held the first
 * side: a new grip on the other leg (knee-to-chest's hands move 0.10 H from knee to knee), while
 * a user who keeps holding the first side moves them a few centimetres at most.
 */
export const GRIP_CHANGE_H = 0.06

/** Seconds into the current phase on the session clock. */
export function phaseElapsedS(r: SessionRunner): number {
  return r.clock[CLOCK_PHASE]!
}

/** The t (s) of the last frame stepped. */
export function lastFrameT(r: SessionRunner): number {
  return r.clock[CLOCK_T]!
}

/** A controller grip is the fist's centre, this far (m) above the surface it rests on (docs/product.md). */
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

/** The counter under both hands: its height, the point between the hands and the user's heading; null when unsure. */
export function counterUnderHands(frame: PoseFrame): CounterPlacement | null {
  const heightM = surfaceUnderHands(frame)
  if (heightM === null || frame.tracked[POSE_HEAD] !== 1) return null
  const l = POSE_LEFT * POSE_STRIDE
  const r = l + POSE_STRIDE
  const p = frame.poses
  const x = (p[l]! + p[r]!) / 2
  const z = (p[l + 2]! + p[r + 2]!) / 2
  // The user faces the counter: from the eyes toward the hands, on the floor.
  const dx = x - p[POSE_HEAD * POSE_STRIDE]!
  const dz = z - p[POSE_HEAD * POSE_STRIDE + 2]!
  if (!(Math.hypot(dx, dz) > 0.05)) return null
  return { heightM, x, z, yawRad: Math.atan2(-dx, -dz) }
}

/** Creates a runner at the first stretch's demonstration (nothing runs until the first frame). */
export function createRunner(options: RunnerOptions): SessionRunner {
  return {
    options,
    engine: createEngine({ eyeHeightM: options.eyeHeightM }),
    stretchIndex: 0,
    sideIndex: 0,
    phase: 'demonstrate',
    clock: new Float64Array(4),
    phaseDurationS: 0,
    started: false,
    paused: false,
    visibility: 'visible',
    engineCounting: true,
    engineActive: false,
    resultCount: 0,
    finished: options.routine.stretches.length === 0,
    stoppedForPain: false,
    sidesEnded: 0,
    lastSideCompleted: false,
    lastSideHold: false,
    lastSideReps: 0,
    released: false,
    lastSwitchT: new Float64Array(1),
    switchGrip: new Float64Array(15),
    finishedStretches: [],
    pendingSaves: 0,
    counter: null,
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

/** The stretch after the current one, or null at the last. */
export function nextStretch(r: SessionRunner): StretchId | null {
  return r.options.routine.stretches[r.stretchIndex + 1] ?? null
}

/**
 * How a one-sided stretch changes side. `pose`: the engine tells the sides
 * apart (the side reach, the twist), so the switch is done when the user is in
 * the other side's pose. `release`: its measure is the same on both sides
 * (knee-to-chest, the figure-4, the seated hamstring), so the user must first
 * let go of the first side, then the next side counts. `timer`: the hip
 * flexor's front leg cannot be seen at all: a short pause to change legs.
 * Nothing counts while a `release` or `timer` switch waits. (A stretch measured
 * from a baseline, the hamstring, re-takes it once counting resumes, so a user
 * still reaching for the first side counts nothing until they come back.)
 */
export type SideSwitch = 'pose' | 'release' | 'timer'

/** How a stretch changes side (see SideSwitch). */
export function sideSwitchOf(id: StretchId): SideSwitch {
  if (id === 'hip-flexor') return 'timer'
  if (id === 'childs-pose-side' || id === 'supine-twist') return 'pose'
  return 'release'
}

/** Sends an event to the engine and the sink, in that order. */
function emit(r: SessionRunner, ev: SessionEvent): void {
  applyEngineEvent(r.engine, ev)
  const sink = r.options.sink
  if (sink) sink.event(ev)
}

/**
 * Whether the engine may count in the current phase: the user is asked to be
 * in the pose (a side switch on a timer is the time to change legs: nothing counts).
 */
function countingPhase(r: SessionRunner): boolean {
  const p = r.phase
  if (p === 'switchSide') {
    const id = currentStretch(r)
    return id !== null && sideSwitchOf(id) === 'pose'
  }
  return p === 'getIntoPosition' || p === 'hold' || p === 'reps'
}

/**
 * Tells the engine to count or not (pause/resume events) when the user's
 * pause or the phase changed it. The engine's pause outlives its runs, so one
 * flag follows it across stretches.
 */
function syncCounting(r: SessionRunner): void {
  const want = !r.paused && countingPhase(r) && !r.finished
  if (want === r.engineCounting || !r.engineActive) return
  r.engineCounting = want
  emit(r, { kind: want ? 'resume' : 'pause', t: r.clock[CLOCK_T]! })
}

/**
 * How long the demonstration of the routine's stretch at `index` lasts: at least the
 * coach's own time to reach the pose from where the stretch before left it (or exactly
 * demonstrateS, played faster, with test timing). The headset's and the desktop's runners share it.
 */
export function demonstrateSeconds(timing: RunnerTiming, routine: Routine, index: number): number {
  const id = routine.stretches[index]
  if (id === undefined) return 0
  if (!timing.fullDemonstration) return timing.demonstrateS
  const prev = routine.stretches[index - 1] ?? null
  return Math.max(timing.demonstrateS, demonstrationSeconds(prev, id))
}

function durationOf(r: SessionRunner, phase: Phase): number {
  const timing = r.options.timing
  const id = currentStretch(r)
  switch (phase) {
    case 'demonstrate':
      return id === null ? 0 : demonstrateSeconds(timing, r.options.routine, r.stretchIndex)
    case 'rest':
      return timing.restS
    case 'switchSide':
      return id !== null && sideSwitchOf(id) === 'timer' ? timing.switchSideS : 0
    default:
      return 0
  }
}

/** Moves to another phase (nothing when it is the same), at the last frame's t. */
function setPhase(r: SessionRunner, phase: Phase): void {
  if (r.phase === phase) return
  r.phase = phase
  r.clock[CLOCK_PHASE] = 0
  r.phaseDurationS = durationOf(r, phase)
  syncCounting(r)
  r.options.onEdge(r)
}

/** Tells the engine (and the sink) that the current stretch's current side starts now (the last frame's t). */
function engineSide(r: SessionRunner): void {
  const id = currentStretch(r)
  if (id === null) return
  const side = currentSide(r)
  const sided = side === 'left' || side === 'right' ? side : null
  const hold = STRETCHES[id].dose.kind === 'hold' ? r.options.holdSeconds : null
  emit(r, stretchEvent(r.clock[CLOCK_T]!, id, sided, hold, null))
  r.engineActive = true
}

/** The per-side target a stretch was run against: the user's hold (or the default), or the repetitions. */
function targetsOf(r: SessionRunner, id: StretchId): StretchTargets {
  const dose = STRETCHES[id].dose
  return dose.kind === 'hold'
    ? { holdSeconds: r.options.holdSeconds ?? dose.holdSeconds, reps: null }
    : { holdSeconds: null, reps: dose.reps }
}

/** How one background save stands: saving, saved, or failed with the storage's message. */
export interface TrackedSave {
  save: SaveStatus
  message: string | null
}

/** What a save resolves with. */
type SaveOutcome = { ok: true } | { ok: false; message: string }

/**
 * Runs one save in the background for a runner (the headset's or the
 * desktop's): counts it in `pendingSaves` while it runs, writes how it ended
 * into `entry` (a throw or a rejection is a failure with its words), then
 * calls `onSettled`. With no session record nothing is tried: the entry fails at once.
 */
export function trackSave(
  runner: { pendingSaves: number },
  entry: TrackedSave,
  sessionId: string | null,
  start: (sessionId: string) => Promise<SaveOutcome>,
  onSettled: () => void,
): void {
  if (sessionId === null) {
    entry.save = 'failed'
    entry.message = 'Not saved: the session could not be opened in your saved progress.'
    return
  }
  runner.pendingSaves++
  let settled: Promise<SaveOutcome>
  try {
    settled = start(sessionId)
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
      runner.pendingSaves--
      onSettled()
    })
}

function saveFinished(r: SessionRunner, entry: FinishedStretch): void {
  const { routine, save } = r.options
  trackSave(
    r,
    entry,
    r.options.sessionId,
    (sessionId) =>
      save({
        sessionId,
        routineId: routine.id,
        result: entry.result,
        targets: targetsOf(r, entry.result.stretch),
      }),
    () => r.options.onEdge(r),
  )
}

/**
 * Closes the engine's open run (with pain when asked) and saves its result,
 * once. The next stretch's engine event, if any, follows at the same t: a
 * replay closes the run on that event and computes the same result.
 */
function closeStretch(r: SessionRunner, pain: boolean): void {
  if (!r.engineActive) return
  r.engineActive = false
  if (pain) emit(r, { kind: 'pain', t: r.clock[CLOCK_T]! })
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
  r.clock[CLOCK_PHASE] = 0
  r.phaseDurationS = 0
  r.options.onEdge(r)
}

/**
 * The current side is over (reached, or skipped): the engine moves on at once
 * to the next side or stretch, so nothing is counted past this instant for the
 * side just ended; the user then gets the switch-side or rest pause.
 */
function afterSide(r: SessionRunner): void {
  const id = currentStretch(r)
  if (id === null) return
  r.sidesEnded++
  r.lastSideCompleted = r.engine.live.completed
  r.lastSideHold = STRETCHES[id].dose.kind === 'hold'
  r.lastSideReps = r.engine.live.reps
  r.released = false
  r.clock[CLOCK_RELEASED] = 0
  r.lastSwitchT[0] = r.clock[CLOCK_T]!
  r.switchGrip.fill(0)
  if (r.sideIndex + 1 < sidesOf(id).length) {
    r.sideIndex++
    engineSide(r)
    forcePhase(r, 'switchSide')
    return
  }
  closeStretch(r, false)
  if (r.stretchIndex + 1 >= r.options.routine.stretches.length) {
    endRoutine(r)
    return
  }
  r.stretchIndex++
  r.sideIndex = 0
  engineSide(r)
  forcePhase(r, 'rest')
}

/** setPhase even when the phase name stays (a new side's switch, a new stretch's rest). */
function forcePhase(r: SessionRunner, phase: Phase): void {
  r.phase = phase
  r.clock[CLOCK_PHASE] = 0
  r.phaseDurationS = durationOf(r, phase)
  syncCounting(r)
  r.options.onEdge(r)
}

/**
 * Moves the phase and session clocks on to the frame's time, unless paused or not visible (a
 * stall counts at most MAX_CLOCK_STEP_S). The time is read here: a double passed to a call that
 * is not inlined is boxed, every frame.
 */
function advanceClock(r: SessionRunner, frame: PoseFrame): void {
  const t = frame.t
  const clock = r.clock
  const raw = t - clock[CLOCK_T]!
  clock[CLOCK_T] = t
  if (raw > 0 && !r.paused && r.visibility === 'visible') {
    // Math.min, not a ?: between a double and the module constant: that phi is boxed every frame (measured)
    const dt = Math.min(raw, MAX_CLOCK_STEP_S)
    clock[CLOCK_PHASE] = clock[CLOCK_PHASE]! + dt
    clock[CLOCK_SESSION] = clock[CLOCK_SESSION]! + dt
  }
}

/** Advances the routine by one XR frame: steps the engine, then the phase clock. */
export function stepRunner(r: SessionRunner, frame: PoseFrame): void {
  const t = frame.t
  if (!Number.isFinite(t)) return
  if (r.finished) {
    // the routine is over, but its clock runs on: the coach stands up and breathes
    advanceClock(r, frame)
    return
  }
  if (!r.started) {
    r.started = true
    r.clock[CLOCK_T] = t
    engineSide(r)
    r.phaseDurationS = durationOf(r, r.phase)
    syncCounting(r)
  }
  stepEngine(r.engine, frame)
  const sink = r.options.sink
  if (sink) sink.frame(frame)
  advanceClock(r, frame)
  // Paused or not visible, nothing moves on: the engine is not counting, so its
  // "not in the pose" says nothing about the user.
  if (r.paused || r.visibility !== 'visible') return
  const elapsed = r.clock[CLOCK_PHASE]!
  switch (r.phase) {
    case 'demonstrate':
      if (elapsed >= r.phaseDurationS) setPhase(r, 'getIntoPosition')
      break
    case 'switchSide':
      stepSwitch(r, frame)
      break
    case 'getIntoPosition':
    case 'hold':
    case 'reps': {
      const live = r.engine.live
      if (live.completed) afterSide(r)
      else if (live.inPose) {
        if (r.counter === null && live.stretch === 'cat-cow' && r.phase !== 'reps')
          r.counter = counterUnderHands(frame)
        setPhase(r, live.phase === 'reps' ? 'reps' : 'hold')
      }
      // Between repetitions the measure drops out of the pose: keep saying "reps".
      else if (r.phase !== 'reps' || !live.tracked) setPhase(r, 'getIntoPosition')
      break
    }
    case 'rest':
      if (elapsed >= r.phaseDurationS) setPhase(r, 'demonstrate')
      break
    case 'done':
      break
  }
}

/**
 * A side switch: done when the user is in the next side's pose (`pose`), has let go of the first
 * side (`release`: out of the pose for a moment, or both hands on a new grip), or on the timer.
 */
function stepSwitch(r: SessionRunner, frame: PoseFrame): void {
  const id = currentStretch(r)
  if (id === null) return
  const live = r.engine.live
  const how = sideSwitchOf(id)
  if (how === 'pose') {
    if (live.completed) afterSide(r)
    else if (live.inPose) setPhase(r, live.phase === 'reps' ? 'reps' : 'hold')
    return
  }
  if (how === 'timer') {
    if (r.clock[CLOCK_PHASE]! >= r.phaseDurationS) setPhase(r, 'getIntoPosition')
    return
  }
  // release: out of the pose for a moment (not a flicker), or settled on a new grip; then the
  // next side may count
  const clock = r.clock
  const dt = Math.min(Math.max(frame.t - r.lastSwitchT[0]!, 0), MAX_CLOCK_STEP_S)
  r.lastSwitchT[0] = frame.t
  r.switchGrip[GRIP_DT] = dt
  const regripped = settledOnNewGrip(r, frame)
  if (!live.posed) clock[CLOCK_RELEASED] = clock[CLOCK_RELEASED]! + dt
  else clock[CLOCK_RELEASED] = regripped ? RELEASE_S : 0
  if (clock[CLOCK_RELEASED]! >= RELEASE_S) {
    r.released = true
    setPhase(r, 'getIntoPosition')
  }
}

/** Slots of SessionRunner.switchGrip. */
const GRIP_START = 0
const GRIP_SET = 6
const GRIP_SETTLE = 7
const GRIP_STILL_S = 13
/** the frame's seconds, for settledOnNewGrip (a typed slot: no double crosses the call) */
const GRIP_DT = 14
/** Hands that stay this close (m) to where they settled are still (a hold's tremor is millimetres). */
const GRIP_STILL_M = 0.02

/**
 * Whether both hands have moved GRIP_CHANGE_H from where they held the first side and have
 * been still there for RELEASE_S: a new grip held, not hands on their way out of the pose.
 * Where they started is taken on the switch's first frame with both hands.
 */
function settledOnNewGrip(r: SessionRunner, frame: PoseFrame): boolean {
  const g = r.switchGrip
  if (frame.tracked[POSE_LEFT] !== 1 || frame.tracked[POSE_RIGHT] !== 1) {
    g[GRIP_STILL_S] = 0
    return false
  }
  const p = frame.poses
  const l = POSE_LEFT * POSE_STRIDE
  const rt = POSE_RIGHT * POSE_STRIDE
  if (g[GRIP_SET] !== 1) {
    for (let k = 0; k < 3; k++) {
      g[GRIP_START + k] = p[l + k]!
      g[GRIP_START + 3 + k] = p[rt + k]!
    }
    g[GRIP_SET] = 1
  }
  let ml = 0
  let mr = 0
  let sl = 0
  let sr = 0
  for (let k = 0; k < 3; k++) {
    const dl = p[l + k]! - g[GRIP_START + k]!
    const dr = p[rt + k]! - g[GRIP_START + 3 + k]!
    ml += dl * dl
    mr += dr * dr
    const el = p[l + k]! - g[GRIP_SETTLE + k]!
    const er = p[rt + k]! - g[GRIP_SETTLE + 3 + k]!
    sl += el * el
    sr += er * er
  }
  if (sl > GRIP_STILL_M * GRIP_STILL_M || sr > GRIP_STILL_M * GRIP_STILL_M) {
    // moving: settle again from here
    for (let k = 0; k < 3; k++) {
      g[GRIP_SETTLE + k] = p[l + k]!
      g[GRIP_SETTLE + 3 + k] = p[rt + k]!
    }
    g[GRIP_STILL_S] = 0
  } else g[GRIP_STILL_S] = g[GRIP_STILL_S]! + g[GRIP_DT]!
  const far = GRIP_CHANGE_H * statureFromEyeHeight(r.options.eyeHeightM)
  return ml >= far * far && mr >= far * far && g[GRIP_STILL_S]! >= RELEASE_S
}

/**
 * Moves on now: skips the demonstration or the pause, or ends the current
 * side as it is (what was held is kept, not completed).
 */
export function skipRunner(r: SessionRunner): void {
  if (r.finished) return
  switch (r.phase) {
    case 'demonstrate':
    case 'switchSide':
      setPhase(r, 'getIntoPosition')
      break
    case 'getIntoPosition':
    case 'hold':
    case 'reps':
      afterSide(r)
      break
    case 'rest':
      setPhase(r, 'demonstrate')
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
  closeStretch(r, true)
  endRoutine(r)
}

/** The user ended the session early: the running stretch keeps what was held (not completed). */
export function endRunner(r: SessionRunner): void {
  if (r.finished) return
  closeStretch(r, false)
  endRoutine(r)
}

/** The user paused: every clock stops (the hold, the demonstration, the rest, the coach). */
export function pauseRunner(r: SessionRunner): void {
  if (r.finished || r.paused) return
  r.paused = true
  syncCounting(r)
  r.options.onEdge(r)
}

/** The user resumed after a pause. */
export function resumeRunner(r: SessionRunner): void {
  if (r.finished || !r.paused) return
  r.paused = false
  syncCounting(r)
  r.options.onEdge(r)
}

/** The XR session's visibility changed: anything but `visible` pauses the hold and the clocks. */
export function visibilityRunner(r: SessionRunner, state: VisibilityState): void {
  if (r.finished || state === r.visibility) return
  r.visibility = state
  emit(r, { kind: 'visibility', t: r.clock[CLOCK_T]!, state })
  r.options.onEdge(r)
}

/** The XR reference space was reset (the user recentred): poses jump, the engine re-takes its baseline. */
export function resetRunner(r: SessionRunner): void {
  if (r.finished || !r.started) return
  emit(r, { kind: 'reset', t: r.clock[CLOCK_T]! })
}

/** Whether every finished stretch's save has settled (the wrap-up may say "all saved"). */
export function runnerSettled(r: SessionRunner): boolean {
  return r.pendingSaves === 0
}

/**
 * The scoring engine: createEngine once, then stepEngine for every frame (live
 * from WebXR or replayed from a trace) and the event functions for what a trace
 * records as events (the one vocabulary of events.ts). docs/product.md (Scoring) and
 * docs/pose-trace.md (Tracking, the result object) are the rules.
 *
 * This file only orders the steps; each job is a module that owns its state:
 *
 *   frameClock     frame timing, gaps, counted seconds
 *   poseValidity   finite, a rotation, not a frozen device
 *   bodyView       eye, head axes, forward line, palm centres; derived distances
 *   handGrace      a needed hand held over for 2 s while the pose is held
 *   baseline       the still second the measures start from; reset remap
 *   palmAverage    the palms over 0.5 s (cat-cow's form)
 *   stretchRules   gate, form and progress of each stretch
 *   repCounter     repetitions
 *   sideScore      hold time, range and stability sums, the side's score
 *   stabilityGrid  the band-pass on a fixed time grid
 *   liveFeedback   what the session shows
 *   stretchRun     a stretch run and its result
 *
 * Per frame: timing → pose validity → hands (sensed, held over) and head →
 * judgement → baseline → hold timer or repetition counter → stability → live
 * feedback. stepEngine allocates nothing.
 */
import { createBodyModel, isValidEyeHeight } from '../bodyModel.ts'
import type { PoseFrame } from '../poseFrame.ts'
import type { StretchResult } from '../result.ts'
import { STRETCHES, STRETCH_IDS, type StretchId } from '../stretches.ts'
import {
  createBaseline,
  createBaselineWindow,
  rememberHead,
  resetBaselineSpace,
  restartBaseline,
  stepBaselineWindow,
  type Baseline,
  type BaselineWindow,
  REBASELINE_PROGRESS,
  restartStillness,
} from './baseline.ts'
import { createBodyView, deriveView, viewHand, viewHead, type BodyView } from './bodyView.ts'
import type { SessionEvent } from './events.ts'
import {
  clearHistory,
  createFrameHistory,
  F_GAP,
  F_HEAD,
  F_PAUSED,
  F_STILL_OK,
  H_COUNT_DT,
  H_FLAGS,
  H_HELD,
  H_SENSED,
  H_T,
  H_USABLE,
  pushHistory,
  recordOf,
  restoreView,
  type FrameHistory,
} from './frameHistory.ts'
import {
  C_COUNT_DT,
  C_DT,
  createFrameClock,
  endFrame,
  previousFrameT,
  setCountFloor,
  timeFrame,
  type FrameClock,
} from './frameClock.ts'
import {
  createHandGrace,
  forgetHands,
  holdOverPalms,
  rememberPalm,
  type HandGrace,
} from './handGrace.ts'
import {
  createLiveFigures,
  L_T,
  refreshLiveFigures,
  updateLiveTotals,
  type LiveFeedback,
  type LiveFigures,
} from './liveFeedback.ts'
import { clearPalmAverage, createPalmAverage, pushPalms, type PalmAverage } from './palmAverage.ts'
import { createPoseValidity, forgetPoses, poseUsable, type PoseValidity } from './poseValidity.ts'
import {
  createRepCounter,
  dropRep,
  lapseReps,
  R_AMPLITUDE,
  R_DT,
  R_INPUT,
  R_T,
  stepReps,
  type RepCounter,
} from './repCounter.ts'
import {
  addPeak,
  addRangeSample,
  createSideScore,
  resetSideScore,
  type SideScore,
} from './sideScore.ts'
import {
  createStabilityGrid,
  idleGrid,
  restartGrid,
  setGridPoints,
  stepStabilityGrid,
  type StabilityGrid,
} from './stabilityGrid.ts'
import {
  BELLY_HAND,
  BRIDGE,
  CAT_COW,
  createJudgement,
  judgeStretch,
  NEEDS_BASELINE,
  PELVIC_TILT,
  REBASELINE_BELOW,
  type Judgement,
} from './stretchRules.ts'
import {
  buildResult,
  createRun,
  R_TRACKED,
  retarget,
  sideOfSlot,
  touchRun,
  type Run,
} from './stretchRun.ts'

/**
 * A `rest` stretch watches for a later, lower still second (progress ≤ −0.25) only while the
 * frame's progress is within this of that level: the second must be well below the
 * baseline anyway, and the watching is the costliest part of a frame.
 */
const REST_WATCH_MARGIN = 0.1

/** By stretch code: one-sided (the live phase reads it every frame once a side is done; a keyed look-up by id cost more). */
const SIDED: readonly boolean[] = STRETCH_IDS.map((id) => STRETCHES[id].sided)

export { ENGINE_VERSION } from './stretchRun.ts'
export type { LiveFeedback } from './liveFeedback.ts'

/** In the pose needs at least this progress. */
export const IN_POSE_PROGRESS = 0.25
/** Progress is capped here (past the target adds nothing beyond it). */
export const PROGRESS_CAP = 1.2

/** Engine options: the user's calibration, and where results go. */
export interface EngineOptions {
  /** calibrated standing eye height, metres (0.5–2.3) */
  eyeHeightM: number
  /**
   * Receives each result as its stretch run closes (a new stretch, pain, finishEngine),
   * instead of the engine keeping it: memory stays flat however many stretches a trace
   * holds, and finishEngine then returns none.
   */
  onResult?: (result: StretchResult) => void
}

/** A running engine; everything but `live` is private state. */
export interface Engine {
  readonly live: LiveFeedback
}

const VIS_VISIBLE = 0
/** Index into EngineState.num: the t of the frame being counted (s). */
const N_T = 0
/** Index into EngineState.num: the seconds it adds to counted time. */
const N_COUNT_DT = 1
/** Index into EngineState.num: its progress toward the target, 0–1.2 (live feedback). */
const N_MAGNITUDE = 2

interface EngineState extends Engine {
  readonly figures: LiveFigures
  /** results kept for finishEngine (when no onResult takes them) */
  readonly results: StretchResult[]
  readonly onResult: ((result: StretchResult) => void) | null
  run: Run | null
  /** bad frame lines before the first stretch: counted on it */
  pendingSkipped: number
  /** side slot in use: 0 (left or both) or 1 (right) */
  slot: number
  /** +1 right, −1 left, 0 two-sided */
  sideSign: number
  readonly sides: [SideScore, SideScore]
  /** the stretch (code) and side slot a one-side trace holds, −1 when none */
  scopeCode: number
  scopeSlot: number
  paused: boolean
  visibility: number
  /** the pose (hold) or the repetitions (active) held on the previous frame: the hand grace needs it */
  wasInPose: boolean
  readonly clock: FrameClock
  readonly validity: PoseValidity
  readonly view: BodyView
  readonly grace: HandGrace
  readonly base: Baseline
  readonly window: BaselineWindow
  readonly judgement: Judgement
  readonly palms: PalmAverage
  readonly reps: RepCounter
  readonly grid: StabilityGrid
  readonly history: FrameHistory
  /** the frame's numbers for the history (H_T … H_SENSED) */
  readonly meta: Float64Array
  /** N_T, N_COUNT_DT, N_MAGNITUDE */
  readonly num: Float64Array
  /** what the last counted frame meant: stability counted for the points of stillMask, tracked, in the pose, active, posed */
  countStability: boolean
  stillMask: number
  lastTracked: boolean
  lastInPose: boolean
  lastActive: boolean
  lastPosed: boolean
}

/** Creates an engine for one user's calibration (an invalid eye height falls back to 1.62 m). */
export function createEngine(options: EngineOptions): Engine {
  const eye = isValidEyeHeight(options.eyeHeightM) ? options.eyeHeightM : 1.62
  const figures = createLiveFigures()
  const e: EngineState = {
    live: figures.live,
    figures,
    results: [],
    onResult: options.onResult ?? null,
    run: null,
    pendingSkipped: 0,
    slot: 0,
    sideSign: 0,
    sides: [createSideScore(), createSideScore()],
    scopeCode: -1,
    scopeSlot: 0,
    paused: false,
    visibility: VIS_VISIBLE,
    wasInPose: false,
    clock: createFrameClock(),
    validity: createPoseValidity(),
    view: createBodyView(createBodyModel(eye).statureM),
    grace: createHandGrace(),
    base: createBaseline(),
    window: createBaselineWindow(),
    judgement: createJudgement(),
    palms: createPalmAverage(),
    reps: createRepCounter(),
    grid: createStabilityGrid(),
    history: createFrameHistory(),
    meta: new Float64Array(6),
    num: new Float64Array(3),
    countStability: false,
    stillMask: 0,
    lastTracked: false,
    lastInPose: false,
    lastActive: false,
    lastPosed: false,
  }
  return e
}

/** A new baseline is wanted: forget the old one and what was measured from it. */
function restartMeasure(e: EngineState): void {
  restartBaseline(e.window, e.base)
  clearHistory(e.history)
  clearPalmAverage(e.palms)
  dropRep(e.reps)
  e.wasInPose = false
}

function closeRun(e: EngineState): void {
  const run = e.run
  if (run === null) return
  const result = buildResult(run, e.sides, run.code === e.scopeCode ? e.scopeSlot : -1)
  e.run = null
  const live = e.live
  live.stretch = null
  live.side = null
  live.phase = 'done'
  live.inPose = false
  live.posed = false
  // Handed over last: the engine is in its closed state should the receiver look at it.
  if (e.onResult !== null) e.onResult(result)
  else e.results.push(result)
}

/**
 * A stretch (or a side of it) starts at t (s). The same id as the running
 * stretch switches side; another id closes the running stretch's result.
 * Null targets mean docs/product.md's defaults.
 */
export function engineStretch(
  engine: Engine,
  t: number,
  stretch: StretchId,
  side: 'left' | 'right' | null,
  holdSeconds: number | null,
  reps: number | null,
): void {
  const e = engine as EngineState
  const code = STRETCH_IDS.indexOf(stretch)
  if (code < 0) return
  const sided = STRETCHES[stretch].sided
  const slot = sided && side === 'right' ? 1 : 0
  const time = Number.isFinite(t) ? t : previousFrameT(e.clock, 0)
  let run = e.run
  if (run !== null && run.code === code) {
    run.endT = Math.max(run.endT, time)
    retarget(run, holdSeconds, reps)
  } else {
    closeRun(e)
    run = createRun(code, time, holdSeconds, reps)
    run.skipped = e.pendingSkipped
    e.pendingSkipped = 0
    e.run = run
    resetSideScore(e.sides[0])
    resetSideScore(e.sides[1])
  }
  run.named[slot] = true
  e.slot = slot
  e.sideSign = sided ? (slot === 1 ? 1 : -1) : 0
  setCountFloor(e.clock, time)
  restartMeasure(e)
  restartGrid(e.grid)
  const live = e.live
  live.stretch = stretch
  live.side = sideOfSlot(run, slot)
  live.targetHoldSeconds = run.hold ? run.targetHold : 0
  live.targetReps = run.hold ? 0 : run.targetReps
  refreshLiveFigures(e.figures)
  updateLiveTotals(e.figures, run, e.sides[slot]!, slot)
  live.phase = 'getIntoPosition'
}

/**
 * The trace (or session) holds only this side of this one-sided stretch (a
 * header `side`): its score is that side's, not the mean over both sides.
 */
export function engineTraceSide(engine: Engine, stretch: StretchId, side: 'left' | 'right'): void {
  const e = engine as EngineState
  e.scopeCode = STRETCH_IDS.indexOf(stretch)
  e.scopeSlot = side === 'right' ? 1 : 0
}

/** Visibility changed at t: anything but `visible` pauses the hold. */
export function engineVisibility(
  engine: Engine,
  t: number,
  state: 'visible' | 'visible-blurred' | 'hidden',
): void {
  const e = engine as EngineState
  const v = state === 'visible' ? VIS_VISIBLE : 1
  if (v === VIS_VISIBLE && e.visibility !== VIS_VISIBLE && Number.isFinite(t))
    setCountFloor(e.clock, t)
  e.visibility = v
  touchRun(e.run, t)
}

/** The reference space was reset at t: poses jump; re-baseline and drop the repetition in flight. */
export function engineReset(engine: Engine, t: number): void {
  const e = engine as EngineState
  if (resetBaselineSpace(e.window, e.base)) {
    // the baseline is mapped across at the next head pose; the repetition in flight is lost
    clearHistory(e.history)
    dropRep(e.reps)
    clearPalmAverage(e.palms)
  } else {
    restartMeasure(e)
  }
  restartGrid(e.grid)
  forgetHands(e.grace)
  forgetPoses(e.validity)
  touchRun(e.run, t)
}

/** The user paused at t. */
export function enginePause(engine: Engine, t: number): void {
  const e = engine as EngineState
  e.paused = true
  touchRun(e.run, t)
}

/** The user resumed at t. */
export function engineResume(engine: Engine, t: number): void {
  const e = engine as EngineState
  if (e.paused && Number.isFinite(t)) setCountFloor(e.clock, t)
  e.paused = false
  touchRun(e.run, t)
}

/** Stop-for-pain at t: the current stretch ends, keeping what was held, with pain: true. */
export function enginePain(engine: Engine, t: number): void {
  const e = engine as EngineState
  const run = e.run
  if (run === null) return
  touchRun(run, t)
  run.pain = true
  closeRun(e)
}

/**
 * Applies one session event (the one vocabulary of events.ts): the live
 * runner and the trace reader both come through here, so they cannot differ.
 */
export function applyEngineEvent(engine: Engine, ev: SessionEvent): void {
  switch (ev.kind) {
    case 'stretch':
      engineStretch(engine, ev.t, ev.stretch, ev.side, ev.holdSeconds, ev.reps)
      break
    case 'visibility':
      engineVisibility(engine, ev.t, ev.state)
      break
    case 'reset':
      engineReset(engine, ev.t)
      break
    case 'pause':
      enginePause(engine, ev.t)
      break
    case 'resume':
      engineResume(engine, ev.t)
      break
    case 'pain':
      enginePain(engine, ev.t)
      break
  }
}

/** A frame line was skipped as bad input: counted on the current (or next) stretch. */
export function engineSkippedFrame(engine: Engine): void {
  const e = engine as EngineState
  if (e.run !== null) e.run.skipped++
  else e.pendingSkipped++
}

/** Ends the session: one result per stretch run, in order (none when onResult took them). */
export function finishEngine(engine: Engine): StretchResult[] {
  const e = engine as EngineState
  closeRun(e)
  return e.results.slice()
}

/**
 * The hands a frame needs (bit h): both, or for a belly-hand stretch the belly
 * hand once the judgement knows it, else the left if usable, else whichever is.
 */
function neededHands(bellyStretch: boolean, jBelly: number, usable: number): number {
  if (!bellyStretch) return 3
  return jBelly >= 0 ? 1 << jBelly : (usable & 1) !== 0 ? 1 : usable
}

/** Advances the engine by one frame (allocation-free). */
export function stepEngine(engine: Engine, frame: PoseFrame): void {
  const e = engine as EngineState
  const t = frame.t
  if (!Number.isFinite(t)) return
  const live = e.live
  const clock = e.clock
  e.figures.num[L_T] = t
  const gap = timeFrame(clock, frame)
  const headOk = poseUsable(e.validity, frame, 0) && frame.emulated[0] !== 1
  const leftUsable = poseUsable(e.validity, frame, 1)
  const rightUsable = poseUsable(e.validity, frame, 2)
  const run = e.run
  if (run === null) {
    idleGrid(e.grid, frame)
    endFrame(clock, frame)
    live.tracked = headOk
    live.inPose = false
    live.posed = false
    return
  }
  if (t > run.endT) run.endT = t
  const v = e.view
  const code = run.code
  const belly = BELLY_HAND[code]!
  const paused = e.paused || e.visibility !== VIS_VISIBLE
  // Hands: sensed position, orientation only (emulated), or held over from the last sensed position.
  let sensedHands = 0
  for (let h = 0; h < 2; h++) {
    const usable = h === 0 ? leftUsable : rightUsable
    const sensed = usable && frame.emulated[1 + h] !== 1
    v.handQOk[h] = usable ? 1 : 0
    v.palmOk[h] = 0
    if (usable) viewHand(v, frame, h)
    if (sensed) {
      v.palmOk[h] = 1
      sensedHands |= 1 << h
      rememberPalm(e.grace, v, h, frame)
    }
  }
  if (headOk) {
    viewHead(v, frame)
    rememberHead(e.window, e.base, v)
  }
  // Pelvic tilt's measure is the hand's orientation: an emulated hand keeps counting.
  const heldOver = holdOverPalms(
    e.grace,
    v,
    frame,
    code === PELVIC_TILT,
    headOk && !gap && e.wasInPose,
  )
  const usableMask = v.palmOk[0]! | (v.palmOk[1]! << 1)
  if (code === CAT_COW && headOk && !gap) {
    // the palms' 0.5 s average (cat-cow's form) over the frames where both hands are tracked
    const need = neededHands(false, -1, usableMask)
    if ((need & ~usableMask) === 0) pushPalms(e.palms, v, frame)
  }
  // Judge (needs the head).
  const j = e.judgement
  judgeFrame(e, headOk)
  const needMask = headOk ? neededHands(belly, j.belly, usableMask) : 0
  const tracked = headOk && !gap && needMask !== 0 && (needMask & ~usableMask) === 0
  if (tracked) run.num[R_TRACKED] = run.num[R_TRACKED]! + clock.num[C_DT]!
  const num = e.num
  num[N_T] = t
  num[N_COUNT_DT] = clock.num[C_COUNT_DT]!
  // The baseline, from the frame history (gate holds, nothing held over, the needed points
  // sensed, not paused). When it is first taken, the frames since its still second are
  // judged again from it: counting starts where the movement did.
  let replayFrom = -1
  // A `rest` stretch's baseline is watched for a lower still second only while the frame is
  // near enough below it: the rest of the time its history stays empty (and costs nothing).
  const watchRest = REBASELINE_BELOW[code]! && j.progress <= REBASELINE_PROGRESS + REST_WATCH_MARGIN
  if (e.base.ready && !watchRest && e.history.count !== 0) {
    clearHistory(e.history)
    restartStillness(e.window)
  }
  if (NEEDS_BASELINE[code]! && (!e.base.ready || watchRest)) {
    const allSensed = (needMask & ~sensedHands) === 0 && needMask !== 0
    const stillOk = tracked && !paused && j.gate && allSensed && (heldOver & needMask) === 0
    const meta = e.meta
    meta[H_T] = t
    meta[H_COUNT_DT] = num[N_COUNT_DT]!
    meta[H_FLAGS] =
      (headOk ? F_HEAD : 0) |
      (gap ? F_GAP : 0) |
      (paused ? F_PAUSED : 0) |
      (stillOk ? F_STILL_OK : 0)
    meta[H_USABLE] = usableMask
    meta[H_HELD] = heldOver
    meta[H_SENSED] = sensedHands
    pushHistory(e.history, meta, v, j)
    replayFrom = stepBaselineWindow(e.window, e.base, e.history, v, belly)
  }
  if (replayFrom >= 0) rejudgeSince(e, replayFrom + 1)
  else countFrame(e, headOk, gap, paused, usableMask, heldOver)
  // Stability: the sensed points onto the grid, counted while held.
  setGridPoints(e.grid, v, headOk, sensedHands, e.grace.lastPalm)
  stepStabilityGrid(
    e.grid,
    frame,
    e.sides[e.slot]!,
    !clock.havePrev || gap,
    e.countStability,
    e.stillMask,
  )
  endFrame(clock, frame)
  // Live feedback.
  const slot = e.slot
  live.tracked = e.lastTracked
  live.inPose = e.lastInPose
  live.posed = e.lastPosed
  live.progress = num[N_MAGNITUDE]!
  // The side's totals change only while it is held (or its repetitions run).
  if (e.lastInPose || e.lastActive) updateLiveTotals(e.figures, run, e.sides[slot]!, slot)
  live.phase = live.completed
    ? SIDED[code]! && slot === 0
      ? 'switchSide'
      : 'done'
    : e.lastInPose
      ? run.hold
        ? 'hold'
        : 'reps'
      : 'getIntoPosition'
}

/** Judges the view in e.view (the head usable or not) into e.judgement. */
function judgeFrame(e: EngineState, headOk: boolean): void {
  const j = e.judgement
  if (headOk) {
    deriveView(e.view)
    judgeStretch(e.run!.code, e.sideSign, e.view, e.base, j)
  } else {
    j.gate = false
    j.form = false
    j.progress = 0
    j.belly = -1
  }
}

/**
 * Counts one judged frame (e.judgement; its t and counted seconds in e.num):
 * hold time and range samples, or the repetition counter; sets what the
 * frame means for stability and the live feedback (e.last*, e.count*).
 */
function countFrame(
  e: EngineState,
  headOk: boolean,
  gap: boolean,
  paused: boolean,
  usableMask: number,
  heldOver: number,
): void {
  const run = e.run!
  const code = run.code
  const j = e.judgement
  const num = e.num
  const needMask = headOk ? neededHands(BELLY_HAND[code]!, j.belly, usableMask) : 0
  const tracked = headOk && !gap && needMask !== 0 && (needMask & ~usableMask) === 0
  let progress = j.progress
  if (!Number.isFinite(progress)) progress = 0
  // Math.min/max rather than assigning the constant: a phi of a float and a module
  // constant is kept boxed by the optimiser, allocating every frame (measured).
  progress = Math.min(PROGRESS_CAP, Math.max(-PROGRESS_CAP, progress))
  const baseOk = e.base.ready || !NEEDS_BASELINE[code]
  const holdKind = run.hold
  const active = tracked && !paused && j.gate && j.form && baseOk
  const magnitude = progress < 0 ? (code === CAT_COW ? -progress : 0) : progress
  num[N_MAGNITUDE] = magnitude
  const inPose = active && (holdKind ? magnitude >= IN_POSE_PROGRESS : true)
  const slot = e.slot
  const side = e.sides[slot]!
  const dtCount = num[N_COUNT_DT]!
  let countStability = false
  let stillMask = 0
  if (holdKind) {
    if (inPose) {
      side.holdSeconds += dtCount
      if ((heldOver & needMask) === 0) {
        side.arg[0] = magnitude
        side.arg[1] = dtCount
        addRangeSample(side)
        countStability = true
        stillMask = 1 | (needMask << 1)
      }
      if (side.holdSeconds >= run.targetHold) run.completed[slot] = true
    }
  } else if (active) {
    const reps = e.reps
    reps.num[R_T] = num[N_T]!
    reps.num[R_DT] = dtCount
    reps.num[R_INPUT] = code === CAT_COW ? progress : progress > 0 ? progress : 0
    if (stepReps(reps, code === PELVIC_TILT || code === BRIDGE, code === CAT_COW)) {
      side.reps++
      side.arg[0] = reps.num[R_AMPLITUDE]!
      addPeak(side)
      if (side.reps >= run.targetReps) run.completed[slot] = true
    }
    // The points that should stay still: the counter hands (cat-cow), the head on the floor.
    stillMask = code === CAT_COW ? 6 : 1
    countStability = (heldOver & needMask) === 0
  } else if (!holdKind && tracked && !paused && (!j.gate || !j.form)) {
    // a moment out of the gate or form keeps the repetition in flight (REP_LAPSE_S)
    e.reps.num[R_T] = num[N_T]!
    lapseReps(e.reps)
  }
  e.countStability = countStability
  e.stillMask = stillMask
  e.wasInPose = holdKind ? inPose : active
  e.lastTracked = tracked
  e.lastInPose = inPose
  e.lastActive = active
  e.lastPosed =
    tracked && j.gate && j.form && baseOk && (holdKind ? magnitude >= IN_POSE_PROGRESS : true)
}

/**
 * The baseline was just taken: judges again, from it, the history frames from
 * `first` to the newest (this frame), and counts them.
 */
function rejudgeSince(e: EngineState, first: number): void {
  const h = e.history
  const d = h.data
  const num = e.num
  for (let n = first; n < h.count; n++) {
    const o = recordOf(n)
    const flags = d[o + H_FLAGS]!
    const headOk = (flags & F_HEAD) !== 0
    restoreView(h, n, e.view)
    judgeFrame(e, headOk)
    num[N_T] = d[o + H_T]!
    num[N_COUNT_DT] = d[o + H_COUNT_DT]!
    countFrame(
      e,
      headOk,
      (flags & F_GAP) !== 0,
      (flags & F_PAUSED) !== 0,
      d[o + H_USABLE]!,
      d[o + H_HELD]!,
    )
  }
}

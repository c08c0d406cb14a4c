/**
 * The scoring engine: createEngine once, then stepEngine for every frame (live
 * from WebXR or replayed from a trace) and the event functions for what a trace
 * records as events. Everything per frame writes into state preallocated here;
 * stepEngine allocates nothing. PRODUCT.md (Scoring) and the pose-trace spec
 * (Tracking, result object) are the rules; how each stretch is judged is in
 * stretchRules.ts.
 *
 * Per frame: frozen-device check → head and palm view → tracking rules (head
 * loss pauses at once; a needed hand may be held over 2 s) → baseline → gate,
 * form, progress → hold timer or repetition counter → range and stability
 * samples → live feedback.
 */
import {
  BODY_FRACTIONS,
  createBodyModel,
  GRIP_TO_PALM_M,
  isValidEyeHeight,
  WRIST_ABOVE_SURFACE_M,
} from '../bodyModel.ts'
import type { Phase } from '../phase.ts'
import { INPUT_HAND, type PoseFrame } from '../poseFrame.ts'
import type { Side, SideResult, StretchResult } from '../result.ts'
import { STRETCHES, STRETCH_IDS, type StretchId } from '../stretches.ts'
import { DEG } from '../vec.ts'
import type { SessionEvent } from './events.ts'
import {
  addPeak,
  addRangeSample,
  addStabilitySample,
  computeSideFigures,
  createSideScore,
  resetSideScore,
  type SideScore,
} from './sideScore.ts'
import {
  createStabilityFilter,
  restartStabilityPoint,
  STABILITY_GRID_HZ,
  stepStabilityPoint,
  type StabilityFilter,
} from './stabilityFilter.ts'
import {
  BELLY_HAND,
  BRIDGE,
  REBASELINE_BELOW,
  CAT_COW,
  createBaseline,
  createBodyView,
  createJudgement,
  deriveView,
  judgeStretch,
  NEEDS_BASELINE,
  PELVIC_TILT,
  type Baseline,
  type BodyView,
  type Judgement,
} from './stretchRules.ts'

/** Bump whenever scoring changes: results carry it so old and new scores are never mixed. */
export const ENGINE_VERSION = '1.0.0'

/** A gap between frames longer than this (s) is untracked for its whole length. */
export const MAX_FRAME_GAP_S = 0.25
/** A needed hand may be lost this long (s) while the pose is held. */
export const HAND_GRACE_S = 2
/** A pose bit-identical for this long (s) is a frozen device. */
export const FROZEN_AFTER_S = 0.5
/** Baseline: the first second (s) in the gate with head and needed hands still. */
export const BASELINE_SECONDS = 1
/** Baseline stillness: each point moves less than this (m) over the baseline second. */
export const BASELINE_STILL_M = 0.015
/** Baseline stillness looks at positions smoothed with this time constant (s), twice. */
export const STILL_SMOOTH_S = 0.25
/** Live range, stability and score are recomputed at most this often (s). */
export const LIVE_FIGURES_S = 0.1
/** In the pose needs at least this progress. */
export const IN_POSE_PROGRESS = 0.25
/** Progress is capped here (past the target adds nothing beyond it). */
export const PROGRESS_CAP = 1.2
/** Repetition thresholds: reach 60 %, end below 20 %, hold-at-top 80 %. */
export const REP_REACH = 0.6
/** See REP_REACH. */
export const REP_END = 0.2
/** See REP_REACH. */
export const REP_TOP = 0.8
/** A repetition lasts 2–15 s. */
export const REP_MIN_S = 2
/** See REP_MIN_S. */
export const REP_MAX_S = 15
/** Pelvic tilt and bridge: at least this long (s) above 80 % of the target in a repetition. */
export const REP_TOP_S = 0.8

/** Engine options: the user's calibration. */
export interface EngineOptions {
  /** calibrated standing eye height, metres (0.5–2.3) */
  eyeHeightM: number
}

/** Per-frame values for the UI, updated in place by every step. */
export interface LiveFeedback {
  stretch: StretchId | null
  side: Side | null
  phase: Phase
  /** head and the needed hands tracked (or held over) this frame */
  tracked: boolean
  inPose: boolean
  /**
   * The body is in the pose (tracked, gate, form, progress) whether or not
   * counting is paused: the runner watches it while it pauses the engine
   * (a side switch waits for the user to let go of the first side).
   */
  posed: boolean
  /** seconds counted so far on the current side (hold stretches) */
  holdSeconds: number
  targetHoldSeconds: number
  /** repetitions counted so far on the current side */
  reps: number
  targetReps: number
  /** this frame's progress, 0–1.2 */
  progress: number
  range: number
  stability: number
  score: number
  /** the current side reached its target */
  completed: boolean
}

/** A running engine; everything but `live` is private state. */
export interface Engine {
  readonly live: LiveFeedback
}

const VIS_VISIBLE = 0
const REP_IDLE = 0
const REP_RISING = 1
const REP_DROPPED = 2
const PALM_RING = 256
const N_PREVT = 0
const N_T = 1
const N_DTSMOOTH = 2
const N_DTCOUNT = 3
const N_REPINPUT = 4
const N_REPSTARTT = 5
const N_REPPEAK1 = 6
const N_REPPEAK2 = 7
const N_REPTOPSECONDS = 8
const N_BASESTARTT = 9
const N_CLOCKFLOOR = 10
const R_TRACKED = 0
const N_COUNT = 11
/** slot of the last frame whose stability was counted */
const N_COUNTED_T = N_COUNT + 1
/** slot of the time live figures were last computed */
const N_FIGT = N_COUNT
const N_SLOTS = N_COUNT + 2

/** One stretch run: from its stretch event (or header) to the next different stretch or pain. */
interface Run {
  code: number
  startT: number
  endT: number
  /** [R_TRACKED]: tracked seconds so far; a typed slot, as a double field here was boxed on every store (measured) */
  readonly num: Float64Array
  skipped: number
  pain: boolean
  hold: boolean
  targetHold: number
  targetReps: number
  /** which sides were named: [left, right] for one-sided stretches, [both] for two-sided */
  named: [boolean, boolean]
  /** per side slot: hold time or reps reached */
  completed: [boolean, boolean]
}

interface EngineState extends Engine {
  readonly live: LiveFeedback
  H: number
  results: StretchResult[]
  run: Run | null
  pendingSkipped: number
  /** side slot in use: 0 (left or both) or 1 (right) */
  slot: number
  sideSign: number
  readonly sides: [SideScore, SideScore]
  /** the stretch (code) and side slot a one-side trace holds, −1 when none */
  scopeCode: number
  scopeSlot: number
  paused: boolean
  visibility: number
  /** counting of hold time never reaches back before this instant (s): resume, stretch start */
  havePrev: boolean
  /** a reset happened with a baseline: map it across at the next head pose */
  resetPending: boolean
  haveLastHead: boolean
  readonly lastEye: Float64Array
  readonly lastFwd: Float64Array
  /**
   * This frame's numbers and the per-frame timers, in a typed array: doubles
   * stored into fields of this large object were boxed on every store (measured),
   * typed-array slots never are. Indices N_*.
   */
  readonly num: Float64Array
  // frozen device
  readonly rawPrev: Float64Array
  readonly rawPrevValid: Uint8Array
  readonly identicalSince: Float64Array
  // body view and judgement
  readonly view: BodyView
  readonly base: Baseline
  readonly judgement: Judgement
  // hands held over
  readonly lastPalm: Float64Array
  readonly lastPalmT: Float64Array
  readonly lastPalmValid: Uint8Array
  wasInPose: boolean
  // baseline window
  baseCount: number
  baseBelly: number
  readonly smooth1: Float64Array
  readonly smooth2: Float64Array
  readonly smoothOk: Uint8Array
  readonly baseAnchor: Float64Array
  readonly baseSum: Float64Array
  // cat-cow: the palms over the last 0.5 s
  readonly ringT: Float64Array
  readonly ringPalm: Float64Array
  ringStart: number
  ringLength: number
  readonly ringSum: Float64Array
  // repetition in flight
  repState: number
  repDir: number
  repReached1: boolean
  repReached2: boolean
  // stability grid
  readonly filter: StabilityFilter
  gridK: number
  readonly gridPrev: Float64Array
  readonly gridPrevOk: Uint8Array
  readonly gridCur: Float64Array
  readonly gridCurOk: Uint8Array
}

// Scratch for normalised quaternions and poses: stepEngine runs to completion
// before anything else touches them, so one copy serves every engine.
const _pose = new Float64Array(7)
/** Palm offsets of PRODUCT.md's body model: grip → palm (m), wrist → palm up (m), wrist → palm along −Z (× H). */
const _offsets = Float64Array.of(
  GRIP_TO_PALM_M,
  -WRIST_ABOVE_SURFACE_M,
  -BODY_FRACTIONS.wristToPalm,
)
const _vin = new Float64Array(3)
/** cos and sin of the yaw a reset turned the space by */
const _map = new Float64Array(2)
const _v0 = new Float64Array(3)

/** Rotates _vin by the quaternion in _pose[3..6] into _v0. */
function rotateScratch(): void {
  const qx = _pose[3]!
  const qy = _pose[4]!
  const qz = _pose[5]!
  const qw = _pose[6]!
  const vx = _vin[0]!
  const vy = _vin[1]!
  const vz = _vin[2]!
  const tx = 2 * (qy * vz - qz * vy)
  const ty = 2 * (qz * vx - qx * vz)
  const tz = 2 * (qx * vy - qy * vx)
  _v0[0] = vx + qw * tx + (qy * tz - qz * ty)
  _v0[1] = vy + qw * ty + (qz * tx - qx * tz)
  _v0[2] = vz + qw * tz + (qx * ty - qy * tx)
}

function createRun(code: number, t: number, holdSeconds: number | null, reps: number | null): Run {
  const st = STRETCHES[STRETCH_IDS[code]!]
  const hold = st.dose.kind === 'hold'
  const defHold = st.dose.kind === 'hold' ? st.dose.holdSeconds : 0
  const defReps = st.dose.kind === 'reps' ? st.dose.reps : 0
  return {
    code,
    startT: t,
    endT: t,
    num: new Float64Array(1),
    skipped: 0,
    pain: false,
    hold,
    targetHold:
      holdSeconds !== null && Number.isFinite(holdSeconds) && holdSeconds > 0
        ? holdSeconds
        : defHold,
    targetReps: reps !== null && Number.isFinite(reps) && reps >= 1 ? Math.floor(reps) : defReps,
    named: [false, false],
    completed: [false, false],
  }
}

/** Creates an engine for one user's calibration (an invalid eye height falls back to 1.62 m). */
export function createEngine(options: EngineOptions): Engine {
  const eye = isValidEyeHeight(options.eyeHeightM) ? options.eyeHeightM : 1.62
  const e: EngineState = {
    live: {
      stretch: null,
      side: null,
      phase: 'demonstrate',
      tracked: false,
      inPose: false,
      posed: false,
      holdSeconds: 0,
      targetHoldSeconds: 0,
      reps: 0,
      targetReps: 0,
      progress: 0,
      range: 0,
      stability: 0,
      score: 0,
      completed: false,
    },
    H: createBodyModel(eye).statureM,
    results: [],
    run: null,
    pendingSkipped: 0,
    slot: 0,
    sideSign: 0,
    sides: [createSideScore(), createSideScore()],
    scopeCode: -1,
    scopeSlot: 0,
    paused: false,
    visibility: VIS_VISIBLE,
    havePrev: false,
    resetPending: false,
    haveLastHead: false,
    lastEye: new Float64Array(3),
    lastFwd: new Float64Array(3),
    num: new Float64Array(N_SLOTS),
    rawPrev: new Float64Array(21),
    rawPrevValid: new Uint8Array(3),
    identicalSince: new Float64Array(3),
    view: createBodyView(),
    base: createBaseline(),
    judgement: createJudgement(),
    lastPalm: new Float64Array(6),
    lastPalmT: new Float64Array(2),
    lastPalmValid: new Uint8Array(2),
    wasInPose: false,
    baseCount: 0,
    baseBelly: -1,
    smooth1: new Float64Array(9),
    smooth2: new Float64Array(9),
    smoothOk: new Uint8Array(3),
    baseAnchor: new Float64Array(9),
    baseSum: new Float64Array(32),
    ringT: new Float64Array(PALM_RING),
    ringPalm: new Float64Array(PALM_RING * 6),
    ringStart: 0,
    ringLength: 0,
    ringSum: new Float64Array(6),
    repState: REP_IDLE,
    repDir: 0,
    repReached1: false,
    repReached2: false,
    filter: createStabilityFilter(),
    gridK: 0,
    gridPrev: new Float64Array(9),
    gridPrevOk: new Uint8Array(3),
    gridCur: new Float64Array(9),
    gridCurOk: new Uint8Array(3),
  }
  e.view.H = e.H
  e.num[N_CLOCKFLOOR] = -Infinity
  e.num[N_COUNTED_T] = -Infinity
  return e
}

function restartBaseline(e: EngineState): void {
  e.resetPending = false
  e.base.ready = false
  e.base.belly = -1
  e.baseCount = 0
  e.ringLength = 0
  e.ringStart = 0
  e.ringSum.fill(0)
  dropRep(e)
  e.wasInPose = false
}

function dropRep(e: EngineState): void {
  e.repState = REP_IDLE
  e.repReached1 = false
  e.repReached2 = false
  e.num[N_REPPEAK1] = 0
  e.num[N_REPPEAK2] = 0
  e.num[N_REPTOPSECONDS] = 0
  e.repDir = 0
}

function restartFilters(e: EngineState): void {
  for (let p = 0; p < 3; p++) restartStabilityPoint(e.filter, p)
  e.gridPrevOk.fill(0)
}

function sideOf(e: EngineState): Side | null {
  const run = e.run
  if (run === null) return null
  if (!STRETCHES[STRETCH_IDS[run.code]!].sided) return 'both'
  return e.slot === 0 ? 'left' : 'right'
}

function buildResult(e: EngineState, run: Run): StretchResult {
  const id = STRETCH_IDS[run.code]!
  const sided = STRETCHES[id].sided
  const sides: Partial<Record<Side, SideResult>> = {}
  let sum = 0
  let count = 0
  let completed = !run.pain
  for (let slot = 0; slot < (sided ? 2 : 1); slot++) {
    if (!run.named[slot]) continue
    const s = e.sides[slot]!
    computeSideFigures(s, run)
    const range = s.range
    const stability = s.stability
    const score = s.score
    const key: Side = sided ? (slot === 0 ? 'left' : 'right') : 'both'
    sides[key] = {
      holdSeconds: run.hold ? s.holdSeconds : 0,
      reps: run.hold ? null : s.reps,
      range,
      stability,
      score,
    }
    sum += score
    count++
    if (!run.completed[slot]) completed = false
  }
  // A trace that holds one side only (its header names it) is scored on that side;
  // otherwise both sides are in scope and a side not performed counts 0.
  const oneSide =
    !sided || (run.code === e.scopeCode && run.named[e.scopeSlot] && !run.named[1 - e.scopeSlot])
  if (!oneSide && count < 2) completed = false
  const score = count > 0 ? Math.round(sum / (oneSide ? count : 2)) : 0
  const span = run.endT - run.startT
  const tf = span > 0 ? run.num[R_TRACKED]! / span : 0
  return {
    stretch: id,
    engineVersion: ENGINE_VERSION,
    completed: count > 0 && completed,
    sides,
    score,
    trackedFraction: tf > 1 ? 1 : tf >= 0 ? tf : 0,
    skippedFrames: run.skipped,
    pain: run.pain,
  }
}

function closeRun(e: EngineState): void {
  const run = e.run
  if (run === null) return
  e.results.push(buildResult(e, run))
  e.run = null
  e.live.stretch = null
  e.live.side = null
  e.live.phase = 'done'
  e.live.inPose = false
  e.live.posed = false
}

/**
 * A stretch (or a side of it) starts at t (s). The same id as the running
 * stretch switches side; another id closes the running stretch's result.
 * Null targets mean PRODUCT.md's defaults.
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
  const time = Number.isFinite(t) ? t : e.havePrev ? e.num[N_PREVT]! : 0
  let run = e.run
  if (run !== null && run.code === code) {
    run.endT = Math.max(run.endT, time)
    if (holdSeconds !== null && Number.isFinite(holdSeconds) && holdSeconds > 0)
      run.targetHold = holdSeconds
    if (reps !== null && Number.isFinite(reps) && reps >= 1) run.targetReps = Math.floor(reps)
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
  e.num[N_CLOCKFLOOR] = time
  restartBaseline(e)
  restartFilters(e)
  const live = e.live
  live.stretch = stretch
  live.side = sideOf(e)
  live.targetHoldSeconds = run.hold ? run.targetHold : 0
  live.targetReps = run.hold ? 0 : run.targetReps
  e.num[N_FIGT] = -Infinity
  updateLiveTotals(e)
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
    e.num[N_CLOCKFLOOR] = t
  e.visibility = v
  touchRun(e, t)
}

/** The reference space was reset at t: poses jump; re-baseline and drop the repetition in flight. */
export function engineReset(engine: Engine, t: number): void {
  const e = engine as EngineState
  if (e.base.ready && e.haveLastHead) {
    // Re-take the baseline in the new frame: the space turned about +Y and moved, the
    // body did not, so the next head pose maps the old baseline across (stepResetMap).
    e.resetPending = true
    dropRep(e)
    e.ringLength = 0
    e.ringStart = 0
    e.ringSum.fill(0)
    e.baseCount = 0
  } else {
    restartBaseline(e)
  }
  restartFilters(e)
  e.lastPalmValid.fill(0)
  e.rawPrevValid.fill(0)
  e.smoothOk.fill(0)
  touchRun(e, t)
}

/** The user paused at t. */
export function enginePause(engine: Engine, t: number): void {
  const e = engine as EngineState
  e.paused = true
  touchRun(e, t)
}

/** The user resumed at t. */
export function engineResume(engine: Engine, t: number): void {
  const e = engine as EngineState
  if (e.paused && Number.isFinite(t)) e.num[N_CLOCKFLOOR] = t
  e.paused = false
  touchRun(e, t)
}

/** Stop-for-pain at t: the current stretch ends, keeping what was held, with pain: true. */
export function enginePain(engine: Engine, t: number): void {
  const e = engine as EngineState
  const run = e.run
  if (run === null) return
  touchRun(e, t)
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

/** Ends the session: one result per stretch run, in order. */
export function finishEngine(engine: Engine): StretchResult[] {
  const e = engine as EngineState
  closeRun(e)
  return e.results.slice()
}

function touchRun(e: EngineState, t: number): void {
  if (e.run !== null && Number.isFinite(t) && t > e.run.endT) e.run.endT = t
}

/** Updates the frozen-device timer of pose i; true when the pose is usable (tracked, finite, not frozen). */
function poseUsable(e: EngineState, frame: PoseFrame, i: number): boolean {
  const t = frame.t
  const o = i * 7
  if (frame.tracked[i] !== 1) {
    e.rawPrevValid[i] = 0
    return false
  }
  const p = frame.poses
  let same = e.rawPrevValid[i] === 1
  let finite = true
  for (let k = 0; k < 7; k++) {
    const x = p[o + k]!
    if (!Number.isFinite(x)) finite = false
    if (same && x !== e.rawPrev[o + k]) same = false
  }
  if (!finite) {
    e.rawPrevValid[i] = 0
    return false
  }
  const qx = p[o + 3]!
  const qy = p[o + 4]!
  const qz = p[o + 5]!
  const qw = p[o + 6]!
  const ql = Math.sqrt(qx * qx + qy * qy + qz * qz + qw * qw)
  if (!(ql > 0.5 && ql < 2)) {
    e.rawPrevValid[i] = 0
    return false
  }
  if (!same) {
    for (let k = 0; k < 7; k++) e.rawPrev[o + k] = p[o + k]!
    e.rawPrevValid[i] = 1
    e.identicalSince[i] = t
    return true
  }
  return t - e.identicalSince[i]! < FROZEN_AFTER_S
}

/** Copies pose i of the frame into _pose with its quaternion normalised. */
function loadPose(frame: PoseFrame, i: number): void {
  const p = frame.poses
  const o = i * 7
  for (let k = 0; k < 7; k++) _pose[k] = p[o + k]!
  const l = Math.sqrt(_pose[3]! ** 2 + _pose[4]! ** 2 + _pose[5]! ** 2 + _pose[6]! ** 2)
  _pose[3] = _pose[3]! / l
  _pose[4] = _pose[4]! / l
  _pose[5] = _pose[5]! / l
  _pose[6] = _pose[6]! / l
}

/** Fills the head part of the view: eye, up axis, face pitch, forward line and body right. */
function viewHead(v: BodyView, frame: PoseFrame): void {
  loadPose(frame, 0)
  v.eye[0] = _pose[0]!
  v.eye[1] = _pose[1]!
  v.eye[2] = _pose[2]!
  _vin[0] = 0
  _vin[1] = 1
  _vin[2] = 0
  rotateScratch()
  v.up[0] = _v0[0]!
  v.up[1] = _v0[1]!
  v.up[2] = _v0[2]!
  _vin[1] = 0
  _vin[2] = -1
  rotateScratch()
  const fy = _v0[1]!
  v.pitchDeg = Math.asin(fy > 1 ? 1 : fy < -1 ? -1 : fy) / DEG
  // Forward line: face direction on the floor; face down, the crown direction agrees
  // and is added for stability; face up (lying), the crown direction alone.
  let fx: number
  let fz: number
  if (v.pitchDeg >= 30) {
    fx = v.up[0]!
    fz = v.up[2]!
  } else if (v.pitchDeg <= 0) {
    fx = _v0[0]! + v.up[0]!
    fz = _v0[2]! + v.up[2]!
  } else {
    fx = _v0[0]!
    fz = _v0[2]!
  }
  let l = Math.sqrt(fx * fx + fz * fz)
  if (!(l > 1e-9)) {
    fx = 0
    fz = -1
    l = 1
  }
  fx /= l
  fz /= l
  v.fwd[0] = fx
  v.fwd[1] = 0
  v.fwd[2] = fz
  // Body right = forward × up; mirrored when lying face up.
  const mirror = v.pitchDeg >= 30 ? -1 : 1
  v.right[0] = -fz * mirror
  v.right[1] = 0
  v.right[2] = fx * mirror
}

/** Palm centre of hand h (0 left, 1 right) into v.palm; its orientation into v.handQ. */
function viewHand(e: EngineState, frame: PoseFrame, h: number): void {
  loadPose(frame, 1 + h)
  const v = e.view
  // PRODUCT.md, Body model: grip + 0.045 m toward the palm (−X right grip, +X left);
  // wrist + 0.043 H along its −Z + 0.02 m along its −Y.
  if (frame.input[h] === INPUT_HAND) {
    _vin[0] = 0
    _vin[1] = _offsets[1]!
    _vin[2] = _offsets[2]! * e.H
  } else {
    _vin[0] = _offsets[0]! * (h === 0 ? 1 : -1)
    _vin[1] = 0
    _vin[2] = 0
  }
  rotateScratch()
  for (let k = 0; k < 3; k++) v.palm[h * 3 + k] = _pose[k]! + _v0[k]!
  for (let k = 0; k < 4; k++) v.handQ[h * 4 + k] = _pose[3 + k]!
}

function pushPalmRing(e: EngineState): void {
  const t = e.num[N_T]!
  const v = e.view
  if (e.ringLength === PALM_RING) popPalmRing(e)
  const w = (e.ringStart + e.ringLength) % PALM_RING
  e.ringT[w] = t
  for (let k = 0; k < 6; k++) {
    e.ringPalm[w * 6 + k] = v.palm[k]!
    e.ringSum[k] = e.ringSum[k]! + v.palm[k]!
  }
  e.ringLength++
  while (e.ringLength > 1 && t - e.ringT[e.ringStart]! > 0.5) popPalmRing(e)
  for (let k = 0; k < 6; k++) v.palmAvg[k] = e.ringSum[k]! / e.ringLength
}

function popPalmRing(e: EngineState): void {
  const o = e.ringStart
  for (let k = 0; k < 6; k++) e.ringSum[k] = e.ringSum[k]! - e.ringPalm[o * 6 + k]!
  e.ringStart = (o + 1) % PALM_RING
  e.ringLength--
}

/**
 * Smooths the eye and palms (two cascaded 0.25 s exponential stages, on time) so
 * the baseline's stillness test sees movement, not tremor: a 2 Hz wobble keeps
 * under 10 % of its size, slow breathing sway most of it.
 */
function stepSmoothing(e: EngineState, headOk: boolean, sensedHands: number): void {
  const dt = e.num[N_DTSMOOTH]!
  // 1 − e^(−x): its series for the small steps of every frame rate (error < 1e-7), exp beyond.
  const x = dt > 0 ? dt / STILL_SMOOTH_S : 0
  const a = x < 0.1 ? x * (1 - x * (0.5 - x * (1 / 6 - x / 24))) : 1 - Math.exp(-x)
  for (let p = 0; p < 3; p++) {
    const ok = p === 0 ? headOk : (sensedHands & (1 << (p - 1))) !== 0
    if (!ok) {
      e.smoothOk[p] = 0
      continue
    }
    const src = p === 0 ? e.view.eye : e.view.palm
    const so = p === 0 ? 0 : (p - 1) * 3
    for (let k = 0; k < 3; k++) {
      const x = src[so + k]!
      const i = p * 3 + k
      if (e.smoothOk[p] === 0) {
        e.smooth1[i] = x
        e.smooth2[i] = x
      } else {
        e.smooth1[i] = e.smooth1[i]! + a * (x - e.smooth1[i]!)
        e.smooth2[i] = e.smooth2[i]! + a * (e.smooth1[i]! - e.smooth2[i]!)
      }
    }
    e.smoothOk[p] = 1
  }
}

/**
 * Baseline window: the first second in the gate with the head and needed hands
 * each moving < 1.5 cm. The window keeps watching once the baseline is taken:
 * a later still second well below it (progress ≤ −0.25; e.g. a reset caught the
 * user at the top of a bridge) replaces it, so the start pose is the reference.
 */
function stepBaseline(e: EngineState, still: boolean, belly: number): void {
  const t = e.num[N_T]!
  const progress = e.judgement.progress
  const v = e.view
  const b = e.base
  if (!still || (b.ready && belly !== b.belly)) {
    e.baseCount = 0
    return
  }
  const a = e.baseAnchor
  const sm = e.smooth2
  if (e.baseCount > 0) {
    let moved = movedFromAnchor(sm, a, 0)
    if (belly < 0 || belly === 0) moved = moved || movedFromAnchor(sm, a, 3)
    if (belly < 0 || belly === 1) moved = moved || movedFromAnchor(sm, a, 6)
    if (moved || (BELLY_HAND[e.run!.code] && belly !== e.baseBelly)) e.baseCount = 0
  }
  const s = e.baseSum
  if (e.baseCount === 0) {
    for (let k = 0; k < 9; k++) a[k] = sm[k]!
    s.fill(0)
    e.num[N_BASESTARTT] = t
    e.baseBelly = belly
  }
  for (let k = 0; k < 3; k++) s[k] = s[k]! + v.eye[k]!
  for (let k = 0; k < 6; k++) s[3 + k] = s[3 + k]! + v.palm[k]!
  s[9] = s[9]! + v.fwd[0]!
  s[10] = s[10]! + v.fwd[2]!
  s[11] = s[11]! + v.pitchDeg
  // Hand orientations: sign-aligned sum (q and −q are the same rotation).
  for (let h = 0; h < 2; h++) {
    const o = h * 4
    const ref =
      e.baseCount === 0
        ? 1
        : s[12 + o]! * v.handQ[o]! +
          s[13 + o]! * v.handQ[o + 1]! +
          s[14 + o]! * v.handQ[o + 2]! +
          s[15 + o]! * v.handQ[o + 3]!
    const sign = ref < 0 ? -1 : 1
    for (let k = 0; k < 4; k++) s[12 + o + k] = s[12 + o + k]! + sign * v.handQ[o + k]!
  }
  e.baseCount++
  if (t - e.num[N_BASESTARTT]! < BASELINE_SECONDS) return
  const n = e.baseCount
  e.baseCount = 0
  if (b.ready && !(progress <= -IN_POSE_PROGRESS)) return
  b.belly = e.baseBelly
  for (let k = 0; k < 3; k++) b.eye[k] = s[k]! / n
  for (let k = 0; k < 6; k++) b.palm[k] = s[3 + k]! / n
  let fx = s[9]!
  let fz = s[10]!
  const l = Math.sqrt(fx * fx + fz * fz)
  if (l > 1e-9) {
    fx /= l
    fz /= l
  } else {
    fx = v.fwd[0]!
    fz = v.fwd[2]!
  }
  b.fwd[0] = fx
  b.fwd[1] = 0
  b.fwd[2] = fz
  b.right[0] = v.right[0]!
  b.right[1] = 0
  b.right[2] = v.right[2]!
  b.pitchDeg = s[11]! / n
  for (let h = 0; h < 2; h++) {
    const o = h * 4
    const ql = Math.sqrt(s[12 + o]! ** 2 + s[13 + o]! ** 2 + s[14 + o]! ** 2 + s[15 + o]! ** 2)
    for (let k = 0; k < 4; k++) b.handQ[o + k] = ql > 1e-9 ? s[12 + o + k]! / ql : k === 3 ? 1 : 0
  }
  // Hamstring hip point: the baseline eye 0.055 H back along the forward line, 0.05 H up.
  b.hip[0] = b.eye[0]! - 0.055 * e.H * fx
  b.hip[1] = 0.05 * e.H
  b.hip[2] = b.eye[2]! - 0.055 * e.H * fz
  const hx = b.eye[0]! - b.hip[0]!
  const hy = b.eye[1]! - b.hip[1]!
  const hz = b.eye[2]! - b.hip[2]!
  b.eyeHipM = Math.sqrt(hx * hx + hy * hy + hz * hz)
  b.ready = true
}

/** Moves point o of arr (3 numbers) from the old frame to the new one: R(p − lastEye) + eye. */
function mapPoint(e: EngineState, arr: Float64Array, o: number): void {
  const c = _map[0]!
  const sn = _map[1]!
  const x = arr[o]! - e.lastEye[0]!
  const z = arr[o + 2]! - e.lastEye[2]!
  arr[o] = x * c + z * sn + e.view.eye[0]!
  arr[o + 1] = arr[o + 1]! - e.lastEye[1]! + e.view.eye[1]!
  arr[o + 2] = -x * sn + z * c + e.view.eye[2]!
}

/** Turns direction o of arr (horizontal) by the reset's yaw. */
function mapDir(arr: Float64Array, o: number): void {
  const c = _map[0]!
  const sn = _map[1]!
  const x = arr[o]!
  const z = arr[o + 2]!
  arr[o] = x * c + z * sn
  arr[o + 2] = -x * sn + z * c
}

/**
 * After a reset: the yaw between the forward lines before and after, and the
 * eye's jump, carry the baseline into the new reference space (heights keep).
 */
function stepResetMap(e: EngineState): void {
  e.resetPending = false
  const v = e.view
  const ox = e.lastFwd[0]!
  const oz = e.lastFwd[2]!
  const nx = v.fwd[0]!
  const nz = v.fwd[2]!
  const phi = Math.atan2(oz * nx - ox * nz, ox * nx + oz * nz)
  _map[0] = Math.cos(phi)
  _map[1] = Math.sin(phi)
  const b = e.base
  mapPoint(e, b.eye, 0)
  mapPoint(e, b.palm, 0)
  mapPoint(e, b.palm, 3)
  mapPoint(e, b.hip, 0)
  mapDir(b.fwd, 0)
  mapDir(b.right, 0)
  // Hand orientations: q' = q_yaw · q, q_yaw = (0, sin φ/2, 0, cos φ/2).
  const hs = Math.sin(phi / 2)
  const hc = Math.cos(phi / 2)
  for (let o = 0; o < 8; o += 4) {
    const qx = b.handQ[o]!
    const qy = b.handQ[o + 1]!
    const qz = b.handQ[o + 2]!
    const qw = b.handQ[o + 3]!
    b.handQ[o] = hc * qx + hs * qz
    b.handQ[o + 1] = hc * qy + hs * qw
    b.handQ[o + 2] = hc * qz - hs * qx
    b.handQ[o + 3] = hc * qw - hs * qy
  }
}

/** Whether the point at a[o..o+2] is BASELINE_STILL_M or more from the anchor at anchor[o..]. */
function movedFromAnchor(a: Float64Array, anchor: Float64Array, o: number): boolean {
  const dx = a[o]! - anchor[o]!
  const dy = a[o + 1]! - anchor[o + 1]!
  const dz = a[o + 2]! - anchor[o + 2]!
  return dx * dx + dy * dy + dz * dz >= BASELINE_STILL_M * BASELINE_STILL_M
}

/** Repetition counter on this frame's progress (signed for cat-cow). */
function stepReps(e: EngineState, catCow: boolean): void {
  const t = e.num[N_T]!
  const dt = e.num[N_DTCOUNT]!
  const progress = e.num[N_REPINPUT]!
  const run = e.run!
  const side = e.sides[e.slot]!
  const a = progress < 0 ? -progress : progress
  const dir = progress < 0 ? -1 : 1
  const needTop = run.code === PELVIC_TILT || run.code === BRIDGE
  if (e.repState === REP_DROPPED) {
    if (a < REP_END) e.repState = REP_IDLE
    return
  }
  if (e.repState === REP_IDLE) {
    if (a < REP_END || (!catCow && progress < 0)) return
    e.repState = REP_RISING
    e.num[N_REPSTARTT] = t
    e.repDir = dir
    e.repReached1 = false
    e.repReached2 = false
    e.num[N_REPPEAK1] = 0
    e.num[N_REPPEAK2] = 0
    e.num[N_REPTOPSECONDS] = 0
  }
  if (t - e.num[N_REPSTARTT]! > REP_MAX_S) {
    dropRep(e)
    e.repState = REP_DROPPED
    return
  }
  if (a >= REP_END && (catCow || progress > 0)) {
    if (dir === e.repDir) {
      if (catCow && e.repReached2) {
        // cat, cow, then cat again without settling: the new movement starts a repetition.
        finishRep(e, side, needTop, catCow)
        return
      }
      if (catCow && e.repReached1 && e.num[N_REPPEAK2]! > 0) {
        // back to the first phase without completing the second: start over from here.
        e.num[N_REPSTARTT] = t
        e.repReached1 = false
        e.num[N_REPPEAK1] = 0
        e.num[N_REPPEAK2] = 0
      }
      if (a > e.num[N_REPPEAK1]!) e.num[N_REPPEAK1] = a
      if (a >= REP_REACH) e.repReached1 = true
      if (a >= REP_TOP) e.num[N_REPTOPSECONDS] = e.num[N_REPTOPSECONDS]! + dt
    } else if (catCow) {
      if (!e.repReached1) {
        // a half movement, then the other way: this is the repetition's real start.
        e.num[N_REPSTARTT] = t
        e.repDir = dir
        e.num[N_REPPEAK1] = a
        e.num[N_REPPEAK2] = 0
        e.repReached1 = a >= REP_REACH
        return
      }
      if (a > e.num[N_REPPEAK2]!) e.num[N_REPPEAK2] = a
      if (a >= REP_REACH) e.repReached2 = true
    }
    return
  }
  // Below 20 %: the end of a repetition (cat-cow: only after both phases; neutral between them does not end it).
  if (catCow) {
    if (e.repReached1 && e.repReached2) finishRep(e, side, needTop, catCow)
    else if (!e.repReached1) dropRep(e)
    return
  }
  if (e.repReached1) finishRep(e, side, needTop, catCow)
  dropRep(e)
}

function finishRep(e: EngineState, side: SideScore, needTop: boolean, catCow: boolean): void {
  const targetReps = e.run!.targetReps
  const took = e.num[N_T]! - e.num[N_REPSTARTT]!
  const ok =
    took >= REP_MIN_S && took <= REP_MAX_S && (!needTop || e.num[N_REPTOPSECONDS]! >= REP_TOP_S)
  if (ok) {
    side.reps++
    const p1 = e.num[N_REPPEAK1]! > 1 ? 1 : e.num[N_REPPEAK1]!
    const p2 = e.num[N_REPPEAK2]! > 1 ? 1 : e.num[N_REPPEAK2]!
    side.arg[0] = catCow ? (p1 + p2) / 2 : p1
    addPeak(side)
    if (side.reps >= targetReps) e.run!.completed[e.slot] = true
  }
  dropRep(e)
}

/** Resamples the tracked points onto the stability grid up to t and feeds the band-pass. */
function stepStability(e: EngineState, count: boolean, mask: number, side: SideScore): void {
  const t = e.num[N_T]!
  const f = e.filter
  const prevT = e.num[N_PREVT]!
  const span = t - prevT
  let k = e.gridK
  const first = Math.floor(prevT * STABILITY_GRID_HZ) + 1
  if (k < first) k = first
  for (; k / STABILITY_GRID_HZ <= t; k++) {
    const g = k / STABILITY_GRID_HZ
    const w = span > 0 ? (g - prevT) / span : 1
    let sumSq = 0
    let n = 0
    for (let p = 0; p < 3; p++) {
      if (e.gridPrevOk[p] !== 1 || e.gridCurOk[p] !== 1) {
        restartStabilityPoint(f, p)
        continue
      }
      const o = p * 3
      for (let a = 0; a < 3; a++) {
        f.input[a] = e.gridPrev[o + a]! + (e.gridCur[o + a]! - e.gridPrev[o + a]!) * w
      }
      stepStabilityPoint(f, p)
      if ((mask & (1 << p)) !== 0) {
        sumSq += f.output[0]!
        n++
      }
    }
    if (count && n > 0) {
      side.arg[0] = sumSq
      addStabilitySample(side, n)
    }
  }
  e.gridK = k
}

/** Advances the engine by one frame (allocation-free). */
export function stepEngine(engine: Engine, frame: PoseFrame): void {
  const e = engine as EngineState
  const t = frame.t
  if (!Number.isFinite(t)) return
  const live = e.live
  e.num[N_T] = t
  let dt = e.havePrev ? t - e.num[N_PREVT]! : 0
  const gap = dt > MAX_FRAME_GAP_S || dt < 0
  if (gap) dt = 0
  const headOk = poseUsable(e, frame, 0) && frame.emulated[0] !== 1
  const leftUsable = poseUsable(e, frame, 1)
  const rightUsable = poseUsable(e, frame, 2)
  const run = e.run
  if (run === null) {
    e.havePrev = true
    e.num[N_PREVT] = t
    e.gridK = Math.floor(t * STABILITY_GRID_HZ) + 1
    live.tracked = headOk
    live.inPose = false
    live.posed = false
    return
  }
  if (t > run.endT) run.endT = t
  const v = e.view
  const code = run.code
  const holdKind = run.hold
  const belly = BELLY_HAND[code]!
  const paused = e.paused || e.visibility !== VIS_VISIBLE
  // Hands: sensed position, orientation only (emulated), or held over from the last sensed position.
  let sensedHands = 0
  for (let h = 0; h < 2; h++) {
    const usable = h === 0 ? leftUsable : rightUsable
    const sensed = usable && frame.emulated[1 + h] !== 1
    v.handQOk[h] = usable ? 1 : 0
    v.palmOk[h] = 0
    if (usable) viewHand(e, frame, h)
    if (sensed) {
      v.palmOk[h] = 1
      sensedHands |= 1 << h
      for (let k = 0; k < 3; k++) e.lastPalm[h * 3 + k] = v.palm[h * 3 + k]!
      e.lastPalmT[h] = t
      e.lastPalmValid[h] = 1
    }
  }
  let heldOver = 0
  if (headOk) {
    viewHead(v, frame)
    if (e.resetPending) stepResetMap(e)
    for (let k = 0; k < 3; k++) {
      e.lastEye[k] = v.eye[k]!
      e.lastFwd[k] = v.fwd[k]!
    }
    e.haveLastHead = true
  }
  for (let h = 0; h < 2; h++) {
    if (v.palmOk[h] === 1 || e.lastPalmValid[h] !== 1) continue
    // Pelvic tilt's measure is the hand's orientation: an emulated hand keeps counting.
    const orientationOnly = code === PELVIC_TILT && v.handQOk[h] === 1
    const grace = headOk && !gap && e.wasInPose && t - e.lastPalmT[h]! <= HAND_GRACE_S
    if (!orientationOnly && !grace) continue
    for (let k = 0; k < 3; k++) v.palm[h * 3 + k] = e.lastPalm[h * 3 + k]!
    v.palmOk[h] = 1
    if (!orientationOnly) heldOver |= 1 << h
  }
  // Judge (needs the head).
  const j = e.judgement
  let tracked = false
  let needMask = 0
  if (headOk) {
    deriveView(v)
    judgeStretch(code, e.sideSign, v, e.base, j)
    const usableMask = v.palmOk[0]! | (v.palmOk[1]! << 1)
    // Belly-hand stretches need one hand: the belly hand once known, else any usable one.
    needMask = belly ? (j.belly >= 0 ? 1 << j.belly : (usableMask & 1) !== 0 ? 1 : usableMask) : 3
    tracked = needMask !== 0 && (needMask & ~usableMask) === 0
  } else {
    j.gate = false
    j.form = false
    j.progress = 0
    j.belly = -1
  }
  if (gap) tracked = false
  if (tracked) run.num[R_TRACKED] = run.num[R_TRACKED]! + dt
  // Baseline: gate holds, nothing held over, all needed points sensed, not paused.
  const watchBaseline = !e.base.ready || REBASELINE_BELOW[code]!
  e.num[N_DTSMOOTH] = dt
  // The smoothed positions serve only the baseline window; when it is not watched
  // they restart from the raw positions the next time it is.
  if (watchBaseline) stepSmoothing(e, headOk, sensedHands)
  else e.smoothOk.fill(0)
  if (watchBaseline) {
    const allSensed = (needMask & ~sensedHands) === 0 && needMask !== 0
    stepBaseline(
      e,
      tracked && !paused && j.gate && allSensed && (heldOver & needMask) === 0,
      j.belly,
    )
  }
  if (code === CAT_COW && tracked) pushPalmRing(e)
  let progress = j.progress
  if (!Number.isFinite(progress)) progress = 0
  // Math.min/max rather than assigning the constant: a phi of a float and a module
  // constant is kept boxed by the optimiser, allocating every frame (measured).
  progress = Math.min(PROGRESS_CAP, Math.max(-PROGRESS_CAP, progress))
  const baseOk = e.base.ready || !NEEDS_BASELINE[code]
  const active = tracked && !paused && j.gate && j.form && baseOk
  const magnitude = progress < 0 ? (code === CAT_COW ? -progress : 0) : progress
  const inPose = active && (holdKind ? magnitude >= IN_POSE_PROGRESS : true)
  const side = e.sides[e.slot]!
  const floor = e.num[N_CLOCKFLOOR]!
  let dtCount = e.havePrev && !gap ? t - (e.num[N_PREVT]! > floor ? e.num[N_PREVT]! : floor) : 0
  if (dtCount < 0) dtCount = 0
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
      if (side.holdSeconds >= run.targetHold) run.completed[e.slot] = true
    }
  } else {
    if (active) {
      e.num[N_DTCOUNT] = dtCount
      e.num[N_REPINPUT] = code === CAT_COW ? progress : progress > 0 ? progress : 0
      stepReps(e, code === CAT_COW)
      // The points that should stay still: the counter hands (cat-cow), the head on the floor.
      stillMask = code === CAT_COW ? 6 : 1
      countStability = (heldOver & needMask) === 0
    } else if (tracked && !paused && (!j.gate || !j.form)) {
      dropRep(e)
    }
  }
  // Stability grid: current positions of the sensed points.
  e.gridCurOk[0] = headOk ? 1 : 0
  if (headOk) for (let k = 0; k < 3; k++) e.gridCur[k] = v.eye[k]!
  for (let h = 0; h < 2; h++) {
    const ok = (sensedHands & (1 << h)) !== 0
    e.gridCurOk[1 + h] = ok ? 1 : 0
    if (ok) for (let k = 0; k < 3; k++) e.gridCur[3 + h * 3 + k] = e.lastPalm[h * 3 + k]!
  }
  if (!e.havePrev || gap) {
    restartFilters(e)
    e.gridK = Math.floor(t * STABILITY_GRID_HZ) + 1
  } else if (!countStability && !(t - e.num[N_COUNTED_T]! <= 1)) {
    // Not measured for over a second: rest the band-pass and start it afresh, at
    // rest, when counting resumes (the movement into the pose does not ring in it).
    restartFilters(e)
    e.gridK = Math.floor(t * STABILITY_GRID_HZ) + 1
  } else {
    if (countStability) e.num[N_COUNTED_T] = t
    stepStability(e, countStability, stillMask, side)
  }
  for (let k = 0; k < 9; k++) e.gridPrev[k] = e.gridCur[k]!
  for (let k = 0; k < 3; k++) e.gridPrevOk[k] = e.gridCurOk[k]!
  e.wasInPose = holdKind ? inPose : active
  e.havePrev = true
  e.num[N_PREVT] = t
  // Live feedback.
  live.tracked = tracked
  live.inPose = inPose
  live.posed =
    tracked && j.gate && j.form && baseOk && (holdKind ? magnitude >= IN_POSE_PROGRESS : true)
  live.progress = magnitude
  // The side's totals change only while it is held (or its repetitions run).
  if (inPose || active) updateLiveTotals(e)
  live.phase = live.completed
    ? STRETCHES[STRETCH_IDS[code]!].sided && e.slot === 0
      ? 'switchSide'
      : 'done'
    : inPose
      ? holdKind
        ? 'hold'
        : 'reps'
      : 'getIntoPosition'
}

function updateLiveTotals(e: EngineState): void {
  const run = e.run
  const live = e.live
  if (run === null) return
  const side = e.sides[e.slot]!
  const reps = run.hold ? 0 : side.reps
  // Range (a median) and score are refreshed 10 times a second, or at once when a
  // repetition counts or the side completes: plenty for the eye, a fifth of the cost.
  const t = e.num[N_T]!
  const last = e.num[N_FIGT]!
  const due = !(t - last < LIVE_FIGURES_S && t >= last) || reps !== live.reps
  live.holdSeconds = run.hold ? side.holdSeconds : 0
  live.reps = reps
  live.completed = run.completed[e.slot]!
  if (!due && !(live.completed && live.score !== side.score)) return
  e.num[N_FIGT] = t
  computeSideFigures(side, run)
  live.range = side.range
  live.stability = side.stability
  live.score = side.score
}

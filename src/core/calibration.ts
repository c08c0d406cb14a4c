/**
 * Calibration: the user's standing eye height from about two seconds of
 * standing still, which scales the whole body model (docs/product.md, Body model).
 * Pure: the caller collects the head positions (WebXR local-floor, metres) and
 * their times (seconds) and gets either the eye height and body model or a
 * reason to show the user. The median resists a stray frame; the stillness test
 * refuses a user who walked, sat or bent while being measured.
 */
import { POSE_HEAD, type PoseFrame } from './poseFrame.ts'
import {
  createBodyModel,
  EYE_HEIGHT_RANGE_M,
  isValidEyeHeight,
  type BodyModel,
} from './bodyModel.ts'

/** How long (s) the user stands still to be measured. */
export const CALIBRATION_SECONDS = 2
/** Shortest span (s) of samples accepted (a frame or two may be late). */
export const CALIBRATION_MIN_SECONDS = 1.8
/** Fewest samples accepted (about 10 Hz over the span at the least). */
export const CALIBRATION_MIN_SAMPLES = 18
/** Farthest (m) any head position may be from the median position: breathing sways ~1 cm, a step moves far more. */
export const CALIBRATION_MAX_MOVE_M = 0.04
/** Largest spread (m) of head heights: a dip or a rise on the toes is not standing still. */
export const CALIBRATION_MAX_HEIGHT_SPREAD_M = 0.03

/** A calibration result: the eye height and its body model, or why it was refused. */
export type CalibrationOutcome =
  { ok: true; eyeHeightM: number; body: BodyModel } | { ok: false; reason: string }

/** Why a calibration was refused (codes of judgeStanding), or CAL_OK. */
export const CAL_OK = 0
/** See CAL_OK. */
export const CAL_TOO_FEW = 1
/** See CAL_OK. */
export const CAL_TOO_SHORT = 2
/** See CAL_OK. */
export const CAL_LOST = 3
/** See CAL_OK. */
export const CAL_MOVED = 4
/** See CAL_OK. */
export const CAL_OUT_OF_RANGE = 5

/** The words for each refusal code (indexed by code). */
export const CALIBRATION_REASONS: readonly string[] = [
  '',
  'Too few head readings: stand still for about two seconds.',
  'Stand still a little longer: about two seconds are needed.',
  'The headset lost track during calibration: try again.',
  'You moved while being measured: stand tall and still, then try again.',
  'The measured eye height is outside 0.5–2.3 m: stand up straight (and check the floor level of the headset), then try again.',
]

/** Median of values[0..n) sorted in place by insertion, into out[at] (n is a few hundred at most; allocation-free). */
function medianInPlace(values: Float64Array, n: number, out: Float64Array, at: number): void {
  for (let i = 1; i < n; i++) {
    const v = values[i]!
    let j = i - 1
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!
      j--
    }
    values[j + 1] = v
  }
  const m = n >> 1
  out[at] = n % 2 === 1 ? values[m]! : (values[m - 1]! + values[m]!) / 2
}

/** judgeStanding's medians (x, y, z), filled and read within one call */
const _med = new Float64Array(3)

/**
 * The one rule for a standing calibration, allocation-free: the n samples
 * from index `from` of times (s) and positions (x, y, z per sample, m);
 * `scratch` holds at least n numbers; out[outAt] receives the eye height.
 * Returns CAL_OK or a refusal code.
 */
export function judgeStanding(
  times: ArrayLike<number>,
  positions: ArrayLike<number>,
  from: number,
  n: number,
  scratch: Float64Array,
  out: Float64Array,
  outAt: number,
): number {
  if (n < CALIBRATION_MIN_SAMPLES) return CAL_TOO_FEW
  // ±1e300, not ±Infinity: a global read and negated per call is boxed
  let first = 1e300
  let last = -1e300
  let minY = 1e300
  let maxY = -1e300
  for (let i = 0; i < n; i++) {
    const t = times[from + i]!
    const x = positions[(from + i) * 3]!
    const y = positions[(from + i) * 3 + 1]!
    const z = positions[(from + i) * 3 + 2]!
    if (!Number.isFinite(t) || !Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z))
      return CAL_LOST
    if (t < first) first = t
    if (t > last) last = t
    if (y < minY) minY = y
    if (y > maxY) maxY = y
  }
  if (last - first < _lim[L_MIN_SPAN]!) return CAL_TOO_SHORT
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < n; i++) scratch[i] = positions[(from + i) * 3 + c]!
    medianInPlace(scratch, n, _med, c)
  }
  const mx = _med[0]!
  const my = _med[1]!
  const mz = _med[2]!
  let farthest = 0
  for (let i = 0; i < n; i++) {
    const dx = positions[(from + i) * 3]! - mx
    const dy = positions[(from + i) * 3 + 1]! - my
    const dz = positions[(from + i) * 3 + 2]! - mz
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz)
    if (d > farthest) farthest = d
  }
  if (farthest > _lim[L_MOVE]! || maxY - minY > _lim[L_SPREAD]!) return CAL_MOVED
  out[outAt] = my
  return isValidEyeHeight(my) ? CAL_OK : CAL_OUT_OF_RANGE
}

/**
 * Standing eye height (m) from head samples: times[i] in seconds, positions
 * [x0, y0, z0, x1, …] in metres (local-floor, +Y up, floor at 0).
 */
export function calibrateEyeHeight(
  times: ArrayLike<number>,
  positions: ArrayLike<number>,
): CalibrationOutcome {
  const n = times.length
  if (positions.length !== n * 3) {
    return { ok: false, reason: 'Calibration needs one head position per time stamp.' }
  }
  const out = new Float64Array(1)
  const code = judgeStanding(times, positions, 0, n, new Float64Array(n), out, 0)
  if (code === CAL_OUT_OF_RANGE) {
    return {
      ok: false,
      reason:
        'The measured eye height, ' +
        out[0]!.toFixed(2) +
        ' m, is outside ' +
        EYE_HEIGHT_RANGE_M[0] +
        '–' +
        EYE_HEIGHT_RANGE_M[1] +
        ' m: stand up straight (and check the floor level of the headset), then try again.',
    }
  }
  if (code !== CAL_OK) return { ok: false, reason: CALIBRATION_REASONS[code]! }
  return { ok: true, eyeHeightM: out[0]!, body: createBodyModel(out[0]!) }
}

/** Seconds of samples the session's calibration window keeps (a little more than it judges). */
const WINDOW_S = CALIBRATION_SECONDS + 0.25
/** Most samples the window holds (120 Hz × its span, with room). */
const WINDOW_CAPACITY = 512
/** The window is judged at most this often (s): a sort of a few hundred numbers, not every frame. */
const JUDGE_EVERY_S = 0.1

/**
 * The window's tunables, in typed slots: a module constant compared with a
 * double every frame is loaded boxed by V8 (measured).
 */
const _lim = Float64Array.of(
  WINDOW_S,
  JUDGE_EVERY_S,
  CALIBRATION_SECONDS,
  CALIBRATION_MIN_SECONDS,
  CALIBRATION_MAX_MOVE_M,
  CALIBRATION_MAX_HEIGHT_SPREAD_M,
)
const L_WINDOW = 0
const L_JUDGE = 1
const L_SPAN = 2
const L_MIN_SPAN = 3
const L_MOVE = 4
const L_SPREAD = 5

/**
 * The standing calibration at the start of a headset session: the last
 * CALIBRATION_SECONDS of head positions, judged by the same rule as
 * calibrateEyeHeight until the user has stood still that long. Allocated once,
 * fed every frame without allocating.
 */
export interface CalibrationWindow {
  readonly times: Float64Array
  readonly positions: Float64Array
  readonly scratch: Float64Array
  n: number
  /** [time judged last, measured eye height, seconds stood still so far] */
  readonly num: Float64Array
  /** CAL_OK once measured, else the last refusal code */
  code: number
  done: boolean
}

/** Allocates an empty calibration window. */
export function createCalibrationWindow(): CalibrationWindow {
  return {
    times: new Float64Array(WINDOW_CAPACITY),
    positions: new Float64Array(WINDOW_CAPACITY * 3),
    scratch: new Float64Array(WINDOW_CAPACITY),
    n: 0,
    num: Float64Array.of(-Infinity, 0, 0),
    code: CAL_TOO_FEW,
    done: false,
  }
}

/** Empties the window (start again). */
export function resetCalibrationWindow(w: CalibrationWindow): void {
  w.n = 0
  // long ago (a literal: -Infinity is a boxed global negated each time)
  w.num[0] = -1e9
  w.num[1] = 0
  w.num[2] = 0
  w.code = CAL_TOO_FEW
  w.done = false
}

/**
 * Adds the frame's head position (local-floor, m) at its t (s); an untracked
 * or estimated head (`sensed` false) empties the window. Returns true once the
 * user has stood still long enough: the eye height is then
 * `calibratedEyeHeight(w)`. (The frame, not four numbers, is passed: a float
 * argument to a call V8 does not inline is boxed, every frame.)
 */
export function updateCalibrationWindow(
  w: CalibrationWindow,
  frame: PoseFrame,
  sensed: boolean,
): boolean {
  if (w.done) return true
  const t = frame.t
  const x = frame.poses[POSE_HEAD * 7]!
  const y = frame.poses[POSE_HEAD * 7 + 1]!
  const z = frame.poses[POSE_HEAD * 7 + 2]!
  const tracked = sensed
  if (!tracked || !Number.isFinite(t + x + y + z)) {
    w.n = 0
    w.code = CAL_LOST
    w.num[2] = 0
    return false
  }
  // drop what is older than the window (and make room when full)
  let drop = 0
  while (drop < w.n && t - w.times[drop]! > _lim[L_WINDOW]!) drop++
  if (w.n - drop >= WINDOW_CAPACITY) drop = w.n - WINDOW_CAPACITY + 1
  if (drop > 0) {
    w.times.copyWithin(0, drop, w.n)
    w.positions.copyWithin(0, drop * 3, w.n * 3)
    w.n -= drop
  }
  const i = w.n++
  w.times[i] = t
  w.positions[i * 3] = x
  w.positions[i * 3 + 1] = y
  w.positions[i * 3 + 2] = z
  if (t - w.num[0]! < _lim[L_JUDGE]!) return false
  w.num[0] = t
  // judge the last CALIBRATION_SECONDS only
  let from = 0
  while (from < w.n - 1 && t - w.times[from]! > _lim[L_SPAN]!) from++
  const code = judgeStanding(w.times, w.positions, from, w.n - from, w.scratch, w.num, 1)
  w.code = code
  // how long the user has been still: the span of samples that passed, for a progress bar
  w.num[2] = Math.max(
    0,
    code === CAL_OK || code === CAL_TOO_SHORT || code === CAL_TOO_FEW ? t - w.times[from]! : -1,
  )
  if (code === CAL_OK) w.done = true
  return w.done
}

/** The eye height (m) a finished calibration measured. */
export function calibratedEyeHeight(w: CalibrationWindow): number {
  return w.num[1]!
}

/** How far along the standing calibration is, 0–1 (for the panel's bar). */
export function calibrationProgress(w: CalibrationWindow): number {
  return w.done ? 1 : Math.max(0, Math.min(1, w.num[2]! / CALIBRATION_SECONDS))
}

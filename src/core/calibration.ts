/**
 * Calibration: the user's standing eye height from about two seconds of
 * standing still, which scales the whole body model (PRODUCT.md, Body model).
 * Pure: the caller collects the head positions (WebXR local-floor, metres) and
 * their times (seconds) and gets either the eye height and body model or a
 * reason to show the user. The median resists a stray frame; the stillness test
 * refuses a user who walked, sat or bent while being measured.
 */
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

function median(values: number[]): number {
  values.sort((a, b) => a - b)
  const n = values.length
  const m = n >> 1
  return n % 2 === 1 ? values[m]! : (values[m - 1]! + values[m]!) / 2
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
  if (n < CALIBRATION_MIN_SAMPLES) {
    return { ok: false, reason: 'Too few head readings: stand still for about two seconds.' }
  }
  const xs: number[] = []
  const ys: number[] = []
  const zs: number[] = []
  let first = Infinity
  let last = -Infinity
  for (let i = 0; i < n; i++) {
    const t = times[i]!
    const x = positions[i * 3]!
    const y = positions[i * 3 + 1]!
    const z = positions[i * 3 + 2]!
    if (!Number.isFinite(t) || !Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
      return { ok: false, reason: 'The headset lost track during calibration: try again.' }
    }
    if (t < first) first = t
    if (t > last) last = t
    xs.push(x)
    ys.push(y)
    zs.push(z)
  }
  if (last - first < CALIBRATION_MIN_SECONDS) {
    return { ok: false, reason: 'Stand still a little longer: about two seconds are needed.' }
  }
  let minY = Infinity
  let maxY = -Infinity
  for (const y of ys) {
    if (y < minY) minY = y
    if (y > maxY) maxY = y
  }
  const mx = median(xs.slice())
  const my = median(ys.slice())
  const mz = median(zs.slice())
  let farthest = 0
  for (let i = 0; i < n; i++) {
    const d = Math.hypot(xs[i]! - mx, ys[i]! - my, zs[i]! - mz)
    if (d > farthest) farthest = d
  }
  if (farthest > CALIBRATION_MAX_MOVE_M || maxY - minY > CALIBRATION_MAX_HEIGHT_SPREAD_M) {
    return {
      ok: false,
      reason: 'You moved while being measured: stand tall and still, then try again.',
    }
  }
  if (!isValidEyeHeight(my)) {
    return {
      ok: false,
      reason:
        'The measured eye height, ' +
        my.toFixed(2) +
        ' m, is outside ' +
        EYE_HEIGHT_RANGE_M[0] +
        '–' +
        EYE_HEIGHT_RANGE_M[1] +
        ' m: stand up straight (and check the floor level of the headset), then try again.',
    }
  }
  return { ok: true, eyeHeightM: my, body: createBodyModel(my) }
}

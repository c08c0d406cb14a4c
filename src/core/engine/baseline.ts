/**
 * The baseline (PRODUCT.md, "The ten stretches"): the mean over the first
 * second in which the stretch's gate holds and the head and the needed hands
 * each move less than 1.5 cm; taken again after a `reset`. Measures relative to
 * the start pose (cat-cow's pitch, a bridge's rise, the hamstring's reach) read
 * it. Stillness is judged on positions smoothed on time (two cascaded
 * exponential stages) so tremor does not break a still second; the mean itself
 * is of the raw values.
 *
 * For `rest` stretches the window keeps watching once the baseline is taken: a
 * later still second well below it (progress ≤ −0.25) replaces it, so the
 * start pose stays the reference (e.g. a reset caught the user at the top of a
 * bridge). After a reset with a baseline, the next head pose maps the old
 * baseline across into the new reference space (the space turned about +Y and
 * moved; the body did not).
 */
import type { PoseFrame } from '../poseFrame.ts'
import type { BodyView } from './bodyView.ts'
import type { Judgement } from './stretchRules.ts'

/** Baseline: the first second (s) in the gate with head and needed hands still. */
export const BASELINE_SECONDS = 1
/** Baseline stillness: each point moves less than this (m) over the baseline second. */
export const BASELINE_STILL_M = 0.015
/** Baseline stillness looks at positions smoothed with this time constant (s), twice. */
export const STILL_SMOOTH_S = 0.25
/** A later still second replaces a `rest` baseline when this far below it (progress). */
export const REBASELINE_PROGRESS = -0.25

/** The stretch's reference, taken over the first still second in the gate. */
export interface Baseline {
  ready: boolean
  readonly eye: Float64Array
  readonly palm: Float64Array
  readonly fwd: Float64Array
  readonly right: Float64Array
  pitchDeg: number
  readonly handQ: Float64Array
  /** the belly hand (0 left, 1 right) of pelvic tilt and bridge; −1 while unknown */
  belly: number
  /** hamstring hip point: baseline eye 0.055 H back along the forward line, 0.05 H above the floor */
  readonly hip: Float64Array
  /** hamstring: baseline eye-to-hip distance, metres */
  eyeHipM: number
}

/** Allocates an empty Baseline. */
export function createBaseline(): Baseline {
  return {
    ready: false,
    eye: new Float64Array(3),
    palm: new Float64Array(6),
    fwd: new Float64Array(3),
    right: new Float64Array(3),
    pitchDeg: 0,
    handQ: new Float64Array(8),
    belly: -1,
    hip: new Float64Array(3),
    eyeHipM: 0,
  }
}

/** Index into BaselineWindow.num: when the current still window began (s). */
const W_START_T = 0
/** Index into BaselineWindow.num: seconds since the previous frame, for the smoothing (written by the caller). */
export const W_DT = 1

/** The window looking for the still second, and what a reset needs to map the baseline across. */
export interface BaselineWindow {
  /** frames in the current still window (0: none yet) */
  count: number
  /** the belly hand the current window was started with */
  belly: number
  /** the two smoothing stages of eye, left palm, right palm (9 numbers each) */
  readonly smooth1: Float64Array
  readonly smooth2: Float64Array
  /** 1 when a point's smoothing has a value */
  readonly smoothOk: Uint8Array
  /** the smoothed positions when the window began */
  readonly anchor: Float64Array
  /** sums over the window: eye 3, palms 6, forward x and z, pitch, hand quaternions 8 (sign-aligned) */
  readonly sum: Float64Array
  /** W_START_T, W_DT */
  readonly num: Float64Array
  /** a reset happened with a baseline: map it across at the next head pose */
  resetPending: boolean
  haveLastHead: boolean
  readonly lastEye: Float64Array
  readonly lastFwd: Float64Array
}

/** Allocates the window, empty. */
export function createBaselineWindow(): BaselineWindow {
  return {
    count: 0,
    belly: -1,
    smooth1: new Float64Array(9),
    smooth2: new Float64Array(9),
    smoothOk: new Uint8Array(3),
    anchor: new Float64Array(9),
    sum: new Float64Array(32),
    num: new Float64Array(2),
    resetPending: false,
    haveLastHead: false,
    lastEye: new Float64Array(3),
    lastFwd: new Float64Array(3),
  }
}

/** Forgets the baseline: the next still second in the gate takes a new one. */
export function restartBaseline(w: BaselineWindow, b: Baseline): void {
  w.resetPending = false
  b.ready = false
  b.belly = -1
  w.count = 0
}

/**
 * The reference space was reset. With a baseline and a head pose seen before,
 * the baseline is kept and mapped across at the next head pose (true); else it
 * is restarted (false). Either way the still window starts again.
 */
export function resetBaselineSpace(w: BaselineWindow, b: Baseline): boolean {
  w.smoothOk.fill(0)
  if (b.ready && w.haveLastHead) {
    w.resetPending = true
    w.count = 0
    return true
  }
  restartBaseline(w, b)
  return false
}

/** Remembers this frame's head (eye and forward line), for mapping across a later reset; maps a pending one first. */
export function rememberHead(w: BaselineWindow, b: Baseline, v: BodyView): void {
  if (w.resetPending) mapAcrossReset(w, b, v)
  for (let k = 0; k < 3; k++) {
    w.lastEye[k] = v.eye[k]!
    w.lastFwd[k] = v.fwd[k]!
  }
  w.haveLastHead = true
}

/** Stops smoothing (the window is not watched): it restarts from the raw positions next time. */
export function stopSmoothing(w: BaselineWindow): void {
  w.smoothOk.fill(0)
}

/**
 * Smooths the eye and palms (two cascaded 0.25 s exponential stages, on time:
 * w.num[W_DT] seconds since the last frame) so the stillness test sees
 * movement, not tremor: a 2 Hz wobble keeps under 10 % of its size, slow
 * breathing sway most of it. `sensedHands`: bit h when hand h was sensed.
 */
export function smoothPoints(
  w: BaselineWindow,
  v: BodyView,
  headOk: boolean,
  sensedHands: number,
): void {
  const dt = w.num[W_DT]!
  // 1 − e^(−x): its series for the small steps of every frame rate (error < 1e-7), exp beyond.
  const x = dt > 0 ? dt / STILL_SMOOTH_S : 0
  const a = x < 0.1 ? x * (1 - x * (0.5 - x * (1 / 6 - x / 24))) : 1 - Math.exp(-x)
  for (let p = 0; p < 3; p++) {
    const ok = p === 0 ? headOk : (sensedHands & (1 << (p - 1))) !== 0
    if (!ok) {
      w.smoothOk[p] = 0
      continue
    }
    const src = p === 0 ? v.eye : v.palm
    const so = p === 0 ? 0 : (p - 1) * 3
    for (let k = 0; k < 3; k++) {
      const x = src[so + k]!
      const i = p * 3 + k
      if (w.smoothOk[p] === 0) {
        w.smooth1[i] = x
        w.smooth2[i] = x
      } else {
        w.smooth1[i] = w.smooth1[i]! + a * (x - w.smooth1[i]!)
        w.smooth2[i] = w.smooth2[i]! + a * (w.smooth1[i]! - w.smooth2[i]!)
      }
    }
    w.smoothOk[p] = 1
  }
}

/** Whether the point at a[o..o+2] is BASELINE_STILL_M or more from the anchor at anchor[o..]. */
function movedFromAnchor(a: Float64Array, anchor: Float64Array, o: number): boolean {
  const dx = a[o]! - anchor[o]!
  const dy = a[o + 1]! - anchor[o + 1]!
  const dz = a[o + 2]! - anchor[o + 2]!
  return dx * dx + dy * dy + dz * dz >= BASELINE_STILL_M * BASELINE_STILL_M
}

/**
 * One frame of the window. `still`: the gate holds, the needed points are
 * sensed (none held over) and counting is not paused; `belly`: this frame's
 * belly hand (−1 when none or not a belly-hand stretch); `bellyHand`: the
 * stretch is judged from a belly hand, so a different one restarts the window;
 * `j`: this frame's judgement; its progress is against the current baseline (a
 * `rest` stretch's baseline is replaced by a still second at ≤ REBASELINE_PROGRESS).
 * Takes the baseline (b.ready) when the window has lasted BASELINE_SECONDS.
 */
export function stepBaselineWindow(
  w: BaselineWindow,
  b: Baseline,
  v: BodyView,
  frame: PoseFrame,
  still: boolean,
  belly: number,
  bellyHand: boolean,
  j: Judgement,
): void {
  const t = frame.t
  if (!still || (b.ready && belly !== b.belly)) {
    w.count = 0
    return
  }
  const a = w.anchor
  const sm = w.smooth2
  if (w.count > 0) {
    let moved = movedFromAnchor(sm, a, 0)
    if (belly < 0 || belly === 0) moved = moved || movedFromAnchor(sm, a, 3)
    if (belly < 0 || belly === 1) moved = moved || movedFromAnchor(sm, a, 6)
    if (moved || (bellyHand && belly !== w.belly)) w.count = 0
  }
  const s = w.sum
  if (w.count === 0) {
    for (let k = 0; k < 9; k++) a[k] = sm[k]!
    s.fill(0)
    w.num[W_START_T] = t
    w.belly = belly
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
      w.count === 0
        ? 1
        : s[12 + o]! * v.handQ[o]! +
          s[13 + o]! * v.handQ[o + 1]! +
          s[14 + o]! * v.handQ[o + 2]! +
          s[15 + o]! * v.handQ[o + 3]!
    const sign = ref < 0 ? -1 : 1
    for (let k = 0; k < 4; k++) s[12 + o + k] = s[12 + o + k]! + sign * v.handQ[o + k]!
  }
  w.count++
  if (t - w.num[W_START_T]! < BASELINE_SECONDS) return
  const n = w.count
  w.count = 0
  if (b.ready && !(j.progress <= REBASELINE_PROGRESS)) return
  // Taken here, not in a function of its own: this runs once a stretch, and a function
  // that rarely runs is never optimised, so its arithmetic would box every number.
  const H = v.H
  b.belly = w.belly
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
  b.hip[0] = b.eye[0]! - 0.055 * H * fx
  b.hip[1] = 0.05 * H
  b.hip[2] = b.eye[2]! - 0.055 * H * fz
  const hx = b.eye[0]! - b.hip[0]!
  const hy = b.eye[1]! - b.hip[1]!
  const hz = b.eye[2]! - b.hip[2]!
  b.eyeHipM = Math.sqrt(hx * hx + hy * hy + hz * hz)
  b.ready = true
}

/** cos and sin of the yaw a reset turned the space by (scratch, written and read within one call). */
const _map = new Float64Array(2)

/** Moves point o of arr (3 numbers) from the old frame to the new one: R(p − lastEye) + eye. */
function mapPoint(w: BaselineWindow, v: BodyView, arr: Float64Array, o: number): void {
  const c = _map[0]!
  const sn = _map[1]!
  const x = arr[o]! - w.lastEye[0]!
  const z = arr[o + 2]! - w.lastEye[2]!
  arr[o] = x * c + z * sn + v.eye[0]!
  arr[o + 1] = arr[o + 1]! - w.lastEye[1]! + v.eye[1]!
  arr[o + 2] = -x * sn + z * c + v.eye[2]!
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
function mapAcrossReset(w: BaselineWindow, b: Baseline, v: BodyView): void {
  w.resetPending = false
  const ox = w.lastFwd[0]!
  const oz = w.lastFwd[2]!
  const nx = v.fwd[0]!
  const nz = v.fwd[2]!
  const phi = Math.atan2(oz * nx - ox * nz, ox * nx + oz * nz)
  _map[0] = Math.cos(phi)
  _map[1] = Math.sin(phi)
  mapPoint(w, v, b.eye, 0)
  mapPoint(w, v, b.palm, 0)
  mapPoint(w, v, b.palm, 3)
  mapPoint(w, v, b.hip, 0)
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

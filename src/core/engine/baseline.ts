/**
 * The baseline (docs/product.md, "The ten stretches"): the mean over the first
 * second in which the stretch's gate holds and the head and the needed hands
 * each move less than 1.5 cm; taken again after a `reset`. Measures relative to
 * the start pose (cat-cow's pitch, a bridge's rise, the hamstring's reach) read
 * it.
 *
 * Stillness is judged on positions averaged over STILL_AVERAGE_S centred on
 * each instant (tremor and wobble average out; the end of a movement does not
 * linger in the average as it would in a filter that only looks back), so the
 * window runs STILL_AVERAGE_S / 2 behind the frames, in the frame history.
 * A user who settles for a second and a little then starts moving has their
 * still second found, and the frames since it are judged again from the new
 * baseline (the engine's job), so the movement under way is not lost.
 *
 * For `rest` stretches the window keeps watching once the baseline is taken: a
 * later still second well below it (progress ≤ −0.25) replaces it, so the
 * start pose stays the reference (e.g. a reset caught the user at the top of a
 * bridge). After a reset with a baseline, the next head pose maps the old
 * baseline across into the new reference space (the space turned about +Y and
 * moved; the body did not).
 */
import type { BodyView } from './bodyView.ts'
import { DOUBLE_FIELD } from './doubleField.ts'
import {
  HISTORY_FRAMES,
  F_HEAD,
  F_STILL_OK,
  H_BELLY,
  H_EYE,
  H_FLAGS,
  H_FWD,
  H_HANDQ,
  H_PALM,
  H_PITCH,
  H_PROGRESS,
  H_RIGHT,
  H_SENSED,
  H_T,
  recordOf,
  type FrameHistory,
} from './frameHistory.ts'

/** Baseline: the first second (s) in the gate with head and needed hands still. */
export const BASELINE_SECONDS = 1
/** Baseline stillness: each point moves less than this (m) over the baseline second. */
export const BASELINE_STILL_M = 0.015
/** Baseline stillness looks at positions averaged over this span (s), centred on the instant judged. */
export const STILL_AVERAGE_S = 0.5
/** How far (s) the window runs behind the newest frame: half the average. */
export const STILL_LAG_S = STILL_AVERAGE_S / 2
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
  // Fields that later take fractions (or values read from a Float64Array) start as NaN:
  // see DOUBLE_FIELD.
  const b: Baseline = {
    ready: false,
    eye: new Float64Array(3),
    palm: new Float64Array(6),
    fwd: new Float64Array(3),
    right: new Float64Array(3),
    pitchDeg: DOUBLE_FIELD,
    handQ: new Float64Array(8),
    belly: DOUBLE_FIELD,
    hip: new Float64Array(3),
    eyeHipM: DOUBLE_FIELD,
  }
  b.pitchDeg = 0
  b.belly = -1
  b.eyeHipM = 0
  return b
}

/**
 * "Moves less than 1.5 cm", read as: the averaged positions of the second stay within
 * this (m) of one position (the centre of the box they span). Deep breathing (2 cm up and
 * down) then leaves a still second at any phase of a breath, so the baseline is not
 * pushed to a breath's top or bottom; a steady movement over 3 cm/s is never still.
 * (A diameter of 1.5 cm misses the first repetition of deep breathers: measured with
 * `npm run sweep`, 4–11 % of traces miscounted.)
 */
const STILL_RADIUS_M = BASELINE_STILL_M

/** Coordinates tracked by the window: eye, left palm, right palm (x y z each). */
const COORDS = 9

/** The window looking for the still second, and what a reset needs to map the baseline across. */
export interface BaselineWindow {
  /** the positions' average: sums and counts per point over history frames [boxFirst, count) */
  readonly boxSum: Float64Array
  readonly boxCount: Float64Array
  /** the oldest history frame in the average */
  boxFirst: number
  /** the next history frame the window judges */
  next: number
  /** per judged history frame (by number, in a ring like the history's): its averaged positions */
  readonly averaged: Float64Array
  /**
   * Sliding minimum and maximum of each coordinate of the averaged positions over
   * the window: for coordinate c, deque 2c (min) and 2c+1 (max) of frame
   * numbers, in a ring of HISTORY_FRAMES each; head and tail per deque.
   */
  readonly deques: Int32Array
  readonly dequeHead: Int32Array
  readonly dequeTail: Int32Array
  /** the first judged frame of the current window (the latest one at least BASELINE_SECONDS before the newest judged) */
  windowFirst: number
  /** the first frame from which every judged frame may be still (qualifies, same belly hand) */
  validFrom: number
  /** the belly hand of the last judged frame */
  lastBelly: number
  /** a window must start after the last baseline taken */
  notBefore: number
  /** a reset happened with a baseline: map it across at the next head pose */
  resetPending: boolean
  haveLastHead: boolean
  readonly lastEye: Float64Array
  readonly lastFwd: Float64Array
}

/** Allocates the window, empty. */
export function createBaselineWindow(): BaselineWindow {
  const w: BaselineWindow = {
    boxSum: new Float64Array(COORDS),
    boxCount: new Float64Array(3),
    boxFirst: 0,
    next: 0,
    averaged: new Float64Array(HISTORY_FRAMES * COORDS),
    deques: new Int32Array(2 * COORDS * HISTORY_FRAMES),
    dequeHead: new Int32Array(2 * COORDS),
    dequeTail: new Int32Array(2 * COORDS),
    windowFirst: 0,
    validFrom: 0,
    lastBelly: DOUBLE_FIELD,
    notBefore: 0,
    resetPending: false,
    haveLastHead: false,
    lastEye: new Float64Array(3),
    lastFwd: new Float64Array(3),
  }
  w.lastBelly = -2 // a history value (a double): see DOUBLE_FIELD
  return w
}

/** Forgets the averaged positions and where the window was in the history (cleared with it). */
export function restartStillness(w: BaselineWindow): void {
  w.boxFirst = 0
  w.next = 0
  w.boxSum.fill(0)
  w.boxCount.fill(0)
  w.dequeHead.fill(0)
  w.dequeTail.fill(0)
  w.windowFirst = 0
  w.validFrom = 0
  w.lastBelly = -2
  w.notBefore = 0
}

/** Forgets the baseline: the next still second in the gate takes a new one. */
export function restartBaseline(w: BaselineWindow, b: Baseline): void {
  w.resetPending = false
  b.ready = false
  b.belly = -1
  restartStillness(w)
}

/**
 * The reference space was reset. With a baseline and a head pose seen before,
 * the baseline is kept and mapped across at the next head pose (true); else it
 * is restarted (false). Either way the still window starts again.
 */
export function resetBaselineSpace(w: BaselineWindow, b: Baseline): boolean {
  if (b.ready && w.haveLastHead) {
    w.resetPending = true
    restartStillness(w)
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

/** Adds (sign +1) or removes (−1) history frame n's sensed points to or from the average. */
function boxAdd(w: BaselineWindow, h: FrameHistory, n: number, sign: number): void {
  const d = h.data
  const o = recordOf(n)
  const flags = d[o + H_FLAGS]!
  const sensed = d[o + H_SENSED]!
  for (let p = 0; p < 3; p++) {
    const ok = p === 0 ? (flags & F_HEAD) !== 0 : (sensed & (1 << (p - 1))) !== 0
    if (!ok) continue
    const src = o + (p === 0 ? H_EYE : H_PALM + (p - 1) * 3)
    for (let k = 0; k < 3; k++) w.boxSum[p * 3 + k] = w.boxSum[p * 3 + k]! + sign * d[src + k]!
    w.boxCount[p] = w.boxCount[p]! + sign
  }
}

/** Pushes judged frame n's averaged coordinates onto the sliding minimum and maximum deques. */
function dequePush(w: BaselineWindow, n: number): void {
  const av = w.averaged
  const q = w.deques
  const ao = (n % HISTORY_FRAMES) * COORDS
  for (let c = 0; c < COORDS; c++) {
    const x = av[ao + c]!
    for (let m = 0; m < 2; m++) {
      const dq = 2 * c + m
      const base = dq * HISTORY_FRAMES
      let tail = w.dequeTail[dq]!
      const head = w.dequeHead[dq]!
      // keep the deque monotonic: a new value makes worse older ones useless
      while (tail > head) {
        const y = av[(q[base + ((tail - 1) % HISTORY_FRAMES)]! % HISTORY_FRAMES) * COORDS + c]!
        if (m === 0 ? y >= x : y <= x) tail--
        else break
      }
      q[base + (tail % HISTORY_FRAMES)] = n
      w.dequeTail[dq] = tail + 1
    }
  }
}

/** Lets go of frames before the window's first from the deques. */
function dequeTrim(w: BaselineWindow): void {
  const q = w.deques
  for (let dq = 0; dq < 2 * COORDS; dq++) {
    const base = dq * HISTORY_FRAMES
    let head = w.dequeHead[dq]!
    const tail = w.dequeTail[dq]!
    while (head < tail && q[base + (head % HISTORY_FRAMES)]! < w.windowFirst) head++
    w.dequeHead[dq] = head
  }
}

/** Whether point p's averaged positions over the window lie within STILL_RADIUS_M of one point. */
function pointStill(w: BaselineWindow, p: number): boolean {
  const av = w.averaged
  const q = w.deques
  let sq = 0
  for (let k = 0; k < 3; k++) {
    const c = p * 3 + k
    const lo = q[2 * c * HISTORY_FRAMES + (w.dequeHead[2 * c]! % HISTORY_FRAMES)]!
    const hi = q[(2 * c + 1) * HISTORY_FRAMES + (w.dequeHead[2 * c + 1]! % HISTORY_FRAMES)]!
    const half =
      (av[(hi % HISTORY_FRAMES) * COORDS + c]! - av[(lo % HISTORY_FRAMES) * COORDS + c]!) / 2
    sq += half * half
  }
  return sq <= STILL_RADIUS_M * STILL_RADIUS_M
}

/**
 * Brings the window up to the newest history frame: the average takes it in
 * (and lets go of frames older than STILL_AVERAGE_S), then every frame at
 * least STILL_LAG_S older than it is judged, in order, with the average
 * centred on it. A window is the last BASELINE_SECONDS of judged frames; it is
 * the still second when every frame in it qualifies (F_STILL_OK), with the
 * same belly hand (`bellyHand` stretches), and the averaged positions of the
 * head and the needed hands each stay within 1.5 cm of one point. The first
 * such window takes the baseline (b.ready); a `rest` stretch's (the caller
 * keeps watching) is replaced by a later one at progress ≤ REBASELINE_PROGRESS.
 * Returns the number of the history frame that ended the still second when
 * this call took the first baseline (the frames after it were judged without
 * one), else −1.
 */
export function stepBaselineWindow(
  w: BaselineWindow,
  b: Baseline,
  h: FrameHistory,
  v: BodyView,
  bellyHand: boolean,
): number {
  const d = h.data
  const newest = h.count - 1
  if (newest < 0) return -1
  const tNew = d[recordOf(newest) + H_T]!
  // A ring overrun (frames faster than HISTORY_FRAMES per 1.5 s, far above any headset's
  // rate) lost frames the average or the window still held: start again from the newest
  // frame, in constant time, so a flood of frames costs no more per frame than a trickle.
  if (w.boxFirst < h.first || w.next < h.first || w.windowFirst < h.first) {
    restartStillness(w)
    w.boxFirst = newest
    w.next = newest
    w.windowFirst = newest
    w.validFrom = newest
    w.notBefore = newest
  }
  boxAdd(w, h, newest, 1)
  while (w.boxFirst < newest && d[recordOf(w.boxFirst) + H_T]! <= tNew - STILL_AVERAGE_S) {
    boxAdd(w, h, w.boxFirst, -1)
    w.boxFirst++
  }
  let firstTaken = -1
  while (w.next <= newest && d[recordOf(w.next) + H_T]! <= tNew - STILL_LAG_S) {
    const wasReady = b.ready
    if (judgeStill(w, b, h, v, w.next, bellyHand) && !wasReady) firstTaken = w.next
    w.next++
  }
  return firstTaken
}

/** Judges history frame n, the newest of the window; true when the window is the still second and took the baseline. */
function judgeStill(
  w: BaselineWindow,
  b: Baseline,
  h: FrameHistory,
  v: BodyView,
  n: number,
  bellyHand: boolean,
): boolean {
  const d = h.data
  const o = recordOf(n)
  const t = d[o + H_T]!
  const belly = d[o + H_BELLY]!
  // this frame's averaged positions (the average is centred on it)
  const ao = (n % HISTORY_FRAMES) * COORDS
  for (let p = 0; p < 3; p++) {
    const c = w.boxCount[p]!
    for (let k = 0; k < 3; k++)
      w.averaged[ao + p * 3 + k] = c > 0 ? w.boxSum[p * 3 + k]! / c : Number.NaN
  }
  dequePush(w, n)
  const qualifies = (d[o + H_FLAGS]! & F_STILL_OK) !== 0 && !(b.ready && belly !== b.belly)
  if (!qualifies) w.validFrom = n + 1
  else if (bellyHand && belly !== w.lastBelly) w.validFrom = n
  w.lastBelly = belly
  // the window: the latest judged frame at least BASELINE_SECONDS before this one, to this one
  while (w.windowFirst < n && d[recordOf(w.windowFirst + 1) + H_T]! <= t - BASELINE_SECONDS)
    w.windowFirst++
  dequeTrim(w)
  const first = w.windowFirst
  if (first < w.validFrom || first < w.notBefore) return false
  if (t - d[recordOf(first) + H_T]! < BASELINE_SECONDS) return false
  if (!pointStill(w, 0)) return false
  if ((belly < 0 || belly === 0) && !pointStill(w, 1)) return false
  if ((belly < 0 || belly === 1) && !pointStill(w, 2)) return false
  if (b.ready && !(d[o + H_PROGRESS]! <= REBASELINE_PROGRESS)) return false
  // The baseline: the mean of the window's frames. Taken here, not in a function of its
  // own: a function that rarely runs is never optimised, so its arithmetic would box.
  w.notBefore = n + 1
  const H = v.H
  let count = 0
  let ex = 0
  let ey = 0
  let ez = 0
  let fx = 0
  let fz = 0
  let pitch = 0
  b.palm.fill(0)
  b.handQ.fill(0)
  for (let m = first; m <= n; m++) {
    const r = recordOf(m)
    count++
    ex += d[r + H_EYE]!
    ey += d[r + H_EYE + 1]!
    ez += d[r + H_EYE + 2]!
    for (let k = 0; k < 6; k++) b.palm[k] = b.palm[k]! + d[r + H_PALM + k]!
    fx += d[r + H_FWD]!
    fz += d[r + H_FWD + 1]!
    pitch += d[r + H_PITCH]!
    // Hand orientations: a sign-aligned sum (q and −q are the same rotation).
    for (let hand = 0; hand < 2; hand++) {
      const q = r + H_HANDQ + hand * 4
      const so = hand * 4
      const ref =
        m === first
          ? 1
          : b.handQ[so]! * d[q]! +
            b.handQ[so + 1]! * d[q + 1]! +
            b.handQ[so + 2]! * d[q + 2]! +
            b.handQ[so + 3]! * d[q + 3]!
      const sign = ref < 0 ? -1 : 1
      for (let k = 0; k < 4; k++) b.handQ[so + k] = b.handQ[so + k]! + sign * d[q + k]!
    }
  }
  b.belly = belly
  b.eye[0] = ex / count
  b.eye[1] = ey / count
  b.eye[2] = ez / count
  for (let k = 0; k < 6; k++) b.palm[k] = b.palm[k]! / count
  const l = Math.sqrt(fx * fx + fz * fz)
  if (l > 1e-9) {
    fx /= l
    fz /= l
  } else {
    fx = d[o + H_FWD]!
    fz = d[o + H_FWD + 1]!
  }
  b.fwd[0] = fx
  b.fwd[1] = 0
  b.fwd[2] = fz
  b.right[0] = d[o + H_RIGHT]!
  b.right[1] = 0
  b.right[2] = d[o + H_RIGHT + 1]!
  b.pitchDeg = pitch / count
  for (let hand = 0; hand < 2; hand++) {
    const so = hand * 4
    const ql = Math.sqrt(
      b.handQ[so]! ** 2 + b.handQ[so + 1]! ** 2 + b.handQ[so + 2]! ** 2 + b.handQ[so + 3]! ** 2,
    )
    for (let k = 0; k < 4; k++)
      b.handQ[so + k] = ql > 1e-9 ? b.handQ[so + k]! / ql : k === 3 ? 1 : 0
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
  return true
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

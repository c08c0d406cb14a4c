/**
 * The last HISTORY_S or so of frames as the engine saw them: each frame's body
 * view, its judgement's belly hand and progress, its tracking flags and counted
 * seconds. The baseline looks back into it (stillness is judged on positions
 * averaged on both sides of an instant, so it runs a little behind the frames),
 * and when the baseline is first taken the frames since its still second are
 * judged again from it: the movement that started meanwhile is not lost.
 *
 * A fixed ring of typed arrays: pushing and reading allocate nothing.
 */
import type { BodyView } from './bodyView.ts'
import type { Judgement } from './stretchRules.ts'

/** Frames the ring holds: over a second at any headset's rate. */
export const HISTORY_FRAMES = 512

/** Offsets within a frame's record. */
export const H_T = 0
/** the seconds the frame adds to counted time */
export const H_COUNT_DT = 1
/** flag bits (F_*) */
export const H_FLAGS = 2
/** bit h: hand h's palm usable (sensed or held over) */
export const H_USABLE = 3
/** bit h: hand h held over by the grace */
export const H_HELD = 4
/** bit h: hand h sensed */
export const H_SENSED = 5
/** the judgement's belly hand (−1 none) */
export const H_BELLY = 6
/** the judgement's progress against the baseline of the moment */
export const H_PROGRESS = 7
/** the eye (3) */
export const H_EYE = 8
/** the face pitch (deg) */
export const H_PITCH = 11
/** the forward line's x and z */
export const H_FWD = 12
/** the body's right's x and z */
export const H_RIGHT = 14
/** the palms (6) */
export const H_PALM = 16
const H_PALM_OK = 22
/** the hand quaternions (8) */
export const H_HANDQ = 23
const H_HANDQ_OK = 31
const H_PALM_AVG = 32
/** Numbers per frame. */
export const H_STRIDE = 38

/** Flag: the head pose was usable. */
export const F_HEAD = 1
/** Flag: a gap came before the frame. */
export const F_GAP = 2
/** Flag: counting was paused (pause or not visible). */
export const F_PAUSED = 4
/** Flag: the frame may be part of the baseline's still second (tracked, not paused, in the gate, the needed points sensed). */
export const F_STILL_OK = 8

/**
 * The ring. Frames are numbered in the order pushed since the last clear
 * (0, 1, 2 …): the ones held are [first, count), frame n in slot n % HISTORY_FRAMES.
 */
export interface FrameHistory {
  readonly data: Float64Array
  /** the oldest frame held */
  first: number
  /** frames pushed since the last clear (the next frame's number) */
  count: number
}

/** Allocates an empty history. */
export function createFrameHistory(): FrameHistory {
  return { data: new Float64Array(HISTORY_FRAMES * H_STRIDE), first: 0, count: 0 }
}

/** Forgets every frame (a new stretch or side, a reset). */
export function clearHistory(h: FrameHistory): void {
  h.first = 0
  h.count = 0
}

/** Offset within h.data of frame n's record. */
export function recordOf(n: number): number {
  return (n % HISTORY_FRAMES) * H_STRIDE
}

/**
 * Appends this frame: the view as judged, the judgement's belly hand and
 * progress, and the numbers the caller wrote into `meta` (H_T, H_COUNT_DT,
 * H_FLAGS, H_USABLE, H_HELD, H_SENSED; the first six slots). When the ring
 * is full the oldest frame goes. Returns the new frame's number.
 */
export function pushHistory(
  h: FrameHistory,
  meta: Float64Array,
  v: BodyView,
  j: Judgement,
): number {
  const n = h.count
  h.count++
  if (h.count - h.first > HISTORY_FRAMES) h.first++
  const d = h.data
  const o = recordOf(n)
  for (let k = 0; k < H_BELLY; k++) d[o + k] = meta[k]!
  d[o + H_BELLY] = j.belly
  d[o + H_PROGRESS] = j.progress
  for (let k = 0; k < 3; k++) d[o + H_EYE + k] = v.eye[k]!
  d[o + H_PITCH] = v.pitchDeg
  d[o + H_FWD] = v.fwd[0]!
  d[o + H_FWD + 1] = v.fwd[2]!
  d[o + H_RIGHT] = v.right[0]!
  d[o + H_RIGHT + 1] = v.right[2]!
  for (let k = 0; k < 6; k++) d[o + H_PALM + k] = v.palm[k]!
  d[o + H_PALM_OK] = v.palmOk[0]! | (v.palmOk[1]! << 1)
  for (let k = 0; k < 8; k++) d[o + H_HANDQ + k] = v.handQ[k]!
  d[o + H_HANDQ_OK] = v.handQOk[0]! | (v.handQOk[1]! << 1)
  for (let k = 0; k < 6; k++) d[o + H_PALM_AVG + k] = v.palmAvg[k]!
  return n
}

/** Puts the view of frame n back into v (what the judgement reads), for judging it again. */
export function restoreView(h: FrameHistory, n: number, v: BodyView): void {
  const d = h.data
  const o = recordOf(n)
  for (let k = 0; k < 3; k++) v.eye[k] = d[o + H_EYE + k]!
  v.pitchDeg = d[o + H_PITCH]!
  v.fwd[0] = d[o + H_FWD]!
  v.fwd[1] = 0
  v.fwd[2] = d[o + H_FWD + 1]!
  v.right[0] = d[o + H_RIGHT]!
  v.right[1] = 0
  v.right[2] = d[o + H_RIGHT + 1]!
  for (let k = 0; k < 6; k++) v.palm[k] = d[o + H_PALM + k]!
  const palmOk = d[o + H_PALM_OK]!
  v.palmOk[0] = palmOk & 1
  v.palmOk[1] = (palmOk >> 1) & 1
  for (let k = 0; k < 8; k++) v.handQ[k] = d[o + H_HANDQ + k]!
  const qOk = d[o + H_HANDQ_OK]!
  v.handQOk[0] = qOk & 1
  v.handQOk[1] = (qOk >> 1) & 1
  for (let k = 0; k < 6; k++) v.palmAvg[k] = d[o + H_PALM_AVG + k]!
}

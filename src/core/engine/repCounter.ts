/**
 * The repetition counter (PRODUCT.md "Scoring"): a repetition counts when the
 * measure reaches at least 60 % of its target and falls back below 20 %,
 * taking 2–15 s; pelvic tilt and bridge also need the pause at the top (at
 * least 0.8 s in all above 80 %); cat-cow needs both phases, a cat and a cow
 * in either order, and passing through neutral between them does not end the
 * repetition. Half movements never count.
 *
 * Fed one frame at a time with the frame's progress (signed for cat-cow) in
 * c.num[R_INPUT] and the counted seconds in c.num[R_DT]; stepReps says when a
 * repetition counted, with its amplitude in c.num[R_AMPLITUDE].
 */
import type { PoseFrame } from '../poseFrame.ts'

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

const IDLE = 0
const RISING = 1
const DROPPED = 2

/** Index into RepCounter.num: when the repetition in flight started (s). */
const R_START_T = 0
const R_PEAK1 = 1
const R_PEAK2 = 2
const R_TOP_S = 3
/** Index into RepCounter.num: this frame's progress (written by the caller; signed for cat-cow). */
export const R_INPUT = 4
/** Index into RepCounter.num: this frame's counted seconds (written by the caller). */
export const R_DT = 5
/** Index into RepCounter.num: the amplitude (0–1) of the repetition stepReps just counted. */
export const R_AMPLITUDE = 6

/** A repetition in flight. */
export interface RepCounter {
  state: number
  /** the direction of the first phase: +1, or −1 (cat-cow's cat) */
  dir: number
  /** the first phase reached 60 % */
  reached1: boolean
  /** cat-cow: the second phase reached 60 % */
  reached2: boolean
  /** R_* slots */
  readonly num: Float64Array
}

/** Allocates an idle counter. */
export function createRepCounter(): RepCounter {
  return { state: IDLE, dir: 0, reached1: false, reached2: false, num: new Float64Array(7) }
}

/** Drops the repetition in flight (out of the pose, a reset, a new stretch). */
export function dropRep(c: RepCounter): void {
  c.state = IDLE
  c.reached1 = false
  c.reached2 = false
  c.num[R_PEAK1] = 0
  c.num[R_PEAK2] = 0
  c.num[R_TOP_S] = 0
  c.dir = 0
}

/**
 * One frame in the pose. `needTop`: the pause at the top is required (pelvic
 * tilt, bridge); `catCow`: two phases of opposite sign. True when a repetition
 * counted this frame (its amplitude in c.num[R_AMPLITUDE]).
 */
export function stepReps(
  c: RepCounter,
  frame: PoseFrame,
  needTop: boolean,
  catCow: boolean,
): boolean {
  const t = frame.t
  const dt = c.num[R_DT]!
  const progress = c.num[R_INPUT]!
  const a = progress < 0 ? -progress : progress
  const dir = progress < 0 ? -1 : 1
  if (c.state === DROPPED) {
    if (a < REP_END) c.state = IDLE
    return false
  }
  if (c.state === IDLE) {
    if (a < REP_END || (!catCow && progress < 0)) return false
    c.state = RISING
    c.num[R_START_T] = t
    c.dir = dir
    c.reached1 = false
    c.reached2 = false
    c.num[R_PEAK1] = 0
    c.num[R_PEAK2] = 0
    c.num[R_TOP_S] = 0
  }
  if (t - c.num[R_START_T]! > REP_MAX_S) {
    dropRep(c)
    c.state = DROPPED
    return false
  }
  if (a >= REP_END && (catCow || progress > 0)) {
    if (dir === c.dir) {
      if (catCow && c.reached2) {
        // cat, cow, then cat again without settling: the new movement starts a repetition.
        return finishRep(c, frame, needTop, catCow)
      }
      if (catCow && c.reached1 && c.num[R_PEAK2]! > 0) {
        // back to the first phase without completing the second: start over from here.
        c.num[R_START_T] = t
        c.reached1 = false
        c.num[R_PEAK1] = 0
        c.num[R_PEAK2] = 0
      }
      if (a > c.num[R_PEAK1]!) c.num[R_PEAK1] = a
      if (a >= REP_REACH) c.reached1 = true
      if (a >= REP_TOP) c.num[R_TOP_S] = c.num[R_TOP_S]! + dt
    } else if (catCow) {
      if (!c.reached1) {
        // a half movement, then the other way: this is the repetition's real start.
        c.num[R_START_T] = t
        c.dir = dir
        c.num[R_PEAK1] = a
        c.num[R_PEAK2] = 0
        c.reached1 = a >= REP_REACH
        return false
      }
      if (a > c.num[R_PEAK2]!) c.num[R_PEAK2] = a
      if (a >= REP_REACH) c.reached2 = true
    }
    return false
  }
  // Below 20 %: the end of a repetition (cat-cow: only after both phases; neutral between them does not end it).
  if (catCow) {
    if (c.reached1 && c.reached2) return finishRep(c, frame, needTop, catCow)
    if (!c.reached1) dropRep(c)
    return false
  }
  const counted = c.reached1 ? finishRep(c, frame, needTop, catCow) : false
  dropRep(c)
  return counted
}

/** Ends the repetition in flight: true when it counts (2–15 s, the pause at the top where needed). */
function finishRep(c: RepCounter, frame: PoseFrame, needTop: boolean, catCow: boolean): boolean {
  const took = frame.t - c.num[R_START_T]!
  const ok = took >= REP_MIN_S && took <= REP_MAX_S && (!needTop || c.num[R_TOP_S]! >= REP_TOP_S)
  if (ok) {
    const p1 = c.num[R_PEAK1]! > 1 ? 1 : c.num[R_PEAK1]!
    const p2 = c.num[R_PEAK2]! > 1 ? 1 : c.num[R_PEAK2]!
    c.num[R_AMPLITUDE] = catCow ? (p1 + p2) / 2 : p1
  }
  dropRep(c)
  return ok
}

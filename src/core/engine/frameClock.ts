/**
 * The timing of each frame (pose-trace spec, "Tracking"): the seconds since
 * the previous frame; a gap (more than MAX_FRAME_GAP_S, or time going back)
 * is untracked for its whole length; and the seconds a frame may add to
 * counted time, which never reach back before the clock floor (the stretch's
 * start, a resume, a return to visible): time spent paused or hidden is never
 * counted, whatever the next frame's interval says.
 */
import type { PoseFrame } from '../poseFrame.ts'

/** A gap between frames longer than this (s) is untracked for its whole length. */
export const MAX_FRAME_GAP_S = 0.25

/** Index into FrameClock.num: the previous frame's t (s). */
const C_PREV_T = 0
/** Index into FrameClock.num: counting never reaches back before this instant (s). */
const C_FLOOR = 1
/** Index into FrameClock.num: this frame's seconds since the previous one (0 on a gap or the first frame). */
export const C_DT = 2
/** Index into FrameClock.num: this frame's seconds to add to counted time. */
export const C_COUNT_DT = 3

/** The clock: whether a frame came before, and the C_* numbers. */
export interface FrameClock {
  havePrev: boolean
  readonly num: Float64Array
}

/** Allocates a clock with no frame yet and no floor. */
export function createFrameClock(): FrameClock {
  const c: FrameClock = { havePrev: false, num: new Float64Array(4) }
  c.num[C_FLOOR] = -Infinity
  return c
}

/** Counting starts again at t (a stretch starts, the user resumed, the session is visible again). */
export function setCountFloor(c: FrameClock, t: number): void {
  c.num[C_FLOOR] = t
}

/** The previous frame's t, or `fallback` before the first frame. */
export function previousFrameT(c: FrameClock, fallback: number): number {
  return c.havePrev ? c.num[C_PREV_T]! : fallback
}

/**
 * Times this frame: writes C_DT and C_COUNT_DT, and returns whether a gap
 * came before it (then both are 0).
 */
export function timeFrame(c: FrameClock, frame: PoseFrame): boolean {
  const t = frame.t
  const num = c.num
  let dt = c.havePrev ? t - num[C_PREV_T]! : 0
  const gap = dt > MAX_FRAME_GAP_S || dt < 0
  if (gap) dt = 0
  num[C_DT] = dt
  const prev = num[C_PREV_T]!
  const floor = num[C_FLOOR]!
  let count = c.havePrev && !gap ? t - (prev > floor ? prev : floor) : 0
  if (count < 0) count = 0
  num[C_COUNT_DT] = count
  return gap
}

/** Remembers this frame as the previous one. */
export function endFrame(c: FrameClock, frame: PoseFrame): void {
  c.havePrev = true
  c.num[C_PREV_T] = frame.t
}

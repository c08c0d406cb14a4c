/**
 * Test helper: the coach's own keyframes (src/core/coach/fk.ts) as what the
 * engine sees: a PoseFrame of the coach's eye and controller grips (or tracked
 * wrists), the BodyView bodyView.ts fills from it, and a Baseline taken from a
 * view held still (the mean of a constant view is the view itself, so the
 * fields are copied the way baseline.ts fills them, hip point per docs/product.md).
 */
import { coachKeyframeFK, createCoachFK, type CoachSide } from '../../../src/core/coach/fk.ts'
import type { Baseline } from '../../../src/core/engine/baseline.ts'
import { createBaseline } from '../../../src/core/engine/baseline.ts'
import {
  createBodyView,
  deriveView,
  viewHand,
  viewHead,
  type BodyView,
} from '../../../src/core/engine/bodyView.ts'
import { createPoseFrame, INPUT_HAND, type PoseFrame } from '../../../src/core/poseFrame.ts'
import type { StretchId } from '../../../src/core/stretches.ts'

/** Where the coach (and so the user) is set on the floor: off the origin, at an odd heading. */
export const PLACEMENT = { x: 0.7, z: -1.3, yawRad: 2.1 } as const

/** A frame holding the coach's keyframe `key` of `stretch` for stature H: eye, grips (or wrists, `hands`). */
export function coachFrame(
  stretch: StretchId,
  side: CoachSide,
  key: string,
  H: number,
  hands = false,
  placement: { x: number; z: number; yawRad: number } = PLACEMENT,
): PoseFrame {
  const fk = createCoachFK()
  if (!coachKeyframeFK(fk, stretch, side, key, H, placement))
    throw new Error(`no keyframe ${key} of ${stretch}`)
  const f = createPoseFrame()
  const src = hands ? fk.wrist : fk.grip
  f.poses.set(fk.eye, 0)
  f.poses.set(src.subarray(0, 7), 7)
  f.poses.set(src.subarray(7, 14), 14)
  f.tracked.fill(1)
  if (hands) f.input.fill(INPUT_HAND)
  return f
}

/** The coach's palm centres (left xyz, right xyz) in that keyframe. */
export function coachPalms(
  stretch: StretchId,
  side: CoachSide,
  key: string,
  H: number,
  placement: { x: number; z: number; yawRad: number } = PLACEMENT,
): Float64Array {
  const fk = createCoachFK()
  if (!coachKeyframeFK(fk, stretch, side, key, H, placement))
    throw new Error(`no keyframe ${key} of ${stretch}`)
  return fk.palm.slice()
}

/** The view of a frame with the head and both hands sensed, as the engine fills it (palms' average = palms). */
export function viewOf(frame: PoseFrame, H: number): BodyView {
  const v = createBodyView(H)
  viewHead(v, frame)
  for (let h = 0; h < 2; h++) {
    viewHand(v, frame, h)
    v.palmOk[h] = 1
    v.handQOk[h] = 1
  }
  v.palmAvg.set(v.palm)
  deriveView(v)
  return v
}

/** The view of the coach's keyframe. */
export function coachView(
  stretch: StretchId,
  side: CoachSide,
  key: string,
  H: number,
  hands = false,
): BodyView {
  return viewOf(coachFrame(stretch, side, key, H, hands), H)
}

/**
 * A ready baseline taken while `v` was held still (belly: the belly hand the
 * gate chose, −1 when none): eye, palms, forward line, right, pitch and hand
 * orientations of the view; the hamstring hip point 0.055 H back along the
 * forward line from the eye, 0.05 H above the floor, and the eye-to-hip distance.
 */
export function baselineOf(v: BodyView, belly = -1): Baseline {
  const b = createBaseline()
  const H = v.H
  b.eye.set(v.eye)
  b.palm.set(v.palm)
  b.fwd.set(v.fwd)
  b.right.set(v.right)
  b.pitchDeg = v.pitchDeg
  b.handQ.set(v.handQ)
  b.belly = belly
  b.hip[0] = v.eye[0]! - 0.055 * H * v.fwd[0]!
  b.hip[1] = 0.05 * H
  b.hip[2] = v.eye[2]! - 0.055 * H * v.fwd[2]!
  b.eyeHipM = Math.hypot(v.eye[0]! - b.hip[0]!, v.eye[1]! - b.hip[1]!, v.eye[2]! - b.hip[2]!)
  b.ready = true
  return b
}

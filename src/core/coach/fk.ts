/**
 * The coach's forward-kinematics contract, used by the engine's tests, the
 * avatar and the placement. For a stretch, a side, a keyframe name (or a time
 * on the demonstration timeline), a stature H and a placement on the floor, it
 * gives world poses in the WebXR `local-floor` frame (metres, +Y up, floor y = 0):
 *
 * - `eye`: the eye centre as a WebXR viewer pose [px,py,pz,qx,qy,qz,qw]
 *   (viewer −Z = the face direction, +Y = the head's up axis, +X = the coach's right);
 * - `grip`: both controller grip poses (left [0..6], right [7..13]) per WebXR
 *   grip space, so that `palmFromGrip` (src/core/bodyModel.ts) lands exactly on
 *   the FK palm centre (0.045 m along −X right / +X left);
 * - `wrist`: both wrist joint poses (−Z toward the fingers, −Y out of the
 *   palm), so that `palmFromWrist` lands exactly on the palm centre
 *   (0.043 H along −Z + 0.02 m along −Y);
 * - `palm`: both palm centres (left xyz, right xyz);
 * - `jointPos` / `jointRot`: every VRM bone's origin and world rotation
 *   (hips = hip-joint midpoint; knees = `leftLowerLeg`/`rightLowerLeg`;
 *   ankles = `leftFoot`/`rightFoot`), see JOINT below;
 * - `surface`: body-surface spheres [x, y, z, radius] (SURFACE_SAMPLES names them):
 *   the body surface is each centre minus its radius.
 *
 * Sides: 'left' is the authored side, 'right' its exact mirror, 'both' for
 * two-sided stretches (same as 'left'). Keyframe names: STRETCH_KEYFRAMES
 * (`start`, `target`, and `neutral`/`cat`/`cow`, `neutral`/`top`) plus the
 * shared transitions TRANSITION_KEYFRAMES (`stand`, `lunge`, `kneel-tall`,
 * `all-fours`, `heels`, `sit`, `lie`). The coach frame puts the body at the
 * placement's origin, facing its +Z (see FloorPlacement); the pose does not
 * depend on stature except by scale (and the hand's absolute 0.02/0.045 m offsets).
 */
import type { StretchId } from '../stretches.ts'
import { getStretchKeyframe } from './keyframes.ts'
import { createCoachFK, solvePose, type CoachFK, type FloorPlacement } from './kinematics.ts'
import { BONE } from './skeleton.ts'
import { createTimelineCursor, sampleTimeline, type TimelineCursor } from './timeline.ts'

export { createCoachFK, solvePose, lowestSurface, ORIGIN_PLACEMENT } from './kinematics.ts'
export type { CoachFK, FloorPlacement } from './kinematics.ts'
export { SURFACE_SAMPLES, SURFACE_INDEX, BONE_NAMES, BONE } from './skeleton.ts'
export { STRETCH_KEYFRAMES, TRANSITION_KEYFRAMES } from './keyframes.ts'

/** Handy joint indices into CoachFK.jointPos (× 3) and jointRot (× 4). */
export const JOINT = {
  hips: BONE.hips,
  leftHip: BONE.leftUpperLeg,
  rightHip: BONE.rightUpperLeg,
  leftKnee: BONE.leftLowerLeg,
  rightKnee: BONE.rightLowerLeg,
  leftAnkle: BONE.leftFoot,
  rightAnkle: BONE.rightFoot,
  head: BONE.head,
} as const

/** Which side of a stretch: the authored 'left', its mirror 'right', or 'both' (two-sided). */
export type CoachSide = 'left' | 'right' | 'both'

/**
 * FK of a stretch keyframe into `out` for stature `statureM` (m) at `placement`.
 * Returns false (and leaves `out` untouched) for an unknown keyframe name or a
 * non-positive or non-finite stature; never throws.
 */
export function coachKeyframeFK(
  out: CoachFK,
  stretch: StretchId,
  side: CoachSide,
  keyframe: string,
  statureM: number,
  placement: Readonly<FloorPlacement>,
): boolean {
  if (!(statureM > 0) || !Number.isFinite(statureM)) return false
  const pose = getStretchKeyframe(stretch, side, keyframe)
  if (pose === null) return false
  solvePose(out, pose, statureM, placement)
  return true
}

const _cursor: TimelineCursor = createTimelineCursor()

/**
 * FK of the demonstration timeline (timeline.ts) at `timeS` seconds into `out`:
 * the pose the avatar shows at that moment, set on the floor. `side` 'both'
 * plays every side of the stretch in order (left then right for one-sided
 * ones). Times outside the timeline clamp to its ends. Returns false on a
 * non-finite time or bad stature.
 */
export function coachTimelineFK(
  out: CoachFK,
  stretch: StretchId,
  timeS: number,
  statureM: number,
  placement: Readonly<FloorPlacement>,
  holdSeconds?: number,
): boolean {
  if (!(statureM > 0) || !Number.isFinite(statureM) || !Number.isFinite(timeS)) return false
  sampleTimeline(_cursor, stretch, timeS, holdSeconds)
  solvePose(out, _cursor.pose, statureM, placement)
  return true
}

/** Allocates an FK output and fills it with a keyframe; throws only on an unknown keyframe (test/debug helper). */
export function keyframeFK(
  stretch: StretchId,
  side: CoachSide,
  keyframe: string,
  statureM: number,
  placement: Readonly<FloorPlacement> = { x: 0, z: 0, yawRad: 0 },
): CoachFK {
  const out = createCoachFK()
  if (!coachKeyframeFK(out, stretch, side, keyframe, statureM, placement)) {
    throw new Error('no keyframe ' + keyframe + ' for ' + stretch)
  }
  return out
}

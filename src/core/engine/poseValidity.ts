/**
 * Whether each pose of a frame can be used (pose-trace spec, "Tracking"): it is
 * tracked, every number is finite, its quaternion is a rotation (length 0.5–2,
 * normalised later), and the device is not frozen: a pose bit-identical to the
 * previous one for FROZEN_AFTER_S is a device that stopped reporting, not a
 * still user (a real sensor always jitters in the last digits).
 */
import type { PoseFrame } from '../poseFrame.ts'

/** A pose bit-identical for this long (s) is a frozen device. */
export const FROZEN_AFTER_S = 0.5

/** Per pose (head, left, right): the last usable numbers and since when they have not changed. */
export interface PoseValidity {
  readonly rawPrev: Float64Array
  readonly rawPrevValid: Uint8Array
  readonly identicalSince: Float64Array
}

/** Allocates the check for the three poses of a frame. */
export function createPoseValidity(): PoseValidity {
  return {
    rawPrev: new Float64Array(21),
    rawPrevValid: new Uint8Array(3),
    identicalSince: new Float64Array(3),
  }
}

/** Forgets every pose's history (the reference space was reset: poses jump). */
export function forgetPoses(s: PoseValidity): void {
  s.rawPrevValid.fill(0)
}

/** Updates pose i's frozen-device timer; true when the pose is usable (tracked, finite, a rotation, not frozen). */
export function poseUsable(s: PoseValidity, frame: PoseFrame, i: number): boolean {
  const t = frame.t
  const o = i * 7
  if (frame.tracked[i] !== 1) {
    s.rawPrevValid[i] = 0
    return false
  }
  const p = frame.poses
  let same = s.rawPrevValid[i] === 1
  let finite = true
  for (let k = 0; k < 7; k++) {
    const x = p[o + k]!
    if (!Number.isFinite(x)) finite = false
    if (same && x !== s.rawPrev[o + k]) same = false
  }
  if (!finite) {
    s.rawPrevValid[i] = 0
    return false
  }
  const qx = p[o + 3]!
  const qy = p[o + 4]!
  const qz = p[o + 5]!
  const qw = p[o + 6]!
  const ql = Math.sqrt(qx * qx + qy * qy + qz * qz + qw * qw)
  if (!(ql > 0.5 && ql < 2)) {
    s.rawPrevValid[i] = 0
    return false
  }
  if (!same) {
    for (let k = 0; k < 7; k++) s.rawPrev[o + k] = p[o + k]!
    s.rawPrevValid[i] = 1
    s.identicalSince[i] = t
    return true
  }
  return t - s.identicalSince[i]! < FROZEN_AFTER_S
}

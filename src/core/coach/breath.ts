/**
 * The coach breathes during holds: the chest opens a little and the
 * shoulders rise with the breathing pacer (src/core/session/breathing.ts,
 * 4 s in, 6 s out), laid over the sampled pose in place. Allocation-free.
 */
import { quatMultiply } from '../vec.ts'
import type { CoachPose } from './pose.ts'
import { BONE } from './skeleton.ts'

/** Largest chest tilt of the breathing motion (lungs full), radians: the chest lifts and opens backward. */
export const BREATH_CHEST_RAD = (2.5 * Math.PI) / 180
/** Largest shoulder lift of the breathing motion, radians (each clavicle about its forward axis). */
export const BREATH_SHOULDER_RAD = (2 * Math.PI) / 180

const _amp = Float64Array.of(BREATH_CHEST_RAD, BREATH_SHOULDER_RAD)
const _q = new Float64Array(4)

/** pose.rot of bone b ← its rotation · the turn in _q (in the bone's own frame). */
function turn(pose: CoachPose, b: number): void {
  quatMultiply(pose.rot, b * 4, pose.rot, b * 4, _q, 0)
}

/**
 * Lays one breath over `pose`: fullness[i] is how full the lungs are (0
 * empty → 1 full, the pacer's eased reading). At 0 the pose is unchanged.
 */
export function applyBreath(pose: CoachPose, fullness: Float64Array, i: number): void {
  const f = Math.min(1, Math.max(0, fullness[i]!))
  // the chest tilts back about its side-to-side axis (−X in its rest frame lifts the front)
  const c = (f * _amp[0]!) / 2
  _q[0] = -Math.sin(c)
  _q[1] = 0
  _q[2] = 0
  _q[3] = Math.cos(c)
  turn(pose, BONE.chest)
  // the clavicles rise: the left about +Z (its +X end up), the right about −Z
  const s = (f * _amp[1]!) / 2
  _q[0] = 0
  _q[2] = Math.sin(s)
  _q[3] = Math.cos(s)
  turn(pose, BONE.leftShoulder)
  _q[2] = -_q[2]!
  turn(pose, BONE.rightShoulder)
}

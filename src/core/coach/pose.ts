/**
 * A coach pose: the hips' position and every bone's rotation relative to its
 * rest (VRM normalised T-pose), which is exactly what a VRM humanoid rig takes.
 * Poses are stature-free: the hips' position is in fractions of H.
 */
import { BONE_COUNT, BONE_MIRROR } from './skeleton.ts'

/** One pose of the coach: hips position (fractions of H, coach frame) and local bone rotations. */
export interface CoachPose {
  /** hips (hip-joint midpoint) in the coach frame: x left, y up, z forward; fractions of H */
  readonly hips: Float64Array
  /** BONE_COUNT unit quaternions [x,y,z,w] at [4i..4i+3]: bone i relative to its rest, in its parent's frame */
  readonly rot: Float64Array
}

/** Allocates an identity pose (rest T-pose, hips at the origin). */
export function createPose(): CoachPose {
  const rot = new Float64Array(BONE_COUNT * 4)
  for (let i = 0; i < BONE_COUNT; i++) rot[i * 4 + 3] = 1
  return { hips: new Float64Array(3), rot }
}

/** Copies a pose into another without allocating. */
export function copyPose(dst: CoachPose, src: CoachPose): void {
  dst.hips.set(src.hips)
  dst.rot.set(src.rot)
}

/**
 * Writes the left–right mirror of `src` into `dst` (dst must not alias src):
 * reflection through the body's midplane x = 0. Each bone takes its
 * counterpart's rotation with y and z negated, the hips' x is negated; FK of
 * the result is the exact mirror of FK of the source.
 */
export function mirrorPose(dst: CoachPose, src: CoachPose): void {
  dst.hips[0] = -src.hips[0]!
  dst.hips[1] = src.hips[1]!
  dst.hips[2] = src.hips[2]!
  for (let i = 0; i < BONE_COUNT; i++) {
    const j = BONE_MIRROR[i]! * 4
    const o = i * 4
    dst.rot[o] = src.rot[j]!
    dst.rot[o + 1] = -src.rot[j + 1]!
    dst.rot[o + 2] = -src.rot[j + 2]!
    dst.rot[o + 3] = src.rot[j + 3]!
  }
}

/**
 * Blends two poses into `out` (may alias a): hips linearly, rotations by
 * normalised linear interpolation along the shorter arc (nlerp: for keyframes
 * a few tens of degrees apart it is indistinguishable from slerp and needs no
 * trigonometry); w in [0, 1]. Allocation-free.
 */
export function blendPoses(out: CoachPose, a: CoachPose, b: CoachPose, w: number): void {
  _blendWeight[0] = w
  blendPosesByWeight(out, a, b, _blendWeight)
}

/** blendPoses' weight, as a typed array so blendPoses boxes no number */
const _blendWeight = new Float64Array(1)

/**
 * blendPoses with the weight in weight[0]: the per-frame timeline passes its
 * weight this way, since a float argument is boxed when V8 does not inline the call.
 */
export function blendPosesByWeight(
  out: CoachPose,
  a: CoachPose,
  b: CoachPose,
  weight: Float64Array,
): void {
  const w = weight[0]!
  const v = 1 - w
  for (let k = 0; k < 3; k++) out.hips[k] = a.hips[k]! * v + b.hips[k]! * w
  for (let i = 0; i < BONE_COUNT * 4; i += 4) {
    const ax = a.rot[i]!
    const ay = a.rot[i + 1]!
    const az = a.rot[i + 2]!
    const aw = a.rot[i + 3]!
    const bx = b.rot[i]!
    const by = b.rot[i + 1]!
    const bz = b.rot[i + 2]!
    const bw = b.rot[i + 3]!
    const s1 = ax * bx + ay * by + az * bz + aw * bw < 0 ? -w : w
    const x = v * ax + s1 * bx
    const y = v * ay + s1 * by
    const z = v * az + s1 * bz
    const q = v * aw + s1 * bw
    const n = 1 / Math.sqrt(x * x + y * y + z * z + q * q)
    out.rot[i] = x * n
    out.rot[i + 1] = y * n
    out.rot[i + 2] = z * n
    out.rot[i + 3] = q * n
  }
}

/**
 * Forward kinematics of the coach skeleton: from a CoachPose, a stature and a
 * placement on the floor to world poses in the WebXR local-floor frame
 * (metres, +Y up, floor y = 0). Allocation-free once the output exists.
 * The public contract (with keyframes and timeline) is in fk.ts.
 */
import { GRIP_TO_PALM_M } from '../bodyModel.ts'
import { quatMultiply, rotateVecAt } from '../vec.ts'
import type { CoachPose } from './pose.ts'
import {
  BONE,
  BONE_COUNT,
  BONE_PARENT,
  BONE_REST_OFFSET,
  EYE_IN_HEAD,
  PALM_IN_HAND_H,
  PALM_OUT_OF_WRIST_M,
  SURFACE_COUNT,
  SURFACE_SAMPLES,
} from './skeleton.ts'

/**
 * Where the coach stands: its frame's origin on the floor at (x, 0, z) of the
 * local-floor space, turned by yawRad about +Y (0: the coach faces +Z; π: it
 * faces −Z, the way a WebXR user faces at the start).
 */
export interface FloorPlacement {
  x: number
  z: number
  yawRad: number
}

/** The coach's own frame: origin on the floor under the rest hips, facing +Z. */
export const ORIGIN_PLACEMENT: Readonly<FloorPlacement> = Object.freeze({ x: 0, z: 0, yawRad: 0 })

/** Offsets (hand-bone frame) of the fixed hand points: fractions of H along the hand, metres out of the palm. */
const GRIP_OUT_OF_PALM_M = GRIP_TO_PALM_M

/** Everything FK computes for one pose; world = WebXR local-floor, metres. */
export interface CoachFK {
  /** stature H of the last solve, metres */
  statureM: number
  /** bone origins (joint centres), BONE_COUNT × xyz */
  readonly jointPos: Float64Array
  /** bone world rotations, BONE_COUNT × xyzw */
  readonly jointRot: Float64Array
  /** eye centre as a WebXR viewer pose [px,py,pz,qx,qy,qz,qw]: −Z = face direction, +Y = head up */
  readonly eye: Float64Array
  /** controller grip poses: left at [0..6], right at [7..13] (WebXR grip space) */
  readonly grip: Float64Array
  /** wrist joint poses: left at [0..6], right at [7..13] (WebXR hand-joint space: −Z to the fingers, −Y out of the palm) */
  readonly wrist: Float64Array
  /** palm centres: left xyz at [0..2], right at [3..5] */
  readonly palm: Float64Array
  /** body-surface spheres, SURFACE_COUNT × [x, y, z, radius m] (see SURFACE_SAMPLES) */
  readonly surface: Float64Array
}

/** Allocates an FK output. */
export function createCoachFK(): CoachFK {
  return {
    statureM: 0,
    jointPos: new Float64Array(BONE_COUNT * 3),
    jointRot: new Float64Array(BONE_COUNT * 4),
    eye: new Float64Array(7),
    grip: new Float64Array(14),
    wrist: new Float64Array(14),
    palm: new Float64Array(6),
    surface: new Float64Array(SURFACE_COUNT * 4),
  }
}

// Fixed rotations of the WebXR spaces in the hand bone's frame (rest hand: fingers ±X, palm −Y).
// Wrist: −Z toward the fingers, −Y out of the palm. Left: Ry(−90°); right: Ry(+90°).
const S = Math.SQRT1_2
const WRIST_IN_HAND = new Float64Array([0, -S, 0, S, 0, S, 0, S])
// Grip: −Z along the hand (toward the fingers), +X out of the back of the hand for the right,
// out of the palm for the left (so the palm is 0.045 m along −X right / +X left), +Y = Z × X.
// Left columns X(0,−1,0) Y(0,0,1) Z(−1,0,0); right X(0,1,0) Y(0,0,1) Z(1,0,0).
const GRIP_IN_HAND = new Float64Array([0.5, -0.5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
// Head → viewer: a half turn about Y so viewer −Z is the face (+Z of the head).
const VIEWER_IN_HEAD = new Float64Array([0, 1, 0, 0])

const _q = new Float64Array(4)
/** rest offsets of the bones (BONE_REST_OFFSET flattened), fractions of H */
const REST = new Float64Array(BONE_REST_OFFSET.flat())
/** surface samples flattened: bone, offset (H) xyz, offset (m) xyz, radius (H) */
const SURF = new Float64Array(
  SURFACE_SAMPLES.flatMap((m) => [m.bone, ...m.offsetH, ...m.offsetM, m.radiusH]),
)
/** the vector to rotate, set before calling rotateVecAt */
const _in = new Float64Array(3)

/** last placement yaw and its half-angle sine and cosine */
const _yaw = new Float64Array([0, 0, 1])
const _v = new Float64Array(3)

// Points fixed in the hand and head bones: [hx, hy, hz (fractions of H), my (metres up the bone's y)].
// 0 eye; 1/2 left/right palm; 3/4 left/right wrist; 5/6 left/right grip. Read by index so the
// per-frame calls pass no floating-point arguments (V8 boxes those when a call is not inlined).
const POINTS = new Float64Array([
  ...[EYE_IN_HEAD[0], EYE_IN_HEAD[1], EYE_IN_HEAD[2], 0],
  ...[PALM_IN_HAND_H, 0, 0, -PALM_OUT_OF_WRIST_M],
  ...[-PALM_IN_HAND_H, 0, 0, -PALM_OUT_OF_WRIST_M],
  ...[0, 0, 0, 0],
  ...[0, 0, 0, 0],
  ...[PALM_IN_HAND_H, 0, 0, GRIP_OUT_OF_PALM_M - PALM_OUT_OF_WRIST_M],
  ...[-PALM_IN_HAND_H, 0, 0, GRIP_OUT_OF_PALM_M - PALM_OUT_OF_WRIST_M],
])

/** Writes the pose (position, and rotation when localRot is given) of POINTS[k] of bone b into out[oo..]. */
function bonePoint(
  out: Float64Array,
  oo: number,
  fk: CoachFK,
  b: number,
  k: number,
  localRot: Float64Array | null,
  lo: number,
): void {
  const H = fk.statureM
  _in[0] = POINTS[k * 4]! * H
  _in[1] = POINTS[k * 4 + 1]! * H + POINTS[k * 4 + 3]!
  _in[2] = POINTS[k * 4 + 2]! * H
  rotateVecAt(_v, 0, fk.jointRot, b * 4, _in, 0)
  out[oo] = fk.jointPos[b * 3]! + _v[0]!
  out[oo + 1] = fk.jointPos[b * 3 + 1]! + _v[1]!
  out[oo + 2] = fk.jointPos[b * 3 + 2]! + _v[2]!
  if (localRot !== null) quatMultiply(out, oo + 3, fk.jointRot, b * 4, localRot, lo)
}

/**
 * Solves FK of `pose` for stature `statureM` (m) placed at `placement`, into `out`.
 * Allocation-free. Returns out.
 */
export function solvePose(
  out: CoachFK,
  pose: CoachPose,
  statureM: number,
  placement: Readonly<FloorPlacement>,
): CoachFK {
  const H = statureM
  out.statureM = H
  if (placement.yawRad !== _yaw[0]) {
    // the placement rarely changes: its trigonometry is done once per new yaw
    _yaw[0] = placement.yawRad
    _yaw[1] = Math.sin(placement.yawRad / 2)
    _yaw[2] = Math.cos(placement.yawRad / 2)
  }
  _q[0] = 0
  _q[1] = _yaw[1]!
  _q[2] = 0
  _q[3] = _yaw[2]!
  const P = out.jointPos
  const R = out.jointRot
  for (let i = 0; i < BONE_COUNT; i++) {
    const p = BONE_PARENT[i]!
    if (p < 0) {
      _in[0] = pose.hips[0]! * H
      _in[1] = pose.hips[1]! * H
      _in[2] = pose.hips[2]! * H
      rotateVecAt(P, i * 3, _q, 0, _in, 0)
      P[i * 3] = P[i * 3]! + placement.x
      P[i * 3 + 2] = P[i * 3 + 2]! + placement.z
      quatMultiply(R, i * 4, _q, 0, pose.rot, i * 4)
    } else {
      _in[0] = REST[i * 3]! * H
      _in[1] = REST[i * 3 + 1]! * H
      _in[2] = REST[i * 3 + 2]! * H
      rotateVecAt(P, i * 3, R, p * 4, _in, 0)
      P[i * 3] = P[i * 3]! + P[p * 3]!
      P[i * 3 + 1] = P[i * 3 + 1]! + P[p * 3 + 1]!
      P[i * 3 + 2] = P[i * 3 + 2]! + P[p * 3 + 2]!
      quatMultiply(R, i * 4, R, p * 4, pose.rot, i * 4)
    }
  }
  bonePoint(out.eye, 0, out, BONE.head, 0, VIEWER_IN_HEAD, 0)
  for (let s = 0; s < 2; s++) {
    const b = s === 0 ? BONE.leftHand : BONE.rightHand
    bonePoint(out.palm, s * 3, out, b, 1 + s, null, 0)
    bonePoint(out.wrist, s * 7, out, b, 3 + s, WRIST_IN_HAND, s * 4)
    bonePoint(out.grip, s * 7, out, b, 5 + s, GRIP_IN_HAND, s * 4)
  }
  const srf = out.surface
  for (let k = 0; k < SURFACE_COUNT; k++) {
    const o = k * 8
    const b = SURF[o]!
    _in[0] = SURF[o + 1]! * H + SURF[o + 4]!
    _in[1] = SURF[o + 2]! * H + SURF[o + 5]!
    _in[2] = SURF[o + 3]! * H + SURF[o + 6]!
    rotateVecAt(_v, 0, R, b * 4, _in, 0)
    srf[k * 4] = P[b * 3]! + _v[0]!
    srf[k * 4 + 1] = P[b * 3 + 1]! + _v[1]!
    srf[k * 4 + 2] = P[b * 3 + 2]! + _v[2]!
    srf[k * 4 + 3] = SURF[o + 7]! * H
  }
  return out
}

/** Lowest point of the body surface (sphere bottom), metres above the floor. */
export function lowestSurface(fk: CoachFK): number {
  let min = Infinity
  for (let k = 0; k < SURFACE_COUNT; k++) {
    const y = fk.surface[k * 4 + 1]! - fk.surface[k * 4 + 3]!
    if (y < min) min = y
  }
  return min
}

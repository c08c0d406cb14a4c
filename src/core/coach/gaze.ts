/**
 * The coach looks at the user: while it stands and speaks to them, its neck,
 * head and eyes turn toward the viewer's head, within a natural range and
 * eased in and out; otherwise the pose's own head direction is kept. The gaze
 * is laid over a pose after it is sampled (the keyframes never hold it).
 *
 * Per frame: write the viewer (coach frame, fractions of H), whether to look
 * and the frame's seconds into the gaze's typed slots, then stepGaze. No
 * floating-point argument crosses a call and nothing is allocated.
 */
import { quatMultiply } from '../vec.ts'
import { createCoachFK, ORIGIN_PLACEMENT, solvePose, type CoachFK } from './kinematics.ts'
import type { CoachPose } from './pose.ts'
import { BONE } from './skeleton.ts'

const D2R = Math.PI / 180

/** Largest turn of the neck and head together to the side, degrees (a comfortable glance, not a full turn). */
export const GAZE_HEAD_YAW_DEG = 55
/** Largest lift of the neck and head, degrees. */
export const GAZE_HEAD_UP_DEG = 20
/** Largest drop of the neck and head, degrees. */
export const GAZE_HEAD_DOWN_DEG = 30
/** Largest turn of the eyes in their sockets beyond the head, degrees, to the side and up or down. */
export const GAZE_EYE_YAW_DEG = 25
export const GAZE_EYE_PITCH_DEG = 15
/** A viewer further round than this (degrees from the face) is not looked for: the coach does not turn its back. */
export const GAZE_GIVE_UP_DEG = 110
/**
 * Smoothing time of the easing (s): a critically damped follow, which starts
 * and stops without a jolt and is most of the way there after about 1 s.
 */
export const GAZE_EASE_S = 0.35
/** Share of the head's turn the neck takes (the head the rest). */
const NECK_SHARE = 0.4

/** Slots of CoachGaze.num. */
export const GAZE_X = 0
export const GAZE_Y = 1
export const GAZE_Z = 2
/** 1 to look at the viewer, 0 to keep the pose's own head direction (the caller writes it). */
export const GAZE_WANT = 3
/** Seconds since the last step (the caller writes it; 0 freezes the gaze). */
export const GAZE_DT = 4
/** How much the gaze holds now, 0 → 1 (eased toward GAZE_WANT). */
export const GAZE_WEIGHT = 5
/** The turn being eased toward the viewer, degrees: yaw (+ to the coach's left), pitch (+ up). */
export const GAZE_YAW = 6
export const GAZE_PITCH = 7
/** The turns last applied (degrees): head and neck together, and the eyes. */
export const GAZE_HEAD_YAW = 8
export const GAZE_HEAD_PITCH = 9
export const GAZE_EYE_YAW = 10
export const GAZE_EYE_PITCH = 11

/** The gaze's state and scratch, allocated once. */
export interface CoachGaze {
  /** see the GAZE_* slots */
  readonly num: Float64Array
  /** FK of the pose the gaze is laid over (coach frame, H = 1) */
  readonly fk: CoachFK
  /** scratch quaternions */
  readonly q: Float64Array
}

/** Allocates a gaze looking nowhere (weight 0); the viewer defaults to ahead at standing eye height. */
export function createGaze(): CoachGaze {
  const num = new Float64Array(18)
  num[GAZE_Y] = 0.93
  num[GAZE_Z] = 1.5
  return { num, fk: createCoachFK(), q: new Float64Array(12) }
}

/** Sets where the viewer's head is (coach frame, fractions of H): a test and setup helper, not for per-frame code. */
export function setGazeTarget(g: CoachGaze, x: number, y: number, z: number): void {
  g.num[GAZE_X] = x
  g.num[GAZE_Y] = y
  g.num[GAZE_Z] = z
}

/** The limits and shares in typed slots: per-frame code meets no boxed module constant. */
const L = Float64Array.of(
  GAZE_HEAD_YAW_DEG,
  GAZE_HEAD_UP_DEG,
  GAZE_HEAD_DOWN_DEG,
  GAZE_EYE_YAW_DEG,
  GAZE_EYE_PITCH_DEG,
  GAZE_GIVE_UP_DEG,
  GAZE_EASE_S,
  NECK_SHARE,
  1 - NECK_SHARE,
  1,
  D2R,
)
const L_HEAD_YAW = 0
const L_HEAD_UP = 1
const L_HEAD_DOWN = 2
const L_EYE_YAW = 3
const L_EYE_PITCH = 4
const L_GIVE_UP = 5
const L_EASE = 6
const L_NECK = 7
const L_HEAD = 8
const L_EYES = 9
const L_D2R = 10

/** Scratch slots of num beyond the public ones: the viewer's direction (degrees) this frame. */
const S_YAW = 12
const S_PITCH = 13
/** The eased values' velocities (per second): weight, yaw, pitch. */
const V_WEIGHT = 14
const V_YAW = 15
const V_PITCH = 16
/** seconds of this step, read once */
const S_DT = 17

/**
 * Moves num[slot] toward num[target] by a critically damped spring (velocity
 * in num[vel]) over num[S_DT] seconds: no jump at the start or the end.
 */
function follow(num: Float64Array, slot: number, vel: number, target: number): void {
  const omega = 2 / L[L_EASE]!
  const x = omega * num[S_DT]!
  const decay = 1 / (1 + x + 0.48 * x * x + 0.235 * x * x * x)
  const change = num[slot]! - num[target]!
  const temp = (num[vel]! + omega * change) * num[S_DT]!
  num[vel] = (num[vel]! - omega * temp) * decay
  num[slot] = num[target]! + (change + temp) * decay
}

/**
 * Writes into q[0..3] the turn yaw (about +Y) then pitch up (about −X), read
 * in degrees from num[slot] and num[slot + 1], times the share L[share].
 */
function yawPitch(q: Float64Array, num: Float64Array, slot: number, share: number): void {
  const hy = num[slot]! * L[share]! * L[L_D2R]! * 0.5
  const hp = -num[slot + 1]! * L[share]! * L[L_D2R]! * 0.5
  const cy = Math.cos(hy)
  const sy = Math.sin(hy)
  const cp = Math.cos(hp)
  const sp = Math.sin(hp)
  // Ry(yaw) · Rx(pitch)
  q[0] = cy * sp
  q[1] = sy * cp
  q[2] = -sy * sp
  q[3] = cy * cp
}

/** pose.rot of bone b ← pose.rot of b · q[0..3] (a turn in the bone's own frame). */
function turnBone(pose: CoachPose, b: number, q: Float64Array): void {
  quatMultiply(pose.rot, b * 4, pose.rot, b * 4, q, 0)
}

/** Clamps num[i] into [−L[lo], L[hi]]. */
function clampSlot(num: Float64Array, i: number, lo: number, hi: number): void {
  num[i] = Math.min(L[hi]!, Math.max(-L[lo]!, num[i]!))
}

/**
 * Eases the gaze one step (num[GAZE_DT] seconds) toward the viewer and lays
 * it over `pose` in place: the neck and head share the turn up to their
 * limits, the eyes take what is left up to theirs. With the weight at 0 the
 * pose is left exactly as it was.
 */
export function stepGaze(g: CoachGaze, pose: CoachPose): void {
  const n = g.num
  n[S_DT] = Math.max(0, n[GAZE_DT]!)
  follow(n, GAZE_WEIGHT, V_WEIGHT, GAZE_WANT)
  if (Math.abs(n[GAZE_WEIGHT]!) < 1e-4 && n[GAZE_WANT]! === 0 && Math.abs(n[V_WEIGHT]!) < 1e-3) {
    n[GAZE_WEIGHT] = n[GAZE_YAW] = n[GAZE_PITCH] = n[V_WEIGHT] = n[V_YAW] = n[V_PITCH] = 0
    n[GAZE_HEAD_YAW] = n[GAZE_HEAD_PITCH] = n[GAZE_EYE_YAW] = n[GAZE_EYE_PITCH] = 0
    return
  }
  // where the viewer is, seen in the frame of the pose's head
  const fk = g.fk
  solvePose(fk, pose, 1, ORIGIN_PLACEMENT)
  const q = g.q
  const h = BONE.head * 4
  // q[0..3] = the head's inverse world rotation; q[4..7] = the offset as a pure quaternion
  q[0] = -fk.jointRot[h]!
  q[1] = -fk.jointRot[h + 1]!
  q[2] = -fk.jointRot[h + 2]!
  q[3] = fk.jointRot[h + 3]!
  q[4] = n[GAZE_X]! - fk.eye[0]!
  q[5] = n[GAZE_Y]! - fk.eye[1]!
  q[6] = n[GAZE_Z]! - fk.eye[2]!
  q[7] = 0
  // v' = q⁻¹ v q: [8..11] = q⁻¹ v, then (q⁻¹ v) q into [4..7]
  quatMultiply(q, 8, q, 0, q, 4)
  q[0] = -q[0]!
  q[1] = -q[1]!
  q[2] = -q[2]!
  quatMultiply(q, 4, q, 8, q, 0)
  n[S_YAW] = Math.atan2(q[4]!, q[6]!) / L[L_D2R]!
  n[S_PITCH] = Math.atan2(q[5]!, Math.sqrt(q[4]! * q[4]! + q[6]! * q[6]!)) / L[L_D2R]!
  if (Math.abs(n[S_YAW]!) > L[L_GIVE_UP]!) n[S_YAW] = n[S_PITCH] = 0
  follow(n, GAZE_YAW, V_YAW, S_YAW)
  follow(n, GAZE_PITCH, V_PITCH, S_PITCH)
  // the weight can overshoot a hair past 0 or 1 on the way: keep it in range
  n[GAZE_WEIGHT] = Math.min(1, Math.max(0, n[GAZE_WEIGHT]!))
  n[GAZE_HEAD_YAW] = n[GAZE_YAW]! * n[GAZE_WEIGHT]!
  n[GAZE_HEAD_PITCH] = n[GAZE_PITCH]! * n[GAZE_WEIGHT]!
  clampSlot(n, GAZE_HEAD_YAW, L_HEAD_YAW, L_HEAD_YAW)
  clampSlot(n, GAZE_HEAD_PITCH, L_HEAD_DOWN, L_HEAD_UP)
  n[GAZE_EYE_YAW] = n[GAZE_YAW]! * n[GAZE_WEIGHT]! - n[GAZE_HEAD_YAW]!
  n[GAZE_EYE_PITCH] = n[GAZE_PITCH]! * n[GAZE_WEIGHT]! - n[GAZE_HEAD_PITCH]!
  clampSlot(n, GAZE_EYE_YAW, L_EYE_YAW, L_EYE_YAW)
  clampSlot(n, GAZE_EYE_PITCH, L_EYE_PITCH, L_EYE_PITCH)
  yawPitch(q, n, GAZE_HEAD_YAW, L_NECK)
  turnBone(pose, BONE.neck, q)
  yawPitch(q, n, GAZE_HEAD_YAW, L_HEAD)
  turnBone(pose, BONE.head, q)
  yawPitch(q, n, GAZE_EYE_YAW, L_EYES)
  turnBone(pose, BONE.leftEye, q)
  turnBone(pose, BONE.rightEye, q)
}

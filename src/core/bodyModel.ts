/**
 * The body model of docs/product.md: every length of the user's body as a fraction
 * of stature H, with H derived from the standing eye height (H = eye / 0.93).
 * Segment fractions after Winter, Biomechanics and Motor Control of Human Movement.
 * All results in metres; frames are the WebXR local-floor space (+Y up).
 */
import { rotateVecAt, type NumArray } from './vec.ts'

/** Fractions of stature H (docs/product.md, Body model). */
export const BODY_FRACTIONS = {
  upperArm: 0.186,
  forearm: 0.146,
  hand: 0.108,
  thigh: 0.245,
  shank: 0.246,
  foot: 0.152,
  /** hip-joint midpoint to shoulder midpoint */
  trunk: 0.288,
  /** shoulder midpoint to head pivot */
  neck: 0.07,
  /** head pivot to eyes, along the head's up axis */
  headPivotToEyesUp: 0.042,
  /** head pivot to eyes, along the face direction */
  headPivotToEyesForward: 0.045,
  /** shoulder joint to shoulder joint */
  shoulderWidth: 0.259,
  /** each hip joint centre's distance from the midline */
  hipJointOffset: 0.05,
  outerHipWidth: 0.191,
  standingEyeHeight: 0.93,
  standingShoulderHeight: 0.818,
  standingHipHeight: 0.53,
  standingKneeHeight: 0.285,
  standingAnkleHeight: 0.039,
  /** lying on the back: shoulder joints above the floor */
  lyingShoulderHeight: 0.045,
  /** lying on the back: hip joints above the floor */
  lyingHipHeight: 0.05,
  /** kneeling: knee joint above the floor */
  kneelingKneeHeight: 0.03,
  /** wrist joint to palm centre (0.4 × hand) */
  wristToPalm: 0.043,
} as const

/** Name of one entry of BODY_FRACTIONS. */
export type BodyFraction = keyof typeof BODY_FRACTIONS

/** A controller grip is the fist centre, this far (m) from the surface the fist rests on and from the palm. */
export const GRIP_TO_PALM_M = 0.045
/** A tracked wrist sits this far (m) above the surface the hand rests on. */
export const WRIST_ABOVE_SURFACE_M = 0.02
/** A headset sticks out this far (m) ahead of the eyes. */
export const HEADSET_DEPTH_M = 0.09
/** Valid calibrated standing eye heights, metres (pose-trace spec). */
export const EYE_HEIGHT_RANGE_M = [0.5, 2.3] as const

/** Stature H in metres from the standing eye height in metres. */
export function statureFromEyeHeight(eyeHeightM: number): number {
  return eyeHeightM / BODY_FRACTIONS.standingEyeHeight
}

/** Standing eye height in metres from stature H in metres. */
export function eyeHeightFromStature(statureM: number): number {
  return statureM * BODY_FRACTIONS.standingEyeHeight
}

/** Whether a calibrated eye height is usable (finite and within 0.5–2.3 m). */
export function isValidEyeHeight(eyeHeightM: number): boolean {
  return (
    Number.isFinite(eyeHeightM) &&
    eyeHeightM >= EYE_HEIGHT_RANGE_M[0] &&
    eyeHeightM <= EYE_HEIGHT_RANGE_M[1]
  )
}

/** One user's body: stature and every BODY_FRACTIONS entry in metres. */
export type BodyModel = { readonly statureM: number; readonly eyeHeightM: number } & {
  readonly [K in BodyFraction]: number
}

/** The body model (all lengths in metres) for a standing eye height in metres. */
export function createBodyModel(eyeHeightM: number): BodyModel {
  const statureM = statureFromEyeHeight(eyeHeightM)
  const m = { statureM, eyeHeightM } as Record<string, number>
  for (const key of Object.keys(BODY_FRACTIONS) as BodyFraction[]) {
    m[key] = BODY_FRACTIONS[key] * statureM
  }
  return m as BodyModel
}

/** The body model for a stature H in metres. */
export function createBodyModelFromStature(statureM: number): BodyModel {
  return createBodyModel(eyeHeightFromStature(statureM))
}

/** Which hand a grip or wrist pose belongs to. */
export type Hand = 'left' | 'right'

/**
 * A point fixed in a tracked device's frame, seen in the frame its pose is in:
 * the device's position plus its rotation applied to `offset` (metres, x y z at
 * offset[0..2]). pose = [px,py,pz,qx,qy,qz,qw] at pose[po..], its quaternion
 * used as given (normalise it first). Writes to out[oo..oo+2]; allocation-free.
 */
export function devicePoint(
  out: NumArray,
  oo: number,
  pose: ArrayLike<number>,
  po: number,
  offset: ArrayLike<number>,
): void {
  rotateVecAt(out, oo, pose, po + 3, offset, 0)
  out[oo] = out[oo]! + pose[po]!
  out[oo + 1] = out[oo + 1]! + pose[po + 1]!
  out[oo + 2] = out[oo + 2]! + pose[po + 2]!
}

/** The palm centre in a controller's grip space: 0.045 m toward the palm, +X of the left grip, −X of the right. */
export const GRIP_PALM_OFFSET: { readonly left: Float64Array; readonly right: Float64Array } = {
  left: Float64Array.of(GRIP_TO_PALM_M, 0, 0),
  right: Float64Array.of(-GRIP_TO_PALM_M, 0, 0),
}

/** The palm centre in a tracked wrist joint's frame for stature H: 0.043 H along −Z, 0.02 m along −Y; into out[0..2]. */
export function wristPalmOffset(out: NumArray, statureM: number): void {
  out[0] = 0
  out[1] = -WRIST_ABOVE_SURFACE_M
  out[2] = -BODY_FRACTIONS.wristToPalm * statureM
}

/**
 * Palm centre from a controller grip pose [px,py,pz,qx,qy,qz,qw] at pose[po..]:
 * 0.045 m toward the palm, which is −X of the right grip space and +X of the left.
 * Writes the point to out[oo..oo+2].
 */
export function palmFromGrip(
  out: NumArray,
  oo: number,
  pose: ArrayLike<number>,
  po: number,
  hand: Hand,
): void {
  devicePoint(out, oo, pose, po, GRIP_PALM_OFFSET[hand])
}

/**
 * Palm centre from a tracked wrist joint pose at pose[po..]: 0.043 H along the
 * wrist's −Z plus 0.02 m along its −Y. Writes the point to out[oo..oo+2].
 */
export function palmFromWrist(
  out: NumArray,
  oo: number,
  pose: ArrayLike<number>,
  po: number,
  statureM: number,
): void {
  wristPalmOffset(_offset, statureM)
  devicePoint(out, oo, pose, po, _offset)
}

/** palmFromWrist's offset (written and read within one call). */
const _offset = new Float64Array(3)

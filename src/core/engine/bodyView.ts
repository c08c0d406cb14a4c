/**
 * What the engine sees of the body in one frame: the eye, the head's axes, the
 * face pitch, the body's forward line and right, and the palm centres (docs/product.md
 * "Body model": a grip or a wrist turned into the palm centre). Every direction
 * is the body's own, never a world axis. Filled in place each frame; the derived
 * distances (deriveView) are what the stretch rules read.
 *
 * Frame: WebXR local-floor (metres, +Y up, floor y = 0).
 */
import { devicePoint, GRIP_PALM_OFFSET, wristPalmOffset } from '../bodyModel.ts'
import { INPUT_HAND, type PoseFrame } from '../poseFrame.ts'
import { DEG, rotateVecAt } from '../vec.ts'
import { DOUBLE_FIELD } from './doubleField.ts'

/** What the engine sees of the body this frame (all metres / degrees, local-floor frame). */
export interface BodyView {
  /** stature H, metres */
  H: number
  /** eye centre (head pose position) */
  readonly eye: Float64Array
  /** the head's up axis (unit) */
  readonly up: Float64Array
  /** face direction above the horizontal, degrees (−90 face down) */
  pitchDeg: number
  /** the body's forward line: horizontal unit vector */
  readonly fwd: Float64Array
  /** the body's right: horizontal unit vector perpendicular to fwd */
  readonly right: Float64Array
  /** palm centres, left at [0..2], right at [3..5] */
  readonly palm: Float64Array
  /** 1 when the hand's palm is usable this frame (sensed, or held over under the tracking rules) */
  readonly palmOk: Uint8Array
  /** unit hand quaternions, left [0..3], right [4..7] (for the orientation-only measure) */
  readonly handQ: Float64Array
  /** 1 when the hand's orientation is real this frame */
  readonly handQOk: Uint8Array
  /** the palms' average over the last 0.5 s (cat-cow form; palmAverage.ts) */
  readonly palmAvg: Float64Array
  /** quantities derived once per frame by deriveView (indices D_*) */
  readonly derived: Float64Array
  /** the palm centre in a tracked wrist's frame for this body (bodyModel.wristPalmOffset) */
  readonly wristPalm: Float64Array
}

/** Index into BodyView.derived: the hands' midpoint x, y, z. */
export const D_MID = 0
/** Index into BodyView.derived: each palm's distance from the eyes (left, right), and the midpoint's. */
export const D_EYE_DIST = 3
/** See D_EYE_DIST. */
export const D_MID_EYE_DIST = 5
/** Index into BodyView.derived: horizontal distance ahead of the eyes along the forward line (left, right, mid). */
export const D_AHEAD = 6
/** Index into BodyView.derived: horizontal distance to the body's right of the eyes (left, right, mid). */
export const D_ACROSS = 9
/** Length of BodyView.derived. */
export const DERIVED_LENGTH = 12

/** Allocates a BodyView for a body of stature H (m). */
export function createBodyView(H: number): BodyView {
  const v: BodyView = {
    H,
    eye: new Float64Array(3),
    up: new Float64Array(3),
    pitchDeg: DOUBLE_FIELD, // see there
    fwd: new Float64Array(3),
    right: new Float64Array(3),
    palm: new Float64Array(6),
    palmOk: new Uint8Array(2),
    handQ: new Float64Array(8),
    handQOk: new Uint8Array(2),
    palmAvg: new Float64Array(6),
    derived: new Float64Array(DERIVED_LENGTH),
    wristPalm: new Float64Array(3),
  }
  v.pitchDeg = 0
  wristPalmOffset(v.wristPalm, H)
  return v
}

// Scratch: a pose with its quaternion normalised, and the head's face direction.
// viewHead and viewHand run to completion before anything else touches them.
const _pose = new Float64Array(7)
const _face = new Float64Array(3)
const UP = Float64Array.of(0, 1, 0)
const FORWARD = Float64Array.of(0, 0, -1)

/** Copies pose i of the frame into _pose with its quaternion normalised. */
function loadPose(frame: PoseFrame, i: number): void {
  const p = frame.poses
  const o = i * 7
  for (let k = 0; k < 7; k++) _pose[k] = p[o + k]!
  const l = Math.sqrt(_pose[3]! ** 2 + _pose[4]! ** 2 + _pose[5]! ** 2 + _pose[6]! ** 2)
  _pose[3] = _pose[3]! / l
  _pose[4] = _pose[4]! / l
  _pose[5] = _pose[5]! / l
  _pose[6] = _pose[6]! / l
}

/** Fills the head part of the view from the frame's head pose: eye, up axis, face pitch, forward line and body right. */
export function viewHead(v: BodyView, frame: PoseFrame): void {
  loadPose(frame, 0)
  v.eye[0] = _pose[0]!
  v.eye[1] = _pose[1]!
  v.eye[2] = _pose[2]!
  rotateVecAt(v.up, 0, _pose, 3, UP, 0)
  rotateVecAt(_face, 0, _pose, 3, FORWARD, 0)
  const fy = _face[1]!
  v.pitchDeg = Math.asin(fy > 1 ? 1 : fy < -1 ? -1 : fy) / DEG
  // Forward line: face direction on the floor; face down, the crown direction agrees
  // and is added for stability; face up (lying), the crown direction alone.
  let fx: number
  let fz: number
  if (v.pitchDeg >= 30) {
    fx = v.up[0]!
    fz = v.up[2]!
  } else if (v.pitchDeg <= 0) {
    fx = _face[0]! + v.up[0]!
    fz = _face[2]! + v.up[2]!
  } else {
    fx = _face[0]!
    fz = _face[2]!
  }
  let l = Math.sqrt(fx * fx + fz * fz)
  if (!(l > 1e-9)) {
    fx = 0
    fz = -1
    l = 1
  }
  fx /= l
  fz /= l
  v.fwd[0] = fx
  v.fwd[1] = 0
  v.fwd[2] = fz
  // Body right = forward × up; mirrored when lying face up.
  const mirror = v.pitchDeg >= 30 ? -1 : 1
  v.right[0] = -fz * mirror
  v.right[1] = 0
  v.right[2] = fx * mirror
}

/** Palm centre of hand h (0 left, 1 right) of the frame into v.palm; its unit orientation into v.handQ. */
export function viewHand(v: BodyView, frame: PoseFrame, h: number): void {
  loadPose(frame, 1 + h)
  const offset =
    frame.input[h] === INPUT_HAND
      ? v.wristPalm
      : h === 0
        ? GRIP_PALM_OFFSET.left
        : GRIP_PALM_OFFSET.right
  devicePoint(v.palm, h * 3, _pose, 0, offset)
  for (let k = 0; k < 4; k++) v.handQ[h * 4 + k] = _pose[3 + k]!
}

/**
 * Fills v.derived from the eye, palms and body axes. Everything passes through
 * typed arrays: no double crosses a call boundary, so nothing is boxed per frame.
 */
export function deriveView(v: BodyView): void {
  const d = v.derived
  const ex = v.eye[0]!
  const ey = v.eye[1]!
  const ez = v.eye[2]!
  const fx = v.fwd[0]!
  const fz = v.fwd[2]!
  const rx = v.right[0]!
  const rz = v.right[2]!
  d[D_MID] = (v.palm[0]! + v.palm[3]!) / 2
  d[D_MID + 1] = (v.palm[1]! + v.palm[4]!) / 2
  d[D_MID + 2] = (v.palm[2]! + v.palm[5]!) / 2
  for (let h = 0; h < 3; h++) {
    const px = h < 2 ? v.palm[h * 3]! : d[D_MID]!
    const py = h < 2 ? v.palm[h * 3 + 1]! : d[D_MID + 1]!
    const pz = h < 2 ? v.palm[h * 3 + 2]! : d[D_MID + 2]!
    const dx = px - ex
    const dy = py - ey
    const dz = pz - ez
    d[D_EYE_DIST + h] = Math.sqrt(dx * dx + dy * dy + dz * dz)
    d[D_AHEAD + h] = dx * fx + dz * fz
    d[D_ACROSS + h] = dx * rx + dz * rz
  }
}

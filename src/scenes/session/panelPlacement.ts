/**
 * Where the coaching panel floats, from the head pose alone (local-floor
 * metres): standing or kneeling, ahead and to the left at eye level; face down
 * (child's pose), low on the floor ahead, where the eyes already look; lying on
 * the back, above the face and a little toward the crown, so it is read without
 * lifting the head. Pure math over the PoseFrame's numbers, allocation-free.
 */
import { POSE_HEAD, POSE_STRIDE } from '../../core/poseFrame.ts'

/** Distance ahead of the eyes, standing (m). */
export const PANEL_AHEAD_M = 0.9
/** Offset to the left of the gaze, standing (m): the coach stands in front. */
export const PANEL_LEFT_M = 0.35
/** Height above the face when lying on the back (m). */
export const PANEL_ABOVE_LYING_M = 0.75
/** Face pitch (rad) above which the user looks up (lying), below whose negative they look down. */
export const PITCH_UP_RAD = (35 * Math.PI) / 180
/** See PITCH_UP_RAD. */
export const PITCH_DOWN_RAD = (-40 * Math.PI) / 180

// Scratch: the head's forward (−Z) and up (+Y) axes in the world; filled and
// read within one call, so one copy serves every caller.
const _fwd = new Float64Array(3)
const _up = new Float64Array(3)

function rotateAxis(
  out: Float64Array,
  qx: number,
  qy: number,
  qz: number,
  qw: number,
  vx: number,
  vy: number,
  vz: number,
): void {
  // v' = v + 2w (q × v) + 2 q × (q × v)
  const cx = qy * vz - qz * vy
  const cy = qz * vx - qx * vz
  const cz = qx * vy - qy * vx
  const ddx = qy * cz - qz * cy
  const ddy = qz * cx - qx * cz
  const ddz = qx * cy - qy * cx
  out[0] = vx + 2 * (qw * cx + ddx)
  out[1] = vy + 2 * (qw * cy + ddy)
  out[2] = vz + 2 * (qw * cz + ddz)
}

/**
 * Writes the panel's target position into `target` (x, y, z) from the head
 * pose at `poses[POSE_HEAD]`; false (target untouched) when the head is not
 * tracked or not finite.
 */
export function readPanelTarget(
  target: Float64Array,
  poses: Float64Array,
  headTracked: boolean,
): boolean {
  if (!headTracked) return false
  const o = POSE_HEAD * POSE_STRIDE
  const px = poses[o]!
  const py = poses[o + 1]!
  const pz = poses[o + 2]!
  const qx = poses[o + 3]!
  const qy = poses[o + 4]!
  const qz = poses[o + 5]!
  const qw = poses[o + 6]!
  const n = Math.hypot(qx, qy, qz, qw)
  if (!(n > 0.5) || !Number.isFinite(px + py + pz + n)) return false
  rotateAxis(_fwd, qx / n, qy / n, qz / n, qw / n, 0, 0, -1)
  rotateAxis(_up, qx / n, qy / n, qz / n, qw / n, 0, 1, 0)
  const pitch = Math.asin(Math.max(-1, Math.min(1, _fwd[1]!)))
  // The body's forward line on the floor: the gaze, or, face down or face up, the head's up axis (toward the crown).
  let fx = _fwd[0]!
  let fz = _fwd[2]!
  if (pitch > PITCH_UP_RAD || pitch < PITCH_DOWN_RAD) {
    fx = _up[0]!
    fz = _up[2]!
  }
  const len = Math.hypot(fx, fz)
  if (len < 1e-6) {
    fx = 0
    fz = -1
  } else {
    fx /= len
    fz /= len
  }
  if (pitch > PITCH_UP_RAD) {
    target[0] = px + fx * 0.25
    target[1] = py + PANEL_ABOVE_LYING_M
    target[2] = pz + fz * 0.25
  } else if (pitch < PITCH_DOWN_RAD) {
    target[0] = px + fx * 0.55
    target[1] = Math.max(0.12, py - 0.15)
    target[2] = pz + fz * 0.55
  } else {
    // left of the gaze = forward × up, on the floor: (fz, −fx) rotated: left = (fz, 0, −fx)
    target[0] = px + fx * PANEL_AHEAD_M + fz * PANEL_LEFT_M
    target[1] = py
    target[2] = pz + fz * PANEL_AHEAD_M - fx * PANEL_LEFT_M
  }
  return true
}

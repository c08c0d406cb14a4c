/**
 * Where the coach goes in the headset (PRODUCT.md, Safety): a pure function of
 * the user's head pose (WebXR viewer pose in local-floor, metres) and the
 * stretch's posture. Standing, kneeling or seated: on the floor 1.5–2 m away,
 * beside the user's line of sight, turned to face them. Lying on the back: the
 * coach and its mat float above and beside the line of sight, seen in profile
 * and tilted 30° toward the user (a coach on the floor cannot be seen from it).
 * Allocation-free.
 */
import { rotateVec } from '../vec.ts'
import type { Posture } from '../stretches.ts'
import type { FloorPlacement } from './kinematics.ts'

/** The coach's frame in the world: origin, rotation (coach frame → world) and what to show. */
export interface CoachPlacement {
  /** origin of the coach frame (its mat centre), world metres */
  readonly position: Float64Array
  /** rotation of the coach frame, quaternion [x, y, z, w]; the coach frame's +Y is its floor's normal */
  readonly quaternion: Float64Array
  /** the same as a floor placement when the coach stands on the real floor (not lying) */
  readonly floor: FloorPlacement
  /** where the captions panel goes, world metres; it faces the user */
  readonly captionPosition: Float64Array
  /** true when the coach floats above the line of sight (stretches on the back) */
  lying: boolean
  /** true when the avatar should show the mirror image (the other side's keyframes) */
  mirror: boolean
}

/** Options of placeCoach. */
export interface PlacementOptions {
  /** distance from the user, metres, clamped to 1.5–2 (default 1.75) */
  distanceM?: number
  /** which side of the line of sight: the user's 'right' (default) or 'left' */
  side?: 'left' | 'right'
  /** show the mirror image, so the coach's left moves like the user's right */
  mirror?: boolean
}

/** Angle off the line of sight at which the coach stands, degrees. */
export const BESIDE_DEG = 40
/** Tilt of a floating (lying) coach's mat toward the user, degrees. */
export const LYING_TILT_DEG = 30

/** Allocates a placement. */
export function createCoachPlacement(): CoachPlacement {
  return {
    position: new Float64Array(3),
    quaternion: new Float64Array([0, 0, 0, 1]),
    floor: { x: 0, z: 0, yawRad: 0 },
    captionPosition: new Float64Array(3),
    lying: false,
    mirror: false,
  }
}

const _f = new Float64Array(3)
const _u = new Float64Array(3)
const _r = new Float64Array(3)
const _m = new Float64Array(9)

/**
 * Places the coach for a head pose `head` = [px,py,pz,qx,qy,qz,qw] (viewer, local-floor)
 * and a posture. Returns false, leaving `out` unchanged, for a non-finite or degenerate pose.
 */
export function placeCoach(
  out: CoachPlacement,
  head: ArrayLike<number>,
  posture: Posture,
  options?: PlacementOptions,
): boolean {
  for (let i = 0; i < 7; i++) if (!Number.isFinite(head[i])) return false
  const ql = Math.hypot(head[3]!, head[4]!, head[5]!, head[6]!)
  if (ql < 0.5 || ql > 1.5) return false
  const dist = Math.min(2, Math.max(1.5, options?.distanceM ?? 1.75))
  const sideSign = options?.side === 'left' ? -1 : 1
  rotateVec(_f, 0, head, 3, 0, 0, -1 / ql) // face
  rotateVec(_u, 0, head, 3, 0, 1 / ql, 0) // head up
  rotateVec(_r, 0, head, 3, 1 / ql, 0, 0) // user's right
  out.mirror = options?.mirror === true
  const px = head[0]!
  const py = head[1]!
  const pz = head[2]!
  if (posture !== 'lying') {
    // forward on the floor: the face, or (face down/up) the head's up axis
    let fx = _f[0]!
    let fz = _f[2]!
    if (Math.hypot(fx, fz) < 0.35) {
      fx = _u[0]!
      fz = _u[2]!
    }
    let l = Math.hypot(fx, fz)
    if (l < 1e-6) return false
    fx /= l
    fz /= l
    // the user's right on the floor: forward turned −90° about +Y
    const rx = -fz
    const rz = fx
    const a = (BESIDE_DEG * Math.PI) / 180
    let dx = fx * Math.cos(a) + sideSign * rx * Math.sin(a)
    let dz = fz * Math.cos(a) + sideSign * rz * Math.sin(a)
    l = Math.hypot(dx, dz)
    dx /= l
    dz /= l
    const x = px + dx * dist
    const z = pz + dz * dist
    // the coach's +Z points back at the user
    const yaw = Math.atan2(-dx, -dz)
    out.floor.x = x
    out.floor.z = z
    out.floor.yawRad = yaw
    out.position[0] = x
    out.position[1] = 0
    out.position[2] = z
    out.quaternion[0] = 0
    out.quaternion[1] = Math.sin(yaw / 2)
    out.quaternion[2] = 0
    out.quaternion[3] = Math.cos(yaw / 2)
    out.captionPosition[0] = x
    // above the coach's head: the coach is about as tall as the user, and down when the user is
    out.captionPosition[1] = Math.max(1, py + 0.35)
    out.captionPosition[2] = z
    out.lying = false
    return true
  }
  // Lying: the display centre lies along the gaze turned BESIDE_DEG toward the chosen side.
  const a = (BESIDE_DEG * Math.PI) / 180
  let vx = _f[0]! * Math.cos(a) + sideSign * _r[0]! * Math.sin(a)
  let vy = _f[1]! * Math.cos(a) + sideSign * _r[1]! * Math.sin(a)
  let vz = _f[2]! * Math.cos(a) + sideSign * _r[2]! * Math.sin(a)
  let l = Math.hypot(vx, vy, vz)
  vx /= l
  vy /= l
  vz /= l
  const cx = px + vx * dist
  const cy = Math.max(py + 0.3, py + vy * dist)
  const cz = pz + vz * dist
  // toward the user from the display centre
  let tx = px - cx
  let ty = py - cy
  let tz = pz - cz
  l = Math.hypot(tx, ty, tz)
  tx /= l
  ty /= l
  tz /= l
  // the coach's floor normal: the user's screen-up (head up, made perpendicular to the view), tilted toward the user
  const d = _u[0]! * tx + _u[1]! * ty + _u[2]! * tz
  let sx = _u[0]! - d * tx
  let sy = _u[1]! - d * ty
  let sz = _u[2]! - d * tz
  l = Math.hypot(sx, sy, sz)
  if (l < 1e-6) return false
  sx /= l
  sy /= l
  sz /= l
  const t = (LYING_TILT_DEG * Math.PI) / 180
  let ny = sy * Math.cos(t) + ty * Math.sin(t)
  let nx = sx * Math.cos(t) + tx * Math.sin(t)
  let nz = sz * Math.cos(t) + tz * Math.sin(t)
  l = Math.hypot(nx, ny, nz)
  nx /= l
  ny /= l
  nz /= l
  // the coach's +Z (toward its feet when lying) runs across the view: the user's right, made perpendicular to the normal
  const e = _r[0]! * nx + _r[1]! * ny + _r[2]! * nz
  let zx = _r[0]! - e * nx
  let zy = _r[1]! - e * ny
  let zz = _r[2]! - e * nz
  l = Math.hypot(zx, zy, zz)
  if (l < 1e-6) return false
  zx /= l
  zy /= l
  zz /= l
  // X = Y × Z
  const xx = ny * zz - nz * zy
  const xy = nz * zx - nx * zz
  const xz = nx * zy - ny * zx
  _m[0] = xx
  _m[1] = xy
  _m[2] = xz
  _m[3] = nx
  _m[4] = ny
  _m[5] = nz
  _m[6] = zx
  _m[7] = zy
  _m[8] = zz
  quatFromAxes(out.quaternion, _m)
  out.position[0] = cx
  out.position[1] = cy
  out.position[2] = cz
  out.floor.x = cx
  out.floor.z = cz
  out.floor.yawRad = Math.atan2(zx, zz)
  // the caption sits just below the coach in the user's view (toward screen-down), clear of its body
  out.captionPosition[0] = cx - sx * 0.6 + tx * 0.15
  out.captionPosition[1] = cy - sy * 0.6 + ty * 0.15
  out.captionPosition[2] = cz - sz * 0.6 + tz * 0.15
  out.lying = true
  return true
}

/** Quaternion of the rotation whose columns are m[0..2], m[3..5], m[6..8] (orthonormal). */
function quatFromAxes(q: Float64Array, m: Float64Array): void {
  const m00 = m[0]!
  const m10 = m[1]!
  const m20 = m[2]!
  const m01 = m[3]!
  const m11 = m[4]!
  const m21 = m[5]!
  const m02 = m[6]!
  const m12 = m[7]!
  const m22 = m[8]!
  const tr = m00 + m11 + m22
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2
    q[0] = (m21 - m12) / s
    q[1] = (m02 - m20) / s
    q[2] = (m10 - m01) / s
    q[3] = s / 4
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2
    q[0] = s / 4
    q[1] = (m01 + m10) / s
    q[2] = (m02 + m20) / s
    q[3] = (m21 - m12) / s
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2
    q[0] = (m01 + m10) / s
    q[1] = s / 4
    q[2] = (m12 + m21) / s
    q[3] = (m02 - m20) / s
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2
    q[0] = (m02 + m20) / s
    q[1] = (m12 + m21) / s
    q[2] = s / 4
    q[3] = (m10 - m01) / s
  }
}

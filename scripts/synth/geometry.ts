/**
 * Small vector helpers for the generator (allocation is fine here: the
 * generator is test tooling, not per-frame app code) and the inverse of
 * bodyModel's palmFromGrip / palmFromWrist: the device pose that puts the palm
 * centre where a posture wants it.
 */
import { GRIP_TO_PALM_M, WRIST_ABOVE_SURFACE_M, BODY_FRACTIONS } from '../../src/core/bodyModel.ts'

export type Vec3 = [number, number, number]
export type Quat = [number, number, number, number]

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
export const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k]
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
]
export const norm = (a: Vec3): number => Math.sqrt(dot(a, a))
export const normalize = (a: Vec3): Vec3 => scale(a, 1 / norm(a))
export const lerp = (a: number, b: number, u: number): number => a + (b - a) * u
export const lerp3 = (a: Vec3, b: Vec3, u: number): Vec3 => [
  lerp(a[0], b[0], u),
  lerp(a[1], b[1], u),
  lerp(a[2], b[2], u),
]
export const DEG = Math.PI / 180

/** Rotates v about the unit axis k by angleRad (Rodrigues). */
export function rotateAbout(v: Vec3, k: Vec3, angleRad: number): Vec3 {
  const c = Math.cos(angleRad)
  const s = Math.sin(angleRad)
  const kxv = cross(k, v)
  const kdv = dot(k, v)
  return [
    v[0] * c + kxv[0] * s + k[0] * kdv * (1 - c),
    v[1] * c + kxv[1] * s + k[1] * kdv * (1 - c),
    v[2] * c + kxv[2] * s + k[2] * kdv * (1 - c),
  ]
}

/** Unit quaternion [x,y,z,w] of the rotation whose columns are the orthonormal axes x, y, z. */
export function quatFromBasis(x: Vec3, y: Vec3, z: Vec3): Quat {
  const m00 = x[0],
    m10 = x[1],
    m20 = x[2]
  const m01 = y[0],
    m11 = y[1],
    m21 = y[2]
  const m02 = z[0],
    m12 = z[1],
    m22 = z[2]
  const tr = m00 + m11 + m22
  let q: Quat
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2
    q = [(m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s, 0.25 * s]
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2
    q = [0.25 * s, (m01 + m10) / s, (m02 + m20) / s, (m21 - m12) / s]
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2
    q = [(m01 + m10) / s, 0.25 * s, (m12 + m21) / s, (m02 - m20) / s]
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2
    q = [(m02 + m20) / s, (m12 + m21) / s, 0.25 * s, (m10 - m01) / s]
  }
  const n = Math.hypot(q[0], q[1], q[2], q[3])
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n]
}

/** Hamilton product a·b. */
export function quatMul(a: Quat, b: Quat): Quat {
  return [
    a[0] * b[3] + a[3] * b[0] + a[1] * b[2] - a[2] * b[1],
    a[1] * b[3] + a[3] * b[1] + a[2] * b[0] - a[0] * b[2],
    a[2] * b[3] + a[3] * b[2] + a[0] * b[1] - a[1] * b[0],
    a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
  ]
}

/** Quaternion of a small rotation vector (radians), exact axis-angle. */
export function quatFromRotVec(w: Vec3): Quat {
  const a = norm(w)
  if (a < 1e-15) return [0, 0, 0, 1]
  const s = Math.sin(a / 2) / a
  return [w[0] * s, w[1] * s, w[2] * s, Math.cos(a / 2)]
}

/** Rotates v by the unit quaternion q. */
export function quatRotate(q: Quat, v: Vec3): Vec3 {
  const [qx, qy, qz, qw] = q
  const tx = 2 * (qy * v[2] - qz * v[1])
  const ty = 2 * (qz * v[0] - qx * v[2])
  const tz = 2 * (qx * v[1] - qy * v[0])
  return [
    v[0] + qw * tx + (qy * tz - qz * ty),
    v[1] + qw * ty + (qz * tx - qx * tz),
    v[2] + qw * tz + (qx * ty - qy * tx),
  ]
}

/** Makes b orthogonal to the unit vector a and unit length (Gram–Schmidt). */
export function orthonormalTo(b: Vec3, a: Vec3): Vec3 {
  return normalize(sub(b, scale(a, dot(a, b))))
}

/**
 * Head orientation from the face direction f (the head's −Z) and up axis u (+Y).
 */
export function headQuat(face: Vec3, up: Vec3): Quat {
  const z = scale(face, -1)
  const x = cross(up, z)
  return quatFromBasis(x, up, z)
}

/**
 * The controller grip pose that puts the palm centre at `palm` with the palm
 * facing `normal` and the controller pointing along `finger` (⊥ normal):
 * the inverse of palmFromGrip (palm = grip + 0.045 m along +X left / −X right).
 */
export function gripFromPalm(
  palm: Vec3,
  normal: Vec3,
  finger: Vec3,
  hand: 'left' | 'right',
): { p: Vec3; q: Quat } {
  const x = hand === 'left' ? normal : scale(normal, -1)
  const z = scale(finger, -1)
  const y = cross(z, x)
  return { p: sub(palm, scale(normal, GRIP_TO_PALM_M)), q: quatFromBasis(x, y, z) }
}

/**
 * The tracked wrist joint pose for a palm centre: the inverse of palmFromWrist
 * (palm = wrist + 0.043 H along the wrist's −Z + 0.02 m along its −Y); the
 * joint's −Z points to the fingers and its −Y out of the palm.
 */
export function wristFromPalm(
  palm: Vec3,
  normal: Vec3,
  finger: Vec3,
  statureM: number,
): { p: Vec3; q: Quat } {
  const y = scale(normal, -1)
  const z = scale(finger, -1)
  const x = cross(y, z)
  const p = sub(
    sub(palm, scale(normal, WRIST_ABOVE_SURFACE_M)),
    scale(finger, BODY_FRACTIONS.wristToPalm * statureM),
  )
  return { p, q: quatFromBasis(x, y, z) }
}

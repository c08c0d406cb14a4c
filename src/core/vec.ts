/**
 * Allocation-free vector and quaternion helpers over plain number arrays
 * (Float64Array or number[]), addressed by offset so pose buffers can be read in
 * place. Quaternions are [x, y, z, w]; everything right-handed, metres.
 */

/** A writable array of numbers: a typed array or a plain array. */
export type NumArray = { [index: number]: number; readonly length: number }

/** Rotates vector (vx, vy, vz) by the unit quaternion at q[qo..qo+3]; writes to out[oo..oo+2]. */
export function rotateVec(
  out: NumArray,
  oo: number,
  q: ArrayLike<number>,
  qo: number,
  vx: number,
  vy: number,
  vz: number,
): void {
  _rv[0] = vx
  _rv[1] = vy
  _rv[2] = vz
  rotateVecAt(out, oo, q, qo, _rv, 0)
}

/** rotateVec's input vector (written and read within one call) */
const _rv = new Float64Array(3)

/**
 * Rotates the vector at v[vo..vo+2] by the unit quaternion at q[qo..qo+3] into
 * out[oo..oo+2]. Takes no floating-point arguments, so per-frame callers box
 * nothing even when V8 does not inline the call. `out` may alias `v`.
 */
export function rotateVecAt(
  out: NumArray,
  oo: number,
  q: ArrayLike<number>,
  qo: number,
  v: ArrayLike<number>,
  vo: number,
): void {
  const vx = v[vo]!
  const vy = v[vo + 1]!
  const vz = v[vo + 2]!
  const qx = q[qo]!
  const qy = q[qo + 1]!
  const qz = q[qo + 2]!
  const qw = q[qo + 3]!
  // t = 2 q_vec × v ; v' = v + w t + q_vec × t  (no temporaries)
  const tx = 2 * (qy * vz - qz * vy)
  const ty = 2 * (qz * vx - qx * vz)
  const tz = 2 * (qx * vy - qy * vx)
  out[oo] = vx + qw * tx + (qy * tz - qz * ty)
  out[oo + 1] = vy + qw * ty + (qz * tx - qx * tz)
  out[oo + 2] = vz + qw * tz + (qx * ty - qy * tx)
}

/** Euclidean length of (x, y, z). */
export function len3(x: number, y: number, z: number): number {
  return Math.sqrt(x * x + y * y + z * z)
}

/** Distance between the points at a[ao..] and b[bo..]. */
export function dist3(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number): number {
  return len3(a[ao]! - b[bo]!, a[ao + 1]! - b[bo + 1]!, a[ao + 2]! - b[bo + 2]!)
}

/** Length of the quaternion at q[qo..qo+3]. */
export function quatLength(q: ArrayLike<number>, qo: number): number {
  const x = q[qo]!
  const y = q[qo + 1]!
  const z = q[qo + 2]!
  const w = q[qo + 3]!
  return Math.sqrt(x * x + y * y + z * z + w * w)
}

/** Multiplies quaternions a·b into out (out may alias a or b). */
export function quatMultiply(
  out: NumArray,
  oo: number,
  a: ArrayLike<number>,
  ao: number,
  b: ArrayLike<number>,
  bo: number,
): void {
  const ax = a[ao]!
  const ay = a[ao + 1]!
  const az = a[ao + 2]!
  const aw = a[ao + 3]!
  const bx = b[bo]!
  const by = b[bo + 1]!
  const bz = b[bo + 2]!
  const bw = b[bo + 3]!
  out[oo] = ax * bw + aw * bx + ay * bz - az * by
  out[oo + 1] = ay * bw + aw * by + az * bx - ax * bz
  out[oo + 2] = az * bw + aw * bz + ax * by - ay * bx
  out[oo + 3] = aw * bw - ax * bx - ay * by - az * bz
}

/** Writes the quaternion of a rotation by angleRad about the unit axis (ax, ay, az). */
export function quatFromAxisAngle(
  out: NumArray,
  oo: number,
  ax: number,
  ay: number,
  az: number,
  angleRad: number,
): void {
  const s = Math.sin(angleRad / 2)
  out[oo] = ax * s
  out[oo + 1] = ay * s
  out[oo + 2] = az * s
  out[oo + 3] = Math.cos(angleRad / 2)
}

/** Degrees to radians. */
export const DEG = Math.PI / 180

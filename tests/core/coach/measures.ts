/**
 * Independent measures of docs/product.md, computed the way the engine sees a user:
 * from the eye (viewer) pose and the palm centres that palmFromGrip gives for
 * the FK grip poses. Written from docs/product.md's definitions, not from the
 * keyframe code. Units: fractions of H and degrees.
 */
import { palmFromGrip } from '../../../src/core/bodyModel.ts'
import type { CoachFK } from '../../../src/core/coach/fk.ts'

export type V = [number, number, number]

function rot(q: ArrayLike<number>, o: number, v: V): V {
  const [x, y, z] = v
  const qx = q[o]!,
    qy = q[o + 1]!,
    qz = q[o + 2]!,
    qw = q[o + 3]!
  const tx = 2 * (qy * z - qz * y)
  const ty = 2 * (qz * x - qx * z)
  const tz = 2 * (qx * y - qy * x)
  return [
    x + qw * tx + (qy * tz - qz * ty),
    y + qw * ty + (qz * tx - qx * tz),
    z + qw * tz + (qx * ty - qy * tx),
  ]
}
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
const dot = (a: V, b: V): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const len = (a: V): number => Math.hypot(a[0], a[1], a[2])
const flat = (a: V): V => {
  const l = Math.hypot(a[0], a[2])
  return [a[0] / l, 0, a[2] / l]
}
const DEG = 180 / Math.PI

/** Everything a measure needs from one FK solve. */
export interface Seen {
  H: number
  eye: V
  face: V
  headUp: V
  /** the user's right, from the viewer's +X */
  right: V
  palmL: V
  palmR: V
  mid: V
  /** the left grip's back-of-hand direction (+Y of the wrist space) */
  backL: V
  wristQL: [number, number, number, number]
}

/** Reads an FK result the way the engine would see it (palms through palmFromGrip). */
export function see(fk: CoachFK): Seen {
  const e = fk.eye
  const pl = new Float64Array(3)
  const pr = new Float64Array(3)
  palmFromGrip(pl, 0, fk.grip, 0, 'left')
  palmFromGrip(pr, 0, fk.grip, 7, 'right')
  const palmL: V = [pl[0]!, pl[1]!, pl[2]!]
  const palmR: V = [pr[0]!, pr[1]!, pr[2]!]
  return {
    H: fk.statureM,
    eye: [e[0]!, e[1]!, e[2]!],
    face: rot(e, 3, [0, 0, -1]),
    headUp: rot(e, 3, [0, 1, 0]),
    right: rot(e, 3, [1, 0, 0]),
    palmL,
    palmR,
    mid: [(palmL[0] + palmR[0]) / 2, (palmL[1] + palmR[1]) / 2, (palmL[2] + palmR[2]) / 2],
    backL: rot(fk.wrist, 3, [0, 1, 0]),
    wristQL: [fk.wrist[3]!, fk.wrist[4]!, fk.wrist[5]!, fk.wrist[6]!],
  }
}

/** Face pitch: degrees of the face direction above the horizontal. */
export const facePitch = (s: Seen): number => Math.asin(Math.max(-1, Math.min(1, s.face[1]))) * DEG
/** Eye height, fractions of H. */
export const eyeH = (s: Seen): number => s.eye[1] / s.H
/** The body's forward line: the face on the floor, or (face down or up, |pitch| > 60°) the head's up axis. */
export function forward(s: Seen): V {
  return Math.abs(facePitch(s)) > 60 ? flat(s.headUp) : flat(s.face)
}
/** The body's left on the floor: perpendicular to the forward line, on the viewer's −X side. */
export function leftward(s: Seen): V {
  const f = forward(s)
  // the horizontal perpendicular, signed by the viewer's −X (a turned head does not change it)
  const l: V = [f[2], 0, -f[0]]
  return -(s.right[0] * l[0] + s.right[2] * l[2]) >= 0 ? l : [-l[0], 0, -l[2]]
}
/** Distance of point p ahead of the eyes along the forward line, fractions of H. */
export const aheadOfEyes = (s: Seen, p: V): number => dot(sub(p, s.eye), forward(s)) / s.H
/** Eye to point distance, fractions of H. */
export const eyeTo = (s: Seen, p: V): number => len(sub(p, s.eye)) / s.H
/** Height above the floor, fractions of H. */
export const heightH = (s: Seen, p: V): number => p[1] / s.H
/** Horizontal angle of p from the forward line seen from the eyes, + toward `side`. */
export function angleFromForward(s: Seen, p: V, side: 'left' | 'right'): number {
  const v = sub(p, s.eye)
  const f = forward(s)
  const l = leftward(s)
  const a = Math.atan2(dot(v, l), dot(v, f)) * DEG
  return side === 'left' ? a : -a
}
/** Angle of p about the midline (the head's up axis through the eyes, 0.05 H above the floor), + toward `side`. */
export function angleAboutMidline(s: Seen, p: V, side: 'left' | 'right'): number {
  const v = sub(p, [s.eye[0], 0.05 * s.H, s.eye[2]])
  const l = leftward(s)
  const a = Math.atan2(dot(v, l), v[1]) * DEG
  return side === 'left' ? a : -a
}
/** Lateral distance of p from the midline, fractions of H (+ toward the left). */
export function sidewaysFromMidline(s: Seen, p: V): number {
  return dot(sub(p, s.eye), leftward(s)) / s.H
}
/** Lying: eye ≤ 0.16 H and face pitch ≥ 30°. */
export const isLying = (s: Seen): boolean => eyeH(s) <= 0.16 && facePitch(s) >= 30
/**
 * Signed pitch (degrees) of the left wrist's rotation from `base` about the body's
 * side-to-side axis, + when the back of the hand turns toward the head.
 */
export function bellyHandPitch(base: Seen, s: Seen): number {
  const a = base.backL
  const b = s.backL
  const axis = base.right
  // project both back-of-hand directions onto the plane normal to the side axis
  const pa = sub(a, scaleV(axis, dot(a, axis)))
  const pb = sub(b, scaleV(axis, dot(b, axis)))
  const crossAB: V = [
    pa[1] * pb[2] - pa[2] * pb[1],
    pa[2] * pb[0] - pa[0] * pb[2],
    pa[0] * pb[1] - pa[1] * pb[0],
  ]
  const ang = Math.atan2(len(crossAB), dot(pa, pb)) * DEG
  // + when the back of the hand moved toward the head (the head's up axis)
  const towardHead = dot(sub(b, a), flat(base.headUp)) >= 0
  return towardHead ? ang : -ang
}
function scaleV(a: V, k: number): V {
  return [a[0] * k, a[1] * k, a[2] * k]
}

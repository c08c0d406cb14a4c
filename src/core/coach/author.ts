/**
 * Keyframe authoring: builds a CoachPose from world-space intent (trunk and
 * head orientations, hands and feet placed by two-bone IK, palm and sole
 * directions) and turns it into rotations relative to the rest pose. Runs once
 * at module load, never per frame. Lengths in fractions of H; the hand's
 * absolute offsets use the reference stature, then the pose is set on the
 * floor (its lowest surface point at y = 0).
 */
import { BODY_FRACTIONS as F } from '../bodyModel.ts'
import { createCoachFK, lowestSurface, ORIGIN_PLACEMENT, solvePose } from './kinematics.ts'
import { createPose, type CoachPose } from './pose.ts'
import {
  BONE,
  BONE_COUNT,
  BONE_PARENT,
  BONE_REST_OFFSET,
  PALM_IN_HAND_H,
  PALM_OUT_OF_WRIST_M,
  type BoneName,
} from './skeleton.ts'

/** Stature used to author keyframes (m): where the hand's absolute offsets are turned into H. */
export const AUTHOR_STATURE_M = 1.75

/** A 3-vector. */
export type V3 = [number, number, number]
type Q = [number, number, number, number]

const D2R = Math.PI / 180

/** Unit direction from azimuth (degrees from +Z toward +X, the coach's left) and elevation (degrees up). */
export function dir(azDeg: number, elDeg: number): V3 {
  const a = azDeg * D2R
  const e = elDeg * D2R
  return [Math.sin(a) * Math.cos(e), Math.sin(e), Math.cos(a) * Math.cos(e)]
}

/** a + b */
export function add(a: V3, b: V3): V3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}
/** a − b */
export function sub(a: V3, b: V3): V3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}
/** a · s */
export function scale(a: V3, s: number): V3 {
  return [a[0] * s, a[1] * s, a[2] * s]
}
/** a · b */
export function dot(a: V3, b: V3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}
/** a × b */
export function cross(a: V3, b: V3): V3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}
/** a / |a| */
export function norm(a: V3): V3 {
  const l = Math.hypot(a[0], a[1], a[2])
  return l > 1e-12 ? scale(a, 1 / l) : [0, 0, 0]
}
function dist3(a: V3, b: V3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])
}
/** Component of b perpendicular to unit a, normalised (falls back to any perpendicular). */
function perp(a: V3, b: V3): V3 {
  const p = sub(b, scale(a, dot(a, b)))
  if (Math.hypot(p[0], p[1], p[2]) > 1e-6) return norm(p)
  return norm(cross(a, Math.abs(a[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0]))
}

function qMul(a: Q, b: Q): Q {
  return [
    a[0] * b[3] + a[3] * b[0] + a[1] * b[2] - a[2] * b[1],
    a[1] * b[3] + a[3] * b[1] + a[2] * b[0] - a[0] * b[2],
    a[2] * b[3] + a[3] * b[2] + a[0] * b[1] - a[1] * b[0],
    a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
  ]
}
function qConj(a: Q): Q {
  return [-a[0], -a[1], -a[2], a[3]]
}
function qRot(q: Q, v: V3): V3 {
  const r = qMul(qMul(q, [v[0], v[1], v[2], 0]), qConj(q))
  return [r[0], r[1], r[2]]
}
function qAxis(ax: V3, deg: number): Q {
  const h = (deg * D2R) / 2
  const s = Math.sin(h)
  return [ax[0] * s, ax[1] * s, ax[2] * s, Math.cos(h)]
}
/** Rotation whose columns are the orthonormal x, y, z axes. */
function qFromAxes(x: V3, y: V3, z: V3): Q {
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
  let q: Q
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2
    q = [(m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s, s / 4]
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2
    q = [s / 4, (m01 + m10) / s, (m02 + m20) / s, (m21 - m12) / s]
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2
    q = [(m01 + m10) / s, s / 4, (m12 + m21) / s, (m02 - m20) / s]
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2
    q = [(m02 + m20) / s, (m12 + m21) / s, s / 4, (m10 - m01) / s]
  }
  const l = Math.hypot(q[0], q[1], q[2], q[3])
  return [q[0] / l, q[1] / l, q[2] / l, q[3] / l]
}
/** Rotation taking the rest axes (a0 primary, b0 secondary) onto (a, b); b is made perpendicular to a. */
function qFrame(a0: V3, b0: V3, a: V3, b: V3): Q {
  const an = norm(a)
  const bn = perp(an, b)
  const m = qFromAxes(an, bn, cross(an, bn))
  const m0 = qFromAxes(a0, b0, cross(a0, b0))
  return qMul(m, qConj(m0))
}

/** World rotation from yaw (about +Y), pitch (about +X, + bends the top forward), roll (about +Z), twist (about the bone's own +Y), degrees. */
export function euler(yaw: number, pitch: number, roll = 0, twist = 0): Q {
  return qMul(
    qMul(qMul(qAxis([0, 1, 0], yaw), qAxis([1, 0, 0], pitch)), qAxis([0, 0, 1], roll)),
    qAxis([0, 1, 0], twist),
  )
}

/** Sine of the knee bend past which the bend itself sets which way the knee faces (about 10°). */
const KNEE_BENT_SIN = 0.17

const UP: V3 = [0, 1, 0]
const FWD: V3 = [0, 0, 1]
const DOWN: V3 = [0, -1, 0]
const M = 1 / AUTHOR_STATURE_M

/** Side of a limb: the pose is authored for the left side; the right is mirrored later. */
export type LimbSide = 'left' | 'right'

/**
 * Bones authored by their rotation relative to their parent (eyes, thumb,
 * fingers): they follow the head or hand as it is set, resting straight (eyes
 * ahead, fingers flat) unless a pose sets them.
 */
const LOCAL_BONES: ReadonlySet<number> = new Set([
  BONE.leftEye,
  BONE.rightEye,
  BONE.leftThumbProximal,
  BONE.leftIndexProximal,
  BONE.rightThumbProximal,
  BONE.rightIndexProximal,
])

/** How far the fingers (index bone, standing for all four) curl at a full grip, degrees. */
export const GRIP_FINGER_DEG = 95
/** How far the thumb swings under toward the fingers at a full grip, degrees. */
export const GRIP_THUMB_DEG = 60

/**
 * The local rotations of a hand's index and thumb bones curled by `amount`
 * (0 flat, 1 a full grip around a limb). Rest hand of the left side: along
 * +X, palm −Y, thumb +Z; the fingers curl about the hand's forward axis toward
 * the palm, the thumb swings about the hand's long axis under it. The right
 * side is the mirror (y and z of the quaternion negated).
 */
export function gripRotations(side: LimbSide, amount: number): { index: Q; thumb: Q } {
  const a = Math.min(1, Math.max(0, amount))
  const index = qAxis([0, 0, 1], -GRIP_FINGER_DEG * a)
  const thumb = qMul(qAxis([1, 0, 0], GRIP_THUMB_DEG * a), qAxis([0, 0, 1], -25 * a))
  if (side === 'left') return { index, thumb }
  return {
    index: [index[0], -index[1], -index[2], index[3]],
    thumb: [thumb[0], -thumb[1], -thumb[2], thumb[3]],
  }
}

/** Builds one pose from world-space intent; see the module comment. */
export class PoseBuilder {
  private readonly world: Q[] = []
  /** local rotations of the LOCAL_BONES that a pose set (others rest straight) */
  private readonly local = new Map<number, Q>()
  private hipsPos: V3 = [0, F.standingHipHeight, 0]
  /** Largest distance (H) by which an IK target was out of reach: 0 when every hand and foot landed. */
  reachError = 0

  constructor() {
    for (let i = 0; i < BONE_COUNT; i++) this.world.push([0, 0, 0, 1])
  }

  /** Places the hips (fractions of H, coach frame) with a world rotation. */
  hips(pos: V3, q: Q): this {
    this.hipsPos = pos
    this.setWorld('hips', q)
    for (const b of ['spine', 'chest', 'neck', 'head', 'leftShoulder', 'rightShoulder'] as const) {
      this.setWorld(b, q)
    }
    return this
  }

  /** Sets a bone's world rotation; its clavicles and head follow a chest or neck change until set. */
  rot(bone: BoneName, q: Q): this {
    this.setWorld(bone, q)
    if (bone === 'spine') this.rot('chest', q)
    else if (bone === 'chest') {
      this.setWorld('leftShoulder', q)
      this.setWorld('rightShoulder', q)
      this.rot('neck', q)
    } else if (bone === 'neck') this.setWorld('head', q)
    return this
  }

  /** World rotation of a bone as set so far. */
  worldRot(bone: BoneName): Q {
    const i = BONE[bone]
    if (LOCAL_BONES.has(i)) {
      return qMul(this.world[BONE_PARENT[i]!]!, this.local.get(i) ?? [0, 0, 0, 1])
    }
    return this.world[i]!
  }

  /**
   * Curls a hand's fingers and thumb around what it holds (a thigh, a shin):
   * `amount` 0 leaves the hand flat (resting on the floor or the counter), 1
   * closes it around a limb. See gripRotations.
   */
  grip(side: LimbSide, amount = 1): this {
    const g = gripRotations(side, amount)
    this.local.set(BONE[`${side}IndexProximal`], g.index)
    this.local.set(BONE[`${side}ThumbProximal`], g.thumb)
    return this
  }

  /** World position (fractions of H) of a bone's origin, from what is set so far. */
  pos(bone: BoneName): V3 {
    const i = BONE[bone]
    const chain: number[] = []
    for (let b = i; b >= 0; b = BONE_PARENT[b]!) chain.push(b)
    let p: V3 = this.hipsPos
    for (let k = chain.length - 2; k >= 0; k--) {
      const b = chain[k]!
      const parent = BONE_PARENT[b]!
      const o = BONE_REST_OFFSET[b]!
      p = add(p, qRot(this.world[parent]!, [o[0], o[1], o[2]]))
    }
    return p
  }

  /** A point fixed in a bone's frame (fractions of H), in the coach frame. */
  point(bone: BoneName, local: V3): V3 {
    return add(this.pos(bone), qRot(this.worldRot(bone), local))
  }

  /** A direction fixed in a bone's frame, in the coach frame. */
  axis(bone: BoneName, local: V3): V3 {
    return qRot(this.worldRot(bone), local)
  }

  /**
   * Arm by two-bone IK: the palm centre at `palm` (H), fingers along `fingers`,
   * palm facing `palmNormal` (out of the palm), elbow pointing toward `elbow`.
   */
  arm(side: LimbSide, palm: V3, fingers: V3, palmNormal: V3, elbow: V3): this {
    const s = side === 'left' ? 1 : -1
    const d = norm(fingers)
    const n = perp(d, palmNormal)
    const wrist = sub(sub(palm, scale(d, PALM_IN_HAND_H)), scale(n, PALM_OUT_OF_WRIST_M * M))
    const shoulder = this.pos(`${side}UpperArm`)
    const [e1, e2, pole] = ik(shoulder, wrist, F.upperArm, F.forearm, elbow)
    this.reachError = Math.max(
      this.reachError,
      dist3(add(shoulder, add(scale(e1, F.upperArm), scale(e2, F.forearm))), wrist),
    )
    const rest: V3 = [s, 0, 0]
    this.setWorld(`${side}UpperArm`, qFrame(rest, FWD, e1, scale(pole, -1)))
    this.setWorld(`${side}LowerArm`, qFrame(rest, DOWN, e2, n))
    this.setWorld(`${side}Hand`, qFrame(rest, DOWN, d, n))
    return this
  }

  /** Arm by directions: upper arm, forearm, fingers, palm normal (world). */
  armDirs(side: LimbSide, upper: V3, fore: V3, fingers: V3, palmNormal: V3): this {
    const s = side === 'left' ? 1 : -1
    const rest: V3 = [s, 0, 0]
    const u = norm(upper)
    const f = norm(fore)
    const bend = Math.abs(dot(u, f)) > 0.999 ? perp(u, palmNormal) : perp(u, f)
    this.setWorld(`${side}UpperArm`, qFrame(rest, FWD, u, bend))
    this.setWorld(`${side}LowerArm`, qFrame(rest, DOWN, f, palmNormal))
    this.setWorld(`${side}Hand`, qFrame(rest, DOWN, fingers, palmNormal))
    return this
  }

  /**
   * Leg by two-bone IK: the ankle at `ankle` (H), knee pointing toward `knee`,
   * toes along `toes`, sole facing `sole` (out of the sole).
   */
  leg(side: LimbSide, ankle: V3, knee: V3, toes: V3, sole: V3): this {
    const hip = this.pos(`${side}UpperLeg`)
    const [e1, e2, pole] = ik(hip, ankle, F.thigh, F.shank, knee)
    this.reachError = Math.max(
      this.reachError,
      dist3(add(hip, add(scale(e1, F.thigh), scale(e2, F.shank))), ankle),
    )
    return this.legDirs(side, e1, e2, pole, toes, sole)
  }

  /**
   * Leg by directions: thigh, shank, knee front (made perpendicular to the
   * thigh), toes, sole (world). The shank turns about the knee's hinge axis.
   */
  legDirs(side: LimbSide, thigh: V3, shank: V3, kneeFront: V3, toes: V3, sole: V3): this {
    const t = norm(thigh)
    const sh = norm(shank)
    // A knee bends one way only: once it is visibly bent, the thigh's front (kneecap side) is
    // the side away from the shank, whatever the hint says, so a skinned thigh is never
    // twisted half a turn with the knee folding backward. Near straight, the hint decides.
    const folded = sub(sh, scale(t, dot(t, sh)))
    const bent = Math.hypot(folded[0], folded[1], folded[2]) > KNEE_BENT_SIN
    const front = bent ? norm(scale(folded, -1)) : perp(t, kneeFront)
    const hinge = cross(front, t)
    this.setWorld(`${side}UpperLeg`, qFrame(DOWN, FWD, t, front))
    this.setWorld(`${side}LowerLeg`, qFrame(DOWN, FWD, sh, cross(sh, hinge)))
    this.setWorld(`${side}Foot`, qFrame(FWD, DOWN, toes, sole))
    return this
  }

  /** The pose: local rotations relative to rest, set on the floor at the authoring stature. */
  build(ground = true): CoachPose {
    const pose = createPose()
    pose.hips[0] = this.hipsPos[0]
    pose.hips[1] = this.hipsPos[1]
    pose.hips[2] = this.hipsPos[2]
    for (let i = 0; i < BONE_COUNT; i++) {
      const p = BONE_PARENT[i]!
      const q = LOCAL_BONES.has(i)
        ? (this.local.get(i) ?? [0, 0, 0, 1])
        : p < 0
          ? this.world[i]!
          : qMul(qConj(this.world[p]!), this.world[i]!)
      const l = Math.hypot(q[0], q[1], q[2], q[3])
      const sgn = q[3] < 0 ? -1 : 1
      for (let k = 0; k < 4; k++) pose.rot[i * 4 + k] = (sgn * q[k]!) / l
    }
    if (ground) {
      const fk = solvePose(createCoachFK(), pose, AUTHOR_STATURE_M, ORIGIN_PLACEMENT)
      pose.hips[1] = pose.hips[1]! - lowestSurface(fk) / AUTHOR_STATURE_M
    }
    return pose
  }

  private setWorld(bone: BoneName, q: Q): void {
    this.world[BONE[bone]] = q
  }
}

/** Two-bone IK: unit directions of both segments and the pole used (perpendicular to root→target). */
function ik(root: V3, target: V3, l1: number, l2: number, poleHint: V3): [V3, V3, V3] {
  const t = sub(target, root)
  let d = Math.hypot(t[0], t[1], t[2])
  const u = norm(t)
  d = Math.min(Math.max(d, Math.abs(l1 - l2) + 1e-6), l1 + l2 - 1e-9)
  const a = (l1 * l1 - l2 * l2 + d * d) / (2 * d)
  const h = Math.sqrt(Math.max(0, l1 * l1 - a * a))
  const p = perp(u, poleHint)
  const mid = add(scale(u, a), scale(p, h))
  const e1 = norm(mid)
  const e2 = norm(sub(scale(u, d), mid))
  return [e1, e2, p]
}

export { UP, FWD, DOWN }

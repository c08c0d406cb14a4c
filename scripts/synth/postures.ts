/**
 * Key poses of the ten stretches and the idle postures, as docs/product.md defines
 * gates and measures, in the mat's own frame: metres, +Y up, the floor at
 * y = 0, the body's forward line along −Z (face direction on the floor when
 * upright, the crown when face down or face up). The mat transform (position
 * and heading) is applied later by the generator.
 *
 * `s` is the stretch's progress: 0 = its start measure, 1 = its target (docs/product.md,
 * "The ten stretches"); cat-cow takes −1 (cat) … +1 (cow).
 */
import type { StretchId } from '../../src/core/stretches.ts'
import { DEG, cross, lerp, normalize, rotateAbout, type Vec3 } from './geometry.ts'

/** Everything the devices see of one instant of a posture, in the mat frame. */
export interface KeyPose {
  /** centre between the eyes, metres */
  eye: Vec3
  /** face direction (head −Z), unit */
  face: Vec3
  /** head up axis (+Y), unit */
  up: Vec3
  /** palm centres, left then right, metres */
  palm: [Vec3, Vec3]
  /** direction each palm faces, unit */
  normal: [Vec3, Vec3]
  /** direction each hand's fingers point, unit, ⊥ normal */
  finger: [Vec3, Vec3]
}

/** Idle postures used as negative controls. */
export type IdlePosture = 'standing' | 'kneeling' | 'sitting' | 'lying'

/** A stretch side, or null for two-sided stretches. */
export type SynthSide = 'left' | 'right' | null

const FW: Vec3 = [0, 0, -1]
const UP: Vec3 = [0, 1, 0]
const DOWN: Vec3 = [0, -1, 0]
const BACK: Vec3 = [0, 0, 1]

/**
 * Face and head-up axis for a face pitch (degrees above the horizontal). Upright
 * and face down the face turns toward −Z; lying on the back the crown points
 * along −Z, so a pitch under 90° tilts the face toward the feet (+Z). `turnDeg`
 * turns the face about the up axis (positive toward the person's left).
 */
function head(pitchDeg: number, lyingOnBack: boolean, turnDeg = 0): { face: Vec3; up: Vec3 } {
  const p = pitchDeg * DEG
  const d: Vec3 = lyingOnBack ? BACK : FW
  const face: Vec3 = [Math.cos(p) * d[0], Math.sin(p) + Math.cos(p) * d[1], Math.cos(p) * d[2]]
  const up: Vec3 = [-Math.sin(p) * d[0], Math.cos(p) - Math.sin(p) * d[1], -Math.sin(p) * d[2]]
  if (turnDeg === 0) return { face, up }
  return { face: normalize(rotateAbout(face, up, turnDeg * DEG)), up }
}

/** Person's left in the mat frame: −X upright or face down, +X lying on the back (crown at −Z). */
function leftDir(lyingOnBack: boolean): Vec3 {
  return lyingOnBack ? [1, 0, 0] : [-1, 0, 0]
}

function sideSign(side: SynthSide): number {
  return side === 'right' ? -1 : 1
}

function at(H: number, x: number, y: number, z: number): Vec3 {
  return [x * H, y * H, z * H]
}

/** Palms facing down with fingers along `finger`: hands resting on a surface. */
function flatHands(
  left: Vec3,
  right: Vec3,
  finger: Vec3,
): Pick<KeyPose, 'palm' | 'normal' | 'finger'> {
  return { palm: [left, right], normal: [DOWN, DOWN], finger: [finger, finger] }
}

/** Standing, lying, sitting and kneeling still: the idle negative controls and the lead-in. */
export function idlePose(posture: IdlePosture, H: number): KeyPose {
  switch (posture) {
    case 'standing': {
      const h = head(-8, false)
      return {
        eye: at(H, 0, 0.93, 0),
        ...h,
        palm: [at(H, -0.2, 0.42, 0), at(H, 0.2, 0.42, 0)],
        normal: [
          [1, 0, 0],
          [-1, 0, 0],
        ],
        finger: [DOWN, DOWN],
      }
    }
    case 'kneeling': {
      // sitting back on the heels, hands resting on the thighs
      const h = head(-10, false)
      return {
        eye: at(H, 0, 0.56, 0.02),
        ...h,
        ...flatHands(at(H, -0.1, 0.2, -0.15), at(H, 0.1, 0.2, -0.15), FW),
      }
    }
    case 'sitting': {
      // cross-legged on the mat, hands on the knees
      const h = head(-12, false)
      return {
        eye: at(H, 0, 0.45, 0),
        ...h,
        ...flatHands(at(H, -0.2, 0.12, -0.15), at(H, 0.2, 0.12, -0.15), FW),
      }
    }
    case 'lying': {
      const h = head(85, true)
      return {
        eye: at(H, 0, 0.1, -0.4),
        ...h,
        ...flatHands(at(H, 0.2, 0, 0), at(H, -0.2, 0, 0), BACK),
      }
    }
  }
}

/** The belly hand of pelvic tilt and bridge (right by default), the other hand on the floor. */
function bellyPose(H: number, bellyHand: 'left' | 'right', tiltDeg: number, rise: number): KeyPose {
  const h = head(85, true)
  const eye = at(H, 0, 0.1, -0.4)
  // the back of the hand (up) turns toward the head (−Z): rotation about −X
  const axis: Vec3 = [-1, 0, 0]
  const nBelly = normalize(rotateAbout(DOWN, axis, tiltDeg * DEG))
  const fBelly = normalize(rotateAbout(BACK, axis, tiltDeg * DEG))
  const belly = at(H, 0, 0.12 + rise, -0.07)
  const left = leftDir(true)
  const floorSign = bellyHand === 'right' ? 1 : -1
  const floorPalm: Vec3 = [left[0] * 0.2 * floorSign * H, 0, 0]
  const palm: [Vec3, Vec3] = bellyHand === 'right' ? [floorPalm, belly] : [belly, floorPalm]
  const normal: [Vec3, Vec3] = bellyHand === 'right' ? [DOWN, nBelly] : [nBelly, DOWN]
  const finger: [Vec3, Vec3] = bellyHand === 'right' ? [BACK, fBelly] : [fBelly, BACK]
  return { eye, ...h, palm, normal, finger }
}

/** Hands around a knee or thigh at `dist` × H from the eyes, offset sideways by `lateral` × H (lying). */
function kneeHoldPose(H: number, dist: number, lateral: number): KeyPose {
  const h = head(85, true)
  const eyeF = [0, 0.1, -0.4] as const
  const dy = 0.12
  const dz = Math.sqrt(Math.max(0, dist * dist - dy * dy - lateral * lateral))
  const mx = lateral
  const my = eyeF[1] + dy
  const mz = eyeF[2] + dz
  // person's left is +X lying on the back; left hand on the outer (+X) side, palms facing the knee
  return {
    eye: at(H, eyeF[0], eyeF[1], eyeF[2]),
    ...h,
    palm: [at(H, mx + 0.06, my, mz), at(H, mx - 0.06, my, mz)],
    normal: [
      [-1, 0, 0],
      [1, 0, 0],
    ],
    finger: [UP, UP],
  }
}

/** Options of a key pose beyond stretch, side and progress. */
export interface PoseOptions {
  /** cat-cow: pitch the head without moving the eyes (a nod) */
  nod?: boolean
  /** pelvic tilt / bridge: the hand on the belly */
  bellyHand?: 'left' | 'right'
}

/** The key pose of a stretch at progress s (docs/product.md gate and measure), for stature H (m). */
export function stretchPose(
  stretch: StretchId,
  side: SynthSide,
  s: number,
  H: number,
  opts: PoseOptions = {},
): KeyPose {
  const sg = sideSign(side)
  switch (stretch) {
    case 'childs-pose': {
      // start: hands and knees, eyes 0.35 H, hands 0.1 H behind the eyes; target: eyes at
      // max(0.075 H, 0.11 m), hands 0.22 H ahead of the eyes along the forward line
      const low = Math.max(0.075, 0.11 / H)
      const eyeY = lerp(0.35, low, s)
      const eyeZ = -0.3 + 0.05 * s
      const ahead = -0.1 + 0.32 * s
      const hz = eyeZ - ahead
      return {
        eye: at(H, 0, eyeY, eyeZ),
        ...head(lerp(-60, -85, Math.min(1, Math.max(0, s))), false),
        ...flatHands(at(H, -0.13, 0, hz), at(H, 0.13, 0, hz), FW),
      }
    }
    case 'childs-pose-side': {
      // child's pose with the hands' midpoint walked 0° → 30° toward the side, seen from the eyes
      const low = Math.max(0.075, 0.11 / H)
      const eye = at(H, 0, low, -0.25)
      const a = 30 * s * DEG
      const left = leftDir(false)
      const d = 0.32
      const lat = Math.sin(a) * d * sg
      const fwd = Math.cos(a) * d
      const mid: Vec3 = [eye[0] + left[0] * lat * H, 0, eye[2] - fwd * H]
      const dir = normalize([left[0] * lat, 0, -fwd])
      const across = cross(dir, UP) // to the person's right of the reach line
      return {
        eye,
        ...head(-85, false),
        ...flatHands(
          [mid[0] - across[0] * 0.12 * H, 0, mid[2] - across[2] * 0.12 * H],
          [mid[0] + across[0] * 0.12 * H, 0, mid[2] + across[2] * 0.12 * H],
          dir,
        ),
      }
    }
    case 'knee-to-chest':
      // eyes to the hands' midpoint 0.34 H → 0.23 H; hands on the knee pulled in
      return kneeHoldPose(H, lerp(0.34, 0.23, s), 0.04 * sg)
    case 'glute-stretch':
      // eyes to the hands' midpoint 0.355 H → 0.26 H; hands on the uncrossed thigh
      return kneeHoldPose(H, lerp(0.355, 0.26, s), -0.04 * sg)
    case 'supine-twist': {
      // knee hand at 4° → 57° about the midline (0.05 H above the floor) toward the side;
      // the other arm out on the floor, the head turned a little away
      const left = leftDir(true)
      const lx = left[0] * sg
      const a = lerp(4, 57, s) * DEG
      const r = 0.25
      const knee: Vec3 = at(H, lx * r * Math.sin(a), 0.05 + r * Math.cos(a), 0.2)
      const kneeN: Vec3 = [-lx * Math.sin(a), -Math.cos(a), 0]
      const out: Vec3 = at(H, -lx * 0.555, 0, -0.29)
      const outF: Vec3 = [-lx, 0, 0]
      const h = head(85, true, -15 * sg * Math.min(1, Math.max(0, s)))
      const kneeIsLeft = side !== 'right'
      return {
        eye: at(H, 0, 0.1, -0.4),
        ...h,
        palm: kneeIsLeft ? [knee, out] : [out, knee],
        normal: kneeIsLeft ? [kneeN, DOWN] : [DOWN, kneeN],
        finger: kneeIsLeft ? [BACK, outF] : [outF, BACK],
      }
    }
    case 'hip-flexor': {
      // half-kneeling, hands on the hips; the hands' midpoint travels 0 → 0.057 H forward,
      // the head a little less, hips sink slightly
      const drop = -0.01 * s
      return {
        eye: at(H, 0, 0.675 + drop, -0.045 * s),
        ...head(-5, false),
        palm: [at(H, -0.0955, 0.33 + drop, -0.057 * s), at(H, 0.0955, 0.33 + drop, -0.057 * s)],
        normal: [
          [1, 0, 0],
          [-1, 0, 0],
        ],
        finger: [normalize([0, -0.5, -0.87]), normalize([0, -0.5, -0.87])],
      }
    }
    case 'hamstring-stretch': {
      // seated, hinging at the hip point (0.05 H up) with a long back (eye–hip 0.4 H);
      // hands on the straight leg travel 0 → 0.25 H forward from mid-thigh
      const th0 = Math.asin(0.055 / 0.4)
      const th1 = 39.6 * DEG
      const th = lerp(th0, th1, s)
      const hipZ = 0.1
      const left = leftDir(false)
      const legX = left[0] * 0.05 * sg
      const hz = hipZ - (0.22 + 0.25 * s)
      const hy = Math.max(0.03, 0.08 - 0.03 * s)
      return {
        eye: at(H, 0, 0.05 + 0.4 * Math.cos(th), hipZ - 0.4 * Math.sin(th)),
        ...head(lerp(-20, -45, s), false),
        ...flatHands(at(H, legX - 0.04, hy, hz), at(H, legX + 0.04, hy, hz), FW),
      }
    }
    case 'cat-cow': {
      // standing, hands on a 0.51 H counter 0.34 H ahead of the eyes; head pitch ±25° from a
      // neutral −20°, eyes 0.05 H lower in cat and higher in cow (not in a nod)
      const eyeY = opts.nod ? 0.78 : 0.78 + 0.05 * s
      return {
        eye: at(H, 0, eyeY, 0),
        ...head(-20 + 25 * s, false),
        ...flatHands(at(H, -0.13, 0.51, -0.34), at(H, 0.13, 0.51, -0.34), FW),
      }
    }
    case 'pelvic-tilt':
      // belly hand pitches 0° → 14°, back of the hand toward the head
      return bellyPose(H, opts.bellyHand ?? 'right', 14 * s, 0)
    case 'bridge':
      // belly hand rises 0 → 0.085 H
      return bellyPose(H, opts.bellyHand ?? 'right', 0, 0.085 * s)
  }
}

/**
 * Makes a key pose fail its stretch's form condition (docs/product.md "Form"), by `amount` 0–1, in
 * place: supine twist lifts the outstretched hand 0.1 H off the floor (limit 0.06 H); hip flexor
 * leans the head 0.16 H forward of the hands; hamstring rounds the back to 80 % of the eye–hip
 * distance (limit 90 %); cat-cow slides both hands 8 cm along the counter (limit 4 cm). Stretches
 * without a form condition are left as they are.
 */
export function breakForm(
  kp: KeyPose,
  stretch: StretchId,
  side: SynthSide,
  amount: number,
  H: number,
): void {
  switch (stretch) {
    case 'supine-twist': {
      const out = side === 'right' ? 0 : 1
      kp.palm[out] = [kp.palm[out][0], kp.palm[out][1] + 0.1 * H * amount, kp.palm[out][2]]
      return
    }
    case 'hip-flexor':
      kp.eye = [kp.eye[0], kp.eye[1], kp.eye[2] - 0.16 * H * amount]
      return
    case 'hamstring-stretch': {
      const hip: Vec3 = [0, 0.05 * H, 0.1 * H]
      const k = 1 - 0.2 * amount
      kp.eye = [
        hip[0] + (kp.eye[0] - hip[0]) * k,
        hip[1] + (kp.eye[1] - hip[1]) * k,
        hip[2] + (kp.eye[2] - hip[2]) * k,
      ]
      return
    }
    case 'cat-cow':
      for (const i of [0, 1] as const) {
        kp.palm[i] = [kp.palm[i][0], kp.palm[i][1], kp.palm[i][2] - 0.08 * amount]
      }
      return
    default:
      return
  }
}

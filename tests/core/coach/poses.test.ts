/**
 * Poses right by eye, measured: cat-cow rounds and sags the whole back, the
 * figure-4 hands clasp behind the uncrossed thigh with the fingers curled.
 * Three statures, both sides; read from FK joint positions (metres).
 */
import { describe, expect, it } from 'vitest'
import {
  keyframeFK,
  STRETCH_KEYFRAMES,
  TRANSITION_KEYFRAMES,
  type CoachFK,
} from '../../../src/core/coach/fk.ts'
import { BONE } from '../../../src/core/coach/skeleton.ts'
import { STRETCH_IDS } from '../../../src/core/stretches.ts'

const STATURES = [1.5, 1.75, 1.95]
type V = [number, number, number]
const DEG = 180 / Math.PI

const joint = (fk: CoachFK, b: number): V => [
  fk.jointPos[b * 3]!,
  fk.jointPos[b * 3 + 1]!,
  fk.jointPos[b * 3 + 2]!,
]
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]

/**
 * The back's bend seen from the side (degrees): the turn from the
 * pelvis-to-chest direction to the chest-to-head direction in the body's
 * midplane (the coach faces +Z at the origin placement). Negative: the line
 * turns down toward the head, a rounded back (cat); positive: it turns up, a
 * sagging back with the chest and head lifted (cow).
 */
function backBend(fk: CoachFK): number {
  const a = sub(joint(fk, BONE.chest), joint(fk, BONE.hips))
  const b = sub(joint(fk, BONE.head), joint(fk, BONE.chest))
  // angles in the y–z plane, measured from +Z (forward) toward +Y (up)
  return (Math.atan2(b[1], b[2]) - Math.atan2(a[1], a[2])) * DEG
}

/** The sum of the trunk's joint bends hips → spine → chest → neck, degrees (pitch of the neck's axis minus the pelvis's). */
function spineFlexionSum(fk: CoachFK): number {
  const up = (b: number): number => {
    const q = fk.jointRot.subarray(b * 4, b * 4 + 4)
    // the bone's +Y axis in the world; its pitch forward from vertical in the y–z plane
    const [x, y, z, w] = [q[0]!, q[1]!, q[2]!, q[3]!]
    const ay = 1 - 2 * (x * x + z * z)
    const az = 2 * (y * z + w * x)
    return Math.atan2(az, ay) * DEG
  }
  return up(BONE.neck) - up(BONE.hips)
}

describe('cat-cow rounds and arches the whole back', () => {
  it('the back bends at least 35° further from cat to cow, rounded in cat and sagging in cow, at every stature', () => {
    // 35°: the old keyframes turned the back 16° between cat and cow, which read as
    // barely moving in the preview; 35° is more than twice that (now authored: about 48°)
    for (const H of STATURES) {
      const neutral = backBend(keyframeFK('cat-cow', 'both', 'neutral', H))
      const cat = backBend(keyframeFK('cat-cow', 'both', 'cat', H))
      const cow = backBend(keyframeFK('cat-cow', 'both', 'cow', H))
      expect(
        cow - cat,
        `H ${H}: cat ${cat.toFixed(1)}°, cow ${cow.toFixed(1)}°`,
      ).toBeGreaterThanOrEqual(35)
      expect(cat).toBeLessThan(neutral - 15)
      expect(cow).toBeGreaterThan(neutral + 15)
    }
  })

  it('the pelvis takes part: tucked under in cat, tipped forward in cow, and the trunk joints bend 70° or more between them', () => {
    const pelvisPitch = (k: string): number => {
      const fk = keyframeFK('cat-cow', 'both', k, 1.75)
      const q = fk.jointRot.subarray(0, 4)
      return (
        Math.atan2(2 * (q[1]! * q[2]! + q[3]! * q[0]!), 1 - 2 * (q[0]! ** 2 + q[2]! ** 2)) * DEG
      )
    }
    expect(pelvisPitch('cat')).toBeLessThan(pelvisPitch('neutral') - 10)
    expect(pelvisPitch('cow')).toBeGreaterThan(pelvisPitch('neutral') + 10)
    // flexion (cat) makes the neck pitch forward past the pelvis; extension (cow) the reverse
    const cat = spineFlexionSum(keyframeFK('cat-cow', 'both', 'cat', 1.75))
    const cow = spineFlexionSum(keyframeFK('cat-cow', 'both', 'cow', 1.75))
    expect(cat - cow, `cat ${cat.toFixed(1)}°, cow ${cow.toFixed(1)}°`).toBeGreaterThanOrEqual(70)
  })
})

/** The palm centres' place against the uncrossed thigh in the figure-4: distances in metres. */
function figure4Hands(fk: CoachFK, side: 'left' | 'right'): { gap: number; backDot: number }[] {
  const u = side === 'left' ? 'right' : 'left'
  const hip = joint(fk, BONE[`${u}UpperLeg`])
  const knee = joint(fk, BONE[`${u}LowerLeg`])
  const ankle = joint(fk, BONE[`${u}Foot`])
  const t = sub(knee, hip)
  const len = Math.hypot(...t)
  const tn: V = [t[0] / len, t[1] / len, t[2] / len]
  const dotV = (a: V, b: V): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
  // the back of the thigh (hamstrings) is the side the shin folds toward
  const sh = sub(ankle, knee)
  const fold = sub(sh, [tn[0] * dotV(sh, tn), tn[1] * dotV(sh, tn), tn[2] * dotV(sh, tn)])
  const fl = Math.hypot(...fold)
  const back: V = [fold[0] / fl, fold[1] / fl, fold[2] / fl]
  const out: { gap: number; backDot: number }[] = []
  for (const h of [0, 1]) {
    const p: V = [fk.palm[h * 3]!, fk.palm[h * 3 + 1]!, fk.palm[h * 3 + 2]!]
    const v = sub(p, hip)
    const along = dotV(v, tn)
    const off = sub(v, [tn[0] * along, tn[1] * along, tn[2] * along])
    const d = Math.hypot(...off)
    // the thigh's radius: 0.045 H at the hip narrowing to 0.03 H at the knee
    const r = (0.045 - 0.015 * Math.min(1, along / len)) * fk.statureM
    out.push({ gap: Math.abs(d - r), backDot: dotV(off, back) / d })
  }
  return out
}

/** Rotation angle (degrees) of a bone relative to its parent in a keyframe. */
function localAngle(
  stretch: 'glute-stretch' | 'cat-cow' | 'childs-pose',
  side: 'left' | 'right' | 'both',
  key: string,
  bone: number,
): number {
  const fk = keyframeFK(stretch, side, key, 1.75)
  const parentOf =
    bone === BONE.leftIndexProximal || bone === BONE.leftThumbProximal
      ? BONE.leftHand
      : BONE.rightHand
  const a = fk.jointRot.subarray(parentOf * 4, parentOf * 4 + 4)
  const b = fk.jointRot.subarray(bone * 4, bone * 4 + 4)
  const d = Math.abs(a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]!)
  return 2 * Math.acos(Math.min(1, d)) * DEG
}

describe('figure-4 glute stretch: the hands clasp behind the uncrossed thigh', () => {
  it('both palms lie on the back of the uncrossed thigh (within 3 cm of its surface) in the held pose, both sides, three statures', () => {
    for (const H of STATURES) {
      for (const side of ['left', 'right'] as const) {
        const hands = figure4Hands(keyframeFK('glute-stretch', side, 'target', H), side)
        for (const { gap, backDot } of hands) {
          expect(
            gap,
            `H ${H} ${side}: ${(gap * 100).toFixed(1)} cm off the thigh`,
          ).toBeLessThanOrEqual(0.03)
          // on the back half of the thigh (the hamstring side), not its front toward the belly
          expect(backDot, `H ${H} ${side}`).toBeGreaterThanOrEqual(0.5)
        }
      }
    }
  })

  it('the fingers and thumbs curl round the thigh there; on the counter and the floor the hands lie flat', () => {
    for (const side of ['left', 'right'] as const) {
      for (const b of [BONE.leftIndexProximal, BONE.rightIndexProximal]) {
        expect(localAngle('glute-stretch', side, 'target', b)).toBeGreaterThanOrEqual(60)
      }
      for (const b of [BONE.leftThumbProximal, BONE.rightThumbProximal]) {
        expect(localAngle('glute-stretch', side, 'target', b)).toBeGreaterThanOrEqual(30)
      }
    }
    for (const b of [BONE.leftIndexProximal, BONE.rightIndexProximal, BONE.leftThumbProximal]) {
      expect(localAngle('cat-cow', 'both', 'cow', b)).toBeLessThan(1)
      expect(localAngle('childs-pose', 'both', 'target', b)).toBeLessThan(1)
    }
  })
})

describe('knees bend one way', () => {
  it('in every keyframe of every stretch each shin folds behind its thigh (never forward of the kneecap)', () => {
    for (const id of STRETCH_IDS) {
      for (const key of [...STRETCH_KEYFRAMES[id], ...TRANSITION_KEYFRAMES]) {
        const fk = keyframeFK(id, 'left', key, 1.75)
        for (const s of ['left', 'right'] as const) {
          const thigh = BONE[`${s}UpperLeg`]
          const q = fk.jointRot.subarray(thigh * 4, thigh * 4 + 4)
          const sh = sub(joint(fk, BONE[`${s}Foot`]), joint(fk, BONE[`${s}LowerLeg`]))
          // the shin in the thigh's own frame: +Z is the kneecap side
          const [x, y, z, w] = [-q[0]!, -q[1]!, -q[2]!, q[3]!]
          const tx = 2 * (y * sh[2] - z * sh[1])
          const ty = 2 * (z * sh[0] - x * sh[2])
          const lz = sh[2] + w * (2 * (x * sh[1] - y * sh[0])) + (x * ty - y * tx)
          expect(lz / Math.hypot(...sh), `${id} ${key} ${s}`).toBeLessThanOrEqual(0.02)
        }
      }
    }
  })
})

describe('supine twist: the pelvis follows the knees', () => {
  it('the pelvis rolls onto the side the knees drop to (that hip lower, the other lifted), both sides', () => {
    for (const side of ['left', 'right'] as const) {
      const fk = keyframeFK('supine-twist', side, 'target', 1.75)
      const down = side === 'left' ? BONE.leftUpperLeg : BONE.rightUpperLeg
      const up = side === 'left' ? BONE.rightUpperLeg : BONE.leftUpperLeg
      const knees = (joint(fk, BONE.leftLowerLeg)[0] + joint(fk, BONE.rightLowerLeg)[0]) / 2
      // the knees went toward the side's +X (left) or −X (right)
      expect(Math.sign(knees)).toBe(side === 'left' ? 1 : -1)
      expect(joint(fk, up)[1] - joint(fk, down)[1]).toBeGreaterThan(0.05)
    }
  })
})

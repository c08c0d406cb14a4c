/**
 * Poses right by eye, measured: cat-cow rounds and sags the whole back, the
 * figure-4 hands clasp behind the uncrossed thigh with the fingers curled.
 * Three statures, both sides; read from FK joint positions (metres).
 */
import { describe, expect, it } from 'vitest'
import { keyframeFK, type CoachFK } from '../../../src/core/coach/fk.ts'
import { BONE } from '../../../src/core/coach/skeleton.ts'

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

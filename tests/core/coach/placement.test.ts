import { describe, expect, it } from 'vitest'
import { createCoachPlacement, placeCoach } from '../../../src/core/coach/placement.ts'
import { rotateVec } from '../../../src/core/vec.ts'

/** A viewer pose at (x, y, z) with yaw (about +Y) then pitch (about +X), degrees. */
function head(x: number, y: number, z: number, yawDeg: number, pitchDeg: number): number[] {
  const hy = (yawDeg * Math.PI) / 360
  const hp = (pitchDeg * Math.PI) / 360
  // q = qYaw · qPitch
  const [ay, aw] = [Math.sin(hy), Math.cos(hy)]
  const [px, pw] = [Math.sin(hp), Math.cos(hp)]
  return [x, y, z, aw * px, ay * pw, -ay * px, aw * pw]
}
const rot = (q: ArrayLike<number>, o: number, v: [number, number, number]): number[] => {
  const out = new Float64Array(3)
  rotateVec(out, 0, q, o, v[0], v[1], v[2])
  return [out[0]!, out[1]!, out[2]!]
}

describe('coach placement', () => {
  it('standing or kneeling: on the floor 1.5–2 m away, beside the line of sight, facing the user', () => {
    const p = createCoachPlacement()
    for (const yaw of [0, 37, 180, -120]) {
      for (const posture of ['standing', 'kneeling', 'half-kneeling', 'seated'] as const) {
        const h = head(0.4, posture === 'standing' ? 1.6 : 0.7, -0.3, yaw, -10)
        expect(placeCoach(p, h, posture)).toBe(true)
        expect(p.lying).toBe(false)
        expect(p.position[1]).toBe(0)
        const dx = p.position[0]! - h[0]!
        const dz = p.position[2]! - h[2]!
        const d = Math.hypot(dx, dz)
        expect(d).toBeGreaterThanOrEqual(1.5)
        expect(d).toBeLessThanOrEqual(2)
        // beside: within the field of view but off the line of sight, to the user's right
        const face = rot(h, 3, [0, 0, -1])
        const right = rot(h, 3, [1, 0, 0])
        const fl = Math.hypot(face[0]!, face[2]!)
        const cosA = (dx * face[0]! + dz * face[2]!) / (d * fl)
        expect(cosA).toBeGreaterThan(Math.cos((60 * Math.PI) / 180))
        expect(cosA).toBeLessThan(Math.cos((20 * Math.PI) / 180))
        expect(dx * right[0]! + dz * right[2]!).toBeGreaterThan(0)
        // the caption hangs above the coach's head
        expect(p.captionPosition[1]!).toBeGreaterThan(h[1]! + 0.2)
        // the coach's +Z points at the user
        const cz = rot(p.quaternion, 0, [0, 0, 1])
        expect((cz[0]! * -dx + cz[2]! * -dz) / d).toBeCloseTo(1, 9)
      }
    }
  })

  it('face down (child’s pose): uses the head’s up axis on the floor', () => {
    const p = createCoachPlacement()
    expect(placeCoach(p, head(0, 0.15, 0, 90, -85), 'kneeling')).toBe(true)
    // yaw 90° turns the face toward −X; the coach stands ahead on that side
    expect(p.position[0]!).toBeLessThan(-1)
  })

  it('the left side and the mirror flag are honoured', () => {
    const p = createCoachPlacement()
    const h = head(0, 1.6, 0, 0, 0)
    placeCoach(p, h, 'standing', { side: 'left', mirror: true })
    expect(p.position[0]!).toBeLessThan(0)
    expect(p.mirror).toBe(true)
  })

  it('lying: above and beside the line of sight, tilted toward the user, readable in profile', () => {
    const p = createCoachPlacement()
    for (const yaw of [0, 90, 200]) {
      const h = head(0.2, 0.12, 0.5, yaw, 85)
      expect(placeCoach(p, h, 'lying')).toBe(true)
      expect(p.lying).toBe(true)
      const v = [p.position[0]! - h[0]!, p.position[1]! - h[1]!, p.position[2]! - h[2]!]
      const d = Math.hypot(v[0]!, v[1]!, v[2]!)
      expect(d).toBeGreaterThan(1.4)
      expect(d).toBeLessThan(2.1)
      // above the user's eyes and off the gaze line (beside it), yet within view
      expect(p.position[1]!).toBeGreaterThan(h[1]! + 1)
      const face = rot(h, 3, [0, 0, -1])
      const cosA = (v[0]! * face[0]! + v[1]! * face[1]! + v[2]! * face[2]!) / d
      expect(cosA).toBeLessThan(Math.cos((20 * Math.PI) / 180))
      expect(cosA).toBeGreaterThan(Math.cos((60 * Math.PI) / 180))
      // the coach's floor normal is tilted toward the user by about 30° from edge-on
      const n = rot(p.quaternion, 0, [0, 1, 0])
      const toUser = v.map((c) => -c / d)
      const s = n[0]! * toUser[0]! + n[1]! * toUser[1]! + n[2]! * toUser[2]!
      expect(Math.asin(s) * (180 / Math.PI)).toBeCloseTo(30, 6)
      // the caption sits beside the coach, clear of it, and within reach of the eyes
      const c = [0, 1, 2].map((i) => p.captionPosition[i]! - p.position[i]!)
      expect(Math.hypot(c[0]!, c[1]!, c[2]!)).toBeGreaterThan(0.5)
      const e = [0, 1, 2].map((i) => p.captionPosition[i]! - h[i]!)
      const de = Math.hypot(e[0]!, e[1]!, e[2]!)
      expect(de).toBeGreaterThan(1)
      expect(de).toBeLessThan(2.1)
      // still in front of the face
      expect((e[0]! * face[0]! + e[1]! * face[1]! + e[2]! * face[2]!) / de).toBeGreaterThan(0.3)
    }
  })

  it('refuses a bad head pose and changes nothing', () => {
    const p = createCoachPlacement()
    placeCoach(p, head(0, 1.6, 0, 0, 0), 'standing')
    const before = Array.from(p.position)
    expect(placeCoach(p, [NaN, 1, 0, 0, 0, 0, 1], 'standing')).toBe(false)
    expect(placeCoach(p, [0, 1, 0, 0, 0, 0, 0], 'lying')).toBe(false)
    expect(Array.from(p.position)).toEqual(before)
  })
})

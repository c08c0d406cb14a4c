/**
 * The held pose of every stretch reproduces docs/product.md's target measure through
 * FK, within 5 % of the measure's range, and its start pose the start measure;
 * the gates hold in the target poses. Both sides, three statures, two placements.
 */
import { describe, expect, it } from 'vitest'
import { keyframeFK, JOINT, type CoachSide } from '../../../src/core/coach/fk.ts'
import { sidesOf, type StretchId } from '../../../src/core/stretches.ts'
import * as m from './measures.ts'

const STATURES = [1.5, 1.75, 1.95]
const PLACEMENTS = [
  { x: 0, z: 0, yawRad: 0 },
  { x: -1.2, z: 2.5, yawRad: 2.2 },
]

type Check = (seen: (k: string) => m.Seen, side: 'left' | 'right', H: number, id: StretchId) => void

/** Expects `value` within 5 % of |range| of `want`. */
function near(value: number, want: number, range: number, label: string): void {
  expect(Math.abs(value - want), `${label}: ${value.toFixed(4)} vs ${want}`).toBeLessThanOrEqual(
    0.05 * Math.abs(range),
  )
}
const flatDot = (a: m.V, b: m.V, f: m.V): number => (a[0] - b[0]) * f[0] + (a[2] - b[2]) * f[2]
const handsOnFloor = (s: m.Seen): boolean =>
  m.heightH(s, s.palmL) <= 0.08 && m.heightH(s, s.palmR) <= 0.08

const lyingPull =
  (start: number, target: number): Check =>
  (seen) => {
    const a = seen('start')
    const b = seen('target')
    near(m.eyeTo(a, a.mid), start, target - start, 'start eye→hands')
    near(m.eyeTo(b, b.mid), target, target - start, 'target eye→hands')
    // gate: lying; both hands ≥ 0.1 H above the floor and within 0.45 H of the eyes
    for (const s of [a, b]) {
      expect(m.isLying(s)).toBe(true)
      for (const p of [s.palmL, s.palmR]) {
        expect(m.heightH(s, p)).toBeGreaterThanOrEqual(0.1)
        expect(m.eyeTo(s, p)).toBeLessThanOrEqual(0.45)
      }
    }
  }

const bellyGate = (s: m.Seen): void => {
  expect(m.isLying(s)).toBe(true)
  const h = m.heightH(s, s.palmL)
  expect(h).toBeGreaterThanOrEqual(0.08)
  expect(h).toBeLessThanOrEqual(0.3)
  const d = m.eyeTo(s, s.palmL)
  expect(d).toBeGreaterThanOrEqual(0.2)
  expect(d).toBeLessThanOrEqual(0.45)
}

const CHECKS: Record<StretchId, Check> = {
  'childs-pose': (seen) => {
    const a = seen('start')
    const b = seen('target')
    const eyeTarget = Math.max(0.075 * b.H, 0.11) / b.H
    near(m.eyeH(a), 0.35, 0.35 - eyeTarget, 'start eye')
    near(m.aheadOfEyes(a, a.mid), -0.1, 0.32, 'start hands ahead')
    near(m.eyeH(b), eyeTarget, 0.35 - eyeTarget, 'target eye')
    near(m.aheadOfEyes(b, b.mid), 0.22, 0.32, 'target hands ahead')
    // gate
    expect(m.facePitch(b)).toBeLessThanOrEqual(-40)
    expect(m.eyeH(b)).toBeLessThanOrEqual(0.45)
    expect(handsOnFloor(b)).toBe(true)
    // the headset never gets closer to the floor than its depth
    expect(b.eye[1]).toBeGreaterThan(0.09)
  },
  'childs-pose-side': (seen, side) => {
    const a = seen('start')
    const b = seen('target')
    near(m.angleFromForward(a, a.mid, side), 0, 30, 'start angle')
    near(m.angleFromForward(b, b.mid, side), 30, 30, 'target angle')
    expect(m.facePitch(b)).toBeLessThanOrEqual(-60)
    expect(m.eyeH(b)).toBeLessThanOrEqual(0.2)
    expect(handsOnFloor(b)).toBe(true)
  },
  'knee-to-chest': lyingPull(0.34, 0.23),
  'glute-stretch': lyingPull(0.355, 0.26),
  'supine-twist': (seen, side) => {
    const other = side === 'left' ? 'right' : 'left'
    for (const [k, want] of [
      ['start', 4],
      ['target', 57],
    ] as const) {
      const s = seen(k)
      const knee = side === 'left' ? s.palmL : s.palmR
      const out = side === 'left' ? s.palmR : s.palmL
      near(m.angleAboutMidline(s, knee, side), want, 53, `${k} knee hand angle`)
      // gate: lying, outstretched hand on the floor ≥ 0.3 H sideways; knee hand ≥ 0.1 H up, not on that side
      expect(m.isLying(s)).toBe(true)
      expect(m.heightH(s, out)).toBeLessThanOrEqual(0.06)
      const sideways = m.sidewaysFromMidline(s, out) * (other === 'left' ? 1 : -1)
      expect(sideways).toBeGreaterThanOrEqual(0.3)
      expect(m.heightH(s, knee)).toBeGreaterThanOrEqual(0.1)
      expect(m.sidewaysFromMidline(s, knee) * (other === 'left' ? 1 : -1)).toBeLessThan(0.05)
    }
  },
  'hip-flexor': (seen) => {
    const a = seen('start')
    const b = seen('target')
    const f = m.forward(a)
    near(flatDot(b.mid, a.mid, f) / b.H, 0.057, 0.057, 'hands forward travel')
    for (const s of [a, b]) {
      expect(m.eyeH(s)).toBeGreaterThanOrEqual(0.55)
      expect(m.eyeH(s)).toBeLessThanOrEqual(0.8)
      expect(m.facePitch(s)).toBeGreaterThanOrEqual(-30)
      expect(m.facePitch(s)).toBeLessThanOrEqual(20)
      for (const p of [s.palmL, s.palmR]) {
        expect(m.heightH(s, p)).toBeGreaterThanOrEqual(0.28)
        expect(m.heightH(s, p)).toBeLessThanOrEqual(0.42)
      }
      // form: the head within 0.1 H of the hands' midpoint along the forward line
      expect(Math.abs(m.aheadOfEyes(s, s.mid))).toBeLessThanOrEqual(0.1)
    }
    // the head follows, a little less
    const headTravel = flatDot(b.eye, a.eye, f) / b.H
    expect(headTravel).toBeGreaterThan(0)
  },
  'hamstring-stretch': (seen) => {
    const a = seen('start')
    const b = seen('target')
    const f = m.forward(a)
    const hip: m.V = [a.eye[0] - 0.055 * a.H * f[0], 0.05 * a.H, a.eye[2] - 0.055 * a.H * f[2]]
    near(flatDot(a.mid, hip, f) / a.H, 0.22, 0.25, 'start hands ahead of the hip point')
    near(flatDot(b.mid, a.mid, f) / b.H, 0.25, 0.25, 'hands forward travel')
    const d = (e: m.V): number => Math.hypot(e[0] - hip[0], e[1] - hip[1], e[2] - hip[2])
    expect(d(b.eye) / d(a.eye)).toBeGreaterThanOrEqual(0.9)
    for (const s of [a, b]) {
      expect(m.eyeH(s)).toBeGreaterThanOrEqual(0.2)
      expect(m.eyeH(s)).toBeLessThanOrEqual(0.5)
      expect(m.facePitch(s)).toBeLessThanOrEqual(0)
      expect(m.heightH(s, s.palmL)).toBeLessThanOrEqual(0.15)
      expect(m.heightH(s, s.palmR)).toBeLessThanOrEqual(0.15)
    }
  },
  'cat-cow': (seen) => {
    const n = seen('neutral')
    const cat = seen('cat')
    const cow = seen('cow')
    near(m.facePitch(cat) - m.facePitch(n), -25, 25, 'cat head pitch')
    near(m.facePitch(cow) - m.facePitch(n), 25, 25, 'cow head pitch')
    expect(cat.eye[1]).toBeLessThan(n.eye[1] - 0.01)
    expect(cow.eye[1]).toBeGreaterThan(n.eye[1] + 0.01)
    for (const s of [n, cat, cow]) {
      expect(m.eyeH(s)).toBeGreaterThanOrEqual(0.55)
      expect(m.eyeH(s)).toBeLessThanOrEqual(0.85)
      for (const p of [s.palmL, s.palmR]) {
        expect(m.heightH(s, p)).toBeGreaterThanOrEqual(0.45)
        expect(m.heightH(s, p)).toBeLessThanOrEqual(0.62)
        expect(m.aheadOfEyes(s, p)).toBeGreaterThanOrEqual(0.1)
      }
      // the hands stay on the counter: within 0.04 m of neutral
      const dl = Math.hypot(
        s.palmL[0] - n.palmL[0],
        s.palmL[1] - n.palmL[1],
        s.palmL[2] - n.palmL[2],
      )
      expect(dl).toBeLessThanOrEqual(0.04)
    }
  },
  'pelvic-tilt': (seen) => {
    const a = seen('neutral')
    const b = seen('top')
    near(m.bellyHandPitch(a, b), 14, 14, 'belly hand pitch')
    bellyGate(a)
    bellyGate(b)
  },
  bridge: (seen) => {
    const a = seen('neutral')
    const b = seen('top')
    near((b.palmL[1] - a.palmL[1]) / b.H, 0.085, 0.085, 'belly hand rise')
    bellyGate(a)
    bellyGate(b)
  },
}

describe('coach targets through FK (docs/product.md measures)', () => {
  for (const id of Object.keys(CHECKS) as StretchId[]) {
    for (const side of sidesOf(id)) {
      it(`${id} ${side}`, () => {
        for (const H of STATURES) {
          for (const p of PLACEMENTS) {
            const cache = new Map<string, m.Seen>()
            const seen = (k: string): m.Seen => {
              let s = cache.get(k)
              if (!s) {
                s = m.see(keyframeFK(id, side as CoachSide, k, H, p))
                cache.set(k, s)
              }
              return s
            }
            CHECKS[id](seen, side === 'right' ? 'right' : 'left', H, id)
          }
        }
      })
    }
  }

  it('bridge: the hips rise about 0.125 H while the belly hand rises 0.085 H', () => {
    const a = keyframeFK('bridge', 'both', 'neutral', 1.75)
    const b = keyframeFK('bridge', 'both', 'top', 1.75)
    const rise = (b.jointPos[JOINT.hips * 3 + 1]! - a.jointPos[JOINT.hips * 3 + 1]!) / 1.75
    expect(rise).toBeGreaterThan(0.1)
    expect(rise).toBeLessThan(0.15)
  })

  it('supine twist: the knees drop about 65° toward the side', () => {
    for (const side of ['left', 'right'] as const) {
      const fk = keyframeFK('supine-twist', side, 'target', 1.75)
      const s = m.see(fk)
      const k = (j: number, a: number): number => fk.jointPos[j * 3 + a]!
      const mid: m.V = [0, 1, 2].map(
        (a) => (k(JOINT.leftKnee, a) + k(JOINT.rightKnee, a)) / 2,
      ) as m.V
      const angle = m.angleAboutMidline(s, mid, side)
      expect(angle).toBeGreaterThan(55)
      expect(angle).toBeLessThan(75)
    }
  })
})

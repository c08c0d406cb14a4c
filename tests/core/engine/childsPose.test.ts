import { describe, expect, it } from 'vitest'
import {
  createEngine,
  engineStretch,
  finishEngine,
  stepEngine,
} from '../../../src/core/engine/engine.ts'
import { createPoseFrame, rng, setHead, setPalmDown, toWorld, type Placement } from './poseKit.ts'

const EYE = 1.62
const H = EYE / 0.93

/** Child's pose: kneel upright 3 s, fold over 2 s, hold; depth 0–1 scales the fold. */
function runChildsPose(opts: {
  depth: number
  holdS: number
  hz: number
  tremorMm: number
  place: Placement
}) {
  const e = createEngine({ eyeHeightM: EYE })
  const f = createPoseFrame()
  const rand = rng(7)
  engineStretch(e, 0, 'childs-pose', null, null, null)
  const dt = 1 / opts.hz
  const end = 5 + opts.holdS
  for (let t = 0; t <= end; t += dt) {
    const k = t < 3 ? 0 : t < 5 ? (t - 3) / 2 : 1
    const fold = k * opts.depth
    const eyeTarget = Math.max(0.075 * H, 0.11)
    const eyeY = 0.62 * H + (eyeTarget - 0.62 * H) * fold
    const pitch = -80 * k
    const reach = -0.1 * H + 0.32 * H * fold
    const tremor = (opts.tremorMm / 1000) * Math.sin(2 * Math.PI * 5 * t)
    const breathe = 0.008 * Math.sin(2 * Math.PI * 0.25 * t)
    const jitter = () => (rand() - 0.5) * 0.0004
    const eye = toWorld(opts.place, 0, 0, eyeY + breathe + jitter())
    setHead(f, eye[0], eye[1], eye[2], opts.place.headingDeg, pitch)
    const handY = k < 1 ? 0.3 * H * (1 - k) + 0.01 : 0.01
    const l = toWorld(opts.place, reach, -0.12 + tremor, handY + jitter())
    const r = toWorld(opts.place, reach, 0.12 + tremor, handY + jitter())
    setPalmDown(f, 1, l[0], l[1], l[2], opts.place.headingDeg)
    setPalmDown(f, 2, r[0], r[1], r[2], opts.place.headingDeg)
    f.t = t
    stepEngine(e, f)
  }
  return finishEngine(e)
}

describe("child's pose", () => {
  const place = { headingDeg: 0, x: 0, z: 0 }
  it('a full, steady 30 s hold completes and scores high', () => {
    const [res] = runChildsPose({ depth: 1, holdS: 32, hz: 90, tremorMm: 0, place })
    expect(res!.completed).toBe(true)
    expect(res!.sides.both!.range).toBeGreaterThan(0.95)
    expect(res!.sides.both!.stability).toBeGreaterThan(0.9)
    expect(res!.score).toBeGreaterThan(90)
  })
  it('half the fold scores clearly lower', () => {
    const [full] = runChildsPose({ depth: 1, holdS: 32, hz: 90, tremorMm: 0, place })
    const [half] = runChildsPose({ depth: 0.6, holdS: 32, hz: 90, tremorMm: 0, place })
    expect(half!.score).toBeLessThan(full!.score - 15)
  })
  it('tremor lowers stability, not range', () => {
    const [steady] = runChildsPose({ depth: 1, holdS: 32, hz: 90, tremorMm: 0, place })
    const [shaky] = runChildsPose({ depth: 1, holdS: 32, hz: 90, tremorMm: 8, place })
    // 8 mm amplitude on both hands: RMS 5.66 mm per hand, pooled over 3 points 4.62 mm → 0.81.
    expect(shaky!.sides.both!.stability).toBeCloseTo(
      (20 - 8 / Math.sqrt(2) / Math.sqrt(1.5)) / 19,
      1,
    )
    expect(steady!.sides.both!.stability).toBeGreaterThan(0.95)
    expect(Math.abs(shaky!.sides.both!.range - steady!.sides.both!.range)).toBeLessThan(0.02)
  })
  it('frame rate, heading and mat position change nothing that matters', () => {
    const a = runChildsPose({ depth: 1, holdS: 32, hz: 72, tremorMm: 3, place })[0]!
    const b = runChildsPose({
      depth: 1,
      holdS: 32,
      hz: 120,
      tremorMm: 3,
      place: { headingDeg: 137, x: 2.3, z: -1.1 },
    })[0]!
    expect(Math.abs(a.score - b.score)).toBeLessThanOrEqual(2)
  })
})

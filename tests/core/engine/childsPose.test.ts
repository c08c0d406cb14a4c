import { describe, expect, it } from 'vitest'
import { runChildsPose } from './childsPoseRun.ts'

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

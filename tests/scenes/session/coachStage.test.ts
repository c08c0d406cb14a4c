import { describe, expect, it } from 'vitest'
import type { BufferAttribute } from 'three'
import {
  createCoachStage,
  setPlinthHeight,
  showPlinth,
  STAGE_THICKNESS,
} from '../../../src/scenes/session/coachStage.ts'

/** Lowest and highest y among the vertices the draw range draws. */
function drawnSpan(s: ReturnType<typeof createCoachStage>): [number, number] {
  const g = s.geometry
  const idx = g.index!
  const p = g.attributes.position as BufferAttribute
  const end = Math.min(idx.count, g.drawRange.start + g.drawRange.count)
  let lo = Infinity
  let hi = -Infinity
  for (let i = g.drawRange.start; i < end; i++) {
    const y = p.getY(idx.getX(i))
    lo = Math.min(lo, y)
    hi = Math.max(hi, y)
  }
  return [lo, hi]
}

describe('the coach stage and plinth (one mesh)', () => {
  it('draws the disc alone when the plinth is hidden, and reaches the floor when it is shown', () => {
    const s = createCoachStage()
    showPlinth(s, false)
    expect(drawnSpan(s)).toEqual([-STAGE_THICKNESS, 0].map((v) => expect.closeTo(v, 6)))
    showPlinth(s, true)
    setPlinthHeight(s, 0.6 - STAGE_THICKNESS)
    const [lo, hi] = drawnSpan(s)
    expect(lo).toBeCloseTo(-0.6, 6)
    expect(hi).toBeCloseTo(0, 6)
    // the bounds follow, so the mesh is not culled while in view
    expect(s.geometry.boundingSphere!.radius).toBeGreaterThan(0.3)
  })

  it('keeps unit normals pointing outward on the plinth whatever its height', () => {
    const s = createCoachStage()
    for (const h of [0.05, 0.4, 1.3]) {
      setPlinthHeight(s, h)
      const p = s.geometry.attributes.position as BufferAttribute
      const n = s.geometry.attributes.normal as BufferAttribute
      for (let i = s.plinthBottom - 48; i < s.plinthBottom + 48; i++) {
        expect(Math.hypot(n.getX(i), n.getY(i), n.getZ(i))).toBeCloseTo(1, 6)
        // outward: along the vertex's own direction from the axis
        expect(n.getX(i) * p.getX(i) + n.getZ(i) * p.getZ(i)).toBeGreaterThan(0)
      }
    }
  })

  it('uploads nothing again while the height stays the same', () => {
    const s = createCoachStage()
    setPlinthHeight(s, 0.5)
    const p = s.geometry.attributes.position as BufferAttribute
    const v = p.version
    setPlinthHeight(s, 0.5 + 0.0004)
    expect(p.version).toBe(v)
    setPlinthHeight(s, 0.6)
    expect(p.version).toBeGreaterThan(v)
  })
})

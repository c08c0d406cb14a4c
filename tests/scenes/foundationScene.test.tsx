import type { ReactElement } from 'react'
import { describe, expect, it } from 'vitest'
import ReactThreeTestRenderer from '@react-three/test-renderer'
import { Box3, type Object3D } from 'three'
import { createBodyModel } from '../../src/core/bodyModel.ts'
import { Mannequin } from '../../src/scenes/Mannequin.tsx'
import { Countertop } from '../../src/scenes/Room.tsx'
import { COUNTER_HEIGHT_FRACTION } from '../../src/scenes/roomLayout.ts'

// React's act() warnings are for DOM test environments; the test renderer flushes itself.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

async function bounds(element: ReactElement): Promise<Box3> {
  const r = await ReactThreeTestRenderer.create(element)
  const root = r.scene.instance as Object3D
  root.updateMatrixWorld(true)
  const box = new Box3().setFromObject(root)
  await r.unmount()
  return box
}

describe('foundation scene pieces, sized from the body model', () => {
  for (const eye of [1.45, 1.6, 1.8]) {
    it(`the mannequin stands on the floor and is as tall as the user (eye ${eye} m)`, async () => {
      const H = createBodyModel(eye).statureM
      const box = await bounds(<Mannequin eyeHeightM={eye} />)
      expect(box.min.y).toBeCloseTo(0, 2)
      // Head top within 3 % of stature H.
      expect(Math.abs(box.max.y - H) / H).toBeLessThan(0.03)
      // Shoulder-wide, not wider than an arm span.
      expect(box.max.x - box.min.x).toBeGreaterThan(0.25 * H)
      expect(box.max.x - box.min.x).toBeLessThan(0.4 * H)
    })
  }

  it('the countertop top is at 0.51 H of the default user', async () => {
    const H = createBodyModel(1.6).statureM
    const box = await bounds(<Countertop />)
    expect(box.max.y).toBeCloseTo(COUNTER_HEIGHT_FRACTION * H, 3)
    expect(box.min.y).toBeCloseTo(0, 3)
  })
})

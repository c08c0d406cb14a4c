import type { ReactElement } from 'react'
import { describe, expect, it } from 'vitest'
import ReactThreeTestRenderer from '@react-three/test-renderer'
import { Box3, type Object3D } from 'three'
import { createBodyModel } from '../../src/core/bodyModel.ts'
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

describe('the room, sized from the body model', () => {
  it('the countertop top is at 0.51 H of the default user', async () => {
    const H = createBodyModel(1.6).statureM
    const box = await bounds(<Countertop />)
    expect(box.max.y).toBeCloseTo(COUNTER_HEIGHT_FRACTION * H, 3)
    expect(box.min.y).toBeCloseTo(0, 3)
  })

  it('the countertop moves to a measured counter height', async () => {
    const box = await bounds(<Countertop measuredHeightM={0.93} />)
    expect(box.max.y).toBeCloseTo(0.93, 3)
  })
})

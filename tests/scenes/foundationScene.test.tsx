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

  it('the countertop moves to the real counter the hands measured: its height, under the hands, across the heading', async () => {
    // hands 0.6 m ahead of a user facing −Z (yaw 0), the counter top at 0.93 m
    const box = await bounds(
      <Countertop measured={{ heightM: 0.93, x: 0.2, z: -0.6, yawRad: 0 }} />,
    )
    expect(box.max.y).toBeCloseTo(0.93, 3)
    // its near edge just short of the hands, its depth running away from the user
    expect(box.max.z).toBeGreaterThan(-0.6)
    expect(box.max.z).toBeLessThan(-0.45)
    expect(box.min.z).toBeLessThan(-0.9)
    // its length runs across the user's heading, centred on the hands
    expect((box.min.x + box.max.x) / 2).toBeCloseTo(0.2, 2)
    expect(box.max.x - box.min.x).toBeGreaterThan(1)
  })
})

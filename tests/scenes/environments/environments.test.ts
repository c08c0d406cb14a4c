import { describe, expect, it } from 'vitest'
import type { BufferGeometry } from 'three'
import { STREAK_REWARDS } from '../../../src/core/history/rewards.ts'
import {
  createEnvironmentBackdrop,
  createEnvironmentShell,
  ENVIRONMENT_IDS,
  ENVIRONMENT_LIGHTS,
  isEnvironmentId,
  SKY_RADIUS_M,
} from '../../../src/scenes/environments/environments.ts'
import { createRoomShell } from '../../../src/scenes/roomShell.ts'

const triangles = (g: BufferGeometry) =>
  (g.index ? g.index.count : g.attributes.position!.count) / 3

/** The colour of the floor 2 m behind the user, where no prop stands: the flat triangle at y = 0 over that point. */
function colourUnderfoot(g: BufferGeometry): string {
  const p = g.attributes.position!
  const c = g.attributes.color!
  const [px, pz] = [0, 2]
  for (let t = 0; t < p.count; t += 3) {
    if ([0, 1, 2].some((k) => Math.abs(p.getY(t + k)) > 1e-6)) continue
    const [ax, az, bx, bz, cx, cz] = [
      p.getX(t),
      p.getZ(t),
      p.getX(t + 1),
      p.getZ(t + 1),
      p.getX(t + 2),
      p.getZ(t + 2),
    ]
    const d = (bz - cz) * (ax - cx) + (cx - bx) * (az - cz)
    const l1 = ((bz - cz) * (px - cx) + (cx - bx) * (pz - cz)) / d
    const l2 = ((cz - az) * (px - cx) + (ax - cx) * (pz - cz)) / d
    if (l1 < 0 || l2 < 0 || l1 + l2 > 1) continue
    return [c.getX(t), c.getY(t), c.getZ(t)].map((v) => v.toFixed(2)).join(',')
  }
  throw new Error('no floor under the point')
}

describe('the reward environments', () => {
  it('exist for every environment streak reward, and only for them', () => {
    const rewardIds = STREAK_REWARDS.filter((r) => r.kind === 'environment').map((r) => r.id)
    expect([...ENVIRONMENT_IDS]).toEqual(rewardIds)
    for (const id of rewardIds) expect(isEnvironmentId(id)).toBe(true)
    expect(isEnvironmentId('violet')).toBe(false)
    expect(isEnvironmentId(undefined)).toBe(false)
  })

  it('keep the studio as the room always was, with no backdrop', () => {
    const studio = createEnvironmentShell('studio', true)
    const before = createRoomShell(true)
    expect(Array.from(studio.attributes.position!.array)).toEqual(
      Array.from(before.attributes.position!.array),
    )
    expect(Array.from(studio.attributes.color!.array)).toEqual(
      Array.from(before.attributes.color!.array),
    )
    expect(createEnvironmentBackdrop('studio')).toBeNull()
  })

  it('each look different underfoot and light the room in a mood of their own', () => {
    const floors = new Set(
      ENVIRONMENT_IDS.map((id) => colourUnderfoot(createEnvironmentShell(id, true))),
    )
    expect(floors.size).toBe(ENVIRONMENT_IDS.length)
    const keys = new Set(ENVIRONMENT_IDS.map((id) => ENVIRONMENT_LIGHTS[id].key))
    expect(keys.size).toBe(ENVIRONMENT_IDS.length)
  })

  it('are each two meshes with a colour per vertex and no texture, well within the triangle budget', () => {
    for (const id of ENVIRONMENT_IDS) {
      const shell = createEnvironmentShell(id, true)
      const backdrop = createEnvironmentBackdrop(id)
      for (const g of backdrop ? [shell, backdrop] : [shell]) {
        expect(g.attributes.color!.itemSize, id).toBe(3)
        if (id !== 'studio') expect(g.attributes.uv, id).toBeUndefined()
        expect(g.attributes.color!.count).toBe(g.attributes.position!.count)
        expect(Array.from(g.attributes.color!.array).every(Number.isFinite), id).toBe(true)
      }
      // the whole headset scene may draw 100 k triangles; the coach alone may take 20 k
      const tris = triangles(shell) + (backdrop ? triangles(backdrop) : 0)
      expect(tris, id).toBeLessThan(15_000)
    }
  })

  it('keep the sky and everything else inside the sky dome, itself inside the cameras\u2019 50 m far plane wherever they go', () => {
    for (const id of ENVIRONMENT_IDS) {
      const shell = createEnvironmentShell(id, true)
      const backdrop = createEnvironmentBackdrop(id)
      for (const g of backdrop ? [shell, backdrop] : [shell]) {
        const p = g.attributes.position!
        let farthest = 0
        for (let i = 0; i < p.count; i++)
          farthest = Math.max(farthest, Math.hypot(p.getX(i), p.getY(i), p.getZ(i)))
        expect(farthest, id).toBeLessThanOrEqual(SKY_RADIUS_M + 1e-3)
        // the backdrop is the dome itself, all round
        if (g === backdrop) expect(farthest, id).toBeGreaterThan(SKY_RADIUS_M - 0.01)
      }
    }
    // the farthest a desktop camera goes from the mat: the orbit controls' 10 m from the point
    // looked at, itself within 2 m of the mat (at the counter); the headset user stays nearer
    expect(SKY_RADIUS_M + 10 + 2).toBeLessThan(50)
  })

  it('leave the mat out when asked, and are built the same every time', () => {
    for (const id of ENVIRONMENT_IDS) {
      const a = createEnvironmentShell(id, true)
      const b = createEnvironmentShell(id, false)
      expect(a.attributes.position!.count - b.attributes.position!.count, id).toBe(36)
      const again = createEnvironmentShell(id, true)
      expect(Array.from(again.attributes.color!.array)).toEqual(
        Array.from(a.attributes.color!.array),
      )
    }
  })
})

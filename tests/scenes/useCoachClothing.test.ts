import { describe, expect, it } from 'vitest'
import {
  Bone,
  BoxGeometry,
  Float32BufferAttribute,
  Group,
  MeshStandardMaterial,
  Skeleton,
  SkinnedMesh,
  Uint16BufferAttribute,
} from 'three'
import { clone as cloneSkinned } from 'three/examples/jsm/utils/SkeletonUtils.js'
import { STREAK_REWARDS } from '../../src/core/history/rewards.ts'
import { clothingMaterials, setCoachClothing } from '../../src/scenes/useCoachClothing.ts'

/** sRGB (0–1) to linear, the IEC 61966-2-1 curve. */
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)

/** A coach-like glTF scene: one skinned part per material, skin and clothing, on one bone. */
function coachLike() {
  const skin = new MeshStandardMaterial({ name: 'coach-skin', color: 0xffffff })
  const clothing = new MeshStandardMaterial({ name: 'coach-clothing', color: 0xffffff })
  const root = new Group()
  const bone = new Bone()
  root.add(bone)
  for (const m of [skin, clothing]) {
    const g = new BoxGeometry(0.2, 0.2, 0.2)
    const n = g.attributes.position!.count
    g.setAttribute('skinIndex', new Uint16BufferAttribute(new Uint16Array(n * 4), 4))
    const w = new Float32Array(n * 4)
    for (let i = 0; i < n; i++) w[i * 4] = 1
    g.setAttribute('skinWeight', new Float32BufferAttribute(w, 4))
    const mesh = new SkinnedMesh(g, m)
    mesh.bind(new Skeleton([bone]))
    root.add(mesh)
  }
  return { root, skin, clothing }
}

describe('the coach colour on the clothing', () => {
  it('sets the swatch as its linear colour, and leaves the skin alone', () => {
    const { root, skin, clothing } = coachLike()
    expect(clothingMaterials(root)).toEqual([clothing])
    expect(setCoachClothing(root, '#7657c9')).toBe(1)
    expect(clothing.color.r).toBeCloseTo(toLinear(0x76 / 255), 5)
    expect(clothing.color.g).toBeCloseTo(toLinear(0x57 / 255), 5)
    expect(clothing.color.b).toBeCloseTo(toLinear(0xc9 / 255), 5)
    // read back in sRGB it is the swatch again
    expect(clothing.color.getHexString()).toBe('7657c9')
    expect(skin.color.getHex()).toBe(0xffffff)
  })

  it('recolours every clone of the model at once (SkeletonUtils clones share materials)', () => {
    const { root } = coachLike()
    const a = cloneSkinned(root)
    const b = cloneSkinned(root)
    setCoachClothing(root, '#e0664f')
    for (const c of [a, b]) {
      const [m] = clothingMaterials(c)
      expect(m!.color.getHexString()).toBe('e0664f')
    }
  })

  it('gives every coach colour reward its own clothing colour', () => {
    const { root, clothing } = coachLike()
    const seen = new Set<string>()
    for (const r of STREAK_REWARDS.filter((x) => x.kind === 'coach-colour')) {
      setCoachClothing(root, r.swatch)
      seen.add(clothing.color.getHexString())
      expect(`#${clothing.color.getHexString()}`).toBe(r.swatch)
    }
    expect(seen.size).toBe(5)
  })

  it('sets nothing for a swatch that is not #rrggbb, or a model without clothing', () => {
    const { root, clothing } = coachLike()
    setCoachClothing(root, '#1f8a8a')
    for (const bad of ['violet', '#fff', 'rgb(1,2,3)', '', '#12345g']) {
      expect(setCoachClothing(root, bad)).toBe(0)
    }
    expect(clothing.color.getHexString()).toBe('1f8a8a')
    const bare = new Group()
    expect(setCoachClothing(bare, '#7657c9')).toBe(0)
  })
})

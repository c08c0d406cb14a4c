/**
 * The coach colour streak reward on the coach: the loaded glTF's clothing
 * material takes the chosen colour. Every coach on screen is a SkeletonUtils
 * clone of that glTF, and clones share its materials and geometry, so setting
 * it once recolours them all. Where the coach is drawn as one mesh
 * (avatar/coachOneDraw.ts), the material is no longer drawn but still holds
 * the colour, and the clothes' vertices are repainted from it. Done when the
 * choice or the model changes, never per frame.
 */
import { useEffect } from 'react'
import { useLoader, useThree } from '@react-three/fiber'
import {
  SRGBColorSpace,
  type Material,
  type Mesh,
  type MeshStandardMaterial,
  type Object3D,
} from 'three'
import { COACH_MODEL_URL } from '../avatar/CoachAvatar.tsx'
import {
  CLOTHING_MATERIAL_NAME,
  clothingRecordOf,
  recolourCoachClothing,
} from '../avatar/coachOneDraw.ts'
import { PolicySafeGLTFLoader } from '../services/gltfLoader.ts'
import { chosenReward, useSettings } from '../services/settings.ts'
import { rewardSceneHooks } from './environments/rewardSceneHooks.ts'

/** The materials named CLOTHING_MATERIAL_NAME in a model (drawn, or kept by a merged coach), each once. */
export function clothingMaterials(root: Object3D): MeshStandardMaterial[] {
  const found = new Set<MeshStandardMaterial>()
  root.traverse((o) => {
    const kept = clothingRecordOf((o as Mesh).geometry)
    if (kept !== null) found.add(kept.material)
    const m = (o as Mesh).material as Material | Material[] | undefined
    if (!m) return
    for (const x of Array.isArray(m) ? m : [m]) {
      const c = x as MeshStandardMaterial
      if (x.name === CLOTHING_MATERIAL_NAME && c.color) found.add(c)
    }
  })
  return [...found]
}

/**
 * Sets the clothing of `root` to an sRGB hex swatch ('#7657c9'); three turns
 * it into its linear working colour when colour management is on, as the
 * renderer expects. Returns how many materials it set; a swatch that is not a
 * `#rrggbb` colour sets none.
 */
export function setCoachClothing(root: Object3D, swatch: string): number {
  if (!/^#[0-9a-f]{6}$/i.test(swatch)) return 0
  const mats = clothingMaterials(root)
  for (const m of mats) m.color.setStyle(swatch, SRGBColorSpace)
  recolourCoachClothing(root)
  return mats.length
}

/**
 * React hook: keeps the coach's clothing in the chosen coach colour. Call it
 * where the coach model is loaded (it suspends until then, like the avatar).
 */
export function useCoachClothing(url: string = COACH_MODEL_URL): void {
  const gltf = useLoader(PolicySafeGLTFLoader, url)
  const swatch = useSettings((s) => chosenReward('coach-colour', s.coachColour).swatch)
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => {
    const root = gltf.scene
    const set = setCoachClothing(root, swatch)
    const first = clothingMaterials(root)[0]
    rewardSceneHooks.coachClothing =
      set > 0 && first ? `#${first.color.getHexString(SRGBColorSpace)}` : null
    // a canvas drawn on demand shows the new colour without waiting for another change
    invalidate()
  }, [gltf, swatch, invalidate])
}

/** The hook as a component, for scenes that load the coach inside CoachAvatar. */
export function CoachClothing({ url }: { url?: string }): null {
  useCoachClothing(url)
  return null
}

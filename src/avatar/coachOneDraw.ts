/**
 * The coach drawn in one draw call per eye instead of two. The model keeps two
 * materials (scripts/build-models.ts: 'coach-skin' with the skin, hair and face
 * as vertex colours, 'coach-clothing' with the clothes as grey shades under the
 * coach colour); three draws each material as a skinned draw of its own. Here
 * the two skinned parts become one skinned mesh with the skin material, and the
 * clothes' vertex colours carry the coach colour themselves: grey shade × the
 * clothing material's colour, the product the shader would have made. The
 * clothing material stays the place the colour is set (useCoachClothing); after
 * a change, recolourCoachClothing writes it into the vertices.
 *
 * One difference is drawn: the clothes take the skin's roughness (0.7 instead
 * of 0.85), a slightly brighter highlight on the cloth.
 */
import {
  Float32BufferAttribute,
  SkinnedMesh,
  type BufferAttribute,
  type BufferGeometry,
  type Color,
  type InterleavedBufferAttribute,
  type Material,
  type MeshStandardMaterial,
  type Object3D,
} from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'

/** The names of the model's two materials (scripts/build-models.ts). */
export const SKIN_MATERIAL_NAME = 'coach-skin'
/** See SKIN_MATERIAL_NAME. */
export const CLOTHING_MATERIAL_NAME = 'coach-clothing'

/** What a merged coach keeps to recolour its clothes (on the geometry: clones share it). */
export interface CoachClothingRecord {
  /** the clothing material: its colour is the coach colour */
  material: MeshStandardMaterial
  /** first vertex of the clothes in the merged geometry */
  start: number
  /** the clothes' own vertex colours (RGBA, linear), before the coach colour */
  shades: Float32Array
}

/** The record of a geometry merged by mergeCoachParts, if it is one. */
export function clothingRecordOf(g: BufferGeometry | undefined): CoachClothingRecord | null {
  const r = g?.userData.coachClothing as CoachClothingRecord | undefined
  return r ?? null
}

/** A colour attribute as plain RGBA floats (the glb stores normalised bytes). */
function rgbaFloats(a: BufferAttribute | InterleavedBufferAttribute): Float32Array {
  const n = a.count
  const out = new Float32Array(n * 4)
  for (let i = 0; i < n; i++) {
    out[i * 4] = a.getX(i)
    out[i * 4 + 1] = a.getY(i)
    out[i * 4 + 2] = a.getZ(i)
    out[i * 4 + 3] = a.itemSize > 3 ? a.getW(i) : 1
  }
  return out
}

/** Writes record's shades × colour into the merged geometry's colours. */
function paintClothes(g: BufferGeometry, record: CoachClothingRecord, colour: Color): void {
  const col = g.attributes.color as BufferAttribute
  const a = col.array as Float32Array
  const s = record.shades
  const o = record.start * 4
  for (let i = 0; i < s.length; i += 4) {
    a[o + i] = s[i]! * colour.r
    a[o + i + 1] = s[i + 1]! * colour.g
    a[o + i + 2] = s[i + 2]! * colour.b
    a[o + i + 3] = s[i + 3]!
  }
  col.needsUpdate = true
}

function materialNamed(m: Material | Material[], name: string): boolean {
  return !Array.isArray(m) && m.name === name
}

/**
 * Merges the coach's skin and clothing parts under `root` (a loaded coach.glb's
 * scene) into one skinned mesh, in place. Returns it, or null when the model is
 * not the coach's shape (not exactly one skinned part of each material, on the
 * same bones and parent, with the same attributes): it is then left as it is.
 * Calling it again on a merged model returns null and changes nothing.
 */
export function mergeCoachParts(root: Object3D): SkinnedMesh | null {
  let skin: SkinnedMesh | null = null
  let cloth: SkinnedMesh | null = null
  let others = 0
  root.traverse((o) => {
    const m = o as SkinnedMesh
    if (!m.isSkinnedMesh) return
    if (skin === null && materialNamed(m.material, SKIN_MATERIAL_NAME)) skin = m
    else if (cloth === null && materialNamed(m.material, CLOTHING_MATERIAL_NAME)) cloth = m
    else others++
  })
  if (skin === null || cloth === null || others > 0) return null
  const a: SkinnedMesh = skin
  const b: SkinnedMesh = cloth
  const parent = a.parent
  const sameBones =
    a.skeleton.bones.length === b.skeleton.bones.length &&
    a.skeleton.bones.every((bone, i) => bone === b.skeleton.bones[i])
  if (parent === null || b.parent !== parent || !sameBones) return null
  if (!a.matrix.equals(b.matrix) || !a.bindMatrix.equals(b.bindMatrix)) return null
  const ga = a.geometry.clone()
  const gb = b.geometry.clone()
  const colA = ga.attributes.color
  const colB = gb.attributes.color
  if (!colA || !colB) return null
  ga.setAttribute('color', new Float32BufferAttribute(rgbaFloats(colA), 4))
  const shades = rgbaFloats(colB)
  gb.setAttribute('color', new Float32BufferAttribute(shades.slice(), 4))
  const merged = mergeGeometries([ga, gb], false)
  ga.dispose()
  gb.dispose()
  if (!merged) return null
  const material = b.material as MeshStandardMaterial
  const record: CoachClothingRecord = {
    material,
    start: a.geometry.attributes.position!.count,
    shades,
  }
  merged.userData.coachClothing = record
  paintClothes(merged, record, material.color)
  const one = new SkinnedMesh(merged, a.material)
  one.name = 'coach-body'
  one.position.copy(a.position)
  one.quaternion.copy(a.quaternion)
  one.scale.copy(a.scale)
  one.bindMode = a.bindMode
  one.bind(a.skeleton, a.bindMatrix)
  parent.remove(a, b)
  parent.add(one)
  return one
}

/**
 * Writes each merged coach's clothing colour (its material's current colour)
 * into its vertices under `root`. Returns how many it recoloured.
 */
export function recolourCoachClothing(root: Object3D): number {
  let n = 0
  root.traverse((o) => {
    const g = (o as SkinnedMesh).geometry as BufferGeometry | undefined
    const r = clothingRecordOf(g)
    if (g === undefined || r === null) return
    paintClothes(g, r, r.material.color)
    n++
  })
  return n
}

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  Color,
  SRGBColorSpace,
  Vector3,
  type BufferAttribute,
  type Group,
  type MeshStandardMaterial,
  type Object3D,
  type SkinnedMesh,
} from 'three'
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js'
import { clone as cloneSkinned } from 'three/examples/jsm/utils/SkeletonUtils.js'
import { COACH_GLB_PATH } from '../../scripts/build-models.ts'
import { mergeCoachParts } from '../../src/avatar/coachOneDraw.ts'
import { setCoachClothing } from '../../src/scenes/useCoachClothing.ts'

/** The committed coach.glb as the app loads it (three's GLTFLoader). */
async function loadCoach(): Promise<GLTF> {
  const bytes = readFileSync(COACH_GLB_PATH)
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  return new GLTFLoader().parseAsync(buf, '')
}

function skinnedParts(root: Object3D): SkinnedMesh[] {
  const out: SkinnedMesh[] = []
  root.traverse((o) => {
    if ((o as SkinnedMesh).isSkinnedMesh) out.push(o as SkinnedMesh)
  })
  return out
}

function triangles(m: SkinnedMesh): number {
  return (m.geometry.index?.count ?? 0) / 3
}

/** Turns a few bones so that skinning has something to do. */
function pose(root: Object3D): void {
  const turn = (name: string, x: number, z: number) => {
    const b = root.getObjectByName(name)
    if (!b) throw new Error('no bone ' + name)
    b.rotation.x += x
    b.rotation.z += z
  }
  turn('spine', 0.4, 0.1)
  turn('leftUpperArm', -0.8, 0.6)
  turn('rightUpperLeg', 1.1, 0)
  turn('head', 0.3, -0.2)
  root.updateMatrixWorld(true)
}

/** World positions of every vertex of the parts, skinned on the CPU, in part order. */
function skinnedPositions(parts: SkinnedMesh[]): Float64Array {
  const n = parts.reduce((s, p) => s + p.geometry.attributes.position!.count, 0)
  const out = new Float64Array(n * 3)
  const v = new Vector3()
  let k = 0
  for (const p of parts) {
    p.skeleton.update()
    for (let i = 0; i < p.geometry.attributes.position!.count; i++) {
      p.getVertexPosition(i, v)
      v.applyMatrix4(p.matrixWorld)
      out[k++] = v.x
      out[k++] = v.y
      out[k++] = v.z
    }
  }
  return out
}

describe('the coach in one draw call (skin and clothes merged at load)', () => {
  it('becomes one skinned mesh with every triangle, on the same bones, and skins exactly as the two parts did', async () => {
    const before = await loadCoach()
    const after = await loadCoach()
    const parts = skinnedParts(before.scene)
    expect(parts.map((p) => (p.material as { name: string }).name).sort()).toEqual([
      'coach-clothing',
      'coach-skin',
    ])
    // the merged order is skin, then clothes
    parts.sort((a) => ((a.material as { name: string }).name === 'coach-skin' ? -1 : 1))
    const one = mergeCoachParts(after.scene)
    expect(one).not.toBeNull()
    const now = skinnedParts(after.scene)
    expect(now).toEqual([one])
    expect(triangles(one!)).toBe(triangles(parts[0]!) + triangles(parts[1]!))
    expect(one!.skeleton.bones.map((b) => b.name)).toEqual(
      parts[0]!.skeleton.bones.map((b) => b.name),
    )
    expect((one!.material as { name: string }).name).toBe('coach-skin')

    pose(before.scene)
    pose(after.scene)
    const a = skinnedPositions(parts)
    const b = skinnedPositions([one!])
    expect(b.length).toBe(a.length)
    let worst = 0
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!))
    expect(worst).toBeLessThan(1e-6)
    // and the pose moved them: the comparison was not between two rest poses
    const rest = skinnedPositions(skinnedParts((await loadCoach()).scene))
    let moved = 0
    for (let i = 0; i < rest.length; i++) moved = Math.max(moved, Math.abs(rest[i]! - b[i]!))
    expect(moved).toBeGreaterThan(0.05)
  })

  it('keeps the skin colours, and paints the clothes in the clothing colour the shader would have given them', async () => {
    const before = await loadCoach()
    const after = await loadCoach()
    const skinPart = skinnedParts(before.scene).find(
      (p) => (p.material as { name: string }).name === 'coach-skin',
    )!
    const clothPart = skinnedParts(before.scene).find(
      (p) => (p.material as { name: string }).name === 'coach-clothing',
    )!
    const clothColour = (clothPart.material as MeshStandardMaterial).color
    const one = mergeCoachParts(after.scene)!
    const col = one.geometry.attributes.color as BufferAttribute
    const skinCol = skinPart.geometry.attributes.color as BufferAttribute
    const clothCol = clothPart.geometry.attributes.color as BufferAttribute
    const ns = skinCol.count
    for (let i = 0; i < ns; i += 97) {
      expect(col.getX(i)).toBeCloseTo(skinCol.getX(i), 6)
      expect(col.getY(i)).toBeCloseTo(skinCol.getY(i), 6)
      expect(col.getZ(i)).toBeCloseTo(skinCol.getZ(i), 6)
    }
    for (let i = 0; i < clothCol.count; i += 31) {
      expect(col.getX(ns + i)).toBeCloseTo(clothCol.getX(i) * clothColour.r, 6)
      expect(col.getY(ns + i)).toBeCloseTo(clothCol.getY(i) * clothColour.g, 6)
      expect(col.getZ(ns + i)).toBeCloseTo(clothCol.getZ(i) * clothColour.b, 6)
    }
  })

  it('takes a new coach colour on every clone at once, and leaves the skin alone', async () => {
    const gltf = await loadCoach()
    mergeCoachParts(gltf.scene)
    const a = cloneSkinned(gltf.scene) as Group
    const b = cloneSkinned(gltf.scene) as Group
    const skinBefore = Array.from(
      (skinnedParts(a)[0]!.geometry.attributes.color as BufferAttribute).array.slice(0, 400),
    )
    expect(setCoachClothing(gltf.scene, '#7657c9')).toBe(1)
    const violet = new Color().setStyle('#7657c9', SRGBColorSpace)
    for (const c of [a, b]) {
      const one = skinnedParts(c)[0]!
      const col = one.geometry.attributes.color as BufferAttribute
      const last = col.count - 1
      // a clothing vertex: its colour over the violet is a grey shade (the same ratio in r, g and b)
      const shade = col.getX(last) / violet.r
      expect(shade).toBeGreaterThan(0.1)
      expect(col.getY(last) / violet.g).toBeCloseTo(shade, 5)
      expect(col.getZ(last) / violet.b).toBeCloseTo(shade, 5)
      expect(Array.from(col.array.slice(0, 400))).toEqual(skinBefore)
    }
  })

  it('leaves a merged model, or a model of another shape, as it is', async () => {
    const gltf = await loadCoach()
    expect(mergeCoachParts(gltf.scene)).not.toBeNull()
    expect(mergeCoachParts(gltf.scene)).toBeNull()
    expect(skinnedParts(gltf.scene)).toHaveLength(1)
    const other = await loadCoach()
    const [first] = skinnedParts(other.scene)
    first!.parent!.remove(first!)
    expect(mergeCoachParts(other.scene)).toBeNull()
    expect(skinnedParts(other.scene)).toHaveLength(1)
  })
})

/**
 * Linear blend skinning on the CPU for tests: reads a skinned .glb (every
 * primitive of its one skinned mesh as one vertex list) and poses it from
 * world bone positions and rotations such as core's FK gives (rest rotations
 * being the identity, as in the coach's VRM T-pose).
 */
import { NodeIO } from '@gltf-transform/core'
import { BONE } from '../../src/core/coach/skeleton.ts'

export interface SkinnedModel {
  vertexCount: number
  /** rest positions, xyz per vertex (model units, metres at the model's stature) */
  pos: Float64Array
  /** up to four joints and weights per vertex (weights sum to 1) */
  joints: Uint16Array
  weights: Float64Array
  /** triangles over all primitives, indices into the vertex list */
  tris: Uint32Array
  /** per triangle, the bone with the largest summed weight over its corners */
  dominant: Uint16Array
  /** joint index → BONE index, by joint name */
  jointBone: number[]
  /** rest position of each joint's bone, from the inverse bind matrices */
  jointRest: Float64Array
  /** vertices with two or more non-zero weights */
  multiWeighted: number
  /** 'a-b' (a < b, BONE indices) for each pair of bones blended on some vertex */
  blends: Set<string>
}

export async function loadSkinnedModel(bytes: Uint8Array): Promise<SkinnedModel> {
  const doc = await new NodeIO().readBinary(new Uint8Array(bytes))
  const root = doc.getRoot()
  const skin = root.listSkins()[0]!
  const jointBone = skin.listJoints().map((n) => {
    const b = (BONE as Readonly<Record<string, number>>)[n.getName()]
    if (b === undefined) throw new Error('joint not in the skeleton: ' + n.getName())
    return b
  })
  const ibm = skin.getInverseBindMatrices()!
  const jointRest = new Float64Array(jointBone.length * 3)
  const m: number[] = []
  for (let j = 0; j < jointBone.length; j++) {
    ibm.getElement(j, m)
    // the rest bind is a pure translation: its inverse is −(rest position)
    jointRest.set([-m[12]!, -m[13]!, -m[14]!], j * 3)
  }
  const pos: number[] = []
  const joints: number[] = []
  const weights: number[] = []
  const tris: number[] = []
  const pl: number[] = []
  const el: number[] = []
  const wl: number[] = []
  for (const mesh of root.listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const base = pos.length / 3
      const p = prim.getAttribute('POSITION')!
      const j = prim.getAttribute('JOINTS_0')!
      const w = prim.getAttribute('WEIGHTS_0')!
      for (let i = 0; i < p.getCount(); i++) {
        pos.push(...p.getElement(i, pl))
        j.getElement(i, el)
        w.getElement(i, wl)
        const sum = wl[0]! + wl[1]! + wl[2]! + wl[3]!
        for (let k = 0; k < 4; k++) {
          joints.push(el[k]!)
          weights.push(wl[k]! / sum)
        }
      }
      const idx = prim.getIndices()!
      for (let i = 0; i < idx.getCount(); i++) tris.push(base + idx.getScalar(i))
    }
  }
  const vertexCount = pos.length / 3
  let multiWeighted = 0
  const blends = new Set<string>()
  for (let v = 0; v < vertexCount; v++) {
    const on: number[] = []
    for (let k = 0; k < 4; k++) if (weights[v * 4 + k]! > 0) on.push(jointBone[joints[v * 4 + k]!]!)
    if (on.length >= 2) multiWeighted++
    for (const a of on) for (const b of on) if (a < b) blends.add(`${a}-${b}`)
  }
  const dominant = new Uint16Array(tris.length / 3)
  const acc = new Float64Array(jointBone.length)
  for (let t = 0; t < tris.length / 3; t++) {
    acc.fill(0)
    for (let c = 0; c < 3; c++) {
      const v = tris[t * 3 + c]!
      for (let k = 0; k < 4; k++) acc[joints[v * 4 + k]!]! += weights[v * 4 + k]!
    }
    let best = 0
    for (let i = 1; i < acc.length; i++) if (acc[i]! > acc[best]!) best = i
    dominant[t] = jointBone[best]!
  }
  return {
    vertexCount,
    pos: Float64Array.from(pos),
    joints: Uint16Array.from(joints),
    weights: Float64Array.from(weights),
    tris: Uint32Array.from(tris),
    dominant,
    jointBone,
    jointRest,
    multiWeighted,
    blends,
  }
}

/**
 * Posed vertex positions: Σ w · (R_bone · s(v − rest_bone) + p_bone), the
 * model scaled by `s` (the avatar scales the model to the coach's stature).
 * `jointPos` (xyz) and `jointRot` (xyzw) are world values per BONE index.
 */
export function skinPose(
  model: SkinnedModel,
  jointPos: Float64Array,
  jointRot: Float64Array,
  s: number,
): Float64Array {
  const out = new Float64Array(model.vertexCount * 3)
  const { pos, joints, weights, jointBone, jointRest } = model
  for (let v = 0; v < model.vertexCount; v++) {
    let ox = 0
    let oy = 0
    let oz = 0
    for (let k = 0; k < 4; k++) {
      const w = weights[v * 4 + k]!
      if (w === 0) continue
      const j = joints[v * 4 + k]!
      const b = jointBone[j]!
      const lx = (pos[v * 3]! - jointRest[j * 3]!) * s
      const ly = (pos[v * 3 + 1]! - jointRest[j * 3 + 1]!) * s
      const lz = (pos[v * 3 + 2]! - jointRest[j * 3 + 2]!) * s
      const x = jointRot[b * 4]!
      const y = jointRot[b * 4 + 1]!
      const z = jointRot[b * 4 + 2]!
      const qw = jointRot[b * 4 + 3]!
      const cx = y * lz - z * ly
      const cy = z * lx - x * lz
      const cz = x * ly - y * lx
      ox += w * (lx + 2 * (qw * cx + y * cz - z * cy) + jointPos[b * 3]!)
      oy += w * (ly + 2 * (qw * cy + z * cx - x * cz) + jointPos[b * 3 + 1]!)
      oz += w * (lz + 2 * (qw * cz + x * cy - y * cx) + jointPos[b * 3 + 2]!)
    }
    out[v * 3] = ox
    out[v * 3 + 1] = oy
    out[v * 3 + 2] = oz
  }
  return out
}

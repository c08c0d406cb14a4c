/**
 * Builds public/models/coach.glb: the coach as one smooth skinned body on the
 * VRM humanoid skeleton of src/core/coach/skeleton.ts, at a stature of 1.75 m
 * in its rest pose (VRM normalised T-pose, +Y up, facing +Z). The body is one
 * closed surface lofted along the bone chains and rounded by a Catmull–Clark
 * step (scripts/models/), with smooth weights across every joint, hands with
 * a thumb and four fingers, flat soles, and a face and hair (coachHead.ts).
 * Two materials: 'coach-skin' (skin, hair, face, socks by vertex colour) and
 * 'coach-clothing' (top and trousers as grey shades of the material's colour,
 * which the app sets to the coach colour). No textures, no extensions.
 * Deterministic: the same bytes on every run (`npm run build:models`).
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Document, NodeIO, type Node as GNode } from '@gltf-transform/core'
import {
  BONE_COUNT,
  BONE_NAMES,
  BONE_PARENT,
  BONE_REST_OFFSET,
} from '../src/core/coach/skeleton.ts'
import { catmullClark, triangulate, vertexNormals, type V3, type Weights } from './models/cage.ts'
import { buildBodyCage } from './models/coachBody.ts'
import { addFace, addHair, type Piece } from './models/coachHead.ts'

/** Stature the model is built at, metres; the avatar scales it to the coach's stature. */
export const MODEL_STATURE_M = 1.75
const H = MODEL_STATURE_M

/** Names of the two materials (the app recolours 'coach-clothing'). */
export const SKIN_MATERIAL = 'coach-skin'
export const CLOTHING_MATERIAL = 'coach-clothing'
/** The default coach colour, #1f8a8a, as a linear baseColorFactor. */
export const DEFAULT_CLOTHING_LINEAR: [number, number, number, number] = [
  srgbToLinear(0x1f / 255),
  srgbToLinear(0x8a / 255),
  srgbToLinear(0x8a / 255),
  1,
]

function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

type RGB = [number, number, number]
/** sRGB colours of the skin material's regions (stored linear, as glTF's COLOR_0 is). */
const SKIN_COLOURS: Record<string, RGB> = {
  skin: [0.87, 0.66, 0.52],
  nose: [0.87, 0.64, 0.51],
  hair: [0.25, 0.16, 0.11],
  brow: [0.2, 0.13, 0.09],
  sock: [0.9, 0.9, 0.92],
  'eye-white': [0.95, 0.95, 0.93],
  iris: [0.27, 0.17, 0.1],
  pupil: [0.03, 0.03, 0.03],
  lips: [0.74, 0.42, 0.4],
}
/** Linear grey shades of the clothing (multiplied by the material's colour). */
const CLOTHING_SHADES: Record<string, number> = { top: 1, trousers: 0.4 }

/** Rest-pose world position of every bone origin, metres. */
function restPositions(): V3[] {
  const out: V3[] = []
  for (let i = 0; i < BONE_COUNT; i++) {
    const o = BONE_REST_OFFSET[i]!
    const p = BONE_PARENT[i]!
    const base: V3 = p < 0 ? [0, 0, 0] : out[p]!
    out.push([base[0] + o[0] * H, base[1] + o[1] * H, base[2] + o[2] * H])
  }
  return out
}

/** The body: the cage subdivided once, soles flattened, triangulated, with normals. */
export function buildBodyPiece(): Piece {
  const sub = catmullClark(buildBodyCage(H))
  // flat soles: nothing below the floor in the rest pose
  for (const p of sub.pos) if (p[1] < 0) p[1] = 0
  const tris: [number, number, number][] = []
  const region: string[] = []
  sub.faces.forEach((f, i) => {
    for (const t of triangulate(sub.pos, [f])) {
      tris.push(t as [number, number, number])
      region.push(sub.region[i]!)
    }
  })
  return { pos: sub.pos, nrm: vertexNormals(sub.pos, tris), wts: sub.wts, tris, region }
}

/** Up to four influences, largest first, as uint8 weights summing to exactly 255. */
export function quantiseWeights(w: Weights): { joints: number[]; weights: number[] } {
  const top = [...w.entries()]
    .filter(([, v]) => v > 1e-6)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 4)
  const sum = top.reduce((s, [, v]) => s + v, 0)
  const q = top.map(([, v]) => Math.floor((v / sum) * 255))
  q[0]! += 255 - q.reduce((s, v) => s + v, 0)
  const joints = top.map(([b]) => b)
  while (joints.length < 4) {
    joints.push(0)
    q.push(0)
  }
  return { joints, weights: q }
}

interface Out {
  pos: number[]
  nrm: number[]
  col: number[]
  jnt: number[]
  wgt: number[]
  idx: number[]
}

/** Builds the coach document and returns the .glb bytes. */
export async function buildCoachGlb(): Promise<Uint8Array> {
  const P = restPositions()
  const body = buildBodyPiece()
  const hair = addHair(body, H)
  const face = addFace(body, H)

  const doc = new Document()
  doc.getRoot().getAsset().generator = 'StretchCoach XR scripts/build-models.ts'
  const buffer = doc.createBuffer('coach')
  const skinMat = doc
    .createMaterial(SKIN_MATERIAL)
    .setBaseColorFactor([1, 1, 1, 1])
    .setRoughnessFactor(0.7)
    .setMetallicFactor(0)
  const clothMat = doc
    .createMaterial(CLOTHING_MATERIAL)
    .setBaseColorFactor(DEFAULT_CLOTHING_LINEAR)
    .setRoughnessFactor(0.85)
    .setMetallicFactor(0)
  // skeleton nodes named exactly as VRM humanoid bones, translations relative to the parent
  const nodes: GNode[] = []
  for (let i = 0; i < BONE_COUNT; i++) {
    const p = BONE_PARENT[i]!
    const pos = P[i]!
    const parent = p < 0 ? ([0, 0, 0] as V3) : P[p]!
    const n = doc
      .createNode(BONE_NAMES[i]!)
      .setTranslation([pos[0] - parent[0], pos[1] - parent[1], pos[2] - parent[2]])
    nodes.push(n)
    if (p >= 0) nodes[p]!.addChild(n)
  }
  const ibm = new Float32Array(BONE_COUNT * 16)
  for (let i = 0; i < BONE_COUNT; i++) {
    const p = P[i]!
    ibm.set([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -p[0], -p[1], -p[2], 1], i * 16)
  }
  const skin = doc
    .createSkin('coach-skeleton')
    .setSkeleton(nodes[0]!)
    .setInverseBindMatrices(
      doc.createAccessor('inverseBind').setType('MAT4').setArray(ibm).setBuffer(buffer),
    )
  for (const n of nodes) skin.addJoint(n)

  // one output vertex per (piece vertex, colour region): colours change sharply at seams
  const outs: Out[] = [0, 1].map(() => ({ pos: [], nrm: [], col: [], jnt: [], wgt: [], idx: [] }))
  for (const piece of [body, hair, face]) {
    const seen = [new Map<string, number>(), new Map<string, number>()]
    piece.tris.forEach((t, ti) => {
      const region = piece.region[ti]!
      const clothing = region in CLOTHING_SHADES
      const m = clothing ? 1 : 0
      const o = outs[m]!
      for (const v of t) {
        const key = v + ':' + region
        let idx = seen[m]!.get(key)
        if (idx === undefined) {
          idx = o.pos.length / 3
          seen[m]!.set(key, idx)
          o.pos.push(...piece.pos[v]!)
          o.nrm.push(...piece.nrm[v]!)
          const rgb: RGB = clothing
            ? [CLOTHING_SHADES[region]!, CLOTHING_SHADES[region]!, CLOTHING_SHADES[region]!]
            : (SKIN_COLOURS[region]!.map(srgbToLinear) as RGB)
          if (!clothing && !SKIN_COLOURS[region]) throw new Error('no colour for ' + region)
          o.col.push(...rgb.map((c) => Math.round(c * 255)), 255)
          const q = quantiseWeights(piece.wts[v]!)
          o.jnt.push(...q.joints)
          o.wgt.push(...q.weights)
        }
        o.idx.push(idx)
      }
    })
  }

  const mesh = doc.createMesh('coach')
  outs.forEach((g, k) => {
    const prim = doc
      .createPrimitive()
      .setMaterial(k === 0 ? skinMat : clothMat)
      .setAttribute(
        'POSITION',
        doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.pos)).setBuffer(buffer),
      )
      .setAttribute(
        'NORMAL',
        doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.nrm)).setBuffer(buffer),
      )
      .setAttribute(
        'COLOR_0',
        doc
          .createAccessor()
          .setType('VEC4')
          .setArray(new Uint8Array(g.col))
          .setNormalized(true)
          .setBuffer(buffer),
      )
      .setAttribute(
        'JOINTS_0',
        doc.createAccessor().setType('VEC4').setArray(new Uint8Array(g.jnt)).setBuffer(buffer),
      )
      .setAttribute(
        'WEIGHTS_0',
        doc
          .createAccessor()
          .setType('VEC4')
          .setArray(new Uint8Array(g.wgt))
          .setNormalized(true)
          .setBuffer(buffer),
      )
      .setIndices(doc.createAccessor().setArray(new Uint16Array(g.idx)).setBuffer(buffer))
    mesh.addPrimitive(prim)
  })
  const meshNode = doc.createNode('coach-mesh').setMesh(mesh).setSkin(skin)
  const root = doc.createNode('coach').addChild(nodes[0]!).addChild(meshNode)
  doc.createScene('coach').addChild(root)
  doc.getRoot().setDefaultScene(doc.getRoot().listScenes()[0]!)
  return new NodeIO().writeBinary(doc)
}

/** Output path of the model. */
export const COACH_GLB_PATH = fileURLToPath(new URL('../public/models/coach.glb', import.meta.url))

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bytes = await buildCoachGlb()
  writeFileSync(COACH_GLB_PATH, bytes)
  console.log(`wrote ${COACH_GLB_PATH} (${bytes.length} bytes)`)
}

/**
 * Builds public/models/coach.glb: the coach as one skinned mesh on the VRM
 * humanoid skeleton of src/core/coach/skeleton.ts, at a stature of 1.75 m in
 * its rest pose (VRM normalised T-pose, +Y up, facing +Z). Rounded, tapered
 * capsules for limbs and trunk, a head with a dark visor for a clear front.
 * Two materials (body with vertex colours, visor), no textures, no Draco/KTX2.
 * Deterministic: the same bytes on every run (`npm run build:models`).
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Document, NodeIO, type Node as GNode } from '@gltf-transform/core'
import {
  BONE,
  BONE_COUNT,
  BONE_NAMES,
  BONE_PARENT,
  BONE_REST_OFFSET,
  type BoneName,
} from '../src/core/coach/skeleton.ts'

/** Stature the model is built at, metres; the avatar scales it to the coach's stature. */
export const MODEL_STATURE_M = 1.75
const H = MODEL_STATURE_M
/** Radial segments and rings per cap of every capsule. */
const SEG = 12
const CAP = 5

type V3 = [number, number, number]
type RGB = [number, number, number]

const COLORS = {
  shirt: [0.16, 0.66, 0.62] as RGB,
  trousers: [0.2, 0.27, 0.36] as RGB,
  skin: [0.93, 0.76, 0.6] as RGB,
  shoe: [0.92, 0.93, 0.94] as RGB,
}

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

interface Part {
  bone: BoneName
  /** capsule end centres (metres, world rest pose) and radii */
  a: V3
  b: V3
  ra: number
  rb: number
  /** cross-section scale along the two perpendicular axes (1 = round) */
  sx: number
  sz: number
  color: RGB
  visor?: boolean
}

/** Geometry arrays of one material. */
interface Geo {
  pos: number[]
  nrm: number[]
  col: number[]
  jnt: number[]
  idx: number[]
}

function newGeo(): Geo {
  return { pos: [], nrm: [], col: [], jnt: [], idx: [] }
}

function sub(a: V3, b: V3): V3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}
function norm(a: V3): V3 {
  const l = Math.hypot(a[0], a[1], a[2])
  return [a[0] / l, a[1] / l, a[2] / l]
}
function cross(a: V3, b: V3): V3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

/** Appends a tapered, elliptical capsule from a to b, rigidly skinned to its bone. */
function addCapsule(g: Geo, part: Part): void {
  let d = sub(part.b, part.a)
  if (Math.hypot(d[0], d[1], d[2]) < 1e-9) d = [0, 1e-6, 0]
  const ax = norm(d)
  // a stable perpendicular: prefer the world Z (front) for the first axis's partner
  const ref: V3 = Math.abs(ax[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]
  const v = norm(cross(ax, ref)) // sideways
  const u = cross(v, ax) // toward the reference (front)
  const j = BONE[part.bone]
  const base = g.pos.length / 3
  const rows: { c: V3; r: number; s: number; cz: number }[] = []
  for (let k = 0; k <= CAP; k++) {
    const phi = -Math.PI / 2 + (k / CAP) * (Math.PI / 2)
    rows.push({ c: part.a, r: part.ra, s: Math.sin(phi), cz: Math.cos(phi) })
  }
  for (let k = 0; k <= CAP; k++) {
    const phi = (k / CAP) * (Math.PI / 2)
    rows.push({ c: part.b, r: part.rb, s: Math.sin(phi), cz: Math.cos(phi) })
  }
  for (const row of rows) {
    for (let i = 0; i <= SEG; i++) {
      const th = (i / SEG) * Math.PI * 2
      const cu = Math.cos(th) * part.sz
      const cv = Math.sin(th) * part.sx
      for (let a = 0; a < 3; a++) {
        g.pos.push(row.c[a]! + row.r * (row.cz * (cu * u[a]! + cv * v[a]!) + row.s * ax[a]!))
      }
      const n = norm([
        row.cz * ((Math.cos(th) / part.sz) * u[0] + (Math.sin(th) / part.sx) * v[0]) +
          row.s * ax[0],
        row.cz * ((Math.cos(th) / part.sz) * u[1] + (Math.sin(th) / part.sx) * v[1]) +
          row.s * ax[1],
        row.cz * ((Math.cos(th) / part.sz) * u[2] + (Math.sin(th) / part.sx) * v[2]) +
          row.s * ax[2],
      ])
      g.nrm.push(n[0], n[1], n[2])
      g.col.push(
        Math.round(part.color[0] * 255),
        Math.round(part.color[1] * 255),
        Math.round(part.color[2] * 255),
        255,
      )
      g.jnt.push(j, 0, 0, 0)
    }
  }
  const cols = SEG + 1
  for (let r = 0; r < rows.length - 1; r++) {
    for (let i = 0; i < SEG; i++) {
      const p0 = base + r * cols + i
      const p1 = p0 + 1
      const p2 = p0 + cols
      const p3 = p2 + 1
      // skip the degenerate triangles at the poles
      if (r > 0) g.idx.push(p0, p1, p3)
      if (r < rows.length - 2) g.idx.push(p0, p3, p2)
    }
  }
}

/** The coach's parts in the rest pose. */
function parts(P: V3[]): Part[] {
  const at = (b: BoneName, dx = 0, dy = 0, dz = 0): V3 => {
    const p = P[BONE[b]]!
    return [p[0] + dx * H, p[1] + dy * H, p[2] + dz * H]
  }
  const out: Part[] = []
  const cap = (
    bone: BoneName,
    a: V3,
    b: V3,
    ra: number,
    rb: number,
    color: RGB,
    sx = 1,
    sz = 1,
  ): void => {
    out.push({ bone, a, b, ra: ra * H, rb: rb * H, sx, sz, color })
  }
  // trunk
  cap(
    'hips',
    at('hips', -0.045, 0.005),
    at('hips', 0.045, 0.005),
    0.062,
    0.062,
    COLORS.trousers,
    1,
    0.85,
  )
  cap('spine', at('spine', 0, 0.0), at('chest', 0, -0.01), 0.072, 0.078, COLORS.shirt, 1.25, 0.78)
  cap('chest', at('chest', 0, 0.01), at('neck', 0, -0.035), 0.085, 0.09, COLORS.shirt, 1.3, 0.75)
  cap('chest', at('leftUpperArm', -0.03), at('rightUpperArm', 0.03), 0.042, 0.042, COLORS.shirt)
  cap('neck', at('neck'), at('head', 0, 0.01), 0.028, 0.026, COLORS.skin)
  // head and visor
  cap(
    'head',
    at('head', 0, 0.035, 0.004),
    at('head', 0, 0.075, 0.0),
    0.058,
    0.055,
    COLORS.skin,
    0.92,
    1,
  )
  out.push({
    bone: 'head',
    a: at('head', -0.022, 0.052, 0.034),
    b: at('head', 0.022, 0.052, 0.034),
    ra: 0.027 * H,
    rb: 0.027 * H,
    sx: 0.7,
    sz: 1,
    color: [0.08, 0.1, 0.14],
    visor: true,
  })
  for (const s of ['left', 'right'] as const) {
    const x = s === 'left' ? 1 : -1
    const b = (n: string): BoneName => (s + n) as BoneName
    cap(b('UpperArm'), at(b('UpperArm')), at(b('LowerArm')), 0.033, 0.028, COLORS.shirt)
    cap(b('LowerArm'), at(b('LowerArm')), at(b('Hand')), 0.026, 0.021, COLORS.skin)
    // mitten: flat and wide, palm down in the rest pose
    cap(
      b('Hand'),
      at(b('Hand'), x * 0.012),
      at(b('Hand'), x * 0.07),
      0.024,
      0.02,
      COLORS.skin,
      0.55,
      1.1,
    )
    cap(
      b('Hand'),
      at(b('Hand'), x * 0.02, -0.004, 0.028),
      at(b('Hand'), x * 0.045, -0.006, 0.04),
      0.01,
      0.009,
      COLORS.skin,
    )
    cap(
      b('UpperLeg'),
      at(b('UpperLeg'), 0, -0.01),
      at(b('LowerLeg')),
      0.052,
      0.038,
      COLORS.trousers,
    )
    cap(b('LowerLeg'), at(b('LowerLeg')), at(b('Foot')), 0.036, 0.026, COLORS.trousers)
    cap(
      b('Foot'),
      at(b('Foot'), 0, -0.017, -0.03),
      at(b('Foot'), 0, -0.02, 0.1),
      0.024,
      0.02,
      COLORS.shoe,
      1.2,
      1,
    )
  }
  return out
}

/** Builds the coach document and returns the .glb bytes. */
export async function buildCoachGlb(): Promise<Uint8Array> {
  const P = restPositions()
  const doc = new Document()
  doc.getRoot().getAsset().generator = 'StretchCoach XR scripts/build-models.ts'
  const buffer = doc.createBuffer('coach')
  const body = doc
    .createMaterial('coach-body')
    .setBaseColorFactor([1, 1, 1, 1])
    .setRoughnessFactor(0.75)
    .setMetallicFactor(0)
  const visor = doc
    .createMaterial('coach-visor')
    .setBaseColorFactor([0.06, 0.08, 0.12, 1])
    .setRoughnessFactor(0.25)
    .setMetallicFactor(0.1)
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
    .createSkin('coach-skin')
    .setSkeleton(nodes[0]!)
    .setInverseBindMatrices(
      doc.createAccessor('inverseBind').setType('MAT4').setArray(ibm).setBuffer(buffer),
    )
  for (const n of nodes) skin.addJoint(n)

  const geos = [newGeo(), newGeo()]
  for (const part of parts(P)) addCapsule(geos[part.visor ? 1 : 0]!, part)
  const mesh = doc.createMesh('coach')
  geos.forEach((g, k) => {
    const count = g.pos.length / 3
    const weights = new Uint8Array(count * 4)
    for (let i = 0; i < count; i++) weights[i * 4] = 255
    const prim = doc
      .createPrimitive()
      .setMaterial(k === 0 ? body : visor)
      .setAttribute(
        'POSITION',
        doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.pos)).setBuffer(buffer),
      )
      .setAttribute(
        'NORMAL',
        doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.nrm)).setBuffer(buffer),
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
          .setArray(weights)
          .setNormalized(true)
          .setBuffer(buffer),
      )
      .setIndices(doc.createAccessor().setArray(new Uint16Array(g.idx)).setBuffer(buffer))
    if (k === 0) {
      prim.setAttribute(
        'COLOR_0',
        doc
          .createAccessor()
          .setType('VEC4')
          .setArray(new Uint8Array(g.col))
          .setNormalized(true)
          .setBuffer(buffer),
      )
    }
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

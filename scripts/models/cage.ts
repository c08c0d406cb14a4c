/**
 * A small box-modelling kit for the coach model: a polygon cage built from
 * lofted rings (tubes joined through shared loops of vertices, so the body is
 * one closed surface), per-vertex bone weights and per-face regions, one step
 * of Catmull–Clark subdivision to round it, and triangulation. Deterministic:
 * no randomness, no hash-order dependence (maps are iterated in insertion order).
 */

import { add, cross, dot, scale, sub, type V3 } from '../../src/core/coach/author.ts'

export type { V3 }
/** Bone index → weight; the weights of a vertex sum to 1. */
export type Weights = Map<number, number>

/** A polygon mesh: positions, bone weights per vertex, polygons with a region label each. */
export interface Cage {
  pos: V3[]
  wts: Weights[]
  faces: number[][]
  region: string[]
}

export function newCage(): Cage {
  return { pos: [], wts: [], faces: [], region: [] }
}

// The vector helpers the coach's poses are authored with (plain tuples; allocation is fine here).
export { add, cross, dot, scale, sub }

export function len(a: V3): number {
  return Math.hypot(a[0], a[1], a[2])
}
export function normalize(a: V3): V3 {
  const l = len(a)
  return l > 0 ? [a[0] / l, a[1] / l, a[2] / l] : [0, 0, 0]
}

/** Bone weights from [bone, weight] pairs (normalised, zero weights dropped). */
export function weights(...pairs: [number, number][]): Weights {
  const w: Weights = new Map()
  let sum = 0
  for (const [, v] of pairs) sum += v
  for (const [b, v] of pairs) if (v > 0) w.set(b, (w.get(b) ?? 0) + v / sum)
  return w
}

/** Adds vertices; returns their indices. */
export function addVerts(
  cage: Cage,
  points: V3[],
  w: Weights | ((p: V3, i: number) => Weights),
): number[] {
  return points.map((p, i) => {
    cage.pos.push(p)
    cage.wts.push(typeof w === 'function' ? w(p, i) : new Map(w))
    return cage.pos.length - 1
  })
}

function centroid(cage: Cage, loop: readonly number[]): V3 {
  let c: V3 = [0, 0, 0]
  for (const i of loop) c = add(c, cage.pos[i]!)
  return scale(c, 1 / loop.length)
}

/** Newell normal of a polygon (not normalised). */
export function polygonNormal(pos: readonly V3[], face: readonly number[]): V3 {
  const n: V3 = [0, 0, 0]
  for (let i = 0; i < face.length; i++) {
    const a = pos[face[i]!]!
    const b = pos[face[(i + 1) % face.length]!]!
    n[0] += (a[1] - b[1]) * (a[2] + b[2])
    n[1] += (a[2] - b[2]) * (a[0] + b[0])
    n[2] += (a[0] - b[0]) * (a[1] + b[1])
  }
  return n
}

/**
 * Joins two loops of equal length with quads (a tube section). Faces whose
 * segment index is in `skip` are left out (a hole for a branch). The quads
 * face away from the axis between the two loops' centroids.
 */
export function band(
  cage: Cage,
  a: readonly number[],
  b: readonly number[],
  region: string | ((i: number) => string),
  skip: ReadonlySet<number> = new Set(),
): void {
  if (a.length !== b.length) throw new Error(`band: loops of ${a.length} and ${b.length}`)
  const n = a.length
  const quads: number[][] = []
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n
    quads.push([a[i]!, a[j]!, b[j]!, b[i]!])
  }
  const axis = scale(add(centroid(cage, a), centroid(cage, b)), 0.5)
  let out = 0
  for (const q of quads) out += dot(polygonNormal(cage.pos, q), sub(centroid(cage, q), axis))
  quads.forEach((q, i) => {
    if (skip.has(i)) return
    cage.faces.push(out < 0 ? q.reverse() : q)
    cage.region.push(typeof region === 'string' ? region : region(i))
  })
}

/**
 * Closes a loop: one quad for 4 vertices, else quads fanned to a new centre
 * vertex (an even loop). The cap faces along `outward`.
 */
export function cap(
  cage: Cage,
  loop: readonly number[],
  outward: V3,
  region: string,
  centre?: V3,
  w?: Weights,
): void {
  const faces: number[][] = []
  if (loop.length === 4) {
    faces.push([...loop])
  } else {
    if (loop.length % 2) throw new Error('cap: odd loop')
    const c = centre ?? centroid(cage, loop)
    const [ci] = addVerts(cage, [c], w ?? averageWeights(cage, loop))
    for (let i = 0; i < loop.length; i += 2) {
      faces.push([loop[i]!, loop[i + 1]!, loop[(i + 2) % loop.length]!, ci!])
    }
  }
  for (const f of faces) {
    cage.faces.push(dot(polygonNormal(cage.pos, f), outward) < 0 ? f.reverse() : f)
    cage.region.push(region)
  }
}

function averageWeights(cage: Cage, idx: readonly number[]): Weights {
  const w: Weights = new Map()
  for (const i of idx) for (const [b, v] of cage.wts[i]!) w.set(b, (w.get(b) ?? 0) + v / idx.length)
  return w
}

/**
 * One step of Catmull–Clark subdivision (closed or open meshes, any polygons):
 * every face becomes one quad per corner. Positions follow the Catmull–Clark
 * rules; weights are interpolated linearly (edge and face averages, corners
 * kept) so they stay a partition of unity; children keep their face's region.
 */
export function catmullClark(cage: Cage): Cage {
  const { pos, wts, faces } = cage
  const out = newCage()
  // original vertices first (positions fixed below), then edge points, then face points
  const nv = pos.length
  for (let i = 0; i < nv; i++) {
    out.pos.push([0, 0, 0])
    out.wts.push(new Map(wts[i]!))
  }
  const facePoint: number[] = []
  const edges = new Map<string, { a: number; b: number; faces: number[]; idx: number }>()
  const key = (a: number, b: number): string => (a < b ? `${a},${b}` : `${b},${a}`)
  faces.forEach((f, fi) => {
    for (let i = 0; i < f.length; i++) {
      const a = f[i]!
      const b = f[(i + 1) % f.length]!
      const k = key(a, b)
      let e = edges.get(k)
      if (!e) {
        e = { a: Math.min(a, b), b: Math.max(a, b), faces: [], idx: -1 }
        edges.set(k, e)
      }
      e.faces.push(fi)
    }
  })
  for (const f of faces) {
    facePoint.push(out.pos.length)
    out.pos.push(centroid(cage, f))
    out.wts.push(averageWeights(cage, f))
  }
  for (const e of edges.values()) {
    e.idx = out.pos.length
    const mid = scale(add(pos[e.a]!, pos[e.b]!), 0.5)
    if (e.faces.length === 2) {
      const fp = scale(
        add(out.pos[facePoint[e.faces[0]!]!]!, out.pos[facePoint[e.faces[1]!]!]!),
        0.5,
      )
      out.pos.push(scale(add(mid, fp), 0.5))
    } else {
      out.pos.push(mid)
    }
    out.wts.push(averageWeights(cage, [e.a, e.b]))
  }
  // vertex points: (F + 2R + (n − 3)P) / n; boundary vertices stay put
  const vFaces: number[][] = pos.map(() => [])
  const vEdges: { a: number; b: number; faces: number[] }[][] = pos.map(() => [])
  faces.forEach((f, fi) => f.forEach((v) => vFaces[v]!.push(fi)))
  for (const e of edges.values()) {
    vEdges[e.a]!.push(e)
    vEdges[e.b]!.push(e)
  }
  for (let v = 0; v < nv; v++) {
    const es = vEdges[v]!
    const fs = vFaces[v]!
    if (es.length === 0 || es.some((e) => e.faces.length !== 2)) {
      out.pos[v] = pos[v]!
      continue
    }
    const n = es.length
    let F: V3 = [0, 0, 0]
    for (const fi of fs) F = add(F, out.pos[facePoint[fi]!]!)
    F = scale(F, 1 / fs.length)
    let R: V3 = [0, 0, 0]
    for (const e of es) R = add(R, scale(add(pos[e.a]!, pos[e.b]!), 0.5))
    R = scale(R, 1 / n)
    out.pos[v] = scale(add(add(F, scale(R, 2)), scale(pos[v]!, n - 3)), 1 / n)
  }
  faces.forEach((f, fi) => {
    const n = f.length
    for (let i = 0; i < n; i++) {
      const v = f[i]!
      const next = edges.get(key(v, f[(i + 1) % n]!))!.idx
      const prev = edges.get(key(f[(i + n - 1) % n]!, v))!.idx
      out.faces.push([v, next, facePoint[fi]!, prev])
      out.region.push(cage.region[fi]!)
    }
  })
  return out
}

/** Splits quads (along the shorter diagonal) and larger polygons (fans) into triangles. */
export function triangulate(pos: readonly V3[], faces: readonly number[][]): number[][] {
  const tris: number[][] = []
  for (const f of faces) {
    if (f.length === 4) {
      const [a, b, c, d] = f as [number, number, number, number]
      if (len(sub(pos[a]!, pos[c]!)) <= len(sub(pos[b]!, pos[d]!))) tris.push([a, b, c], [a, c, d])
      else tris.push([a, b, d], [b, c, d])
    } else {
      for (let i = 1; i + 1 < f.length; i++) tris.push([f[0]!, f[i]!, f[i + 1]!])
    }
  }
  return tris
}

/** Area-weighted vertex normals of a triangle mesh. */
export function vertexNormals(pos: readonly V3[], tris: readonly number[][]): V3[] {
  const n: V3[] = pos.map(() => [0, 0, 0])
  for (const [a, b, c] of tris as [number, number, number][]) {
    const fn = cross(sub(pos[b]!, pos[a]!), sub(pos[c]!, pos[a]!))
    for (const v of [a, b, c]) n[v] = add(n[v]!, fn)
  }
  return n.map(normalize)
}

/**
 * The coach's face and hair, added to the subdivided body: the scalp is
 * coloured as hair above a hairline and covered by a thin shell (a bob, closed
 * by a rim down to the skin); eyes (whites, irises, pupils), brows, a nose and
 * a mouth are small ellipsoids set on the face where a ray along −Z meets the
 * head's surface, so they follow the head's shape. Eyes follow the eye bones
 * when the skeleton has them, everything else the head.
 */
import { BONE_PARENT, BONE_REST_OFFSET } from '../../src/core/coach/skeleton.ts'
import { boneIndex } from './coachBody.ts'
import { add, cross, dot, normalize, scale, sub, weights, type V3, type Weights } from './cage.ts'

/** A triangle mesh with what the .glb needs per vertex, and a colour region per triangle. */
export interface Piece {
  pos: V3[]
  nrm: V3[]
  wts: Weights[]
  tris: [number, number, number][]
  region: string[]
}

/** Rest position of a bone origin, fractions of H. */
function restH(bone: number): V3 {
  let p: V3 = [0, 0, 0]
  for (let b = bone; b >= 0; b = BONE_PARENT[b]!) {
    const o = BONE_REST_OFFSET[b]!
    p = add(p, [o[0], o[1], o[2]])
  }
  return p
}

/** Height of the hairline above the head pivot (fractions of H) at a direction φ from the face (0) round the head. */
function hairline(phi: number): number {
  const c100 = Math.cos((100 * Math.PI) / 180)
  const t = Math.min(1, Math.max(0, (Math.cos(phi) - c100) / (1 - c100)))
  return 0.018 + 0.066 * t ** 1.5
}

function dominant(w: Weights): number {
  let best = -1
  let bw = -1
  for (const [b, v] of w) {
    if (v > bw || (v === bw && b < best)) {
      best = b
      bw = v
    }
  }
  return best
}

/** Marks the body's scalp triangles 'hair' and returns the hair shell over them. */
export function addHair(body: Piece, H: number): Piece {
  const head = boneIndex('head')
  const pivot = scale(restH(head), H)
  const onScalp = (v: number): boolean => {
    if (dominant(body.wts[v]!) !== head) return false
    const q = sub(body.pos[v]!, pivot)
    return q[1] / H > hairline(Math.atan2(q[0], q[2]))
  }
  const shell: Piece = { pos: [], nrm: [], wts: [], tris: [], region: [] }
  const map = new Map<number, number>()
  const edgeUse = new Map<string, number>()
  const hairTris: [number, number, number][] = []
  body.tris.forEach((t, i) => {
    if (!t.every(onScalp)) return
    body.region[i] = 'hair'
    hairTris.push(t)
    for (let k = 0; k < 3; k++) {
      const a = t[k]!
      const b = t[(k + 1) % 3]!
      const key = a < b ? `${a},${b}` : `${b},${a}`
      edgeUse.set(key, (edgeUse.get(key) ?? 0) + 1)
    }
  })
  const thickness = (p: V3): number => {
    const q = sub(p, pivot)
    // fuller on top and at the back, thin at the hairline over the face
    return (0.0045 + 0.004 * Math.min(1, Math.max(0, (q[1] / H - 0.02) / 0.08))) * H
  }
  const shellVert = (v: number): number => {
    let i = map.get(v)
    if (i === undefined) {
      i = shell.pos.length
      map.set(v, i)
      const n = body.nrm[v]!
      shell.pos.push(add(body.pos[v]!, scale(n, thickness(body.pos[v]!))))
      shell.nrm.push(n)
      shell.wts.push(weights([head, 1]))
    }
    return i
  }
  for (const t of hairTris) {
    shell.tris.push([shellVert(t[0]), shellVert(t[1]), shellVert(t[2])])
    shell.region.push('hair')
  }
  // a rim from the shell's edge down into the skin, so the shell has no open edge
  for (const t of hairTris) {
    for (let k = 0; k < 3; k++) {
      const a = t[k]!
      const b = t[(k + 1) % 3]!
      const key = a < b ? `${a},${b}` : `${b},${a}`
      if (edgeUse.get(key) !== 1) continue
      const as = shell.pos[shellVert(a)]!
      const bs = shell.pos[shellVert(b)]!
      const ai = sub(body.pos[a]!, scale(body.nrm[a]!, 0.001 * H))
      const bi = sub(body.pos[b]!, scale(body.nrm[b]!, 0.001 * H))
      const n = normalize(cross(sub(as, bs), sub(ai, bs)))
      const base = shell.pos.length
      shell.pos.push(bs, as, ai, bi)
      for (let m = 0; m < 4; m++) {
        shell.nrm.push(n)
        shell.wts.push(weights([head, 1]))
      }
      shell.tris.push([base, base + 1, base + 2], [base, base + 2, base + 3])
      shell.region.push('hair', 'hair')
    }
  }
  return shell
}

/** Where a ray along −Z at (x, y) first meets the body's head, and the smooth normal there. */
function hitFace(body: Piece, x: number, y: number): { p: V3; n: V3 } {
  const head = boneIndex('head')
  let best: { p: V3; n: V3 } | null = null
  for (const [a, b, c] of body.tris) {
    if (dominant(body.wts[a]!) !== head) continue
    const A = body.pos[a]!
    const B = body.pos[b]!
    const C = body.pos[c]!
    // barycentric coordinates in the XY projection
    const d = (B[1] - C[1]) * (A[0] - C[0]) + (C[0] - B[0]) * (A[1] - C[1])
    if (Math.abs(d) < 1e-14) continue
    const u = ((B[1] - C[1]) * (x - C[0]) + (C[0] - B[0]) * (y - C[1])) / d
    const v = ((C[1] - A[1]) * (x - C[0]) + (A[0] - C[0]) * (y - C[1])) / d
    const w = 1 - u - v
    if (u < 0 || v < 0 || w < 0) continue
    const z = u * A[2] + v * B[2] + w * C[2]
    if (best && best.p[2] >= z) continue
    const n = normalize(
      add(add(scale(body.nrm[a]!, u), scale(body.nrm[b]!, v)), scale(body.nrm[c]!, w)),
    )
    best = { p: [x, y, z], n }
  }
  if (!best) throw new Error(`no face at ${x}, ${y}`)
  return best
}

/** Appends an ellipsoid with semi-axes r along the frame (ex, ey, ez). */
function ellipsoid(
  out: Piece,
  c: V3,
  ex: V3,
  ey: V3,
  ez: V3,
  r: V3,
  w: Weights,
  region: string,
  lon = 12,
  lat = 7,
): void {
  const base = out.pos.length
  for (let i = 0; i <= lat; i++) {
    const th = (i / lat) * Math.PI - Math.PI / 2
    for (let j = 0; j < lon; j++) {
      const ph = (j / lon) * Math.PI * 2
      // unit sphere with +Z (ez) at φ = 0 on the equator: the front of the feature faces out
      const dx = Math.cos(th) * Math.sin(ph)
      const dy = Math.sin(th)
      const dz = Math.cos(th) * Math.cos(ph)
      out.pos.push(
        add(add(add(c, scale(ex, dx * r[0])), scale(ey, dy * r[1])), scale(ez, dz * r[2])),
      )
      out.nrm.push(
        normalize(add(add(scale(ex, dx / r[0]), scale(ey, dy / r[1])), scale(ez, dz / r[2]))),
      )
      out.wts.push(new Map(w))
    }
  }
  for (let i = 0; i < lat; i++) {
    for (let j = 0; j < lon; j++) {
      const a = base + i * lon + j
      const b = base + i * lon + ((j + 1) % lon)
      const c2 = a + lon
      const d = b + lon
      // skip the degenerate triangles at the poles
      if (i > 0) out.tris.push([a, b, d])
      if (i < lat - 1) out.tris.push([a, d, c2])
      if (i > 0) out.region.push(region)
      if (i < lat - 1) out.region.push(region)
    }
  }
}

/** A frame on the face at a hit: ez out of the skin, ex sideways (tilted by `roll`), ey up. */
function faceFrame(n: V3, roll = 0): [V3, V3, V3] {
  const X: V3 = [Math.cos(roll), Math.sin(roll), 0]
  const ex = normalize(sub(X, scale(n, dot(X, n))))
  const ey = cross(n, ex)
  return [ex, ey, n]
}

/** Eyes, brows, nose and mouth on the face of the subdivided body. */
export function addFace(body: Piece, H: number): Piece {
  const out: Piece = { pos: [], nrm: [], wts: [], tris: [], region: [] }
  const head = boneIndex('head')
  const headW = weights([head, 1])
  const eyeY = 0.93 * H
  for (const s of [1, -1]) {
    const eyeW = weights([boneIndex(s > 0 ? 'leftEye' : 'rightEye', 'head'), 1])
    const eye = hitFace(body, s * 0.032 * H, eyeY)
    // the eyes look ahead, not along the cheek's slant: their frame leans from the skin's normal toward +Z
    const [ex, ey, ez] = faceFrame(normalize(add(scale(eye.n, 0.15), [0, 0, 0.85])))
    // irises and pupils look straight ahead
    const [ax, ay, az] = faceFrame([0, 0, 1])
    const at = (d: number): V3 => add(eye.p, [0, 0, d * H])
    // the white's inner corner sinks under the brow and nose: the iris sits a little outward so the eyes look ahead
    const atIris = (d: number): V3 => add(eye.p, [s * 0.002 * H, 0, d * H])
    ellipsoid(out, at(0.0004), ex, ey, ez, [0.0105 * H, 0.0064 * H, 0.0036 * H], eyeW, 'eye-white')
    ellipsoid(
      out,
      atIris(0.0034),
      ax,
      ay,
      az,
      [0.0052 * H, 0.0052 * H, 0.0016 * H],
      eyeW,
      'iris',
      10,
      5,
    )
    ellipsoid(
      out,
      atIris(0.0046),
      ax,
      ay,
      az,
      [0.0024 * H, 0.0024 * H, 0.0008 * H],
      eyeW,
      'pupil',
      8,
      4,
    )
    const brow = hitFace(body, s * 0.034 * H, eyeY + 0.019 * H)
    const [bx, by, bz] = faceFrame(brow.n, s * -0.12)
    ellipsoid(
      out,
      add(brow.p, scale(bz, 0.0006 * H)),
      bx,
      by,
      bz,
      [0.0135 * H, 0.0024 * H, 0.0028 * H],
      headW,
      'brow',
      10,
      5,
    )
  }
  // nose: a ridge leaning out at its tip
  const nose = hitFace(body, 0, 0.918 * H)
  const ny = normalize([0, 1, -0.38])
  const nx: V3 = [1, 0, 0]
  const nz = cross(nx, ny)
  ellipsoid(
    out,
    add(nose.p, [0, 0, 0.0025 * H]),
    nx,
    ny,
    nz,
    [0.0062 * H, 0.0135 * H, 0.0068 * H],
    headW,
    'nose',
  )
  // mouth: closed lips, a slight smile
  const mouth = hitFace(body, 0, 0.9 * H)
  const [mx, my, mz] = faceFrame(mouth.n)
  ellipsoid(
    out,
    add(mouth.p, scale(mz, -0.0006 * H)),
    mx,
    my,
    mz,
    [0.0125 * H, 0.0028 * H, 0.0026 * H],
    headW,
    'lips',
    12,
    5,
  )
  return out
}

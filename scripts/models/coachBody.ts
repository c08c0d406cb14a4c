/**
 * The coach's body cage: one closed polygon surface in the rest T-pose (+Y up,
 * facing +Z, left toward +X), lofted from rings along the bone chains. The
 * trunk, neck and head are one tube of 16-point rings; each leg grows from half
 * of the trunk's lowest ring plus a seam under the crotch (both legs share the
 * seam), each arm from a hole in the trunk's side between the armpit and
 * shoulder rings, each hand ends in four fingers lofted from its knuckle ring
 * and a thumb from its side. Rings near a joint carry blended weights of the
 * bones on both sides, so one Catmull–Clark step gives smooth weights over a
 * band of the segment. Sizes are fractions of stature H, turned into metres.
 */
import { BONE } from '../../src/core/coach/skeleton.ts'
import {
  addVerts,
  band,
  cap,
  newCage,
  normalize,
  weights,
  type Cage,
  type V3,
  type Weights,
} from './cage.ts'

type Side = 'left' | 'right'

/** A bone's index; a bone the skeleton may lack falls back to `fallback`. */
export function boneIndex(name: string, fallback?: string): number {
  const table = BONE as Readonly<Record<string, number>>
  const i = table[name] ?? (fallback === undefined ? undefined : table[fallback])
  if (i === undefined) throw new Error('no bone ' + name)
  return i
}

const DEG = Math.PI / 180
/** Points per trunk ring; j = 0 front (+Z), j = 4 left (+X), j = 8 back, j = 12 right. */
const TRUNK_N = 16
/** Mirror of trunk ring point j (x negated). */
const mirrorJ = (j: number): number => (TRUNK_N - j) % TRUNK_N

interface TrunkRing {
  y: number
  a: number
  front: number
  back: number
  z: number
  w: (p: V3) => Weights
}

/** Points of a horizontal ring: x = a sin θ, z = z + (front or back) cos θ; exactly mirror-symmetric. */
function trunkPoints(r: TrunkRing, H: number): V3[] {
  const pts: V3[] = []
  for (let j = 0; j < TRUNK_N; j++) {
    if (j > TRUNK_N / 2) {
      const m = pts[mirrorJ(j)]!
      pts.push([-m[0], m[1], m[2]])
      continue
    }
    const t = j * ((2 * Math.PI) / TRUNK_N)
    const c = Math.cos(t)
    const x = j === 0 || j === TRUNK_N / 2 ? 0 : r.a * Math.sin(t)
    pts.push([x * H, r.y * H, (r.z + (c >= 0 ? r.front : r.back) * c) * H])
  }
  return pts
}

/** A ring around a frame: centre c, β = 0 along u, β = 90° along v; radius a along v, front/back along ±u. */
function frameRing(
  c: V3,
  u: V3,
  v: V3,
  a: number,
  front: number,
  back: number,
  anglesDeg: readonly number[],
  H: number,
): V3[] {
  return anglesDeg.map((deg) => {
    const b = deg * DEG
    const s = Math.sin(b)
    const k = Math.cos(b)
    const r = k >= 0 ? front : back
    return [
      (c[0] + a * s * v[0] + r * k * u[0]) * H,
      (c[1] + a * s * v[1] + r * k * u[1]) * H,
      (c[2] + a * s * v[2] + r * k * u[2]) * H,
    ]
  })
}

/** Builds the body cage at stature H (metres). */
export function buildBodyCage(H: number): Cage {
  const cage = newCage()
  const b = (name: string, fallback?: string): number => boneIndex(name, fallback)
  const hips = b('hips')
  const spine = b('spine')
  const chest = b('chest')
  const neck = b('neck')
  const head = b('head')
  const fixed =
    (...pairs: [number, number][]) =>
    (): Weights =>
      weights(...pairs)
  /** shoulder-ring weights: the side points follow the clavicles, the middle the neck */
  const shoulderW = (p: V3): Weights => {
    const side = Math.min(1, Math.max(0, (Math.abs(p[0]) / H - 0.03) / 0.06))
    const sh = p[0] > 0 ? b('leftShoulder') : b('rightShoulder')
    return weights(
      [sh, 0.6 * side],
      [chest, 0.4 * side + 0.6 * (1 - side)],
      [neck, 0.4 * (1 - side)],
    )
  }
  const leftThigh = b('leftUpperLeg')
  const rightThigh = b('rightUpperLeg')
  /** round the hips and the crotch the thighs take a share: a bent hip spreads over the seat and groin */
  const seatW =
    (thigh: number) =>
    (p: V3): Weights =>
      Math.abs(p[0]) < 1e-9
        ? weights([hips, 1 - thigh], [leftThigh, thigh / 2], [rightThigh, thigh / 2])
        : weights([hips, 1 - thigh], [p[0] > 0 ? leftThigh : rightThigh, thigh])
  const trunk: TrunkRing[] = [
    { y: 0.475, a: 0.092, front: 0.06, back: 0.068, z: 0, w: seatW(THIGH_SHARE.crotch) }, // 0 crotch
    { y: 0.53, a: 0.098, front: 0.062, back: 0.072, z: 0, w: seatW(THIGH_SHARE.hip) }, // 1 hips
    { y: 0.585, a: 0.09, front: 0.06, back: 0.06, z: 0, w: fixed([hips, 0.5], [spine, 0.5]) }, // 2
    {
      y: 0.635,
      a: 0.082,
      front: 0.058,
      back: 0.052,
      z: 0.003,
      w: fixed([spine, 0.85], [hips, 0.15]),
    }, // 3 waist
    { y: 0.69, a: 0.088, front: 0.066, back: 0.055, z: 0, w: fixed([spine, 0.5], [chest, 0.5]) }, // 4
    { y: 0.74, a: 0.095, front: 0.073, back: 0.06, z: 0, w: fixed([chest, 1]) }, // 5 chest
    { y: 0.77, a: 0.097, front: 0.07, back: 0.06, z: 0, w: fixed([chest, 1]) }, // 6 armpit
    { y: 0.83, a: 0.1, front: 0.05, back: 0.05, z: 0, w: shoulderW }, // 7 shoulder
    { y: 0.85, a: 0.045, front: 0.04, back: 0.042, z: -0.004, w: fixed([chest, 0.4], [neck, 0.6]) }, // 8 neck base
    { y: 0.868, a: 0.034, front: 0.036, back: 0.036, z: -0.006, w: fixed([neck, 1]) }, // 9 neck
    { y: 0.885, a: 0.042, front: 0.058, back: 0.042, z: 0, w: fixed([neck, 0.3], [head, 0.7]) }, // 10 chin
    { y: 0.905, a: 0.047, front: 0.06, back: 0.052, z: 0, w: fixed([head, 1]) }, // 11 mouth
    { y: 0.922, a: 0.05, front: 0.06, back: 0.058, z: 0, w: fixed([head, 1]) }, // 12 nose
    { y: 0.94, a: 0.052, front: 0.058, back: 0.062, z: 0, w: fixed([head, 1]) }, // 13 eyes
    { y: 0.96, a: 0.052, front: 0.055, back: 0.062, z: 0, w: fixed([head, 1]) }, // 14 brow
    { y: 0.98, a: 0.047, front: 0.046, back: 0.058, z: 0, w: fixed([head, 1]) }, // 15 forehead
    { y: 0.997, a: 0.032, front: 0.03, back: 0.04, z: -0.002, w: fixed([head, 1]) }, // 16 crown
  ]
  const rings = trunk.map((r) => addVerts(cage, trunkPoints(r, H), (p) => r.w(p)))
  const ARMPIT = 6
  // the arm holes: segments j = 2..5 on the left, their mirrors on the right
  const armHole = new Set([2, 3, 4, 5, 10, 11, 12, 13])
  const trunkRegion = (k: number): string => (k < 2 ? 'trousers' : k < 8 ? 'top' : 'skin')
  for (let k = 0; k + 1 < rings.length; k++) {
    band(cage, rings[k]!, rings[k + 1]!, trunkRegion(k), k === ARMPIT ? armHole : undefined)
  }
  cap(cage, rings[rings.length - 1]!, [0, 1, 0], 'skin', [0, 1.005 * H, -0.008 * H])

  // the crotch seam, shared by both legs: back to front under the hips
  const seam = addVerts(
    cage,
    [
      [0, 0.462 * H, -0.036 * H],
      [0, 0.458 * H, -0.002 * H],
      [0, 0.462 * H, 0.03 * H],
    ],
    weights([hips, SEAM_HIPS], [leftThigh, (1 - SEAM_HIPS) / 2], [rightThigh, (1 - SEAM_HIPS) / 2]),
  )
  for (const side of ['left', 'right'] as const) {
    const s = side === 'left' ? 1 : -1
    const j = (k: number): number => (s > 0 ? k : mirrorJ(k))
    const crotch = rings[0]!
    const legLoop = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => crotch[j(k)]!).concat(seam)
    buildLeg(cage, side, legLoop, H)
    const armpit = rings[ARMPIT]!
    const shoulder = rings[ARMPIT + 1]!
    const armLoop = [2, 3, 4, 5, 6]
      .map((k) => armpit[j(k)]!)
      .concat([6, 5, 4, 3, 2].map((k) => shoulder[j(k)]!))
    buildArm(cage, side, armLoop, H)
  }
  return cage
}

/** The crotch seam's share of the hips; the rest is split between the thighs. */
const SEAM_HIPS = 0.4
/**
 * The thigh's share of the weights on the hip ring, the crotch ring and the
 * first thigh ring, and what is left of it on the inner side of the thigh
 * ring (by the crotch seam). Found by trying bands of shares against the
 * stretches' keyframes: these fold the fewest triangles and stretch the
 * crotch least when a hip bends far (tests/avatar/coachSkinning.test.ts).
 */
const THIGH_SHARE = { hip: 0.26, crotch: 0.65, thigh: 0.88, inner: 0.8 }

/** Leg ring angles: 30° apart from −30° (front, inner) round the outside to the seam. */
const LEG_ANGLES = Array.from({ length: 12 }, (_, i) => -30 + 30 * i)

function buildLeg(cage: Cage, side: Side, loop: number[], H: number): void {
  const s = side === 'left' ? 1 : -1
  const hips = boneIndex('hips')
  const upper = boneIndex(side + 'UpperLeg')
  const lower = boneIndex(side + 'LowerLeg')
  const foot = boneIndex(side + 'Foot')
  // a ring is mirrored by negating x of the centre and of the sideways axis
  const ring = (
    c: V3,
    u: V3,
    a: number,
    front: number,
    back: number,
    w: Weights | ((p: V3, i: number) => Weights),
  ): number[] =>
    addVerts(
      cage,
      frameRing([s * c[0], c[1], c[2]], u, [s, 0, 0], a, front, back, LEG_ANGLES, H),
      w,
    )
  /** the first thigh ring: the thigh's share, less on the inner side where the crotch seam shares both thighs */
  const thighW = (_p: V3, i: number): Weights => {
    const inner = Math.max(0, -Math.sin(LEG_ANGLES[i]! * DEG))
    const u = THIGH_SHARE.thigh * (1 - (1 - THIGH_SHARE.inner) * inner)
    return weights([upper, u], [hips, 1 - u])
  }
  const Z: V3 = [0, 0, 1]
  const Y: V3 = [0, 1, 0]
  const legRings: { ring: number[]; region: string }[] = [
    {
      ring: ring([0.052, 0.44, 0], Z, 0.05, 0.054, 0.06, thighW),
      region: 'trousers',
    },
    {
      ring: ring([0.052, 0.39, 0], Z, 0.047, 0.05, 0.05, weights([upper, 1])),
      region: 'trousers',
    },
    {
      ring: ring([0.051, 0.335, 0], Z, 0.041, 0.043, 0.043, weights([upper, 0.9], [lower, 0.1])),
      region: 'trousers',
    },
    {
      ring: ring([0.05, 0.305, 0.002], Z, 0.038, 0.039, 0.038, weights([upper, 0.7], [lower, 0.3])),
      region: 'trousers',
    },
    {
      ring: ring([0.05, 0.283, 0.003], Z, 0.037, 0.039, 0.037, weights([upper, 0.5], [lower, 0.5])),
      region: 'trousers',
    },
    {
      ring: ring([0.05, 0.262, 0], Z, 0.035, 0.036, 0.037, weights([upper, 0.25], [lower, 0.75])),
      region: 'trousers',
    },
    {
      ring: ring([0.05, 0.21, -0.006], Z, 0.036, 0.032, 0.045, weights([lower, 1])),
      region: 'trousers',
    },
    {
      ring: ring([0.05, 0.14, -0.004], Z, 0.028, 0.028, 0.032, weights([lower, 1])),
      region: 'trousers',
    },
    {
      ring: ring([0.05, 0.085, -0.002], Z, 0.022, 0.023, 0.025, weights([lower, 0.9], [foot, 0.1])),
      region: 'sock',
    },
    // the foot: the tube bends forward; the back of the leg becomes the sole
    {
      ring: ring(
        [0.05, 0.042, -0.008],
        normalize([0, 1, 1]),
        0.026,
        0.028,
        0.047,
        weights([lower, 0.45], [foot, 0.55]),
      ),
      region: 'sock',
    },
    {
      ring: ring([0.05, 0.029, 0.025], Y, 0.03, 0.027, 0.035, weights([foot, 0.9], [lower, 0.1])),
      region: 'sock',
    },
    {
      ring: ring([0.051, 0.023, 0.06], Y, 0.034, 0.021, 0.029, weights([foot, 1])),
      region: 'sock',
    },
    {
      ring: ring([0.052, 0.018, 0.092], Y, 0.035, 0.015, 0.024, weights([foot, 1])),
      region: 'sock',
    },
    { ring: ring([0.052, 0.014, 0.116], Y, 0.03, 0.011, 0.02, weights([foot, 1])), region: 'sock' },
  ]
  let prev = loop
  for (const { ring: r, region } of legRings) {
    band(cage, prev, r, region)
    prev = r
  }
  cap(cage, prev, [0, 0, 1], 'sock', [s * 0.052 * H, 0.01 * H, 0.128 * H], weights([foot, 1]))
}

/** Arm ring angles about the arm: 36° apart, bottom row front → back, then top row back → front. */
const ARM_ANGLES = Array.from({ length: 10 }, (_, i) => 342 - 36 * i)
/** Hand columns across the hand (z, fractions of H): front (thumb side) to back. */
const HAND_COLS = [0.026, 0.013, 0, -0.013, -0.026]

/** The upper arm's share in the armpit on the first three arm rings (the top of the shoulder: 0.55, 0.85, 1). */
const ARM_UNDER = [0.35, 0.7, 0.95] as const

function buildArm(cage: Cage, side: Side, loop: number[], H: number): void {
  const s = side === 'left' ? 1 : -1
  const shoulder = boneIndex(side + 'Shoulder')
  const upper = boneIndex(side + 'UpperArm')
  const lower = boneIndex(side + 'LowerArm')
  const hand = boneIndex(side + 'Hand')
  const index = boneIndex(side + 'IndexProximal', side + 'Hand')
  const thumb = boneIndex(side + 'ThumbProximal', side + 'Hand')
  const X: V3 = [s, 0, 0]
  // rings about the arm: β measured from the front (+Z) toward up (+Y)
  const round = (
    x: number,
    cy: number,
    ry: number,
    rz: number,
    w: Weights | ((p: V3, i: number) => Weights),
  ): number[] =>
    addVerts(
      cage,
      ARM_ANGLES.map((deg): V3 => {
        const a = deg * DEG
        return [s * x * H, (cy + ry * Math.sin(a)) * H, rz * Math.cos(a) * H]
      }),
      w,
    )
  /** a flat hand section: bottom row (palm) at y0 + bottom, top row (back of the hand) at y0 + top */
  const flat = (
    x: number,
    y0: number,
    bottom: number,
    top: number,
    widen: number,
    w: Weights,
  ): number[] =>
    addVerts(
      cage,
      Array.from({ length: 10 }, (_, i): V3 => {
        const col = i < 5 ? i : 9 - i
        const edge = col === 0 || col === 4 ? 0.6 : 1 // round the hand's edges
        const y = y0 + (i < 5 ? bottom : top) * edge
        return [s * x * H, y * H, HAND_COLS[col]! * widen * H]
      }),
      w,
    )
  /**
   * Round the arm's root the upper arm's share grows from `top` over the
   * shoulder to `under` in the armpit: with the arm lowered, the armpit folds
   * over a wider band than the top of the shoulder stretches.
   */
  const rootW =
    (top: number, under: number, other: number) =>
    (_p: V3, i: number): Weights => {
      const t = (1 - Math.sin(ARM_ANGLES[i]! * DEG)) / 2
      const u = top + (under - top) * t
      return weights([upper, u], [other, 1 - u])
    }
  const armRings: { ring: number[]; region: string }[] = [
    { ring: round(0.125, 0.806, 0.036, 0.042, rootW(0.55, ARM_UNDER[0], shoulder)), region: 'top' },
    { ring: round(0.165, 0.81, 0.031, 0.034, rootW(0.85, ARM_UNDER[1], shoulder)), region: 'top' },
    { ring: round(0.22, 0.814, 0.028, 0.029, rootW(1, ARM_UNDER[2], shoulder)), region: 'top' },
    {
      ring: round(0.28, 0.816, 0.025, 0.026, weights([upper, 0.85], [lower, 0.15])),
      region: 'skin',
    },
    {
      ring: round(0.315, 0.817, 0.024, 0.024, weights([upper, 0.5], [lower, 0.5])),
      region: 'skin',
    },
    {
      ring: round(0.345, 0.817, 0.025, 0.027, weights([upper, 0.2], [lower, 0.8])),
      region: 'skin',
    },
    { ring: round(0.39, 0.817, 0.021, 0.024, weights([lower, 1])), region: 'skin' },
    { ring: round(0.44, 0.817, 0.014, 0.02, weights([lower, 0.85], [hand, 0.15])), region: 'skin' },
  ]
  let prev = loop
  for (const { ring, region } of armRings) {
    band(cage, prev, ring, region)
    prev = ring
  }
  const wrist = round(0.462, 0.816, 0.0125, 0.021, weights([lower, 0.5], [hand, 0.5]))
  band(cage, prev, wrist, 'skin')
  const palm = flat(0.495, 0.814, -0.0105, 0.0065, 1, weights([hand, 1]))
  // the front quad between wrist and palm (segment 9: top-front → bottom-front) is the thumb's root
  band(cage, wrist, palm, 'skin', new Set([9]))
  // the knuckles bend half with the hand, half with the fingers: a gripping hand folds its palm side least so
  const knuckles = flat(0.522, 0.813, -0.0085, 0.0055, 1.02, weights([hand, 0.5], [index, 0.5]))
  band(cage, palm, knuckles, 'skin')

  // four fingers from the knuckle ring: index at the front (thumb side), little finger at the back
  const LENGTH = [0.043, 0.047, 0.044, 0.036]
  for (let f = 0; f < 4; f++) {
    const fingerLoop = [knuckles[f]!, knuckles[f + 1]!, knuckles[8 - f]!, knuckles[9 - f]!]
    const zc = (HAND_COLS[f]! + HAND_COLS[f + 1]!) / 2
    const yc = 0.8105
    const sq = (x: number, hy: number, hz: number, w: Weights): number[] =>
      addVerts(
        cage,
        [
          [s * x * H, (yc - hy) * H, (zc + hz) * H],
          [s * x * H, (yc - hy) * H, (zc - hz) * H],
          [s * x * H, (yc + hy) * H, (zc - hz) * H],
          [s * x * H, (yc + hy) * H, (zc + hz) * H],
        ],
        w,
      )
    const L = LENGTH[f]!
    const r1 = sq(0.522 + L * 0.22, 0.0047, 0.0052, weights([index, 0.85], [hand, 0.15]))
    const r2 = sq(0.522 + L * 0.62, 0.0043, 0.0048, weights([index, 1]))
    const r3 = sq(0.522 + L, 0.003, 0.0034, weights([index, 1]))
    band(cage, fingerLoop, r1, 'skin')
    band(cage, r1, r2, 'skin')
    band(cage, r2, r3, 'skin')
    cap(cage, r3, X, 'skin')
  }

  // the thumb: from the hand's front side, forward and toward the fingers, a little down
  const thumbLoop = [wrist[9]!, wrist[0]!, palm[0]!, palm[9]!]
  const dir = normalize([s * 0.55, -0.25, 0.8])
  // toward the fingers, square to the thumb
  const along = normalize([s - s * dir[0] * dir[0], -s * dir[0] * dir[1], -s * dir[0] * dir[2]])
  const up = normalize([0, 1, 0.25])
  const base: V3 = [s * 0.481, 0.811, 0.03]
  const thumbRing = (t: number, hu: number, ha: number, w: Weights): number[] => {
    const c: V3 = [base[0] + dir[0] * t, base[1] + dir[1] * t, base[2] + dir[2] * t]
    const pt = (su: number, sa: number): V3 => [
      (c[0] + su * hu * up[0] + sa * ha * along[0]) * H,
      (c[1] + su * hu * up[1] + sa * ha * along[1]) * H,
      (c[2] + su * hu * up[2] + sa * ha * along[2]) * H,
    ]
    // same order as the loop: top-proximal, bottom-proximal, bottom-distal, top-distal
    return addVerts(cage, [pt(1, -1), pt(-1, -1), pt(-1, 1), pt(1, 1)], w)
  }
  const t1 = thumbRing(0.012, 0.0062, 0.0075, weights([thumb, 0.7], [hand, 0.3]))
  const t2 = thumbRing(0.026, 0.0052, 0.0055, weights([thumb, 1]))
  const t3 = thumbRing(0.038, 0.0036, 0.0038, weights([thumb, 1]))
  band(cage, thumbLoop, t1, 'skin')
  band(cage, t1, t2, 'skin')
  band(cage, t2, t3, 'skin')
  cap(cage, t3, dir, 'skin')
}

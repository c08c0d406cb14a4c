/**
 * The rooms the streak rewards unlock, generated in code (no textures, no
 * files): each is a lit mesh (floor, walls, the mat, props) and an unlit
 * backdrop (sky, far scenery), both with a colour per vertex, so any room
 * costs at most two draw calls per eye beside the countertop. The studio is
 * today's room (src/scenes/roomShell.ts) with no backdrop: the scene's
 * background colour shows beyond it.
 *
 * Frames as in roomLayout.ts: metres, +Y up, the user at the origin looking
 * down −Z; the back wall at z = −3, the left wall at x = −3.
 */
import {
  BoxGeometry,
  BufferGeometry,
  CircleGeometry,
  Color,
  ConeGeometry,
  CylinderGeometry,
  DodecahedronGeometry,
  Float32BufferAttribute,
  IcosahedronGeometry,
  PlaneGeometry,
  RingGeometry,
  SphereGeometry,
} from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'
import { MAT, ROOM } from '../roomLayout.ts'
import { createRoomShell, ROOM_COLOURS } from '../roomShell.ts'

/** The environments there are (the ids of the environment streak rewards). */
export const ENVIRONMENT_IDS = ['studio', 'garden', 'beach', 'mountain', 'aurora'] as const
/** One environment's id. */
export type EnvironmentId = (typeof ENVIRONMENT_IDS)[number]

/** Whether a value names an environment. */
export function isEnvironmentId(value: unknown): value is EnvironmentId {
  return typeof value === 'string' && (ENVIRONMENT_IDS as readonly string[]).includes(value)
}

/** The lights of an environment: a sky/ground fill, a key light and a soft fill light. */
export interface EnvironmentLights {
  sky: string
  ground: string
  hemisphere: number
  key: string
  keyIntensity: number
  keyPosition: readonly [number, number, number]
  fill: string
  fillIntensity: number
  fillPosition: readonly [number, number, number]
}

/** Each environment's lighting mood; the studio's is the room's light as it always was. */
export const ENVIRONMENT_LIGHTS: { readonly [E in EnvironmentId]: EnvironmentLights } = {
  studio: {
    sky: '#f4f7ff',
    ground: '#b8a88f',
    hemisphere: 1.4,
    key: '#fff6e8',
    keyIntensity: 1.6,
    keyPosition: [2.5, 4, 3],
    fill: '#dce8ff',
    fillIntensity: 0.35,
    fillPosition: [-3, 2.5, -1],
  },
  // bright morning sun, green bounce from the grass
  garden: {
    sky: '#eaf4ff',
    ground: '#8fae6a',
    hemisphere: 1.3,
    key: '#fff3d6',
    keyIntensity: 1.9,
    keyPosition: [3, 5, 2],
    fill: '#d8f0ff',
    fillIntensity: 0.4,
    fillPosition: [-3, 2.5, -1],
  },
  // low warm sun ahead, violet sky behind
  beach: {
    sky: '#c9b3d9',
    ground: '#e8c9a0',
    hemisphere: 1.2,
    key: '#ffc58f',
    keyIntensity: 1.8,
    keyPosition: [2, 1.6, -4],
    fill: '#a9b4ff',
    fillIntensity: 0.45,
    fillPosition: [-2, 3, 3],
  },
  // warm lamp light inside the hut, cool daylight through the windows
  mountain: {
    sky: '#fff1dc',
    ground: '#9c7a58',
    hemisphere: 1.3,
    key: '#ffe2b8',
    keyIntensity: 1.5,
    keyPosition: [2, 3.5, 2.5],
    fill: '#cfe0ff',
    fillIntensity: 0.6,
    fillPosition: [-1, 2, -4],
  },
  // moonlight and a green glow from the lights in the sky; bright enough to follow the coach
  aurora: {
    sky: '#9fb4e8',
    ground: '#3a4866',
    hemisphere: 1.25,
    key: '#d6e4ff',
    keyIntensity: 1.3,
    keyPosition: [2.5, 4, 3],
    fill: '#6dffc0',
    fillIntensity: 0.7,
    fillPosition: [-2, 3, -4],
  },
}

/**
 * The radius of the sky dome (m): inside the cameras' 50 m far plane from anywhere the
 * orbit controls reach (10 m from the point looked at, itself within 2 m of the mat).
 */
export const SKY_RADIUS_M = 36

const _c = new Color()
const _d = new Color()
const _e = new Color()

/** A small seeded random generator (mulberry32): the same props every time. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Linear working colour of an sRGB hex (three converts on `set`). */
function lin(hex: string, out: Color = new Color()): Color {
  return out.set(hex)
}

/**
 * Makes `g` non-indexed without uv and gives each vertex a colour: one colour
 * (`jitter` varies its brightness triangle by triangle for a faceted look), or
 * a colour from the vertex position.
 */
function paint(
  g: BufferGeometry,
  colour: string | ((x: number, y: number, z: number, out: Color) => void),
  jitter = 0,
  rand: () => number = Math.random,
): BufferGeometry {
  const flat = g.index ? g.toNonIndexed() : g
  if (flat !== g) g.dispose()
  flat.deleteAttribute('uv')
  const pos = flat.attributes.position!
  const n = pos.count
  const out = new Float32Array(n * 3)
  if (typeof colour === 'string') lin(colour, _c)
  let k = 1
  for (let i = 0; i < n; i++) {
    if (typeof colour !== 'string') colour(pos.getX(i), pos.getY(i), pos.getZ(i), _c)
    if (i % 3 === 0) k = jitter > 0 ? 1 + (rand() - 0.5) * 2 * jitter : 1
    out[i * 3] = _c.r * k
    out[i * 3 + 1] = _c.g * k
    out[i * 3 + 2] = _c.b * k
  }
  flat.setAttribute('color', new Float32BufferAttribute(out, 3))
  return flat
}

/** Joins painted parts into one geometry (and frees the parts). */
function join(parts: BufferGeometry[]): BufferGeometry {
  const out = mergeGeometries(parts, false)
  for (const p of parts) p.dispose()
  if (!out) throw new Error('environment parts with different attributes cannot be joined')
  out.computeBoundingSphere()
  return out
}

/** The exercise mat, as in the studio. */
function mat(): BufferGeometry {
  const g = new BoxGeometry(MAT.lengthM, MAT.thicknessM, MAT.widthM).translate(
    MAT.centre[0],
    MAT.thicknessM / 2,
    MAT.centre[2],
  )
  return paint(g, ROOM_COLOURS.mat)
}

/**
 * A flat floor disc of `radius` (m) in rings, so its colour varies patch by
 * patch (a plain disc is a fan: its varied triangles read as rays from the middle).
 */
function groundDisc(radius: number, colour: string, rand: () => number, jitter = 0.03) {
  const g = new RingGeometry(0.01, radius, 48, 14).rotateX(-Math.PI / 2)
  return paint(g, colour, jitter, rand)
}

/** A colour ramp by elevation (degrees, ascending) for the sky. */
type Ramp = readonly (readonly [number, string])[]

function rampAt(ramp: Ramp, elevationDeg: number, out: Color): Color {
  const first = ramp[0]!
  if (elevationDeg <= first[0]) return lin(first[1], out)
  for (let i = 1; i < ramp.length; i++) {
    const [e1, c1] = ramp[i]!
    const [e0, c0] = ramp[i - 1]!
    if (elevationDeg <= e1) {
      lin(c0, out)
      return out.lerp(lin(c1, _d), (elevationDeg - e0) / (e1 - e0))
    }
  }
  return lin(ramp[ramp.length - 1]![1], out)
}

/**
 * The sky dome: colours by elevation, below the horizon the far ground;
 * `glow` warms the sky toward an azimuth (the setting sun).
 */
function skyDome(
  ramp: Ramp,
  farGround: string,
  glow: { towardX: number; towardZ: number; colour: string; strength: number } | null = null,
): BufferGeometry {
  const g = new SphereGeometry(SKY_RADIUS_M, 48, 24)
  const ground = lin(farGround)
  const glowColour = glow ? lin(glow.colour) : null
  return paint(g, (x, y, z, out) => {
    const r = Math.hypot(x, y, z)
    const elev = (Math.asin(Math.max(-1, Math.min(1, y / r))) * 180) / Math.PI
    if (elev < -0.5) {
      out.copy(ground)
      return
    }
    rampAt(ramp, elev, out)
    if (glow && glowColour) {
      const h = Math.hypot(x, z) || 1
      const facing = Math.max(0, (x * glow.towardX + z * glow.towardZ) / h)
      const w = glow.strength * facing ** 4 * Math.max(0, 1 - elev / 35)
      out.lerp(glowColour, Math.min(1, w))
    }
  })
}

/** A ring of far hills or peaks (unlit): heights from a sum of waves, coloured by height. */
function skyline(
  radius: number,
  height: (azimuth: number) => number,
  colourAt: (heightM: number, topM: number, out: Color) => void,
  segments = 96,
): BufferGeometry {
  const pos: number[] = []
  const col: number[] = []
  const push = (a: number, y: number, top: number) => {
    pos.push(Math.sin(a) * radius, y, -Math.cos(a) * radius)
    colourAt(y, top, _c)
    col.push(_c.r, _c.g, _c.b)
  }
  // each column from the ground up to the ridge line in `levels` bands, so colours by height hold
  const levels = 6
  for (let i = 0; i < segments; i++) {
    const a0 = (i / segments) * Math.PI * 2
    const a1 = ((i + 1) / segments) * Math.PI * 2
    const h0 = height(a0)
    const h1 = height(a1)
    for (let k = 0; k < levels; k++) {
      const b0 = -0.5 + ((h0 + 0.5) * k) / levels
      const b1 = -0.5 + ((h1 + 0.5) * k) / levels
      const t0 = -0.5 + ((h0 + 0.5) * (k + 1)) / levels
      const t1 = -0.5 + ((h1 + 0.5) * (k + 1)) / levels
      push(a0, b0, h0)
      push(a1, b1, h1)
      push(a1, t1, h1)
      push(a0, b0, h0)
      push(a1, t1, h1)
      push(a0, t0, h0)
    }
  }
  const g = new BufferGeometry()
  g.setAttribute('position', new Float32BufferAttribute(pos, 3))
  g.setAttribute('color', new Float32BufferAttribute(col, 3))
  g.computeVertexNormals()
  return g
}

/** A low bush: a squashed, faceted ball. */
function bush(x: number, z: number, r: number, colour: string, rand: () => number) {
  const g = new IcosahedronGeometry(r, 1).scale(1.25, 0.75, 1).translate(x, r * 0.55, z)
  return paint(g, colour, 0.18, rand)
}

/** A tree: a trunk and a faceted crown. */
function tree(x: number, z: number, h: number, crown: string, rand: () => number) {
  const trunk = paint(
    new CylinderGeometry(0.1, 0.16, h * 0.55, 7).translate(x, h * 0.275, z),
    '#6b4f36',
    0.1,
    rand,
  )
  const top = paint(new IcosahedronGeometry(h * 0.32, 1).translate(x, h * 0.7, z), crown, 0.2, rand)
  return [trunk, top]
}

/** A pine: a trunk and stacked cones, the snowy ones paler at the top. */
function pine(x: number, z: number, h: number, snowy: boolean, rand: () => number) {
  const parts = [
    paint(new CylinderGeometry(0.07, 0.1, h * 0.25, 6).translate(x, h * 0.125, z), '#4a3526'),
  ]
  for (let i = 0; i < 3; i++) {
    const r = h * (0.32 - i * 0.08)
    const ch = h * 0.42
    const y = h * (0.2 + i * 0.22) + ch / 2
    const base = y - ch / 2
    parts.push(
      paint(
        new ConeGeometry(r, ch, 8).translate(x, y, z),
        (_x, py, _z, out) => {
          lin('#1f4a34', out)
          if (snowy) out.lerp(lin('#e8f0fa', _d), Math.min(1, Math.max(0, (py - base) / ch) * 0.8))
        },
        0.15,
        rand,
      ),
    )
  }
  return parts
}

/** A rock: a squashed, faceted dodecahedron. */
function rock(x: number, z: number, r: number, colour: string, rand: () => number) {
  const g = new DodecahedronGeometry(r, 0)
    .scale(1.3, 0.6 + rand() * 0.3, 1)
    .rotateY(rand() * Math.PI)
    .translate(x, r * 0.25, z)
  return paint(g, colour, 0.2, rand)
}

/** Horizontal planks of a wall, leaving out `hole` ([from, to] along the wall, [bottom, top]). */
function plankWall(
  length: number,
  height: number,
  hole: readonly [number, number, number, number] | null,
  shades: readonly string[],
  rand: () => number,
): BufferGeometry[] {
  const parts: BufferGeometry[] = []
  const plank = 0.22
  const rows = Math.ceil(height / plank)
  for (let r = 0; r < rows; r++) {
    const y0 = r * plank
    const y1 = Math.min(height, y0 + plank)
    const shade = shades[r % shades.length]!
    // along the wall from −length/2 to length/2, split around the hole
    const spans: [number, number][] =
      hole && y1 > hole[2] + 1e-6 && y0 < hole[3] - 1e-6
        ? [
            [-length / 2, hole[0]],
            [hole[1], length / 2],
          ]
        : [[-length / 2, length / 2]]
    for (const [a, b] of spans) {
      const g = new PlaneGeometry(b - a, y1 - y0).translate((a + b) / 2, (y0 + y1) / 2, 0)
      parts.push(paint(g, shade, 0.05, rand))
    }
  }
  return parts
}

/** A window frame (four bars and a cross) in a wall's own frame, facing +Z. */
function windowFrame(hole: readonly [number, number, number, number]): BufferGeometry[] {
  const [x0, x1, y0, y1] = hole
  const t = 0.08
  const d = 0.12
  const bar = (w: number, h: number, x: number, y: number) =>
    paint(new BoxGeometry(w, h, d).translate(x, y, 0), '#5a3e28')
  return [
    bar(x1 - x0 + 2 * t, t, (x0 + x1) / 2, y0 - t / 2),
    bar(x1 - x0 + 2 * t, t, (x0 + x1) / 2, y1 + t / 2),
    bar(t, y1 - y0, x0 - t / 2, (y0 + y1) / 2),
    bar(t, y1 - y0, x1 + t / 2, (y0 + y1) / 2),
    bar(t * 0.6, y1 - y0, (x0 + x1) / 2, (y0 + y1) / 2),
    bar(x1 - x0, t * 0.6, (x0 + x1) / 2, (y0 + y1) / 2),
  ]
}

/** Places a wall built facing +Z at the back wall (z = −3) or turned onto the left wall (x = −3). */
function atBackWall(g: BufferGeometry): BufferGeometry {
  return g.translate(0, 0, ROOM.backWallZ)
}
function atLeftWall(g: BufferGeometry): BufferGeometry {
  return g.rotateY(Math.PI / 2).translate(ROOM.leftWallX, 0, 0)
}

// ——— the environments ———

function gardenShell(withMat: boolean): BufferGeometry {
  const rand = seeded(3)
  const parts = [groundDisc(30, '#6f9d4c', rand, 0.03)]
  // a low hedge of bushes where the studio's walls were, and a few more around
  for (let i = 0; i < 8; i++) {
    const x = -3.6 + i * 1.05 + rand() * 0.3
    parts.push(
      bush(x, -3.4 - rand() * 0.4, 0.45 + rand() * 0.2, i % 3 ? '#3f7a3a' : '#4f8c3f', rand),
    )
  }
  for (let i = 0; i < 6; i++) {
    const z = -2.4 + i * 1.1 + rand() * 0.3
    parts.push(
      bush(-3.5 - rand() * 0.4, z, 0.4 + rand() * 0.25, i % 2 ? '#467f3b' : '#5a9444', rand),
    )
  }
  // flowers: small bright dots in front of the hedge
  for (let i = 0; i < 14; i++) {
    const x = -3.2 + rand() * 6
    const f = new IcosahedronGeometry(0.07, 0).translate(x, 0.07, -2.85 - rand() * 0.2)
    parts.push(paint(f, i % 3 === 0 ? '#f2c94c' : i % 3 === 1 ? '#e58fb0' : '#ffffff'))
  }
  parts.push(...tree(-5, -5.5, 3.6, '#4e8a3c', rand), ...tree(4.5, -6, 4.2, '#5b9a45', rand))
  parts.push(...tree(-6.5, 2.5, 3.2, '#477f37', rand), ...tree(7, 3, 3.8, '#5b9a45', rand))
  if (withMat) parts.push(mat())
  return join(parts)
}

function gardenBackdrop(): BufferGeometry {
  const parts = [
    skyDome(
      [
        [0, '#e4f0ea'],
        [12, '#bfdcef'],
        [45, '#86b8e0'],
        [90, '#5f9bd6'],
      ],
      '#6a9a4a',
    ),
    skyline(
      SKY_RADIUS_M - 3,
      (a) => 2.2 + 1.2 * Math.sin(a * 3 + 0.4) + 0.8 * Math.sin(a * 7 + 1.3),
      (y, top, out) => {
        lin('#5f8f4a', out).lerp(lin('#8fb37a', _d), top > 0 ? Math.max(0, y) / top : 0)
      },
    ),
  ]
  return join(parts)
}

/** The beach's sand runs to x = −8 and z = −8; beyond it is the sea. */
const SHORE = -8

function beachShell(withMat: boolean): BufferGeometry {
  const rand = seeded(7)
  const sandSize = 30
  const sand = new PlaneGeometry(sandSize, sandSize, 12, 12)
    .rotateX(-Math.PI / 2)
    .translate(SHORE + sandSize / 2, 0, SHORE + sandSize / 2)
  const parts = [
    paint(
      sand,
      (x, _y, z, out) => {
        // darker, wet sand at the water's edge
        const edge = Math.min(x, z) - SHORE
        lin('#b8946a', out).lerp(lin('#e6cc9c', _d), Math.min(1, edge / 2.5))
      },
      0.02,
      rand,
    ),
  ]
  // a few rocks off to the sides of the views
  for (const [x, z, r] of [
    [-5.6, -3.2, 0.45],
    [-4.9, -3.9, 0.28],
    [5.2, -4.4, 0.38],
    [-6.2, 3.5, 0.35],
  ] as const)
    parts.push(rock(x, z, r, '#a8968a', rand))
  // driftwood
  parts.push(
    paint(
      new CylinderGeometry(0.09, 0.12, 2.2, 7)
        .rotateZ(Math.PI / 2)
        .rotateY(0.5)
        .translate(-2.2, 0.1, -4.2),
      '#9a8268',
      0.1,
      rand,
    ),
  )
  // two palms: a leaning trunk and drooping fronds
  for (const [px, pz, lean] of [
    [-5, 1.5, 0.25],
    [3.8, -5.5, -0.2],
  ] as const) {
    for (let s = 0; s < 5; s++) {
      const y = 0.5 + s * 0.9
      parts.push(
        paint(
          new CylinderGeometry(0.11 - s * 0.01, 0.13 - s * 0.01, 0.95, 7).translate(
            px + lean * s * 0.35,
            y,
            pz,
          ),
          s % 2 ? '#8a6a48' : '#7a5c3e',
        ),
      )
    }
    const topX = px + lean * 4 * 0.35
    for (let f = 0; f < 7; f++) {
      const frond = new ConeGeometry(0.22, 1.8, 4)
        .scale(1, 1, 0.25)
        .translate(0, 0.9, 0)
        .rotateZ(-1.9)
        .rotateY((f / 7) * Math.PI * 2)
        .translate(topX, 4.5, pz)
      parts.push(paint(frond, '#3f7a3a', 0.15, rand))
    }
  }
  if (withMat) parts.push(mat())
  return join(parts)
}

function beachBackdrop(): BufferGeometry {
  const rand = seeded(11)
  // the sun sets ahead and to the right of the user (−Z, +X)
  const sx = Math.sin(0.5)
  const sz = -Math.cos(0.5)
  const sky = skyDome(
    [
      [0, '#f6a46e'],
      [6, '#e98a78'],
      [20, '#a5709e'],
      [45, '#5a4f8f'],
      [90, '#2a2f66'],
    ],
    '#2c4a6a',
    { towardX: sx, towardZ: sz, colour: '#ffd08a', strength: 0.9 },
  )
  // the sea: below everything, seen beyond the sand; lit by the sunset toward the sun
  const sea = new CircleGeometry(SKY_RADIUS_M - 1, 64, 0, Math.PI * 2).rotateX(-Math.PI / 2)
  sea.translate(0, -0.05, 0)
  const seaPainted = paint(
    sea,
    (x, _y, z, out) => {
      const h = Math.hypot(x, z) || 1
      const facing = Math.max(0, (x * sx + z * sz) / h)
      const far = Math.min(1, h / (SKY_RADIUS_M - 1))
      lin('#1f4d6b', out).lerp(lin('#5c6f95', _d), far * 0.6)
      out.lerp(lin('#f2a070', _d), facing ** 6 * far)
    },
    0.04,
    rand,
  )
  const sun = paint(
    new CircleGeometry(2.2, 24)
      .rotateY(Math.PI - 0.5)
      .translate(sx * (SKY_RADIUS_M - 2), 1.6, sz * (SKY_RADIUS_M - 2)),
    '#ffe2a8',
  )
  return join([sky, seaPainted, sun])
}

// windows from plank seam to plank seam (planks are 0.22 m): no gap above or below the frame
const WINDOW: readonly [number, number, number, number] = [-1.25, 1.25, 0.88, 2.2]

function mountainShell(withMat: boolean): BufferGeometry {
  const rand = seeded(17)
  const parts: BufferGeometry[] = []
  // floor planks along X
  const plank = 0.3
  const n = Math.round(ROOM.floorM / plank)
  for (let i = 0; i < n; i++) {
    const z = -ROOM.floorM / 2 + (i + 0.5) * plank
    const g = new PlaneGeometry(ROOM.floorM, plank).rotateX(-Math.PI / 2).translate(0, 0, z)
    parts.push(paint(g, i % 3 === 0 ? '#a47a50' : i % 3 === 1 ? '#b58a5c' : '#9a7048', 0.04, rand))
  }
  const shades = ['#b88b5e', '#a87d52', '#c39568']
  for (const g of plankWall(ROOM.floorM, ROOM.wallHeightM, WINDOW, shades, rand))
    parts.push(atBackWall(g))
  for (const g of windowFrame(WINDOW)) parts.push(atBackWall(g))
  // the left wall's window is off to the side of the preview's front view of the coach
  const leftHole: readonly [number, number, number, number] = [-1.8, 0.4, 0.88, 2.2]
  for (const g of plankWall(ROOM.floorM, ROOM.wallHeightM, leftHole, shades, rand))
    parts.push(atLeftWall(g))
  for (const g of windowFrame(leftHole)) parts.push(atLeftWall(g))
  // a bench along the back wall, a stove in the corner with its pipe
  parts.push(paint(new BoxGeometry(1.6, 0.08, 0.4).translate(2.4, 0.45, -2.75), '#7a5535'))
  parts.push(paint(new BoxGeometry(0.08, 0.45, 0.36).translate(1.7, 0.225, -2.75), '#6a4a2e'))
  parts.push(paint(new BoxGeometry(0.08, 0.45, 0.36).translate(3.1, 0.225, -2.75), '#6a4a2e'))
  parts.push(
    paint(new BoxGeometry(0.6, 0.7, 0.5).translate(-2.55, 0.35, -2.6), '#3b3b3f', 0.05, rand),
  )
  parts.push(paint(new CylinderGeometry(0.08, 0.08, 2, 10).translate(-2.55, 1.7, -2.6), '#2f2f33'))
  // a shelf with a few books
  parts.push(paint(new BoxGeometry(0.3, 0.04, 1.2).translate(-2.85, 1.5, 1.6), '#7a5535'))
  for (let i = 0; i < 6; i++) {
    const h = 0.18 + rand() * 0.08
    parts.push(
      paint(
        new BoxGeometry(0.2, h, 0.05).translate(-2.85, 1.52 + h / 2, 1.15 + i * 0.09),
        ['#8c3b3b', '#3b5c8c', '#c9a23b', '#4f7a4a'][i % 4]!,
      ),
    )
  }
  if (withMat) parts.push(mat())
  return join(parts)
}

function mountainBackdrop(): BufferGeometry {
  const sky = skyDome(
    [
      [0, '#e8eef5'],
      [15, '#b9d2ec'],
      [60, '#7fa9d8'],
      [90, '#6a98cf'],
    ],
    '#6f8a5c',
  )
  // low enough in the sky (3–14° up) that the windows, at eye height, frame the summits
  const peaks = skyline(
    SKY_RADIUS_M - 4,
    (a) => {
      // jagged: a few sharp summits over a rolling range
      const ridge = 2.6 + 1.2 * Math.sin(a * 2 + 0.7) + 0.8 * Math.sin(a * 5 + 2.1)
      const summits =
        5.5 * Math.abs(Math.sin(a * 4 + 0.3)) ** 5 + 3 * Math.abs(Math.sin(a * 9 + 1)) ** 8
      return ridge + summits
    },
    (y, _top, out) => {
      // forest, grey rock, then snow
      if (y < 1.6) lin('#3f5e45', out)
      else if (y < 5) lin('#6f7a8a', out).lerp(lin('#98a2b0', _d), (y - 1.6) / 3.4)
      else lin('#f4f7fb', out)
    },
    200,
  )
  return join([sky, peaks])
}

function auroraShell(withMat: boolean): BufferGeometry {
  const rand = seeded(23)
  const parts = [groundDisc(30, '#dfe8f2', rand, 0.015)]
  for (const [x, z, h] of [
    [-4.2, -3.8, 3.4],
    [-3.4, -5.2, 4.2],
    [-5.2, -0.8, 3.1],
    [-4.6, 2.8, 3.8],
    [3.8, -4.6, 3.6],
    [5.6, -2.4, 4.4],
    [5.2, 3.4, 3.3],
    [1.2, -6.5, 4.8],
  ] as const)
    parts.push(...pine(x, z, h, true, rand))
  // low snowdrifts, away from the counter and the mat
  for (const [x, z] of [
    [-5.2, -2.6],
    [-5.8, 0.6],
    [2.5, -5.2],
    [6, 0.8],
  ] as const) {
    const g = new SphereGeometry(0.9 + rand() * 0.5, 12, 6, 0, Math.PI * 2, 0, Math.PI / 2)
      .scale(1.8, 0.3, 1.2)
      .translate(x, 0, z)
    parts.push(paint(g, '#e9f0f8', 0.03, rand))
  }
  if (withMat) parts.push(mat())
  return join(parts)
}

function auroraBackdrop(): BufferGeometry {
  const rand = seeded(29)
  const skyRamp: Ramp = [
    [0, '#1d2c4f'],
    [15, '#101c3a'],
    [50, '#070e24'],
    [90, '#04081a'],
  ]
  const parts = [skyDome(skyRamp, '#c9d6e6')]
  // stars: small triangles over the upper sky
  const pos: number[] = []
  const col: number[] = []
  for (let i = 0; i < 220; i++) {
    const az = rand() * Math.PI * 2
    const el = (12 + rand() * 76) * (Math.PI / 180)
    const r = SKY_RADIUS_M - 0.5
    const cx = Math.cos(el) * Math.sin(az) * r
    const cy = Math.sin(el) * r
    const cz = -Math.cos(el) * Math.cos(az) * r
    const s = 0.06 + rand() * 0.08
    pos.push(cx - s, cy - s, cz, cx + s, cy - s, cz, cx, cy + s, cz)
    pos.push(cx, cy - s, cz - s, cx, cy - s, cz + s, cx, cy + s, cz)
    const b = 0.6 + rand() * 0.4
    for (let v = 0; v < 6; v++) col.push(b, b, b * 1.05)
  }
  const stars = new BufferGeometry()
  stars.setAttribute('position', new Float32BufferAttribute(pos, 3))
  stars.setAttribute('color', new Float32BufferAttribute(col, 3))
  stars.computeVertexNormals()
  parts.push(stars)
  // the aurora: wavy curtains, bright green at their foot, violet above, fading into the sky at
  // the top and at both ends (opaque in one mesh, so the curtains keep to azimuths of their own)
  for (const [from, to, low, high, phase] of [
    [-1.3, 0.3, 10, 38, 0.2],
    [0.5, 2.2, 14, 46, 1.7],
    [-2.6, -1.45, 8, 30, 3.1],
  ] as const) {
    const cp: number[] = []
    const cc: number[] = []
    const segs = 60
    const r = SKY_RADIUS_M - 3
    // rows up the curtain: height fraction, then how much of the sky shows through there
    const rows = [0, 0.5, 1] as const
    const at = (az: number, elDeg: number, row: number) => {
      const wave = 1.8 * Math.sin(az * 9 + phase) + 0.8 * Math.sin(az * 23 + phase * 2)
      const rr = r + wave
      const el = (elDeg * Math.PI) / 180
      cp.push(
        Math.cos(el) * Math.sin(az) * rr,
        Math.sin(el) * rr,
        -Math.cos(el) * Math.cos(az) * rr,
      )
      const along = (az - from) / (to - from)
      const ends = Math.min(1, Math.min(along, 1 - along) * 5)
      rampAt(skyRamp, elDeg, _d)
      lin('#5dffa8', _c).lerp(lin('#1f8f7a', _e), 0.25 + 0.25 * Math.sin(az * 13))
      if (row === 1) _c.lerp(lin('#8a5ad6', _e), 0.55).lerp(_d, 0.35)
      if (row === 2) _c.copy(_d)
      _c.lerp(_d, 1 - ends)
      cc.push(_c.r, _c.g, _c.b)
    }
    for (let i = 0; i < segs; i++) {
      const a0 = from + ((to - from) * i) / segs
      const a1 = from + ((to - from) * (i + 1)) / segs
      const lo0 = low + 2 * Math.sin(a0 * 5 + phase)
      const lo1 = low + 2 * Math.sin(a1 * 5 + phase)
      const hi0 = high + 3 * Math.sin(a0 * 4 + phase)
      const hi1 = high + 3 * Math.sin(a1 * 4 + phase)
      for (let k = 0; k < rows.length - 1; k++) {
        const e00 = lo0 + (hi0 - lo0) * rows[k]!
        const e10 = lo1 + (hi1 - lo1) * rows[k]!
        const e01 = lo0 + (hi0 - lo0) * rows[k + 1]!
        const e11 = lo1 + (hi1 - lo1) * rows[k + 1]!
        at(a0, e00, k)
        at(a1, e10, k)
        at(a1, e11, k + 1)
        at(a0, e00, k)
        at(a1, e11, k + 1)
        at(a0, e01, k + 1)
      }
    }
    const g = new BufferGeometry()
    g.setAttribute('position', new Float32BufferAttribute(cp, 3))
    g.setAttribute('color', new Float32BufferAttribute(cc, 3))
    g.computeVertexNormals()
    parts.push(g)
  }
  // a dark line of forested hills on the horizon
  parts.push(
    skyline(
      SKY_RADIUS_M - 5,
      (a) => 1.4 + 0.8 * Math.sin(a * 4 + 1) + 0.5 * Math.abs(Math.sin(a * 31)),
      (_y, _t, out) => {
        lin('#0b1526', out)
      },
    ),
  )
  return join(parts)
}

/**
 * The lit part of an environment in one geometry: floor, walls, props and
 * (when `withMat`) the mat. The studio's is today's room shell.
 */
export function createEnvironmentShell(id: EnvironmentId, withMat: boolean): BufferGeometry {
  switch (id) {
    case 'studio':
      return createRoomShell(withMat)
    case 'garden':
      return gardenShell(withMat)
    case 'beach':
      return beachShell(withMat)
    case 'mountain':
      return mountainShell(withMat)
    case 'aurora':
      return auroraShell(withMat)
  }
}

/** The unlit backdrop of an environment (sky and far scenery), or null for the studio. */
export function createEnvironmentBackdrop(id: EnvironmentId): BufferGeometry | null {
  switch (id) {
    case 'studio':
      return null
    case 'garden':
      return gardenBackdrop()
    case 'beach':
      return beachBackdrop()
    case 'mountain':
      return mountainBackdrop()
    case 'aurora':
      return auroraBackdrop()
  }
}

/**
 * The virtual room's fixed parts (floor, back wall, left wall, exercise mat)
 * as one geometry with a colour per vertex, and the countertop (top and
 * cabinet) as another: one draw call each per eye instead of six, which keeps
 * the headset scene within its 50 draw calls per frame.
 */
import { BoxGeometry, BufferGeometry, Float32BufferAttribute, PlaneGeometry, Color } from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'
import { COUNTER, MAT, ROOM } from './roomLayout.ts'

/** Colours of the parts (sRGB hex, as the separate meshes had them). */
export const ROOM_COLOURS = {
  floor: '#c9bfae',
  backWall: '#e9eee9',
  leftWall: '#dfe8e4',
  mat: '#6a9c8a',
} as const

/** Gives every vertex one colour (RGB, or RGBA when `alpha` is given); returns it non-indexed. */
function coloured(g: BufferGeometry, hex: string, alpha?: number): BufferGeometry {
  const c = new Color(hex) // three converts sRGB hex to its linear working colours
  const n = g.attributes.position!.count
  const size = alpha === undefined ? 3 : 4
  const colours = new Float32Array(n * size)
  for (let i = 0; i < n; i++) {
    colours[i * size] = c.r
    colours[i * size + 1] = c.g
    colours[i * size + 2] = c.b
    if (alpha !== undefined) colours[i * size + 3] = alpha
  }
  g.setAttribute('color', new Float32BufferAttribute(colours, size))
  return g.index ? g.toNonIndexed() : g
}

/** Joins non-indexed geometries that have the same attributes into one. */
function join(parts: BufferGeometry[]): BufferGeometry {
  const out = mergeGeometries(parts, false)
  for (const p of parts) p.dispose()
  if (!out) throw new Error('room parts with different attributes cannot be joined')
  out.computeBoundingSphere()
  return out
}

/** The floor, the two walls and (when `withMat`) the mat, in room coordinates. */
export function createRoomShell(withMat: boolean): BufferGeometry {
  const floor = new PlaneGeometry(ROOM.floorM, ROOM.floorM).rotateX(-Math.PI / 2)
  const back = new PlaneGeometry(ROOM.floorM, ROOM.wallHeightM).translate(
    0,
    ROOM.wallHeightM / 2,
    ROOM.backWallZ,
  )
  const left = new PlaneGeometry(ROOM.floorM, ROOM.wallHeightM)
    .rotateY(Math.PI / 2)
    .translate(ROOM.leftWallX, ROOM.wallHeightM / 2, 0)
  const parts = [
    coloured(floor, ROOM_COLOURS.floor),
    coloured(back, ROOM_COLOURS.backWall),
    coloured(left, ROOM_COLOURS.leftWall),
  ]
  if (withMat) {
    const mat = new BoxGeometry(MAT.lengthM, MAT.thicknessM, MAT.widthM).translate(
      MAT.centre[0],
      MAT.thicknessM / 2,
      MAT.centre[2],
    )
    parts.push(coloured(mat, ROOM_COLOURS.mat))
  }
  return join(parts)
}

/**
 * The countertop, in its own frame (depth along X, length along Z, floor at
 * y = 0): the top and the cabinet under it. `seeThrough` (at a measured real
 * counter): the top at 55 % and the cabinet at 25 % opacity, by vertex alpha.
 */
export function createCountertop(heightM: number, seeThrough: boolean): BufferGeometry {
  const topThickness = 0.04
  const top = new BoxGeometry(COUNTER.depthM, topThickness, COUNTER.lengthM).translate(
    0,
    heightM - topThickness / 2,
    0,
  )
  const cabinet = new BoxGeometry(
    COUNTER.depthM - 0.06,
    heightM - topThickness,
    COUNTER.lengthM - 0.04,
  ).translate(-0.03, (heightM - topThickness) / 2, 0)
  return join([
    coloured(top, '#d8cfc0', seeThrough ? 0.55 : 1),
    coloured(cabinet, '#8a6f55', seeThrough ? 0.25 : 1),
  ])
}

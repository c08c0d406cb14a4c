/**
 * The coach's raised stage and the plinth under it, as one mesh: one draw call
 * per eye instead of two. The stage is a low disc; the plinth an open tube from
 * the stage down to the floor, whose height follows the stage (it is rewritten
 * only when that height changes, never per frame otherwise). When the stage
 * floats above a user lying down, only the disc is drawn (the geometry's draw
 * range stops before the plinth).
 */
import { BufferAttribute, BufferGeometry, Color } from 'three'

/** Stage disc: radii (top, bottom), thickness (coach frame units: the coach's stature is 1). */
const STAGE_TOP_R = 0.42
const STAGE_BOTTOM_R = 0.45
export const STAGE_THICKNESS = 0.024
/** Plinth tube radii (top, bottom). */
const PLINTH_TOP_R = 0.36
const PLINTH_BOTTOM_R = 0.4
const SEGMENTS = 48

const STAGE_COLOUR = '#8fb5a6'
const PLINTH_COLOUR = '#a9c2b8'

/** The stage and plinth geometry, and what reshapes the plinth. */
export interface CoachStage {
  geometry: BufferGeometry
  /** index count of the disc alone (draw range when the plinth is hidden) */
  discIndices: number
  /** index count of disc and plinth */
  allIndices: number
  /** first vertex of the plinth's bottom ring */
  plinthBottom: number
  /** plinth height the positions now hold */
  height: number
}

/**
 * Builds the disc (top face at y = 0, sides, bottom face) and the plinth's two
 * rings (top at the disc's underside, bottom `height` below it), vertex coloured.
 */
export function createCoachStage(height = 1): CoachStage {
  const pos: number[] = []
  const nrm: number[] = []
  const col: number[] = []
  const idx: number[] = []
  const stage = new Color(STAGE_COLOUR)
  const plinth = new Color(PLINTH_COLOUR)
  const vertex = (
    x: number,
    y: number,
    z: number,
    nx: number,
    ny: number,
    nz: number,
    c: Color,
  ) => {
    pos.push(x, y, z)
    nrm.push(nx, ny, nz)
    col.push(c.r, c.g, c.b)
    return pos.length / 3 - 1
  }
  const top = 0
  const bottom = -STAGE_THICKNESS
  // caps: a centre and a ring each
  for (const [y, ny, r] of [
    [top, 1, STAGE_TOP_R],
    [bottom, -1, STAGE_BOTTOM_R],
  ] as const) {
    const centre = vertex(0, y, 0, 0, ny, 0, stage)
    const first = pos.length / 3
    for (let i = 0; i < SEGMENTS; i++) {
      const a = (i / SEGMENTS) * Math.PI * 2
      vertex(Math.sin(a) * r, y, Math.cos(a) * r, 0, ny, 0, stage)
    }
    for (let i = 0; i < SEGMENTS; i++) {
      const j = first + i
      const k = first + ((i + 1) % SEGMENTS)
      if (ny > 0) idx.push(centre, j, k)
      else idx.push(centre, k, j)
    }
  }
  // the disc's rim, and then the plinth: a side between two rings each
  const side = (y0: number, r0: number, y1: number, r1: number, c: Color): number => {
    const slope = (r1 - r0) / (y0 - y1)
    const len = Math.hypot(1, slope)
    const ring0 = pos.length / 3
    for (const [y, r] of [
      [y0, r0],
      [y1, r1],
    ] as const) {
      for (let i = 0; i < SEGMENTS; i++) {
        const a = (i / SEGMENTS) * Math.PI * 2
        const s = Math.sin(a)
        const c0 = Math.cos(a)
        vertex(s * r, y, c0 * r, s / len, slope / len, c0 / len, c)
      }
    }
    for (let i = 0; i < SEGMENTS; i++) {
      const a = ring0 + i
      const b = ring0 + ((i + 1) % SEGMENTS)
      idx.push(a, a + SEGMENTS, b, b, a + SEGMENTS, b + SEGMENTS)
    }
    return ring0 + SEGMENTS
  }
  side(top, STAGE_TOP_R, bottom, STAGE_BOTTOM_R, stage)
  const discIndices = idx.length
  const plinthBottom = side(bottom, PLINTH_TOP_R, bottom - height, PLINTH_BOTTOM_R, plinth)
  const geometry = new BufferGeometry()
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3))
  geometry.setAttribute('normal', new BufferAttribute(new Float32Array(nrm), 3))
  geometry.setAttribute('color', new BufferAttribute(new Float32Array(col), 3))
  geometry.setIndex(idx)
  geometry.computeBoundingSphere()
  return { geometry, discIndices, allIndices: idx.length, plinthBottom, height }
}

/**
 * Gives the plinth `height` (from the disc's underside down): moves its bottom
 * ring and tilts its normals. Does nothing when it already has that height
 * within 1 mm of the coach's stature, so a still stage uploads nothing.
 */
export function setPlinthHeight(s: CoachStage, height: number): void {
  if (Math.abs(s.height - height) < 0.001) return
  s.height = height
  const p = s.geometry.attributes.position as BufferAttribute
  const n = s.geometry.attributes.normal as BufferAttribute
  const slope = (PLINTH_BOTTOM_R - PLINTH_TOP_R) / height
  const len = Math.hypot(1, slope)
  const y = -STAGE_THICKNESS - height
  for (let i = 0; i < SEGMENTS; i++) {
    const a = (i / SEGMENTS) * Math.PI * 2
    const nx = Math.sin(a) / len
    const nz = Math.cos(a) / len
    p.setY(s.plinthBottom + i, y)
    n.setXYZ(s.plinthBottom - SEGMENTS + i, nx, slope / len, nz)
    n.setXYZ(s.plinthBottom + i, nx, slope / len, nz)
  }
  p.needsUpdate = true
  n.needsUpdate = true
  s.geometry.computeBoundingSphere()
}

/** Shows the disc alone, or the disc and its plinth. */
export function showPlinth(s: CoachStage, shown: boolean): void {
  s.geometry.setDrawRange(0, shown ? s.allIndices : s.discIndices)
}

/**
 * Where the desktop preview puts the coach, and its camera views named for
 * what they show of the coach: "Front" faces the coach as it stands at the
 * start, "Side" is its profile, "Above" looks down on it. Views are computed
 * in the coach's own frame (its placement's x, z and yaw), fitted to the box
 * the whole demonstration fills (standing, getting down, the stretch) and
 * kept inside the room's walls. Pure: no three.js, no DOM.
 *
 * Frames: the coach frame faces +Z with its left toward +X (src/core/coach);
 * world = local-floor, metres, +Y up; a yaw turns the coach frame about +Y
 * the way three's rotation.y does.
 */
import { coachTimelineFK, createCoachFK, ORIGIN_PLACEMENT } from '../core/coach/fk.ts'
import { COUNTER_EDGE_Z_H } from '../core/coach/keyframes.ts'
import { timelineOf } from '../core/coach/timeline.ts'
import type { StretchId } from '../core/stretches.ts'
import { COUNTER, ROOM_INTERIOR } from './roomLayout.ts'

/** Where the preview coach stands: its frame's origin on the floor and its yaw (rad). */
export interface CoachPlacement {
  x: number
  z: number
  yaw: number
}

/** Where the preview coach stands for a stretch: lengthwise on the mat; facing the counter for cat-cow. */
export function previewPlacement(stretch: StretchId, statureM: number): CoachPlacement {
  if (stretch === 'cat-cow') {
    const edgeX = COUNTER.centre[0] + COUNTER.depthM / 2
    return { x: edgeX + COUNTER_EDGE_Z_H * statureM, z: COUNTER.centre[2], yaw: -Math.PI / 2 }
  }
  return { x: 0, z: 0, yaw: Math.PI / 2 }
}

/** The preview's camera views, in the order of their buttons. */
export const COACH_VIEWS = ['front', 'side', 'above'] as const
/** One camera view of the coach. */
export type CoachView = (typeof COACH_VIEWS)[number]
/** Button labels of the views. */
export const COACH_VIEW_LABELS: { readonly [V in CoachView]: string } = {
  front: 'Front',
  side: 'Side',
  above: 'Above',
}

/** Whether a value names a camera view. */
export function isCoachView(value: unknown): value is CoachView {
  return typeof value === 'string' && (COACH_VIEWS as readonly string[]).includes(value)
}

/** Elevation of each view's line of sight above the horizontal (rad). */
const ELEVATION_RAD: { readonly [V in CoachView]: number } = {
  // a little above eye level: the face and chest, and over the counter for cat-cow
  front: (18 * Math.PI) / 180,
  side: (10 * Math.PI) / 180,
  // not straight down: the orbit controls need a horizontal direction to keep "up" on screen
  above: (78 * Math.PI) / 180,
}

/** The fraction of the view's half-width and half-height the coach may fill. */
const FIT = 0.9
/** The camera stays this far (m) inside the walls. */
const WALL_MARGIN_M = 0.15
/** Front and side views stay below the walls' top; the view from above may rise to the old top view's height. */
const ABOVE_MAX_Y_M = 5.2
/** Steepest a front or side view rises (rad) when the walls leave too little room to step back… */
const MAX_RISE_RAD = (30 * Math.PI) / 180
const RISE_STEP_RAD = (4 * Math.PI) / 180
/** …and the widest its lens then opens (vertical field of view, degrees). */
const MAX_FOV_DEG = 70
const FOV_STEP_DEG = 5
/** The preview camera's usual vertical field of view (degrees). */
export const PREVIEW_FOV_DEG = 45
/** Nearest the camera comes to the point it looks at (the orbit controls' minimum distance). */
export const MIN_VIEW_DISTANCE_M = 0.8

/** A camera view: eye position and the point looked at, world metres. */
export interface CameraView {
  position: [number, number, number]
  target: [number, number, number]
  /** vertical field of view, degrees: the camera's own, or wider where the room is small */
  fovDeg: number
}

/** Where the coach's body goes in its demonstration: surface spheres and their box (coach frame, m). */
export interface DemonstrationShape {
  /** x, y, z, radius of every body-surface sphere at every sampled moment */
  spheres: Float64Array
  /** [minX, minY, minZ, maxX, maxY, maxZ] around them */
  box: readonly number[]
}

const shapes = new Map<string, DemonstrationShape>()

/**
 * Where the coach's body goes over its whole demonstration (coach frame,
 * metres): its body-surface spheres at every move's start, middle and end
 * (standing, getting down, the stretch, getting up), each different move
 * once. Cached per stretch and stature (first call: the keyframes are
 * solved, up to about 100 ms).
 */
export function demonstrationShape(stretch: StretchId, statureM: number): DemonstrationShape {
  const key = stretch + '|' + statureM
  const cached = shapes.get(key)
  if (cached) return cached
  const fk = createCoachFK()
  const tl = timelineOf(stretch)
  const seen = new Set<string>()
  const out: number[] = []
  const box = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity]
  for (const seg of tl.segments) {
    const move = `${seg.from}/${seg.fromSide}>${seg.to}/${seg.side}`
    if (seen.has(move)) continue
    seen.add(move)
    for (const at of [0, 0.5, 1]) {
      if (!coachTimelineFK(fk, stretch, seg.start + seg.duration * at, statureM, ORIGIN_PLACEMENT))
        continue
      const sp = fk.surface
      for (let k = 0; k < sp.length; k += 4) {
        const r = sp[k + 3]!
        out.push(sp[k]!, sp[k + 1]!, sp[k + 2]!, r)
        for (let c = 0; c < 3; c++) {
          const v = sp[k + c]!
          if (v - r < box[c]!) box[c] = v - r
          if (v + r > box[c + 3]!) box[c + 3] = v + r
        }
      }
    }
  }
  const shape = { spheres: Float64Array.from(out), box }
  shapes.set(key, shape)
  return shape
}

/** The box of demonstrationShape: [minX, minY, minZ, maxX, maxY, maxZ], coach frame, metres. */
export function demonstrationBox(stretch: StretchId, statureM: number): readonly number[] {
  return demonstrationShape(stretch, statureM).box
}

/** A coach-frame direction (x, z) turned into the world by `yaw`. */
function toWorld(yaw: number, lx: number, lz: number): [number, number] {
  const c = Math.cos(yaw)
  const s = Math.sin(yaw)
  return [lx * c + lz * s, -lx * s + lz * c]
}

/** The coach's spheres in the world (x, y, z, r) for a placement. */
export function worldSpheres(spheres: Float64Array, place: Readonly<CoachPlacement>): Float64Array {
  const out = new Float64Array(spheres.length)
  const c = Math.cos(place.yaw)
  const s = Math.sin(place.yaw)
  for (let k = 0; k < spheres.length; k += 4) {
    const lx = spheres[k]!
    const lz = spheres[k + 2]!
    out[k] = place.x + lx * c + lz * s
    out[k + 1] = spheres[k + 1]!
    out[k + 2] = place.z - lx * s + lz * c
    out[k + 3] = spheres[k + 3]!
  }
  return out
}

/** How far (m) from `from` along the unit direction `d` the camera may go and stay inside the room, below `maxY`. */
function roomAlong(from: readonly number[], d: readonly number[], maxY: number): number {
  const lo = [ROOM_INTERIOR.minX + WALL_MARGIN_M, -Infinity, ROOM_INTERIOR.minZ + WALL_MARGIN_M]
  const hi = [ROOM_INTERIOR.maxX - WALL_MARGIN_M, maxY, ROOM_INTERIOR.maxZ - WALL_MARGIN_M]
  let t = Infinity
  for (let c = 0; c < 3; c++) {
    const dc = d[c]!
    if (dc > 1e-9) t = Math.min(t, (hi[c]! - from[c]!) / dc)
    else if (dc < -1e-9) t = Math.min(t, (lo[c]! - from[c]!) / dc)
  }
  return Math.max(0, t)
}

/**
 * The distance (m) from `centre` along `d` (unit, centre → camera) at which
 * every sphere (world x, y, z, r) falls inside FIT of the view (vertical field
 * of view `fovDeg`, width / height `aspect`).
 */
function fitDistance(
  centre: readonly number[],
  spheres: Float64Array,
  d: readonly number[],
  fovDeg: number,
  aspect: number,
): number {
  // camera axes: forward f = −d; right r = f × up; u = r × f
  const fx = -d[0]!
  const fy = -d[1]!
  const fz = -d[2]!
  let rx = -fz
  let rz = fx
  const rl = Math.hypot(rx, rz) || 1
  rx /= rl
  rz /= rl
  const ux = -rz * fy
  const uy = rz * fx - rx * fz
  const uz = rx * fy
  const tanV = Math.tan((fovDeg * Math.PI) / 360) * FIT
  const tanH = tanV * aspect
  let dist = 0
  for (let k = 0; k < spheres.length; k += 4) {
    const vx = spheres[k]! - centre[0]!
    const vy = spheres[k + 1]! - centre[1]!
    const vz = spheres[k + 2]! - centre[2]!
    const r = spheres[k + 3]!
    const depth = vx * fx + vy * fy + vz * fz - r // nearest point, + away from the camera
    const across = Math.abs(vx * rx + vz * rz) + r
    const up = Math.abs(vx * ux + vy * uy + vz * uz) + r
    dist = Math.max(dist, across / tanH - depth, up / tanV - depth)
  }
  return dist
}

/**
 * The camera view `view` of the coach placed at `place` whose demonstration
 * is `shape` (coach frame), for a camera of vertical field of view `fovDeg`
 * and width / height `aspect`: looking at the centre of the demonstration's
 * box from the coach's front (+Z), its side (±X, whichever has more room) or
 * from above, as far back as fits every moment of the demonstration in view.
 * Never through a wall: where the room is too small to step back, a front or
 * side view rises (up to 30°) to see over the near part, then opens its lens
 * (up to 70°); if even that is not enough it stops at the wall. Never nearer
 * than MIN_VIEW_DISTANCE_M.
 */
export function cameraView(
  view: CoachView,
  place: Readonly<CoachPlacement>,
  shape: DemonstrationShape,
  aspect: number,
  fovDeg: number,
): CameraView {
  const a = Number.isFinite(aspect) && aspect > 0 ? aspect : 1
  const box = shape.box
  const [ox, oz] = toWorld(place.yaw, (box[0]! + box[3]!) / 2, (box[2]! + box[5]!) / 2)
  const centre = [place.x + ox, (box[1]! + box[4]!) / 2, place.z + oz]
  const spheres = worldSpheres(shape.spheres, place)
  const dirAt = (lx: number, lz: number, el: number): number[] => {
    const [hx, hz] = toWorld(place.yaw, lx, lz)
    return [hx * Math.cos(el), Math.sin(el), hz * Math.cos(el)]
  }
  const maxY = view === 'above' ? ABOVE_MAX_Y_M : ROOM_INTERIOR.maxY - WALL_MARGIN_M
  // the horizontal direction, coach frame
  let lx = 0
  let lz = 1
  if (view === 'side') {
    // the profile from whichever side has more room between the coach and the walls
    const left = roomAlong(centre, dirAt(1, 0, 0), maxY)
    const right = roomAlong(centre, dirAt(-1, 0, 0), maxY)
    lx = left > right ? 1 : -1
    lz = 0
  } else if (view === 'above' && a >= 1) {
    // seen from above, a body lying along the mat runs across a wide view (and up a tall one)
    lx = -1
    lz = 0
  }
  // Where the room is too small to step back far enough: rise step by step, then open the
  // lens step by step, until everything fits (else keep the closest to fitting).
  const top = view === 'above' ? ELEVATION_RAD.above : MAX_RISE_RAD
  let best = { d: dirAt(lx, lz, ELEVATION_RAD[view]), fov: fovDeg, fit: Infinity, room: 0 }
  search: for (let fov = fovDeg; fov <= Math.max(fovDeg, MAX_FOV_DEG); fov += FOV_STEP_DEG) {
    for (let el = ELEVATION_RAD[view]; el <= top + 1e-9; el += RISE_STEP_RAD) {
      const d = dirAt(lx, lz, el)
      const fit = fitDistance(centre, spheres, d, fov, a)
      const room = roomAlong(centre, d, maxY)
      if (fit - room < best.fit - best.room) best = { d, fov, fit, room }
      if (fit <= room) break search
    }
  }
  const { d, fov } = best
  const dist = Math.max(MIN_VIEW_DISTANCE_M, Math.min(best.fit, best.room))
  return {
    position: [centre[0]! + d[0]! * dist, centre[1]! + d[1]! * dist, centre[2]! + d[2]! * dist],
    target: [centre[0]!, centre[1]!, centre[2]!],
    fovDeg: fov,
  }
}

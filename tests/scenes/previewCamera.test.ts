import { describe, expect, it } from 'vitest'
import { STRETCH_IDS, type StretchId } from '../../src/core/stretches.ts'
import {
  COACH_VIEWS,
  MIN_VIEW_DISTANCE_M,
  PREVIEW_FOV_DEG,
  cameraView,
  demonstrationShape,
  previewPlacement,
  worldSpheres,
  type CameraView,
  type CoachPlacement,
} from '../../src/scenes/previewCamera.ts'
import { COUNTER, ROOM, ROOM_INTERIOR } from '../../src/scenes/roomLayout.ts'

const H = 1.75
/** a phone's canvas, a square one, the 1280×800 canvas beside the controls, a wide window */
const ASPECTS = [0.5, 0.81, 1, 1.25, 1.8]

/** Cosine between where the coach faces and the horizontal line coach → camera. */
function ahead(v: CameraView, p: CoachPlacement): number {
  const dx = v.position[0] - v.target[0]
  const dz = v.position[2] - v.target[2]
  return (dx * Math.sin(p.yaw) + dz * Math.cos(p.yaw)) / Math.hypot(dx, dz)
}

/** Elevation of the line target → camera, degrees. */
function elevationDeg(v: CameraView): number {
  const dx = v.position[0] - v.target[0]
  const dy = v.position[1] - v.target[1]
  const dz = v.position[2] - v.target[2]
  return (Math.asin(dy / Math.hypot(dx, dy, dz)) * 180) / Math.PI
}

/**
 * The largest |x| and |y| in normalised device coordinates (±1 = the view's
 * edges) of any body-surface sphere of the demonstration seen from `v`.
 */
function extentInView(v: CameraView, spheres: Float64Array, aspect: number): number {
  const f = v.target.map((t, i) => t - v.position[i]!)
  const fl = Math.hypot(f[0]!, f[1]!, f[2]!)
  const fw = f.map((c) => c / fl)
  const r = [-fw[2]!, 0, fw[0]!]
  const rl = Math.hypot(r[0]!, r[2]!)
  const rw = [r[0]! / rl, 0, r[2]! / rl]
  const u = [
    rw[1]! * fw[2]! - rw[2]! * fw[1]!,
    rw[2]! * fw[0]! - rw[0]! * fw[2]!,
    rw[0]! * fw[1]! - rw[1]! * fw[0]!,
  ]
  const tanV = Math.tan((v.fovDeg * Math.PI) / 360)
  let worst = 0
  for (let k = 0; k < spheres.length; k += 4) {
    const p = [0, 1, 2].map((c) => spheres[k + c]! - v.position[c]!)
    const rad = spheres[k + 3]!
    const depth = p[0]! * fw[0]! + p[1]! * fw[1]! + p[2]! * fw[2]!
    if (depth - rad <= 0) return Infinity
    const x = (Math.abs(p[0]! * rw[0]! + p[2]! * rw[2]!) + rad) / depth / (tanV * aspect)
    const y = (Math.abs(p[0]! * u[0]! + p[1]! * u[1]! + p[2]! * u[2]!) + rad) / depth / tanV
    worst = Math.max(worst, x, y)
  }
  return worst
}

describe('preview placement', () => {
  it('puts the coach lengthwise on the mat, and at the counter facing it for cat-cow', () => {
    expect(previewPlacement('knee-to-chest', H)).toEqual({ x: 0, z: 0, yaw: Math.PI / 2 })
    const c = previewPlacement('cat-cow', H)
    // facing (sin yaw, cos yaw) points at the counter (toward −X), from in front of its near edge
    expect(Math.sin(c.yaw)).toBeCloseTo(-1, 9)
    expect(c.x).toBeGreaterThan(COUNTER.centre[0] + COUNTER.depthM / 2)
    expect(c.z).toBe(COUNTER.centre[2])
  })
})

describe('demonstration shape', () => {
  it('holds the standing coach and the stretch on the floor, in the coach frame', () => {
    for (const id of ['knee-to-chest', 'cat-cow', 'childs-pose'] as const) {
      const { box, spheres } = demonstrationShape(id, H)
      expect(spheres.length % 4).toBe(0)
      expect(spheres.length).toBeGreaterThan(100)
      // standing at the start: about the stature tall; feet on the floor
      expect(box[4]! - box[1]!).toBeGreaterThan(0.95 * H)
      expect(box[4]! - box[1]!).toBeLessThan(1.1 * H)
      expect(box[1]!).toBeCloseTo(0, 1)
    }
    // lying on the back the body runs along the coach's Z (its facing): longer than it is wide
    const lying = demonstrationShape('knee-to-chest', H).box
    expect(lying[5]! - lying[2]!).toBeGreaterThan(0.8 * H)
  })

  it('scales with the stature', () => {
    const small = demonstrationShape('bridge', 1.5).box
    const tall = demonstrationShape('bridge', 1.95).box
    expect((tall[4]! - tall[1]!) / (small[4]! - small[1]!)).toBeCloseTo(1.95 / 1.5, 1)
  })

  it('worldSpheres turns the coach frame like three.js rotation.y', () => {
    const local = Float64Array.from([0, 1, 1, 0.1]) // a point 1 m in front of the coach
    const w = worldSpheres(local, { x: 2, z: 3, yaw: Math.PI / 2 })
    expect(Array.from(w).map((v) => Number(v.toFixed(9)))).toEqual([3, 1, 3, 0.1])
  })
})

describe('camera views', () => {
  for (const id of STRETCH_IDS) {
    it(`${id}: Front faces the coach, Side is its profile, Above looks down, all in the room`, () => {
      const place = previewPlacement(id, H)
      const shape = demonstrationShape(id, H)
      for (const aspect of ASPECTS) {
        const front = cameraView('front', place, shape, aspect, PREVIEW_FOV_DEG)
        const side = cameraView('side', place, shape, aspect, PREVIEW_FOV_DEG)
        const above = cameraView('above', place, shape, aspect, PREVIEW_FOV_DEG)
        expect(ahead(front, place)).toBeGreaterThan(0.999)
        expect(elevationDeg(front)).toBeGreaterThan(10)
        expect(elevationDeg(front)).toBeLessThan(35)
        expect(Math.abs(ahead(side, place))).toBeLessThan(1e-9)
        expect(elevationDeg(side)).toBeLessThan(35)
        expect(elevationDeg(above)).toBeGreaterThan(70)
        for (const v of [front, side, above]) {
          // inside the walls (back z = −3, left x = −3) and the floor's far edges
          expect(v.position[0]).toBeGreaterThan(ROOM_INTERIOR.minX)
          expect(v.position[0]).toBeLessThan(ROOM_INTERIOR.maxX)
          expect(v.position[2]).toBeGreaterThan(ROOM_INTERIOR.minZ)
          expect(v.position[2]).toBeLessThan(ROOM_INTERIOR.maxZ)
          const d = Math.hypot(...v.position.map((p, i) => p - v.target[i]!))
          expect(d).toBeGreaterThanOrEqual(MIN_VIEW_DISTANCE_M - 1e-9)
          // every moment of the demonstration is in the picture
          const world = worldSpheres(shape.spheres, place)
          expect(extentInView(v, world, aspect), `${id} ${aspect}`).toBeLessThanOrEqual(1)
        }
        // front and side views stay below the walls' top
        expect(front.position[1]).toBeLessThan(ROOM.wallHeightM)
        expect(side.position[1]).toBeLessThan(ROOM.wallHeightM)
      }
    })
  }

  it('Side looks from the open side of the room, not from against the back wall', () => {
    for (const id of ['knee-to-chest', 'cat-cow'] as StretchId[]) {
      const v = cameraView('side', previewPlacement(id, H), demonstrationShape(id, H), 1.25, 45)
      expect(v.position[2]).toBeGreaterThan(v.target[2] + 1)
    }
  })

  it('follows the coach: the same view of cat-cow at the counter is elsewhere than on the mat', () => {
    const mat = cameraView(
      'front',
      previewPlacement('knee-to-chest', H),
      demonstrationShape('knee-to-chest', H),
      1.25,
      45,
    )
    const counter = cameraView(
      'front',
      previewPlacement('cat-cow', H),
      demonstrationShape('cat-cow', H),
      1.25,
      45,
    )
    // the mat coach faces +X, the counter coach −X: the two Front cameras are on opposite sides
    expect(mat.position[0]).toBeGreaterThan(mat.target[0])
    expect(counter.position[0]).toBeLessThan(counter.target[0])
    expect(Math.abs(mat.position[0] - counter.position[0])).toBeGreaterThan(3)
  })

  it('opens the lens only where the walls are too close: cat-cow from the front, by the left wall', () => {
    const cat = cameraView(
      'front',
      previewPlacement('cat-cow', H),
      demonstrationShape('cat-cow', H),
      1.25,
      45,
    )
    expect(cat.fovDeg).toBeGreaterThan(45)
    expect(cat.position[0]).toBeLessThan(-2.5) // against the left wall
    for (const id of ['knee-to-chest', 'childs-pose'] as StretchId[])
      for (const view of COACH_VIEWS)
        expect(
          cameraView(view, previewPlacement(id, H), demonstrationShape(id, H), 1.25, 45).fovDeg,
        ).toBe(45)
  })

  it('a narrow view steps back farther than a wide one', () => {
    const shape = demonstrationShape('knee-to-chest', H)
    const place = previewPlacement('knee-to-chest', H)
    const dist = (v: CameraView) => Math.hypot(...v.position.map((p, i) => p - v.target[i]!))
    expect(dist(cameraView('side', place, shape, 0.5, 45))).toBeGreaterThan(
      dist(cameraView('side', place, shape, 1.8, 45)) + 0.5,
    )
  })

  it('a bad aspect is read as square, never NaN', () => {
    const shape = demonstrationShape('bridge', H)
    const place = previewPlacement('bridge', H)
    for (const bad of [NaN, 0, -1, Infinity]) {
      const v = cameraView('side', place, shape, bad, 45)
      expect(v).toEqual(cameraView('side', place, shape, 1, 45))
    }
  })
})

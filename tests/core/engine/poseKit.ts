/**
 * Test helper: builds PoseFrames of simple, hand-placed postures for the engine's
 * own unit tests (the full synthetic generator lives in scripts/synth). Head
 * orientation from heading and face pitch; palms placed directly (grip offset
 * applied backwards so the engine's palm lands where the test says).
 */
import { GRIP_TO_PALM_M } from '../../../src/core/bodyModel.ts'
import { createPoseFrame, type PoseFrame } from '../../../src/core/poseFrame.ts'
import { quatFromAxisAngle, quatMultiply, DEG } from '../../../src/core/vec.ts'

export interface Placement {
  /** heading of the body's forward line, degrees from −Z toward −X (counter-clockwise from above) */
  headingDeg: number
  /** where the body's origin sits on the floor */
  x: number
  z: number
}

const q1 = new Float64Array(4)
const q2 = new Float64Array(4)

/** Head quaternion looking along heading, pitched by pitchDeg (positive up), rolled 0. */
export function headQuat(out: Float64Array, o: number, headingDeg: number, pitchDeg: number): void {
  quatFromAxisAngle(q1, 0, 0, 1, 0, headingDeg * DEG)
  quatFromAxisAngle(q2, 0, 1, 0, 0, pitchDeg * DEG)
  quatMultiply(out, o, q1, 0, q2, 0)
}

/** Body-frame point (fwd along forward line, right, up) to world, for a placement. */
export function toWorld(
  p: Placement,
  fwd: number,
  right: number,
  up: number,
): [number, number, number] {
  const h = p.headingDeg * DEG
  // forward = (−sin h, 0, −cos h), right = (cos h, 0, −sin h)
  const fx = -Math.sin(h)
  const fz = -Math.cos(h)
  const rx = Math.cos(h)
  const rz = -Math.sin(h)
  return [p.x + fwd * fx + right * rx, up, p.z + fwd * fz + right * rz]
}

/** Writes a palm-down grip for hand h (1 left, 2 right) whose palm centre is at world (x, y, z). */
export function setPalmDown(
  frame: PoseFrame,
  i: 1 | 2,
  x: number,
  y: number,
  z: number,
  headingDeg: number,
): void {
  const o = i * 7
  // Palm down: the palm side (−X right grip, +X left grip) faces −Y; the grip sits above the palm.
  quatFromAxisAngle(q1, 0, 0, 1, 0, headingDeg * DEG)
  quatFromAxisAngle(q2, 0, 0, 0, 1, (i === 2 ? 90 : -90) * DEG)
  quatMultiply(frame.poses, o + 3, q1, 0, q2, 0)
  frame.poses[o] = x
  frame.poses[o + 1] = y + GRIP_TO_PALM_M
  frame.poses[o + 2] = z
  frame.tracked[i] = 1
}

/** Writes the head pose (eye centre) and orientation. */
export function setHead(
  frame: PoseFrame,
  x: number,
  y: number,
  z: number,
  headingDeg: number,
  pitchDeg: number,
): void {
  frame.poses[0] = x
  frame.poses[1] = y
  frame.poses[2] = z
  headQuat(frame.poses, 3, headingDeg, pitchDeg)
  frame.tracked[0] = 1
}

/** A seeded pseudo-random generator (mulberry32) for reproducible jitter. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export { createPoseFrame }

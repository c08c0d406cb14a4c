// Where the replay puts the coach's demonstration and the ghost: the coach reaches the
// pose and keeps it for a long hold, repeats its cycle for repetitions, shows the side
// the trace is on; the ghost's segment centre lands beside the coach, turned to face
// the way the coach faces; the playhead finds its samples and segment.
import { describe, expect, it } from 'vitest'
import {
  coachTimelineFK,
  createCoachFK,
  JOINT,
  ORIGIN_PLACEMENT,
} from '../../../src/core/coach/fk.ts'
import { timelineOf } from '../../../src/core/coach/timeline.ts'
import type { StretchId } from '../../../src/core/stretches.ts'
import { GHOST_STRIDE, type ReplayTrack } from '../../../src/services/replay/replayScore.ts'
import {
  coachMoment,
  coachPlacement,
  GHOST_BESIDE_M,
  ghostTransform,
  headYaw,
  sampleAt,
  segmentAt,
} from '../../../src/scenes/replay/replayPlacement.ts'

describe('coachMoment', () => {
  it('a hold: into the pose, then the held pose however long the user holds', () => {
    const tl = timelineOf('childs-pose')
    const hold = tl.segments.find((s) => s.hold)!
    const at20 = coachMoment('childs-pose', 'both', 20)
    const at300 = coachMoment('childs-pose', 'both', 300)
    expect(at20.timeS).toBeGreaterThan(hold.start)
    expect(at20.timeS).toBeLessThan(hold.start + hold.duration)
    expect(at300.timeS).toBeLessThan(hold.start + hold.duration)
    expect(at300.timeS).toBeGreaterThan(hold.start + hold.duration - 0.1)
    expect(coachMoment('childs-pose', 'both', 0).timeS).toBeLessThan(hold.start)
  })

  it('a one-sided stretch shows the side the trace is on', () => {
    const tl = timelineOf('knee-to-chest')
    const right = coachMoment('knee-to-chest', 'right', 10)
    const seg = tl.segments.find(
      (s) => s.start <= right.timeS && right.timeS < s.start + s.duration,
    )!
    expect(seg.side).toBe('right')
    const left = coachMoment('knee-to-chest', 'left', 10)
    expect(left.timeS).toBeLessThan(right.timeS)
  })

  it('repetitions: the first cycle again and again', () => {
    const a = coachMoment('pelvic-tilt', 'both', 10)
    const times = [20, 40, 80, 160, 320].map((t) => coachMoment('pelvic-tilt', 'both', t).timeS)
    const tl = timelineOf('pelvic-tilt')
    const first = tl.segments.find((s) => s.rep === 1)!
    for (const t of [a.timeS, ...times]) {
      expect(t).toBeGreaterThanOrEqual(first.start - 4.5)
      expect(t).toBeLessThan(tl.duration)
    }
    expect(new Set(times.map((t) => t.toFixed(2))).size).toBeGreaterThan(1)
  })
})

/** A track of one stretch run: the head standing at `stand` (facing `q`), then in the pose at `pose`. */
function runTrack(stand: number[], pose: number[], q: number[]): ReplayTrack {
  const n = 60
  const ghost = new Float32Array(n * GHOST_STRIDE)
  const timeT = new Float64Array(n)
  const inPose = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const at = i < 20 ? stand : pose
    ghost.set(
      [at[0]!, at[1]!, at[2]!, ...q, at[0]! + 0.3, 0.5, at[2]!, at[0]! - 0.3, 0.5, at[2]!],
      i * GHOST_STRIDE,
    )
    timeT[i] = i / 10
    inPose[i] = i < 20 ? 0 : 1
  }
  return {
    timeT,
    inPose,
    ghostT: Float64Array.from(timeT),
    ghost,
    ghostTracked: new Uint8Array(n).fill(7),
  } as unknown as ReplayTrack
}

/** The coach's head (world x, z) at a moment, as the scene places the coach. */
function coachHeadAt(stretch: StretchId, timeS: number, statureM: number): [number, number] {
  const fk = createCoachFK()
  coachTimelineFK(fk, stretch, timeS, statureM, ORIGIN_PLACEMENT)
  const p = coachPlacement(stretch, statureM)
  const x = fk.jointPos[JOINT.head * 3]!
  const z = fk.jointPos[JOINT.head * 3 + 2]!
  const c = Math.cos(p.yaw)
  const s = Math.sin(p.yaw)
  return [p.x + c * x + s * z, p.z - s * x + c * z]
}

const angleOf = (x: number, z: number) => Math.atan2(x, z)
const sameAngle = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)))

describe('ghostTransform', () => {
  const H = 1.74
  const q = [0, Math.sin(Math.PI / 4), 0, Math.cos(Math.PI / 4)]

  it('lying down: the head in the pose lands beside the coach’s, and its way down runs along the coach’s', () => {
    // the user stands at (2, -1) and lies down with the head 1.2 m further along −Z
    const track = runTrack([2, 1.6, -1], [2, 0.3, -2.2], q)
    const segs = [{ stretch: 'supine-twist' as const, side: 'left' as const, start: 0, end: 6 }]
    const tf = ghostTransform(track, segs, 0, coachPlacement('supine-twist', H), H)
    const hold = coachMoment('supine-twist', 'left', 1e6).timeS
    const [hx, hz] = coachHeadAt('supine-twist', hold, H)
    const [h0x, h0z] = coachHeadAt('supine-twist', 0, H)
    expect(tf.cx).toBeCloseTo(2)
    expect(tf.cz).toBeCloseTo(-2.2)
    expect(tf.ox).toBeCloseTo(hx + GHOST_BESIDE_M)
    expect(tf.oz).toBeCloseTo(hz)
    // the user's way down (0, −1.2), turned, points where the coach's head went
    const ux = 0
    const uz = -1.2
    const tx = tf.cos * ux + tf.sin * uz
    const tz = -tf.sin * ux + tf.cos * uz
    expect(sameAngle(angleOf(tx, tz), angleOf(hx - h0x, hz - h0z))).toBeLessThan(1e-6)
  })

  it('standing (little travel): the way the user faced turns to the way the coach faces', () => {
    const track = runTrack([2, 1.6, -1], [2.05, 1.5, -1.05], q)
    const segs = [{ stretch: 'cat-cow' as const, side: null, start: 0, end: 6 }]
    const coach = coachPlacement('cat-cow', H)
    const tf = ghostTransform(track, segs, 0, coach, H)
    // facing −X (yaw −90°) turned by the transform gives the coach's yaw
    const tx = tf.cos * -1
    const tz = -tf.sin * -1
    expect(sameAngle(angleOf(tx, tz), coach.yaw)).toBeLessThan(1e-6)
    expect(headYaw(q[0]!, q[1]!, q[2]!, q[3]!)).toBeCloseTo(-Math.PI / 2)
  })

  it('the sides of one stretch share one transform', () => {
    const track = runTrack([2, 1.6, -1], [2, 0.3, -2.2], q)
    const segs = [
      { stretch: 'knee-to-chest' as const, side: 'left' as const, start: 0, end: 3 },
      { stretch: 'knee-to-chest' as const, side: 'right' as const, start: 3, end: 6 },
    ]
    const coach = coachPlacement('knee-to-chest', H)
    const a = ghostTransform(track, segs, 0, coach, H)
    const b = ghostTransform(track, segs, 1, coach, H)
    expect(b.cx).toBe(a.cx)
    expect(b.cz).toBe(a.cz)
    expect(b.cos).toBeCloseTo(a.cos)
  })
})

describe('the playhead', () => {
  it('finds the last sample at or before a time, and the segment begun', () => {
    const t = Float64Array.from([0, 0.1, 0.2, 0.5, 3])
    expect(sampleAt(t, -1)).toBe(0)
    expect(sampleAt(t, 0.15)).toBe(1)
    expect(sampleAt(t, 0.5)).toBe(3)
    expect(sampleAt(t, 10)).toBe(4)
    const segs = [
      { stretch: 'childs-pose' as const, side: null, start: 1, end: 40 },
      { stretch: 'bridge' as const, side: null, start: 41, end: 90 },
    ]
    expect(segmentAt(segs, 0)).toBe(-1)
    expect(segmentAt(segs, 40.5)).toBe(0)
    expect(segmentAt(segs, 60)).toBe(1)
  })
})

// Where the replay puts the coach's demonstration and the ghost: the coach reaches the
// pose and keeps it for a long hold, repeats its cycle for repetitions, shows the side
// the trace is on; the ghost's segment centre lands beside the coach, turned to face
// the way the coach faces; the playhead finds its samples and segment.
import { describe, expect, it } from 'vitest'
import { timelineOf } from '../../../src/core/coach/timeline.ts'
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

describe('ghostTransform', () => {
  it('puts the segment’s centre beside the coach, the user’s facing turned to the coach’s', () => {
    // a user standing at (2, 1.6, -1) facing −X (yaw +90°: forward −Z turned to −X)
    const n = 30
    const q = [0, Math.sin(Math.PI / 4), 0, Math.cos(Math.PI / 4)]
    const ghost = new Float32Array(n * GHOST_STRIDE)
    for (let i = 0; i < n; i++)
      ghost.set([2, 1.6, -1, ...q, 2.3, 1, -1.2, 1.7, 1, -1.2], i * GHOST_STRIDE)
    const track = {
      ghostT: Float64Array.from({ length: n }, (_, i) => i / 30),
      ghost,
      ghostTracked: new Uint8Array(n).fill(7),
    } as unknown as ReplayTrack
    const segment = { stretch: 'childs-pose' as const, side: null, start: 0, end: 1 }
    const coach = coachPlacement('childs-pose', 1.74)
    const tf = ghostTransform(track, segment, coach)
    expect(tf.cx).toBeCloseTo(2)
    expect(tf.cz).toBeCloseTo(-1)
    expect(tf.ox).toBeCloseTo(coach.x + GHOST_BESIDE_M)
    expect(tf.oz).toBeCloseTo(coach.z)
    // the user's forward (−X) turned by the transform is the coach's (+X for yaw π/2)
    const fx = -1
    const fz = 0
    const tx = tf.cos * fx + tf.sin * fz
    const tz = -tf.sin * fx + tf.cos * fz
    expect(Math.atan2(tx, tz)).toBeCloseTo(coach.yaw)
    expect(headYaw(q[0]!, q[1]!, q[2]!, q[3]!)).toBeCloseTo(-Math.PI / 2)
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

import { describe, expect, it } from 'vitest'
import { palmFromGrip, palmFromWrist } from '../../../src/core/bodyModel.ts'
import {
  coachKeyframeFK,
  coachTimelineFK,
  createCoachFK,
  JOINT,
  keyframeFK,
  STRETCH_KEYFRAMES,
  SURFACE_INDEX,
  SURFACE_SAMPLES,
  type CoachSide,
} from '../../../src/core/coach/fk.ts'
import {
  COUNTER_HEIGHT_H,
  getStretchKeyframe,
  keyframeContacts,
} from '../../../src/core/coach/keyframes.ts'
import { BONE_COUNT, BONE_MIRROR } from '../../../src/core/coach/skeleton.ts'
import { WAY_DOWN, timelineOf } from '../../../src/core/coach/timeline.ts'
import { STRETCHES, STRETCH_IDS, sidesOf, type StretchId } from '../../../src/core/stretches.ts'

const STATURES = [1.5, 1.75, 1.95]

/** Every keyframe a stretch's demonstration visits: its own and the transitions of its posture. */
function keyframesOf(id: StretchId): string[] {
  return [...WAY_DOWN[STRETCHES[id].posture], ...STRETCH_KEYFRAMES[id]]
}

describe('coach FK: floor', () => {
  for (const id of STRETCH_IDS) {
    for (const side of sidesOf(id)) {
      it(`${id} ${side}: no surface below the floor, contacts on it, at every stature`, () => {
        for (const H of STATURES) {
          for (const k of keyframesOf(id)) {
            const fk = keyframeFK(id, side, k, H)
            let lowest = Infinity
            for (let i = 0; i < SURFACE_SAMPLES.length; i++) {
              lowest = Math.min(lowest, fk.surface[i * 4 + 1]! - fk.surface[i * 4 + 3]!)
            }
            expect(lowest, `${id} ${side} ${k} H=${H}`).toBeGreaterThanOrEqual(-0.01)
            const contacts = keyframeContacts(id, side, k)!
            expect(contacts.length, `${k} names its contacts`).toBeGreaterThan(0)
            for (const name of contacts) {
              const i = SURFACE_INDEX[name]!
              const gap = fk.surface[i * 4 + 1]! - fk.surface[i * 4 + 3]!
              expect(gap, `${id} ${side} ${k} H=${H}: ${name} on the floor`).toBeLessThanOrEqual(
                0.03,
              )
            }
          }
        }
      })
    }
  }

  it('postures touch the floor where docs/product.md says', () => {
    const has = (id: StretchId, k: string, names: string[]): void => {
      const c = keyframeContacts(id, sidesOf(id)[0]!, k)!
      for (const n of names) expect(c, `${id} ${k}`).toContain(n)
    }
    has('childs-pose', 'target', ['leftKnee', 'rightKnee', 'leftShin', 'rightShin'])
    has('childs-pose-side', 'target', ['leftKnee', 'rightKnee', 'leftShin', 'rightShin'])
    for (const id of ['knee-to-chest', 'glute-stretch', 'pelvic-tilt'] as const) {
      has(id, 'target', ['upperBack', 'headBack'])
    }
    has('supine-twist', 'target', ['upperBack', 'headBack'])
    has('bridge', 'top', ['leftShoulder', 'rightShoulder', 'headBack'])
    has('hamstring-stretch', 'target', ['leftSeat', 'rightSeat'])
    has('cat-cow', 'cat', ['leftHeel', 'leftBall', 'rightHeel', 'rightBall'])
    has('hip-flexor', 'target', ['rightKnee', 'rightShin'])
  })

  it("cat-cow's palms rest on the 0.51 H countertop in every keyframe", () => {
    for (const H of STATURES) {
      for (const k of STRETCH_KEYFRAMES['cat-cow']) {
        const fk = keyframeFK('cat-cow', 'both', k, H)
        expect(Math.abs(fk.palm[1]! - COUNTER_HEIGHT_H * H), k).toBeLessThanOrEqual(0.03)
        expect(Math.abs(fk.palm[4]! - COUNTER_HEIGHT_H * H), k).toBeLessThanOrEqual(0.03)
      }
    }
  })
})

describe('coach FK: mirroring', () => {
  for (const id of STRETCH_IDS.filter((s) => STRETCHES[s].sided)) {
    it(`${id}: every right keyframe is the exact mirror of the left`, () => {
      for (const k of keyframesOf(id)) {
        const l = getStretchKeyframe(id, 'left', k)!
        const r = getStretchKeyframe(id, 'right', k)!
        expect(r.hips[0]).toBe(-l.hips[0]!)
        expect(r.hips[1]).toBe(l.hips[1])
        expect(r.hips[2]).toBe(l.hips[2])
        for (let b = 0; b < BONE_COUNT; b++) {
          const m = BONE_MIRROR[b]!
          expect(r.rot[b * 4]).toBe(l.rot[m * 4])
          expect(r.rot[b * 4 + 1]).toBe(-l.rot[m * 4 + 1]!)
          expect(r.rot[b * 4 + 2]).toBe(-l.rot[m * 4 + 2]!)
          expect(r.rot[b * 4 + 3]).toBe(l.rot[m * 4 + 3])
        }
        const fl = keyframeFK(id, 'left', k, 1.75)
        const fr = keyframeFK(id, 'right', k, 1.75)
        for (let b = 0; b < BONE_COUNT; b++) {
          const m = BONE_MIRROR[b]!
          expect(fr.jointPos[b * 3]!).toBeCloseTo(-fl.jointPos[m * 3]!, 12)
          expect(fr.jointPos[b * 3 + 1]!).toBeCloseTo(fl.jointPos[m * 3 + 1]!, 12)
          expect(fr.jointPos[b * 3 + 2]!).toBeCloseTo(fl.jointPos[m * 3 + 2]!, 12)
        }
        expect(fr.eye[0]!).toBeCloseTo(-fl.eye[0]!, 12)
        expect(fr.palm[0]!).toBeCloseTo(-fl.palm[3]!, 12)
      }
    })
  }
  it('a one-sided stretch really differs between sides (mirroring is not a no-op)', () => {
    const l = keyframeFK('knee-to-chest', 'left', 'target', 1.75)
    const r = keyframeFK('knee-to-chest', 'right', 'target', 1.75)
    // the pulled-in knee is nearer the head (−Z) than the knee of the bent, resting leg
    expect(l.jointPos[JOINT.leftKnee * 3 + 2]!).toBeLessThan(
      r.jointPos[JOINT.leftKnee * 3 + 2]! - 0.1,
    )
    expect(r.jointPos[JOINT.rightKnee * 3 + 2]!).toBeLessThan(
      l.jointPos[JOINT.rightKnee * 3 + 2]! - 0.1,
    )
  })
})

describe('coach FK: tracked points', () => {
  const placements = [
    { x: 0, z: 0, yawRad: 0 },
    { x: 1.3, z: -2.1, yawRad: 2.4 },
    { x: -0.4, z: 0.7, yawRad: -1.1 },
  ]
  it('palmFromGrip and palmFromWrist land exactly on the FK palm centre', () => {
    const out = new Float64Array(3)
    for (const id of STRETCH_IDS) {
      for (const side of sidesOf(id)) {
        for (const k of STRETCH_KEYFRAMES[id]) {
          for (const p of placements) {
            for (const H of STATURES) {
              const fk = keyframeFK(id, side, k, H, p)
              for (const [hand, o] of [
                ['left', 0],
                ['right', 1],
              ] as const) {
                palmFromGrip(out, 0, fk.grip, o * 7, hand)
                for (let a = 0; a < 3; a++) expect(out[a]!).toBeCloseTo(fk.palm[o * 3 + a]!, 12)
                palmFromWrist(out, 0, fk.wrist, o * 7, H)
                for (let a = 0; a < 3; a++) expect(out[a]!).toBeCloseTo(fk.palm[o * 3 + a]!, 12)
              }
            }
          }
        }
      }
    }
  })

  it('standing: eyes at 0.93 H, viewer −Z along the coach facing, +Y up; grips 0.045 m from the palm', () => {
    for (const H of STATURES) {
      const fk = keyframeFK('cat-cow', 'both', 'stand', H, { x: 2, z: 3, yawRad: Math.PI })
      expect(fk.eye[1]!).toBeCloseTo(0.93 * H, 9)
      expect(fk.eye[0]!).toBeCloseTo(2, 9)
      // yaw π: the coach faces −Z, like a WebXR user at the start; viewer quaternion = identity (up to sign)
      expect(Math.abs(fk.eye[6]!)).toBeCloseTo(1, 9)
      const g = fk.grip
      const d = Math.hypot(g[0]! - fk.palm[0]!, g[1]! - fk.palm[1]!, g[2]! - fk.palm[2]!)
      expect(d).toBeCloseTo(0.045, 9)
      // joints: hips 0.53 H, knees 0.285 H, ankles 0.039 H
      expect(fk.jointPos[JOINT.hips * 3 + 1]!).toBeCloseTo(0.53 * H, 9)
      expect(fk.jointPos[JOINT.leftKnee * 3 + 1]!).toBeCloseTo(0.285 * H, 9)
      expect(fk.jointPos[JOINT.rightAnkle * 3 + 1]!).toBeCloseTo(0.039 * H, 9)
    }
  })

  it('bad input changes nothing and does not throw', () => {
    const fk = createCoachFK()
    fk.eye[0] = 7
    expect(
      coachKeyframeFK(fk, 'childs-pose', 'both', 'nope', 1.75, { x: 0, z: 0, yawRad: 0 }),
    ).toBe(false)
    expect(
      coachKeyframeFK(fk, 'childs-pose', 'both', 'target', NaN, { x: 0, z: 0, yawRad: 0 }),
    ).toBe(false)
    expect(
      coachKeyframeFK(fk, 'childs-pose', 'both', 'target', -1, { x: 0, z: 0, yawRad: 0 }),
    ).toBe(false)
    expect(coachTimelineFK(fk, 'bridge', Infinity, 1.75, { x: 0, z: 0, yawRad: 0 })).toBe(false)
    expect(fk.eye[0]).toBe(7)
  })
})

describe('coach timeline', () => {
  for (const id of STRETCH_IDS) {
    it(`${id}: plays stand → down → every side → up, always on the floor`, () => {
      const tl = timelineOf(id)
      const sides = new Set(tl.segments.map((s) => s.side))
      for (const s of sidesOf(id)) expect(sides.has(s as CoachSide)).toBe(true)
      expect(tl.segments[0]!.from).toBe('stand')
      expect(tl.segments.at(-1)!.to).toBe('stand')
      if (STRETCHES[id].dose.kind === 'hold') {
        const holds = tl.segments.filter((s) => s.hold)
        expect(holds.length).toBe(sidesOf(id).length)
        for (const h of holds) expect(h.duration).toBe(30)
      } else {
        const reps = Math.max(...tl.segments.map((s) => s.rep))
        expect(reps).toBe(STRETCHES[id].dose.kind === 'reps' ? STRETCHES[id].dose.reps : 0)
      }
      const fk = createCoachFK()
      for (let t = 0; t <= tl.duration; t += 0.37) {
        expect(coachTimelineFK(fk, id, t, 1.75, { x: 0, z: 0, yawRad: 0 })).toBe(true)
        let lowest = Infinity
        for (let i = 0; i < SURFACE_SAMPLES.length; i++) {
          lowest = Math.min(lowest, fk.surface[i * 4 + 1]! - fk.surface[i * 4 + 3]!)
        }
        expect(lowest).toBeGreaterThan(-0.01)
        expect(lowest).toBeLessThan(0.03)
        expect(Number.isFinite(fk.eye[0]! + fk.eye[3]! + fk.grip[13]!)).toBe(true)
      }
    })
  }
})

describe('coach captions', () => {
  it('every segment shows an existing step; holds show a step about holding, not releasing', () => {
    for (const id of STRETCH_IDS) {
      const tl = timelineOf(id)
      for (const seg of tl.segments) {
        expect(seg.step).toBeGreaterThanOrEqual(0)
        expect(seg.step).toBeLessThan(STRETCHES[id].steps.length)
      }
      const hold = tl.segments.find((s) => s.hold)
      if (hold)
        expect(STRETCHES[id].steps[hold.step]).not.toMatch(/^(Let it go|Walk the hands back)/)
      expect(tl.segments[0]!.step).toBe(0)
    }
  })
})

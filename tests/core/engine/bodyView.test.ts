// bodyView (docs/product.md "Body model", docs/engine.md "How a stretch is judged"):
// the eye, the face pitch, the body's forward line and right, the palm centres
// from grips or wrists, and the distances the stretch rules read. Every
// direction is the body's own: checked on hand-made heads and on the coach's
// keyframes at an odd mat position and heading.
import { describe, expect, it } from 'vitest'
import { coachKeyframeFK, createCoachFK, JOINT } from '../../../src/core/coach/fk.ts'
import {
  createBodyView,
  D_ACROSS,
  D_AHEAD,
  D_EYE_DIST,
  D_MID,
  D_MID_EYE_DIST,
  deriveView,
  viewHand,
  viewHead,
  type BodyView,
} from '../../../src/core/engine/bodyView.ts'
import { createPoseFrame, INPUT_HAND, type PoseFrame } from '../../../src/core/poseFrame.ts'
import { STRETCH_IDS, STRETCHES } from '../../../src/core/stretches.ts'
import { DEG, quatFromAxisAngle, quatMultiply } from '../../../src/core/vec.ts'
import { coachFrame, PLACEMENT, viewOf } from './coachView.ts'
import { headQuat } from './poseKit.ts'

const H = 1.75

function headFrame(headingDeg: number, pitchDeg: number, rollDeg = 0): PoseFrame {
  const f = createPoseFrame()
  f.poses.set([0.3, 1.2, -0.7], 0)
  headQuat(f.poses, 3, headingDeg, pitchDeg)
  if (rollDeg !== 0) {
    const r = new Float64Array(4)
    quatFromAxisAngle(r, 0, 0, 0, 1, rollDeg * DEG)
    quatMultiply(f.poses, 3, f.poses, 3, r, 0)
  }
  f.tracked[0] = 1
  return f
}

function headView(headingDeg: number, pitchDeg: number, rollDeg = 0): BodyView {
  const v = createBodyView(H)
  viewHead(v, headFrame(headingDeg, pitchDeg, rollDeg))
  return v
}

/** The horizontal unit vector of a heading (degrees from −Z toward −X). */
function heading(deg: number): number[] {
  return [-Math.sin(deg * DEG), 0, -Math.cos(deg * DEG)]
}

function expectVec(actual: ArrayLike<number>, expected: readonly number[], digits = 9): void {
  for (let k = 0; k < expected.length; k++)
    expect(actual[k], `[${k}]`).toBeCloseTo(expected[k]!, digits)
}

/** forward × up, i.e. (−fz, 0, fx). */
function crossUp(f: ArrayLike<number>): number[] {
  return [-f[2]!, 0, f[0]!]
}

describe('bodyView: the head', () => {
  it('standing, looking ahead: pitch 0, forward = the face on the floor, right = forward × up', () => {
    for (const h of [0, 37, -120, 180]) {
      const v = headView(h, 0)
      expect(v.pitchDeg).toBeCloseTo(0, 9)
      expectVec(v.eye, [0.3, 1.2, -0.7], 12)
      expectVec(v.up, [0, 1, 0])
      expectVec(v.fwd, heading(h))
      expectVec(v.right, crossUp(heading(h)))
    }
    // looking along −Z (WebXR's start), the right is +X
    expectVec(headView(0, 0).right, [1, 0, 0])
  })

  it('the face pitch is the angle of the face above the horizontal', () => {
    for (const p of [-80, -40, -10, 15, 45, 85]) expect(headView(20, p).pitchDeg).toBeCloseTo(p, 9)
  })

  it('looking a little up (0–30°) the forward line is still the face on the floor', () => {
    const v = headView(64, 20)
    expectVec(v.fwd, heading(64))
    expectVec(v.right, crossUp(heading(64)))
  })

  it('face down the forward line follows the crown, also straight down where the face has no direction on the floor', () => {
    for (const p of [-50, -89, -90]) {
      const v = headView(-33, p)
      expectVec(v.fwd, heading(-33))
      expectVec(v.right, crossUp(heading(-33)))
    }
  })

  it('face down with the head turned on the floor (rolled): forward is between face and crown, never degenerate', () => {
    const v = headView(0, -90, 30)
    expect(Math.hypot(v.fwd[0]!, v.fwd[2]!)).toBeCloseTo(1, 12)
    expect(v.fwd[1]).toBe(0)
    // the crown still points ahead (−Z) with the head rolled about the face
    expect(v.fwd[2]!).toBeLessThan(-0.8)
  })

  it('lying face up (pitch ≥ 30°): forward is the crown, right is mirrored to stay the body right', () => {
    // headQuat(h, +p) tips the face up; the crown goes the opposite way to the face on the floor.
    for (const p of [35, 60, 90]) {
      const v = headView(0, p)
      // crown toward +Z: a body lying face up with its head at +Z has its right at +X
      expectVec(v.fwd, [0, 0, 1])
      expectVec(v.right, [1, 0, 0])
    }
  })

  it('a non-unit head quaternion is normalised', () => {
    const a = createBodyView(H)
    const b = createBodyView(H)
    const f = headFrame(48, -55)
    viewHead(a, f)
    for (let k = 3; k < 7; k++) f.poses[k] = f.poses[k]! * 1.7
    viewHead(b, f)
    expect(b.pitchDeg).toBeCloseTo(a.pitchDeg, 9)
    expectVec(b.up, Array.from(a.up), 12)
    expectVec(b.fwd, Array.from(a.fwd), 12)
    expectVec(b.right, Array.from(a.right), 12)
  })
})

describe('bodyView: the palm centres', () => {
  const S = Math.SQRT1_2
  // 90° about +Y: +X → −Z, −Z → −X, −Y stays
  const YAW90 = [0, S, 0, S]

  function palmOf(h: 0 | 1, pose: number[], input = 0, scaleQ = 1): Float64Array {
    const f = createPoseFrame()
    f.poses.set(pose, 7 + h * 7)
    for (let k = 3; k < 7; k++) f.poses[7 + h * 7 + k] = pose[k]! * scaleQ
    f.input[h] = input
    const v = createBodyView(H)
    viewHand(v, f, h)
    return v.palm.slice(h * 3, h * 3 + 3)
  }

  it('a grip: the palm is 0.045 m toward the palm, +X of the left grip and −X of the right', () => {
    expectVec(palmOf(0, [1, 0.5, 2, 0, 0, 0, 1]), [1.045, 0.5, 2], 12)
    expectVec(palmOf(1, [1, 0.5, 2, 0, 0, 0, 1]), [0.955, 0.5, 2], 12)
  })

  it('a grip turned 90° about +Y: the offset turns with it', () => {
    expectVec(palmOf(0, [1, 0.5, 2, ...YAW90]), [1, 0.5, 2 - 0.045], 12)
    expectVec(palmOf(1, [1, 0.5, 2, ...YAW90]), [1, 0.5, 2 + 0.045], 12)
  })

  it('a tracked wrist: 0.043 H along its −Z and 0.02 m along its −Y, either hand', () => {
    for (const h of [0, 1] as const) {
      expectVec(palmOf(h, [1, 0.5, 2, 0, 0, 0, 1], INPUT_HAND), [1, 0.48, 2 - 0.043 * H], 12)
      expectVec(palmOf(h, [1, 0.5, 2, ...YAW90], INPUT_HAND), [1 - 0.043 * H, 0.48, 2], 12)
    }
  })

  it('a non-unit hand quaternion is normalised (palm and orientation)', () => {
    expectVec(palmOf(0, [1, 0.5, 2, ...YAW90], 0, 1.6), [1, 0.5, 2 - 0.045], 12)
    const f = createPoseFrame()
    f.poses.set([0, 0, 0, 0, 1.2, 0, 1.2], 14)
    const v = createBodyView(H)
    viewHand(v, f, 1)
    expectVec(v.handQ.subarray(4, 8), [0, S, 0, S], 12)
  })

  it('on the coach: grips and tracked wrists both land on the coach’s palm centres', () => {
    const fk = createCoachFK()
    for (const id of STRETCH_IDS) {
      const side = STRETCHES[id].sided ? 'right' : 'both'
      for (const H2 of [1.5, 1.95]) {
        coachKeyframeFK(fk, id, side, 'target', H2, PLACEMENT)
        for (const hands of [false, true]) {
          const v = viewOf(coachFrame(id, side, 'target', H2, hands), H2)
          for (let k = 0; k < 6; k++)
            expect(v.palm[k], `${id} ${H2} ${hands}`).toBeCloseTo(fk.palm[k]!, 9)
        }
      }
    }
  })
})

describe('bodyView: the body’s axes on the coach', () => {
  it('in every stretch’s start and target, the body right is the coach’s own right (its hip joints) and forward is perpendicular', () => {
    const fk = createCoachFK()
    for (const id of STRETCH_IDS) {
      for (const side of STRETCHES[id].sided ? (['left', 'right'] as const) : (['both'] as const)) {
        for (const key of ['start', 'target']) {
          coachKeyframeFK(fk, id, side, key, H, PLACEMENT)
          const v = viewOf(coachFrame(id, side, key, H), H)
          const J = fk.jointPos
          const hx = J[JOINT.rightHip * 3]! - J[JOINT.leftHip * 3]!
          const hz = J[JOINT.rightHip * 3 + 2]! - J[JOINT.leftHip * 3 + 2]!
          const along = (hx * v.right[0]! + hz * v.right[2]!) / Math.hypot(hx, hz)
          expect(along, `${id} ${side} ${key}`).toBeGreaterThan(0.99)
          expect(v.fwd[0]! * v.right[0]! + v.fwd[2]! * v.right[2]!).toBeCloseTo(0, 12)
        }
      }
    }
  })

  it('the forward line: the way the coach faces when upright or face down, toward its crown when lying', () => {
    // the coach faces +Z of its placement, turned by yawRad; lying, its head is toward −Z
    const facing = [Math.sin(PLACEMENT.yawRad), 0, Math.cos(PLACEMENT.yawRad)]
    const cases: [(typeof STRETCH_IDS)[number], number, string][] = [
      ['childs-pose', 1, 'face down'],
      ['hip-flexor', 1, 'upright'],
      ['cat-cow', 1, 'at the counter'],
      ['knee-to-chest', -1, 'lying'],
      ['bridge', -1, 'lying, hips up'],
    ]
    for (const [id, sign, what] of cases) {
      const side = STRETCHES[id].sided ? 'left' : 'both'
      const v = viewOf(coachFrame(id, side, 'target', H), H)
      expectVec(
        v.fwd,
        facing.map((x) => sign * x),
        2,
      )
      expect(v.pitchDeg >= 30, what).toBe(sign < 0)
    }
  })
})

describe('bodyView: derived distances', () => {
  function handMade(headingDeg: number): BodyView {
    const v = createBodyView(H)
    v.eye.set([1, 1.2, 2])
    const f = heading(headingDeg)
    v.fwd.set(f)
    v.right.set(crossUp(f))
    // left palm 0.5 ahead and 0.2 to the left, 1 m lower; right palm 0.3 ahead, 0.1 to the right, 0.8 lower
    const at = (ahead: number, right: number, dy: number) => [
      1 + ahead * f[0]! + right * v.right[0]!,
      1.2 + dy,
      2 + ahead * f[2]! + right * v.right[2]!,
    ]
    v.palm.set([...at(0.5, -0.2, -1), ...at(0.3, 0.1, -0.8)])
    deriveView(v)
    return v
  }

  it('eye distance (3-D), ahead along the forward line and across to the body’s right (horizontal) per palm and midpoint', () => {
    for (const h of [0, 90, -145]) {
      const d = handMade(h).derived
      expect(d[D_AHEAD]).toBeCloseTo(0.5, 12)
      expect(d[D_AHEAD + 1]).toBeCloseTo(0.3, 12)
      expect(d[D_AHEAD + 2]).toBeCloseTo(0.4, 12)
      expect(d[D_ACROSS]).toBeCloseTo(-0.2, 12)
      expect(d[D_ACROSS + 1]).toBeCloseTo(0.1, 12)
      expect(d[D_ACROSS + 2]).toBeCloseTo(-0.05, 12)
      expect(d[D_EYE_DIST]).toBeCloseTo(Math.hypot(0.5, 0.2, 1), 12)
      expect(d[D_EYE_DIST + 1]).toBeCloseTo(Math.hypot(0.3, 0.1, 0.8), 12)
      expect(d[D_MID_EYE_DIST]).toBeCloseTo(Math.hypot(0.4, 0.05, 0.9), 12)
    }
  })

  it('the hands’ midpoint', () => {
    const v = handMade(0)
    expectVec(v.derived.subarray(D_MID, D_MID + 3), [1 - 0.05, 0.3, 2 - 0.4], 12)
  })
})

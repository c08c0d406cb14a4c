// poseValidity (pose-trace spec "Tracking"): a pose is usable when tracked,
// finite and a rotation (quaternion length 0.5–2, normalised later); a pose
// bit-identical for 0.5 s is a frozen device, not a still user: a real sensor
// always jitters in the last digits.
import { describe, expect, it } from 'vitest'
import {
  createPoseValidity,
  forgetPoses,
  FROZEN_AFTER_S,
  poseUsable,
} from '../../../src/core/engine/poseValidity.ts'
import { createPoseFrame, type PoseFrame } from '../../../src/core/poseFrame.ts'

const POSE = [0.2, 1.1, -0.4, 0.1, 0.2, -0.3, Math.sqrt(1 - 0.14)]

function frameWith(t: number, i: number, pose: readonly number[], tracked = true): PoseFrame {
  const f = createPoseFrame()
  f.t = t
  for (let k = 0; k < 3; k++) {
    f.poses.set(POSE, k * 7)
    f.tracked[k] = 1
  }
  f.poses.set(pose, i * 7)
  f.tracked[i] = tracked ? 1 : 0
  return f
}

/** The next double after x (a last-digit jitter). */
function nextUp(x: number): number {
  const b = new Float64Array([x])
  const u = new BigInt64Array(b.buffer)
  u[0] = u[0]! + (x >= 0 ? 1n : -1n)
  return b[0]!
}

describe('poseValidity: unusable poses', () => {
  const cases: [string, number[], boolean][] = [
    ['untracked', POSE, false],
    ['NaN position', [NaN, 1.1, -0.4, 0, 0, 0, 1], true],
    ['infinite position', [0.2, Infinity, -0.4, 0, 0, 0, 1], true],
    ['NaN quaternion', [0.2, 1.1, -0.4, 0, NaN, 0, 1], true],
    ['zero quaternion', [0.2, 1.1, -0.4, 0, 0, 0, 0], true],
    ['quaternion of length 0.4', [0.2, 1.1, -0.4, 0, 0, 0, 0.4], true],
    ['quaternion of length 2.5', [0.2, 1.1, -0.4, 0, 1.5, 0, 2], true],
  ]
  for (const [name, pose, tracked] of cases) {
    it(`${name} is unusable, for each of head, left and right`, () => {
      for (let i = 0; i < 3; i++) {
        const s = createPoseValidity()
        expect(poseUsable(s, frameWith(0, i, pose, tracked), i), `pose ${i}`).toBe(false)
      }
    })
  }

  it('a slightly non-unit quaternion is usable (the engine normalises it)', () => {
    const s = createPoseValidity()
    expect(poseUsable(s, frameWith(0, 0, [0, 1.6, 0, 0, 0, 0, 1.3]), 0)).toBe(true)
    expect(poseUsable(s, frameWith(0, 1, [0, 1.6, 0, 0.4, 0, 0, 0.6]), 1)).toBe(true)
  })

  it('a bad pose does not make the other poses of the frame unusable', () => {
    const s = createPoseValidity()
    const f = frameWith(0, 1, [NaN, 0, 0, 0, 0, 0, 1])
    expect(poseUsable(s, f, 0)).toBe(true)
    expect(poseUsable(s, f, 1)).toBe(false)
    expect(poseUsable(s, f, 2)).toBe(true)
  })
})

describe('poseValidity: a frozen device', () => {
  it(`a pose bit-identical for ${FROZEN_AFTER_S} s is usable before and unusable at and after`, () => {
    expect(FROZEN_AFTER_S).toBe(0.5)
    const s = createPoseValidity()
    const usable: [number, boolean][] = []
    for (const t of [10, 10.1, 10.3, 10.49, 10.5, 10.6, 12]) {
      usable.push([t, poseUsable(s, frameWith(t, 1, POSE), 1)])
    }
    expect(usable).toEqual([
      [10, true],
      [10.1, true],
      [10.3, true],
      [10.49, true],
      [10.5, false],
      [10.6, false],
      [12, false],
    ])
  })

  it('a jitter in the last digit of any number keeps a still pose usable for 10 s at 90 Hz', () => {
    const s = createPoseValidity()
    for (let n = 0; n < 900; n++) {
      const p = POSE.slice()
      if (n % 2 === 1) p[n % 7] = nextUp(p[n % 7]!)
      expect(poseUsable(s, frameWith(n / 90, 0, p), 0), `frame ${n}`).toBe(true)
    }
  })

  it('a frozen pose that moves again is usable again at once', () => {
    const s = createPoseValidity()
    for (let n = 0; n <= 60; n++) poseUsable(s, frameWith(n / 90, 2, POSE), 2)
    expect(poseUsable(s, frameWith(61 / 90, 2, POSE), 2)).toBe(false)
    const moved = POSE.slice()
    moved[0] = nextUp(moved[0]!)
    expect(poseUsable(s, frameWith(62 / 90, 2, moved), 2)).toBe(true)
  })

  it('each pose has its own timer: a frozen hand leaves the head usable', () => {
    const s = createPoseValidity()
    let head = true
    let left = true
    for (let n = 0; n < 90; n++) {
      const p = POSE.slice()
      p[1] = 1.1 + n * 1e-5 // the head moves
      const f = frameWith(n / 90, 0, p)
      head = poseUsable(s, f, 0)
      left = poseUsable(s, f, 1)
    }
    expect(head).toBe(true)
    expect(left).toBe(false)
  })

  it('forgetPoses restarts the frozen timer (a reset: poses jump)', () => {
    const a = createPoseValidity()
    const b = createPoseValidity()
    for (const t of [0, 0.2, 0.4]) {
      poseUsable(a, frameWith(t, 0, POSE), 0)
      poseUsable(b, frameWith(t, 0, POSE), 0)
    }
    forgetPoses(b)
    expect(poseUsable(a, frameWith(0.6, 0, POSE), 0)).toBe(false)
    expect(poseUsable(b, frameWith(0.6, 0, POSE), 0)).toBe(true)
    expect(poseUsable(b, frameWith(1.09, 0, POSE), 0)).toBe(true)
    expect(poseUsable(b, frameWith(1.1, 0, POSE), 0)).toBe(false)
  })

  it('a pose lost in between restarts the timer: identical numbers after a dropout are not frozen', () => {
    const s = createPoseValidity()
    poseUsable(s, frameWith(0, 1, POSE), 1)
    poseUsable(s, frameWith(0.3, 1, POSE), 1)
    poseUsable(s, frameWith(0.4, 1, POSE, false), 1)
    expect(poseUsable(s, frameWith(0.6, 1, POSE), 1)).toBe(true)
    expect(poseUsable(s, frameWith(1.0, 1, POSE), 1)).toBe(true)
    expect(poseUsable(s, frameWith(1.1, 1, POSE), 1)).toBe(false)
  })
})

// handGrace (pose-trace spec "Tracking"): while the pose is held, a needed hand
// that stops being sensed keeps its last sensed palm for up to 2 s, flagged as
// held over (hold time, no samples); not when the pose was not held, not across
// a gap, not after 2 s. A measure that needs only the hand's orientation (pelvic
// tilt) keeps the last palm while the orientation is real, without the flag.
import { describe, expect, it } from 'vitest'
import { createBodyView, type BodyView } from '../../../src/core/engine/bodyView.ts'
import { createFrameClock, endFrame, timeFrame } from '../../../src/core/engine/frameClock.ts'
import {
  createHandGrace,
  forgetHands,
  HAND_GRACE_S,
  holdOverPalms,
  rememberPalm,
  type HandGrace,
} from '../../../src/core/engine/handGrace.ts'
import { createPoseFrame } from '../../../src/core/poseFrame.ts'

const LEFT = [0.1, 0.05, -0.4]
const RIGHT = [-0.2, 0.06, -0.45]
const frame = createPoseFrame()

/** A grace that sensed both palms at t = 10. */
function sensedAt10(): [HandGrace, BodyView] {
  const g = createHandGrace()
  const v = createBodyView(1.75)
  v.palm.set([...LEFT, ...RIGHT])
  frame.t = 10
  rememberPalm(g, v, 0, frame)
  rememberPalm(g, v, 1, frame)
  return [g, v]
}

/** Hands `lost` (bit h) are neither sensed nor oriented at t; the palms the frame had are garbage. */
function lose(v: BodyView, lost: number, oriented = 0): void {
  for (let h = 0; h < 2; h++) {
    const gone = (lost & (1 << h)) !== 0
    v.palmOk[h] = gone ? 0 : 1
    v.handQOk[h] = gone ? (oriented >> h) & 1 : 1
    if (gone) v.palm.fill(99, h * 3, h * 3 + 3)
  }
}

function at(t: number) {
  frame.t = t
  return frame
}

describe('handGrace', () => {
  it('a hand lost while the pose is held keeps its last sensed palm, flagged as held over', () => {
    const [g, v] = sensedAt10()
    lose(v, 0b01)
    expect(holdOverPalms(g, v, at(11), false, true)).toBe(0b01)
    expect(Array.from(v.palm.subarray(0, 3))).toEqual(LEFT)
    expect(v.palmOk[0]).toBe(1)
    // the sensed right hand is left alone
    expect(Array.from(v.palm.subarray(3, 6))).toEqual(RIGHT)
  })

  it(`held over up to ${HAND_GRACE_S} s after the last sensed palm, not after`, () => {
    expect(HAND_GRACE_S).toBe(2)
    for (const [t, kept] of [
      [10.5, true],
      [11.99, true],
      [12, true],
      [12.01, false],
      [15, false],
    ] as const) {
      const [g, v] = sensedAt10()
      lose(v, 0b11)
      expect(holdOverPalms(g, v, at(t), false, true), `t ${t}`).toBe(kept ? 0b11 : 0)
      expect(v.palmOk[0] === 1 && v.palmOk[1] === 1, `t ${t}`).toBe(kept)
    }
  })

  it('not when the pose was not held', () => {
    const [g, v] = sensedAt10()
    lose(v, 0b11)
    expect(holdOverPalms(g, v, at(10.5), false, false)).toBe(0)
    expect(v.palmOk[0]).toBe(0)
    expect(v.palmOk[1]).toBe(0)
  })

  it('not across a gap: the engine holds over only when the frame came without one', () => {
    const [g, v] = sensedAt10()
    const clock = createFrameClock()
    endFrame(clock, at(10))
    const gap = timeFrame(clock, at(10.4)) // 0.4 s without frames
    lose(v, 0b10)
    expect(holdOverPalms(g, v, at(10.4), false, !gap)).toBe(0)
    expect(v.palmOk[1]).toBe(0)
  })

  it('a hand never sensed is never held over', () => {
    const g = createHandGrace()
    const v = createBodyView(1.75)
    lose(v, 0b11, 0b11)
    expect(holdOverPalms(g, v, at(0.1), true, true)).toBe(0)
    expect(v.palmOk[0]).toBe(0)
  })

  it('the last sensed palm is the one remembered', () => {
    const [g, v] = sensedAt10()
    v.palm.set([0.3, 0.2, 0.1], 0)
    rememberPalm(g, v, 0, at(10.5))
    lose(v, 0b01)
    expect(holdOverPalms(g, v, at(12.4), false, true)).toBe(0b01)
    expect(Array.from(v.palm.subarray(0, 3))).toEqual([0.3, 0.2, 0.1])
  })

  it('orientation-only measure: a hand with a real orientation keeps its last palm, not flagged, however long and whether held or not', () => {
    for (const holding of [false, true]) {
      const [g, v] = sensedAt10()
      lose(v, 0b01, 0b01)
      expect(holdOverPalms(g, v, at(40), true, holding)).toBe(0)
      expect(v.palmOk[0]).toBe(1)
      expect(Array.from(v.palm.subarray(0, 3))).toEqual(LEFT)
    }
    // within the grace too, the orientation takes precedence: not flagged
    const [g, v] = sensedAt10()
    lose(v, 0b01, 0b01)
    expect(holdOverPalms(g, v, at(10.5), true, true)).toBe(0)
    expect(v.palmOk[0]).toBe(1)
  })

  it('orientation-only measure without a real orientation: only the ordinary grace', () => {
    const [g, v] = sensedAt10()
    lose(v, 0b01, 0)
    expect(holdOverPalms(g, v, at(11), true, true)).toBe(0b01)
    const [g2, v2] = sensedAt10()
    lose(v2, 0b01, 0)
    expect(holdOverPalms(g2, v2, at(13), true, true)).toBe(0)
    expect(v2.palmOk[0]).toBe(0)
  })

  it('an orientation is not enough when the measure needs the position', () => {
    const [g, v] = sensedAt10()
    lose(v, 0b10, 0b10)
    expect(holdOverPalms(g, v, at(13), false, true)).toBe(0)
    expect(v.palmOk[1]).toBe(0)
  })

  it('forgetHands: after a reset nothing is held over', () => {
    const [g, v] = sensedAt10()
    forgetHands(g)
    lose(v, 0b11, 0b11)
    expect(holdOverPalms(g, v, at(10.5), true, true)).toBe(0)
    expect(v.palmOk[0]).toBe(0)
    expect(v.palmOk[1]).toBe(0)
  })
})

// frameClock (pose-trace spec "Tracking"): a gap over 0.25 s, or time going
// back, is untracked for its whole length; counted seconds never reach back
// before the floor (stretch start, resume, visible again); the first frame
// counts nothing.
import { describe, expect, it } from 'vitest'
import {
  C_COUNT_DT,
  C_DT,
  createFrameClock,
  endFrame,
  MAX_FRAME_GAP_S,
  previousFrameT,
  setCountFloor,
  timeFrame,
  type FrameClock,
} from '../../../src/core/engine/frameClock.ts'
import { createPoseFrame } from '../../../src/core/poseFrame.ts'

const frame = createPoseFrame()

/** Times a frame at t and ends it, as the engine does; returns [gap, dt, counted seconds]. */
function tick(c: FrameClock, t: number): [boolean, number, number] {
  frame.t = t
  const gap = timeFrame(c, frame)
  const out: [boolean, number, number] = [gap, c.num[C_DT]!, c.num[C_COUNT_DT]!]
  endFrame(c, frame)
  return out
}

describe('frameClock', () => {
  it('the first frame counts nothing and is no gap', () => {
    const c = createFrameClock()
    setCountFloor(c, 0)
    expect(tick(c, 3.2)).toEqual([false, 0, 0])
  })

  it('a frame counts the seconds since the previous one', () => {
    const c = createFrameClock()
    tick(c, 1)
    const [gap, dt, count] = tick(c, 1 + 1 / 90)
    expect(gap).toBe(false)
    expect(dt).toBeCloseTo(1 / 90, 12)
    expect(count).toBeCloseTo(1 / 90, 12)
  })

  it('a gap over 0.25 s gives dt 0, counts nothing and is reported; 0.25 s itself is no gap', () => {
    expect(MAX_FRAME_GAP_S).toBe(0.25)
    const c = createFrameClock()
    tick(c, 1)
    expect(tick(c, 1.2501)).toEqual([true, 0, 0])
    // counting goes on normally from the frame after the gap
    const [gap, dt, count] = tick(c, 1.2601)
    expect(gap).toBe(false)
    expect(dt).toBeCloseTo(0.01, 12)
    expect(count).toBeCloseTo(0.01, 12)
    // exactly 0.25 s (representable) is still tracked
    const c2 = createFrameClock()
    tick(c2, 2)
    expect(tick(c2, 2.25)).toEqual([false, 0.25, 0.25])
  })

  it('time going back is a gap: dt 0, nothing counted', () => {
    const c = createFrameClock()
    tick(c, 5)
    expect(tick(c, 4.99)).toEqual([true, 0, 0])
    // the frame that went back is the new reference
    const [gap, , count] = tick(c, 5)
    expect(gap).toBe(false)
    expect(count).toBeCloseTo(0.01, 12)
  })

  it('a resume mid-interval counts only from the resume', () => {
    const c = createFrameClock()
    tick(c, 10)
    setCountFloor(c, 10.004)
    const [, dt, count] = tick(c, 10.011)
    expect(dt).toBeCloseTo(0.011, 12)
    expect(count).toBeCloseTo(0.007, 12)
  })

  it('a floor after the frame counts nothing (never negative); a floor before the previous frame changes nothing', () => {
    const c = createFrameClock()
    tick(c, 10)
    setCountFloor(c, 10.02)
    expect(tick(c, 10.011)[2]).toBe(0)
    setCountFloor(c, 3)
    expect(tick(c, 10.022)[2]).toBeCloseTo(0.011, 12)
  })

  it('counted seconds never reach back before the floor: 90 Hz, paused from 3 s to 5.0037 s', () => {
    // As the engine does: frames while paused add nothing; the resume sets the floor.
    const c = createFrameClock()
    setCountFloor(c, 0)
    let counted = 0
    let seen = 0
    let paused = false
    let t = 0
    for (let n = 0; n <= 900; n++) {
      t = n / 90
      if (n === 271) paused = true // the pause came just after the frame at 3 s
      if (paused && t >= 5.0037) {
        paused = false
        setCountFloor(c, 5.0037)
      }
      const [, dt, count] = tick(c, t)
      if (!paused) counted += count
      seen += dt
    }
    // 0–3 s, then from the resume to the last frame, not from the frame before it
    expect(counted).toBeCloseTo(3 + (t - 5.0037), 9)
    expect(seen).toBeCloseTo(t, 9)
  })

  it('previousFrameT: the fallback before the first frame, then the last frame ended', () => {
    const c = createFrameClock()
    expect(previousFrameT(c, 7)).toBe(7)
    tick(c, 1.5)
    expect(previousFrameT(c, 7)).toBe(1.5)
  })
})

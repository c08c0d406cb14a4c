// palmAverage (cat-cow's form: the hands' 0.5 s average stays on the counter):
// the average is over the last 0.5 s by time, whatever the frame rate, and the
// fixed ring never overflows or keeps stale palms at high rates.
import { describe, expect, it } from 'vitest'
import { createBodyView, type BodyView } from '../../../src/core/engine/bodyView.ts'
import {
  clearPalmAverage,
  createPalmAverage,
  PALM_AVERAGE_S,
  pushPalms,
  type PalmAverage,
} from '../../../src/core/engine/palmAverage.ts'
import { createPoseFrame } from '../../../src/core/poseFrame.ts'

const frame = createPoseFrame()

/** Palms of a hand sliding along x at 0.2 m/s with a 1 Hz, 1 cm wobble in z (left) and still (right). */
function palmsAt(v: BodyView, t: number): void {
  v.palm.set([0.2 * t, 0.9, 0.01 * Math.sin(2 * Math.PI * t), -0.3, 0.9, -0.2])
}

/** Feeds frames at `hz` from t0 to t1 (inclusive) and returns the last average. */
function run(
  a: PalmAverage,
  v: BodyView,
  hz: number,
  t0: number,
  t1: number,
  palms = palmsAt,
): Float64Array {
  for (let n = 0; t0 + n / hz <= t1 + 1e-9; n++) {
    frame.t = t0 + n / hz
    palms(v, frame.t)
    pushPalms(a, v, frame)
  }
  return v.palmAvg
}

/** The mean of a function over [t − 0.5, t]. */
function timeMean(f: (t: number) => number, t: number): number {
  const N = 20000
  let s = 0
  for (let i = 0; i <= N; i++) s += f(t - PALM_AVERAGE_S + (PALM_AVERAGE_S * i) / N)
  return s / (N + 1)
}

describe('palmAverage', () => {
  it('a still palm averages to itself', () => {
    const v = createBodyView(1.75)
    const avg = run(createPalmAverage(), v, 90, 0, 3, (w) =>
      w.palm.set([0.1, 0.9, -0.5, -0.3, 0.91, -0.52]),
    )
    expect(Array.from(avg)).toEqual(
      [0.1, 0.9, -0.5, -0.3, 0.91, -0.52].map((x) => expect.closeTo(x, 12)),
    )
  })

  it(`the average is over the last ${PALM_AVERAGE_S} s by time: 60 and 120 Hz give the same average of a moving palm`, () => {
    expect(PALM_AVERAGE_S).toBe(0.5)
    const at60 = run(createPalmAverage(), createBodyView(1.75), 60, 0, 4).slice()
    const at120 = run(createPalmAverage(), createBodyView(1.75), 120, 0, 4).slice()
    // sliding at 0.2 m/s: the 0.5 s average trails the palm by 0.25 s (5 cm)
    const x = timeMean((t) => 0.2 * t, 4)
    const z = timeMean((t) => 0.01 * Math.sin(2 * Math.PI * t), 4)
    expect(x).toBeCloseTo(0.75, 6)
    for (const avg of [at60, at120]) {
      expect(avg[0]).toBeCloseTo(x, 6)
      // a mean of whole frames, both window ends in: within 0.5 mm of the time mean of the wobble
      expect(Math.abs(avg[2]! - z)).toBeLessThan(0.0005)
      expect(avg[3]).toBeCloseTo(-0.3, 12)
    }
    expect(Math.abs(at60[0]! - at120[0]!)).toBeLessThan(1e-6)
  })

  it('a palm that moved settles to its new place once 0.5 s have passed, at 60, 90 and 120 Hz', () => {
    for (const hz of [60, 90, 120]) {
      const a = createPalmAverage()
      const v = createBodyView(1.75)
      const step = (w: BodyView, t: number) =>
        w.palm.set(t < 2 ? [0, 0.9, 0, 0, 0.9, 0] : [0.05, 0.9, 0, 0, 0.9, 0])
      run(a, v, hz, 0, 2.25, step)
      // halfway through the window: about half the old place, half the new
      expect(v.palmAvg[0], `${hz} Hz`).toBeCloseTo(0.025, 2)
      run(a, v, hz, 2.25 + 1 / hz, 2.52, step)
      expect(v.palmAvg[0], `${hz} Hz`).toBeCloseTo(0.05, 12)
    }
  })

  it('the ring never overflows at high rates: 1 kHz for 20 s stays finite, recent and exact', () => {
    const a = createPalmAverage()
    const v = createBodyView(1.75)
    run(a, v, 1000, 0, 20)
    // whatever it keeps lies within the last 0.5 s of the slide (9.9–10 m ... 3.9–4 m here)
    expect(v.palmAvg[0]).toBeGreaterThan(0.2 * (20 - PALM_AVERAGE_S))
    expect(v.palmAvg[0]).toBeLessThanOrEqual(0.2 * 20)
    // then held still: the running sum carries no stale palm and no drift
    run(a, v, 1000, 20.001, 21, (w) => w.palm.set([1, 2, 3, 4, 5, 6]))
    expect(Array.from(v.palmAvg)).toEqual([1, 2, 3, 4, 5, 6].map((x) => expect.closeTo(x, 9)))
  })

  it('clearPalmAverage: the average starts afresh from the next palms', () => {
    const a = createPalmAverage()
    const v = createBodyView(1.75)
    run(a, v, 90, 0, 1, (w) => w.palm.set([0.9, 0.9, 0.9, 0.9, 0.9, 0.9]))
    clearPalmAverage(a)
    run(a, v, 90, 1.01, 1.2, (w) => w.palm.set([0.3, 0.3, 0.3, 0.3, 0.3, 0.3]))
    expect(Array.from(v.palmAvg)).toEqual(Array(6).fill(expect.closeTo(0.3, 12)))
  })
})

// sideScore (one side's running totals, docs/product.md "Scoring"): range is the
// time-weighted median of the hold's progress, or the median repetition peak; stability
// maps 1–20 mm RMS to 1–0 with the first and last 2 s of the hold left out; the score is
// round(100 × completion × (0.6 range + 0.4 stability)). What a user sees in the result.
import { describe, expect, it } from 'vitest'
import {
  addPeak,
  addRangeSample,
  addStabilitySample,
  computeSideFigures,
  createSideScore,
  MAX_PEAKS,
  resetSideScore,
  STABILITY_EDGE_SAMPLES,
  type SideScore,
} from '../../../src/core/engine/sideScore.ts'

const HOLD = { hold: true, targetHold: 30, targetReps: 0 }
const REPS = { hold: false, targetHold: 0, targetReps: 10 }

function range(s: SideScore, progress: number, seconds: number): void {
  s.arg[0] = progress
  s.arg[1] = seconds
  addRangeSample(s)
}

function peak(s: SideScore, amplitude: number): void {
  s.arg[0] = amplitude
  addPeak(s)
}

/** `samples` grid samples whose pooled RMS displacement is `mm` over `points` points. */
function steadiness(s: SideScore, mm: number, samples: number, points = 3): void {
  for (let k = 0; k < samples; k++) {
    s.arg[0] = points * (mm / 1000) ** 2
    addStabilitySample(s, points)
  }
}

describe('range of a hold', () => {
  it('is the time-weighted median: 20 s at 0.9 outweigh 10 s at 0.3', () => {
    const s = createSideScore()
    resetSideScore(s)
    range(s, 0.3, 10)
    range(s, 0.9, 20)
    computeSideFigures(s, HOLD)
    expect(s.range).toBeCloseTo(0.9, 3)
  })

  it('many short frames weigh as their seconds do, whatever the frame rate', () => {
    const at60 = createSideScore()
    const at120 = createSideScore()
    resetSideScore(at60)
    resetSideScore(at120)
    for (let k = 0; k < 600; k++) range(at60, k < 240 ? 0.5 : 0.8, 1 / 60)
    for (let k = 0; k < 1200; k++) range(at120, k < 480 ? 0.5 : 0.8, 1 / 120)
    computeSideFigures(at60, HOLD)
    computeSideFigures(at120, HOLD)
    expect(at60.range).toBeCloseTo(0.8, 3)
    expect(at120.range).toBeCloseTo(at60.range, 6)
  })

  it('past the target adds nothing and below the start counts as 0; no time, no sample', () => {
    const s = createSideScore()
    resetSideScore(s)
    range(s, 1.15, 5)
    range(s, 0.7, 0)
    range(s, -0.4, 1)
    computeSideFigures(s, HOLD)
    expect(s.range).toBeCloseTo(1, 6)
    const low = createSideScore()
    resetSideScore(low)
    range(low, -0.4, 5)
    computeSideFigures(low, HOLD)
    expect(low.range).toBe(0)
  })
})

describe('range of repetitions', () => {
  it('is the median peak, whatever the order they came in', () => {
    const s = createSideScore()
    resetSideScore(s)
    for (const a of [0.9, 0.62, 1.3, 0.75, 0.8]) peak(s, a)
    computeSideFigures(s, REPS)
    expect(s.range).toBeCloseTo(0.8, 6)
    // kept sorted, capped at 1
    expect(Array.from(s.peaks.subarray(0, s.peakCount))).toEqual([0.62, 0.75, 0.8, 0.9, 1])
    peak(s, 0.7)
    computeSideFigures(s, REPS)
    expect(s.range).toBeCloseTo((0.75 + 0.8) / 2, 6)
  })

  it(`keeps at most ${MAX_PEAKS} peaks; none gives range 0`, () => {
    const s = createSideScore()
    resetSideScore(s)
    computeSideFigures(s, REPS)
    expect(s.range).toBe(0)
    for (let k = 0; k < MAX_PEAKS + 40; k++) peak(s, (k % 10) / 10)
    expect(s.peakCount).toBe(MAX_PEAKS)
  })
})

describe('stability', () => {
  it('maps 1 mm RMS or less to 1, 20 mm or more to 0, linear between', () => {
    for (const [mm, expected] of [
      [0.5, 1],
      [1, 1],
      [10.5, 0.5],
      [20, 0],
      [35, 0],
    ] as const) {
      const s = createSideScore()
      resetSideScore(s)
      steadiness(s, mm, 3 * STABILITY_EDGE_SAMPLES)
      computeSideFigures(s, HOLD)
      expect(s.stability, `${mm} mm`).toBeCloseTo(expected, 6)
    }
  })

  it('leaves out the first and the last 2 s: a shaky start and end do not count', () => {
    const s = createSideScore()
    resetSideScore(s)
    steadiness(s, 30, STABILITY_EDGE_SAMPLES) // settling in
    steadiness(s, 1, 2 * STABILITY_EDGE_SAMPLES) // the steady hold
    steadiness(s, 30, STABILITY_EDGE_SAMPLES) // coming out
    computeSideFigures(s, HOLD)
    expect(s.stability).toBeCloseTo(1, 6)
  })

  it('a hold too short to measure (4 s or less) has stability 0', () => {
    const s = createSideScore()
    resetSideScore(s)
    steadiness(s, 1, 2 * STABILITY_EDGE_SAMPLES)
    computeSideFigures(s, HOLD)
    expect(s.stability).toBe(0)
  })
})

describe('score', () => {
  it('is round(100 × completion × (0.6 range + 0.4 stability))', () => {
    const s = createSideScore()
    resetSideScore(s)
    range(s, 0.8, 15)
    steadiness(s, 10.5, 4 * STABILITY_EDGE_SAMPLES)
    s.holdSeconds = 15
    computeSideFigures(s, HOLD)
    expect(s.score).toBe(Math.round(100 * 0.5 * (0.6 * 0.8 + 0.4 * 0.5)))
    s.holdSeconds = 45 // completion is capped at 1
    computeSideFigures(s, HOLD)
    expect(s.score).toBe(Math.round(100 * (0.6 * 0.8 + 0.4 * 0.5)))
  })

  it('repetitions complete by count: 5 of 10 halves the score', () => {
    const s = createSideScore()
    resetSideScore(s)
    for (let k = 0; k < 5; k++) peak(s, 1)
    s.reps = 5
    steadiness(s, 1, 4 * STABILITY_EDGE_SAMPLES)
    computeSideFigures(s, REPS)
    expect(s.score).toBe(50)
  })

  it('a reset side starts from nothing', () => {
    const s = createSideScore()
    resetSideScore(s)
    range(s, 1, 30)
    peak(s, 1)
    steadiness(s, 1, 4 * STABILITY_EDGE_SAMPLES)
    s.holdSeconds = 30
    computeSideFigures(s, HOLD)
    expect(s.score).toBe(100)
    resetSideScore(s)
    computeSideFigures(s, HOLD)
    expect([s.score, s.range, s.stability, s.peakCount, s.holdSeconds]).toEqual([0, 0, 0, 0, 0])
  })
})

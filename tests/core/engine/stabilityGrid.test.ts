// stabilityGrid (docs/product.md "Scoring", stability "computed on time so the frame
// rate does not change it"): the points are resampled onto a fixed 100 Hz grid
// before the band-pass, so the same movement gives the same sums at any frame
// rate or timing; only the points of the mask and only counted samples are
// summed; a gap, a lost point, or more than a second without counting restarts
// the filter at rest (the movement into the pose does not ring in it).
import { describe, expect, it } from 'vitest'
import { createBodyView, type BodyView } from '../../../src/core/engine/bodyView.ts'
import { createSideScore, type SideScore } from '../../../src/core/engine/sideScore.ts'
import { STABILITY_GRID_HZ } from '../../../src/core/engine/stabilityFilter.ts'
import {
  createStabilityGrid,
  setGridPoints,
  stepStabilityGrid,
  type StabilityGrid,
} from '../../../src/core/engine/stabilityGrid.ts'
import { createPoseFrame } from '../../../src/core/poseFrame.ts'
import { rng } from './poseKit.ts'

const TAU = 2 * Math.PI

/** Where the head and hands are at t: a still body with tremor, breathing sway and a slow drift. */
type Motion = (v: BodyView, t: number) => void

const tremor: Motion = (v, t) => {
  const breathe = 0.008 * Math.sin(TAU * 0.25 * t)
  v.eye.set([0.2 + 0.003 * Math.sin(TAU * 5 * t), 0.6 + breathe, -1 + 0.001 * t])
  v.palm.set([
    0.1,
    0.05 + 0.002 * Math.sin(TAU * 4 * t + 1),
    -1.4,
    0.3 + 0.004 * Math.sin(TAU * 7 * t),
    0.05,
    -1.4 + 0.001 * Math.sin(TAU * 2.5 * t),
  ])
}

interface Step {
  count: boolean
  mask: number
  head?: boolean
  hands?: number
  restart?: boolean
}

/** Runs frames at the given times through a grid, counting into one side. */
function run(
  times: number[],
  motion: Motion,
  step: (t: number) => Step,
  g: StabilityGrid = createStabilityGrid(),
  side: SideScore = createSideScore(),
): SideScore {
  const v = createBodyView(1.75)
  const f = createPoseFrame()
  let first = true
  for (const t of times) {
    f.t = t
    motion(v, t)
    const s = step(t)
    setGridPoints(g, v, s.head ?? true, s.hands ?? 0b11, v.palm)
    stepStabilityGrid(g, f, side, first || (s.restart ?? false), s.count, s.mask)
    first = false
  }
  return side
}

function regular(hz: number, t0: number, t1: number): number[] {
  const out: number[] = []
  for (let n = 0; t0 + n / hz <= t1 + 1e-9; n++) out.push(t0 + n / hz)
  return out
}

/** Frames 6–16 ms apart, seeded. */
function uneven(t0: number, t1: number, seed: number): number[] {
  const r = rng(seed)
  const out: number[] = []
  for (let t = t0; t <= t1; t += 0.006 + 0.01 * r()) out.push(t)
  return out
}

/** Counted samples' mean squared displacement per point (m²), over everything summed or waiting. */
function meanSq(s: SideScore): number {
  let sum = s.stabSumSq
  let n = s.stabCount
  for (let i = 0; i < s.delayLength; i++) {
    const o = (s.delayStart + i) % s.delaySumSq.length
    sum += s.delaySumSq[o]!
    n += s.delayCount[o]!
  }
  return n > 0 ? sum / n : 0
}

const ALL = { count: true, mask: 0b111 }

describe('stabilityGrid', () => {
  it('the same movement at 72, 90 and 120 Hz and with uneven timing gives the same stability sums', () => {
    const sides = [
      run(regular(72, 0, 12), tremor, () => ALL),
      run(regular(90, 0, 12), tremor, () => ALL),
      run(regular(120, 0, 12), tremor, () => ALL),
      run(uneven(0, 12, 3), tremor, () => ALL),
      run(uneven(0.004, 12, 11), tremor, () => ALL),
    ]
    const ref = sides[1]!
    // 12 s on the 100 Hz grid; the first and last 2 s are left out (sideScore)
    expect(ref.stabIndex).toBe(12 * STABILITY_GRID_HZ)
    expect(ref.stabCount).toBe(3 * (12 - 4) * STABILITY_GRID_HZ)
    // pooled RMS of the tremors alone (breathing and drift are out of band): about 2 mm
    const rms = Math.sqrt(ref.stabSumSq / ref.stabCount)
    const tremorRms = Math.sqrt((0.003 ** 2 + 0.002 ** 2 + 0.004 ** 2 + 0.001 ** 2) / 2 / 3)
    expect(rms).toBeGreaterThan(0.9 * tremorRms)
    expect(rms).toBeLessThan(1.1 * tremorRms)
    for (const [i, s] of sides.entries()) {
      expect(Math.abs(s.stabIndex - ref.stabIndex), `run ${i}`).toBeLessThanOrEqual(1)
      expect(Math.abs(s.stabCount - ref.stabCount), `run ${i}`).toBeLessThanOrEqual(3)
      // linear interpolation of 7 Hz from 72 Hz frames loses at most ~2 % of its amplitude
      expect(Math.sqrt(s.stabSumSq / s.stabCount) / rms, `run ${i}`).toBeCloseTo(1, 1)
      expect(Math.abs(Math.sqrt(s.stabSumSq / s.stabCount) / rms - 1), `run ${i}`).toBeLessThan(
        0.03,
      )
    }
  })

  it('a steady slide puts the same samples on the grid at any frame rate or timing, and is not unsteadiness', () => {
    // linear movement: interpolating between frames is exact, so every timing feeds the same grid
    const slide: Motion = (v, t) => {
      v.eye.set([0.03 * t, 0.6, -1])
      v.palm.set([0.1 + 0.03 * t, 0.05, -1.4, 0.3 + 0.03 * t, 0.05, -1.4])
    }
    const timings = [regular(72, 0, 12), regular(90, 0, 12), regular(120, 0, 12), uneven(0, 12, 5)]
    // 8–38 ms apart: a browser dropping frames
    const r = rng(9)
    const dropping: number[] = []
    for (let t = 0; t <= 12; t += 0.008 + 0.03 * r()) dropping.push(t)
    timings.push(dropping)
    const sides = timings.map((times) => run(times, slide, () => ALL))
    const ref = sides[1]!
    expect(Math.sqrt(ref.stabSumSq / ref.stabCount)).toBeLessThan(0.0001)
    for (const [i, s] of sides.entries()) {
      expect(Math.abs(s.stabSumSq / ref.stabSumSq - 1), `timing ${i}`).toBeLessThan(1e-6)
    }
  })

  it('only the points of the mask are summed', () => {
    // the head shakes at 5 Hz, the hands are still
    const headShake: Motion = (v, t) => {
      v.eye.set([0.005 * Math.sin(TAU * 5 * t), 0.6, -1])
      v.palm.set([0.1, 0.05, -1.4, 0.3, 0.05, -1.4])
    }
    const hands = run(regular(90, 0, 6), headShake, () => ({ count: true, mask: 0b110 }))
    const head = run(regular(90, 0, 6), headShake, () => ({ count: true, mask: 0b001 }))
    expect(meanSq(hands)).toBeLessThan(1e-12)
    // 5 mm amplitude: 3.5 mm RMS
    expect(Math.sqrt(meanSq(head))).toBeCloseTo(0.005 / Math.SQRT2, 3)
    // each counted grid sample adds the number of points pooled
    expect(hands.stabCount + 2 * hands.delayLength).toBe(2 * hands.stabIndex - 2 * 200)
  })

  it('a point not sensed this frame is not pooled', () => {
    const s = run(regular(90, 0, 6), tremor, () => ({ count: true, mask: 0b111, hands: 0b01 }))
    expect(s.stabCount).toBe(2 * (s.stabIndex - 2 * 200))
  })

  it('only counted samples are summed', () => {
    const none = run(regular(90, 0, 6), tremor, () => ({ count: false, mask: 0b111 }))
    expect(none.stabIndex).toBe(0)
    expect(none.delayLength).toBe(0)
    expect(none.stabSumSq).toBe(0)
    // counting 2–5 s only: 3 s of grid samples
    const some = run(regular(90, 0, 6), tremor, (t) => ({ count: t > 2 && t <= 5, mask: 0b111 }))
    expect(some.stabIndex).toBeGreaterThanOrEqual(3 * STABILITY_GRID_HZ - 1)
    expect(some.stabIndex).toBeLessThanOrEqual(3 * STABILITY_GRID_HZ + 1)
  })

  // Into the pose: 30 cm of movement over the half second before `moveEnd`, then still (10 µm jitter).
  const intoPose =
    (moveEnd: number): Motion =>
    (v, t) => {
      const k = Math.min(1, Math.max(0, (t - (moveEnd - 0.5)) / 0.5))
      const j = 1e-5 * Math.sin(TAU * 9 * t)
      v.eye.set([0.3 * k + j, 0.6 - 0.2 * k, -1])
      v.palm.set([0.1 + 0.3 * k, 0.05, -1.4 + j, 0.3 + 0.3 * k, 0.05, -1.4])
    }

  it('the movement into the pose does not ring: before the first count the filter rests', () => {
    const s = run(regular(90, 0, 8), intoPose(3), (t) => ({ count: t >= 3.3, mask: 0b111 }))
    expect(Math.sqrt(meanSq(s))).toBeLessThan(0.0001)
  })

  it('not counted for over a second, the filter restarts at rest; within a second it keeps running', () => {
    // counted until 2 s, out of the pose (not counted) while moving 3.5–4 s, counted again from 4.2 s
    const long = run(regular(90, 0, 10), intoPose(4), (t) => ({
      count: t < 2 || t >= 4.2,
      mask: 0b111,
    }))
    expect(Math.sqrt(meanSq(long))).toBeLessThan(0.0001)
    // the same movement with only 0.8 s uncounted rings in the band-pass (the contrast)
    const short = run(regular(90, 0, 10), intoPose(4), (t) => ({
      count: t < 3.4 || t >= 4.2,
      mask: 0b111,
    }))
    expect(Math.sqrt(meanSq(short))).toBeGreaterThan(0.005)
  })

  it('a gap restarts the filter: a jump across it does not ring', () => {
    const jump: Motion = (v, t) => {
      const d = t < 3 ? 0 : 0.2
      v.eye.set([d, 0.6, -1])
      v.palm.set([0.1 + d, 0.05, -1.4, 0.3 + d, 0.05, -1.4])
    }
    // frames stop at 3 − 1/90 and resume at 3.5 (a gap), the pose 20 cm away
    const times = [...regular(90, 0, 3 - 1 / 90), ...regular(90, 3.5, 8)]
    const withRestart = run(times, jump, (t) => ({ count: true, mask: 0b111, restart: t === 3.5 }))
    expect(Math.sqrt(meanSq(withRestart))).toBeLessThan(1e-6)
    const without = run(times, jump, () => ({ count: true, mask: 0b111 }))
    expect(Math.sqrt(meanSq(without))).toBeGreaterThan(0.005)
  })

  it('a point lost and found elsewhere restarts that point: no ring', () => {
    const handJump: Motion = (v, t) => {
      v.eye.set([0, 0.6, -1])
      v.palm.set([t < 3 ? 0.1 : 0.4, 0.05, -1.4, 0.3, 0.05, -1.4])
    }
    const s = run(regular(90, 0, 8), handJump, (t) => ({
      count: true,
      mask: 0b111,
      hands: t > 2.5 && t < 3.5 ? 0b10 : 0b11,
    }))
    expect(Math.sqrt(meanSq(s))).toBeLessThan(1e-6)
  })
})

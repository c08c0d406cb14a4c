import { describe, expect, it } from 'vitest'
import {
  createStabilityFilter,
  stabilityFromRms,
  STABILITY_GRID_HZ,
  stepStabilityPoint,
} from '../../../src/core/engine/stabilityFilter.ts'
import { runChildsPose } from './childsPoseRun.ts'

/** RMS (m) of the band-passed displacement of a sine on x, after 2 s of settling. */
function bandRms(freqHz: number, amplitudeM: number, seconds = 12): number {
  const f = createStabilityFilter()
  let sum = 0
  let n = 0
  for (let k = 0; k < seconds * STABILITY_GRID_HZ; k++) {
    const t = k / STABILITY_GRID_HZ
    f.input[0] = 0.3 + amplitudeM * Math.sin(2 * Math.PI * freqHz * t)
    f.input[1] = 1.1
    f.input[2] = -0.4
    stepStabilityPoint(f, 0)
    if (t >= 2) {
      sum += f.output[0]!
      n++
    }
  }
  return Math.sqrt(sum / n)
}

describe('stability band-pass (0.7–15 Hz)', () => {
  it('passes 5 Hz tremor at its RMS (amplitude / √2)', () => {
    expect(bandRms(5, 0.004)).toBeCloseTo(0.004 / Math.SQRT2, 4)
  })
  it('removes 0.25 Hz breathing sway and constant offsets', () => {
    expect(bandRms(0.25, 0.01)).toBeLessThan(0.0003)
    expect(bandRms(0, 0.01)).toBeLessThan(1e-9)
  })
  it('takes away most of 40 Hz sensor noise', () => {
    expect(bandRms(40, 0.004)).toBeLessThan(0.0006)
  })
  it('maps 1 mm → 1, 20 mm → 0, linearly between; never NaN', () => {
    expect(stabilityFromRms(0.0005)).toBe(1)
    expect(stabilityFromRms(0.001)).toBe(1)
    expect(stabilityFromRms(0.0105)).toBeCloseTo(0.5, 10)
    expect(stabilityFromRms(0.02)).toBe(0)
    expect(stabilityFromRms(0.5)).toBe(0)
    expect(stabilityFromRms(Number.NaN)).toBe(0)
  })
  it('through the engine: 5 Hz hand tremor gives the same stability at 72, 90 and 120 Hz', () => {
    // 6 mm amplitude on both hands, none on the head: pooled RMS = 6/√2 · √(2/3) mm.
    const expected = (20 - (6 / Math.SQRT2) * Math.sqrt(2 / 3)) / 19
    for (const hz of [72, 90, 120]) {
      const [r] = runChildsPose({
        depth: 1,
        holdS: 32,
        hz,
        tremorMm: 6,
        place: { headingDeg: 20, x: 0.4, z: 1 },
      })
      expect(r!.sides.both!.stability, `${hz} Hz`).toBeCloseTo(expected, 1)
      expect(Math.abs(r!.sides.both!.stability - expected), `${hz} Hz`).toBeLessThan(0.03)
    }
  })
})

import { describe, expect, it } from 'vitest'
import {
  createStabilityFilter,
  restartStabilityPoint,
  stabilityFromRms,
  STABILITY_GRID_HZ,
  STABILITY_HIGH_HZ,
  STABILITY_LOW_HZ,
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

describe('stability band-pass: the written-out step', () => {
  // The cascade as the plain loop it was written as before (the RBJ design from the band's
  // edges, then per axis three biquads in turn): the written-out step, with its coefficients
  // as literals, must give the same doubles, bit for bit, or every stored stability figure
  // would change.
  function design(highPass: boolean, f0: number, q: number): number[] {
    const w0 = (2 * Math.PI * f0) / STABILITY_GRID_HZ
    const cos = Math.cos(w0)
    const alpha = Math.sin(w0) / (2 * q)
    const a0 = 1 + alpha
    const b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2
    const b1 = highPass ? -(1 + cos) : 1 - cos
    return [b0 / a0, b1 / a0, b0 / a0, (-2 * cos) / a0, (1 - alpha) / a0]
  }
  const coef = [
    // 4th-order Butterworth high-pass as two biquads (the Qs of 1 / (2 cos(π/8)) and
    // 1 / (2 cos(3π/8)), written as they have been from the start),
    // 2nd-order Butterworth low-pass (Q = 1/√2)
    ...design(true, STABILITY_LOW_HZ, 0.541196100146197),
    ...design(true, STABILITY_LOW_HZ, 1.3065629648763766),
    ...design(false, STABILITY_HIGH_HZ, Math.SQRT1_2),
  ]
  function referenceStep(z: number[], origin: number[], input: number[]): number {
    let sum = 0
    for (let a = 0; a < 3; a++) {
      let v = input[a]! - origin[a]!
      for (let b = 0; b < 3; b++) {
        const c = b * 5
        const s = a * 6 + b * 2
        const y = coef[c]! * v + z[s]!
        z[s] = coef[c + 1]! * v - coef[c + 3]! * y + z[s + 1]!
        z[s + 1] = coef[c + 2]! * v - coef[c + 4]! * y
        v = y
      }
      sum += v * v
    }
    return sum
  }

  it('gives exactly what the plain cascade gives, for every point, over restarts', () => {
    const f = createStabilityFilter()
    let seed = 7
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (let point = 0; point < 3; point++) {
      let z: number[] = []
      let origin: number[] = []
      for (let k = 0; k < 3000; k++) {
        if (k % 1000 === 0) {
          restartStabilityPoint(f, point)
          z = new Array<number>(18).fill(0)
          origin = []
        }
        const input = [
          0.3 + 0.01 * Math.sin(k * 0.31) + (rand() - 0.5) * 0.004,
          1.2 + 0.02 * Math.sin(k * 0.017) + (rand() - 0.5) * 0.004,
          -0.4 + (rand() - 0.5) * 0.02,
        ]
        if (origin.length === 0) origin = input.slice()
        f.input.set(input)
        stepStabilityPoint(f, point)
        expect(Object.is(f.output[0], referenceStep(z, origin, input))).toBe(true)
      }
    }
  })
})

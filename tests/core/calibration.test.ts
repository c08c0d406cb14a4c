import { describe, expect, it } from 'vitest'
import { calibrateEyeHeight } from '../../src/core/calibration.ts'
import { rng } from './engine/poseKit.ts'

/** Head samples at hz for seconds: standing at eye height, with sway (m) and optional extras. */
function standing(
  eye: number,
  opts: {
    hz?: number
    seconds?: number
    swayM?: number
    move?: (t: number) => [number, number, number]
  } = {},
) {
  const hz = opts.hz ?? 72
  const seconds = opts.seconds ?? 2
  const rand = rng(3)
  const times: number[] = []
  const pos: number[] = []
  for (let i = 0; i <= seconds * hz; i++) {
    const t = i / hz
    const sway = (opts.swayM ?? 0.005) * Math.sin(2 * Math.PI * 0.25 * t)
    const [dx, dy, dz] = opts.move ? opts.move(t) : [0, 0, 0]
    times.push(t)
    pos.push(1.3 + sway + dx, eye + (rand() - 0.5) * 0.002 + dy, -0.7 + dz)
  }
  return { times, pos }
}

describe('calibration', () => {
  it('two seconds standing still gives the median eye height and the body model', () => {
    const { times, pos } = standing(1.62)
    const out = calibrateEyeHeight(times, pos)
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.eyeHeightM).toBeCloseTo(1.62, 2)
    expect(out.body.statureM).toBeCloseTo(1.62 / 0.93, 2)
  })
  it('a stray frame does not move the median', () => {
    const { times, pos } = standing(1.7)
    pos[31] = 1.72
    const out = calibrateEyeHeight(times, pos)
    expect(out.ok && out.eyeHeightM).toBeCloseTo(1.7, 2)
  })
  it('walking is refused with a reason', () => {
    const { times, pos } = standing(1.62, { move: (t) => [0, 0, -0.4 * t] })
    const out = calibrateEyeHeight(times, pos)
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.reason).toMatch(/moved/)
  })
  it('bending or sitting down is refused', () => {
    const { times, pos } = standing(1.62, { move: (t) => [0, t > 1 ? -0.3 : 0, 0] })
    expect(calibrateEyeHeight(times, pos).ok).toBe(false)
  })
  it('a value outside 0.5–2.3 m is refused, naming it', () => {
    const low = standing(0.4)
    const out = calibrateEyeHeight(low.times, low.pos)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.reason).toContain('0.40 m')
    const high = standing(2.4)
    expect(calibrateEyeHeight(high.times, high.pos).ok).toBe(false)
  })
  it('too short, too few or broken readings are refused', () => {
    const short = standing(1.6, { seconds: 1 })
    expect(calibrateEyeHeight(short.times, short.pos).ok).toBe(false)
    expect(calibrateEyeHeight([0, 1, 2], [0, 1.6, 0, 0, 1.6, 0, 0, 1.6, 0]).ok).toBe(false)
    const broken = standing(1.6)
    broken.pos[10] = Number.NaN
    expect(calibrateEyeHeight(broken.times, broken.pos).ok).toBe(false)
    expect(calibrateEyeHeight([0, 1], [0, 1]).ok).toBe(false)
  })
})

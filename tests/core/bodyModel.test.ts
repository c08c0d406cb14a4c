import { describe, expect, it } from 'vitest'
import {
  BODY_FRACTIONS,
  createBodyModel,
  isValidEyeHeight,
  palmFromGrip,
  palmFromWrist,
  statureFromEyeHeight,
} from '../../src/core/bodyModel.ts'
import { DEG, quatFromAxisAngle } from '../../src/core/vec.ts'

describe('body model', () => {
  it('derives stature from standing eye height (H = eye / 0.93)', () => {
    expect(statureFromEyeHeight(1.62)).toBeCloseTo(1.62 / 0.93, 12)
    expect(statureFromEyeHeight(0.93)).toBeCloseTo(1, 12)
  })

  it('scales every segment and height of the table with stature', () => {
    const body = createBodyModel(0.93 * 1.8)
    expect(body.statureM).toBeCloseTo(1.8, 12)
    expect(body.upperArm).toBeCloseTo(0.186 * 1.8, 12)
    expect(body.forearm).toBeCloseTo(0.146 * 1.8, 12)
    expect(body.hand).toBeCloseTo(0.108 * 1.8, 12)
    expect(body.thigh).toBeCloseTo(0.245 * 1.8, 12)
    expect(body.shank).toBeCloseTo(0.246 * 1.8, 12)
    expect(body.foot).toBeCloseTo(0.152 * 1.8, 12)
    expect(body.trunk).toBeCloseTo(0.288 * 1.8, 12)
    expect(body.neck).toBeCloseTo(0.07 * 1.8, 12)
    expect(body.shoulderWidth).toBeCloseTo(0.259 * 1.8, 12)
    expect(body.standingShoulderHeight).toBeCloseTo(0.818 * 1.8, 12)
    expect(body.standingHipHeight).toBeCloseTo(0.53 * 1.8, 12)
    expect(body.standingKneeHeight).toBeCloseTo(0.285 * 1.8, 12)
    expect(body.lyingHipHeight).toBeCloseTo(0.05 * 1.8, 12)
    expect(body.kneelingKneeHeight).toBeCloseTo(0.03 * 1.8, 12)
    expect(body.wristToPalm).toBeCloseTo(0.4 * BODY_FRACTIONS.hand * 1.8, 3)
  })

  it('accepts eye heights 0.5–2.3 m only', () => {
    expect(isValidEyeHeight(1.6)).toBe(true)
    expect(isValidEyeHeight(0.5)).toBe(true)
    expect(isValidEyeHeight(2.31)).toBe(false)
    expect(isValidEyeHeight(0.2)).toBe(false)
    expect(isValidEyeHeight(Number.NaN)).toBe(false)
  })
})

describe('palm centre', () => {
  it('is 4.5 cm toward the palm of a grip: −X for the right hand, +X for the left', () => {
    const out = [0, 0, 0]
    palmFromGrip(out, 0, [1, 1, 1, 0, 0, 0, 1], 0, 'right')
    expect(out).toEqual([1 - 0.045, 1, 1])
    palmFromGrip(out, 0, [1, 1, 1, 0, 0, 0, 1], 0, 'left')
    expect(out).toEqual([1 + 0.045, 1, 1])
  })

  it('follows the grip orientation (a right grip rolled palm-down puts the palm below)', () => {
    const pose = [0, 0.5, 0, 0, 0, 0, 1]
    quatFromAxisAngle(pose, 3, 0, 0, 1, 90 * DEG) // −X rotates to −Y
    const out = [0, 0, 0]
    palmFromGrip(out, 0, pose, 0, 'right')
    expect(out[0]).toBeCloseTo(0, 12)
    expect(out[1]).toBeCloseTo(0.5 - 0.045, 12)
  })

  it('is 0.043 H along the wrist −Z and 2 cm along its −Y for a tracked hand', () => {
    const out = [0, 0, 0]
    palmFromWrist(out, 0, [0, 0.1, 0, 0, 0, 0, 1], 0, 1.7)
    expect(out[0]).toBeCloseTo(0, 12)
    expect(out[1]).toBeCloseTo(0.1 - 0.02, 12)
    expect(out[2]).toBeCloseTo(-0.043 * 1.7, 12)
  })
})

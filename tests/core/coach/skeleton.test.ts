// The eye and finger bones appended to the coach's skeleton: where they rest,
// and that the bones before them kept their indices (stored poses, the rig).
import { describe, expect, it } from 'vitest'
import { keyframeFK } from '../../../src/core/coach/fk.ts'
import {
  BONE,
  BONE_COUNT,
  BONE_MIRROR,
  BONE_NAMES,
  BONE_PARENT,
} from '../../../src/core/coach/skeleton.ts'

const H = 1.75

describe('coach skeleton: eyes and fingers', () => {
  it('keeps the original 19 bones at their indices and appends the new ones after them', () => {
    expect(BONE_NAMES.slice(0, 3)).toEqual(['hips', 'spine', 'chest'])
    expect(BONE.rightFoot).toBe(18)
    expect(BONE_NAMES.slice(19)).toEqual([
      'leftEye',
      'rightEye',
      'leftThumbProximal',
      'leftIndexProximal',
      'rightThumbProximal',
      'rightIndexProximal',
    ])
    expect(BONE_COUNT).toBe(25)
    expect(BONE_PARENT).toHaveLength(BONE_COUNT)
    expect(BONE_PARENT[BONE.leftEye]).toBe(BONE.head)
    expect(BONE_PARENT[BONE.rightIndexProximal]).toBe(BONE.rightHand)
    expect(BONE_MIRROR[BONE.leftEye]).toBe(BONE.rightEye)
    expect(BONE_MIRROR[BONE.leftThumbProximal]).toBe(BONE.rightThumbProximal)
  })

  it('standing, the eyes are 0.93 H high, 0.064 H apart, ahead of the head joint', () => {
    const fk = keyframeFK('cat-cow', 'both', 'stand', H)
    const p = (b: number, k: number): number => fk.jointPos[b * 3 + k]!
    for (const [b, x] of [
      [BONE.leftEye, 0.032],
      [BONE.rightEye, -0.032],
    ] as const) {
      expect(p(b, 1) / H).toBeCloseTo(0.93, 2)
      expect(p(b, 0) / H - p(BONE.head, 0) / H).toBeCloseTo(x, 2)
      expect(p(b, 2) - p(BONE.head, 2)).toBeGreaterThan(0.04)
    }
  })

  it('the knuckles are further down the hand than the thumb base, both between wrist and fingertips', () => {
    const fk = keyframeFK('cat-cow', 'both', 'stand', H)
    const d = (a: number, b: number): number =>
      Math.hypot(
        fk.jointPos[a * 3]! - fk.jointPos[b * 3]!,
        fk.jointPos[a * 3 + 1]! - fk.jointPos[b * 3 + 1]!,
        fk.jointPos[a * 3 + 2]! - fk.jointPos[b * 3 + 2]!,
      )
    for (const s of ['left', 'right'] as const) {
      const hand = BONE[`${s}Hand`]
      const knuckles = d(BONE[`${s}IndexProximal`], hand) / H
      const thumb = d(BONE[`${s}ThumbProximal`], hand) / H
      expect(knuckles).toBeGreaterThan(thumb)
      expect(knuckles).toBeLessThan(0.108)
      expect(thumb).toBeGreaterThan(0.01)
    }
  })
})

/**
 * The coach's gaze: toward the viewer while it looks (eyes on target within a
 * few degrees when in range), within the neck's and eyes' limits, eased in and
 * out (no frame turns the head far), and the pose's own head direction kept
 * when it does not look.
 */
import { describe, expect, it } from 'vitest'
import { quatRotate } from '../../../scripts/synth/geometry.ts'
import {
  createGaze,
  GAZE_DT,
  GAZE_EYE_YAW_DEG,
  GAZE_HEAD_YAW_DEG,
  GAZE_WANT,
  GAZE_WEIGHT,
  setGazeTarget,
  stepGaze,
  type CoachGaze,
} from '../../../src/core/coach/gaze.ts'
import { getStretchKeyframe } from '../../../src/core/coach/keyframes.ts'
import { createCoachFK, ORIGIN_PLACEMENT, solvePose } from '../../../src/core/coach/kinematics.ts'
import { copyPose, createPose, type CoachPose } from '../../../src/core/coach/pose.ts'
import { BONE } from '../../../src/core/coach/skeleton.ts'

const DEG = 180 / Math.PI
const FPS = 90
type V = [number, number, number]

function rotate(q: ArrayLike<number>, o: number, v: V): V {
  return quatRotate([q[o]!, q[o + 1]!, q[o + 2]!, q[o + 3]!], v)
}
const angle = (a: V, b: V): number =>
  Math.acos(
    Math.min(1, (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / Math.hypot(...a) / Math.hypot(...b)),
  ) * DEG

/** Where a bone's +Z (the face, an eye's line of sight) points, and where the bone is (coach frame, H = 1). */
function forwardOf(pose: CoachPose, bone: number): { dir: V; at: V } {
  const fk = solvePose(createCoachFK(), pose, 1, ORIGIN_PLACEMENT)
  return {
    dir: rotate(fk.jointRot, bone * 4, [0, 0, 1]),
    at: [fk.jointPos[bone * 3]!, fk.jointPos[bone * 3 + 1]!, fk.jointPos[bone * 3 + 2]!],
  }
}

/** Runs `frames` frames of gaze over a fresh copy of `base` each frame; returns the last pose and every frame's head direction. */
function run(g: CoachGaze, base: CoachPose, frames: number): { pose: CoachPose; heads: V[] } {
  const pose = createPose()
  const heads: V[] = []
  for (let i = 0; i < frames; i++) {
    copyPose(pose, base)
    g.num[GAZE_DT] = 1 / FPS
    stepGaze(g, pose)
    heads.push(forwardOf(pose, BONE.head).dir)
  }
  return { pose, heads }
}

const stand = getStretchKeyframe('cat-cow', 'both', 'stand')!

describe('coach gaze', () => {
  it('looks the viewer in the eyes when in range: both eyes within 3° of the viewer after a second', () => {
    const g = createGaze()
    // 30° to the coach's left and a little below its eyes, 1.2 H away
    const a = 30 / DEG
    setGazeTarget(g, Math.sin(a) * 1.2, 0.8, Math.cos(a) * 1.2)
    g.num[GAZE_WANT] = 1
    const { pose } = run(g, stand, FPS * 2)
    for (const eye of [BONE.leftEye, BONE.rightEye]) {
      const { dir, at } = forwardOf(pose, eye)
      const to: V = [Math.sin(a) * 1.2 - at[0], 0.8 - at[1], Math.cos(a) * 1.2 - at[2]]
      expect(angle(dir, to)).toBeLessThan(3)
    }
    // most of the turn is the head's, not the eyes' alone
    expect(angle(forwardOf(pose, BONE.head).dir, [0, 0, 1])).toBeGreaterThan(20)
  })

  it('stays within a natural range: a viewer far to the side turns the head ≤ 55° and the eyes ≤ 25° more', () => {
    const g = createGaze()
    setGazeTarget(g, 1.5, 0.93, 0.05) // almost straight out to the left
    g.num[GAZE_WANT] = 1
    const { pose } = run(g, stand, FPS * 3)
    const face = forwardOf(pose, BONE.head).dir
    const chest = forwardOf(stand, BONE.chest).dir
    expect(angle(face, chest)).toBeLessThanOrEqual(GAZE_HEAD_YAW_DEG + 1)
    expect(angle(face, chest)).toBeGreaterThan(GAZE_HEAD_YAW_DEG - 5)
    const eye = forwardOf(pose, BONE.leftEye).dir
    expect(angle(eye, face)).toBeLessThanOrEqual(GAZE_EYE_YAW_DEG + 1)
    // a viewer behind the coach is not looked for at all
    const h = createGaze()
    setGazeTarget(h, 0, 0.93, -1.5)
    h.num[GAZE_WANT] = 1
    const behind = run(h, stand, FPS * 3).pose
    expect(angle(forwardOf(behind, BONE.head).dir, forwardOf(stand, BONE.head).dir)).toBeLessThan(1)
  })

  it('eases in and out: no frame turns the head more than 3°, and it takes about a second', () => {
    const g = createGaze()
    setGazeTarget(g, 1, 0.93, 1)
    g.num[GAZE_WANT] = 1
    const first = run(g, stand, FPS)
    g.num[GAZE_WANT] = 0
    const back = run(g, stand, FPS * 2)
    const heads = [forwardOf(stand, BONE.head).dir, ...first.heads, ...back.heads]
    let most = 0
    for (let i = 1; i < heads.length; i++) most = Math.max(most, angle(heads[i]!, heads[i - 1]!))
    expect(most).toBeLessThan(3)
    // a tenth of a second in, well short of the whole turn; after a second, most of it
    const whole = angle(first.heads[FPS - 1]!, heads[0]!)
    expect(whole).toBeGreaterThan(30)
    expect(angle(first.heads[8]!, heads[0]!)).toBeLessThan(whole * 0.4)
    // a viewer who jumps across is followed smoothly too
    g.num[GAZE_WANT] = 1
    run(g, stand, FPS)
    setGazeTarget(g, -1, 0.93, 1)
    const across = run(g, stand, FPS).heads
    for (let i = 1; i < across.length; i++)
      expect(angle(across[i]!, across[i - 1]!)).toBeLessThan(3)
  })

  it('keeps the pose’s own head direction when not looking: the pose is left exactly as it was', () => {
    const g = createGaze()
    setGazeTarget(g, 1, 0.93, 1)
    g.num[GAZE_WANT] = 1
    run(g, stand, FPS)
    g.num[GAZE_WANT] = 0
    const cow = getStretchKeyframe('cat-cow', 'both', 'cow')!
    const { pose } = run(g, cow, FPS * 6)
    expect(g.num[GAZE_WEIGHT]).toBe(0)
    expect([...pose.rot]).toEqual([...cow.rot])
  })
})

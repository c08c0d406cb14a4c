/**
 * The coach director lays the gaze and the breath over the pose at the right
 * moments: standing by it turns its head toward the user, holding a stretch it
 * keeps the pose's head and breathes with the pacer; moving into a pose it
 * does neither.
 */
import { describe, expect, it } from 'vitest'
import { getStretchKeyframe } from '../../../src/core/coach/keyframes.ts'
import { BONE } from '../../../src/core/coach/skeleton.ts'
import { BREATH_CHEST_RAD } from '../../../src/core/coach/breath.ts'
import { GAZE_WEIGHT } from '../../../src/core/coach/gaze.ts'
import {
  createCoachDirector,
  createDirectorInput,
  INPUT_CLOCK_S,
  INPUT_PHASE_S,
  INPUT_VIEWER_KNOWN,
  INPUT_VIEWER_X,
  INPUT_VIEWER_Y,
  INPUT_VIEWER_Z,
  updateCoachDirector,
  type CoachDirector,
  type DirectorInput,
} from '../../../src/core/session/coachDirector.ts'
import type { Phase } from '../../../src/core/phase.ts'

const DEG = 180 / Math.PI
const FPS = 60

/** Angle (deg) between a bone's local rotation in the director's pose and in a reference rotation array. */
function boneAngle(d: CoachDirector, ref: Float64Array, bone: number): number {
  const o = bone * 4
  let dot = 0
  for (let k = 0; k < 4; k++) dot += d.pose.rot[o + k]! * ref[o + k]!
  return 2 * Math.acos(Math.min(1, Math.abs(dot))) * DEG
}

/** Plays `seconds` of a phase into the director from phase time 0 (session clock from `clock0`); calls `each` every frame. */
function playPhase(
  d: CoachDirector,
  input: DirectorInput,
  phase: Phase | null,
  seconds: number,
  clock0 = 0,
  each?: (t: number) => void,
): void {
  input.stretch = phase === null ? null : 'childs-pose'
  input.side = 'both'
  input.phase = phase
  for (let f = 0; f <= seconds * FPS; f++) {
    input.num[INPUT_PHASE_S] = f / FPS
    input.num[INPUT_CLOCK_S] = clock0 + f / FPS
    updateCoachDirector(d, input)
    each?.(f / FPS)
  }
}

/** Director input with the user's head known: standing a stature to the coach's left and ahead. */
function inputWithUserOnLeft() {
  const input = createDirectorInput()
  input.num[INPUT_VIEWER_KNOWN] = 1
  input.num[INPUT_VIEWER_X] = 1
  input.num[INPUT_VIEWER_Y] = 0.93
  input.num[INPUT_VIEWER_Z] = 1
  return input
}

describe('the director: gaze and breath', () => {
  it('standing by, the coach turns its head toward the user on its left, eased in over about a second', () => {
    const d = createCoachDirector()
    const input = inputWithUserOnLeft()
    const stand = getStretchKeyframe('childs-pose', 'both', 'stand')!
    const turned: number[] = []
    playPhase(d, input, null, 3, 0, () => {
      const neck = boneAngle(d, stand.rot, BONE.neck)
      const head = boneAngle(d, stand.rot, BONE.head)
      turned.push(neck + head)
    })
    expect(turned[3]!).toBeLessThan(5)
    expect(turned[turned.length - 1]!).toBeGreaterThan(35)
    expect(d.gaze.num[GAZE_WEIGHT]).toBeGreaterThan(0.95)
  })

  it('holding a stretch, the head keeps the pose’s direction and the chest breathes with the pacer; moving into it, it does not', () => {
    const d = createCoachDirector()
    const input = inputWithUserOnLeft()
    const target = getStretchKeyframe('childs-pose', 'both', 'target')!
    // get down into the held pose first (not a hold: no breathing)
    let chestMoving = 0
    playPhase(d, input, 'getIntoPosition', 20, 0, (t) => {
      if (t > 15) chestMoving = Math.max(chestMoving, boneAngle(d, target.rot, BONE.chest))
    })
    expect(chestMoving).toBeLessThan(0.01)
    // the hold: ten seconds is one breath (4 s in, 6 s out)
    const chest: number[] = []
    let head = 0
    playPhase(d, input, 'hold', 10, 100, () => {
      chest.push(boneAngle(d, target.rot, BONE.chest))
      head = Math.max(head, boneAngle(d, target.rot, BONE.head))
    })
    // lungs empty at the start of a breath, full at 4 s
    expect(chest[0]!).toBeLessThan(0.05)
    expect(chest[4 * FPS]!).toBeCloseTo(BREATH_CHEST_RAD * DEG, 1)
    expect(chest[10 * FPS]!).toBeLessThan(0.05)
    // the head is not turned toward the user during the hold (only the breath's chest moves it)
    expect(head).toBeLessThan(0.01)
    expect(d.gaze.num[GAZE_WEIGHT]).toBe(0)
  })
})

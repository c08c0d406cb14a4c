// What the session asks of the user, step by step (docs/product.md "The session":
// switchSide "changes side when the user does"; pause "stops every clock"):
// the second side of a one-sided stretch counts only once the user has left
// the first side, whichever stretch it is; a pause mid-hold keeps the step
// (the panel and the voice do not switch to "get into position" because the
// user pressed pause).
import { describe, expect, it } from 'vitest'
import { synthRecords } from '../../../scripts/synth/synthTrace.ts'
import {
  currentSide,
  pauseRunner,
  resumeRunner,
  visibilityRunner,
  type SessionRunner,
} from '../../../src/core/session/runner.ts'
import type { Phase } from '../../../src/core/phase.ts'
import { STRETCH_IDS, STRETCHES, type StretchId } from '../../../src/core/stretches.ts'
import { sideSwitchOf } from '../../../src/core/session/runner.ts'
import { coachKeyframeFK } from '../../../src/core/coach/fk.ts'
import { createCoachFK } from '../../../src/core/coach/kinematics.ts'
import { statureFromEyeHeight } from '../../../src/core/bodyModel.ts'
import { EYE, makeRunner, play, standingFrames, synthFrames, type FrameRec } from './sessionKit.ts'

/** `seconds` of a body held still in a keyframe of a stretch (on the floor, facing −Z), 90 Hz from t0, with 2 mm of tremor. */
function keyframeFrames(
  id: StretchId,
  side: 'left' | 'right',
  key: string,
  t0: number,
  seconds: number,
): FrameRec[] {
  const fk = createCoachFK()
  const H = statureFromEyeHeight(EYE)
  if (!coachKeyframeFK(fk, id, side, key, H, { x: 0, z: 0, yawRad: Math.PI }))
    throw new Error(`no keyframe ${key} of ${id}`)
  let lowest = Infinity
  for (let k = 1; k < fk.surface.length; k += 4)
    lowest = Math.min(lowest, fk.surface[k]! - fk.surface[k + 2]!)
  const at = (a: Float64Array, o: number, n: number) => {
    const p = Array.from(a.subarray(o, o + 7))
    p[1] = p[1]! - lowest
    for (let k = 0; k < 3; k++) p[k] = p[k]! + 0.002 * Math.sin(n * 0.7 + k * 2.1)
    return p
  }
  const out: FrameRec[] = []
  for (let n = 0; n < seconds * 90; n++)
    out.push({
      t: t0 + n / 90,
      poses: [at(fk.eye, 0, n), at(fk.grip, 0, n), at(fk.grip, 7, n)],
      emulated: [],
      hand: [false, false],
    })
  return out
}

describe('the second side of a one-sided stretch', () => {
  for (const id of STRETCH_IDS.filter((s) => STRETCHES[s].sided)) {
    it(`${id}: nothing counts for the right side while the user still holds the left`, () => {
      // the user holds the left side 14 s (the target is 5 s), comes out, then does the right
      const config = { eyeHeight: EYE, steps: [{ stretch: id, holdSeconds: 14 }] }
      const marks = synthRecords(config, () => undefined)
      const leftEnds = marks[0]!.end
      const r = makeRunner([id])
      let rightWhileLeft = 0
      let rightHeld = 0
      play(r, synthFrames(config), (t) => {
        if (currentSide(r) !== 'right') return
        if (t < leftEnds) rightWhileLeft = r.engine.live.holdSeconds
        rightHeld = Math.max(rightHeld, r.engine.live.holdSeconds)
      })
      expect(rightHeld, 'the right side was held once the user did it').toBeGreaterThan(4.9)
      expect(rightWhileLeft, 'right-side seconds counted while the user held the left').toBe(0)
    })
  }
})

describe('changing sides without letting go', () => {
  // An emulator (or a quick user) moves both hands straight from the first leg to the other,
  // never out of the pose: the new grip, held still, is the switch; the first grip held on is not.
  // (The seated hamstring is measured from the upright start, so its user sits up between legs.)
  const regrips = STRETCH_IDS.filter(
    (s) => STRETCHES[s].sided && sideSwitchOf(s) === 'release' && s !== 'hamstring-stretch',
  )
  it('applies to knee-to-chest and the figure-4', () => {
    expect(regrips).toEqual(['knee-to-chest', 'glute-stretch'])
  })
  for (const id of regrips) {
    it(`${id}: the right side counts once both hands hold the other leg, not while they hold the left`, () => {
      const r = makeRunner([id])
      const watch = standingFrames(8)
      const t0 = watch[watch.length - 1]!.t + 1 / 90
      const left = keyframeFrames(id, 'left', 'target', t0, 12)
      const t1 = left[left.length - 1]!.t + 1 / 90
      const right = keyframeFrames(id, 'right', 'target', t1, 10)
      let leftDoneAt = -1
      let rightWhileLeft = 0
      let phaseDone = false
      play(r, [...watch, ...left, ...right], (t) => {
        if (currentSide(r) === 'right' && leftDoneAt < 0) leftDoneAt = t
        if (currentSide(r) === 'right' && t < t1) rightWhileLeft = r.engine.live.holdSeconds
        if (r.phase === 'rest' || r.phase === 'done') phaseDone = true
      })
      expect(leftDoneAt, 'the left side was held to its end').toBeGreaterThan(0)
      expect(rightWhileLeft, 'right-side seconds while the hands stayed on the left leg').toBe(0)
      expect(phaseDone, 'the right side was held to its end after the new grip').toBe(true)
    })
  }
})

describe('a pause mid-hold keeps the step', () => {
  const pauses: [string, (r: SessionRunner) => void, (r: SessionRunner) => void][] = [
    ['the user pauses', pauseRunner, resumeRunner],
    [
      'a system menu blurs the session',
      (r) => visibilityRunner(r, 'visible-blurred'),
      (r) => visibilityRunner(r, 'visible'),
    ],
  ]
  for (const [what, pause, resume] of pauses) {
    it(`${what}: the phase stays "hold" until the user resumes, and the hold goes on`, () => {
      const r = makeRunner(['childs-pose'], { holdSeconds: 20 })
      const during = new Set<Phase>()
      let paused = false
      let resumed = false
      let heldAtPause = 0
      play(
        r,
        synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 25 }] }),
        () => {
          if (paused && !resumed) during.add(r.phase)
        },
        (t, r) => {
          if (!paused && t >= 10) {
            paused = true
            expect(r.phase).toBe('hold')
            heldAtPause = r.engine.live.holdSeconds
            pause(r)
          }
          if (!resumed && t >= 13) {
            resumed = true
            resume(r)
          }
        },
      )
      expect(heldAtPause).toBeGreaterThan(2)
      expect([...during]).toEqual(['hold'])
      expect(r.finished).toBe(true)
      expect(r.finishedStretches[0]?.result.completed).toBe(true)
    })
  }
})

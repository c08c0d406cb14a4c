// What the session asks of the user, step by step (PRODUCT.md "The session":
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
import { STRETCH_IDS, STRETCHES } from '../../../src/core/stretches.ts'
import { EYE, makeRunner, play, synthFrames } from './sessionKit.ts'

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

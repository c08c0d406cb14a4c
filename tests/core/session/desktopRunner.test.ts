import { describe, expect, it } from 'vitest'
import {
  canMark,
  createDesktopRunner,
  desktopCueOf,
  desktopSecondsLeft,
  desktopSide,
  desktopStretch,
  DESKTOP_QUICK_TIMING,
  DESKTOP_TIMING,
  endDesktop,
  markDesktopStretch,
  painDesktop,
  pauseDesktop,
  readDesktopDirectorInput,
  resumeDesktop,
  skipDesktop,
  stepDesktopRunner,
  type DesktopRunner,
  type DesktopTiming,
  type SaveFollowed,
} from '../../../src/core/session/desktopRunner.ts'
import {
  coachRepsDone,
  createCoachDirector,
  createDirectorInput,
  updateCoachDirector,
} from '../../../src/core/session/coachDirector.ts'
import { ROUTINES, singleStretchRoutine, type Routine } from '../../../src/core/stretches.ts'

const MORNING = ROUTINES.find((r) => r.id === 'morning-mobility')!

type Saved = Parameters<SaveFollowed>[0]

function setup(
  routine: Routine,
  opts: { holdSeconds?: number | null; timing?: DesktopTiming; fail?: boolean } = {},
) {
  const saved: Saved[] = []
  const edges: string[] = []
  const save: SaveFollowed = (input) => {
    saved.push(input)
    return Promise.resolve(opts.fail ? { ok: false, message: 'disk full' } : { ok: true })
  }
  const r = createDesktopRunner({
    routine,
    sessionId: 's1',
    holdSeconds: opts.holdSeconds ?? null,
    timing: opts.timing ?? DESKTOP_QUICK_TIMING,
    save,
    onEdge: (x) => edges.push(`${x.phase}${x.confirming ? '?' : ''}`),
  })
  return { r, saved, edges }
}

/** Steps the runner in 1/60 s frames for `seconds`, collecting the cues raised. */
function run(r: DesktopRunner, seconds: number, coachReps = 0): string[] {
  const cues: string[] = []
  const frames = Math.round(seconds * 60)
  for (let i = 0; i < frames; i++) {
    stepDesktopRunner(r, 1 / 60, coachReps)
    for (let k = 0; k < r.cueCount; k++) cues.push(desktopCueOf(r.cues[k]!))
    for (let k = 0; k < r.ticks; k++) cues.push('tick')
    r.cueCount = 0
    r.ticks = 0
  }
  return cues
}

describe('desktop routine: the headset phases on real time', () => {
  it('a two-sided hold runs demonstrate → into position → hold for its timer, then waits for the user', () => {
    const { r, edges } = setup(singleStretchRoutine('childs-pose'), { holdSeconds: 4 })
    expect(r.phase).toBe('demonstrate')
    run(r, DESKTOP_QUICK_TIMING.demonstrateS + 0.05)
    expect(r.phase).toBe('getIntoPosition')
    const cues = run(r, DESKTOP_QUICK_TIMING.intoPositionS + 0.05)
    expect(r.phase).toBe('hold')
    expect(cues).toContain('inPosition')
    // the hold runs its 4 s and not a moment less
    const during = run(r, 3.5)
    expect(r.phase).toBe('hold')
    expect(desktopSecondsLeft(r)).toBeGreaterThan(0)
    // a 4 s hold is all "last five seconds": one cue as it starts, then a tick a second
    expect([...cues, ...during]).toEqual(['inPosition', 'lastFive', 'tick', 'tick', 'tick'])
    const end = run(r, 1)
    expect(end).toEqual(['holdComplete', 'stretchDone'])
    expect(r.phase).toBe('rest')
    expect(r.confirming).toBe(true)
    // waiting for the user's word: time alone never moves on
    run(r, 60)
    expect(r.confirming).toBe(true)
    expect(r.finished).toBe(false)
    expect(edges).toEqual(['getIntoPosition', 'hold', 'rest?'])
  })

  it('counts down the last five seconds once each', () => {
    const { r } = setup(singleStretchRoutine('childs-pose'), { holdSeconds: 8 })
    skipDesktop(r)
    skipDesktop(r)
    const cues = run(r, 8.1)
    expect(cues.filter((c) => c === 'lastFive')).toHaveLength(1)
    expect(cues.filter((c) => c === 'tick')).toHaveLength(4)
  })

  it('a one-sided stretch does the left side, switches, then the right', () => {
    const { r } = setup(singleStretchRoutine('knee-to-chest'), { holdSeconds: 3 })
    expect(desktopSide(r)).toBe('left')
    skipDesktop(r) // the demonstration
    skipDesktop(r) // into position: the hold starts now
    const cues = run(r, 3.1)
    expect(cues).toContain('switchSide')
    expect(r.phase).toBe('switchSide')
    expect(desktopSide(r)).toBe('right')
    run(r, DESKTOP_QUICK_TIMING.switchSideS + DESKTOP_QUICK_TIMING.intoPositionS + 0.1)
    expect(r.phase).toBe('hold')
    run(r, 3.1)
    expect(r.confirming).toBe(true)
  })

  it('repetitions follow the coach’s count and end at the target', () => {
    const { r } = setup(singleStretchRoutine('cat-cow'))
    skipDesktop(r)
    skipDesktop(r)
    expect(r.phase).toBe('reps')
    let cues = run(r, 1, 3)
    expect(cues.filter((c) => c === 'repCounted')).toHaveLength(3)
    expect(r.sideReps[0]).toBe(3)
    // the count never goes back, and past the target it ends the side
    cues = run(r, 0.1, 2)
    expect(cues).not.toContain('repCounted')
    run(r, 0.1, 8)
    expect(r.confirming).toBe(true)
  })

  it('Mark as done saves a desktop stretch with its target and how far the timers ran', async () => {
    const { r, saved } = setup(singleStretchRoutine('knee-to-chest'), { holdSeconds: 3 })
    skipDesktop(r)
    skipDesktop(r)
    run(r, 3.1)
    run(r, DESKTOP_QUICK_TIMING.switchSideS + DESKTOP_QUICK_TIMING.intoPositionS + 0.1)
    run(r, 1.5)
    // ended early on the right side: the user's word still counts, and the record says how far it ran
    markDesktopStretch(r, 'completed')
    expect(r.finished).toBe(true)
    expect(saved).toHaveLength(1)
    const s = saved[0]!
    expect(s).toMatchObject({
      sessionId: 's1',
      routineId: 'stretch:knee-to-chest',
      stretch: 'knee-to-chest',
      outcome: 'completed',
      targets: { holdSeconds: 3, reps: null },
    })
    expect(s.followed.left!.seconds).toBeCloseTo(3, 0)
    expect(s.followed.right!.seconds).toBeGreaterThan(1)
    expect(s.followed.right!.seconds).toBeLessThan(2)
    await Promise.resolve()
    await Promise.resolve()
    expect(r.marks[0]!.save).toBe('saved')
    expect(r.pendingSaves).toBe(0)
  })

  it('Mark as skipped during the demonstration skips that stretch and rests before the next', () => {
    const { r, saved } = setup(MORNING)
    expect(canMark(r)).toBe(true)
    markDesktopStretch(r, 'skipped')
    expect(saved[0]).toMatchObject({ stretch: 'childs-pose', outcome: 'skipped', followed: {} })
    expect(r.phase).toBe('rest')
    expect(r.confirming).toBe(false)
    expect(desktopStretch(r)).toBe('cat-cow')
    // in the rest before a stretch there is nothing to mark yet
    expect(canMark(r)).toBe(false)
    markDesktopStretch(r, 'completed')
    expect(saved).toHaveLength(1)
    run(r, DESKTOP_QUICK_TIMING.restS + 0.05)
    expect(r.phase).toBe('demonstrate')
  })

  it('Morning mobility: five stretches marked done, five saves, then the routine is over', () => {
    const { r, saved } = setup(MORNING, { holdSeconds: 2 })
    for (let i = 0; i < 5; i++) {
      skipDesktop(r)
      skipDesktop(r)
      run(r, 20, 20)
      expect(r.confirming).toBe(true)
      markDesktopStretch(r, 'completed')
      if (i < 4) run(r, DESKTOP_QUICK_TIMING.restS + 0.05)
    }
    expect(r.finished).toBe(true)
    expect(saved.map((s) => s.stretch)).toEqual(MORNING.stretches)
    expect(saved.every((s) => s.outcome === 'completed')).toBe(true)
    expect(saved.find((s) => s.stretch === 'cat-cow')!.targets).toEqual({
      holdSeconds: null,
      reps: 8,
    })
  })

  it('pause stops every clock; resume carries on where it stood', () => {
    const { r } = setup(singleStretchRoutine('childs-pose'), { holdSeconds: 10 })
    skipDesktop(r)
    skipDesktop(r)
    run(r, 2)
    const left = desktopSecondsLeft(r)
    const session = r.clock[2]!
    pauseDesktop(r)
    run(r, 30)
    expect(desktopSecondsLeft(r)).toBe(left)
    expect(r.clock[2]).toBe(session)
    resumeDesktop(r)
    run(r, 1)
    expect(desktopSecondsLeft(r)).toBeCloseTo(left - 1, 1)
  })

  it('a stall counts a quarter second at most', () => {
    const { r } = setup(singleStretchRoutine('childs-pose'), { holdSeconds: 10 })
    skipDesktop(r)
    skipDesktop(r)
    stepDesktopRunner(r, 30, 0)
    expect(desktopSecondsLeft(r)).toBeCloseTo(9.75, 5)
    stepDesktopRunner(r, Number.NaN, 0)
    stepDesktopRunner(r, -1, 0)
    expect(desktopSecondsLeft(r)).toBeCloseTo(9.75, 5)
  })

  it('stop for pain saves the stretch under way as stopped for pain and ends the routine', () => {
    const { r, saved } = setup(MORNING, { holdSeconds: 5 })
    skipDesktop(r)
    skipDesktop(r)
    run(r, 2)
    painDesktop(r)
    expect(r.finished).toBe(true)
    expect(r.stoppedForPain).toBe(true)
    expect(saved).toHaveLength(1)
    expect(saved[0]!.outcome).toBe('stopped-for-pain')
    expect(saved[0]!.followed.both!.seconds).toBeCloseTo(2, 0)
    // nothing after the end
    markDesktopStretch(r, 'completed')
    painDesktop(r)
    expect(saved).toHaveLength(1)
  })

  it('ending early saves nothing that was not confirmed', () => {
    const { r, saved } = setup(MORNING)
    run(r, 5)
    endDesktop(r)
    expect(r.finished).toBe(true)
    expect(saved).toHaveLength(0)
  })

  it('a failed save is reported on the mark, and the routine carries on', async () => {
    const { r } = setup(MORNING, { fail: true })
    markDesktopStretch(r, 'completed')
    await new Promise((res) => setTimeout(res, 0))
    expect(r.marks[0]).toMatchObject({ save: 'failed', message: 'disk full' })
    expect(r.finished).toBe(false)
  })

  it('a real routine demonstrates for at least the coach’s own time', () => {
    const { r } = setup(MORNING, { timing: DESKTOP_TIMING })
    expect(r.phaseDurationS).toBeGreaterThanOrEqual(DESKTOP_TIMING.demonstrateS)
  })

  it('the coach director follows the desktop phases, and its finished cycles are the repetitions', () => {
    const { r } = setup(singleStretchRoutine('pelvic-tilt'))
    const d = createCoachDirector()
    const input = createDirectorInput()
    skipDesktop(r)
    skipDesktop(r)
    expect(r.phase).toBe('reps')
    let reps = 0
    let seen = 0
    for (let i = 0; i < 60 * 120 && !r.confirming; i++) {
      stepDesktopRunner(r, 1 / 60, reps)
      readDesktopDirectorInput(input, r)
      updateCoachDirector(d, input)
      expect(d.phase).toBe(r.phase)
      reps = coachRepsDone(d)
      if (reps > seen) seen = reps
    }
    // ten repetitions of pelvic tilts, one by one as the coach did them
    expect(r.confirming).toBe(true)
    expect(r.sideReps[0]).toBe(10)
    expect(seen).toBeGreaterThanOrEqual(10)
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import type { CuePlayer, CueKind } from '../../../src/services/cues/cuePlayer.ts'
import {
  createPracticeSession,
  destroyPracticeSession,
  practiceMark,
  practiceSkip,
  practiceStopForPain,
  practiceTogglePause,
  stepPractice,
} from '../../../src/services/session/practiceSession.ts'
import { clearPractice, usePracticeStore } from '../../../src/services/session/practiceStore.ts'
import { singleStretchRoutine } from '../../../src/core/stretches.ts'
import type { SaveFollowed } from '../../../src/core/session/desktopRunner.ts'

function fakePlayer() {
  const heard: string[] = []
  const player: CuePlayer = {
    cue: (k: CueKind) => heard.push(`cue:${k}`),
    tick: () => heard.push('tick'),
    breath: (inhale) => heard.push(inhale ? 'in' : 'out'),
    say: (t) => heard.push(`say:${t}`),
    setXRSession: () => undefined,
    silence: () => heard.push('silence'),
  }
  return { player, heard }
}

function session(stretch: Parameters<typeof singleStretchRoutine>[0], hold = 4) {
  const { player, heard } = fakePlayer()
  const saved: Parameters<SaveFollowed>[0][] = []
  const ps = createPracticeSession({
    prepared: {
      routineId: `stretch:${stretch}`,
      sessionId: 'sess',
      painBefore: null,
      storageMessage: null,
      holdSeconds: null,
      record: false,
    },
    routine: singleStretchRoutine(stretch),
    testHoldSeconds: hold,
    save: (input) => {
      saved.push(input)
      return Promise.resolve({ ok: true })
    },
    player,
  })
  return { ps, heard, saved }
}

function frames(ps: ReturnType<typeof session>['ps'], seconds: number) {
  for (let i = 0; i < seconds * 60; i++) stepPractice(ps, 1 / 60)
}

afterEach(() => clearPractice())

describe('the desktop routine as the page runs it', () => {
  it('says each step once, plays the hold’s cues and the pacer, and the store follows the edges', () => {
    const { ps, heard } = session('childs-pose')
    // nothing is said until the routine's first frame (a page may create one and drop it)
    expect(heard).toEqual([])
    stepPractice(ps, 1 / 60)
    expect(heard[0]).toMatch(/^say:Child's pose\. Watch the coach/)
    expect(usePracticeStore.getState()).toMatchObject({
      status: 'running',
      stretch: 'childs-pose',
      phase: 'demonstrate',
      canMark: true,
    })
    practiceSkip(ps)
    practiceSkip(ps)
    expect(usePracticeStore.getState().phase).toBe('hold')
    frames(ps, 4.2)
    expect(heard).toContain('cue:inPosition')
    expect(heard).toContain('cue:lastFive')
    // the last side's hold ends with the stretch's chime alone (it says both)
    expect(heard).toContain('cue:stretchDone')
    expect(heard).not.toContain('cue:holdComplete')
    expect(heard).toContain('in')
    expect(heard.filter((h) => h === 'tick').length).toBe(3)
    // the hold says no words (its sound does); the wait for the user's word does
    expect(heard.some((h) => h.startsWith('say:Hold'))).toBe(false)
    expect(heard.filter((h) => /Mark it as done, or as skipped/.test(h))).toHaveLength(1)
    expect(usePracticeStore.getState().confirming).toBe(true)
  })

  it('pause says so and the clocks stop; the coach stops with them', () => {
    const { ps, heard } = session('childs-pose', 10)
    practiceSkip(ps)
    practiceSkip(ps)
    frames(ps, 1)
    practiceTogglePause(ps)
    expect(heard[heard.length - 1]).toBe('say:Paused.')
    const pose = Float64Array.from(ps.director.pose.rot)
    const clock = ps.runner.clock[2]
    frames(ps, 2)
    expect(ps.runner.clock[2]).toBe(clock)
    expect(Array.from(ps.director.pose.rot)).toEqual(Array.from(pose))
    practiceTogglePause(ps)
    expect(usePracticeStore.getState().paused).toBe(false)
  })

  it('marking lists the stretch in the store with its save; a pain stop ends the routine', async () => {
    const { ps, saved } = session('knee-to-chest')
    practiceMark(ps, 'completed')
    expect(usePracticeStore.getState().status).toBe('finished')
    expect(saved).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 0))
    expect(usePracticeStore.getState().marks[0]).toMatchObject({
      stretch: 'knee-to-chest',
      outcome: 'completed',
      save: 'saved',
    })
    const other = session('bridge')
    practiceStopForPain(other.ps)
    expect(usePracticeStore.getState()).toMatchObject({ status: 'finished', stoppedForPain: true })
    expect(other.saved[0]!.outcome).toBe('stopped-for-pain')
    destroyPracticeSession(other.ps)
    expect(other.heard[other.heard.length - 1]).toBe('silence')
  })
})

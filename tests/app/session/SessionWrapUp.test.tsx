// The wrap-up's texts and what it shows for each end of a session (static markup, from the session store).
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import {
  endSaveText,
  sideAmount,
  sideText,
  SessionWrapUp,
  WrapUpView,
  type WrapUpSession,
} from '../../../src/app/session/SessionWrapUp.tsx'
import type { FinishedSummary } from '../../../src/services/session/sessionStore.ts'

const HOLD = { targetHoldSeconds: 30, targetReps: null }
const REPS = { targetHoldSeconds: null, targetReps: 10 }

const KNEE: FinishedSummary = {
  stretch: 'knee-to-chest',
  score: 87,
  completed: true,
  pain: false,
  sides: [
    { side: 'left', holdSeconds: 30, reps: null, range: 0.93, stability: 0.88, score: 91 },
    { side: 'right', holdSeconds: 28.7, reps: null, range: 0.81, stability: 0.9, score: 84 },
  ],
  ...HOLD,
  save: 'saved',
  message: null,
}

function finishedWith(over: Partial<WrapUpSession>): string {
  const session: WrapUpSession = {
    prepared: {
      routineId: 'morning-mobility',
      sessionId: 'ses-1',
      painBefore: 2,
      storageMessage: null,
      holdSeconds: 30,
      record: false,
    },
    routineName: 'Morning mobility',
    finished: [KNEE],
    stoppedForPain: false,
    pendingSaves: 0,
    painAfter: null,
    endSave: null,
    unlocked: [],
    traceText: null,
    traceFileName: null,
    ...over,
  }
  return renderToStaticMarkup(<WrapUpView session={session} />)
}

describe('wrap-up texts', () => {
  it('holds against the target, rounded down; repetitions against theirs', () => {
    expect(sideAmount({ holdSeconds: 28.7, reps: null }, HOLD)).toBe('held 28 s of 30 s')
    expect(sideAmount({ holdSeconds: 30, reps: null }, HOLD)).toBe('held 30 s of 30 s')
    expect(sideAmount({ holdSeconds: 40, reps: 8 }, REPS)).toBe('8 of 10 repetitions')
  })

  it('a side line names the side, range, steadiness and score', () => {
    expect(sideText(KNEE.sides[1]!, KNEE)).toBe(
      'Right side: held 28 s of 30 s, range 81 %, steadiness 90 %, score 84',
    )
    expect(sideText({ ...KNEE.sides[0]!, side: 'both' }, KNEE)).toMatch(/^held 30 s of 30 s, /)
  })

  it('the headset check-out save', () => {
    expect(endSaveText('saved', null)).toBe('Session saved.')
    expect(endSaveText('failed', 'Disk full.')).toBe('Disk full.')
    expect(endSaveText(null, null)).toBeNull()
  })
})

describe('wrap-up', () => {
  it('shows nothing while no session is finished', () => {
    expect(renderToStaticMarkup(<SessionWrapUp />)).toBe('')
  })

  it('finished: every side of every stretch, and the pain check-out asked with nothing chosen', () => {
    const html = finishedWith({})
    expect(html).toContain('Session finished')
    expect(html).toContain('Left side: held 30 s of 30 s, range 93 %, steadiness 88 %, score 91')
    expect(html).toContain('Right side: held 28 s of 30 s')
    expect(html).toContain('Saved')
    expect(html).toContain('How is your back now?')
    expect(html).not.toMatch(/type="radio"[^>]*checked/)
    expect(html).toContain('Save check-in')
    expect(html).not.toContain('Done')
  })

  it('a check-out given in the headset is shown, with its save, and not asked again', () => {
    const html = finishedWith({ painAfter: 4, endSave: 'saved' })
    expect(html).toContain('Pain after: 4 / 10 (given in the headset)')
    expect(html).toContain('Session saved.')
    expect(html).not.toContain('type="radio"')
    expect(html).not.toContain('Save check-in')
    expect(html).toContain('Done')
  })

  it('a pain stop: its heading and advice, the unlocks as plain text only', () => {
    const html = finishedWith({
      stoppedForPain: true,
      unlocked: ['first-stretch'],
      finished: [{ ...KNEE, pain: true, completed: false }],
    })
    expect(html).toContain('Session stopped for pain')
    expect(html).toContain('Stopping was the right call')
    expect(html).toContain('never counts against you')
    // The titles load with the history code; before that the ids stand in.
    expect(html).toMatch(/Also earned: first-stretch\./)
  })

  it('the recording is offered when there is one', () => {
    expect(finishedWith({})).not.toContain('Download the recording')
    expect(finishedWith({ traceText: '{}', traceFileName: 'a.trace.jsonl' })).toContain(
      'Download the recording',
    )
  })
})

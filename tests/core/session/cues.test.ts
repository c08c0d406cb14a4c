// The cues a user hears and feels without looking (docs/product.md "The session"):
// driven by a real runner over synthetic motion, each moment gets its cue once
// and in order (in position, the last five seconds, hold complete, switch
// side, stretch done); a hold stopped by lost tracking or by leaving the pose
// says so, with the reason, and "in position" comes again when it counts
// again; a pause the user asked for, a system menu or a flicker says nothing;
// every counted repetition gets one cue; a pain stop is never "done".
import { describe, expect, it } from 'vitest'
import type { Fault, SynthConfig } from '../../../scripts/synth/synthTrace.ts'
import {
  createCueDetector,
  cueKindOf,
  LAST_SECONDS,
  PAUSE_CUE_AFTER_S,
  PAUSE_OUT_OF_POSE,
  PAUSE_TRACKING_LOST,
  updateCues,
  type CueKind,
} from '../../../src/core/session/cues.ts'
import {
  painRunner,
  pauseRunner,
  resumeRunner,
  visibilityRunner,
  type SessionRunner,
} from '../../../src/core/session/runner.ts'
import type { StretchId } from '../../../src/core/stretches.ts'
import { makeRunner, play, synthFrames } from './sessionKit.ts'

interface Cue {
  t: number
  kind: CueKind
  reason: number
}

/** The cues of a session of `stretches` (hold target `holdSeconds`) over the synthetic motion of `config`. */
function cuesOf(
  stretches: StretchId[],
  config: SynthConfig,
  options: { holdSeconds?: number; before?: (t: number, r: SessionRunner) => void } = {},
) {
  const r = makeRunner(stretches, { holdSeconds: options.holdSeconds ?? 12 })
  const detector = createCueDetector()
  const cues: Cue[] = []
  /** frames where the repetitions counted and the repCounted cues differ */
  const repMismatch: string[] = []
  let reps = 0
  let stretchIndex = 0
  play(
    r,
    synthFrames(config),
    (t) => {
      updateCues(detector, r)
      let repCues = 0
      for (let i = 0; i < detector.count; i++) {
        const kind = cueKindOf(detector.codes[i]!)
        cues.push({ t, kind, reason: kind === 'holdPaused' ? detector.reasons[i]! : 0 })
        if (kind === 'repCounted') repCues++
      }
      // repetitions counted this frame on the side that was running (the engine's count)
      const counted = r.stretchIndex === stretchIndex || r.finished ? r.engine.live.reps - reps : 0
      if (counted !== repCues) repMismatch.push(`${t}: ${counted} counted, ${repCues} cued`)
      reps = r.engine.live.reps
      stretchIndex = r.stretchIndex
    },
    options.before,
  )
  return { r, cues, kinds: cues.map((c) => c.kind), repMismatch }
}

const HOLD: SynthConfig = { steps: [{ stretch: 'childs-pose', holdSeconds: 20 }] }

/** The same hold with faults. */
function holdWith(...faults: Fault[]): SynthConfig {
  return { ...HOLD, faults }
}

const COMPLETED: CueKind[] = ['inPosition', 'lastFive', 'holdComplete', 'stretchDone']
const INTERRUPTED: CueKind[] = [
  'inPosition',
  'holdPaused',
  'inPosition',
  'lastFive',
  'holdComplete',
  'stretchDone',
]

describe('cues of a hold', () => {
  it('a completed hold: in position, the last five seconds, hold complete, stretch done, once each', () => {
    const { r, cues, kinds } = cuesOf(['childs-pose'], HOLD)
    expect(r.finished).toBe(true)
    expect(kinds).toEqual(COMPLETED)
    const at = (k: CueKind) => cues.find((c) => c.kind === k)!.t
    // an unbroken 12 s hold: the countdown 5 s before its end, the end 12 s after the start
    expect(at('lastFive') - at('inPosition')).toBeCloseTo(12 - LAST_SECONDS, 1)
    expect(at('holdComplete') - at('inPosition')).toBeCloseTo(12, 1)
    expect(at('stretchDone')).toBe(at('holdComplete'))
  })

  it('a one-sided stretch: …hold complete, switch side, in position… and done after the second side', () => {
    const { r, kinds } = cuesOf(['childs-pose-side'], {
      steps: [{ stretch: 'childs-pose-side', holdSeconds: 16 }],
    })
    expect(r.finished).toBe(true)
    expect(kinds).toEqual([
      'inPosition',
      'lastFive',
      'holdComplete',
      'switchSide',
      'inPosition',
      'lastFive',
      'holdComplete',
      'stretchDone',
    ])
  })

  it('two stretches: each one done once', () => {
    const { kinds } = cuesOf(['childs-pose', 'childs-pose-side'], {
      steps: [
        { stretch: 'childs-pose', holdSeconds: 16 },
        { stretch: 'childs-pose-side', holdSeconds: 16 },
      ],
    })
    expect(kinds.filter((k) => k === 'stretchDone')).toHaveLength(2)
    expect(kinds.filter((k) => k === 'holdComplete')).toHaveLength(3)
    expect(kinds.filter((k) => k === 'switchSide')).toHaveLength(1)
    expect(kinds.at(-1)).toBe('stretchDone')
  })
})

describe('a hold that stops says why, and says "in position" when it counts again', () => {
  const lost: [string, Fault[], number][] = [
    ['the head lost for 1.5 s', [{ kind: 'null', pose: 'head', from: 12, to: 13.5 }], 12],
    [
      'both hands lost for 3 s (past the 2 s grace)',
      [
        { kind: 'null', pose: 'left', from: 12, to: 15 },
        { kind: 'null', pose: 'right', from: 12, to: 15 },
      ],
      14,
    ],
    ['a frozen headset for 2 s', [{ kind: 'frozen', pose: 'head', from: 12, to: 14 }], 12.5],
  ]
  for (const [what, faults, stopsAt] of lost) {
    it(`tracking lost: ${what}`, () => {
      const { cues, kinds } = cuesOf(['childs-pose'], holdWith(...faults))
      const paused = cues.filter((c) => c.kind === 'holdPaused')
      expect(paused).toHaveLength(1)
      expect(paused[0]!.reason).toBe(PAUSE_TRACKING_LOST)
      // said soon after the hold stopped counting, not before
      expect(paused[0]!.t).toBeGreaterThanOrEqual(stopsAt + PAUSE_CUE_AFTER_S - 0.05)
      expect(paused[0]!.t).toBeLessThan(stopsAt + PAUSE_CUE_AFTER_S + 0.3)
      // in position again once it counts again, after the fault
      const again = cues.filter((c) => c.kind === 'inPosition')[1]
      expect(again).toBeDefined()
      expect(again!.t).toBeGreaterThan(paused[0]!.t)
      // the rest as usual (the countdown may have been said before the loss)
      expect(kinds.filter((k) => k === 'lastFive')).toHaveLength(1)
      expect(kinds.slice(-2)).toEqual(['holdComplete', 'stretchDone'])
    })
  }

  it('leaving the pose and coming back: paused (out of the pose), then in position', () => {
    // 5 s in child's pose, back onto all fours, and into it again
    const { cues } = cuesOf(['childs-pose'], {
      steps: [
        { stretch: 'childs-pose', holdSeconds: 5 },
        { stretch: 'childs-pose', holdSeconds: 15 },
      ],
    })
    expect(cues.map((c) => c.kind)).toEqual([
      'inPosition',
      'lastFive',
      'holdPaused',
      'inPosition',
      'holdComplete',
      'stretchDone',
    ])
    expect(cues.find((c) => c.kind === 'holdPaused')!.reason).toBe(PAUSE_OUT_OF_POSE)
  })

  it('breaking the form (supine twist’s outstretched hand lifted): paused, out of the pose', () => {
    const { cues } = cuesOf(['supine-twist'], {
      steps: [{ stretch: 'supine-twist', sides: ['left'], holdSeconds: 20 }],
      faults: [{ kind: 'form', from: 14, to: 17 }],
    })
    const paused = cues.filter((c) => c.kind === 'holdPaused')
    expect(paused).toHaveLength(1)
    expect(paused[0]!.reason).toBe(PAUSE_OUT_OF_POSE)
    expect(paused[0]!.t).toBeGreaterThan(14)
    expect(cues.filter((c) => c.kind === 'inPosition')).toHaveLength(2)
  })
})

describe('no cue for what is no surprise', () => {
  const flickers: [string, Fault][] = [
    ['the head lost for 0.3 s', { kind: 'null', pose: 'head', from: 12, to: 12.3 }],
    ['no frames for 0.3 s', { kind: 'gap', from: 12, to: 12.3 }],
    [
      'one hand lost for 1.5 s (within its grace)',
      { kind: 'null', pose: 'left', from: 12, to: 13.5 },
    ],
  ]
  for (const [what, fault] of flickers) {
    it(`a flicker: ${what}`, () => {
      expect(PAUSE_CUE_AFTER_S).toBeGreaterThan(0.3)
      expect(cuesOf(['childs-pose'], holdWith(fault)).kinds).toEqual(COMPLETED)
    })
  }

  const pauses: [string, (r: SessionRunner) => void, (r: SessionRunner) => void][] = [
    ['the user pauses for 3 s', pauseRunner, resumeRunner],
    [
      'a system menu blurs the session for 3 s',
      (r) => visibilityRunner(r, 'visible-blurred'),
      (r) => visibilityRunner(r, 'visible'),
    ],
  ]
  for (const [what, pause, resume] of pauses) {
    it(`${what} mid-hold: no "paused" cue, no second "in position"`, () => {
      let paused = false
      let resumed = false
      const { r, kinds } = cuesOf(['childs-pose'], HOLD, {
        before: (t, r) => {
          if (!paused && t >= 10) {
            paused = true
            pause(r)
          }
          if (!resumed && t >= 13) {
            resumed = true
            resume(r)
          }
        },
      })
      expect(r.finished).toBe(true)
      expect(kinds).toEqual(COMPLETED)
    })
  }

  it('an interrupted hold says "paused" only once however long the loss', () => {
    const { kinds } = cuesOf(
      ['childs-pose'],
      holdWith({ kind: 'null', pose: 'head', from: 11, to: 14 }),
    )
    expect(kinds).toEqual(INTERRUPTED)
  })
})

describe('repetitions', () => {
  for (const [id, reps] of [
    ['cat-cow', 8],
    ['pelvic-tilt', 10],
  ] as const) {
    it(`${id}: one cue per counted repetition, the last one included`, () => {
      const { r, kinds, repMismatch } = cuesOf([id], { steps: [{ stretch: id, reps }] })
      expect(r.finished).toBe(true)
      const counted = r.finishedStretches[0]!.result.sides.both!.reps ?? -1
      expect(counted).toBe(reps)
      expect(kinds[0]).toBe('inPosition')
      expect(kinds.at(-1)).toBe('stretchDone')
      expect(repMismatch).toEqual([])
      expect(kinds.filter((k) => k === 'repCounted')).toHaveLength(counted)
      // repetitions are not a timed hold: no countdown, no hold complete, never "paused"
      expect(
        kinds.filter((k) => k === 'lastFive' || k === 'holdComplete' || k === 'holdPaused'),
      ).toEqual([])
    })
  }

  it('cat-cow before another stretch: as many cues as repetitions in its result', () => {
    const { r, cues } = cuesOf(['cat-cow', 'childs-pose'], {
      steps: [
        { stretch: 'cat-cow', reps: 8 },
        { stretch: 'childs-pose', holdSeconds: 16 },
      ],
    })
    expect(r.finished).toBe(true)
    const catCow = r.finishedStretches[0]!
    expect(catCow.stretch).toBe('cat-cow')
    const restAt = cues.find((c) => c.kind === 'stretchDone')!.t
    const repCues = cues.filter((c) => c.kind === 'repCounted' && c.t <= restAt)
    expect(repCues).toHaveLength(catCow.result.sides.both!.reps ?? -1)
  })
})

describe('stop for pain', () => {
  it('mid-hold: no hold complete, no stretch done', () => {
    let pressed = false
    const { r, kinds } = cuesOf(['childs-pose', 'cat-cow'], HOLD, {
      before: (t, r) => {
        if (!pressed && t >= 14) {
          pressed = true
          painRunner(r)
        }
      },
    })
    expect(r.stoppedForPain).toBe(true)
    expect(kinds).toEqual(['inPosition', 'lastFive'])
  })

  it('in the rest before the next stretch: the finished one was done, the next is not', () => {
    let pressed = false
    const { r, kinds } = cuesOf(
      ['childs-pose', 'cat-cow'],
      { steps: [{ stretch: 'childs-pose', holdSeconds: 16 }] },
      {
        before: (_t, r) => {
          if (!pressed && r.phase === 'rest') {
            pressed = true
            painRunner(r)
          }
        },
      },
    )
    expect(pressed).toBe(true)
    expect(r.finishedStretches.map((f) => [f.stretch, f.result.pain])).toEqual([
      ['childs-pose', false],
      ['cat-cow', true],
    ])
    expect(kinds).toEqual(COMPLETED)
  })
})

// The routine runner on synthetic motion: phases and sides in order, one
// result saved per stretch (and only once), stop-for-pain keeps what was held,
// XR visibility pauses the hold, and a recorded session replays to the bit.
import { describe, expect, it } from 'vitest'
import { synthRecords, type SynthConfig } from '../../../scripts/synth/synthTrace.ts'
import type { Phase } from '../../../src/core/phase.ts'
import { createPoseFrame, INPUT_HAND, type PoseFrame } from '../../../src/core/poseFrame.ts'
import type { StretchResult } from '../../../src/core/result.ts'
import type { StretchTargets } from '../../../src/core/history/records.ts'
import type { Routine } from '../../../src/core/stretches.ts'
import { scoreTraceText } from '../../../src/core/trace/scoreTrace.ts'
import {
  createRunner,
  currentSide,
  endRunner,
  painRunner,
  QUICK_TIMING,
  skipRunner,
  stepRunner,
  visibilityRunner,
  type RunnerOptions,
  type SaveResult,
  type SessionRunner,
} from '../../../src/core/session/runner.ts'
import {
  createTraceRecorder,
  recordedTraceText,
  traceSink,
} from '../../../src/tracking/recorder.ts'

const EYE = 1.62

interface FrameRec {
  t: number
  poses: (number[] | null)[]
  emulated: string[]
  hand: [boolean, boolean]
}

/** The frames of a synthetic session (its own stretch events are dropped: the runner makes them). */
function synthFrames(config: SynthConfig): FrameRec[] {
  const out: FrameRec[] = []
  let hand: [boolean, boolean] = [false, false]
  synthRecords({ eyeHeight: EYE, ...config }, (r) => {
    if (r.kind !== 'frame') return
    if (r.input) hand = [r.input.left === 'hand', r.input.right === 'hand']
    out.push({ t: r.t, poses: r.poses, emulated: r.emulated, hand })
  })
  return out
}

function fill(frame: PoseFrame, r: FrameRec, tOffset: number): void {
  frame.t = r.t + tOffset
  for (let i = 0; i < 3; i++) {
    const p = r.poses[i]
    frame.tracked[i] = p ? 1 : 0
    if (p) for (let k = 0; k < 7; k++) frame.poses[i * 7 + k] = p[k]!
    frame.emulated[i] = r.emulated.includes(i === 0 ? 'head' : i === 1 ? 'left' : 'right') ? 1 : 0
  }
  frame.input[0] = r.hand[0] ? INPUT_HAND : 0
  frame.input[1] = r.hand[1] ? INPUT_HAND : 0
}

/** A fake progress store: records every save, resolves after a microtask, can be told to fail. */
function fakeStorage(fail = false) {
  const saved: StretchResult[] = []
  const targets: StretchTargets[] = []
  const save: SaveResult = async (input) => {
    await Promise.resolve()
    if (fail) return { ok: false, message: 'Not saved: disk full (test).' }
    saved.push(input.result)
    targets.push(input.targets)
    return { ok: true }
  }
  return { saved, targets, save }
}

function makeRunner(
  stretches: Routine['stretches'],
  save: SaveResult,
  extra: Partial<RunnerOptions> = {},
): { runner: SessionRunner; edges: string[] } {
  const edges: string[] = []
  const runner = createRunner({
    routine: { id: 'test-routine', name: 'Test', description: 'test', stretches },
    sessionId: 'session-1',
    eyeHeightM: EYE,
    holdSeconds: 5,
    timing: QUICK_TIMING,
    save,
    onEdge: (r) => {
      const label = `${r.stretchIndex}:${currentSide(r) ?? '-'}:${r.phase}`
      if (edges[edges.length - 1] !== label) edges.push(label)
    },
    ...extra,
  })
  return { runner, edges }
}

/** Plays frames into the runner; `at(t)` runs before the frame at trace time t. */
function play(
  runner: SessionRunner,
  frames: FrameRec[],
  at: (t: number, r: SessionRunner) => void = () => undefined,
): void {
  const frame = createPoseFrame()
  for (const f of frames) {
    at(f.t, runner)
    fill(frame, f, 0)
    stepRunner(runner, frame)
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function phasesOf(edges: string[]): Phase[] {
  return edges.map((e) => e.split(':')[2] as Phase)
}

describe('routine runner', () => {
  it('runs a two-sided and a one-sided stretch through every phase, left before right', async () => {
    const { saved, targets, save } = fakeStorage()
    const { runner, edges } = makeRunner(['childs-pose', 'childs-pose-side'], save)
    const frames = synthFrames({
      steps: [
        { stretch: 'childs-pose', holdSeconds: 14 },
        { stretch: 'childs-pose-side', holdSeconds: 12 },
      ],
    })
    play(runner, frames)
    await settle()
    expect(runner.finished).toBe(true)
    expect(runner.stoppedForPain).toBe(false)
    // the first stretch: demonstrate, get into position, hold; then the rest before the next
    expect(edges.slice(0, 3)).toEqual(['0:both:getIntoPosition', '0:both:hold', '1:left:rest'])
    const second = edges.filter((e) => e.startsWith('1:'))
    expect(second[1]).toBe('1:left:demonstrate')
    const li = second.indexOf('1:left:hold')
    const si = second.indexOf('1:right:switchSide')
    const ri = second.indexOf('1:right:hold')
    expect(li).toBeGreaterThan(0)
    expect(si).toBeGreaterThan(li)
    expect(ri).toBeGreaterThan(si)
    expect(phasesOf(edges).at(-1)).toBe('done')
    // one result per stretch, saved once each, completed with the 5 s target
    expect(saved.map((r) => r.stretch)).toEqual(['childs-pose', 'childs-pose-side'])
    // each saved with the hold it was run against (the session's 5 s), per side
    expect(targets).toEqual([
      { holdSeconds: 5, reps: null },
      { holdSeconds: 5, reps: null },
    ])
    expect(saved[0]!.completed).toBe(true)
    expect(saved[0]!.sides.both!.holdSeconds).toBeGreaterThanOrEqual(5)
    expect(Object.keys(saved[1]!.sides).sort()).toEqual(['left', 'right'])
    expect(saved[1]!.completed).toBe(true)
    expect(runner.finishedStretches.every((f) => f.save === 'saved')).toBe(true)
    // nothing more is saved after the end
    endRunner(runner)
    painRunner(runner)
    await settle()
    expect(saved).toHaveLength(2)
  })

  it('stop for pain keeps what was held, marked pain, saves it once and ends the routine', async () => {
    const { saved, save } = fakeStorage()
    const { runner } = makeRunner(['childs-pose', 'cat-cow'], save, { holdSeconds: 30 })
    const frames = synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 30 }] })
    let pressed = false
    let heldAtPress = 0
    play(runner, frames, (t, r) => {
      if (!pressed && t >= 16) {
        pressed = true
        heldAtPress = r.engine.live.holdSeconds
        painRunner(r)
      }
    })
    await settle()
    expect(heldAtPress).toBeGreaterThan(3)
    expect(runner.finished).toBe(true)
    expect(runner.stoppedForPain).toBe(true)
    expect(saved).toHaveLength(1)
    const r = saved[0]!
    expect(r.pain).toBe(true)
    expect(r.completed).toBe(false)
    expect(r.sides.both!.holdSeconds).toBeCloseTo(heldAtPress, 1)
    expect(r.score).toBeGreaterThan(0)
    painRunner(runner)
    await settle()
    expect(saved).toHaveLength(1)
  })

  it('pain during the demonstration marks that stretch with nothing held and ends the session', async () => {
    const { saved, save } = fakeStorage()
    const { runner } = makeRunner(['childs-pose'], save)
    const frames = synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 10 }] })
    play(runner, frames.slice(0, 40))
    expect(runner.phase).toBe('demonstrate')
    painRunner(runner)
    await settle()
    expect(runner.finished).toBe(true)
    expect(runner.stoppedForPain).toBe(true)
    expect(saved).toHaveLength(1)
    expect(saved[0]!.pain).toBe(true)
    expect(saved[0]!.completed).toBe(false)
    expect(saved[0]!.sides.both!.holdSeconds).toBe(0)
    expect(saved[0]!.score).toBe(0)
  })

  it('a hidden or blurred XR session pauses the hold', async () => {
    const frames = synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 25 }] })
    const a = makeRunner(['childs-pose'], fakeStorage().save, { holdSeconds: 30 })
    play(a.runner, frames)
    const b = makeRunner(['childs-pose'], fakeStorage().save, { holdSeconds: 30 })
    let blurred = false
    let visible = false
    play(b.runner, frames, (t, r) => {
      if (!blurred && t >= 14) {
        blurred = true
        visibilityRunner(r, 'visible-blurred')
      }
      if (!visible && t >= 20) {
        visible = true
        visibilityRunner(r, 'visible')
      }
    })
    const full = a.runner.engine.live.holdSeconds
    const paused = b.runner.engine.live.holdSeconds
    expect(full).toBeGreaterThan(15)
    expect(full - paused).toBeGreaterThan(5.5)
    expect(full - paused).toBeLessThan(6.5)
  })

  it('a failed save is reported on that stretch, not thrown', async () => {
    const { save } = fakeStorage(true)
    const { runner } = makeRunner(['childs-pose'], save)
    play(runner, synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 10 }] }))
    await settle()
    expect(runner.finished).toBe(true)
    expect(runner.finishedStretches).toHaveLength(1)
    expect(runner.finishedStretches[0]!.save).toBe('failed')
    expect(runner.finishedStretches[0]!.message).toMatch(/Not saved/)
  })

  it('without a session record nothing is sent to storage and the stretch says why', async () => {
    const { saved, save } = fakeStorage()
    const { runner } = makeRunner(['childs-pose'], save, { sessionId: null })
    play(runner, synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 10 }] }))
    await settle()
    expect(saved).toHaveLength(0)
    expect(runner.finishedStretches[0]!.save).toBe('failed')
  })

  it('skip moves past the demonstration and ends a side as it is', async () => {
    const { saved, save } = fakeStorage()
    const { runner } = makeRunner(['childs-pose', 'cat-cow'], save)
    const frame = createPoseFrame()
    const frames = synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 3 }] })
    fill(frame, frames[0]!, 0)
    stepRunner(runner, frame)
    skipRunner(runner)
    expect(runner.phase).toBe('getIntoPosition')
    skipRunner(runner)
    expect(runner.phase).toBe('rest')
    await settle()
    expect(saved).toHaveLength(1)
    expect(saved[0]!.completed).toBe(false)
    skipRunner(runner)
    expect(runner.phase).toBe('demonstrate')
    expect(runner.stretchIndex).toBe(1)
  })

  it('measures the real counter from the hands when cat-cow starts', async () => {
    const { saved, targets, save } = fakeStorage()
    const { runner } = makeRunner(['cat-cow'], save)
    play(runner, synthFrames({ steps: [{ stretch: 'cat-cow', reps: 3 }] }))
    expect(runner.finished).toBe(false)
    endRunner(runner)
    await settle()
    const H = EYE / 0.93
    expect(runner.counter).not.toBeNull()
    expect(Math.abs(runner.counter!.heightM - 0.51 * H)).toBeLessThan(0.03)
    expect(saved[0]!.stretch).toBe('cat-cow')
    expect(saved[0]!.sides.both!.reps).toBe(3)
    expect(saved[0]!.completed).toBe(false)
    // a repetition stretch is saved against its repetitions, never a hold
    expect(targets).toEqual([{ holdSeconds: null, reps: 8 }])
  })

  it('without a hold chosen, a stretch is saved against the default 30 s hold', async () => {
    const { saved, targets, save } = fakeStorage()
    const { runner } = makeRunner(['childs-pose'], save, { holdSeconds: null })
    const frames = synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 10 }] })
    play(runner, frames.slice(0, 40))
    painRunner(runner)
    await settle()
    expect(saved).toHaveLength(1)
    expect(targets).toEqual([{ holdSeconds: 30, reps: null }])
  })

  it('a recorded session replays to the same results, to the bit', async () => {
    const { saved, save } = fakeStorage()
    const recorder = createTraceRecorder({
      format: 'pose-trace',
      version: 1,
      recordedAt: '2026-11-23T07:00:00.000Z',
      source: 'emulated',
      calibration: { eyeHeight: EYE },
    })
    const { runner } = makeRunner(['childs-pose', 'childs-pose-side'], save, {
      sink: traceSink(recorder),
    })
    const frames = synthFrames({
      steps: [
        { stretch: 'childs-pose', holdSeconds: 14 },
        { stretch: 'childs-pose-side', holdSeconds: 12 },
      ],
    })
    let blurred = false
    play(runner, frames, (t, r) => {
      if (!blurred && t >= 10) {
        blurred = true
        visibilityRunner(r, 'hidden')
      }
      if (blurred && t >= 11 && t < 11.05) visibilityRunner(r, 'visible')
      if (t >= 40 && !r.stoppedForPain) painRunner(r)
    })
    await settle()
    const replay = await scoreTraceText(recordedTraceText(recorder))
    expect(replay.ok).toBe(true)
    if (!replay.ok) return
    expect(replay.results).toEqual(saved)
    expect(saved.at(-1)!.pain).toBe(true)
  })
})

// Shared by the session tests: synthetic frames (scripts/synth) played into a
// real routine runner, frame by frame, with a hook before and after each step.
import { synthRecords, type SynthConfig } from '../../../scripts/synth/synthTrace.ts'
import { createPoseFrame, INPUT_HAND, type PoseFrame } from '../../../src/core/poseFrame.ts'
import type { Routine } from '../../../src/core/stretches.ts'
import {
  createRunner,
  QUICK_TIMING,
  stepRunner,
  type RunnerOptions,
  type SessionRunner,
} from '../../../src/core/session/runner.ts'

/** The eye height the synthetic user and the runner share (m). */
export const EYE = 1.62

/** One synthetic frame as the generator wrote it. */
export interface FrameRec {
  t: number
  poses: (number[] | null)[]
  emulated: string[]
  hand: [boolean, boolean]
}

/** The frames of a synthetic session (its own stretch events are dropped: the runner makes them). */
export function synthFrames(config: SynthConfig): FrameRec[] {
  const out: FrameRec[] = []
  let hand: [boolean, boolean] = [false, false]
  synthRecords({ eyeHeight: EYE, ...config }, (r) => {
    if (r.kind !== 'frame') return
    if (r.input) hand = [r.input.left === 'hand', r.input.right === 'hand']
    out.push({ t: r.t, poses: r.poses, emulated: r.emulated, hand })
  })
  return out
}

/** Writes a synthetic frame into a pose frame. */
export function fill(frame: PoseFrame, r: FrameRec): void {
  frame.t = r.t
  for (let i = 0; i < 3; i++) {
    const p = r.poses[i]
    frame.tracked[i] = p ? 1 : 0
    if (p) for (let k = 0; k < 7; k++) frame.poses[i * 7 + k] = p[k]!
    frame.emulated[i] = r.emulated.includes(i === 0 ? 'head' : i === 1 ? 'left' : 'right') ? 1 : 0
  }
  frame.input[0] = r.hand[0] ? INPUT_HAND : 0
  frame.input[1] = r.hand[1] ? INPUT_HAND : 0
}

/** A runner over `stretches` (QUICK_TIMING, 5 s holds unless told), saving nowhere. */
export function makeRunner(
  stretches: Routine['stretches'],
  extra: Partial<RunnerOptions> = {},
): SessionRunner {
  return createRunner({
    routine: { id: 'test-routine', name: 'Test', description: 'test', stretches },
    sessionId: 'session-1',
    eyeHeightM: EYE,
    holdSeconds: 5,
    timing: QUICK_TIMING,
    save: async () => ({ ok: true }),
    onEdge: () => undefined,
    ...extra,
  })
}

/**
 * Plays frames into the runner: `before(t, r)` runs before the frame at t
 * (press buttons there), `after(t, r)` right after stepRunner (read the session there).
 */
export function play(
  runner: SessionRunner,
  frames: readonly FrameRec[],
  after: (t: number, r: SessionRunner) => void,
  before: (t: number, r: SessionRunner) => void = () => undefined,
): void {
  const frame = createPoseFrame()
  for (const f of frames) {
    before(f.t, runner)
    fill(frame, f)
    stepRunner(runner, frame)
    after(f.t, runner)
  }
}

/** Frames of someone standing still for `seconds` (watching), at 90 Hz. */
export function standingFrames(seconds: number, seed = 1): FrameRec[] {
  return synthFrames({ seed, leadInSeconds: 0, steps: [{ idle: 'standing', seconds }] })
}

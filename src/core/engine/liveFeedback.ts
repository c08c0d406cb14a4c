/**
 * The live figures the session shows during a stretch (docs/product.md: "Live
 * feedback shows hold, range and stability during the hold"): updated in place
 * every frame. Hold time, repetitions and completion follow every frame; range
 * (a median), stability and score are recomputed at most every LIVE_FIGURES_S,
 * or at once when a repetition counts or the side completes.
 */
import type { Phase } from '../phase.ts'
import type { Side } from '../result.ts'
import type { StretchId } from '../stretches.ts'
import { DOUBLE_FIELD } from './doubleField.ts'
import { computeSideFigures, type SideScore } from './sideScore.ts'
import type { Run } from './stretchRun.ts'

/** Live range, stability and score are recomputed at most this often (s). */
export const LIVE_FIGURES_S = 0.1

/** Per-frame values for the UI, updated in place by every step. */
export interface LiveFeedback {
  stretch: StretchId | null
  side: Side | null
  phase: Phase
  /** head and the needed hands tracked (or held over) this frame */
  tracked: boolean
  inPose: boolean
  /**
   * The body is in the pose (tracked, gate, form, progress) whether or not
   * counting is paused: the runner watches it while it pauses the engine
   * (a side switch waits for the user to let go of the first side).
   */
  posed: boolean
  /** seconds counted so far on the current side (hold stretches) */
  holdSeconds: number
  targetHoldSeconds: number
  /** repetitions counted so far on the current side */
  reps: number
  targetReps: number
  /** this frame's progress, 0–1.2 */
  progress: number
  range: number
  stability: number
  score: number
  /** the current side reached its target */
  completed: boolean
}

/** Index into LiveFigures.num: the last frame's t (written by the engine every frame). */
export const L_T = 0
/** Index into LiveFigures.num: when range, stability and score were last computed. */
const L_FIGURES_T = 1

/** The live feedback and when its figures were computed. */
export interface LiveFigures {
  readonly live: LiveFeedback
  readonly num: Float64Array
}

/** Allocates the live feedback of an engine that has run nothing yet. */
export function createLiveFigures(): LiveFigures {
  // the figures that take fractions: see DOUBLE_FIELD
  const live: LiveFeedback = {
    stretch: null,
    side: null,
    phase: 'demonstrate',
    tracked: false,
    inPose: false,
    posed: false,
    holdSeconds: DOUBLE_FIELD,
    targetHoldSeconds: 0,
    reps: 0,
    targetReps: 0,
    progress: DOUBLE_FIELD,
    range: DOUBLE_FIELD,
    stability: DOUBLE_FIELD,
    score: 0,
    completed: false,
  }
  live.holdSeconds = 0
  live.progress = 0
  live.range = 0
  live.stability = 0
  return { live, num: new Float64Array(2) }
}

/** The next update recomputes the figures whatever the time (a new stretch or side). */
export function refreshLiveFigures(f: LiveFigures): void {
  f.num[L_FIGURES_T] = -Infinity
}

/** The side's totals into the live feedback (figures throttled to LIVE_FIGURES_S). */
export function updateLiveTotals(f: LiveFigures, run: Run, side: SideScore, slot: number): void {
  const live = f.live
  const reps = run.hold ? 0 : side.reps
  const t = f.num[L_T]!
  const last = f.num[L_FIGURES_T]!
  const due = !(t - last < LIVE_FIGURES_S && t >= last) || reps !== live.reps
  live.holdSeconds = run.hold ? side.holdSeconds : 0
  live.reps = reps
  live.completed = run.completed[slot]!
  if (!due && !(live.completed && live.score !== side.score)) return
  f.num[L_FIGURES_T] = t
  computeSideFigures(side, run)
  live.range = side.range
  live.stability = side.stability
  live.score = side.score
}

/**
 * The result of scoring one stretch: the contract of
 * docs/pose-trace.md ("The result"), shared by
 * the engine, the command-line replay, storage and the progress pages.
 */
import type { StretchId } from './stretches.ts'

/** `both` for two-sided stretches; `left`/`right` for each side of a one-sided one. */
export type Side = 'left' | 'right' | 'both'

/** What one side of a stretch scored. */
export interface SideResult {
  /** seconds counted in the target pose (repetition stretches: 0) */
  holdSeconds: number
  /** repetitions counted (hold stretches: null) */
  reps: number | null
  /** 0–1: median progress over the counted time (reps: median rep amplitude) vs the target, capped at 1 */
  range: number
  /** 0–1: 1 at ≤ 1 mm RMS of 0.7–15 Hz displacement, 0 at ≥ 20 mm (reps: of the points that should stay still) */
  stability: number
  /** 0–100 integer: round(100 × completion × (0.6 range + 0.4 stability)) */
  score: number
}

/** What one stretch scored, live or replayed (identical to the bit). */
export interface StretchResult {
  /** the command-line replay adds the trace's path */
  file?: string
  stretch: StretchId
  /** changes whenever scoring changes */
  engineVersion: string
  /** every side in scope reached its target hold time or repetitions */
  completed: boolean
  /** `both` for two-sided stretches; `left` and/or `right` for one-sided ones; a side not performed is absent */
  sides: Partial<Record<Side, SideResult>>
  /** 0–100 integer: mean over the stretch's sides (absent side = 0), or the one side a one-side trace names */
  score: number
  /** tracked time / stretch time (from its first frame or event to its last) */
  trackedFraction: number
  skippedFrames: number
  /** the user pressed stop-for-pain: kept, never counted against them */
  pain: boolean
}

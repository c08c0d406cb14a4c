/**
 * The desktop routine's store: what the practice page shows about the routine
 * (stretch, side, step, what was marked and saved), written only on the
 * runner's edges and only with what changed. The timers' seconds and the
 * pacer stay in the runner, read by the page at most ten times a second.
 */
import { create } from 'zustand'
import type { Phase } from '../../core/phase.ts'
import type { Side } from '../../core/result.ts'
import type {
  DesktopOutcome,
  DesktopTargets,
  FollowedTally,
} from '../../core/session/desktopRunner.ts'
import type { SaveStatus } from '../../core/session/runner.ts'
import type { StretchId } from '../../core/stretches.ts'

/** One marked stretch as the page lists it. */
export interface PracticeMarkSummary {
  stretch: StretchId
  outcome: DesktopOutcome
  targets: DesktopTargets
  followed: Partial<Record<Side, FollowedTally>>
  save: SaveStatus
  message: string | null
}

/** The practice store's state. */
export interface PracticeState {
  /** idle: no routine; running; finished: the check-out is due */
  status: 'idle' | 'running' | 'finished'
  routineId: string | null
  routineName: string | null
  stretchIndex: number
  stretchCount: number
  stretch: StretchId | null
  side: Side | null
  next: StretchId | null
  phase: Phase | null
  /** the stretch's timers are over: waiting for "Mark as done" or "Mark as skipped" */
  confirming: boolean
  /** the stretch on show may be marked now */
  canMark: boolean
  paused: boolean
  stoppedForPain: boolean
  marks: readonly PracticeMarkSummary[]
  pendingSaves: number
  /** the check-out (0–10) once given, and whether it and the session's end were saved */
  painAfter: number | null
  endSave: SaveStatus | null
}

const INITIAL: PracticeState = {
  status: 'idle',
  routineId: null,
  routineName: null,
  stretchIndex: 0,
  stretchCount: 0,
  stretch: null,
  side: null,
  next: null,
  phase: null,
  confirming: false,
  canMark: false,
  paused: false,
  stoppedForPain: false,
  marks: [],
  pendingSaves: 0,
  painAfter: null,
  endSave: null,
}

/** The practice store (not persisted: a reload starts from the home page). */
export const usePracticeStore = create<PracticeState>()(() => ({ ...INITIAL }))

/** Forgets the finished routine. */
export function clearPractice(): void {
  usePracticeStore.setState({ ...INITIAL })
}

/**
 * The live session's store (tier 2 of the state tiers): what the UI shows
 * about the routine (which stretch, which side, which phase, what was saved),
 * written only on edges, and only the fields that changed. Per-frame values
 * (hold time, range, stability, poses) stay in the live session's plain
 * objects, read in the frame loop.
 */
import { create } from 'zustand'
import type { Phase } from '../../core/phase.ts'
import type { CounterPlacement, SaveStatus } from '../../core/session/runner.ts'
import type { StretchId } from '../../core/stretches.ts'

/** A routine the user chose and checked in for, waiting for the headset session to start. */
export interface PreparedSession {
  /** a built-in routine's id, or `stretch:<id>` for one stretch */
  routineId: string
  /** the session record's id, or null when storage could not open one */
  sessionId: string | null
  /** the pain check-in before, 0–10, or null when skipped */
  painBefore: number | null
  /** the message when storage could not start the session */
  storageMessage: string | null
  /** the user's hold per side (20–30 s), or null for the default */
  holdSeconds: number | null
  /** keep a trace of this session in memory and offer it as a download at the end */
  record: boolean
}

/** One side of a finished stretch, as the panel and the wrap-up show it. */
export interface FinishedSide {
  side: 'left' | 'right' | 'both'
  holdSeconds: number
  reps: number | null
  range: number
  stability: number
  score: number
}

/** One finished stretch as the wrap-up lists it. */
export interface FinishedSummary {
  stretch: StretchId
  score: number
  completed: boolean
  pain: boolean
  sides: readonly FinishedSide[]
  /** the target it was done against: hold seconds per side, or repetitions */
  targetHoldSeconds: number | null
  targetReps: number | null
  save: SaveStatus
  message: string | null
}

/** Where the user's height came from for this session. */
export type CalibrationSource = 'standing' | 'typed' | 'remembered' | 'test' | 'default'

/** The session store's state. */
export interface SessionState {
  /**
   * idle: nothing chosen; prepared: checked in, headset not started;
   * calibrating: standing tall to be measured; running; finished: results and check-out due
   */
  status: 'idle' | 'prepared' | 'calibrating' | 'running' | 'finished'
  prepared: PreparedSession | null
  routineId: string | null
  routineName: string | null
  stretchIndex: number
  stretchCount: number
  stretch: StretchId | null
  side: 'left' | 'right' | 'both' | null
  /** the runner's phase; null before the routine starts (calibration) */
  phase: Phase | null
  /** the user paused the session */
  paused: boolean
  stoppedForPain: boolean
  finished: readonly FinishedSummary[]
  /** finished stretches whose save has not settled */
  pendingSaves: number
  /** the recorded trace as text, when the user asked to record (kept in memory only) */
  traceText: string | null
  traceFileName: string | null
  /** the real counter measured from the hands at cat-cow, for the virtual counter; null until known */
  counter: CounterPlacement | null
  /** the eye height (m) this session is scored with, and where it came from; null before it is known */
  eyeHeightM: number | null
  calibrationSource: CalibrationSource | null
  /** the pain check-out (0–10) given in the headset, null until answered there */
  painAfter: number | null
  /** whether the check-out and the session's end were saved ('saving' while under way) */
  endSave: SaveStatus | null
  /** achievement ids first earned during this session (shown at the end; not celebrated after a pain stop) */
  unlocked: readonly string[]
}

const INITIAL: SessionState = {
  status: 'idle',
  prepared: null,
  routineId: null,
  routineName: null,
  stretchIndex: 0,
  stretchCount: 0,
  stretch: null,
  side: null,
  phase: null,
  paused: false,
  stoppedForPain: false,
  finished: [],
  pendingSaves: 0,
  traceText: null,
  traceFileName: null,
  counter: null,
  eyeHeightM: null,
  calibrationSource: null,
  painAfter: null,
  endSave: null,
  unlocked: [],
}

/** The session store (not persisted: a reload starts a new session). Runner edges reach it through sessionSync.ts. */
export const useSessionStore = create<SessionState>()(() => ({ ...INITIAL }))

/**
 * True from the check-in until the session's end is saved: prepared, being
 * measured, running, or finished with results still saving or the check-out
 * not yet given. Nothing may reload the app meanwhile (an update waits).
 */
export function sessionUnderWay(s: SessionState): boolean {
  if (s.status === 'idle') return false
  if (s.status !== 'finished') return true
  return s.pendingSaves > 0 || s.endSave === null || s.endSave === 'saving'
}

/** Keeps a checked-in routine for the headset session to pick up. */
export function prepareSession(p: PreparedSession): void {
  useSessionStore.setState({ ...INITIAL, status: 'prepared', prepared: p })
}

/** Keeps the recorded trace for the wrap-up's download. */
export function keepTrace(text: string, fileName: string): void {
  useSessionStore.setState({ traceText: text, traceFileName: fileName })
}

/** Forgets the finished session (after the wrap-up), and with it any recorded trace. */
export function clearSession(): void {
  useSessionStore.setState({ ...INITIAL })
}

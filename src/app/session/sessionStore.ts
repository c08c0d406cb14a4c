/**
 * The live session's store (tier 2 of STYLE.md): what the UI shows about the
 * routine — which stretch, which side, which phase, what was saved — written
 * only on edges, and only the fields that changed. Per-frame values (hold
 * time, range, stability) stay in the engine's `live` object.
 */
import { create } from 'zustand'
import type { Phase } from '../../core/phase.ts'
import type { StretchId } from '../../core/stretches.ts'
import type { SaveStatus } from './runner.ts'

/** A routine the user chose and checked in for, waiting for the headset session to start. */
export interface PreparedSession {
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

/** One finished stretch as the wrap-up lists it. */
export interface FinishedSummary {
  stretch: StretchId
  score: number
  completed: boolean
  pain: boolean
  save: SaveStatus
  message: string | null
}

/** The session store's state. */
export interface SessionState {
  /** idle: nothing chosen; prepared: checked in, headset not started; running; finished: wrap-up due */
  status: 'idle' | 'prepared' | 'running' | 'finished'
  prepared: PreparedSession | null
  routineId: string | null
  stretchIndex: number
  stretchCount: number
  stretch: StretchId | null
  side: 'left' | 'right' | 'both' | null
  phase: Phase
  stoppedForPain: boolean
  finished: readonly FinishedSummary[]
  /** finished stretches whose save has not settled */
  pendingSaves: number
  /** the recorded trace as text, when the user asked to record (kept in memory only) */
  traceText: string | null
  traceFileName: string | null
  /** why no routine runs in the headset (e.g. the red flags were never read), or null */
  blockedMessage: string | null
  /** the real counter's height (m) measured from the hands at cat-cow, for the virtual counter; null until known */
  counterHeightM: number | null
}

const INITIAL: SessionState = {
  status: 'idle',
  prepared: null,
  routineId: null,
  stretchIndex: 0,
  stretchCount: 0,
  stretch: null,
  side: null,
  phase: 'demonstrate',
  stoppedForPain: false,
  finished: [],
  pendingSaves: 0,
  traceText: null,
  traceFileName: null,
  blockedMessage: null,
  counterHeightM: null,
}

/** The session store (not persisted: a reload starts a new session). Runner edges reach it through sessionSync.ts. */
export const useSessionStore = create<SessionState>()(() => ({ ...INITIAL }))

/** Keeps a checked-in routine for the headset session to pick up. */
export function prepareSession(p: PreparedSession): void {
  useSessionStore.setState({ ...INITIAL, status: 'prepared', prepared: p })
}

/** Keeps the recorded trace for the wrap-up's download. */
export function keepTrace(text: string, fileName: string): void {
  useSessionStore.setState({ traceText: text, traceFileName: fileName })
}

/** Says why the headset cannot run a routine now (null clears it). */
export function setBlockedMessage(message: string | null): void {
  if (useSessionStore.getState().blockedMessage !== message)
    useSessionStore.setState({ blockedMessage: message })
}

/** Forgets the finished session (after the wrap-up), and with it any recorded trace. */
export function clearSession(): void {
  useSessionStore.setState({ ...INITIAL })
}

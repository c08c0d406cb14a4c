/**
 * The live session's store (tier 2 of STYLE.md): what the UI shows about the
 * routine — which stretch, which side, which phase, what was saved — written
 * only on edges, and only the fields that changed. Per-frame values (hold
 * time, range, stability) stay in the engine's `live` object.
 */
import { create } from 'zustand'
import type { Phase } from '../../core/phase.ts'
import type { StretchId } from '../../core/stretches.ts'
import {
  currentSide,
  currentStretch,
  type FinishedStretch,
  type SaveStatus,
  type SessionRunner,
} from './runner.ts'

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

/** The session store (not persisted: a reload starts a new session). */
export const useSessionStore = create<SessionState>()(() => ({ ...INITIAL }))

function summaryOf(f: FinishedStretch): FinishedSummary {
  return {
    stretch: f.stretch,
    score: f.result.score,
    completed: f.result.completed,
    pain: f.result.pain,
    save: f.save,
    message: f.message,
  }
}

function sameSummary(a: FinishedSummary | undefined, b: FinishedSummary): boolean {
  return (
    a !== undefined &&
    a.stretch === b.stretch &&
    a.score === b.score &&
    a.completed === b.completed &&
    a.pain === b.pain &&
    a.save === b.save &&
    a.message === b.message
  )
}

/** Copies the runner's edge state into the store: only the fields that changed, in one update. */
export function syncSessionStore(r: SessionRunner): void {
  const s = useSessionStore.getState()
  const patch: Partial<SessionState> = {}
  let changed = false
  const status = r.finished ? 'finished' : 'running'
  if (s.status !== status) {
    patch.status = status
    changed = true
  }
  if (s.routineId !== r.options.routine.id) {
    patch.routineId = r.options.routine.id
    patch.stretchCount = r.options.routine.stretches.length
    changed = true
  }
  if (s.stretchIndex !== r.stretchIndex) {
    patch.stretchIndex = r.stretchIndex
    changed = true
  }
  const stretch = currentStretch(r)
  if (s.stretch !== stretch) {
    patch.stretch = stretch
    changed = true
  }
  const side = currentSide(r)
  if (s.side !== side) {
    patch.side = side
    changed = true
  }
  if (s.phase !== r.phase) {
    patch.phase = r.phase
    changed = true
  }
  if (s.stoppedForPain !== r.stoppedForPain) {
    patch.stoppedForPain = r.stoppedForPain
    changed = true
  }
  if (s.counterHeightM !== r.counterHeightM) {
    patch.counterHeightM = r.counterHeightM
    changed = true
  }
  if (s.pendingSaves !== r.pendingSaves) {
    patch.pendingSaves = r.pendingSaves
    changed = true
  }
  const list = r.finishedStretches
  let listChanged = list.length !== s.finished.length
  for (let i = 0; !listChanged && i < list.length; i++) {
    if (!sameSummary(s.finished[i], summaryOf(list[i]!))) listChanged = true
  }
  if (listChanged) {
    patch.finished = list.map(summaryOf)
    changed = true
  }
  if (changed) useSessionStore.setState(patch)
}

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

/**
 * Copies the runner's edge state into the session store: only the fields
 * that changed, in one update. Kept apart from the store so the home page,
 * which reads the store, does not load the runner and the scoring engine.
 */
import { STRETCHES } from '../../core/stretches.ts'
import {
  currentSide,
  currentStretch,
  type FinishedStretch,
  type SessionRunner,
} from '../../core/session/runner.ts'
import {
  useSessionStore,
  type FinishedSide,
  type FinishedSummary,
  type SessionState,
} from './sessionStore.ts'

function summaryOf(f: FinishedStretch, r: SessionRunner): FinishedSummary {
  const sides: FinishedSide[] = []
  for (const side of ['both', 'left', 'right'] as const) {
    const s = f.result.sides[side]
    if (s)
      sides.push({
        side,
        holdSeconds: s.holdSeconds,
        reps: s.reps,
        range: s.range,
        stability: s.stability,
        score: s.score,
      })
  }
  const dose = STRETCHES[f.stretch].dose
  return {
    stretch: f.stretch,
    score: f.result.score,
    completed: f.result.completed,
    pain: f.result.pain,
    sides,
    targetHoldSeconds: dose.kind === 'hold' ? (r.options.holdSeconds ?? dose.holdSeconds) : null,
    targetReps: dose.kind === 'reps' ? dose.reps : null,
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
    a.message === b.message &&
    a.sides.length === b.sides.length
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
  if (
    s.routineId !== r.options.routine.id ||
    s.stretchCount !== r.options.routine.stretches.length
  ) {
    patch.routineId = r.options.routine.id
    patch.routineName = r.options.routine.name
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
  if (s.paused !== r.paused) {
    patch.paused = r.paused
    changed = true
  }
  if (s.stoppedForPain !== r.stoppedForPain) {
    patch.stoppedForPain = r.stoppedForPain
    changed = true
  }
  if (s.counter !== r.counter) {
    patch.counter = r.counter
    changed = true
  }
  if (s.pendingSaves !== r.pendingSaves) {
    patch.pendingSaves = r.pendingSaves
    changed = true
  }
  const list = r.finishedStretches
  let listChanged = list.length !== s.finished.length
  for (let i = 0; !listChanged && i < list.length; i++) {
    if (!sameSummary(s.finished[i], summaryOf(list[i]!, r))) listChanged = true
  }
  if (listChanged) {
    patch.finished = list.map((f) => summaryOf(f, r))
    changed = true
  }
  if (changed) useSessionStore.setState(patch)
}

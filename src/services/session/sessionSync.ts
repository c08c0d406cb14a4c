/**
 * Copies the runner's edge state into the session store. Kept apart from the
 * store so the home page, which reads the store, does not load the runner and
 * the scoring engine.
 */
import { currentSide, currentStretch, type FinishedStretch, type SessionRunner } from '../../core/session/runner.ts'
import { useSessionStore, type FinishedSummary, type SessionState } from './sessionStore.ts'

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

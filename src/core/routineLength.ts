/**
 * How long a routine takes and what it holds, in the words shown under each
 * routine on the home page and live while the user builds their own.
 */
import { estimatedSeconds, STRETCHES, type Routine } from './stretches.ts'

/** Whole minutes a routine takes at this hold, at least 1. */
export function routineMinutes(routine: Pick<Routine, 'stretches'>, holdSeconds?: number): number {
  let seconds = 0
  for (const id of routine.stretches) seconds += estimatedSeconds(id, holdSeconds)
  return Math.max(1, Math.round(seconds / 60))
}

/** What a routine holds, for the line under its radio: "About 9 min: Child's pose, Cat-cow, …". */
export function routineSummary(routine: Pick<Routine, 'stretches'>, holdSeconds?: number): string {
  const names = routine.stretches.map((id) => STRETCHES[id].name).join(', ')
  return `About ${routineMinutes(routine, holdSeconds)} min: ${names}`
}

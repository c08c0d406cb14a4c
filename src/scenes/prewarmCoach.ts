/**
 * Solves the coach's keyframes ahead of need, one per task: the first demonstration
 * of a stretch solves all of its keyframes at once (up to ~140 ms for the supine
 * twist here, more on a busy machine), which would block the page when the replay's
 * playhead first enters that stretch, or stall a headset frame when the routine
 * reaches it. Solved keyframes are cached by the coach code, so the timeline is then
 * built in a few milliseconds.
 */
import {
  getStretchKeyframe,
  STRETCH_KEYFRAMES,
  TRANSITION_KEYFRAMES,
} from '../core/coach/keyframes.ts'
import type { StretchId } from '../core/stretches.ts'

/** Starts solving the keyframes of `stretches` (first ones first); returns a stop. */
export function prewarmCoach(stretches: readonly StretchId[]): () => void {
  const jobs: (() => void)[] = []
  for (const id of stretches) {
    for (const side of ['left', 'right'] as const) {
      for (const name of TRANSITION_KEYFRAMES) jobs.push(() => getStretchKeyframe(id, side, name))
      for (const name of STRETCH_KEYFRAMES[id]) jobs.push(() => getStretchKeyframe(id, side, name))
    }
  }
  let timer: ReturnType<typeof setTimeout> | null = null
  let next = 0
  const step = (): void => {
    const job = jobs[next++]
    if (!job) return
    job()
    timer = setTimeout(step, 0)
  }
  timer = setTimeout(step, 0)
  return () => {
    if (timer !== null) clearTimeout(timer)
    next = jobs.length
  }
}

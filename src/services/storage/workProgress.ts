/**
 * Long storage work under way (checking a backup, saving an import, reading
 * a large history), for the page to show "Checking 40,000 of 100,000
 * records…". A store of its own, so its frequent updates re-render only the
 * line that shows them.
 */
import { create } from 'zustand'

/** What is being done, and how far it has come. */
export interface WorkProgress {
  step: 'checking' | 'saving' | 'reading'
  done: number
  total: number
}

/** The work under way, or null. */
export const useWorkProgress = create<{ work: WorkProgress | null }>()(() => ({ work: null }))

/** Reports progress (null when the work is over). */
export function reportWork(work: WorkProgress | null): void {
  useWorkProgress.setState({ work })
}

const VERB: Record<WorkProgress['step'], string> = {
  checking: 'Checking',
  saving: 'Saving',
  reading: 'Reading your history:',
}

/** "Checking 40,000 of 100,000 records…" */
export function describeWork(work: WorkProgress): string {
  const n = (x: number) => x.toLocaleString('en-GB')
  return `${VERB[work.step]} ${n(work.done)} of ${n(work.total)} records…`
}

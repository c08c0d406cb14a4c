import { describeWork, useWorkProgress } from '../../services/storage/workProgress.ts'

/** "Checking 40,000 of 100,000 records…" while a large import or history is being handled. */
export function WorkLine({ steps }: { steps: readonly ('checking' | 'saving' | 'reading')[] }) {
  const work = useWorkProgress((s) => s.work)
  if (!work || !steps.includes(work.step)) return null
  return (
    // Not a live region: it changes many times a second; the finished import is announced.
    <p className="work-line" data-testid="work-progress" data-step={work.step}>
      {describeWork(work)}{' '}
      <progress max={work.total} value={work.done} aria-label={describeWork(work)} />
    </p>
  )
}

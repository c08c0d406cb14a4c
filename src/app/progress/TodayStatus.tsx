import { useMemo } from 'react'
import { computeStreaks } from '../../core/history/streak.ts'
import { PendingCelebrations } from './PendingCelebrations.tsx'
import { StreakSummary } from './StreakSummary.tsx'
import { TodayStatusLoading } from './TodayStatusLoading.tsx'
import { useLoadedProgress } from './useLoadedProgress.ts'
import './progress.css'

/**
 * The home page's look at today: the streak and whether today counts yet, new
 * achievements after a session, and a pointer to the progress view when part
 * of the history needs the user's attention. A chunk of its own (storage).
 */
export default function TodayStatus() {
  const { view, at, zone } = useLoadedProgress()
  const report = useMemo(() => computeStreaks(view.history, at, zone), [view.history, at, zone])
  if (view.status === 'loading') return <TodayStatusLoading />
  const trouble = view.loadError !== null || view.quarantined > 0 || view.storeWarning !== null
  return (
    <div className="today-status" data-testid="today-status" data-ready="true">
      <StreakSummary report={report} compact />
      {trouble && (
        <p className="message warn" data-testid="today-trouble">
          Part of your history needs a look: see <a href="#/progress">Progress</a>.
        </p>
      )}
      <PendingCelebrations unlocks={view.unlocks} />
    </div>
  )
}

import { useMemo } from 'react'
import { ACHIEVEMENTS, buildAchievementContext } from '../../core/history/achievements.ts'
import { computeStreaks } from '../../core/history/streak.ts'
import { AchievementGallery } from './AchievementGallery.tsx'
import { DataControls } from './DataControls.tsx'
import { PainCheckIn } from './PainCheckIn.tsx'
import { PendingCelebrations } from './PendingCelebrations.tsx'
import { SessionList } from './SessionList.tsx'
import { StreakCalendar } from './StreakCalendar.tsx'
import { StoreWarning } from './StoreWarning.tsx'
import { StreakSummary } from './StreakSummary.tsx'
import { TrendWeeks } from './TrendWeeks.tsx'
import { useLoadedProgress } from './useLoadedProgress.ts'
import { WorkLine } from './WorkLine.tsx'
import './progress.css'

/** The progress view's content (#/progress): streak, calendar, achievements, charts, sessions, data controls. */
export default function ProgressView() {
  const { view, at, zone } = useLoadedProgress()
  const report = useMemo(() => computeStreaks(view.history, at, zone), [view.history, at, zone])
  const earned = useMemo(() => {
    const ctx = buildAchievementContext(view.history, report)
    return new Set(ACHIEVEMENTS.filter((a) => a.earned(ctx)).map((a) => a.id))
  }, [view.history, report])
  const available = view.status === 'ready'

  return (
    <section
      className="progress"
      aria-labelledby="progress-title"
      data-testid="progress"
      data-ready={view.status === 'loading' ? undefined : 'true'}
      data-status={view.status}
      aria-busy={view.status === 'loading'}
    >
      <h1 id="progress-title">Your progress</h1>
      {view.status === 'loading' && (
        <>
          <p>Loading your history…</p>
          <WorkLine steps={['reading']} />
        </>
      )}
      {view.loadError && (
        <p role="alert" className="message error" data-testid="store-error">
          {view.loadError}
        </p>
      )}
      {view.storeWarning && <StoreWarning text={view.storeWarning} />}
      {view.quarantined > 0 && (
        <p className="message warn" data-testid="quarantine-note">
          {view.quarantined} record{view.quarantined === 1 ? ' was' : 's were'} set aside and kept
          apart (damaged, or dated ahead of this device&apos;s clock); the rest of your history is
          intact and nothing was overwritten.
        </p>
      )}
      <p
        className="message-live"
        role="status"
        aria-live="polite"
        data-testid="notice"
        data-kind={view.notice?.kind}
      >
        {view.notice && view.notice.kind !== 'error' ? view.notice.text : ''}
      </p>
      <div role="alert" className="message-alert" data-testid="save-error">
        {view.notice?.kind === 'error' ? <p className="message error">{view.notice.text}</p> : null}
      </div>
      <PendingCelebrations unlocks={view.unlocks} />

      <div className="progress-top">
        <StreakSummary report={report} />
        <PainCheckIn available={available} />
      </div>

      <h2 id="calendar-title">Calendar</h2>
      <StreakCalendar report={report} />

      <h2 id="achievements-title">Achievements</h2>
      <AchievementGallery earned={earned} unlocks={view.unlocks} bestStreak={report.best} />

      <h2 id="trends-title">Trends over weeks</h2>
      <TrendWeeks history={view.history} />

      <h2 id="sessions-title">Sessions</h2>
      <SessionList history={view.history} />

      <h2 id="data-title">Your data</h2>
      <DataControls history={view.history} available={available} />
    </section>
  )
}

import { STRETCHES_FOR_COUNTED_DATE, type StreakReport } from '../../core/history/streak.ts'

/** The streak, its best, and whether it is at risk today; compact (the home page): without the best and today's count. */
export function StreakSummary({
  report,
  compact = false,
}: {
  report: StreakReport
  compact?: boolean
}) {
  const left = Math.max(0, STRETCHES_FOR_COUNTED_DATE - report.todayStretches)
  let status: string
  let tone: 'ok' | 'risk' | 'idle'
  if (report.todayCounted) {
    status = 'Today counts. Well done.'
    tone = 'ok'
  } else if (report.atRisk) {
    status = `At risk: complete ${left} more different stretch${left === 1 ? '' : 'es'} today to keep it. Today never breaks it; it ends only if today passes uncounted.`
    tone = 'risk'
  } else if (report.best > 0) {
    status = 'Your last streak ended. Five different stretches today start a new one.'
    tone = 'idle'
  } else {
    status = 'Complete five different stretches on one day to start a streak.'
    tone = 'idle'
  }
  return (
    <div
      className={`streak streak-${tone}`}
      data-testid="streak"
      data-at-risk={report.atRisk ? 'true' : 'false'}
    >
      <p className="streak-count">
        <span className="streak-number" data-testid="streak-current">
          {report.current}
        </span>{' '}
        <span className="streak-unit">day streak</span>
      </p>
      <p className="streak-status">{status}</p>
      {!compact && (
        <p className="streak-best">
          Best streak: {report.best} day{report.best === 1 ? '' : 's'} · today:{' '}
          {report.todayStretches} different stretch{report.todayStretches === 1 ? '' : 'es'} done (
          {STRETCHES_FOR_COUNTED_DATE} make the day count)
        </p>
      )}
    </div>
  )
}

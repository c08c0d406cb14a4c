import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react'
import type { History } from '../../core/history/records.ts'
import { TREND_WINDOW_WEEKS, trendWindow, weeklySums } from '../../core/history/trends.ts'
import { longDate } from './format.ts'

// uPlot is loaded only when there is something to chart.
const TrendCharts = lazy(() => import('./TrendCharts.tsx'))

/**
 * Trends over weeks: the charts and the table of their numbers, a window of
 * at most 26 weeks at a time with buttons to step to older and newer weeks
 * (over empty stretches in one step), so no history makes them large.
 */
export function TrendWeeks({ history }: { history: History }) {
  // Summed in a render of its own after the rest of the page, so a large history never blocks it.
  const deferred = useDeferredValue(history)
  const sums = useMemo(() => weeklySums(deferred), [deferred])
  // null: the latest weeks (and new data shows as it arrives).
  const [end, setEnd] = useState<string | null>(null)
  const view = useMemo(() => trendWindow(sums, end), [sums, end])
  if (view.weeks.length === 0)
    return <p>Charts of your score, range and pain appear after your first stretches.</p>
  const first = view.weeks[0]!.weekStart
  const last = view.weeks[view.weeks.length - 1]!.weekStart
  const span = `${longDate(first)} to ${longDate(last)}`
  const pager =
    view.older || view.newer ? (
      <div className="pager" role="group" aria-label="Weeks shown">
        <button
          type="button"
          className="button secondary small"
          disabled={!view.older}
          onClick={() => setEnd(view.older)}
        >
          ← Older weeks
        </button>{' '}
        <span className="pager-span" data-testid="trend-span">
          Weeks of {span}
        </span>{' '}
        <button
          type="button"
          className="button secondary small"
          disabled={!view.newer}
          onClick={() => setEnd(view.newer)}
        >
          Newer weeks →
        </button>
      </div>
    ) : null
  return (
    <>
      {pager}
      <Suspense fallback={<p>Loading charts…</p>}>
        <TrendCharts weeks={view.weeks} />
      </Suspense>
      <details className="trend-table">
        <summary>The numbers behind the charts</summary>
        <table data-testid="trend-table">
          <caption>
            Weekly means, weeks of {span}
            {view.older || view.newer ? ` (at most ${TREND_WINDOW_WEEKS} weeks at a time)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Measured stretches</th>
              <th scope="col">Score</th>
              <th scope="col">Range %</th>
              <th scope="col">Pain</th>
            </tr>
          </thead>
          <tbody>
            {view.weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{longDate(w.weekStart)}</th>
                <td>{w.stretches}</td>
                <td>{w.score ?? '–'}</td>
                <td>{w.rangePct ?? '–'}</td>
                <td>{w.pain ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  )
}

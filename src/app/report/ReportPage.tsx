import { useMemo, useState } from 'react'
import {
  buildReport,
  defaultPeriod,
  periodProblem,
  type Report,
} from '../../core/history/report.ts'
import { effectiveToday } from '../../core/history/today.ts'
import { downloadText } from '../progress/download.ts'
import { useLoadedProgress } from '../progress/useLoadedProgress.ts'
import { ReportDocument } from './ReportDocument.tsx'
import './report.css'

/** A period named in the address (#/report?from=YYYY-MM-DD&to=YYYY-MM-DD), if any. */
function periodFromHash(): { from: string; to: string } | null {
  const q = window.location.hash.split('?')[1]
  if (!q) return null
  const p = new URLSearchParams(q)
  const from = p.get('from')
  const to = p.get('to')
  return from && to && periodProblem(from, to) === null ? { from, to } : null
}

/** The physiotherapist's report (#/report): a period, the report for it, print and download. */
export default function ReportPage() {
  const { view, at, zone } = useLoadedProgress()
  const today = effectiveToday(view.history, at, zone)
  // The period shown: the last valid one the user chose, else the last four weeks ending today.
  const [chosen, setChosen] = useState(periodFromHash)
  const period = chosen ?? defaultPeriod(today)
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null)
  const inputs = draft ?? period
  const problem = draft ? periodProblem(draft.from, draft.to) : null
  const ready = view.status !== 'loading'

  const report: Report | null = useMemo(
    () => (ready ? buildReport(view.history, period.from, period.to, zone, at) : null),
    [ready, view.history, period.from, period.to, zone, at],
  )

  const edit = (next: { from: string; to: string }) => {
    setDraft(next)
    // A period that cannot be reported on changes nothing but the message.
    if (periodProblem(next.from, next.to) === null) setChosen(next)
  }

  const download = async () => {
    if (!report) return
    // The static renderer is loaded only when a file is asked for.
    const { reportHtml, reportFileName } = await import('./reportHtml.ts')
    downloadText(reportFileName(report), reportHtml(report), 'text/html;charset=utf-8')
  }

  return (
    <main
      className="report-page"
      data-testid="report-page"
      data-ready={report ? 'true' : undefined}
      aria-busy={!ready}
    >
      <div className="report-controls">
        <a className="button secondary" href="#/progress">
          ← Progress
        </a>
        <label>
          First date
          <input
            type="date"
            value={inputs.from}
            onChange={(e) => edit({ from: e.target.value, to: inputs.to })}
          />
        </label>
        <label>
          Last date
          <input
            type="date"
            value={inputs.to}
            onChange={(e) => edit({ from: inputs.from, to: e.target.value })}
          />
        </label>
        <button type="button" className="button" disabled={!report} onClick={() => window.print()}>
          Print or save as PDF
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={!report}
          onClick={() => void download()}
        >
          Download report (HTML)
        </button>
        {problem && (
          <p role="alert" className="report-error" data-testid="report-period-error">
            {problem}
          </p>
        )}
      </div>
      {view.loadError && (
        <p role="alert" className="message error">
          {view.loadError}
        </p>
      )}
      {!ready && <p>Loading your history…</p>}
      {report && <ReportDocument report={report} />}
    </main>
  )
}

import type { OutcomeCounts, Report, ReportSide, ReportStretch } from '../../core/history/report.ts'
import { shortDate } from '../../core/history/report.ts'
import { PainChart } from './PainChart.tsx'

// The report itself, rendered from the report object alone: the page shows it,
// and the downloaded HTML file is this component's static markup.

const DASH = '—'

function sideName(side: ReportSide['side']): string {
  return side === 'both' ? 'Both sides together' : side === 'left' ? 'Left' : 'Right'
}

function amount(v: number | null, unit: ReportSide['unit']): string {
  if (v === null) return DASH
  return unit === 'seconds' ? `${v} s` : `${v} reps`
}

function percent(v: number | null): string {
  return v === null ? DASH : `${v} %`
}

function pain(v: number | null): string {
  return v === null ? DASH : String(v)
}

function outcomes(c: OutcomeCounts): string {
  if (c.total === 0) return 'none'
  const parts = [`${c.completed} done`]
  if (c.partial > 0) parts.push(`${c.partial} partly`)
  if (c.skipped > 0) parts.push(`${c.skipped} skipped`)
  if (c.stoppedForPain > 0) parts.push(`${c.stoppedForPain} stopped for pain`)
  return `${c.total} (${parts.join(', ')})`
}

function targetWords(side: ReportSide): string {
  if (side.targets.length === 0) return DASH
  return side.targets.map((t) => (t === 'not recorded' ? 'target not recorded' : t)).join(', ')
}

function StretchSection({ s }: { s: ReportStretch }) {
  const measuredSides = s.sides.filter((x) => x.measured > 0)
  const weeks = measuredSides[0]?.weeks ?? []
  return (
    <section className="report-stretch" data-stretch={s.stretch}>
      <h3>{s.name}</h3>
      <p className="report-note">
        Measured in the headset: {outcomes(s.measured)}. Followed on the desktop:{' '}
        {outcomes(s.desktop)}.
      </p>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">Side</th>
            <th scope="col">Target</th>
            <th scope="col">Achieved (mean)</th>
            <th scope="col">Best</th>
            <th scope="col">Target reached</th>
            <th scope="col">Range</th>
            <th scope="col">Steadiness</th>
            <th scope="col">Done on desktop</th>
          </tr>
        </thead>
        <tbody>
          {s.sides.map((side) => (
            <tr key={side.side} data-stretch={s.stretch} data-side={side.side}>
              <th scope="row">{sideName(side.side)}</th>
              <td data-field="target">{targetWords(side)}</td>
              <td data-field="achieved">{amount(side.achieved, side.unit)}</td>
              <td data-field="best">{amount(side.best, side.unit)}</td>
              <td data-field="reached">
                {side.withTarget === 0 ? DASH : `${side.reachedTarget} of ${side.withTarget}`}
              </td>
              <td data-field="range">{percent(side.rangePct)}</td>
              <td data-field="steadiness">{percent(side.steadinessPct)}</td>
              <td data-field="desktop">{side.desktopDone}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {measuredSides.length > 0 && (
        <table className="report-table report-weeks">
          <caption>
            Week by week, as measured:{' '}
            {measuredSides[0]!.unit === 'seconds' ? 'hold' : 'repetitions'} (mean), range,
            steadiness
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Week starting
              </th>
              {measuredSides.map((side) => (
                <th key={side.side} scope="colgroup" colSpan={3}>
                  {sideName(side.side)}
                </th>
              ))}
            </tr>
            <tr>
              {measuredSides.map((side) => [
                <th key={`${side.side}-a`} scope="col">
                  {side.unit === 'seconds' ? 'Hold' : 'Reps'}
                </th>,
                <th key={`${side.side}-r`} scope="col">
                  Range
                </th>,
                <th key={`${side.side}-s`} scope="col">
                  Steadiness
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {weeks.map((w, i) => (
              <tr key={w.weekStart} data-week={w.weekStart}>
                <th scope="row">{shortDate(w.weekStart, true)}</th>
                {measuredSides.map((side) => {
                  const sw = side.weeks[i]!
                  return [
                    <td key={`${side.side}-a`} data-side={side.side} data-field="achieved">
                      {amount(sw.achieved, side.unit)}
                    </td>,
                    <td key={`${side.side}-r`} data-side={side.side} data-field="range">
                      {percent(sw.rangePct)}
                    </td>,
                    <td key={`${side.side}-s`} data-side={side.side} data-field="steadiness">
                      {percent(sw.steadinessPct)}
                    </td>,
                  ]
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** The report for a period, as a printable document. */
export function ReportDocument({ report }: { report: Report }) {
  const a = report.adherence
  return (
    <article
      className="report-doc"
      data-testid="report"
      data-from={report.from}
      data-to={report.to}
    >
      <header>
        <h1>StretchCoach XR: stretching report</h1>
        <p className="report-period">
          {shortDate(report.from, true)} to {shortDate(report.to, true)} · made on{' '}
          {shortDate(report.today, true)} from the history kept on this device
        </p>
      </header>
      <p className="report-summary" data-testid="report-summary">
        {report.summary}
      </p>

      <section className="report-block" aria-labelledby="r-adherence">
        <h2 id="r-adherence">Adherence</h2>
        <table className="report-table report-facts" data-testid="report-adherence">
          <tbody>
            <tr data-fact="counted">
              <th scope="row">Days counted (5 or more different stretches)</th>
              <td>
                {a.counted} of {a.periodDays}
                {a.daysSoFar < a.periodDays ? ` (${a.daysSoFar} so far)` : ''}
                {a.doubles > 0 ? `; ${a.doubles} with all ten` : ''}
              </td>
            </tr>
            <tr data-fact="other-days">
              <th scope="row">Other days with stretches</th>
              <td>
                {a.partial} not counted; {a.frozen} kept by a pain freeze
              </td>
            </tr>
            <tr data-fact="streak">
              <th scope="row">
                {a.currentIsToday ? 'Current streak' : 'Streak at the end of the period'}
              </th>
              <td>{a.currentStreak} days</td>
            </tr>
            <tr data-fact="best-streak">
              <th scope="row">Longest streak in the period</th>
              <td>{a.bestStreak} days</td>
            </tr>
            <tr data-fact="sessions">
              <th scope="row">Sessions</th>
              <td>
                {a.sessions.total} ({a.sessions.headset} in the headset, {a.sessions.desktop} on the
                desktop)
              </td>
            </tr>
            <tr data-fact="measured">
              <th scope="row">Stretches measured in the headset</th>
              <td>{outcomes(a.measured)}</td>
            </tr>
            <tr data-fact="desktop">
              <th scope="row">Stretches followed on the desktop (not measured)</th>
              <td>{outcomes(a.desktop)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section className="report-block" aria-labelledby="r-stretches">
        <h2 id="r-stretches">Each stretch, side by side</h2>
        <p className="report-note">
          Range: how far into the target position (100 % = the target). Steadiness: 100 % with 1 mm
          or less of shaking, 0 % with 20 mm. Means over the attempts measured in the headset
          (completed or partly done); stretches stopped for pain or skipped enter no mean. Stretches
          followed on the desktop are counted but nothing was measured.
        </p>
        {report.stretches.length === 0 ? (
          <p>No stretches in this period.</p>
        ) : (
          report.stretches.map((s) => <StretchSection key={s.stretch} s={s} />)
        )}
      </section>

      <section className="report-block" aria-labelledby="r-painstops">
        <h2 id="r-painstops">Stretches stopped for pain</h2>
        {report.painStops.length === 0 ? (
          <p data-testid="report-painstops">None in this period.</p>
        ) : (
          <table className="report-table" data-testid="report-painstops">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Time</th>
                <th scope="col">Stretch</th>
                <th scope="col">Side</th>
                <th scope="col">Where</th>
              </tr>
            </thead>
            <tbody>
              {report.painStops.map((p, i) => (
                <tr key={i} data-painstop={p.stretch} data-date={p.date}>
                  <td>{shortDate(p.date, true)}</td>
                  <td>
                    {p.time} <span className="report-zone">{p.timeZone}</span>
                  </td>
                  <td>{p.name}</td>
                  <td>{p.side ?? DASH}</td>
                  <td>{p.source === 'headset' ? 'headset' : 'desktop'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="report-block" aria-labelledby="r-pain">
        <h2 id="r-pain">Pain before and after sessions</h2>
        {report.sessions.length === 0 ? (
          <p>No sessions in this period.</p>
        ) : (
          <>
            <div className="report-figure">
              <PainChart weeks={report.painWeeks} />
            </div>
            <table className="report-table" data-testid="report-pain-weeks">
              <caption>Weekly means (0 = no pain, 10 = worst)</caption>
              <thead>
                <tr>
                  <th scope="col">Week starting</th>
                  <th scope="col">Sessions</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {report.painWeeks.map((w) => (
                  <tr key={w.weekStart} data-week={w.weekStart}>
                    <th scope="row">{shortDate(w.weekStart, true)}</th>
                    <td>{w.sessions}</td>
                    <td data-field="before">{pain(w.before)}</td>
                    <td data-field="after">{pain(w.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="report-table" data-testid="report-sessions">
              <caption>Every session</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Time</th>
                  <th scope="col">Routine</th>
                  <th scope="col">Where</th>
                  <th scope="col">Pain before</th>
                  <th scope="col">Pain after</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {report.sessions.map((s) => (
                  <tr key={s.id} data-session={s.id}>
                    <td>{shortDate(s.date, true)}</td>
                    <td>{s.time}</td>
                    <td>
                      {s.routine}
                      {s.stoppedForPain ? ' (stopped for pain)' : ''}
                    </td>
                    <td>{s.source}</td>
                    <td data-field="before">{pain(s.painBefore)}</td>
                    <td data-field="after">{pain(s.painAfter)}</td>
                    <td data-field="change">
                      {s.painBefore !== null && s.painAfter !== null
                        ? s.painAfter - s.painBefore > 0
                          ? `+${s.painAfter - s.painBefore}`
                          : String(s.painAfter - s.painBefore).replace('-', '−')
                        : DASH}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <footer className="report-note">
        Dates and times are local where each stretch or session happened. Made by StretchCoach XR on
        this device; nothing was sent anywhere.
      </footer>
    </article>
  )
}

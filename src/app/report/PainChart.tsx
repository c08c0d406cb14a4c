import type { ReportPainWeek } from '../../core/history/report.ts'
import { shortDate } from '../../core/history/report.ts'

// Drawn for paper: static SVG, black on white, the two series told apart by
// line style and marker shape (not colour), every point labelled with its number.
const W = 640
const H = 250
const LEFT = 44
const RIGHT = 16
const TOP = 16
const BOTTOM = 64
const PLOT_W = W - LEFT - RIGHT
const PLOT_H = H - TOP - BOTTOM

function y(pain: number): number {
  return Math.round((TOP + PLOT_H - (pain / 10) * PLOT_H) * 10) / 10
}

/** Pain before and after sessions, the week's mean, week by week (0–10). */
export function PainChart({ weeks }: { weeks: ReportPainWeek[] }) {
  // Each week gets a band; its point sits in the middle (one week is one centred point).
  const band = PLOT_W / Math.max(1, weeks.length)
  const x = (i: number) => LEFT + band * (i + 0.5)
  const path = (key: 'before' | 'after') => {
    let d = ''
    let pen = false
    weeks.forEach((w, i) => {
      const v = w[key]
      if (v === null) {
        pen = false
        return
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `
      pen = true
    })
    return d.trim()
  }
  // Label every week when they fit, else every other one.
  const labelEvery = weeks.length > 14 ? Math.ceil(weeks.length / 14) : 1
  return (
    <svg
      className="report-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby="pain-chart-title"
      data-testid="pain-chart"
    >
      <title id="pain-chart-title">
        Pain before and after sessions, mean of each week, 0 (none) to 10
      </title>
      {[0, 2, 4, 6, 8, 10].map((p) => (
        <g key={p}>
          <line x1={LEFT} x2={W - RIGHT} y1={y(p)} y2={y(p)} stroke="#bbb" strokeWidth={0.5} />
          <text x={LEFT - 6} y={y(p) + 4} textAnchor="end" fontSize={11}>
            {p}
          </text>
        </g>
      ))}
      <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + PLOT_H} stroke="#000" />
      <line x1={LEFT} x2={W - RIGHT} y1={TOP + PLOT_H} y2={TOP + PLOT_H} stroke="#000" />
      <text
        x={12}
        y={TOP + PLOT_H / 2}
        fontSize={11}
        textAnchor="middle"
        transform={`rotate(-90 12 ${TOP + PLOT_H / 2})`}
      >
        Pain (0–10)
      </text>
      {weeks.map((w, i) =>
        i % labelEvery === 0 ? (
          <text key={w.weekStart} x={x(i)} y={TOP + PLOT_H + 16} fontSize={11} textAnchor="middle">
            {shortDate(w.weekStart)}
          </text>
        ) : null,
      )}
      <text x={LEFT + PLOT_W / 2} y={TOP + PLOT_H + 32} fontSize={11} textAnchor="middle">
        Week starting (Monday)
      </text>
      <path d={path('before')} fill="none" stroke="#000" strokeWidth={2} />
      <path d={path('after')} fill="none" stroke="#000" strokeWidth={2} strokeDasharray="6 4" />
      {weeks.map((w, i) => (
        <g key={w.weekStart}>
          {w.before !== null && (
            <>
              <circle cx={x(i)} cy={y(w.before)} r={4} fill="#000" />
              <text x={x(i) - 7} y={y(w.before) - 7} fontSize={11} textAnchor="end">
                {w.before}
              </text>
            </>
          )}
          {w.after !== null && (
            <>
              <rect
                x={x(i) - 4}
                y={y(w.after) - 4}
                width={8}
                height={8}
                fill="#fff"
                stroke="#000"
                strokeWidth={1.5}
              />
              {/* below its square, or above it near the axis */}
              <text
                x={x(i) + 7}
                y={w.after < 1.5 ? y(w.after) - 7 : y(w.after) + 15}
                fontSize={11}
                textAnchor="start"
              >
                {w.after}
              </text>
            </>
          )}
        </g>
      ))}
      <g transform={`translate(${LEFT + 8} ${H - 6})`} fontSize={11}>
        <line x1={0} x2={24} y1={-4} y2={-4} stroke="#000" strokeWidth={2} />
        <circle cx={12} cy={-4} r={4} fill="#000" />
        <text x={30} y={0}>
          before the session
        </text>
        <line
          x1={160}
          x2={184}
          y1={-4}
          y2={-4}
          stroke="#000"
          strokeWidth={2}
          strokeDasharray="6 4"
        />
        <rect x={168} y={-8} width={8} height={8} fill="#fff" stroke="#000" strokeWidth={1.5} />
        <text x={190} y={0}>
          after the session
        </text>
      </g>
    </svg>
  )
}

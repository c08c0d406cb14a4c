/**
 * The trend charts (uPlot). This module is imported lazily, so uPlot stays out
 * of the home page's first JavaScript.
 *
 * One point per week (see chartAxes.ts for why, also for a first day). The x
 * axis reaches half a week either side of the weeks shown, with at most one
 * label per week in the user's locale; weeks without data are gaps in the
 * line. uPlot draws on a canvas, so each figure also carries what was drawn as
 * data attributes (the scales' ranges, the points, the tick labels) and a
 * table of its numbers under it.
 */
import { useEffect, useMemo, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import './charts.css'
import type { WeekTrend } from '../../core/history/trends.ts'
import { valueAxis, weekAxis, weekLabeller, weekLongLabeller, weekX } from './chartAxes.ts'

interface Series {
  key: 'score' | 'rangePct' | 'pain'
  /** the chart's name */
  label: string
  /** the y axis's label, with its unit */
  unit: string
  colour: string
  max: number
}

const SERIES: readonly Series[] = [
  { key: 'score', label: 'Mean score (0–100)', unit: 'Score (0–100)', colour: '#1f5f7a', max: 100 },
  {
    key: 'rangePct',
    label: 'Mean range (%)',
    unit: 'Range (%)',
    colour: '#2f7d4f',
    max: 100,
  },
  { key: 'pain', label: 'Mean pain (0–10)', unit: 'Pain (0–10)', colour: '#a3361f', max: 10 },
]

const X_LABEL = 'Week of'
const AXIS_FONT = '12px system-ui, sans-serif'
const LABEL_FONT = 'bold 12px system-ui, sans-serif'
const HEIGHT = 200
/** the y axis: its tick labels, and its label beside them */
const Y_SIZE = 36
const Y_LABEL_SIZE = 20
/** what uPlot leaves right of the plot (half the last tick label can hang out) */
const RIGHT_PAD = 24

/** The width of the widest label in the axis font, in CSS pixels (an estimate where canvas text is unavailable). */
function widestLabel(labels: readonly string[]): number {
  const ctx = document.createElement('canvas').getContext('2d')
  let widest = 0
  for (const l of labels) {
    let w = l.length * 7
    if (ctx) {
      ctx.font = AXIS_FONT
      w = ctx.measureText(l).width
    }
    widest = Math.max(widest, w)
  }
  return Math.ceil(widest)
}

function Chart({ weeks, series }: { weeks: WeekTrend[]; series: Series }) {
  const fig = useRef<HTMLElement>(null)
  const host = useRef<HTMLDivElement>(null)
  // The user's locale (undefined: the browser's), for the axis and the table alike.
  const short = useMemo(() => weekLabeller(undefined), [])
  const long = useMemo(() => weekLongLabeller(undefined), [])
  useEffect(() => {
    const el = host.current
    const figure = fig.current
    if (!el || !figure) return
    const width = Math.max(240, Math.min(el.clientWidth || 300, 420))
    const mondays = weeks.map((w) => w.weekStart)
    const labels = new Map(mondays.map((m) => [weekX(m), short(m)]))
    const x = weekAxis(
      mondays,
      width - Y_SIZE - Y_LABEL_SIZE - RIGHT_PAD,
      widestLabel([...labels.values()]),
    )
    const y = valueAxis(series.max)
    const xs = mondays.map(weekX)
    const ys = weeks.map((w) => w[series.key])
    let drawnTicks: string[] = []
    let drawnAt: number[] = []
    // What uPlot drew (it draws after the constructor returns), for the browser
    // tests and anyone inspecting the page: the canvas itself holds no text.
    const describe = (u: uPlot) => {
      figure.dataset.xMin = String(u.scales.x!.min)
      figure.dataset.xMax = String(u.scales.x!.max)
      figure.dataset.yMin = String(u.scales.y!.min)
      figure.dataset.yMax = String(u.scales.y!.max)
      figure.dataset.points = JSON.stringify(
        xs.flatMap((xv, i) => (ys[i] === null ? [] : [[xv, ys[i]]])),
      )
      figure.dataset.xTicks = JSON.stringify(drawnTicks)
      figure.dataset.xTickValues = JSON.stringify(drawnAt)
      figure.dataset.xLabel = X_LABEL
      figure.dataset.yLabel = series.unit
    }
    const plot = new uPlot(
      {
        width,
        height: HEIGHT,
        legend: { show: false },
        hooks: { draw: [describe] },
        cursor: { show: false },
        padding: [8, RIGHT_PAD, 0, 0],
        scales: {
          x: { time: false, auto: false, range: () => [x.min, x.max] },
          y: { auto: false, range: () => [y.min, y.max] },
        },
        axes: [
          {
            stroke: '#3a4a56',
            font: AXIS_FONT,
            label: X_LABEL,
            labelFont: LABEL_FONT,
            labelSize: 20,
            size: 28,
            grid: { stroke: '#e1e6e8' },
            ticks: { stroke: '#e1e6e8' },
            splits: () => x.ticks,
            values: (_u, splits) => {
              drawnAt = splits
              drawnTicks = splits.map((s) => labels.get(s) ?? '')
              return drawnTicks
            },
          },
          {
            stroke: '#3a4a56',
            font: AXIS_FONT,
            label: series.unit,
            labelFont: LABEL_FONT,
            labelSize: Y_LABEL_SIZE,
            size: Y_SIZE,
            grid: { stroke: '#e1e6e8' },
            ticks: { stroke: '#e1e6e8' },
            splits: () => y.ticks,
          },
        ],
        series: [
          {},
          {
            label: series.label,
            stroke: series.colour,
            width: 2,
            // A week without data is a gap: no line drawn across it.
            spanGaps: false,
            points: { show: true, size: 7, fill: series.colour },
          },
        ],
      },
      [xs, ys],
      el,
    )
    return () => plot.destroy()
  }, [weeks, series, short])
  return (
    <figure className="chart" data-chart={series.key} ref={fig}>
      <figcaption>{series.label}, by week</figcaption>
      <div ref={host} aria-hidden="true" />
      <details className="chart-table" data-testid={`chart-table-${series.key}`}>
        <summary>Table: {series.label.toLowerCase()}, by week</summary>
        <table>
          <caption>{series.label}, by week</caption>
          <thead>
            <tr>
              <th scope="col">{X_LABEL}</th>
              <th scope="col">{series.unit}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{long(w.weekStart)}</th>
                <td>{w[series.key] ?? 'no data'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

/** Score, range and pain over weeks, each with the table of its numbers. */
export default function TrendCharts({ weeks }: { weeks: WeekTrend[] }) {
  return (
    <div className="charts" data-testid="charts">
      {SERIES.map((s) => (
        <Chart key={s.key} weeks={weeks} series={s} />
      ))}
    </div>
  )
}

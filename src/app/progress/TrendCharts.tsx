/**
 * The trend charts (uPlot). This module is imported lazily, so uPlot stays out
 * of the home page's first JavaScript.
 */
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { WeekTrend } from '../../core/history/trends.ts'

interface Series {
  key: 'score' | 'rangePct' | 'pain'
  label: string
  colour: string
  max: number
}

const SERIES: readonly Series[] = [
  { key: 'score', label: 'Mean score (0–100)', colour: '#1f5f7a', max: 100 },
  { key: 'rangePct', label: 'Mean range (%)', colour: '#2f7d4f', max: 100 },
  { key: 'pain', label: 'Mean pain (0–10)', colour: '#a3361f', max: 10 },
]

function weekSeconds(date: string): number {
  return Date.parse(`${date}T12:00:00Z`) / 1000
}

function Chart({ weeks, series }: { weeks: WeekTrend[]; series: Series }) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = host.current
    if (!el) return
    const xs = weeks.map((w) => weekSeconds(w.weekStart))
    const ys = weeks.map((w) => w[series.key])
    const plot = new uPlot(
      {
        width: Math.max(240, Math.min(el.clientWidth || 300, 420)),
        height: 180,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: [0, series.max] } },
        axes: [
          { stroke: '#3a4a56', grid: { stroke: '#e1e6e8' }, values: '{D} {MMM}' },
          { stroke: '#3a4a56', grid: { stroke: '#e1e6e8' } },
        ],
        series: [
          {},
          {
            label: series.label,
            stroke: series.colour,
            width: 2,
            spanGaps: true,
            points: { show: true, size: 6 },
          },
        ],
      },
      [xs, ys],
      el,
    )
    return () => plot.destroy()
  }, [weeks, series])
  return (
    <figure className="chart" data-chart={series.key}>
      <figcaption>{series.label}, by week</figcaption>
      <div ref={host} aria-hidden="true" />
    </figure>
  )
}

/** Score, range and pain over weeks. */
export default function TrendCharts({ weeks }: { weeks: WeekTrend[] }) {
  return (
    <div className="charts" data-testid="charts">
      {SERIES.map((s) => (
        <Chart key={s.key} weeks={weeks} series={s} />
      ))}
    </div>
  )
}

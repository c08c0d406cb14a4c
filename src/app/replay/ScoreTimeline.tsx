/**
 * The score timeline: per-frame samples of the engine's live feedback (10 Hz) drawn
 * as a small SVG chart: progress into the pose, steadiness, the hold's seconds, and a
 * band where the user was in the pose; the stretches as labelled spans; a cursor at
 * the playhead. The paths are built once per trace, one point per pixel column, so a
 * one-hour trace draws as fast as a minute.
 */
import { memo, useMemo } from 'react'
import { STRETCHES } from '../../core/stretches.ts'
import type { ReplayTrack } from '../../services/replay/replayScore.ts'

/** The chart's drawing size, in its own units (it scales to its box). */
export const CHART_W = 1000
const CHART_H = 150
const TOP = 22
const BAND_H = 8
const PLOT_H = CHART_H - TOP - BAND_H - 6
/** Progress is drawn up to the engine's cap, 1.2. */
const PROGRESS_MAX = 1.2

interface Paths {
  progress: string
  stability: string
  hold: string
  inPose: { x: number; w: number }[]
  spans: { x: number; w: number; label: string }[]
  maxHold: number
}

function buildPaths(track: ReplayTrack): Paths {
  const { timeT, progress, stability, hold, inPose } = track
  const total = Math.max(track.durationS, 1e-3)
  const n = timeT.length
  let maxHold = 0
  for (let i = 0; i < n; i++) maxHold = Math.max(maxHold, hold[i]!)
  const y = (v: number, max: number) =>
    (TOP + PLOT_H - (Math.min(Math.max(v, 0), max) / max) * PLOT_H).toFixed(1)
  const p: string[] = []
  const s: string[] = []
  const h: string[] = []
  const band: { x: number; w: number }[] = []
  let i = 0
  let runStart = -1
  for (let x = 0; x < CHART_W; x++) {
    const end = ((x + 1) / CHART_W) * total
    // the last sample of the column, and whether any sample in it was in the pose
    let last = -1
    let posed = false
    while (i < n && timeT[i]! <= end) {
      last = i
      if (inPose[i] === 1) posed = true
      i++
    }
    if (posed && runStart < 0) runStart = x
    if (!posed && runStart >= 0) {
      band.push({ x: runStart, w: x - runStart })
      runStart = -1
    }
    if (last < 0) continue
    p.push(x + ',' + y(progress[last]!, PROGRESS_MAX))
    s.push(x + ',' + y(stability[last]!, 1))
    h.push(x + ',' + y(hold[last]!, Math.max(maxHold, 1)))
  }
  if (runStart >= 0) band.push({ x: runStart, w: CHART_W - runStart })
  const spans = track.segments.map((seg) => {
    const x = (seg.start / total) * CHART_W
    const w = Math.max(1, ((seg.end - seg.start) / total) * CHART_W)
    const side = seg.side === 'left' ? ' (L)' : seg.side === 'right' ? ' (R)' : ''
    return { x, w, label: STRETCHES[seg.stretch].name + side }
  })
  return {
    progress: p.join(' '),
    stability: s.join(' '),
    hold: h.join(' '),
    inPose: band,
    spans,
    maxHold,
  }
}

/** The chart without the cursor: drawn once per trace. */
const Chart = memo(function Chart({ paths }: { paths: Paths }) {
  return (
    <>
      {paths.spans.map((sp, i) => (
        <g key={i}>
          <rect
            x={sp.x}
            y={TOP}
            width={sp.w}
            height={PLOT_H}
            className={i % 2 === 0 ? 'tl-span' : 'tl-span odd'}
          />
          {sp.w > 60 && (
            <text x={sp.x + 3} y={TOP - 7} className="tl-label">
              {sp.label.length > sp.w / 6.5
                ? sp.label.slice(0, Math.floor(sp.w / 6.5)) + '…'
                : sp.label}
            </text>
          )}
        </g>
      ))}
      {paths.inPose.map((b, i) => (
        <rect
          key={i}
          x={b.x}
          y={TOP + PLOT_H + 4}
          width={b.w}
          height={BAND_H}
          className="tl-inpose"
        />
      ))}
      <polyline points={paths.hold} className="tl-hold" />
      <polyline points={paths.stability} className="tl-stability" />
      <polyline points={paths.progress} className="tl-progress" />
    </>
  )
})

export function ScoreTimeline({ track, timeS }: { track: ReplayTrack; timeS: number }) {
  const paths = useMemo(() => buildPaths(track), [track])
  const x =
    (Math.min(Math.max(timeS, 0), track.durationS) / Math.max(track.durationS, 1e-3)) * CHART_W
  return (
    <figure className="replay-timeline">
      <svg
        viewBox={`0 0 ${CHART_W} ${CHART_H}`}
        role="img"
        aria-label="Score timeline: progress into the pose, steadiness and hold seconds over the trace, with the time in the pose as a band"
        data-testid="replay-timeline"
      >
        <Chart paths={paths} />
        <line
          x1={x}
          x2={x}
          y1={TOP - 4}
          y2={CHART_H}
          className="tl-cursor"
          data-testid="timeline-cursor"
        />
      </svg>
      <figcaption className="tl-legend">
        <span className="key progress">progress</span>
        <span className="key stability">steadiness</span>
        <span className="key hold">hold (up to {paths.maxHold.toFixed(0)} s)</span>
        <span className="key inpose">in the pose</span>
      </figcaption>
    </figure>
  )
}

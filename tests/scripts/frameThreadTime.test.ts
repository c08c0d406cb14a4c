// `npm run perf`'s thread time per XR frame: read from a Chrome trace, only the
// callbacks the page bracketed, in the order they ran, in milliseconds.
import { describe, expect, it } from 'vitest'
import { FRAME_EVENT, tracedFrames } from '../../scripts/perf/frameThreadTime.ts'

/** A complete ("X") trace event as Chromium writes it (times in µs). */
function dispatch(type: string, ts: number, dur: number, tdur?: number) {
  return {
    name: 'EventDispatch',
    ph: 'X',
    ts,
    dur,
    ...(tdur === undefined ? {} : { tdur }),
    args: { data: { type } },
  }
}

describe('tracedFrames', () => {
  it('keeps the bracketed callbacks in the order they ran, wall and thread time in ms', () => {
    const frames = tracedFrames([
      dispatch(FRAME_EVENT, 3_000, 2_500, 1_000),
      dispatch(FRAME_EVENT, 1_000, 900, 800),
      dispatch(FRAME_EVENT, 2_000, 1_200, 1_100),
    ])
    expect(frames).toEqual([
      { wallMs: 0.9, threadMs: 0.8 },
      { wallMs: 1.2, threadMs: 1.1 },
      { wallMs: 2.5, threadMs: 1 },
    ])
  })

  it('leaves out every other event: other DOM events, other phases, other names', () => {
    const frames = tracedFrames([
      dispatch('pointermove', 1_000, 500, 400),
      { ...dispatch(FRAME_EVENT, 2_000, 0, 0), ph: 'B' },
      { ...dispatch(FRAME_EVENT, 2_500, 700, 600), name: 'FunctionCall' },
      { name: 'FireAnimationFrame', ph: 'X', ts: 2_600, dur: 3_000, tdur: 2_000 },
      dispatch(FRAME_EVENT, 3_000, 1_500, 1_000),
    ])
    expect(frames).toEqual([{ wallMs: 1.5, threadMs: 1 }])
  })

  it('leaves out a dispatch traced without its thread time rather than guess it', () => {
    expect(tracedFrames([dispatch(FRAME_EVENT, 1_000, 900)])).toEqual([])
  })
})

// 10⁵ fuzzed frames (half through the trace text, half straight into the
// engine) never throw and never produce a non-finite output.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { STRETCH_IDS } from '../../src/core/stretches.ts'
import { scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import {
  createEngine,
  engineStretch,
  engineVisibility,
  engineReset,
  enginePause,
  engineResume,
  enginePain,
  finishEngine,
  stepEngine,
} from '../../src/core/engine/engine.ts'
import { createPoseFrame } from '../../src/core/poseFrame.ts'
import { allFinite } from './scoreSynth.ts'

const coord = fc.oneof(
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0, -0, 1e-300, -1e-300, 1e300, -1e300, 5e-324),
)
const unitQuat = fc
  .tuple(
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  )
  .map(([x, y, z, w]) => {
    const n = Math.hypot(x, y, z, w)
    return n < 1e-6 ? [0, 0, 0, 1] : [x / n, y / n, z / n, w / n]
  })
const quat = fc.oneof(
  { weight: 6, arbitrary: unitQuat },
  { weight: 1, arbitrary: fc.tuple(coord, coord, coord, coord) },
  { weight: 1, arbitrary: fc.constant([0, 0, 0, 0]) },
)
const pose = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.tuple(coord, coord, coord), quat).map(([p, q]) => [...p, ...q]),
  },
  { weight: 1, arbitrary: fc.constant(null) },
)
const frame = fc.record({
  dt: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 8, arbitrary: fc.double({ min: 0.005, max: 0.05, noNaN: true }) },
    { weight: 2, arbitrary: fc.double({ min: 0, max: 3, noNaN: true }) },
    { weight: 1, arbitrary: fc.constant(-0.01) },
  ),
  head: pose,
  left: pose,
  right: pose,
  emulated: fc.subarray(['head', 'left', 'right']),
  input: fc.option(
    fc.record({
      left: fc.constantFrom('controller', 'hand'),
      right: fc.constantFrom('controller', 'hand'),
    }),
    { freq: 20 },
  ),
  event: fc.option(
    fc.oneof(
      fc.record({
        event: fc.constant('stretch'),
        stretch: fc.constantFrom(...STRETCH_IDS),
        side: fc.constantFrom('left', 'right'),
      }),
      fc.record({
        event: fc.constant('visibility'),
        state: fc.constantFrom('visible', 'visible-blurred', 'hidden'),
      }),
      fc.constantFrom(
        { event: 'reset' },
        { event: 'pause' },
        { event: 'resume' },
        { event: 'pain' },
      ),
    ),
    { freq: 40 },
  ),
})

const FRAMES_PER_RUN = 1000
const RUNS = 50

describe('fuzzed frames', () => {
  it('through the trace text: never throws, every output finite and in range', () => {
    let totalFrames = 0
    let totalSkipped = 0
    fc.assert(
      fc.property(
        fc.constantFrom(...STRETCH_IDS),
        fc.double({ min: 0.5, max: 2.3, noNaN: true }),
        fc.array(frame, { minLength: FRAMES_PER_RUN, maxLength: FRAMES_PER_RUN }),
        (stretch, eye, frames) => {
          const lines = [
            JSON.stringify({
              format: 'pose-trace',
              version: 1,
              recordedAt: '2026-11-23T07:00:00.000Z',
              source: 'synthetic',
              calibration: { eyeHeight: eye },
              stretch,
            }),
          ]
          let t = 0
          for (const f of frames) {
            t += f.dt
            const o: Record<string, unknown> = { t, head: f.head, left: f.left, right: f.right }
            if (f.emulated.length) o.emulated = f.emulated
            if (f.input) o.input = f.input
            lines.push(JSON.stringify(o))
            if (f.event) lines.push(JSON.stringify({ t, ...f.event }))
          }
          const out = scoreTraceText(lines.join('\n'))
          expect(out.ok).toBe(true)
          if (!out.ok) return
          totalFrames += frames.length
          totalSkipped += out.results.reduce((n, r) => n + r.skippedFrames, 0)
          for (const r of out.results) {
            expect(allFinite(r)).toBe(true)
            expect(Number.isInteger(r.score)).toBe(true)
            expect(r.score).toBeGreaterThanOrEqual(0)
            expect(r.score).toBeLessThanOrEqual(100)
            expect(r.trackedFraction).toBeGreaterThanOrEqual(0)
            expect(r.trackedFraction).toBeLessThanOrEqual(1)
            for (const s of Object.values(r.sides)) {
              expect(s.range).toBeGreaterThanOrEqual(0)
              expect(s.range).toBeLessThanOrEqual(1)
              expect(s.stability).toBeGreaterThanOrEqual(0)
              expect(s.stability).toBeLessThanOrEqual(1)
              expect(s.holdSeconds).toBeGreaterThanOrEqual(0)
            }
          }
        },
      ),
      { numRuns: RUNS, seed: 4242 },
    )
    // most fuzzed frames are well-formed, so the engine, not only the reader, is exercised
    expect(totalFrames).toBe(RUNS * FRAMES_PER_RUN)
    expect(totalSkipped).toBeLessThan(0.7 * totalFrames)
  }, 60_000)

  it('straight into the engine: never throws, live feedback and results always finite', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STRETCH_IDS),
        fc.double({ min: 0.5, max: 2.3, noNaN: true }),
        fc.array(frame, { minLength: FRAMES_PER_RUN, maxLength: FRAMES_PER_RUN }),
        (stretch, eye, frames) => {
          const engine = createEngine({ eyeHeightM: eye })
          const pf = createPoseFrame()
          let t = 0
          engineStretch(engine, 0, stretch, 'left', null, null)
          for (const f of frames) {
            t += Math.max(0, f.dt)
            pf.t = t
            const ps = [f.head, f.left, f.right]
            for (let i = 0; i < 3; i++) {
              const p = ps[i]
              pf.tracked[i] = p ? 1 : 0
              pf.emulated[i] = f.emulated.includes(['head', 'left', 'right'][i]!) ? 1 : 0
              if (p) for (let k = 0; k < 7; k++) pf.poses[i * 7 + k] = p[k]!
            }
            if (f.input) {
              pf.input[0] = f.input.left === 'hand' ? 1 : 0
              pf.input[1] = f.input.right === 'hand' ? 1 : 0
            }
            stepEngine(engine, pf)
            const live = engine.live
            expect(
              Number.isFinite(live.progress) &&
                Number.isFinite(live.holdSeconds) &&
                Number.isFinite(live.range) &&
                Number.isFinite(live.stability) &&
                Number.isFinite(live.score),
            ).toBe(true)
            if (f.event) {
              const e = f.event as {
                event: string
                stretch?: (typeof STRETCH_IDS)[number]
                side?: 'left' | 'right'
                state?: 'visible' | 'visible-blurred' | 'hidden'
              }
              if (e.event === 'stretch')
                engineStretch(engine, t, e.stretch!, e.side ?? null, null, null)
              else if (e.event === 'visibility') engineVisibility(engine, t, e.state!)
              else if (e.event === 'reset') engineReset(engine, t)
              else if (e.event === 'pause') enginePause(engine, t)
              else if (e.event === 'resume') engineResume(engine, t)
              else if (e.event === 'pain') enginePain(engine, t)
            }
          }
          const results = finishEngine(engine)
          expect(results.length).toBeGreaterThan(0)
          for (const r of results) expect(allFinite(r)).toBe(true)
        },
      ),
      { numRuns: RUNS, seed: 4343 },
    )
  }, 60_000)
})

// The recorder writes what the live engine consumed: a live session (engine +
// recorder, frames and events as the app delivers them) replays to the
// identical result, to the bit.
import { describe, expect, it } from 'vitest'
import { synthRecords, type SynthConfig, type SynthRecord } from '../../scripts/synth/synthTrace.ts'
import {
  applyEngineEvent,
  createEngine,
  finishEngine,
  stepEngine,
  type Engine,
} from '../../src/core/engine/engine.ts'
import { stretchEvent, type SessionEvent } from '../../src/core/engine/events.ts'
import { createPoseFrame, INPUT_CONTROLLER, INPUT_HAND } from '../../src/core/poseFrame.ts'
import type { StretchId } from '../../src/core/stretches.ts'
import { scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import {
  createTraceRecorder,
  recordFrame,
  recordEvent,
  CHUNK_FRAMES,
  recordedBytes,
  recordedTraceBlob,
  recordedTraceText,
  traceFileName,
  type TraceRecorder,
} from '../../src/tracking/recorder.ts'

const EYE = 1.7

/** Plays synthetic records as a live session would: full-precision numbers, engine first, then the recorder. */
function liveSession(config: SynthConfig): { engine: Engine; rec: TraceRecorder } {
  const engine = createEngine({ eyeHeightM: EYE })
  const rec = createTraceRecorder({
    format: 'pose-trace',
    version: 1,
    recordedAt: '2026-11-23T07:41:12.345Z',
    source: 'webxr',
    device: 'test session',
    refreshRate: 90,
    calibration: { eyeHeight: EYE },
  })
  const frame = createPoseFrame()
  const firstMs = 987654.321
  let i = 0
  const sink = (r: SynthRecord): void => {
    if (r.kind === 'raw') return
    // XRFrame time in ms with sub-ms digits, as the live path computes t
    const t = (firstMs + r.t * 1000 + ((i * 7919) % 13) * 1e-4 - firstMs) / 1000
    i++
    if (r.kind === 'event') {
      const e = r.line as {
        event: string
        stretch?: StretchId
        side?: 'left' | 'right'
        state?: 'visible' | 'visible-blurred' | 'hidden'
      }
      let ev: SessionEvent | null = null
      if (e.event === 'stretch') ev = stretchEvent(t, e.stretch!, e.side ?? null)
      else if (e.event === 'visibility') ev = { kind: 'visibility', t, state: e.state! }
      else if (
        e.event === 'pause' ||
        e.event === 'resume' ||
        e.event === 'reset' ||
        e.event === 'pain'
      )
        ev = { kind: e.event, t }
      if (ev !== null) {
        applyEngineEvent(engine, ev)
        recordEvent(rec, ev)
      }
      return
    }
    frame.t = t
    for (let p = 0; p < 3; p++) {
      const pose = r.poses[p]
      frame.tracked[p] = pose ? 1 : 0
      frame.emulated[p] =
        pose && r.emulated.includes((['head', 'left', 'right'] as const)[p]!) ? 1 : 0
      if (pose) {
        // full-precision doubles, like a live XRPose (positions and a not-quite-unit quaternion)
        for (let k = 0; k < 7; k++) frame.poses[p * 7 + k] = pose[k]! * (1 + 1e-9 * Math.sin(i + k))
      }
    }
    if (r.input) {
      frame.input[0] = r.input.left === 'hand' ? INPUT_HAND : INPUT_CONTROLLER
      frame.input[1] = r.input.right === 'hand' ? INPUT_HAND : INPUT_CONTROLLER
    }
    stepEngine(engine, frame)
    recordFrame(rec, frame)
  }
  synthRecords(config, sink)
  return { engine, rec }
}

const ROUTINE: SynthConfig = {
  seed: 701,
  eyeHeight: EYE,
  unevenTiming: true,
  tremorMm: 3,
  breathingMm: 3,
  steps: [
    { stretch: 'childs-pose', holdSeconds: 12 },
    { stretch: 'cat-cow', reps: 3, tempoJitter: 0.3 },
    { stretch: 'supine-twist', holdSeconds: 8 },
    { stretch: 'pelvic-tilt', reps: 3 },
    { stretch: 'hip-flexor', holdSeconds: 10 },
  ],
  faults: [
    { kind: 'null', pose: 'left', from: 9, to: 10.2 },
    { kind: 'emulated', pose: 'head', from: 11, to: 11.6 },
    { kind: 'visibility', state: 'visible-blurred', from: 13, to: 14 },
    { kind: 'pause', from: 30, to: 32 },
    { kind: 'gap', from: 40, to: 40.6 },
    { kind: 'frozen', pose: 'right', from: 50, to: 51.5 },
    { kind: 'reset', at: 70, yawDeg: 30 },
    { kind: 'input', at: 80, hand: 'left', input: 'hand' },
    { kind: 'input', at: 80, hand: 'right', input: 'hand' },
    { kind: 'equal-t', at: 90 },
    { kind: 'pain', at: 140 },
  ],
}

describe('trace recorder', () => {
  it('live equals replay: the recorded trace scores to the identical result, to the bit', () => {
    const { engine, rec } = liveSession(ROUTINE)
    const live = finishEngine(engine)
    expect(live.length).toBeGreaterThanOrEqual(5)
    const out = scoreTraceText(recordedTraceText(rec))
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.results).toStrictEqual(live)
  })

  it('writes the header, a stretch event per stretch and side, and every frame', () => {
    const { rec } = liveSession({
      seed: 702,
      eyeHeight: EYE,
      steps: [
        { stretch: 'knee-to-chest', holdSeconds: 3 },
        { stretch: 'bridge', reps: 1 },
      ],
      faults: [{ kind: 'pause', from: 5, to: 6 }],
    })
    const lines = recordedTraceText(rec).split('\n')
    expect(lines.pop()).toBe('')
    expect(JSON.parse(lines[0]!)).toMatchObject({
      format: 'pose-trace',
      version: 1,
      source: 'webxr',
      calibration: { eyeHeight: EYE },
    })
    const events = lines
      .slice(1)
      .map((l) => JSON.parse(l))
      .filter((o) => 'event' in o)
    expect(events.map((e) => [e.event, e.stretch ?? null, e.side ?? null])).toEqual([
      ['stretch', 'knee-to-chest', 'left'],
      ['pause', null, null],
      ['resume', null, null],
      ['stretch', 'knee-to-chest', 'right'],
      ['stretch', 'bridge', null],
    ])
    expect(lines.length).toBe(1 + rec.frames + rec.eventLines.length)
  })

  it('keeps long sessions in frame chunks and downloads them as one file', async () => {
    const { rec } = liveSession({
      seed: 703,
      eyeHeight: EYE,
      steps: [{ idle: 'standing', seconds: 60 }],
      header: { stretch: 'cat-cow' },
    })
    expect(rec.frames).toBeGreaterThan(5000)
    expect(rec.chunks.length).toBe(Math.ceil(rec.frames / CHUNK_FRAMES))
    expect(recordedBytes(rec)).toBe(rec.chunks.length * CHUNK_FRAMES * 23 * 8)
    const blob = recordedTraceBlob(rec)
    expect(blob.size).toBe(new TextEncoder().encode(recordedTraceText(rec)).length)
    expect(await blob.text()).toBe(recordedTraceText(rec))
    expect(traceFileName(rec)).toBe('stretchcoach-2026-11-23T07-41-12Z.trace.jsonl')
  })
})

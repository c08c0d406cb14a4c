// The replay driver feeds a trace to the engine in time, tells the preview
// about every consumed frame and event, and ends with the command line's result.
import { describe, expect, it } from 'vitest'
import { synthTrace, type SynthConfig } from '../../scripts/synth/synthTrace.ts'
import { scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import {
  advanceReplay,
  createTraceReplay,
  finishReplay,
  replayLive,
} from '../../src/tracking/replay.ts'

const CONFIG: SynthConfig = {
  seed: 801,
  steps: [
    { stretch: 'childs-pose', holdSeconds: 10 },
    { stretch: 'bridge', reps: 2 },
  ],
  faults: [
    { kind: 'visibility', state: 'hidden', from: 12, to: 13 },
    { kind: 'equal-t', at: 15 },
    { kind: 'null', pose: 'right', from: 16, to: 17 },
  ],
  malformed: [
    { kind: 'bad-json', at: 4 },
    { kind: 't-backwards', at: 6 },
    { kind: 'bad-quaternion', at: 8 },
    { kind: 'truncated-last', at: 0 },
  ],
}

describe('trace replay', () => {
  it('fed at a 60 Hz preview clock, it ends with the command line result, to the bit', () => {
    const { text } = synthTrace(CONFIG)
    const seen: number[] = []
    const events: string[] = []
    let clock = 0
    let late = 0
    const replay = createTraceReplay(text, 'r.trace.jsonl', {
      frame: (f, live) => {
        if (f.t > clock) late++
        seen.push(f.t)
        expect(Number.isFinite(live.progress)).toBe(true)
      },
      event: (_t, name) => events.push(name),
    })
    let inPoseHold = 0
    while (advanceReplay(replay, clock)) {
      clock += 1 / 60
      const live = replayLive(replay)
      if (live && live.inPose) inPoseHold = Math.max(inPoseHold, live.holdSeconds)
    }
    const out = finishReplay(replay)
    expect(out).toStrictEqual(scoreTraceText(text, 'r.trace.jsonl'))
    expect(finishReplay(replay)).toBe(out)
    expect(late).toBe(0)
    const frameLines = text
      .split('\n')
      .filter((l) => l.startsWith('{"t":') && !l.includes('"event"'))
    // every frame line but the four malformed ones reached the preview, in time order
    expect(seen.length).toBe(frameLines.length - 4)
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!)
    expect(events).toEqual(['stretch', 'visibility', 'visibility', 'stretch'])
    expect(inPoseHold).toBeGreaterThan(8)
    expect(replay.durationSeconds).toBeGreaterThan(30)
  })

  it('does nothing ahead of time', () => {
    const { text } = synthTrace(CONFIG)
    let frames = 0
    const replay = createTraceReplay(text, undefined, { frame: () => frames++ })
    expect(advanceReplay(replay, 1)).toBe(true)
    expect(frames).toBe(91)
    expect(advanceReplay(replay, 1)).toBe(true)
    expect(frames).toBe(91)
  })

  it('a refused file stops at once and reports its line', () => {
    const replay = createTraceReplay('{"format":"pose-trace","version":1}\n{"t":0,"head":null}\n')
    expect(advanceReplay(replay, 100)).toBe(false)
    const out = finishReplay(replay)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.line).toBe(1)
    expect(replayLive(replay)).toBeNull()
  })

  it('a lone absurd t neither stalls the replay nor reaches the preview; a long gap does', () => {
    const lines = synthTrace(CONFIG).text.split('\n')
    const mid = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('{"t":'))
    const lone = [...lines]
    lone[mid] = lone[mid]!.replace(/^\{"t":[^,]*/, '{"t":1.7e308')
    const seen: number[] = []
    const replay = createTraceReplay(lone.join('\n'), 'r', { frame: (f) => seen.push(f.t) })
    expect(replay.durationSeconds).toBeLessThan(100)
    // the whole trace plays out by its real end, not at t = 1.7e308
    expect(advanceReplay(replay, replay.durationSeconds)).toBe(false)
    expect(seen).not.toContain(1.7e308)
    expect(finishReplay(replay)).toStrictEqual(scoreTraceText(lone.join('\n'), 'r'))

    // every frame from the middle on 2000 s later: the preview waits the gap out, then plays on
    const gap = lines.map((l, i) =>
      i >= mid ? l.replace(/^\{"t":([^,]*)/, (_m, t: string) => '{"t":' + (Number(t) + 2000)) : l,
    )
    const later: number[] = []
    const r2 = createTraceReplay(gap.join('\n'), 'r', { frame: (f) => later.push(f.t) })
    expect(r2.durationSeconds).toBeGreaterThan(2000)
    expect(advanceReplay(r2, 1000)).toBe(true)
    const before = later.length
    expect(advanceReplay(r2, r2.durationSeconds)).toBe(false)
    // the first frame after the gap reached the preview too (held, then consumed)
    expect(later[before]).toBeGreaterThan(2000)
    expect(later.length).toBeGreaterThan(before + 1000)
  })
})

// The reader's bounds (pose-trace.md, Bad input): a line over 1 MiB is skipped and
// counted without being kept, on the bytes path and the text path alike; results
// leave through onResult as their stretch closes (and a later refusal does not take
// them back); one frame that jumps more than 600 s ahead is a bad frame, a jump the
// next frame continues is a long gap.
import { describe, expect, it } from 'vitest'
import {
  createTraceReader,
  endTraceReader,
  failTraceReader,
  feedTraceBytes,
  feedTraceText,
  MAX_JUMP_SECONDS,
  MAX_LINE_BYTES,
  MAX_LINE_VALUES,
  traceLineReached,
  type TraceOutcome,
  type TraceReader,
} from '../../../src/core/trace/traceReader.ts'
import { scoreTraceText } from '../../../src/core/trace/scoreTrace.ts'
import { createEngine, engineStretch, finishEngine } from '../../../src/core/engine/engine.ts'
import type { StretchResult } from '../../../src/core/result.ts'
import { synthTrace } from '../../../scripts/synth/synthTrace.ts'

const H =
  '{"format":"pose-trace","version":1,"calibration":{"eyeHeight":1.62},"stretch":"childs-pose"}'
const P = '[0.1,1.5,-0.2,0,0,0,1]'
const F = (t: number | string) => `{"t":${t},"head":${P},"left":${P},"right":null}`
const encoder = new TextEncoder()

function viaText(text: string, piece = text.length): { outcome: TraceOutcome; r: TraceReader } {
  const r = createTraceReader('f')
  for (let o = 0; o < text.length; o += piece) feedTraceText(r, text.slice(o, o + piece))
  return { outcome: endTraceReader(r), r }
}

function viaBytes(text: string, piece: number): { outcome: TraceOutcome; r: TraceReader } {
  const bytes = encoder.encode(text)
  const r = createTraceReader('f')
  for (let o = 0; o < bytes.length; o += piece) feedTraceBytes(r, bytes.subarray(o, o + piece))
  return { outcome: endTraceReader(r), r }
}

function skippedOf(outcome: TraceOutcome): number {
  if (!outcome.ok) throw new Error(outcome.line + ': ' + outcome.reason)
  return outcome.results.reduce((n, res) => n + res.skippedFrames, 0)
}

describe('a line longer than 1 MiB', () => {
  // a frame line that is valid JSON but padded past the limit: skipped all the same
  const padded = F(1).replace('"t":1', '"t":1' + ' '.repeat(MAX_LINE_BYTES))
  const cases: [string, string, number][] = [
    ['a padded frame line', [H, F(0), padded, F(2)].join('\n') + '\n', 1],
    ['junk without a LF at the end', [H, F(0), F(2), 'x'.repeat(MAX_LINE_BYTES + 5)].join('\n'), 1],
    ['exactly 1 MiB is not too long', [H, F(0), ' '.repeat(MAX_LINE_BYTES), F(2)].join('\n'), 0],
    ['1 MiB + 1 of spaces', [H, F(0), ' '.repeat(MAX_LINE_BYTES + 1), F(2)].join('\n'), 1],
    [
      'non-ASCII: over 1 MiB in UTF-8, under it in UTF-16 units',
      [H, F(0), F(1).replace('}', ',"note":"' + 'é'.repeat(MAX_LINE_BYTES / 2) + '"}'), F(2)].join(
        '\n',
      ),
      1,
    ],
  ]
  it.each(cases)('%s: skipped and counted alike on both paths, in any chunking', (_n, text, n) => {
    for (const piece of [text.length, 1 << 16, 4093]) {
      expect(skippedOf(viaText(text, piece).outcome)).toBe(n)
      expect(skippedOf(viaBytes(text, piece).outcome)).toBe(n)
    }
  })

  it('is never held: what waits for a LF stays within 1 MiB', () => {
    const r = createTraceReader('f')
    const t = createTraceReader('f')
    feedTraceBytes(r, encoder.encode(H + '\n' + F(0) + '\n'))
    feedTraceText(t, H + '\n' + F(0) + '\n')
    const piece = 'y'.repeat(1 << 16)
    for (let i = 0; i < 200; i++) {
      feedTraceBytes(r, encoder.encode(piece))
      feedTraceText(t, piece)
      expect(r.pendingLength).toBeLessThanOrEqual(MAX_LINE_BYTES)
      expect(t.pending.length).toBeLessThanOrEqual(MAX_LINE_BYTES)
    }
    expect(r.pendingLength).toBe(0)
    expect(t.pending.length).toBe(0)
    feedTraceBytes(r, encoder.encode('\n' + F(1) + '\n'))
    feedTraceText(t, '\n' + F(1) + '\n')
    for (const reader of [r, t]) {
      const out = endTraceReader(reader)
      expect(skippedOf(out)).toBe(1)
      expect(reader.acceptedFrames).toBe(2)
      expect(reader.line).toBe(4)
    }
  })

  it('as the first line, refuses the file at line 1', () => {
    // a good header but for its length
    const text = H.replace('}', ',"pad":"' + 'z'.repeat(MAX_LINE_BYTES) + '"}') + '\n' + F(0)
    for (const out of [viaText(text, 1 << 16).outcome, viaBytes(text, 1 << 16).outcome]) {
      expect(out.ok).toBe(false)
      if (!out.ok) expect(out.line).toBe(1)
    }
  })
})

describe('a line of more than 10 000 values', () => {
  const extra = (n: number) => ',"extra":[' + '0,'.repeat(n - 1) + '0]'
  const emulated = (n: number) => ',"emulated":[' + '"head",'.repeat(n - 1) + '"head"]'
  const withFrame = (line: string) => [H, F(0), line, F(2)].join('\n') + '\n'
  const cases: [string, string, number][] = [
    ['a frame with 20 000 numbers under an unknown key', F(1).replace('}', extra(20_000) + '}'), 1],
    ['a frame with 9 000 of them', F(1).replace('}', extra(9_000) + '}'), 0],
    ['a frame naming 20 000 emulated poses', F(1).replace('}', emulated(20_000) + '}'), 1],
    ['a frame naming 100', F(1).replace('}', emulated(100) + '}'), 0],
    [
      'a frame with its head 3 000 times',
      F(1).replace('}', (',"head":' + P).repeat(3000) + '}'),
      1,
    ],
    ['a frame with its head 9 times', F(1).replace('}', (',"head":' + P).repeat(8) + '}'), 0],
    ['500 000 nested arrays', '['.repeat(500_000) + ']'.repeat(500_000), 1],
    [
      'an event with commas inside a string',
      '{"t":1,"event":"pain","x":"' + ','.repeat(50_000) + '"}',
      0,
    ],
  ]
  it.each(cases)('%s: skipped unparsed past the count, read below it', (_n, line, n) => {
    expect(MAX_LINE_VALUES).toBe(10_000)
    const text = withFrame(line)
    for (const piece of [text.length, 4093]) {
      expect(skippedOf(viaText(text, piece).outcome)).toBe(n)
      expect(skippedOf(viaBytes(text, piece).outcome)).toBe(n)
    }
  })
})

describe('results leave as their stretch closes', () => {
  it('the engine hands each result to onResult and keeps none', () => {
    const got: StretchResult[] = []
    const engine = createEngine({ eyeHeightM: 1.6, onResult: (r) => got.push(r) })
    engineStretch(engine, 0, 'bridge', null, null, null)
    engineStretch(engine, 1, 'cat-cow', null, null, null)
    expect(got.map((r) => r.stretch)).toEqual(['bridge'])
    expect(finishEngine(engine)).toEqual([])
    expect(got.map((r) => r.stretch)).toEqual(['bridge', 'cat-cow'])
  })

  it('the reader with onResult: the same results, in order, each with its file; none returned', () => {
    const text = synthTrace({
      seed: 31,
      steps: [
        { stretch: 'childs-pose', holdSeconds: 3 },
        { stretch: 'supine-twist', holdSeconds: 3 },
        { stretch: 'cat-cow', reps: 1 },
      ],
    }).text
    const whole = scoreTraceText(text, 'a.trace.jsonl')
    const got: StretchResult[] = []
    const r = createTraceReader('a.trace.jsonl', (res) => got.push(res))
    feedTraceBytes(r, encoder.encode(text))
    const out = endTraceReader(r)
    expect(out).toEqual({ ok: true, results: [] })
    expect(whole.ok && whole.results.length).toBe(3)
    expect(got).toEqual(whole.ok ? whole.results : null)
  })

  it('10⁵ stretch events: each result is handed over as the next event closes it', () => {
    const r = createTraceReader(undefined, () => n++)
    let n = 0
    feedTraceText(r, H + '\n')
    const pair =
      '{"t":1,"event":"stretch","stretch":"bridge"}\n{"t":1,"event":"stretch","stretch":"cat-cow"}\n'
    const block = pair.repeat(1000)
    for (let i = 0; i < 50; i++) {
      feedTraceText(r, block)
      // the one under way is the only one the reader holds
      expect(n).toBe((i + 1) * 2000 - 1)
    }
    expect(endTraceReader(r)).toEqual({ ok: true, results: [] })
    expect(n).toBe(100_000)
  })

  it('a refusal later in the file refuses it, and does not take back what was handed over', () => {
    const got: string[] = []
    const r = createTraceReader('f', (res) => got.push(res.stretch))
    const lines = [
      H,
      F(0),
      '{"t":1,"event":"stretch","stretch":"bridge"}',
      F(2),
      '{"t":3,"event":"stretch","stretch":"handstand"}',
      F(4),
    ]
    feedTraceText(r, lines.join('\n'))
    expect(endTraceReader(r)).toMatchObject({ ok: false, line: 5 })
    // the child's pose closed when the bridge began; the bridge was under way: no result
    expect(got).toEqual(['childs-pose'])
  })

  it('a transport failure (failTraceReader) names the line reached', () => {
    const r = createTraceReader('f')
    feedTraceText(r, [H, F(0), F(1)].join('\n') + '\n' + F(2).slice(0, 10))
    expect(traceLineReached(r)).toBe(4)
    expect(failTraceReader(r, 'gone')).toEqual({ ok: false, line: 4, reason: 'gone' })
    expect(endTraceReader(r)).toMatchObject({ ok: false, line: 4 })
    const empty = createTraceReader('f')
    expect(failTraceReader(empty, 'gone')).toEqual({ ok: false, line: 1, reason: 'gone' })
  })
})

describe('a frame that jumps more than 600 s ahead', () => {
  const frames = (ts: (number | string)[]) => [H, ...ts.map(F)].join('\n') + '\n'
  const counts = (text: string) => {
    const { outcome, r } = viaText(text)
    const again = viaBytes(text, 7)
    expect(again.outcome).toEqual(outcome)
    expect(again.r.acceptedFrames).toBe(r.acceptedFrames)
    if (!outcome.ok) throw new Error(outcome.reason)
    const res = outcome.results[0]!
    return { skipped: res.skippedFrames, accepted: r.acceptedFrames, tracked: res.trackedFraction }
  }

  it('alone (1.7e308 mid-file): skipped and counted, every later frame still read', () => {
    expect(counts(frames([0, 1, 2, '1.7e308', 3, 4, 5]))).toMatchObject({
      skipped: 1,
      accepted: 6,
      tracked: expect.any(Number),
    })
    const clean = scoreTraceText(frames([0, 1, 2, 3, 4, 5]), 'f')
    const dirty = scoreTraceText(frames([0, 1, 2, 1e308, 3, 4, 5]), 'f')
    expect(dirty.ok && { ...dirty.results[0]!, skippedFrames: 0 }).toEqual(
      clean.ok && clean.results[0],
    )
  })

  it('continued by the next frame: a long gap, not the end of the trace', () => {
    const c = counts(frames([0, 1, 2, 2000, 2001, 2002]))
    expect(c).toMatchObject({ skipped: 0, accepted: 6 })
    // the gap is untracked time: tracked ≈ 3 s of 2002 s
    expect(c.tracked).toBeLessThan(0.01)
  })

  it('the frames after a lone jump are judged against the last accepted frame', () => {
    // 1.5 goes back from 2 (the last accepted frame), not from the jump
    expect(counts(frames([0, 1, 2, 5000, 1.5, 3]))).toMatchObject({ skipped: 2, accepted: 4 })
  })

  it('two jumps in a row, the second one back: the first is dropped, the second held', () => {
    // 900 is not after 5000: 5000 was lone; 900 jumps 898 s past 2 and 901 continues it
    expect(counts(frames([0, 1, 2, 5000, 900, 901]))).toMatchObject({ skipped: 1, accepted: 5 })
  })

  it('as the last frame (nothing continues it): skipped', () => {
    expect(counts(frames([0, 1, 2, 1e9]))).toMatchObject({ skipped: 1, accepted: 3 })
  })

  it('as the first frame (measured from 0): held like any other', () => {
    expect(counts(frames([1e300, 0.01, 0.02]))).toMatchObject({ skipped: 1, accepted: 2 })
    expect(counts(frames([700, 700.01, 700.02]))).toMatchObject({ skipped: 0, accepted: 3 })
  })

  it('an event after the held frame settles it by its time (no time: skipped)', () => {
    const at = (ev: string) => [H, F(0), F(1), F(5000), ev, F(2), F(3)].join('\n') + '\n'
    // at or after the held frame: a long gap, and 2 and 3 then go back
    expect(counts(at('{"t":5000.5,"event":"pause"}'))).toMatchObject({ skipped: 2, accepted: 3 })
    expect(counts(at('{"t":2,"event":"pause"}'))).toMatchObject({ skipped: 1, accepted: 4 })
    expect(counts(at('{"event":"pause"}'))).toMatchObject({ skipped: 1, accepted: 4 })
    // an event readers do not know changes nothing: the frame after it settles the jump
    expect(counts(at('{"t":5000.5,"event":"confetti"}'))).toMatchObject({
      skipped: 1,
      accepted: 4,
    })
  })

  it('up to 600 s ahead is an ordinary gap', () => {
    expect(MAX_JUMP_SECONDS).toBe(600)
    expect(counts(frames([0, 1, 601, 0.5]))).toMatchObject({ skipped: 1, accepted: 3 })
    expect(counts(frames([0, 1, 601.5, 0.5]))).toMatchObject({ skipped: 2, accepted: 2 })
  })
})

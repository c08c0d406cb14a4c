// Bad input of docs/pose-trace.md through the engine's entry point:
// every skip-and-count rule leaves the result as it was (but for the count),
// every refusal names its line, and nothing throws.
import { describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import { synthTrace, type MalformedKind, type SynthConfig } from '../../scripts/synth/synthTrace.ts'
import { scoreTrace, scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import { allFinite } from './scoreSynth.ts'

const BASE: SynthConfig = {
  seed: 501,
  header: { stretch: 'knee-to-chest', side: 'left' },
  steps: [{ stretch: 'knee-to-chest', holdSeconds: 8, sides: ['left'] }],
}

const KINDS: MalformedKind[] = [
  'bad-json',
  'nan-string',
  'null-in-pose',
  'short-pose',
  'bad-quaternion',
  't-backwards',
  'missing-head',
  'missing-t',
]

function scored(config: SynthConfig) {
  const out = scoreTraceText(synthTrace(config).text, 'x.trace.jsonl')
  if (!out.ok) throw new Error(out.reason)
  return out.results
}

describe('lines skipped and counted', () => {
  const clean = scored(BASE)[0]!

  it.each(KINDS)('%s: skipped, counted, and the result is otherwise unchanged', (kind) => {
    const r = scored({ ...BASE, malformed: [3, 9.5, 12.25].map((at) => ({ kind, at })) })[0]!
    expect(r.skippedFrames).toBe(3)
    expect({ ...r, skippedFrames: 0 }).toEqual(clean)
  })

  it('a truncated last line is skipped and counted', () => {
    const r = scored({ ...BASE, malformed: [{ kind: 'truncated-last', at: 0 }] })[0]!
    expect(r.skippedFrames).toBe(1)
    expect({ ...r, skippedFrames: 0 }).toEqual(clean)
  })

  it('all kinds at once add up', () => {
    const malformed = KINDS.map((kind, i) => ({ kind, at: 2 + i * 1.3 }))
    malformed.push({ kind: 'truncated-last', at: 0 })
    const r = scored({ ...BASE, malformed })[0]!
    expect(r.skippedFrames).toBe(KINDS.length + 1)
    expect(r.score).toBe(clean.score)
  })

  it('quaternions off by less than 1 % are normalised, not skipped', () => {
    for (const q of [0.992, 1.008]) {
      const r = scored({ ...BASE, quatScale: q })[0]!
      expect(r.skippedFrames).toBe(0)
      expect(Math.abs(r.score - clean.score)).toBeLessThanOrEqual(1)
    }
  })

  it('quaternions off by more than 1 % make every frame bad: zeros, no throw', () => {
    const r = scored({ ...BASE, quatScale: 1.02 })[0]!
    expect(r.skippedFrames).toBeGreaterThan(1000)
    expect(r.score).toBe(0)
    expect(r.completed).toBe(false)
    expect(allFinite(r)).toBe(true)
  })

  it('a file with no usable frame scores zeros', () => {
    const text =
      '{"format":"pose-trace","version":1,"recordedAt":"2026-11-23T07:00:00.000Z","source":"synthetic","calibration":{"eyeHeight":1.6},"stretch":"bridge"}\n' +
      '{"t":0,"head":[0,1,0,0,0,0,1],"left":null}\n' +
      '{"t":"x","head":[0,1,0,0,0,0,1],"left":null,"right":null}\n' +
      '{"t":1,"head":[0,1,0,0,0,0],"left":null,"right":null}\n'
    const out = scoreTraceText(text)
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.results).toHaveLength(1)
    const r = out.results[0]!
    expect(r.stretch).toBe('bridge')
    expect(r.score).toBe(0)
    expect(r.completed).toBe(false)
    expect(r.skippedFrames).toBe(3)
    expect(allFinite(r)).toBe(true)
  })

  it('gzip is recognised by its magic bytes and gives the same result', async () => {
    const text = synthTrace(BASE).text
    const plain = await scoreTrace(new TextEncoder().encode(text), 'a.trace.jsonl')
    const gz = await scoreTrace(new Uint8Array(gzipSync(text)), 'a.trace.jsonl')
    expect(gz).toEqual(plain)
    expect(plain.ok && plain.results[0]!.file).toBe('a.trace.jsonl')
  })
})

describe('hostile lines: one absurd timestamp, one line over 1 MiB', () => {
  const text = synthTrace(BASE).text
  const clean = scored(BASE)[0]!
  const lines = text.split('\n')
  const at = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('{"t":'))

  it('t = 1.7e308 mid-file and a padded copy of a frame: two skipped frames, nothing else changes', () => {
    const bad = [...lines]
    bad.splice(at, 0, lines[at]!.replace(/^\{"t":[^,]*/, '{"t":1.7e308'))
    bad.splice(at + 10, 0, lines[at + 9]!.replace(/\}$/, ',"pad":"' + ' '.repeat(1 << 20) + '"}'))
    const out = scoreTraceText(bad.join('\n'), 'x.trace.jsonl')
    expect(out.ok).toBe(true)
    if (!out.ok) return
    const r = out.results[0]!
    expect(r.skippedFrames).toBe(2)
    expect({ ...r, skippedFrames: 0 }).toEqual(clean)
  })

  it('every frame from the middle on 30 minutes later: a long gap, untracked, not the end', () => {
    const later = lines.map((l, i) =>
      i >= at ? l.replace(/^\{"t":([^,]*)/, (_m, t: string) => '{"t":' + (Number(t) + 1800)) : l,
    )
    const out = scoreTraceText(later.join('\n'), 'x.trace.jsonl')
    expect(out.ok).toBe(true)
    if (!out.ok) return
    const r = out.results[0]!
    expect(r.skippedFrames).toBe(0)
    // the frames after the gap still count: the hold is as long as the clean one's
    expect(r.sides.left!.holdSeconds).toBeGreaterThan(clean.sides.left!.holdSeconds - 0.5)
    expect(r.trackedFraction).toBeLessThan(0.1)
    expect(allFinite(r)).toBe(true)
  })
})

describe('refusals name the line', () => {
  const header = (o: Record<string, unknown>): string =>
    JSON.stringify({
      format: 'pose-trace',
      version: 1,
      recordedAt: '2026-11-23T07:00:00.000Z',
      source: 'synthetic',
      calibration: { eyeHeight: 1.6 },
      stretch: 'bridge',
      ...o,
    })
  const frame = '{"t":0,"head":[0,1.5,0,0,0,0,1],"left":null,"right":null}'
  const cases: [string, string, number][] = [
    ['an empty file', '', 1],
    ['a header that is not JSON', '{"format":"pose-trace",\n' + frame, 1],
    ['a frame instead of a header', frame + '\n' + frame, 1],
    ['a wrong format', header({ format: 'other' }) + '\n' + frame, 1],
    ['a wrong version', header({ version: 2 }) + '\n' + frame, 1],
    ['a missing eye height', header({ calibration: {} }) + '\n' + frame, 1],
    ['an eye height under 0.5 m', header({ calibration: { eyeHeight: 0.4 } }) + '\n' + frame, 1],
    ['an eye height over 2.3 m', header({ calibration: { eyeHeight: 2.31 } }) + '\n' + frame, 1],
    ['an unknown header stretch', header({ stretch: 'headstand' }) + '\n' + frame, 1],
    ['no stretch anywhere', header({ stretch: undefined }) + '\n' + frame, 1],
    [
      'an unknown stretch in an event',
      header({}) +
        '\n' +
        frame +
        '\n' +
        frame +
        '\n{"t":1,"event":"stretch","stretch":"headstand"}',
      4,
    ],
  ]
  it.each(cases)('%s', (_name, text, line) => {
    const out = scoreTraceText(text, 'bad.trace.jsonl')
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.line).toBe(line)
    expect(out.reason.length).toBeGreaterThan(5)
  })

  it('unknown header keys and unknown events are ignored', () => {
    const text =
      header({ mood: 'sunny' }) +
      '\n' +
      frame +
      '\n{"t":0.5,"event":"confetti"}\n' +
      frame.replace('"t":0', '"t":1')
    const out = scoreTraceText(text)
    expect(out.ok).toBe(true)
  })
})

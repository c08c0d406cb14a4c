import { describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import { scoreTrace, scoreTraceText } from '../../../src/core/trace/scoreTrace.ts'
import {
  createTraceReader,
  endTraceReader,
  feedTraceText,
} from '../../../src/core/trace/traceReader.ts'
import { SCAN_OK, scanFrameLine } from '../../../src/core/trace/frameLineScanner.ts'
import {
  createTraceWriter,
  formatEventLine,
  formatFrameLine,
  formatHeaderLine,
  writeFrame,
  type TraceHeader,
} from '../../../src/core/trace/traceWriter.ts'
import { createPoseFrame, INPUT_HAND } from '../../../src/core/poseFrame.ts'
import { rng } from '../engine/poseKit.ts'

const HEADER: TraceHeader = {
  format: 'pose-trace',
  version: 1,
  recordedAt: '2026-11-23T07:00:00.000Z',
  source: 'synthetic',
  calibration: { eyeHeight: 1.62 },
  stretch: 'childs-pose',
}
const H = formatHeaderLine(HEADER)
const F = (t: number) => `{"t":${t},"head":[0,1.5,0,0,0,0,1],"left":null,"right":null}`

function refusal(text: string) {
  const out = scoreTraceText(text)
  return out.ok ? null : out
}
function skipped(text: string): number {
  const out = scoreTraceText(text)
  if (!out.ok) throw new Error(out.reason)
  return out.results[0]!.skippedFrames
}

describe('trace reader: whole-file refusals name the line', () => {
  const cases: [string, string, number, RegExp][] = [
    ['empty file', '', 1, /empty/],
    ['header not JSON', '{"format":\n' + F(0), 1, /not valid JSON/],
    ['header missing (a frame first)', F(0) + '\n' + F(1), 1, /header is missing/],
    ['wrong format', H.replace('pose-trace', 'pose-track') + '\n', 1, /format/],
    ['wrong version', H.replace('"version":1', '"version":2') + '\n', 1, /version/],
    [
      'no eye height',
      H.replace('"calibration":{"eyeHeight":1.62}', '"calibration":{}') + '\n',
      1,
      /eyeHeight is missing/,
    ],
    ['eye height too low', H.replace('1.62', '0.4') + '\n', 1, /outside 0.5–2.3/],
    ['eye height too high', H.replace('1.62', '2.31') + '\n', 1, /outside 0.5–2.3/],
    ['unknown header stretch', H.replace('childs-pose', 'headstand') + '\n', 1, /unknown stretch/],
    [
      'no stretch anywhere',
      H.replace(',"stretch":"childs-pose"', '') + '\n' + F(0),
      1,
      /no stretch/,
    ],
    [
      'unknown stretch in an event (its line)',
      H + '\n' + F(0) + '\n{"t":1,"event":"stretch","stretch":"yoga"}\n',
      3,
      /unknown stretch/,
    ],
  ]
  it.each(cases)('%s', (_name, text, line, reason) => {
    const r = refusal(text)
    expect(r).not.toBeNull()
    expect(r!.line).toBe(line)
    expect(r!.reason).toMatch(reason)
  })
})

describe('trace reader: bad frame lines are skipped and counted', () => {
  const bad: [string, string][] = [
    ['not JSON', '{"t":1,"head":[0,1.5'],
    ['no t', '{"head":[0,1.5,0,0,0,0,1],"left":null,"right":null}'],
    ['t a string', '{"t":"1","head":[0,1.5,0,0,0,0,1],"left":null,"right":null}'],
    ['no head', '{"t":1,"left":null,"right":null}'],
    ['no left', '{"t":1,"head":[0,1.5,0,0,0,0,1],"right":null}'],
    ['six numbers', '{"t":1,"head":[0,1.5,0,0,0,1],"left":null,"right":null}'],
    ['a string in a pose', '{"t":1,"head":[0,"NaN",0,0,0,0,1],"left":null,"right":null}'],
    ['a null in a pose', '{"t":1,"head":[0,null,0,0,0,0,1],"left":null,"right":null}'],
    ['quaternion 2 % long', '{"t":1,"head":[0,1.5,0,0,0,0,1.02],"left":null,"right":null}'],
    ['a JSON array', '[1,2,3]'],
  ]
  it.each(bad)('%s', (_name, line) => {
    expect(skipped(H + '\n' + F(0) + '\n' + line + '\n' + F(2) + '\n')).toBe(1)
  })
  it('t lower than the previous frame', () => {
    expect(skipped([H, F(0), F(2), F(1), F(3)].join('\n'))).toBe(1)
  })
  it('a truncated last line', () => {
    expect(skipped(H + '\n' + F(0) + '\n' + F(1).slice(0, 30))).toBe(1)
  })
  it('equal t and a quaternion 0.5 % long are fine', () => {
    const q = '{"t":1,"head":[0,1.5,0,0,0,0,1.005],"left":null,"right":null}'
    expect(skipped([H, F(0), F(1), F(1), q].join('\n'))).toBe(0)
  })
  it('blank lines, CRLF and unknown keys and events are ignored', () => {
    const text = [H.replace('{', '{"extra":5,'), F(0), '', '{"t":0.5,"event":"dance"}', F(1)].join(
      '\r\n',
    )
    expect(skipped(text)).toBe(0)
  })
  it('no usable frame scores zeros, finite', () => {
    const out = scoreTraceText(
      H + '\n' + '{"t":1,"head":[0,1,0,0,0,0,5],"left":null,"right":null}\n',
    )
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.results[0]!.score).toBe(0)
    expect(out.results[0]!.skippedFrames).toBe(1)
    expect(Number.isFinite(out.results[0]!.trackedFraction)).toBe(true)
  })
})

describe('reader: streaming and gzip', () => {
  it('any chunking gives the same result', () => {
    const lines = [H]
    for (let i = 0; i < 200; i++) lines.push(F(i / 90))
    lines.push('{"t":3,"event":"pain"}')
    const text = lines.join('\n') + '\n'
    const whole = scoreTraceText(text, 'a')
    const r = createTraceReader('a')
    const rand = rng(11)
    for (let o = 0; o < text.length;) {
      const n = 1 + Math.floor(rand() * 97)
      feedTraceText(r, text.slice(o, o + n))
      o += n
    }
    expect(endTraceReader(r)).toEqual(whole)
    expect(r.acceptedFrames).toBe(200)
  })
  it('gzip by magic bytes, not by name; a damaged gzip is refused', async () => {
    const text = [H, F(0), F(1)].join('\n')
    const plain = await scoreTrace(new TextEncoder().encode(text), 'x.trace.jsonl')
    const gz = await scoreTrace(new Uint8Array(gzipSync(text)), 'x.trace.jsonl')
    expect(gz).toEqual(plain)
    const broken = new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4, 5])
    const out = await scoreTrace(broken, 'b')
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.line).toBe(1)
  })
})

describe('line scanner agrees with JSON.parse', () => {
  it('on random numbers of every shape', () => {
    const rand = rng(5)
    const frame = createPoseFrame()
    const out = { keys: 0 }
    for (let i = 0; i < 3000; i++) {
      const nums: number[] = []
      for (let k = 0; k < 7; k++) {
        const kind = i % 5
        const x =
          kind === 0
            ? rand() * 2 - 1
            : kind === 1
              ? Math.round((rand() * 4 - 2) * 1e5) / 1e5
              : kind === 2
                ? Math.fround(rand() * 3)
                : kind === 3
                  ? (rand() - 0.5) * 1e-7
                  : Math.round(rand() * 1000)
        nums.push(x)
      }
      const line = `{"t":${i},"head":${JSON.stringify(nums)},"left":null,"right":null,"emulated":["left"]}`
      expect(scanFrameLine(line, 0, line.length, frame, out)).toBe(SCAN_OK)
      const parsed = JSON.parse(line) as { head: number[] }
      for (let k = 0; k < 7; k++) expect(Object.is(frame.poses[k], parsed.head[k]), line).toBe(true)
      expect(frame.emulated[1]).toBe(1)
    }
  })
})

describe('trace writer', () => {
  it('writes the exact numbers back (shortest round trip), emulated only when some pose is, input only on change', () => {
    const rand = rng(9)
    const f = createPoseFrame()
    const w = createTraceWriter()
    const lines = [H]
    const written: number[][] = []
    for (let i = 0; i < 50; i++) {
      f.t = i / 72 + rand() * 1e-4
      for (let k = 0; k < 21; k++) f.poses[k] = rand() * 2 - 1
      for (let p = 0; p < 3; p++) {
        const q = p * 7 + 3
        const l = Math.hypot(f.poses[q]!, f.poses[q + 1]!, f.poses[q + 2]!, f.poses[q + 3]!)
        for (let k = 0; k < 4; k++) f.poses[q + k] = f.poses[q + k]! / l
      }
      f.tracked.fill(1)
      f.tracked[2] = i % 7 === 0 ? 0 : 1
      f.emulated.fill(0)
      f.emulated[1] = i % 5 === 0 ? 1 : 0
      f.input[0] = i >= 25 ? INPUT_HAND : 0
      const line = writeFrame(w, f)
      expect(line.includes('"emulated"')).toBe(i % 5 === 0)
      expect(line.includes('"input"')).toBe(i === 25)
      lines.push(line)
      written.push([f.t, ...f.poses])
    }
    lines.push(formatEventLine({ kind: 'pause', t: 1 }))
    for (let i = 0; i < 50; i++) {
      const o = JSON.parse(lines[i + 1]!) as { t: number; head: number[]; left: number[] }
      expect(o.t).toBe(written[i]![0])
      expect(o.head).toEqual(written[i]!.slice(1, 8))
      expect(o.left).toEqual(written[i]!.slice(8, 15))
    }
    expect(JSON.parse(lines.at(-1)!)).toEqual({ t: 1, event: 'pause' })
    expect(scoreTraceText(lines.join('\n')).ok).toBe(true)
  })
  it('formatFrameLine keeps −0 and writes untracked poses as null', () => {
    const f = createPoseFrame()
    f.t = -0
    f.poses[6] = 1
    f.tracked[0] = 1
    expect(formatFrameLine(f)).toBe('{"t":-0,"head":[0,0,0,0,0,0,1],"left":null,"right":null}')
  })
})

// The bytes path of the trace reader (feedTraceBytes, frame lines read by
// scanFrameBytes) gives exactly what the text path (feedTraceText on the decoded
// text) gives: same results, same refusals, same line numbers, same frames accepted,
// for every chunking, on good traces and on mangled ones.
import { describe, expect, it } from 'vitest'
import {
  createTraceReader,
  endTraceReader,
  feedTraceBytes,
  feedTraceText,
} from '../../../src/core/trace/traceReader.ts'
import { SCAN_OK, scanFrameBytes, scanFrameLine } from '../../../src/core/trace/frameLineScanner.ts'
import { createPoseFrame } from '../../../src/core/poseFrame.ts'
import { synthTrace } from '../../../scripts/synth/synthTrace.ts'
import { rng } from '../engine/poseKit.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

function viaText(bytes: Uint8Array) {
  const r = createTraceReader('f')
  feedTraceText(r, decoder.decode(bytes))
  const outcome = endTraceReader(r)
  return { outcome, accepted: r.acceptedFrames, lines: r.line }
}

/** Feeds the bytes in pieces cut where `cut` says (a piece can end inside a UTF-8 character). */
function viaBytes(bytes: Uint8Array, cut: () => number) {
  const r = createTraceReader('f')
  for (let o = 0; o < bytes.length;) {
    const n = Math.max(1, cut())
    feedTraceBytes(r, bytes.subarray(o, o + n))
    o += n
  }
  const outcome = endTraceReader(r)
  return { outcome, accepted: r.acceptedFrames, lines: r.line }
}

function expectSame(bytes: Uint8Array, rand: () => number, what = '', tiny = true): void {
  const text = viaText(bytes)
  expect(
    viaBytes(bytes, () => bytes.length),
    what,
  ).toEqual(text)
  expect(
    viaBytes(bytes, () => 1 + Math.floor(rand() * 300)),
    what,
  ).toEqual(text)
  if (tiny)
    expect(
      viaBytes(bytes, () => 1 + Math.floor(rand() * 4)),
      what,
    ).toEqual(text)
}

const H =
  '{"format":"pose-trace","version":1,"calibration":{"eyeHeight":1.62},"stretch":"childs-pose"}'
const P = '[0.1,1.5,-0.2,0,0,0,1]'
const F = (t: number | string, rest = '') =>
  `{"t":${t},"head":${P},"left":${P},"right":[0.3,0.9,0.1,0,0.7071068,0,0.7071068]${rest}}`

describe('bytes path = text path', () => {
  it('on synthetic traces with faults and malformed lines, in any chunking', () => {
    const rand = rng(21)
    const text = synthTrace({
      seed: 71,
      unevenTiming: true,
      steps: [
        { stretch: 'childs-pose', holdSeconds: 4 },
        { stretch: 'cat-cow', reps: 2 },
      ],
      faults: [
        { kind: 'null', pose: 'left', from: 3, to: 3.5 },
        { kind: 'emulated', pose: 'head', from: 4, to: 4.4 },
        { kind: 'pause', from: 6, to: 6.5 },
        { kind: 'input', at: 7, hand: 'right', input: 'hand' },
        { kind: 'equal-t', at: 8 },
      ],
      malformed: [
        { kind: 'bad-json', at: 2 },
        { kind: 'nan-string', at: 2.5 },
        { kind: 'short-pose', at: 3.2 },
        { kind: 't-backwards', at: 5 },
        { kind: 'missing-t', at: 9 },
        { kind: 'truncated-last', at: 0 },
      ],
    }).text
    const bytes = encoder.encode(text)
    const text0 = viaText(bytes)
    expect(text0.outcome.ok).toBe(true)
    expect(text0.accepted).toBeGreaterThan(1000)
    expectSame(bytes, rand)
    expectSame(encoder.encode(text.replaceAll('\n', '\r\n')), rand, 'CRLF')
  })

  it('on the lines the byte scanner leaves to the text path', () => {
    const rand = rng(5)
    const lines = [
      '\uFEFF' + H,
      F(0),
      F('0.0111111111111111111'), // more than 15 digits
      F('1e-2'),
      F('0.03', ',"emulated":["left","h\\u0065ad"]'),
      F('0.04', ',"emulated":["lé","right"]'),
      F('0.05', ',"input":{"left":"hand"}'),
      F('0.06', ',"héad":1'),
      F('0.07').replace('"head":[0.1', '"head":[ 0.1 '),
      F('0.08').replace('"head":' + P, '"head":' + P + ',"head":null'),
      F('0.09').replace('0.1,1.5', '01,1.5'),
      F('-0'),
      F('0.1').replace('"t":0.1', '"\\u0074":0.1'),
      '  \t ',
      '',
      '\uFEFF' + F('0.11'),
      '{"t":0.12,"event":"pain"}',
      '{"event":"stretch","stretch":"cat-cow","t":0.13}',
      F('0.14', ',"emulated":["right"\r]'),
      F(0.15) + '\r',
      F(0.16) + '  ',
      F('1234567890.5'),
      F('12345678901234.5'),
      F('0.17').replace('0.7071068,0,0.7071068', '0.70710678118654752,0,0.7071068'),
      F('0.18').replace(/\]}$/, ']  }'),
      '{"t":0.19,"head":nul',
    ]
    const bytes = encoder.encode(lines.join('\n'))
    expect(viaText(bytes).outcome.ok).toBe(true)
    expectSame(bytes, rand)
  })

  it('on refusals, which name the same line', () => {
    const rand = rng(6)
    const cases = [
      '',
      '\n\n',
      F(0) + '\n' + H,
      H.replace('"version":1', '"version":2') + '\n' + F(0),
      H + '\n' + F(0) + '\n{"event":"stretch","stretch":"handstand","t":1}\n' + F(2),
      H.replace(',"stretch":"childs-pose"', '') + '\n' + F(0),
      '\uFEFF',
      '\xff\xfe' + H,
    ]
    for (const c of cases) {
      const bytes = encoder.encode(c)
      expect(viaText(bytes).outcome.ok, c).toBe(false)
      expectSame(bytes, rand, c)
    }
  })

  it('on bad UTF-8 anywhere, cut anywhere', () => {
    const rand = rng(8)
    const good = encoder.encode([H, F(0), F(0.01), '{"t":0.02,"event":"pain"}', F(0.03)].join('\n'))
    const junk = [0x80, 0xbf, 0xc3, 0xe2, 0x82, 0xed, 0xa0, 0xf0, 0x9f, 0xff, 0xef, 0xbb]
    for (let i = 0; i < 200; i++) {
      const b = Array.from(good)
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(rand() * b.length)
        b.splice(at, 0, junk[Math.floor(rand() * junk.length)]!)
      }
      expectSame(new Uint8Array(b), rand, String(i))
    }
  })

  it('on 300 randomly mangled traces', () => {
    const rand = rng(9)
    const base = synthTrace({
      seed: 72,
      steps: [{ stretch: 'knee-to-chest', holdSeconds: 2 }],
    }).text.split('\n')
    const pool = encoder.encode('0123456789.-+eE",:[]{} \t\r\nnulé\\')
    for (let i = 0; i < 300; i++) {
      const lines = base.slice(0, 40 + Math.floor(rand() * 80))
      const b: number[] = []
      for (let l = 0; l < lines.length; l++) {
        const line = Array.from(encoder.encode(lines[l]!))
        if (l > 0 && rand() < 0.3) {
          const at = Math.floor(rand() * line.length)
          const op = rand()
          const c = pool[Math.floor(rand() * pool.length)]!
          if (op < 0.4) line[at] = c
          else if (op < 0.7) line.splice(at, 1)
          else line.splice(at, 0, c)
        }
        b.push(...line, 10)
      }
      expectSame(new Uint8Array(b), rand, String(i), i % 10 === 0)
    }
  }, 30_000)
})

describe('byte scanner', () => {
  it('writes exactly what the text scanner writes whenever it accepts a line', () => {
    const rand = rng(10)
    const a = createPoseFrame()
    const b = createPoseFrame()
    const outA = { keys: 0 }
    const outB = { keys: 0 }
    let accepted = 0
    for (let i = 0; i < 3000; i++) {
      const nums: string[] = []
      const kind = i % 6
      for (let k = 0; k < 7; k++) {
        const x =
          kind === 0
            ? rand() * 2 - 1
            : kind === 1
              ? Math.round((rand() * 4 - 2) * 1e5) / 1e5
              : kind === 2
                ? Math.fround(rand() * 3)
                : kind === 3
                  ? (rand() - 0.5) * 1e-7
                  : kind === 4
                    ? Math.round(rand() * 1e12) / 1e3
                    : Math.round(rand() * 1000)
        nums.push(String(x))
      }
      const line = `{"t":${Math.round((i / 90) * 1e6) / 1e6},"head":[${nums.join(',')}],"left":null,"right":${P}}`
      const bytes = encoder.encode(line)
      a.poses.fill(7)
      b.poses.fill(7)
      const okA = scanFrameLine(line, 0, line.length, a, outA)
      expect(okA).toBe(SCAN_OK)
      if (scanFrameBytes(bytes, 0, bytes.length, b, outB) !== bytes.length) continue
      accepted++
      expect(outB.keys).toBe(outA.keys)
      expect(Object.is(a.t, b.t)).toBe(true)
      for (let k = 0; k < 21; k++) expect(Object.is(a.poses[k], b.poses[k]), line).toBe(true)
      expect(Array.from(b.tracked)).toEqual(Array.from(a.tracked))
    }
    // exponents and over-15-digit numbers go to the text path; the rest are read here
    expect(accepted).toBeGreaterThan(1000)
  })

  it('reads every length of integer and fraction, at any distance from the end of the array', () => {
    const rand = rng(12)
    const a = createPoseFrame()
    const b = createPoseFrame()
    const outA = { keys: 0 }
    const outB = { keys: 0 }
    const digits = (n: number) => {
      let d = ''
      for (let k = 0; k < n; k++) d += String(Math.floor(rand() * 10))
      return d
    }
    let accepted = 0
    for (let i = 0; i < 4000; i++) {
      const int = i % 7 === 0 ? '0' : digits(1 + (i % 11))
      const frac = i % 3 === 0 ? '' : '.' + digits(1 + Math.floor(rand() * 14))
      const x = (rand() < 0.5 ? '-' : '') + int + frac
      const line = `{"t":${x},"head":null,"left":[${x},${x},${x},0,0,0,${x}],"right":null}`
      // the line at the very end of the array, or followed by a LF and more bytes
      const tail = i % 2 === 0 ? '' : '\n' + '1234567'.slice(0, i % 8)
      const bytes = encoder.encode(line + tail)
      a.poses.fill(7)
      b.poses.fill(7)
      const okA = scanFrameLine(line, 0, line.length, a, outA) === SCAN_OK
      const endB = scanFrameBytes(bytes, 0, bytes.length, b, outB)
      if (endB < 0) continue
      accepted++
      expect(okA, x).toBe(true)
      expect(endB).toBe(line.length)
      expect(outB.keys).toBe(outA.keys)
      expect(Object.is(a.t, b.t), x).toBe(true)
      for (let k = 0; k < 21; k++) expect(Object.is(a.poses[k], b.poses[k]), x).toBe(true)
      // at most 15 digits and no exponent: m / 10^k, both exact, is the correctly rounded value
      expect(Object.is(b.t, Number(x)), x).toBe(true)
    }
    expect(accepted).toBeGreaterThan(1500)
  })
})

describe('compact frame lines (the byte scanner reads them without end checks)', () => {
  // A line with plenty of bytes after it takes the compact scan; the same line alone in
  // its array is too close to the end for it and takes the general scan: both must give
  // the same answer for every line, good or mangled.
  const padding = '\n' + F(9).repeat(4)
  function expectBothScansAgree(line: string): boolean {
    const alone = encoder.encode(line)
    const padded = encoder.encode(line + padding)
    const a = createPoseFrame()
    const b = createPoseFrame()
    a.poses.fill(7)
    b.poses.fill(7)
    a.emulated.fill(1)
    b.emulated.fill(1)
    const outA = { keys: 0 }
    const outB = { keys: 0 }
    const endA = scanFrameBytes(alone, 0, alone.length, a, outA)
    const endB = scanFrameBytes(padded, 0, padded.length, b, outB)
    expect(endB, line).toBe(endA)
    if (endA < 0) return false
    expect(endA).toBe(alone.length)
    expect(outB.keys, line).toBe(outA.keys)
    expect(Object.is(a.t, b.t), line).toBe(true)
    for (let k = 0; k < 21; k++) expect(Object.is(a.poses[k], b.poses[k]), line).toBe(true)
    expect(Array.from(b.tracked), line).toEqual(Array.from(a.tracked))
    expect(Array.from(b.emulated), line).toEqual(Array.from(a.emulated))
    return true
  }

  it('reads every length of number as the general scan does', () => {
    const rand = rng(13)
    const digits = (n: number) => {
      let d = ''
      for (let k = 0; k < n; k++) d += String(Math.floor(rand() * 10))
      return d
    }
    const num = () => {
      // mostly short, now and then up to 12 + 14 digits (over 15 in all: the text path's)
      const int = rand() < 0.2 ? '0' : digits(1 + Math.floor(rand() ** 4 * 12))
      const frac = rand() < 0.2 ? '' : '.' + digits(1 + Math.floor(rand() ** 2 * 14))
      return (rand() < 0.5 ? '-' : '') + int + frac
    }
    const pose = () => {
      if (rand() < 0.1) return 'null'
      const xs: string[] = []
      for (let k = 0; k < 7; k++) xs.push(num())
      return '[' + xs.join(',') + ']'
    }
    let accepted = 0
    for (let i = 0; i < 3000; i++) {
      const emulated =
        i % 5 === 0 ? ',"emulated":["right","head"]' : i % 7 === 0 ? ',"emulated":[]' : ''
      const line = `{"t":${num()},"head":${pose()},"left":${pose()},"right":${pose()}${emulated}}`
      if (expectBothScansAgree(line)) accepted++
    }
    // lines with a number over 15 digits are left to the text path by both
    expect(accepted).toBeGreaterThan(300)
  })

  it('gives up on exactly the lines the general scan gives up on, however mangled', () => {
    const rand = rng(14)
    const pool = encoder.encode('0123456789.-+eE",:[]{} \t\r\nnulé\\')
    const base = [
      F(0.5),
      F(1234.567891),
      F('-0'),
      F(3, ',"emulated":["left"]'),
      F(4, ',"input":{"left":"hand"}'),
      '{"t":5,"head":null,"left":null,"right":null}',
      '{"t":6,"event":"pain"}',
    ]
    let accepted = 0
    for (let i = 0; i < 4000; i++) {
      const line = Array.from(encoder.encode(base[i % base.length]!))
      const changes = 1 + Math.floor(rand() * 2)
      for (let k = 0; k < changes; k++) {
        const at = Math.floor(rand() * line.length)
        const c = pool[Math.floor(rand() * pool.length)]!
        const op = rand()
        if (op < 0.4) line[at] = c
        else if (op < 0.7) line.splice(at, 1)
        else line.splice(at, 0, c)
      }
      // a LF inside the line ends it there: scan up to it only
      const text = decoder.decode(new Uint8Array(line)).split('\n')[0]!
      if (expectBothScansAgree(text)) accepted++
    }
    expect(accepted).toBeGreaterThan(200)
  })
})

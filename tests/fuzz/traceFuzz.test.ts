// Seeded fuzz and fault suite for the trace reader and the command line
// (docs/pose-trace.md, Bad input): real and synthetic traces mutated (byte flips,
// dropped, duplicated and swapped lines, corrupted numbers, NaN / Infinity / 1e308 /
// negative timestamps, stray events), gzip damaged (bad CRC, bad length, cuts at many
// points, trailing garbage, a second member), lines over 1 MiB with and without a LF,
// and huge counts (10⁶ stretch events, a gzip bomb, a 300 MB file). Nothing crashes or
// hangs, every refusal reads `<file>:<line>: <reason>`, the exit code is 0 or 2, every
// result keeps the result contract, the file after a refused one is still scored,
// and the command line's peak memory stays under 256 MB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import {
  closeSync,
  createWriteStream,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createGzip, gunzipSync, gzipSync } from 'node:zlib'
import { createRng, type Rng } from '../../scripts/synth/prng.ts'
import { synthTrace } from '../../scripts/synth/synthTrace.ts'
import type { StretchResult } from '../../src/core/result.ts'
import { STRETCH_IDS } from '../../src/core/stretches.ts'
import { scoreTrace } from '../../src/core/trace/scoreTrace.ts'
import {
  createTraceReader,
  endTraceReader,
  feedTraceBytes,
  feedTraceText,
  MAX_LINE_BYTES,
  type TraceOutcome,
} from '../../src/core/trace/traceReader.ts'

const root = join(import.meta.dirname, '..', '..')
const bin = join(root, 'bin', 'stretchcoach-score.mjs')
const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/** Peak memory the command line may use on any input. */
const MAX_RSS_BYTES = 256 * 2 ** 20

// --- the result contract (docs/pose-trace.md, The result; src/core/result.ts) ---

const SIDES = ['left', 'right', 'both']

function inUnit(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1
}
function isScore(x: unknown): boolean {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 100
}

/** What breaks the contract in a result ([] when nothing does). */
function contractProblems(r: StretchResult, file?: string): string[] {
  const bad: string[] = []
  const must = (ok: boolean, what: string) => {
    if (!ok) bad.push(what + ' in ' + JSON.stringify(r).slice(0, 300))
  }
  must((STRETCH_IDS as readonly string[]).includes(r.stretch), 'stretch id')
  must(typeof r.engineVersion === 'string' && r.engineVersion.length > 0, 'engineVersion')
  must(typeof r.completed === 'boolean' && typeof r.pain === 'boolean', 'booleans')
  must(isScore(r.score), 'score 0–100')
  must(inUnit(r.trackedFraction), 'trackedFraction 0–1')
  must(Number.isInteger(r.skippedFrames) && r.skippedFrames >= 0, 'skippedFrames')
  if (file !== undefined) must(r.file === file, 'file')
  for (const [side, s] of Object.entries(r.sides)) {
    must(SIDES.includes(side), 'side name')
    if (!s) continue
    must(Number.isFinite(s.holdSeconds) && s.holdSeconds >= 0, 'holdSeconds')
    must(s.reps === null || (Number.isInteger(s.reps) && s.reps >= 0), 'reps')
    must(inUnit(s.range) && inUnit(s.stability), 'range, stability 0–1')
    must(isScore(s.score), 'side score 0–100')
  }
  return bad
}

function outcomeProblems(out: TraceOutcome, file?: string): string[] {
  if (!out.ok) {
    return Number.isInteger(out.line) && out.line >= 1 && out.reason.length > 0
      ? []
      : ['refusal ' + JSON.stringify(out)]
  }
  return out.results.flatMap((r) => contractProblems(r, file))
}

// --- mutations ---

const WEIRD_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-1e308',
  '1.7e308',
  '1e309',
  '-1e309',
  '-0',
  '5e-324',
  '1e-400',
  '1e21',
  '-1e21',
  '9'.repeat(400),
  '-' + '9'.repeat(30),
  '0.' + '1'.repeat(40),
  '-12345.678',
  '"1"',
  'null',
  'true',
  '[]',
  '{}',
  '-',
  '1e',
  '.5',
  '01',
  '0x10',
]
const WEIRD_T = ['NaN', 'Infinity', '-Infinity', '1e308', '-1e308', '1.7e308', '-5', '1e12', '700']

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)]!
const int = (rng: Rng, n: number): number => Math.floor(rng.uniform() * n)

/** A stray event line: known or unknown, good or unknown stretch ids, with odd times. */
function strayEvent(rng: Rng): string {
  const t = rng.uniform() < 0.7 ? String(rng.range(0, 100)) : pick(rng, WEIRD_T)
  switch (int(rng, 6)) {
    case 0:
      return `{"t":${t},"event":"stretch","stretch":"${pick(rng, STRETCH_IDS)}","side":"${pick(rng, ['left', 'right'])}"}`
    case 1:
      return `{"t":${t},"event":"stretch","stretch":"handstand"}`
    case 2:
      return `{"t":${t},"event":"${pick(rng, ['pause', 'resume', 'reset', 'pain'])}"}`
    case 3:
      return `{"t":${t},"event":"visibility","state":"${pick(rng, ['hidden', 'visible', 'x'])}"}`
    case 4:
      return `{"event":"pause"}`
    default:
      return `{"t":${t},"event":"confetti"}`
  }
}

/** Mutates a trace's lines (line 0, the header, mostly spared) a few times over. */
function mutateLines(lines: string[], rng: Rng): string[] {
  const out = [...lines]
  const n = 1 + int(rng, 8)
  for (let k = 0; k < n && out.length > 1; k++) {
    const at = 1 + int(rng, out.length - 1)
    const op = int(rng, 9)
    if (op === 0) out.splice(at, 1 + int(rng, 20))
    else if (op === 1) out.splice(at, 0, ...out.slice(at, at + 1 + int(rng, 5)))
    else if (op === 2) {
      const b = 1 + int(rng, out.length - 1)
      ;[out[at], out[b]] = [out[b]!, out[at]!]
    } else if (op === 3) {
      // corrupt one number
      let seen = 0
      const target = int(rng, 20)
      out[at] = out[at]!.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (m) =>
        seen++ === target ? pick(rng, WEIRD_NUMBERS) : m,
      )
    } else if (op === 4) out[at] = out[at]!.replace(/"t":[^,}]*/, '"t":' + pick(rng, WEIRD_T))
    else if (op === 5) out.splice(at, 0, strayEvent(rng))
    else if (op === 6) out[at] = out[at]!.slice(0, int(rng, out[at]!.length))
    else if (op === 7) out[at] = ''
    else if (k === 0 && rng.uniform() < 0.2) out[0] = out[0]!.replace('"version":1', '"version":2')
  }
  return out
}

/** Flips a few random bits, anywhere (the header too). */
function flipBytes(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = bytes.slice()
  const n = 1 + int(rng, 6)
  for (let k = 0; k < n; k++) out[int(rng, out.length)]! ^= 1 << int(rng, 8)
  return out
}

// --- the traces the mutations start from ---

let dir = ''
const bases: { name: string; lines: string[] }[] = []

function realLines(name: string, keep: number): string[] {
  const text = gunzipSync(readFileSync(join(root, 'tests/fixtures/real-motion', name)))
    .toString('utf8')
    // named as a child's pose so that it gets a result
    .replace('"calibration":', '"stretch":"childs-pose","calibration":')
  return text.split('\n').slice(0, keep)
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stretchcoach-fuzz-'))
  bases.push({ name: 'quest2', lines: realLines('quest2-scripted-movement.trace.jsonl.gz', 1500) })
  bases.push({ name: 'vive', lines: realLines('beatsaber-vive-play.trace.jsonl.gz', 1500) })
  bases.push({
    name: 'synth',
    lines: synthTrace({
      seed: 901,
      unevenTiming: true,
      steps: [
        { stretch: 'childs-pose', holdSeconds: 4 },
        { stretch: 'cat-cow', reps: 2 },
        { stretch: 'knee-to-chest', holdSeconds: 3 },
      ],
      faults: [
        { kind: 'null', pose: 'left', from: 3, to: 3.5 },
        { kind: 'pause', from: 6, to: 6.5 },
        { kind: 'input', at: 7, hand: 'right', input: 'hand' },
      ],
    }).text.split('\n'),
  })
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** The text path and the bytes path (cut at random) on the same bytes. */
function readBoth(bytes: Uint8Array, rng: Rng, file: string) {
  const t = createTraceReader(file)
  feedTraceText(t, decoder.decode(bytes))
  const viaText = endTraceReader(t)
  const b = createTraceReader(file)
  for (let o = 0; o < bytes.length;) {
    const n = 1 + int(rng, 5000)
    feedTraceBytes(b, bytes.subarray(o, o + n))
    o += n
  }
  return { viaText, viaBytes: endTraceReader(b) }
}

describe('mutated traces through the reader', () => {
  it('480 mutations of real and synthetic traces: no throw, the contract holds, both paths agree', () => {
    const rng = createRng(7001)
    let refused = 0
    let results = 0
    const problems: string[] = []
    for (let i = 0; i < 480; i++) {
      const base = bases[i % bases.length]!
      let bytes: Uint8Array<ArrayBufferLike> = encoder.encode(
        mutateLines(base.lines, rng).join('\n'),
      )
      if (i % 3 === 0) bytes = flipBytes(bytes, rng)
      const { viaText, viaBytes } = readBoth(bytes, rng, 'm.trace.jsonl')
      expect(viaBytes, `mutation ${i} of ${base.name}`).toEqual(viaText)
      problems.push(...outcomeProblems(viaText, 'm.trace.jsonl'))
      if (viaText.ok) results += viaText.results.length
      else refused++
    }
    expect(problems.slice(0, 5)).toEqual([])
    // the mutations leave most traces readable: the engine, not only the reader, is fuzzed
    expect(refused).toBeLessThan(240)
    expect(results).toBeGreaterThan(320)
  }, 60_000)

  it('lines over 1 MiB, with and without a LF, among good lines: skipped and counted', () => {
    const rng = createRng(7002)
    const lines = bases[2]!.lines.filter((l) => l !== '')
    for (let i = 0; i < 6; i++) {
      const at = 2 + int(rng, lines.length - 2)
      // a copy of a frame padded past the limit (read as a frame, were it not so long), or junk
      const frame = lines.slice(0, at).findLast((l) => !l.includes('"event"'))!
      const padding = 'x'.repeat(MAX_LINE_BYTES + int(rng, 3000))
      const long = i % 2 === 0 ? frame.replace(/\}$/, ',"pad":"' + padding + '"}') : padding
      const withLong = [...lines.slice(0, at), long, ...lines.slice(at)]
      const text = i < 4 ? withLong.join('\n') + '\n' : lines.join('\n') + '\n' + long
      const { viaText, viaBytes } = readBoth(encoder.encode(text), rng, 'l')
      expect(viaBytes).toEqual(viaText)
      const clean = readBoth(encoder.encode(lines.join('\n') + '\n'), rng, 'l').viaText
      expect(viaText.ok && clean.ok).toBe(true)
      if (!viaText.ok || !clean.ok) return
      const skipped = (o: typeof clean) => o.results.reduce((n, r) => n + r.skippedFrames, 0)
      expect(skipped(viaText)).toBe(skipped(clean) + 1)
    }
  }, 30_000)

  it('2·10⁵ random stretch and other events, streamed: each result handed over keeps the contract', () => {
    const rng = createRng(7003)
    let handed = 0
    const problems: string[] = []
    const r = createTraceReader('e', (res) => {
      handed++
      if (handed % 97 === 0 || problems.length === 0) problems.push(...contractProblems(res, 'e'))
    })
    feedTraceText(r, bases[2]!.lines[0]! + '\n')
    let t = 0
    for (let block = 0; block < 200; block++) {
      let text = ''
      for (let k = 0; k < 1000; k++) {
        t += rng.uniform() < 0.01 ? 1000 : 0.01
        const kind = int(rng, 10)
        if (kind < 6) {
          text += `{"t":${t},"event":"stretch","stretch":"${pick(rng, STRETCH_IDS)}"${kind < 3 ? ',"side":"right"' : ''}}\n`
        } else if (kind < 8) {
          text += `{"t":${t},"head":[0,1.5,0,0,0,0,1],"left":null,"right":[0.2,1,0,0,0,0,1]}\n`
        } else {
          text += `{"t":${t},"event":"${pick(rng, ['pain', 'pause', 'resume', 'reset'])}"}\n`
        }
      }
      feedTraceText(r, text)
    }
    const out = endTraceReader(r)
    expect(out).toEqual({ ok: true, results: [] })
    expect(handed).toBeGreaterThan(50_000)
    expect(problems).toEqual([])
  }, 30_000)
})

// --- gzip damage ---

function gzipDamage(gz: Buffer, rng: Rng): { name: string; bytes: Uint8Array<ArrayBufferLike> }[] {
  const crc = Buffer.from(gz)
  crc[crc.length - 8 + int(rng, 4)]! ^= 1 << int(rng, 8)
  const len = Buffer.from(gz)
  len[len.length - 4 + int(rng, 4)]! ^= 1 << int(rng, 8)
  const out: { name: string; bytes: Uint8Array<ArrayBufferLike> }[] = [
    { name: 'crc', bytes: crc },
    { name: 'len', bytes: len },
    { name: 'garbage', bytes: Buffer.concat([gz, Buffer.from('trailing garbage\n')]) },
    { name: 'zeros', bytes: Buffer.concat([gz, Buffer.alloc(1 + int(rng, 64))]) },
    { name: 'member', bytes: Buffer.concat([gz, gzipSync('{"t":1,"event":"pain"}\n')]) },
  ]
  // cut at many points: in the header, the data and the trailer
  const cuts = [1, 5, 10, 11, gz.length - 8, gz.length - 4, gz.length - 1]
  for (let k = 0; k < 12; k++) cuts.push(12 + int(rng, gz.length - 20))
  for (const at of cuts) out.push({ name: 'cut' + at, bytes: gz.subarray(0, at) })
  return out
}

/** Runs the command line on files; stdout goes to a file when `toFile`. */
function runCli(files: string[], toFile?: string) {
  const out = toFile === undefined ? 'pipe' : openSync(toFile, 'w')
  const rss = join(dir, 'rss-' + process.pid + '-' + Math.random().toString(36).slice(2))
  const probe = join(dir, 'rss-probe.mjs')
  writeFileSync(
    probe,
    'import { writeFileSync } from "node:fs"\n' +
      `process.on("exit", () => writeFileSync(${JSON.stringify(rss)}, String(process.resourceUsage().maxRSS)))\n`,
  )
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, bin, ...files], {
    encoding: 'utf8',
    stdio: ['ignore', out, 'pipe'],
    timeout: 120_000,
    maxBuffer: 1 << 28,
  })
  if (typeof out === 'number') closeSync(out)
  let maxRssBytes = Number.NaN
  try {
    maxRssBytes = Number(readFileSync(rss, 'utf8')) * 1024
  } catch {
    // the child died before its exit handler
  }
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? '',
    stderr: r.stderr,
    maxRssBytes,
  }
}

/** The command line's output, checked line by line: which files were refused. */
function checkCli(r: ReturnType<typeof runCli>, files: string[]): Set<string> {
  expect(r.signal, r.stderr).toBeNull()
  expect([0, 2]).toContain(r.status)
  const refused = new Set<string>()
  for (const line of r.stderr.split('\n')) {
    if (line === '') continue
    const m = /^(.*):(\d+): (.+)$/.exec(line)
    expect(m, line).not.toBeNull()
    expect(files).toContain(m![1])
    expect(Number(m![2])).toBeGreaterThanOrEqual(1)
    refused.add(m![1]!)
  }
  expect(r.status).toBe(refused.size > 0 ? 2 : 0)
  let lastIndex = -1
  for (const line of r.stdout.split('\n')) {
    if (line === '') continue
    const res = JSON.parse(line) as StretchResult
    expect(contractProblems(res, res.file)).toEqual([])
    // argument order (a file named twice: its first place after the last one seen)
    const index = files.indexOf(res.file!, Math.max(0, lastIndex))
    expect(index, line.slice(0, 100)).toBeGreaterThanOrEqual(0)
    lastIndex = index
  }
  return refused
}

describe('damaged gzip, through the app reader and the command line', () => {
  it('refused by both at every cut and fault, each naming its line; the next file is scored', async () => {
    const rng = createRng(7004)
    const good = join(dir, 'good.trace.jsonl.gz')
    writeFileSync(good, gzipSync(bases[2]!.lines.join('\n')))
    const files: string[] = []
    const names: string[] = []
    for (const base of bases) {
      const text = base.lines.join('\n') + '\n'
      for (const { name, bytes } of gzipDamage(gzipSync(text), rng)) {
        const app = await scoreTrace(new Uint8Array(bytes), 'x')
        expect(app.ok, base.name + ' ' + name).toBe(false)
        const file = join(dir, `${base.name}-${name}.trace.jsonl.gz`)
        writeFileSync(file, bytes)
        files.push(file, good)
        names.push(file)
      }
    }
    const r = runCli(files)
    const refused = checkCli(r, files)
    expect([...refused].sort()).toEqual([...names].sort())
    // the good file after every refused one still gave its result
    const goodResults = r.stdout.split('\n').filter((l) => l.includes('"file":"' + good + '"'))
    const perGood = (await scoreTrace(new Uint8Array(readFileSync(good)), good)) as {
      results: StretchResult[]
    }
    expect(goodResults).toHaveLength(names.length * perGood.results.length)
  }, 60_000)

  it('mutated traces, plain and gzip: the command line prints what the app reader gives', async () => {
    const rng = createRng(7005)
    const files: string[] = []
    for (let i = 0; i < 36; i++) {
      const base = bases[i % bases.length]!
      let bytes: Uint8Array = encoder.encode(mutateLines(base.lines, rng).join('\n'))
      if (i % 4 === 0) bytes = flipBytes(bytes, rng)
      if (i % 3 === 1) bytes = gzipSync(bytes)
      if (i % 9 === 2) bytes = flipBytes(bytes, rng) // a damaged gzip, mostly
      const file = join(dir, `mut-${i}.trace.jsonl${i % 3 === 1 ? '.gz' : ''}`)
      writeFileSync(file, bytes)
      files.push(file)
    }
    const r = runCli(files)
    const refused = checkCli(r, files)
    let expected = ''
    for (const file of files) {
      const app = await scoreTrace(new Uint8Array(readFileSync(file)), file)
      expect(outcomeProblems(app, file)).toEqual([])
      expect(refused.has(file), file).toBe(!app.ok)
      if (app.ok) for (const res of app.results) expected += JSON.stringify(res) + '\n'
    }
    // results a refused file gave before its refusal are the only extra lines
    const printed = r.stdout.split('\n').filter((l) => {
      if (l === '') return false
      return !refused.has((JSON.parse(l) as StretchResult).file!)
    })
    expect(printed.map((l) => l + '\n').join('')).toBe(expected)
  }, 60_000)
})

// --- huge inputs: bounded memory ---

/** Writes a gzip file from pieces of text made on the fly. */
async function writeGzip(file: string, pieces: Iterable<string | Buffer>): Promise<void> {
  const gz = createGzip({ level: 1 })
  const out = createWriteStream(file)
  gz.pipe(out)
  for (const piece of pieces) if (!gz.write(piece)) await once(gz, 'drain')
  gz.end()
  await once(out, 'close')
}

describe('huge inputs through the command line', () => {
  it('10⁶ stretch events, a 256 MB line without a LF, a 200 MB array, 400 MB of long and deep lines: peak memory under 256 MB', async () => {
    const header =
      '{"format":"pose-trace","version":1,"calibration":{"eyeHeight":1.62},"stretch":"childs-pose"}\n'
    const events = join(dir, 'events.trace.jsonl.gz')
    const pair =
      '{"t":1,"event":"stretch","stretch":"childs-pose"}\n{"t":1,"event":"stretch","stretch":"cat-cow"}\n'
    const block = pair.repeat(5000)
    await writeGzip(events, [header, ...Array.from({ length: 100 }, () => block)])
    const megabyte = Buffer.alloc(1 << 20, 'x')
    const bomb = join(dir, 'bomb.trace.jsonl.gz')
    await writeGzip(bomb, [header, ...Array.from({ length: 256 }, () => megabyte)])
    const array = join(dir, 'array.trace.jsonl.gz')
    const zeros = Buffer.alloc(1 << 20, '0,')
    await writeGzip(array, [
      header,
      '{"t":0,"head":[',
      ...Array.from({ length: 200 }, () => zeros),
      '0],"left":null,"right":null}\n',
    ])
    // plain: 100 lines of 2 MiB, and 200 just under 1 MiB of nested arrays (each one
    // tens of MB through JSON.parse), then a good frame
    const plain = join(dir, 'big.trace.jsonl')
    const fd = openSync(plain, 'w')
    const long = Buffer.alloc(2 << 20, 'y')
    long[long.length - 1] = 10
    const half = (MAX_LINE_BYTES >> 1) - 1
    const nested = Buffer.from('['.repeat(half) + ']'.repeat(half) + '\n')
    writeFileSync(fd, header)
    for (let i = 0; i < 300; i++) writeFileSync(fd, i % 3 === 0 ? long : nested)
    writeFileSync(fd, '{"t":0,"head":[0,1.5,0,0,0,0,1],"left":null,"right":null}\n')
    closeSync(fd)
    const good = join(dir, 'after.trace.jsonl')
    writeFileSync(good, bases[2]!.lines.join('\n'))

    const stdout = join(dir, 'huge.out')
    const files = [events, bomb, array, plain, good]
    const r = runCli(files, stdout)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.maxRssBytes, 'peak RSS ' + (r.maxRssBytes / 2 ** 20).toFixed(0) + ' MB').toBeLessThan(
      MAX_RSS_BYTES,
    )
    // count the results without holding them: one line each
    const counts = new Map<string, number>()
    const buf = Buffer.alloc(1 << 20)
    const out = openSync(stdout, 'r')
    let rest = ''
    for (let n = readSync(out, buf); n > 0; n = readSync(out, buf)) {
      const text = rest + buf.toString('utf8', 0, n)
      const lines = text.split('\n')
      rest = lines.pop()!
      for (const line of lines) {
        const file = /"file":"([^"]*)"/.exec(line)![1]!
        counts.set(file, (counts.get(file) ?? 0) + 1)
        if (file !== events) expect(contractProblems(JSON.parse(line) as StretchResult)).toEqual([])
        if (file === plain) expect((JSON.parse(line) as StretchResult).skippedFrames).toBe(300)
      }
    }
    closeSync(out)
    expect(counts.get(events)).toBe(1_000_000)
    // the long lines are single skipped frames; the file after them is scored
    expect(counts.get(bomb)).toBe(1)
    expect(counts.get(array)).toBe(1)
    expect(counts.get(plain)).toBe(1)
    expect(counts.get(good)).toBeGreaterThan(0)
    for (const f of [events, bomb, array, plain, stdout]) rmSync(f)
  }, 120_000)
})

// The replay page's worker, run directly (scoreReplay): it reads files with the command
// line's shared chunk steps into the same reader, so plain and gzip files give the
// command line's results to the bit; it posts progress as bytes are read and a compact
// track drawn from the engine's live feedback; a refused file gets the command line's
// `<file>:<line>: <reason>`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { synthTrace } from '../../../scripts/synth/synthTrace.ts'
import { scoreFile } from '../../../scripts/scoreFile.ts'
import type { StretchResult } from '../../../src/core/result.ts'
import { STRETCH_IDS } from '../../../src/core/stretches.ts'
import {
  bytesSource,
  GHOST_STRIDE,
  scoreReplay,
  TIMELINE_HZ,
  TRACKED_HEAD,
  type ReplayMessage,
} from '../../../src/services/replay/replayScore.ts'

let dir = ''
let text = ''
let frames: { t: number; head: number[] | null }[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stretchcoach-replay-'))
  // a few megabytes: several 1 MiB chunks, and a line split across each chunk boundary
  const trace = synthTrace({
    seed: 1010,
    steps: [
      { stretch: 'childs-pose', holdSeconds: 40 },
      { stretch: 'pelvic-tilt', reps: 6 },
      { stretch: 'knee-to-chest', holdSeconds: 35 },
    ],
  })
  text = trace.text
  frames = text
    .split('\n')
    .slice(1)
    .filter((l) => l.startsWith('{"t":') && l.includes('"head"'))
    .map((l) => JSON.parse(l) as { t: number; head: number[] | null })
  writeFileSync(join(dir, 'a.trace.jsonl'), text)
  writeFileSync(join(dir, 'a.trace.jsonl.gz'), gzipSync(text))
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function cli(file: string) {
  const results: StretchResult[] = []
  const outcome = await scoreFile(join(dir, file), (r) => results.push(r))
  return { outcome, results }
}

async function replay(bytes: Uint8Array, name: string) {
  const messages: ReplayMessage[] = []
  await scoreReplay(bytesSource(bytes), name, (m) => messages.push(m))
  const done = messages[messages.length - 1]!
  if (done.type !== 'done') throw new Error('no done message')
  return { messages, done }
}

/** A result without the `file` each reader adds (the CLI's path, the page's name). */
const bare = ({ file: _file, ...r }: StretchResult) => r

describe('the replay worker reads files as the command line does', () => {
  it('plain: the same results, progress rising to the file size', async () => {
    const bytes = new TextEncoder().encode(text)
    expect(bytes.length).toBeGreaterThan(3 << 20)
    const { messages, done } = await replay(bytes, 'a.trace.jsonl')
    const { outcome, results } = await cli('a.trace.jsonl')
    expect(outcome.ok).toBe(true)
    expect(done.ok).toBe(true)
    if (!done.ok) return
    expect(done.results.map(bare)).toEqual(results.map(bare))
    expect(done.results.map((r) => r.stretch)).toEqual([
      'childs-pose',
      'pelvic-tilt',
      'knee-to-chest',
    ])
    const reads = messages.flatMap((m) => (m.type === 'progress' ? [m.read] : []))
    expect(reads.length).toBeGreaterThanOrEqual(4)
    for (let i = 1; i < reads.length; i++) expect(reads[i]).toBeGreaterThan(reads[i - 1]!)
    expect(reads[reads.length - 1]).toBe(bytes.length)
  })

  it('gzip: the same results as the command line and as the plain file', async () => {
    const gz = gzipSync(text)
    const { done } = await replay(gz, 'a.trace.jsonl.gz')
    const { results } = await cli('a.trace.jsonl.gz')
    expect(done.ok).toBe(true)
    if (!done.ok) return
    expect(done.results.map(bare)).toEqual(results.map(bare))
    const plain = await replay(new TextEncoder().encode(text), 'a.trace.jsonl')
    expect(plain.done.ok && plain.done.results.map(bare)).toEqual(done.results.map(bare))
  })

  it('a damaged gzip checksum is refused in the command line’s words, at its line', async () => {
    const gz = Buffer.from(gzipSync(text))
    gz[gz.length - 6]! ^= 0xff
    writeFileSync(join(dir, 'crc.trace.jsonl.gz'), gz)
    const { outcome } = await cli('crc.trace.jsonl.gz')
    const { done } = await replay(gz, 'crc.trace.jsonl.gz')
    expect(outcome.ok).toBe(false)
    if (outcome.ok || done.ok) throw new Error('expected refusals')
    expect(done.message).toBe('crc.trace.jsonl.gz:' + outcome.line + ': ' + outcome.reason)
    expect(done.reason).toMatch(/checksum/)
  })

  it('an unknown stretch in a stretch event: the command line’s message and line, no results', async () => {
    const lines = text.split('\n')
    const at = lines.findIndex((l) => l.includes('"event":"stretch"') && l.includes('pelvic-tilt'))
    expect(at).toBeGreaterThan(0)
    lines[at] = lines[at]!.replace('pelvic-tilt', 'headstand')
    const bad = lines.join('\n')
    writeFileSync(join(dir, 'bad.trace.jsonl'), bad)
    const { outcome } = await cli('bad.trace.jsonl')
    const { done } = await replay(new TextEncoder().encode(bad), 'bad.trace.jsonl')
    if (outcome.ok || done.ok) throw new Error('expected refusals')
    expect(done.line).toBe(at + 1)
    expect(done.line).toBe(outcome.line)
    expect(done.message).toBe('bad.trace.jsonl:' + outcome.line + ': ' + outcome.reason)
    expect(done.reason).toMatch(/unknown stretch id "headstand"/)
  })

  it('a file that is not a trace: refused at line 1', async () => {
    const { done } = await replay(new TextEncoder().encode('hello\n'), 'x.jsonl')
    expect(done.ok).toBe(false)
    if (!done.ok) expect(done.message).toMatch(/^x\.jsonl:1: the header is not valid JSON/)
  })
})

describe('the track the page draws', () => {
  it('a timeline at 10 Hz from the live feedback and the ghost from the frames', async () => {
    const { done } = await replay(new TextEncoder().encode(text), 'a.trace.jsonl')
    if (!done.ok) throw new Error(done.message)
    const tr = done.track
    const last = frames[frames.length - 1]!.t
    expect(tr.durationS).toBe(last)
    // one sample per 0.1 s of tracked time (the synthetic trace has no gaps)
    expect(Math.abs(tr.timeT.length - last * TIMELINE_HZ)).toBeLessThan(3)
    for (const a of [tr.progress, tr.inPose, tr.hold, tr.stability, tr.stretch, tr.side])
      expect(a.length).toBe(tr.timeT.length)
    expect(tr.ghost.length).toBe(tr.ghostT.length * GHOST_STRIDE)
    expect(Math.abs(tr.ghostT.length - last * 30)).toBeLessThan(last * 30 * 0.02)
    // the stretches in order, as segments and as per-sample codes
    expect(tr.segments.map((s) => s.stretch)).toEqual(
      expect.arrayContaining(['childs-pose', 'pelvic-tilt', 'knee-to-chest']),
    )
    const firstOf = (id: string) => tr.segments.findIndex((s) => s.stretch === id)
    expect(firstOf('childs-pose')).toBeLessThan(firstOf('pelvic-tilt'))
    expect(firstOf('pelvic-tilt')).toBeLessThan(firstOf('knee-to-chest'))
    const knee = STRETCH_IDS.indexOf('knee-to-chest')
    expect(tr.stretch[tr.stretch.length - 1]).toBe(knee)
    // the hold grows to the target and the user was in the pose for a good part of it
    let maxHold = 0
    let inPose = 0
    for (let i = 0; i < tr.hold.length; i++) {
      maxHold = Math.max(maxHold, tr.hold[i]!)
      inPose += tr.inPose[i]!
    }
    expect(maxHold).toBeGreaterThan(25)
    expect(inPose / TIMELINE_HZ).toBeGreaterThan(40)
    // a ghost sample holds the head of the frame it was taken at
    const k = Math.floor(tr.ghostT.length / 2)
    const f = frames.find((fr) => fr.t === tr.ghostT[k])!
    expect(f).toBeDefined()
    expect(tr.ghostTracked[k]! & TRACKED_HEAD).toBe(TRACKED_HEAD)
    for (let c = 0; c < 7; c++) expect(tr.ghost[k * GHOST_STRIDE + c]).toBeCloseTo(f.head![c]!, 5)
  })
})

// The direct command `node bin/stretchcoach-score.mjs <files...>` prints what
// `node scripts/score-cli.mjs` (behind `npm run -s score`) prints, with the same
// exit code, and what the app's own reader (scoreTrace: DecompressionStream and the
// text path) finds in the same files. A refused file goes to stderr as
// "<file>:<line>: <reason>" and the next file is still scored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { synthTrace } from '../../scripts/synth/synthTrace.ts'
import { scoreTrace } from '../../src/core/trace/scoreTrace.ts'

const root = join(import.meta.dirname, '..', '..')
const bin = join(root, 'bin', 'stretchcoach-score.mjs')
const cli = join(root, 'scripts', 'score-cli.mjs')

let dir = ''
const f: Record<string, string> = {}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stretchcoach-bin-'))
  // a real headset recording, named as a child's pose so that it gets a result
  const real = gunzipSync(
    readFileSync(join(root, 'tests/fixtures/real-motion/quest2-scripted-movement.trace.jsonl.gz')),
  )
    .toString('utf8')
    .replace('"calibration":', '"stretch":"childs-pose","calibration":')
  f.real = join(dir, 'quest2.trace.jsonl.gz')
  writeFileSync(f.real, gzipSync(real))
  f.routine = join(dir, 'routine.trace.jsonl')
  writeFileSync(
    f.routine,
    synthTrace({
      seed: 611,
      steps: [
        { stretch: 'childs-pose', holdSeconds: 5 },
        { stretch: 'supine-twist', holdSeconds: 4 },
      ],
      malformed: [
        { kind: 'bad-json', at: 3 },
        { kind: 'truncated-last', at: 0 },
      ],
    }).text,
  )
  f.gz = join(dir, 'bridge.trace.jsonl.gz')
  writeFileSync(
    f.gz,
    gzipSync(
      synthTrace({
        seed: 612,
        header: { stretch: 'bridge' },
        steps: [{ stretch: 'bridge', reps: 2 }],
      }).text.replaceAll('\n', '\r\n'),
    ),
  )
  f.bad = join(dir, 'bad.trace.jsonl')
  writeFileSync(
    f.bad,
    '{"format":"pose-trace","version":7}\n{"t":0,"head":null,"left":null,"right":null}\n',
  )
  f.badStretch = join(dir, 'bad-stretch.trace.jsonl.gz')
  writeFileSync(
    f.badStretch,
    gzipSync(
      synthTrace({ seed: 613, steps: [{ stretch: 'cat-cow', reps: 1 }] }).text +
        '{"t":99,"event":"stretch","stretch":"handstand"}\n',
    ),
  )
  f.broken = join(dir, 'broken.trace.jsonl.gz')
  writeFileSync(f.broken, Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5]))
  f.missing = join(dir, 'missing.trace.jsonl')
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** What the app's reader (the text path) gives for the files, as the command prints it. */
async function expected(files: string[]): Promise<string> {
  let out = ''
  for (const file of files) {
    const outcome = await scoreTrace(new Uint8Array(readFileSync(file)), file)
    if (outcome.ok) for (const r of outcome.results) out += JSON.stringify(r) + '\n'
  }
  return out
}

describe('node bin/stretchcoach-score.mjs', () => {
  it('prints what score-cli.mjs and the app reader print; exit 0', async () => {
    const files = [f.routine!, f.real!, f.gz!]
    const direct = run(bin, files)
    expect(direct.stderr).toBe('')
    expect(direct.status).toBe(0)
    expect(direct.stdout).toBe(await expected(files))
    expect(direct.stdout.trim().split('\n')).toHaveLength(4)
    expect(run(cli, files)).toEqual(direct)
  }, 120_000)

  it('names a refused file and its line on stderr, scores the next one, exits 2', async () => {
    const files = [f.bad!, f.gz!, f.badStretch!, f.missing!, f.broken!, f.routine!]
    const r = run(bin, files)
    expect(r.status).toBe(2)
    expect(r.stderr.split('\n')).toEqual([
      f.bad + ':1: unsupported version: expected 1',
      expect.stringMatching(new RegExp('^' + escape(f.badStretch!) + ':\\d+: unknown stretch id')),
      f.missing + ':1: cannot read the file (ENOENT)',
      f.broken + ':1: not a readable gzip file: unknown compression method',
      '',
    ])
    expect(r.stdout).toBe(await expected([f.gz!, f.routine!]))
    expect(run(cli, files)).toEqual(r)
  }, 120_000)
})

describe('damaged and hostile input on the command line', () => {
  /** Files made in the test's directory; each damaged one is followed by a good one. */
  const write = (name: string, bytes: Uint8Array | string): string => {
    const file = join(dir, name)
    writeFileSync(file, bytes)
    return file
  }
  const goodText = () =>
    synthTrace({
      seed: 614,
      header: { stretch: 'childs-pose' },
      steps: [{ stretch: 'childs-pose', holdSeconds: 40 }],
    }).text

  it('a damaged gzip is refused at every size, naming the line reached; the next file is scored', async () => {
    const text = goodText()
    const big = gzipSync(text) // about 1 MB inflated
    const small = gzipSync(text.slice(0, text.indexOf('\n', 3000) + 1))
    const files: string[] = []
    const reasons: RegExp[] = []
    for (const [size, gz] of [
      ['big', big],
      ['small', small],
    ] as const) {
      const crc = Buffer.from(gz)
      crc[crc.length - 7]! ^= 0x10
      const len = Buffer.from(gz)
      len[len.length - 1]! ^= 0x01
      const cases: [string, Uint8Array, RegExp][] = [
        ['crc', crc, /checksum \(CRC-32\) does not match/],
        ['len', len, /length field does not match/],
        ['garbage', Buffer.concat([gz, Buffer.from('garbage after the end\n')]), /data follows/],
        ['zeros', Buffer.concat([gz, Buffer.alloc(9)]), /data follows/],
        ['member', Buffer.concat([gz, gzipSync('{"t":0,"event":"pain"}\n')]), /second gzip member/],
        ['half', gz.subarray(0, gz.length >> 1), /cut short/],
        ['no-trailer', gz.subarray(0, gz.length - 8), /cut short/],
        ['part-trailer', gz.subarray(0, gz.length - 5), /cut short/],
      ]
      for (const [name, bytes, why] of cases) {
        files.push(write(`${size}-${name}.trace.jsonl.gz`, bytes))
        reasons.push(why)
        files.push(f.gz!)
        // the app's reader refuses it too
        expect((await scoreTrace(new Uint8Array(bytes), 'x')).ok, `${size} ${name}`).toBe(false)
      }
    }
    const r = run(bin, files)
    expect(r.status).toBe(2)
    const lines = r.stderr.split('\n').filter((l) => l !== '')
    expect(lines).toHaveLength(reasons.length)
    lines.forEach((line, i) => {
      const m = /^(.*):(\d+): not a readable gzip file: (.*)$/.exec(line)
      expect(m, line).not.toBeNull()
      expect(m![1]).toBe(files[2 * i])
      expect(Number(m![2])).toBeGreaterThanOrEqual(1)
      expect(m![3]).toMatch(reasons[i]!)
    })
    // the checksum is checked at the end: the line reached is the last one
    expect(lines[0]).toContain(':' + (text.split('\n').length - 1) + ':')
    expect(r.stdout).toBe((await expected([f.gz!])).repeat(reasons.length))
  }, 120_000)

  it('lines over 1 MiB are skipped and counted, gzip and plain, with or without a LF', async () => {
    const text = goodText()
    // a frame line that is good but for its length (before, it was read as a frame)
    const nl = text.indexOf('\n', 5000)
    const frame = text.slice(text.lastIndexOf('\n', nl - 1) + 1, nl)
    const pad = (line: string) => line.replace(/\}$/, ',"pad":"' + 'x'.repeat(1 << 21) + '"}')
    const withLong = text.slice(0, nl + 1) + pad(frame) + text.slice(nl)
    // the same after the last frame, with no LF after it
    const lastFrame = text
      .trimEnd()
      .split('\n')
      .findLast((l) => !l.includes('"event"'))!
    const tail = text + pad(lastFrame)
    const files = [
      write('long.trace.jsonl', withLong),
      write('long.trace.jsonl.gz', gzipSync(withLong)),
      write('tail.trace.jsonl', tail),
      write('tail.trace.jsonl.gz', gzipSync(tail)),
    ]
    const r = run(bin, files)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const results = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { skippedFrames: number; score: number })
    expect(results.map((x) => x.skippedFrames)).toEqual([1, 1, 1, 1])
    expect(r.stdout).toBe(await expected(files))
  }, 120_000)

  it('one absurd t mid-file is one skipped frame, not the end of the trace', async () => {
    const lines = goodText().split('\n')
    const mid = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('{"t":'))
    lines[mid] = lines[mid]!.replace(/^\{"t":[^,]*/, '{"t":1.7e308')
    const file = write('huge-t.trace.jsonl', lines.join('\n'))
    const r = run(bin, [file])
    expect(r.status).toBe(0)
    const res = JSON.parse(r.stdout) as { skippedFrames: number; trackedFraction: number }
    expect(res.skippedFrames).toBe(1)
    expect(res.trackedFraction).toBeGreaterThan(0.9)
    expect(r.stdout).toBe(await expected([file]))
  }, 120_000)

  it('results leave as stretches close: those before a refusal later in the file stay printed', () => {
    const text = synthTrace({
      seed: 615,
      steps: [
        { stretch: 'childs-pose', holdSeconds: 3 },
        { stretch: 'supine-twist', holdSeconds: 3 },
      ],
    }).text
    const file = write(
      'late-refusal.trace.jsonl',
      text + '{"t":99,"event":"stretch","stretch":"x"}\n',
    )
    const r = run(bin, [file, f.gz!])
    expect(r.status).toBe(2)
    const stretches = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { file: string; stretch: string }).stretch)
    // the child's pose closed when the twist began; the twist was under way at the refusal
    expect(stretches).toEqual(['childs-pose', 'bridge'])
    expect(r.stderr).toBe(
      file + ':' + text.split('\n').length + ': unknown stretch id "x" in a stretch event\n',
    )
  }, 120_000)

  it('a file that cannot be read mid-way is refused and the next one scored', async () => {
    const r = run(bin, [dir, f.gz!])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(dir + ':1: cannot read the file (EISDIR)\n')
    expect(r.stdout).toBe(await expected([f.gz!]))
  }, 120_000)
})

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

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
      f.broken + ':1: not a readable gzip file',
      '',
    ])
    expect(r.stdout).toBe(await expected([f.gz!, f.routine!]))
    expect(run(cli, files)).toEqual(r)
  }, 120_000)
})

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// The command-line replay (`npm run -s score -- <files...>`) of the spec:
// stdout holds only JSON lines, one result per stretch in argument order, each
// with `file`; a refused file goes to stderr as "<file>:<line>: <reason>", the
// others are still scored, and the exit code is then 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { synthTrace } from '../../scripts/synth/synthTrace.ts'

let dir = ''
const files: Record<string, string> = {}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stretchcoach-cli-'))
  const routine = synthTrace({
    seed: 601,
    steps: [
      { stretch: 'childs-pose', holdSeconds: 5 },
      { stretch: 'supine-twist', holdSeconds: 4 },
    ],
  }).text
  files.routine = join(dir, 'routine.trace.jsonl')
  writeFileSync(files.routine, routine)
  files.gz = join(dir, 'bridge.trace.jsonl.gz')
  writeFileSync(
    files.gz,
    gzipSync(
      synthTrace({
        seed: 602,
        header: { stretch: 'bridge' },
        steps: [{ stretch: 'bridge', reps: 2 }],
      }).text,
    ),
  )
  files.bad = join(dir, 'bad.trace.jsonl')
  writeFileSync(
    files.bad,
    '{"format":"pose-trace","version":7}\n{"t":0,"head":null,"left":null,"right":null}\n',
  )
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function score(args: string[]) {
  return spawnSync('npm', ['run', '-s', 'score', '--', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('npm run -s score', () => {
  it('prints one JSON line per stretch, in argument order, each with its file; exit 0', () => {
    const r = score([files.routine!, files.gz!])
    expect(r.stderr.trim()).toBe('')
    expect(r.status).toBe(0)
    const lines = r.stdout.trim().split('\n')
    const results = lines.map(
      (l) => JSON.parse(l) as { file: string; stretch: string; score: number },
    )
    expect(results.map((x) => [x.file, x.stretch])).toEqual([
      [files.routine, 'childs-pose'],
      [files.routine, 'supine-twist'],
      [files.gz, 'bridge'],
    ])
  }, 60_000)

  it('refuses a bad file on stderr with its line, still scores the others, exits 2', () => {
    const r = score([files.bad!, files.gz!])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(
      new RegExp('^' + files.bad!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ':1: .+', 'm'),
    )
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ file: files.gz, stretch: 'bridge' })
  }, 60_000)
})

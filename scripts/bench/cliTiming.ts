/**
 * The one-hour replay from the command line, timed two ways in the same run: a
 * gzipped one-hour 90 Hz routine trace is generated into a temp dir, then
 * `npm run -s score -- F` and the direct command `node bin/stretchcoach-score.mjs F`
 * run `rounds` times each, interleaved (the order alternates every round), after
 * one untimed run of each (it builds the bundle if a source changed). Prints both
 * medians, every run, the ratio direct / npm and the load average; both commands
 * must exit 0 with the same stdout.
 *
 * `scripts/bench.ts` calls it last; `tsx scripts/bench.ts --only=cli` or
 * `tsx scripts/bench/cliTiming.ts` runs it alone; `--rounds=N` times N runs of each
 * instead of 3 (on a busy machine 3 is few).
 *
 * The budget (direct ≤ 60 % of `npm run -s score`) is against the command as it was
 * when it was set, at commit BASELINE_COMMIT, not against today's `npm run -s score`
 * (which now starts the direct command). In a git checkout that has the commit, that
 * tree is unpacked into a temp dir (node_modules linked entry by entry, its own
 * .cache) and its `npm run -s score` is timed in the same rounds.
 */
import { spawnSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import {
  headerLine,
  planSynthTrace,
  recordLine,
  synthRecords,
  type SynthConfig,
} from '../synth/synthTrace.ts'
import { ROUTINES } from '../../src/core/stretches.ts'

const root = join(fileURLToPath(import.meta.url), '..', '..', '..')

/** What timeCli measured (seconds). */
export interface CliTiming {
  frames: number
  npmSeconds: number
  directSeconds: number
  /** directSeconds / npmSeconds */
  ratio: number
  /** `npm run -s score` at BASELINE_COMMIT, when the checkout has it */
  baselineSeconds: number | null
  /** `node -e 0`: what every node process pays before its first line (npm's path starts two) */
  nodeStartSeconds: number
}

/** The last commit before the budget was set (issue 11): `npm run -s score` was then `node --max-semi-space-size=32 scripts/score-cli.mjs`. */
export const BASELINE_COMMIT = 'f8b2d5c478063c67574c6fec0af0e12796716592'

/** Unpacks BASELINE_COMMIT's tree into `dir` with this checkout's packages, or returns false. */
function unpackBaseline(dir: string): boolean {
  const archive = spawnSync('git', ['archive', '--format=tar', BASELINE_COMMIT], {
    cwd: root,
    maxBuffer: 1 << 30,
  })
  if (archive.status !== 0) return false
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout })
  if (untar.status !== 0) return false
  // every package linked, but a .cache of its own: its bundle must not replace ours
  const modules = join(dir, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== '.cache') symlinkSync(join(root, 'node_modules', name), join(modules, name))
  }
  return true
}

/** Writes the one-hour trace (the all-ten routine over and over, topped up to 3600 s standing). */
function writeHourTrace(file: string): number {
  const all = ROUTINES.find((r) => r.stretches.length === 10) ?? ROUTINES[0]!
  const steps: SynthConfig['steps'] = []
  const config: SynthConfig = { seed: 9, steps }
  for (let i = 0; ; i++) {
    steps.push({ stretch: all.stretches[i % all.stretches.length]!, tempoJitter: 0.2 })
    const d = planSynthTrace(config).duration
    if (d > 3600) {
      steps.pop()
      steps.push({ idle: 'standing', seconds: 3600 - planSynthTrace(config).duration })
      break
    }
  }
  const t0 = performance.now()
  const chunks: string[] = [headerLine(config)]
  let frames = 0
  let lastT = 0
  synthRecords(config, (r) => {
    if (r.kind === 'frame') {
      frames++
      lastT = r.t
    }
    chunks.push(recordLine(r))
  })
  writeFileSync(file, gzipSync(chunks.join('\n') + '\n'))
  console.log(
    'one-hour trace: %d frames, %s s, %s MB gzip (generated in %s s)',
    frames,
    lastT.toFixed(0),
    (statSync(file).size / 2 ** 20).toFixed(1),
    ((performance.now() - t0) / 1000).toFixed(1),
  )
  return frames
}

const COMMANDS = {
  baseline: {
    label: 'npm run -s score -- F at ' + BASELINE_COMMIT.slice(0, 7),
    cmd: 'npm',
    args: ['run', '-s', 'score', '--'],
  },
  npm: { label: 'npm run -s score -- F', cmd: 'npm', args: ['run', '-s', 'score', '--'] },
  direct: {
    label: 'node bin/stretchcoach-score.mjs F',
    cmd: process.execPath,
    args: [join(root, 'bin', 'stretchcoach-score.mjs')],
  },
} as const

/**
 * Node's own start: an empty script, timed in the same rounds. Here Node 20 reads the
 * certificates named by NODE_EXTRA_CA_CERTS at every start (about 80 ms against 25 ms
 * without it on 12-07), so the same commands give other figures, and another ratio,
 * where it is not set.
 */
function timeNodeStart(): number {
  const a = performance.now()
  const r = spawnSync(process.execPath, ['-e', '0'])
  if (r.status !== 0) throw new Error('node -e 0 failed (exit ' + r.status + ')')
  return (performance.now() - a) / 1000
}

type Which = keyof typeof COMMANDS

function runOnce(which: Which, file: string, cwd = root): { seconds: number; stdout: string } {
  const c = COMMANDS[which]
  const a = performance.now()
  const r = spawnSync(c.cmd, [...c.args, file], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  const seconds = (performance.now() - a) / 1000
  if (r.status !== 0) {
    throw new Error(
      c.label + ' failed (exit ' + r.status + '): ' + (r.stderr ?? '').trim().split('\n')[0],
    )
  }
  return { seconds, stdout: r.stdout }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** The `--rounds=N` argument, else 3. */
export function roundsArg(argv: readonly string[] = process.argv): number {
  const a = argv.find((x) => x.startsWith('--rounds='))
  const n = a === undefined ? 3 : Number(a.slice('--rounds='.length))
  return Number.isInteger(n) && n >= 1 ? n : 3
}

/** Generates the trace, times both commands `rounds` times, prints and returns the medians. */
export function timeCli(rounds = roundsArg()): CliTiming {
  const dir = mkdtempSync(join(tmpdir(), 'stretchcoach-bench-'))
  try {
    const file = join(dir, 'one-hour-routine.trace.jsonl.gz')
    const frames = writeHourTrace(file)
    const baseDir = join(dir, 'baseline')
    mkdirSync(baseDir)
    const withBaseline = unpackBaseline(baseDir)
    if (!withBaseline) console.log('baseline %s: not in this checkout, not timed', BASELINE_COMMIT)
    const cwdOf = (which: Which): string => (which === 'baseline' ? baseDir : root)
    // untimed: builds the bundles when a source changed, warms the file cache
    const ref = runOnce('direct', file).stdout
    if (runOnce('npm', file).stdout !== ref) throw new Error('npm and direct outputs differ')
    console.log('score: %d result lines', ref.trim().split('\n').length)
    const measured: Which[] = withBaseline ? ['baseline', 'npm', 'direct'] : ['npm', 'direct']
    // the baseline's engine is older: its figures may differ, so only its exit status counts
    if (withBaseline) runOnce('baseline', file, baseDir)
    const times: Record<Which, number[]> = { baseline: [], npm: [], direct: [] }
    const nodeStarts: number[] = []
    const load0 = loadavg()[0]!
    for (let i = 0; i < rounds; i++) {
      nodeStarts.push(timeNodeStart())
      const order = i % 2 === 0 ? measured : [...measured].reverse()
      for (const which of order) {
        const r = runOnce(which, file, cwdOf(which))
        if (which !== 'baseline' && r.stdout !== ref) {
          throw new Error(COMMANDS[which].label + ': output changed')
        }
        times[which].push(r.seconds)
      }
    }
    const load1 = loadavg()[0]!
    const npmSeconds = median(times.npm)
    const directSeconds = median(times.direct)
    const baselineSeconds = withBaseline ? median(times.baseline) : null
    for (const which of measured) {
      console.log(
        '%s on it: %s s wall (median of %d runs: %s)',
        COMMANDS[which].label,
        median(times[which]).toFixed(2),
        rounds,
        times[which].map((w) => w.toFixed(2)).join(', '),
      )
    }
    const nodeStartSeconds = median(nodeStarts)
    console.log(
      'node start-up (node -e 0): %s ms (median of %d; NODE_EXTRA_CA_CERTS %s)',
      (nodeStartSeconds * 1000).toFixed(0),
      rounds,
      process.env.NODE_EXTRA_CA_CERTS ? 'set: read at every start' : 'not set',
    )
    const ratio = directSeconds / npmSeconds
    console.log(
      'direct / npm: %s (same run, interleaved; load average %s → %s)',
      ratio.toFixed(2),
      load0.toFixed(2),
      load1.toFixed(2),
    )
    if (baselineSeconds !== null) {
      console.log(
        'direct / npm at %s: %s (budget ≤ 0.60)',
        BASELINE_COMMIT.slice(0, 7),
        (directSeconds / baselineSeconds).toFixed(2),
      )
    }
    return { frames, npmSeconds, directSeconds, ratio, baselineSeconds, nodeStartSeconds }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) timeCli()

/**
 * Writes a synthetic pose trace from the command line:
 *
 *   npx tsx scripts/synth/cli.ts --stretch childs-pose [--stretch cat-cow ...]
 *     [--fraction 1] [--hold 31] [--reps N] [--side left|right] [--idle lying --seconds 30]
 *     [--eye 1.62] [--rate 90] [--uneven] [--hands] [--mat x,z,headingDeg]
 *     [--tremor 1.5] [--hold-tremor 0] [--breathing 0] [--drift 0] [--seed 1]
 *     [--out file.trace.jsonl[.gz]]
 *
 * Without --out the trace goes to stdout. A `.gz` name is gzipped. With --side
 * (or an --idle trace scored as one --stretch) the header names the stretch.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { isStretchId, STRETCHES, type StretchId } from '../../src/core/stretches.ts'
import { synthTrace, type SynthConfig } from './synthTrace.ts'
import type { IdlePosture } from './postures.ts'

const { values } = parseArgs({
  options: {
    stretch: { type: 'string', multiple: true, default: [] },
    fraction: { type: 'string', default: '1' },
    hold: { type: 'string' },
    reps: { type: 'string' },
    side: { type: 'string' },
    idle: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    eye: { type: 'string', default: '1.62' },
    rate: { type: 'string', default: '90' },
    uneven: { type: 'boolean', default: false },
    hands: { type: 'boolean', default: false },
    mat: { type: 'string' },
    tremor: { type: 'string', default: '1.5' },
    'hold-tremor': { type: 'string', default: '0' },
    breathing: { type: 'string', default: '0' },
    drift: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
})

function fail(message: string): never {
  process.stderr.write('synth: ' + message + '\n')
  process.exit(2)
}

const num = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isFinite(n)) fail(`--${name} needs a number, got "${v}"`)
  return n
}

const stretches = values.stretch as string[]
for (const s of stretches) if (!isStretchId(s)) fail(`unknown stretch "${s}"`)
const side = values.side
if (side !== undefined && side !== 'left' && side !== 'right') fail('--side is left or right')
const idle = values.idle
if (idle !== undefined && !['standing', 'kneeling', 'sitting', 'lying'].includes(idle)) {
  fail('--idle is standing, kneeling, sitting or lying')
}
if (stretches.length === 0) fail('name at least one --stretch')

const ids = stretches as StretchId[]
const steps: SynthConfig['steps'] = idle
  ? [{ idle: idle as IdlePosture, seconds: num('seconds', values.seconds)! }]
  : ids.map((stretch) => {
      const hold = num('hold', values.hold)
      const reps = num('reps', values.reps)
      return {
        stretch,
        fraction: num('fraction', values.fraction)!,
        ...(hold !== undefined ? { holdSeconds: hold } : {}),
        ...(reps !== undefined ? { reps } : {}),
        ...(side && STRETCHES[stretch].sided ? { sides: [side as 'left' | 'right'] } : {}),
      }
    })
let mat: SynthConfig['mat']
if (values.mat) {
  const [x, z, h] = values.mat.split(',').map(Number)
  if (![x, z, h].every((n) => Number.isFinite(n))) fail('--mat is x,z,headingDeg')
  mat = { x: x!, z: z!, headingDeg: h! }
}
const config: SynthConfig = {
  seed: num('seed', values.seed)!,
  eyeHeight: num('eye', values.eye)!,
  rate: num('rate', values.rate)!,
  unevenTiming: values.uneven,
  input: values.hands ? 'hand' : 'controller',
  tremorMm: num('tremor', values.tremor)!,
  holdTremorMm: num('hold-tremor', values['hold-tremor'])!,
  breathingMm: num('breathing', values.breathing)!,
  driftMmPerMin: num('drift', values.drift)!,
  steps,
  ...(mat ? { mat } : {}),
  ...(idle || (side && ids.length === 1)
    ? {
        header: {
          stretch: ids[0]!,
          ...(side && STRETCHES[ids[0]!].sided ? { side: side as 'left' | 'right' } : {}),
        },
      }
    : {}),
}
const { text, frames } = synthTrace(config)
if (values.out) {
  writeFileSync(values.out, values.out.endsWith('.gz') ? gzipSync(text) : text)
  process.stderr.write(`synth: ${frames} frames written to ${values.out}\n`)
} else {
  process.stdout.write(text)
}

/**
 * `npm run sweep`: the figures of issue 9's sweeps on the engine as it is. Prints
 * figures, not pass/fail; the assertions are tests/behaviour/repSweep.*.test.ts and
 * tests/behaviour/statureFairness.test.ts, which draw the very same traces
 * (scripts/synth/sweep.ts).
 *
 * - Per repetition stretch: how many traces were drawn to have 300 the literal rule
 *   counts (and why the others were left out); the exact-count rate; the count error
 *   distribution (engine − performed); the kinds of miscount (first repetition
 *   missed, a later one missed, two counts for one, counts before the first, nothing
 *   counted) with the parameters that set the miscounted traces apart; the worst
 *   traces with everything needed to rebuild them.
 * - Stature fairness: per stretch, the spread (max − min score) over 1.45, 1.75 and
 *   2.05 m of the same relative movement, full and partial, per seed; and the issue's
 *   four partial bridges at 1.50, 1.75 and 1.95 m.
 *
 * Options: `--cases N` (default 300 per stretch), `--stretch id` (repeatable), `--worst N`
 * (default 5), `--no-fairness`, `--no-reps`.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { STRETCH_IDS } from '../src/core/stretches.ts'
import {
  BRIDGE_EXAMPLE,
  FAIR_MOVES,
  fairFraction,
  FAIR_PROFILE_NAMES,
  FAIR_SEEDS,
  FAIR_STATURES,
  REP_STRETCHES,
  REP_SWEEP_CASES,
  describeProfile,
  describeRun,
  fairnessConfig,
  repSweepParallel,
  repWindow,
  scoreOf,
  spreadOf,
  type RepStretchId,
  type SweptCase,
} from './synth/sweep.ts'

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: String(REP_SWEEP_CASES) },
    stretch: { type: 'string', multiple: true, default: [] },
    worst: { type: 'string', default: '5' },
    'no-fairness': { type: 'boolean', default: false },
    'no-reps': { type: 'boolean', default: false },
  },
})
const cases = Number(values.cases)
const worstN = Number(values.worst)
const chosen = values.stretch as string[]
const out = (s = ''): void => {
  process.stdout.write(s + '\n')
}
const pct = (a: number, b: number): string => ((100 * a) / Math.max(1, b)).toFixed(1) + ' %'
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
const f1 = (x: number): string => x.toFixed(1)
const f2 = (x: number): string => x.toFixed(2)

out(
  `sweep: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ` +
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
)

/** The miscount kinds of a traced run (a trace may have several). */
function kindsOf(s: SweptCase): string[] {
  const r = s.run
  const kinds: string[] = []
  if (r.counted === 0) kinds.push('nothing counted')
  if (r.early > 0) kinds.push('count before the first repetition')
  if (r.perRep[0] === 0 && r.counted > 0) kinds.push('first repetition missed')
  if (r.perRep.slice(1).some((n) => n === 0) && r.counted > 0)
    kinds.push('a later repetition missed')
  if (r.perRep.some((n) => n > 1)) kinds.push('two counts for one repetition')
  if (kinds.length === 0 && r.counted !== r.performed) kinds.push('other')
  return kinds
}

/** Mean of a case parameter over some traces, beside its mean over all. */
function contrast(label: string, some: SweptCase[], all: SweptCase[]): string {
  const params: [string, (s: SweptCase) => number, (x: number) => string][] = [
    ['settle s', (s) => s.case.settleSeconds, f2],
    ['breathing mm', (s) => s.case.breathingMm, f1],
    ['tremor mm', (s) => s.case.tremorMm, f1],
    ['wobble mm', (s) => s.case.wobbleMm, f1],
    ['stature m', (s) => s.case.statureM, f2],
    ['Hz', (s) => s.case.rate, f1],
    ['hands %', (s) => (s.case.input === 'hand' ? 100 : 0), f1],
    ['reps', (s) => s.case.reps.length, f1],
  ]
  return (
    `    ${label}: ` +
    params
      .map(
        ([name, get, fmt]) =>
          `${name} ${fmt(mean(some.map(get)))} (all ${fmt(mean(all.map(get)))})`,
      )
      .join(', ')
  )
}

/** Miscount rate per bin of a parameter: `lo–hi: rate (n)`. */
function binRates(
  swept: SweptCase[],
  label: string,
  get: (s: SweptCase) => number | string,
  edges: number[] | null,
): string {
  const bins = new Map<string, { n: number; wrong: number }>()
  const keyOf = (v: number | string): string => {
    if (typeof v === 'string' || edges === null) return String(v)
    for (let i = 1; i < edges.length; i++) {
      if (v < edges[i]! || i === edges.length - 1) return `${edges[i - 1]}–${edges[i]}`
    }
    return String(v)
  }
  const order: string[] = edges === null ? [] : edges.slice(1).map((e, i) => `${edges[i]}–${e}`)
  for (const s of swept) {
    const k = keyOf(get(s))
    if (!order.includes(k)) order.push(k)
    const b = bins.get(k) ?? { n: 0, wrong: 0 }
    b.n++
    if (s.run.counted !== s.run.performed) b.wrong++
    bins.set(k, b)
  }
  return (
    `    ${label}: ` +
    order
      .filter((k) => bins.has(k))
      .map((k) => `${k}: ${pct(bins.get(k)!.wrong, bins.get(k)!.n)} of ${bins.get(k)!.n}`)
      .join(' | ')
  )
}

/** The timing of the missed repetitions beside all repetitions' (means). */
function missedReps(stretch: RepStretchId, swept: SweptCase[]): string {
  type Rep = {
    seconds: number
    top: number
    up: number
    down: number
    restBefore: number
    f: number
  }
  const all: Rep[] = []
  const missed: Rep[] = []
  for (const s of swept) {
    s.case.reps.forEach((rt, i) => {
      const rep: Rep = {
        seconds: repWindow(stretch, rt).seconds,
        top: rt.top,
        up: rt.up,
        down: rt.down,
        restBefore: i === 0 ? s.case.settleSeconds : s.case.reps[i - 1]!.rest,
        f: rt.fraction,
      }
      all.push(rep)
      if (s.run.perRep[i] === 0) missed.push(rep)
    })
  }
  const fields: [string, (r: Rep) => number][] = [
    ['s between 20 % crossings', (r) => r.seconds],
    ['top s', (r) => r.top],
    ['up s', (r) => r.up],
    ['down s', (r) => r.down],
    ['still s before it', (r) => r.restBefore],
    ['fraction', (r) => r.f],
  ]
  return (
    `    missed repetitions (${missed.length} of ${all.length}), means: ` +
    fields
      .map(([n, g]) => `${n} ${f2(mean(missed.map(g)))} (all ${f2(mean(all.map(g)))})`)
      .join(', ')
  )
}

if (!values['no-reps']) {
  const stretches = REP_STRETCHES.filter((s) => chosen.length === 0 || chosen.includes(s))
  for (const stretch of stretches) {
    const t0 = performance.now()
    const { cases: swept, leftOut } = await repSweepParallel(stretch, cases)
    const seconds = (performance.now() - t0) / 1000
    const frames = [...swept, ...leftOut].reduce((a, s) => a + s.run.frames, 0)
    const exact = swept.filter((s) => s.run.counted === s.run.performed)
    out()
    out(
      `${stretch}: ${swept.length} traces (${swept.length + leftOut.length} drawn, ${frames} frames, ` +
        `${f1(seconds)} s)`,
    )
    out(`  exact count: ${exact.length} / ${swept.length} = ${pct(exact.length, swept.length)}`)
    const dist = new Map<number, number>()
    for (const s of swept) {
      const e = s.run.counted - s.run.performed
      dist.set(e, (dist.get(e) ?? 0) + 1)
    }
    out(
      '  count error (engine − performed): ' +
        [...dist.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([e, n]) => `${e > 0 ? '+' : ''}${e}: ${n}`)
          .join(', '),
    )
    const missedTotal = swept.reduce((a, s) => a + s.run.perRep.filter((n) => n === 0).length, 0)
    const repsTotal = swept.reduce((a, s) => a + s.run.performed, 0)
    out(`  repetitions missed: ${missedTotal} of ${repsTotal} (${pct(missedTotal, repsTotal)})`)
    const wrong = swept.filter((s) => s.run.counted !== s.run.performed || s.run.early > 0)
    const byKind = new Map<string, SweptCase[]>()
    for (const s of wrong) for (const k of kindsOf(s)) byKind.set(k, [...(byKind.get(k) ?? []), s])
    if (wrong.length > 0) {
      out('  miscounted traces per parameter bin:')
      out(binRates(swept, 'settle s', (s) => s.case.settleSeconds, [1.2, 1.65, 2.1, 2.55, 3]))
      out(binRates(swept, 'breathing mm', (s) => s.case.breathingMm, [0, 5, 10, 15, 20]))
      out(binRates(swept, 'tremor mm', (s) => s.case.tremorMm, [0, 2, 4, 6]))
      out(binRates(swept, 'wobble mm', (s) => s.case.wobbleMm, [0, 2, 4, 6]))
      out(binRates(swept, 'stature m', (s) => s.case.statureM, [1.45, 1.65, 1.85, 2.05]))
      out(binRates(swept, 'Hz', (s) => String(s.case.rate), null))
      out(binRates(swept, 'input', (s) => s.case.input, null))
      const late = wrong.filter((s) => s.run.readyAt < 0 || s.run.readyAt > s.run.firstCrossing)
      const lateOk = exact.filter((s) => s.run.readyAt < 0 || s.run.readyAt > s.run.firstCrossing)
      out(
        `  in the pose (gate and baseline) only after the first repetition crossed 20 %: ` +
          `${late.length} of ${wrong.length} miscounted traces, ${lateOk.length} of ` +
          `${exact.length} exact ones`,
      )
      out('  miscount kinds (a trace may have several):')
      for (const [k, list] of [...byKind.entries()].sort((a, b) => b[1].length - a[1].length)) {
        out(contrast(`${k}: ${list.length} traces`, list, swept))
      }
      out(missedReps(stretch, swept))
    }
    if (leftOut.length > 0) {
      out(
        `  left out (the literal rule itself does not count every repetition within the margins ` +
          `on the noisy trace): ${leftOut.length}`,
      )
      out(contrast('left out', leftOut, swept))
    }
    const worst = [...wrong]
      .sort(
        (a, b) =>
          Math.abs(b.run.counted - b.run.performed) - Math.abs(a.run.counted - a.run.performed) ||
          a.case.index - b.case.index,
      )
      .slice(0, worstN)
    if (worst.length > 0) out(`  worst ${worst.length}:`)
    for (const s of worst) out('    ' + describeRun(s))
  }
}

if (!values['no-fairness']) {
  out()
  out(
    `stature fairness: spread (max − min score) over ${FAIR_STATURES.join(', ')} m, ` +
      `per seed ${FAIR_SEEDS.join(', ')}; scores in brackets`,
  )
  for (const profile of FAIR_PROFILE_NAMES) {
    out(`  ${describeProfile(profile)}:`)
    for (const id of STRETCH_IDS) {
      const parts: string[] = []
      let worst = 0
      for (const move of FAIR_MOVES) {
        const fraction = fairFraction(id, move)
        const per = FAIR_SEEDS.map((seed) => {
          const scores = FAIR_STATURES.map((h) =>
            scoreOf(fairnessConfig(id, h, fraction, seed, profile)),
          )
          worst = Math.max(worst, spreadOf(scores))
          return `${spreadOf(scores)} [${scores.join(' ')}]`
        })
        parts.push(`${move === 'full' ? 'full' : `partial ${fraction}`}: ${per.join(', ')}`)
      }
      out(`    ${id.padEnd(18)} worst ${String(worst).padStart(2)} | ${parts.join(' | ')}`)
    }
  }
  const ex = BRIDGE_EXAMPLE
  for (const profile of ex.profiles) {
    out(`  issue example: ${ex.reps} bridges at ${ex.statures.join(', ')} m, ${profile}:`)
    for (const fraction of ex.fractions) {
      const per = FAIR_SEEDS.map((seed) => {
        const scores = ex.statures.map((h) =>
          scoreOf(fairnessConfig('bridge', h, fraction, seed, profile, ex.reps)),
        )
        return `${spreadOf(scores)} [${scores.join(' ')}]`
      })
      out(`    fraction ${fraction}: ${per.join(', ')}`)
    }
  }
}

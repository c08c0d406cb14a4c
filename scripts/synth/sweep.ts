/**
 * The seeded sweeps of issue 9, shared by the tests (tests/behaviour/repSweep.*.test.ts,
 * tests/behaviour/statureFairness.test.ts) and the report (`npm run sweep`,
 * scripts/sweep.ts), so both draw the very same traces.
 *
 * Repetition sweep: per repetition stretch (pelvic tilt, bridge, cat-cow), case i of
 * `drawRepCase(stretch, i)` is a trace drawn from its own seed across bodies, devices,
 * noise and timing:
 * - stature 1.45–2.05 m; 60, 72, 90 or 120 Hz with ±2 ms timestamp jitter; controllers
 *   or tracked hands; pelvic tilt and bridge with either belly hand;
 * - positional tremor of the head and hands, 3-D, 0–6 mm RMS at 8–12 Hz, plus a
 *   1–3.5 Hz wobble drawn from the same 0–6 mm range; breathing sway 0–20 mm
 *   (amplitude) at 0.2–0.3 Hz; the generator's sensor jitter (1 mm) and 0.1°
 *   orientation tremor;
 * - the first repetition 1.2–3 s after the user settles into the start posture;
 * - 3–10 repetitions, each with its own timing: 2.2–12 s between its 20 % crossings,
 *   a pause at the top of 0.8–3 s (pelvic tilt, bridge; cat-cow holds 0–1.5 s at the
 *   cat and at the cow), 0.2–2.5 s still at the start after it; its own fraction of the
 *   target, 0.9–1 for pelvic tilt and bridge (their rule needs ≥ 0.8 s above 80 %;
 *   a bridge adds the breath's share of its target, since breathing lifts the belly
 *   hand it measures), 0.7–1 for cat-cow.
 * Every repetition is one docs/product.md's rule counts, with a margin, on the noise-free
 * movement: `repWindow` computes its time between the 20 % crossings (also at 30 %,
 * in case noise or the eyes' condition moves the crossing) and above 80 % from the
 * generator's smoothstep easing; the draw keeps 2.2–12 s and ≥ 1 s above 80 %. On the
 * noisy trace a literal reading of the rule (repRule.ts, written apart from the engine)
 * must count every repetition too, within RULE_MARGIN, from a baseline over any second
 * of the still start (RULE_BASELINE_STEP_S): a case where the noise itself changes the
 * rule's count is left out and the next index drawn, so `repSweep` returns 300 cases
 * that an engine applying the rule can count.
 *
 * Stature fairness: the same relative movement (same seed, fraction, timing and
 * absolute noise in mm) at several statures, in three profiles: `fairnessConfig`,
 * FAIR_PROFILES.
 *
 * Traces go straight from the generator into the engine (`runConfig`: the trace
 * reader's own sequence, createEngine, the header's stretch event at the first frame,
 * stepEngine per frame, finishEngine), which gives the result of `scoreTraceText` on
 * the written trace, bit for bit (tests/behaviour/sweepKit.test.ts checks it) at half
 * the cost.
 */
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { STRETCHES, type StretchId } from '../../src/core/stretches.ts'
import {
  applyEngineEvent,
  createEngine,
  engineTraceSide,
  finishEngine,
  stepEngine,
  type Engine,
} from '../../src/core/engine/engine.ts'
import { stretchEvent } from '../../src/core/engine/events.ts'
import { createPoseFrame, INPUT_HAND } from '../../src/core/poseFrame.ts'
import type { StretchResult } from '../../src/core/result.ts'
import { createRng, type Rng } from './prng.ts'
import {
  planSynthTrace,
  synthRecords,
  type RepTiming,
  type SynthConfig,
  type SynthRecord,
} from './synthTrace.ts'
import {
  createRuleCounter,
  repProgressReader,
  ruleCounterStep,
  type RepStretchId,
} from './repRule.ts'

export type { RepStretchId } from './repRule.ts'

/** The repetition stretches, in the sweep's order. */
export const REP_STRETCHES: readonly RepStretchId[] = ['pelvic-tilt', 'bridge', 'cat-cow']

/** Traces per repetition stretch. */
export const REP_SWEEP_CASES = 300

/** The ranges the sweep draws from (see the file comment). */
export const SWEEP_RANGES = {
  statureM: [1.45, 2.05],
  rates: [60, 72, 90, 120],
  timingJitterMs: 2,
  tremorMm: [0, 6],
  tremorHz: [8, 12] as [number, number],
  wobbleMm: [0, 6],
  wobbleHz: [1, 3.5] as [number, number],
  breathingMm: [0, 20],
  breathingHz: [0.2, 0.3],
  settleSeconds: [1.2, 3],
  reps: [3, 10],
  /** seconds between the 20 % crossings of a repetition */
  repSeconds: [2.2, 12],
  /** pelvic tilt, bridge: the pause at the top */
  topSeconds: [0.8, 3],
  /** cat-cow: the hold at the cat and at the cow */
  catCowHoldSeconds: [0, 1.5],
  restSeconds: [0.2, 2.5],
  fraction: { 'pelvic-tilt': [0.9, 1], bridge: [0.9, 1], 'cat-cow': [0.7, 1] },
} as const

/** The bridge's target rise, as a share of stature (docs/product.md). */
const BRIDGE_TARGET_H = 0.085

/** The margins each drawn repetition keeps to docs/product.md's rule. */
export const REP_MARGIN = {
  /** time between the crossings of 20 % at most (rule: 15 s) */
  maxSeconds: 12,
  /** time between the crossings of 30 % at least (rule: 2 s between the 20 % crossings) */
  minSeconds: 2.2,
  /** pelvic tilt, bridge: seconds above 80 % at least (rule: 0.8 s) */
  topSeconds: 1,
}

const SEED_BASE: Record<RepStretchId, number> = {
  'pelvic-tilt': 910_000,
  bridge: 920_000,
  'cat-cow': 930_000,
}

/** One trace of the repetition sweep: everything needed to rebuild it. */
export interface RepCase {
  stretch: RepStretchId
  index: number
  /** the generator's seed (and the draw's) */
  seed: number
  statureM: number
  rate: number
  timingJitterMs: number
  input: 'controller' | 'hand'
  bellyHand: 'left' | 'right'
  /** 3-D RMS mm, 8–12 Hz */
  tremorMm: number
  /** 3-D RMS mm, 1–3.5 Hz */
  wobbleMm: number
  breathingMm: number
  breathingHz: number
  settleSeconds: number
  /** one entry per repetition performed, with its own fraction */
  reps: (RepTiming & { fraction: number })[]
}

/** u in [0, 1] with u²(3 − 2u) = y (the inverse of the generator's smoothstep easing). */
export function smoothInverse(y: number): number {
  if (y <= 0) return 0
  if (y >= 1) return 1
  return 0.5 - Math.sin(Math.asin(1 - 2 * y) / 3)
}

/**
 * The noise-free repetition as the rule sees it: `seconds` between the crossings of
 * `threshold` on the way up and on the way back (cat-cow: into the first phase and out
 * of the second), and `topSeconds` above 80 % (pelvic tilt, bridge).
 */
export function repWindow(
  stretch: RepStretchId,
  rt: RepTiming & { fraction: number },
  threshold = 0.2,
): { seconds: number; topSeconds: number } {
  const f = rt.fraction
  const out = 1 - smoothInverse(threshold / f)
  if (stretch === 'cat-cow') {
    const seconds = rt.up * out + rt.top + rt.down + (rt.mid ?? 0) + rt.up + rt.top + rt.down * out
    return { seconds, topSeconds: 0 }
  }
  const topSeconds = f > 0.8 ? rt.top + (rt.up + rt.down) * (1 - smoothInverse(0.8 / f)) : 0
  return { seconds: (rt.up + rt.down) * out + rt.top, topSeconds }
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)]!
const inRange = (rng: Rng, r: readonly [number, number] | readonly number[]): number =>
  rng.range(r[0]!, r[1]!)

/** Draws one repetition's timing that the rule counts with the margins of REP_MARGIN. */
function drawRep(rng: Rng, stretch: RepStretchId, lift: number): RepTiming & { fraction: number } {
  const R = SWEEP_RANGES
  for (let attempt = 0; attempt < 1000; attempt++) {
    const fraction = inRange(rng, R.fraction[stretch]) + lift
    const seconds = inRange(rng, R.repSeconds)
    const share = rng.range(0.35, 0.65)
    const rest = inRange(rng, R.restSeconds)
    const out = 1 - smoothInverse(0.2 / fraction)
    let rt: RepTiming & { fraction: number }
    if (stretch === 'cat-cow') {
      const top = Math.min(
        rng.range(R.catCowHoldSeconds[0], R.catCowHoldSeconds[1]),
        (seconds - 1.4) / 2,
      )
      if (top < 0) continue
      // seconds = (up + down)(1 + out) + 2 top
      const moves = (seconds - 2 * top) / (1 + out)
      rt = { up: moves * share, top, down: moves * (1 - share), rest, fraction }
    } else {
      const top = rng.range(R.topSeconds[0], Math.min(R.topSeconds[1], seconds - 1.2))
      const moves = (seconds - top) / out
      rt = { up: moves * share, top, down: moves * (1 - share), rest, fraction }
    }
    if (rt.up < 0.3 || rt.down < 0.3) continue
    if (repWindow(stretch, rt, 0.2).seconds > REP_MARGIN.maxSeconds + 1e-9) continue
    if (repWindow(stretch, rt, 0.3).seconds < REP_MARGIN.minSeconds) continue
    if (stretch !== 'cat-cow' && repWindow(stretch, rt).topSeconds < REP_MARGIN.topSeconds) continue
    return rt
  }
  throw new Error('no repetition timing within the margins')
}

/** A breath's share of a bridge's target rise (0.085 H): what a drawn bridge adds to its fraction. */
export function breathLift(c: { breathingMm: number; statureM: number }): number {
  return c.breathingMm / 1000 / (BRIDGE_TARGET_H * c.statureM)
}

/** Case `index` of the sweep of `stretch` (deterministic). */
export function drawRepCase(stretch: RepStretchId, index: number): RepCase {
  const R = SWEEP_RANGES
  const seed = SEED_BASE[stretch] + index
  const rng = createRng(seed)
  const statureM = inRange(rng, R.statureM)
  const rate = pick(rng, R.rates)
  const input = rng.uniform() < 0.5 ? 'controller' : 'hand'
  const bellyHand = rng.uniform() < 0.5 ? 'right' : 'left'
  const tremorMm = inRange(rng, R.tremorMm)
  const wobbleMm = inRange(rng, R.wobbleMm)
  const breathingMm = inRange(rng, R.breathingMm)
  const breathingHz = inRange(rng, R.breathingHz)
  const settleSeconds = inRange(rng, R.settleSeconds)
  const n = R.reps[0] + Math.floor(rng.uniform() * (R.reps[1] - R.reps[0] + 1))
  const reps: RepCase['reps'] = []
  // A bridge's measure is the belly hand's rise, and breathing lifts that hand too: the
  // bridge rises higher by the breath's share of its target (0.085 H), so that its top
  // clears 80 % at the bottom of a breath as it would without breathing.
  const lift = stretch === 'bridge' ? breathLift({ breathingMm, statureM }) : 0
  for (let i = 0; i < n; i++) reps.push(drawRep(rng, stretch, lift))
  return {
    stretch,
    index,
    seed,
    statureM,
    rate,
    timingJitterMs: R.timingJitterMs,
    input,
    bellyHand,
    tremorMm,
    wobbleMm,
    breathingMm,
    breathingHz,
    settleSeconds,
    reps,
  }
}

/** The synthetic trace of a case (`noiseFree`: the same movement without positional noise). */
export function repCaseConfig(c: RepCase, noiseFree = false): SynthConfig {
  const noise = !noiseFree
  return {
    seed: c.seed,
    eyeHeight: 0.93 * c.statureM,
    rate: c.rate,
    timingJitterMs: c.timingJitterMs,
    input: c.input,
    tremorMm: noise ? c.tremorMm : 0,
    tremorHz: SWEEP_RANGES.tremorHz,
    wobbleMm: noise ? c.wobbleMm : 0,
    wobbleHz: SWEEP_RANGES.wobbleHz,
    breathingMm: noise ? c.breathingMm : 0,
    breathingHz: c.breathingHz,
    ...(noise ? {} : { jitterMm: 0 }),
    header: { stretch: c.stretch },
    steps: [
      {
        stretch: c.stretch,
        reps: c.reps.length,
        repTimings: c.reps,
        settleSeconds: c.settleSeconds,
        ...(c.stretch === 'cat-cow' ? {} : { bellyHand: c.bellyHand }),
      },
    ],
  }
}

const f2 = (x: number): string => x.toFixed(2)

/** A case's parameters, enough to rebuild it (`drawRepCase(stretch, index)`) and to read it. */
export function describeRepCase(c: RepCase): string {
  const reps = c.reps
    .map((r) => {
      const w = repWindow(c.stretch, r)
      return (
        `f ${f2(r.fraction)} up ${f2(r.up)} top ${f2(r.top)} down ${f2(r.down)} rest ${f2(r.rest)}` +
        ` (${f2(w.seconds)} s >20 %` +
        (c.stretch === 'cat-cow' ? ')' : `, ${f2(w.topSeconds)} s >80 %)`)
      )
    })
    .join('; ')
  return (
    `${c.stretch} case ${c.index} (drawRepCase('${c.stretch}', ${c.index}), seed ${c.seed}): ` +
    `stature ${f2(c.statureM)} m, ${c.rate} Hz ±${c.timingJitterMs} ms, ` +
    `${c.input === 'hand' ? 'tracked hands' : 'controllers'}` +
    (c.stretch === 'cat-cow' ? '' : `, belly hand ${c.bellyHand}`) +
    `, tremor ${f2(c.tremorMm)} mm (8–12 Hz), wobble ${f2(c.wobbleMm)} mm (1–3.5 Hz), ` +
    `breathing ${f2(c.breathingMm)} mm at ${f2(c.breathingHz)} Hz, settle ${f2(c.settleSeconds)} s, ` +
    `${c.reps.length} reps: ${reps}`
  )
}

/**
 * Scores a header-only synthetic config through the engine, exactly as the trace
 * reader does with the written trace: the same engine calls in the same order with the
 * same numbers (the generator's numbers survive String() and parsing unchanged).
 */
export function runConfig(
  config: SynthConfig,
  onFrame?: (r: SynthRecord & { kind: 'frame' }, engine: Engine) => void,
): { results: StretchResult[]; frames: number } {
  const header = config.header
  if (!header) throw new Error('runConfig needs a config with a header stretch')
  const engine = createEngine({ eyeHeightM: config.eyeHeight ?? 1.62 })
  if (header.side) engineTraceSide(engine, header.stretch, header.side)
  const frame = createPoseFrame()
  let started = false
  let frames = 0
  const input = [0, 0]
  synthRecords(config, (r) => {
    if (r.kind !== 'frame') throw new Error('runConfig reads frames only (no faults, no events)')
    if (!started) {
      started = true
      applyEngineEvent(
        engine,
        stretchEvent(
          r.t,
          header.stretch,
          header.side ?? null,
          header.targets?.holdSeconds ?? null,
          header.targets?.reps ?? null,
        ),
      )
    }
    if (r.input) {
      input[0] = r.input.left === 'hand' ? INPUT_HAND : 0
      input[1] = r.input.right === 'hand' ? INPUT_HAND : 0
    }
    frame.t = r.t
    for (let i = 0; i < 3; i++) {
      const p = r.poses[i]
      frame.tracked[i] = p ? 1 : 0
      frame.emulated[i] = 0
      if (p) for (let k = 0; k < 7; k++) frame.poses[i * 7 + k] = p[k]!
    }
    frame.input[0] = input[0]!
    frame.input[1] = input[1]!
    frames++
    stepEngine(engine, frame)
    onFrame?.(r, engine)
  })
  return { results: finishEngine(engine), frames }
}

/**
 * The margins the literal rule must keep on a case's noisy trace for the case to be in
 * the sweep: every repetition counted, each 2.1–14 s between its 20 % crossings,
 * (pelvic tilt, bridge) ≥ 0.9 s above 80 %, and ended clearly: below 20 % for 0.3 s
 * without a break before the next one reaches 60 % (a rest that hovers at 20 %, where one
 * noisy frame decides, is no clear end). A case that misses them is one where the
 * noise itself (in practice: breathing sway of 13–20 mm on a bridge, 10–15 % of its
 * range) makes the rule count otherwise, or nearly so: no engine should be asked to
 * count it, and the sweep draws another in its place.
 */
export const RULE_MARGIN = { minSeconds: 2.1, maxSeconds: 14, topSeconds: 0.9, restSeconds: 0.3 }

/**
 * The rule is read from a baseline over each second of the still start (ending every
 * this many seconds, back from the first movement to settling): breathing sway moves
 * the start pose, and which second of it the baseline averages is not the user's
 * choice, so a case must be countable from any of them.
 */
export const RULE_BASELINE_STEP_S = 0.25
/** The rule's baseline second may begin this long (s) before the approach ends. */
export const RULE_BASELINE_LEAD_S = 0.25

/** What the literal rule made of a case's trace. */
export interface RuleTally {
  count: number
  /** repetitions that peaked but failed a condition, and why */
  rejected: string[]
  /** shortest and longest time between the 20 % crossings of a counted repetition (0: none) */
  minSeconds: number
  maxSeconds: number
  /** pelvic tilt, bridge: the least time above 80 % of a counted repetition (0: none, cat-cow) */
  minTopSeconds: number
}

/** What one case gives. */
export interface RepRun {
  /** repetitions performed (every one countable by the rule without noise) */
  performed: number
  /** repetitions the engine counted */
  counted: number
  /** docs/product.md's rule read literally (repRule.ts) on the same frames */
  rule: RuleTally
  /** the rule counts every repetition within RULE_MARGIN from every baseline: the case belongs in the sweep */
  valid: boolean
  /** trace times at which the engine's live repetition count went up */
  countTimes: number[]
  /**
   * the engine's counts per performed repetition: a count goes to the repetition whose
   * cycle (from leaving the start posture to the end of its rest) holds its time
   */
  perRep: number[]
  /** counts before the first repetition began */
  early: number
  /**
   * when the engine first had the user in the pose (a repetition stretch: tracked, gate,
   * form and a baseline: `live.inPose`), −1 never; and when the first repetition crossed
   * 20 % (noise-free)
   */
  readyAt: number
  firstCrossing: number
  result: StretchResult
  frames: number
}

/**
 * Runs a case through the engine and, on the same frames, through the literal rule
 * (baselines: the mean over each second of the still start, RULE_BASELINE_STEP_S apart;
 * `rule` is the one over the last second before the first repetition). With
 * `noiseFree` the case's movement without positional noise.
 */
export function runRepCase(c: RepCase, noiseFree = false): RepRun {
  const config = repCaseConfig(c, noiseFree)
  const marks = planSynthTrace(config).marks[0]!
  const moveStart = marks.moveStart
  // The rule from every still second a baseline could be taken over: from the end of
  // the approach (its eased last RULE_BASELINE_LEAD_S is as still as the rule asks) to
  // the last second before moving, evenly, at most RULE_BASELINE_STEP_S apart. The last
  // one (index 0) is the one reported.
  const firstEnd = marks.settleStart - RULE_BASELINE_LEAD_S + 1
  const steps = Math.max(0, Math.ceil((moveStart - firstEnd) / RULE_BASELINE_STEP_S))
  const baseEnds: number[] = [moveStart]
  for (let k = 1; k <= steps; k++) baseEnds.push(moveStart - ((moveStart - firstEnd) * k) / steps)
  const readers = baseEnds.map((end) =>
    repProgressReader(c.stretch, c.statureM, c.input, c.bellyHand, end - 1, end),
  )
  const counters = baseEnds.map(() => createRuleCounter(c.stretch))
  const counter = counters[0]!
  const countTimes: number[] = []
  let live = 0
  let readyAt = -1
  const { results, frames } = runConfig(config, (r, engine) => {
    for (let k = 0; k < readers.length; k++) ruleCounterStep(counters[k]!, r.t, readers[k]!(r))
    if (engine.live.reps > live) countTimes.push(r.t)
    live = engine.live.reps
    if (readyAt < 0 && engine.live.inPose) readyAt = r.t
  })
  const perRep = marks.cycles.map(() => 0)
  let early = 0
  for (const t of countTimes) {
    let k = -1
    while (k + 1 < marks.cycles.length && marks.cycles[k + 1]![0] <= t) k++
    if (k < 0) early++
    else perRep[k]!++
  }
  const result = results[0]
  if (!result || results.length !== 1) throw new Error('expected one result')
  const none = counter.count === 0
  const rule: RuleTally = {
    count: counter.count,
    rejected: counter.rejected,
    minSeconds: none ? 0 : counter.minSeconds,
    maxSeconds: counter.maxSeconds,
    minTopSeconds: none || c.stretch === 'cat-cow' ? 0 : counter.minTopSeconds,
  }
  const performed = c.reps.length
  const valid = counters.every(
    (k) =>
      k.count === performed &&
      k.minSeconds >= RULE_MARGIN.minSeconds &&
      k.maxSeconds <= RULE_MARGIN.maxSeconds &&
      (c.stretch === 'cat-cow' || k.minTopSeconds >= RULE_MARGIN.topSeconds) &&
      k.minRestSeconds >= RULE_MARGIN.restSeconds,
  )
  const counted = result.sides.both?.reps ?? 0
  const r0 = c.reps[0]!
  const firstCrossing = marks.cycles[0]![0] + r0.up * smoothInverse(0.2 / r0.fraction)
  return {
    performed,
    counted,
    rule,
    valid,
    countTimes,
    perRep,
    early,
    readyAt,
    firstCrossing,
    result,
    frames,
  }
}

/** A case of the sweep with its run. */
export interface SweptCase {
  case: RepCase
  run: RepRun
}

/** The cases left in and out once indices 0, 1, 2, … are run: the first `count` valid ones. */
function pickValid(
  runs: Map<number, SweptCase>,
  count: number,
): { cases: SweptCase[]; leftOut: SweptCase[]; missing: number } {
  const cases: SweptCase[] = []
  const leftOut: SweptCase[] = []
  for (let i = 0; cases.length < count && runs.has(i); i++) {
    const s = runs.get(i)!
    ;(s.run.valid ? cases : leftOut).push(s)
  }
  return { cases, leftOut, missing: count - cases.length }
}

/**
 * The sweep of one stretch, in this process: cases 0, 1, 2, … run in order until
 * `count` of them are valid (RULE_MARGIN); returns those and the ones left out.
 */
export function repSweep(
  stretch: RepStretchId,
  count = REP_SWEEP_CASES,
): { cases: SweptCase[]; leftOut: SweptCase[] } {
  const runs = new Map<number, SweptCase>()
  for (let i = 0; pickValid(runs, count).missing > 0; i++) {
    if (i > 2 * count) throw new Error(`${stretch}: over half the drawn cases left out`)
    const c = drawRepCase(stretch, i)
    runs.set(i, { case: c, run: runRepCase(c) })
  }
  const { cases, leftOut } = pickValid(runs, count)
  return { cases, leftOut }
}

const WORKER = fileURLToPath(new URL('./sweepWorker.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Runs the cases `indices` of a stretch's sweep in a child `node --import tsx` (sweepWorker.ts). */
function runInChild(stretch: RepStretchId, indices: number[]): Promise<SweptCase[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, stretch, indices.join(',')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`sweep worker exited ${code}: ${Buffer.concat(err).toString()}`))
        return
      }
      const lines = Buffer.concat(out)
        .toString()
        .split('\n')
        .filter((l) => l.length > 0)
      resolve(lines.map((l) => JSON.parse(l) as SweptCase))
    })
  })
}

/**
 * The same sweep as `repSweep` (the same cases, in the same order), its cases shared out
 * among `workers` child processes (default: one per core) so a 2-core machine runs it in
 * half the time; with one worker it runs in this process.
 */
export async function repSweepParallel(
  stretch: RepStretchId,
  count = REP_SWEEP_CASES,
  workers = availableParallelism(),
): Promise<{ cases: SweptCase[]; leftOut: SweptCase[] }> {
  if (workers <= 1) return repSweep(stretch, count)
  const runs = new Map<number, SweptCase>()
  let next = 0
  for (let missing = count; missing > 0; missing = pickValid(runs, count).missing) {
    if (next > 2 * count) throw new Error(`${stretch}: over half the drawn cases left out`)
    // a few more than missing: a later round costs a child's start
    const n = next === 0 ? missing : missing + Math.ceil(missing / 4) + 2
    const shares: number[][] = Array.from({ length: Math.min(workers, n) }, () => [])
    for (let k = 0; k < n; k++) shares[k % shares.length]!.push(next + k)
    next += n
    const done = await Promise.all(shares.map((ix) => runInChild(stretch, ix)))
    for (const list of done) for (const s of list) runs.set(s.case.index, s)
  }
  const { cases, leftOut } = pickValid(runs, count)
  return { cases, leftOut }
}

/** One line for a swept case: its counts, the rule's view, and its parameters. */
export function describeRun(s: SweptCase): string {
  const r = s.run
  const rule =
    `rule ${r.rule.count}` +
    (r.rule.count > 0
      ? ` (${f2(r.rule.minSeconds)}–${f2(r.rule.maxSeconds)} s` +
        (s.case.stretch === 'cat-cow' ? ')' : `, ≥ ${f2(r.rule.minTopSeconds)} s above 80 %)`)
      : '') +
    (r.rule.rejected.length > 0 ? ` refused: ${r.rule.rejected.join('; ')}` : '')
  const per =
    `per repetition ${r.perRep.join(' ')}` + (r.early > 0 ? `, ${r.early} before the first` : '')
  return (
    `performed ${r.performed}, engine counted ${r.counted} (${per}), ${rule} — ` +
    describeRepCase(s.case)
  )
}

/** Statures of the fairness test (m). */
export const FAIR_STATURES = [1.45, 1.75, 2.05] as const
/** Seeds of the fairness test. */
export const FAIR_SEEDS = [731, 732, 733] as const
/** The movements of the fairness test: the full one and a partial one (`fairFraction`). */
export const FAIR_MOVES = ['full', 'partial'] as const
/** A movement of the fairness test. */
export type FairMove = (typeof FAIR_MOVES)[number]
/**
 * The fraction of the target a movement reaches: the full movement 1; a partial hold
 * 0.55; a partial repetition one the rule still counts (it must reach 60 %, and pelvic
 * tilt and bridge stay 0.8 s above 80 %), so that its score is not the spread of zeros.
 */
export function fairFraction(stretch: StretchId, move: FairMove): number {
  if (move === 'full') return 1
  if (stretch === 'cat-cow') return 0.72
  if (stretch === 'pelvic-tilt' || stretch === 'bridge') return 0.88
  return 0.55
}
/**
 * The profiles of the fairness test: noise the same in mm at every stature, and timing.
 * `moderate`: 2 mm of tremor (2–10 Hz) and 3 mm of breathing sway, controllers at 90 Hz,
 * 2.5 s still at the start posture before the movement; `quick`: the same, moving 1.3 s
 * after settling (as the sweep's users may); `shaky`: the sweep's rougher end, 5 mm of
 * tremor at 8–12 Hz, a 5 mm wobble at 1–3.5 Hz and 5 mm of breathing sway, tracked hands,
 * 72 Hz with ±2 ms timestamps, 2.5 s still.
 */
export const FAIR_PROFILES = {
  moderate: { config: { tremorMm: 2, breathingMm: 3 }, settleSeconds: 2.5 },
  quick: { config: { tremorMm: 2, breathingMm: 3 }, settleSeconds: 1.3 },
  shaky: {
    config: {
      tremorMm: 5,
      tremorHz: [8, 12],
      wobbleMm: 5,
      wobbleHz: [1, 3.5],
      breathingMm: 5,
      input: 'hand',
      rate: 72,
      timingJitterMs: 2,
    },
    settleSeconds: 2.5,
  },
} satisfies Record<string, { config: Partial<SynthConfig>; settleSeconds: number }>
/** A profile of the fairness test. */
export type FairProfile = keyof typeof FAIR_PROFILES
/** The profiles, in order. */
export const FAIR_PROFILE_NAMES = Object.keys(FAIR_PROFILES) as FairProfile[]
/**
 * The example: four partial bridges at these statures (the issue saw 50 at 1.75 m
 * and 38 at 1.50 and 1.95 m), rising to fractions the rule counts and clear of its 80 %
 * (0.8 itself would leave the count to the noise), with the moderate and the quick profile.
 */
export const BRIDGE_EXAMPLE = {
  statures: [1.5, 1.75, 1.95],
  fractions: [0.85, 0.9, 0.95],
  reps: 4,
  profiles: ['moderate', 'quick'] as FairProfile[],
} as const

/** A profile in words. */
export function describeProfile(profile: FairProfile): string {
  const p = FAIR_PROFILES[profile]
  return `${profile} (${JSON.stringify(p.config)}, settle ${p.settleSeconds} s)`
}

/**
 * One side (the left of a one-sided stretch) of `stretch` at `fraction`, performed by a
 * body of `statureM` in the profile `profile`: holds of 31 s, repetitions at the default
 * tempo with 15 % jitter (`reps` of them, default the stretch's target).
 */
export function fairnessConfig(
  stretch: StretchId,
  statureM: number,
  fraction: number,
  seed: number,
  profile: FairProfile = 'moderate',
  reps?: number,
): SynthConfig {
  const sided = STRETCHES[stretch].sided
  const p = FAIR_PROFILES[profile]
  return {
    seed,
    eyeHeight: 0.93 * statureM,
    ...(p.config as Partial<SynthConfig>),
    header: sided ? { stretch, side: 'left' } : { stretch },
    steps: [
      {
        stretch,
        fraction,
        holdSeconds: 31,
        tempoJitter: 0.15,
        settleSeconds: p.settleSeconds,
        ...(reps !== undefined ? { reps } : {}),
        ...(sided ? { sides: ['left'] as ['left'] } : {}),
      },
    ],
  }
}

/** The score of a one-stretch config. */
export function scoreOf(config: SynthConfig): number {
  const { results } = runConfig(config)
  if (results.length !== 1) throw new Error('expected one result')
  return results[0]!.score
}

/** Max − min of some scores. */
export function spreadOf(scores: readonly number[]): number {
  return Math.max(...scores) - Math.min(...scores)
}

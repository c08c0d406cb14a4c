/**
 * One stretch run (from its stretch event, or the trace header, to the next
 * different stretch or a pain stop) and its result object (docs/pose-trace.md,
 * "The result"): per side hold or repetitions, range, stability and score;
 * completion over the sides in scope; the tracked fraction and skipped frames.
 * Runs and results are made on events, never per frame: they may allocate.
 */
import type { Side, SideResult, StretchResult } from '../result.ts'
import { STRETCHES, STRETCH_IDS } from '../stretches.ts'
import { computeSideFigures, type SideScore } from './sideScore.ts'
import { DOUBLE_FIELD } from './doubleField.ts'

/** Bump whenever scoring changes: results carry it so old and new scores are never mixed. */
export const ENGINE_VERSION = '1.1.0'

/** Index into Run.num: tracked seconds so far. */
export const R_TRACKED = 0

/** One stretch run: from its stretch event (or header) to the next different stretch or pain. */
export interface Run {
  /** the stretch's index in STRETCH_IDS */
  code: number
  startT: number
  endT: number
  /** [R_TRACKED]: tracked seconds so far; a typed slot, as a double field here was boxed on every store (measured) */
  readonly num: Float64Array
  skipped: number
  pain: boolean
  hold: boolean
  targetHold: number
  targetReps: number
  /** which sides were named: [left, right] for one-sided stretches, [both] for two-sided */
  named: [boolean, boolean]
  /** per side slot: hold time or reps reached */
  completed: [boolean, boolean]
}

/** A run of stretch `code` starting at t; null targets mean docs/product.md's defaults. */
export function createRun(
  code: number,
  t: number,
  holdSeconds: number | null,
  reps: number | null,
): Run {
  const st = STRETCHES[STRETCH_IDS[code]!]
  const hold = st.dose.kind === 'hold'
  const defHold = st.dose.kind === 'hold' ? st.dose.holdSeconds : 0
  const defReps = st.dose.kind === 'reps' ? st.dose.reps : 0
  const run: Run = {
    code,
    // the event's time: often whole for the first stretch, a fraction later (DOUBLE_FIELD)
    startT: DOUBLE_FIELD,
    endT: DOUBLE_FIELD,
    num: new Float64Array(1),
    skipped: 0,
    pain: false,
    hold,
    targetHold:
      holdSeconds !== null && Number.isFinite(holdSeconds) && holdSeconds > 0
        ? holdSeconds
        : defHold,
    targetReps: reps !== null && Number.isFinite(reps) && reps >= 1 ? Math.floor(reps) : defReps,
    named: [false, false],
    completed: [false, false],
  }
  run.startT = t
  run.endT = t
  return run
}

/** Later targets for the running stretch (a repeated stretch event may change them). */
export function retarget(run: Run, holdSeconds: number | null, reps: number | null): void {
  if (holdSeconds !== null && Number.isFinite(holdSeconds) && holdSeconds > 0)
    run.targetHold = holdSeconds
  if (reps !== null && Number.isFinite(reps) && reps >= 1) run.targetReps = Math.floor(reps)
}

/** Moves the run's end to t when later (an event or a frame at t). */
export function touchRun(run: Run | null, t: number): void {
  if (run !== null && Number.isFinite(t) && t > run.endT) run.endT = t
}

/** The side a slot names: `both` for two-sided stretches, else left (0) or right (1). */
export function sideOfSlot(run: Run, slot: number): Side {
  if (!STRETCHES[STRETCH_IDS[run.code]!].sided) return 'both'
  return slot === 0 ? 'left' : 'right'
}

/**
 * The run's result. `oneSideSlot`: the side slot a one-side trace names for
 * this run (its header), or −1: then both sides of a one-sided stretch are in
 * scope and a side not performed counts 0.
 */
export function buildResult(
  run: Run,
  sides: readonly [SideScore, SideScore],
  oneSideSlot: number,
): StretchResult {
  const id = STRETCH_IDS[run.code]!
  const sided = STRETCHES[id].sided
  const out: Partial<Record<Side, SideResult>> = {}
  let sum = 0
  let count = 0
  let completed = !run.pain
  for (let slot = 0; slot < (sided ? 2 : 1); slot++) {
    if (!run.named[slot]) continue
    const s = sides[slot]!
    computeSideFigures(s, run)
    out[sideOfSlot(run, slot)] = {
      holdSeconds: run.hold ? s.holdSeconds : 0,
      reps: run.hold ? null : s.reps,
      range: s.range,
      stability: s.stability,
      score: s.score,
    }
    sum += s.score
    count++
    if (!run.completed[slot]) completed = false
  }
  // A trace that holds one side only (its header names it) is scored on that side;
  // otherwise both sides are in scope and a side not performed counts 0.
  const oneSide =
    !sided || (oneSideSlot >= 0 && run.named[oneSideSlot] && !run.named[1 - oneSideSlot])
  if (!oneSide && count < 2) completed = false
  const score = count > 0 ? Math.round(sum / (oneSide ? count : 2)) : 0
  const span = run.endT - run.startT
  const tf = span > 0 ? run.num[R_TRACKED]! / span : 0
  return {
    stretch: id,
    engineVersion: ENGINE_VERSION,
    completed: count > 0 && completed,
    sides: out,
    score,
    trackedFraction: tf > 1 ? 1 : tf >= 0 ? tf : 0,
    skippedFrames: run.skipped,
    pain: run.pain,
  }
}

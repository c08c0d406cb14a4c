/**
 * A literal reading of docs/product.md's repetition rule ("Scoring"), written apart
 * from the engine, for the repetition sweep (sweep.ts): what the rule counts on
 * a trace's own measure.
 *
 * - `repProgressReader`: per frame, the progress of the three repetition
 *   measures (pelvic tilt: the belly hand's pitch about the body's side-to-side
 *   axis, 0° → 14°; bridge: the belly hand's rise, 0 → 0.085 H; cat-cow: the
 *   head pitch from neutral over 25°, counted only when the eyes moved the same
 *   way, lower for the cat and higher for the cow), from a baseline that is the
 *   mean over a window the caller names (the still start posture).
 * - `createRuleCounter` / `ruleCounterStep`: a repetition starts when the
 *   measure leaves 20 % and ends when it falls back below 20 %; it counts when
 *   it reached ≥ 60 % (cat-cow: a cat ≤ −60 % and a cow ≥ +60 %, either order,
 *   passing through neutral between them does not end it), took 2–15 s between
 *   the two 20 % crossings, and (pelvic tilt, bridge) spent ≥ 0.8 s in all above
 *   80 %.
 *
 * Run on a noise-free trace it checks that the generator's repetitions are the
 * ones the rule counts; run on a noisy one it tells a miscount of the engine
 * from a trace whose noise makes the rule itself count otherwise.
 */
import { palmFromGrip, palmFromWrist } from '../../src/core/bodyModel.ts'
import { rotateVecAt } from '../../src/core/vec.ts'
import type { SynthRecord } from './synthTrace.ts'

/** The repetition stretches. */
export type RepStretchId = 'pelvic-tilt' | 'bridge' | 'cat-cow'

/** The rule's thresholds (docs/product.md "Scoring"). */
export const RULE = {
  start: 0.2,
  reach: 0.6,
  top: 0.8,
  topSeconds: 0.8,
  minSeconds: 2,
  maxSeconds: 15,
} as const

const DEG = 180 / Math.PI

/** v rotated by the unit quaternion at q[o..o+3] (x, y, z, w). */
function rotate(q: number[], o: number, x: number, y: number, z: number): [number, number, number] {
  const out: [number, number, number] = [x, y, z]
  rotateVecAt(out, 0, q, o, out, 0)
  return out
}

/**
 * Reads the progress of a repetition stretch's measure from frames: feed every
 * frame to the returned function; frames with `t` in [baseFrom, baseTo) make the
 * baseline (their mean) and give null, later frames their progress from it (null
 * when a needed pose is missing).
 */
export function repProgressReader(
  stretch: RepStretchId,
  statureM: number,
  input: 'controller' | 'hand',
  bellyHand: 'left' | 'right',
  baseFrom: number,
  baseTo: number,
): (r: SynthRecord & { kind: 'frame' }) => number | null {
  const palm = [0, 0, 0]
  const hi = bellyHand === 'left' ? 1 : 2
  // forward line (lying on the back: the head's up axis on the floor, toward the crown)
  let fx = 0
  let fz = 0
  let n = 0
  let baseA = 0
  let baseB = 0
  let ready = false
  /** cat-cow: [pitch°, eye height]; pelvic tilt: [hand angle°, 0]; bridge: [palm height, 0] */
  const measure = (head: number[], hand: number[] | null, out: number[]): void => {
    if (stretch === 'cat-cow') {
      const face = rotate(head, 3, 0, 0, -1)
      out[0] = Math.asin(Math.max(-1, Math.min(1, face[1]))) * DEG
      out[1] = head[1]!
      return
    }
    if (stretch === 'bridge') {
      if (input === 'hand') palmFromWrist(palm, 0, hand!, 0, statureM)
      else palmFromGrip(palm, 0, hand!, 0, bellyHand)
      out[0] = palm[1]!
      out[1] = 0
      return
    }
    // pelvic tilt: the palm normal's angle in the (forward, up) plane, 0 facing down, positive
    // when the back of the hand (−normal) turns toward the head (+forward)
    const nrm =
      input === 'hand'
        ? rotate(hand!, 3, 0, -1, 0)
        : rotate(hand!, 3, bellyHand === 'left' ? 1 : -1, 0, 0)
    const l = Math.hypot(fx, fz) || 1
    const along = (nrm[0] * fx + nrm[2] * fz) / l
    out[0] = Math.atan2(-along, -nrm[1]) * DEG
    out[1] = 0
  }
  const m = [0, 0]
  return (r) => {
    const head = r.poses[0]
    const hand = r.poses[hi] ?? null
    if (!head || (stretch !== 'cat-cow' && !hand)) return null
    if (!ready) {
      if (r.t < baseFrom) return null
      if (r.t < baseTo || n === 0) {
        const up = rotate(head, 3, 0, 1, 0)
        const l = Math.hypot(up[0], up[2]) || 1
        fx += up[0] / l
        fz += up[2] / l
        measure(head, hand, m)
        baseA += m[0]!
        baseB += m[1]!
        n++
        return null
      }
      baseA /= n
      baseB /= n
      ready = true
    }
    measure(head, hand, m)
    if (stretch === 'bridge') return (m[0]! - baseA) / (0.085 * statureM)
    if (stretch === 'pelvic-tilt') return (m[0]! - baseA) / 14
    const p = (m[0]! - baseA) / 25
    const dEye = m[1]! - baseB
    return (p < 0 && dEye < 0) || (p > 0 && dEye > 0) ? p : 0
  }
}

/** The state of the literal rule counter. */
export interface RuleCounter {
  cat: boolean
  /** repetitions the rule counts */
  count: number
  /** repetitions that reached the peak (cat-cow: both) but failed a condition, and why */
  rejected: string[]
  /** the shortest and longest time between the 20 % crossings of a counted repetition */
  minSeconds: number
  maxSeconds: number
  /** pelvic tilt, bridge: the least time above 80 % of a counted repetition */
  minTopSeconds: number
  /**
   * the least, over counted repetitions followed by another, of the longest time the
   * measure then stayed below 20 % without a break before the next one reached 60 %:
   * how clearly the repetition ended (Infinity: none measured)
   */
  minRestSeconds: number
  /** a counted repetition's rest is being measured */
  restPending: boolean
  /** the longest unbroken time below 20 % in that rest so far */
  longestBelow: number
  active: boolean
  /** when the repetition in flight left 20 % */
  start: number
  /**
   * when the measure first left 20 % since the last counted repetition (NaN: not yet):
   * a repetition's length measured from there as well, so that a case's verdict does
   * not hinge on a noisy dip below 20 % restarting the repetition
   */
  firstStart: number
  /** when the measure last went below 20 % (NaN: it is above) */
  lowSince: number
  prevT: number
  reached: boolean
  reachedNeg: boolean
  reachedPos: boolean
  topSeconds: number
}

/** A counter for one stretch (cat-cow needs both phases; the others the pause at the top). */
export function createRuleCounter(stretch: RepStretchId): RuleCounter {
  return {
    cat: stretch === 'cat-cow',
    count: 0,
    rejected: [],
    minSeconds: Number.POSITIVE_INFINITY,
    maxSeconds: 0,
    minTopSeconds: Number.POSITIVE_INFINITY,
    minRestSeconds: Number.POSITIVE_INFINITY,
    restPending: false,
    longestBelow: 0,
    active: false,
    start: 0,
    firstStart: Number.NaN,
    lowSince: Number.NaN,
    prevT: Number.NaN,
    reached: false,
    reachedNeg: false,
    reachedPos: false,
    topSeconds: 0,
  }
}

function begin(c: RuleCounter, t: number): void {
  c.active = true
  c.start = t
  if (Number.isNaN(c.firstStart)) c.firstStart = t
  c.reached = false
  c.reachedNeg = false
  c.reachedPos = false
  c.topSeconds = 0
}

function finish(c: RuleCounter, t: number): void {
  const took = t - c.start
  if (took < RULE.minSeconds || took > RULE.maxSeconds) {
    c.rejected.push(`took ${took.toFixed(2)} s, ending at ${t.toFixed(2)} s`)
  } else if (!c.cat && c.topSeconds < RULE.topSeconds) {
    c.rejected.push(`${c.topSeconds.toFixed(2)} s above 80 %, ending at ${t.toFixed(2)} s`)
  } else {
    c.count++
    c.maxSeconds = Math.max(c.maxSeconds, t - c.firstStart)
    c.firstStart = Number.NaN
    c.restPending = true
    c.longestBelow = 0
    c.minSeconds = Math.min(c.minSeconds, took)
    c.maxSeconds = Math.max(c.maxSeconds, took)
    if (!c.cat) c.minTopSeconds = Math.min(c.minTopSeconds, c.topSeconds)
  }
  c.active = false
}

/** One frame's progress at time t (null: no reading this frame; the time still passes). */
export function ruleCounterStep(c: RuleCounter, t: number, progress: number | null): void {
  const dt = Number.isNaN(c.prevT) ? 0 : t - c.prevT
  c.prevT = t
  if (progress === null) return
  const p = c.cat ? progress : Math.max(0, progress)
  const a = Math.abs(p)
  // a blip above 20 % that fell back for good (0.3 s) was no start
  if (a >= RULE.start) c.lowSince = Number.NaN
  else if (Number.isNaN(c.lowSince)) c.lowSince = t
  else if (!c.active && t - c.lowSince >= 0.3) c.firstStart = Number.NaN
  if (c.restPending) {
    // the rest ends when the next repetition reaches 60 % (a noisy blip above 20 % does not end it)
    if (a >= RULE.reach) {
      c.minRestSeconds = Math.min(c.minRestSeconds, c.longestBelow)
      c.restPending = false
    } else if (a < RULE.start) c.longestBelow = Math.max(c.longestBelow, t - c.lowSince)
  }
  if (!c.active) {
    if (a < RULE.start) return
    begin(c, t)
  }
  if (a >= RULE.start) {
    if (c.cat) {
      if (p <= -RULE.reach) c.reachedNeg = true
      if (p >= RULE.reach) c.reachedPos = true
    } else {
      if (p >= RULE.reach) c.reached = true
      if (p >= RULE.top) c.topSeconds += dt
    }
    return
  }
  // below 20 %
  if (!c.cat) {
    if (c.reached) finish(c, t)
    else c.active = false
    return
  }
  if (c.reachedNeg && c.reachedPos) finish(c, t)
  else if (!c.reachedNeg && !c.reachedPos) c.active = false
  // one phase done: neutral between the phases does not end it (nor does the same phase
  // again: the repetition runs from its first crossing), unless it is already too long
  else if (t - c.start > RULE.maxSeconds) c.active = false
}

/**
 * The repetition counter (docs/product.md "Scoring"): a repetition counts when the
 * measure reaches at least 60 % of its target and falls back below 20 %,
 * taking 2–15 s; pelvic tilt and bridge also need the pause at the top (at
 * least 0.8 s in all above 80 %); cat-cow needs both phases, a cat and a cow
 * in either order, and passing through neutral between them does not end the
 * repetition. Half movements never count.
 *
 * Noise never crosses a threshold twice: the thresholds are crossed by the
 * measure filtered on time (a low-pass with time constant REP_FILTER_S, the
 * same at every frame rate), and falling below 20 % ends a repetition only
 * once the filtered measure has stayed there REP_SETTLE_S (the repetition ends
 * at the crossing, so its length is not stretched); before it reached 60 % the
 * repetition starts again at the next crossing, as the rule reads. A moment out of the gate
 * or the form (a breath moving the hands off the counter, a tracked hand
 * flickering) keeps the repetition in flight for up to REP_LAPSE_S.
 *
 * Fed one frame at a time with the frame's t in c.num[R_T], its progress
 * (signed for cat-cow) in c.num[R_INPUT] and the counted seconds in
 * c.num[R_DT]; stepReps says when a repetition counted, with its amplitude in
 * c.num[R_AMPLITUDE]; lapseReps takes a frame out of the gate or form.
 */

/** Repetition thresholds: reach 60 %, end below 20 %, hold-at-top 80 %. */
export const REP_REACH = 0.6
/** See REP_REACH. */
export const REP_END = 0.2
/** See REP_REACH. */
export const REP_TOP = 0.8
/** A repetition lasts 2–15 s. */
export const REP_MIN_S = 2
/** See REP_MIN_S. */
export const REP_MAX_S = 15
/** Pelvic tilt and bridge: at least this long (s) above 80 % of the target in a repetition. */
export const REP_TOP_S = 0.8
/**
 * Time constant (s) of the low-pass the thresholds are crossed on: tremor
 * (8–12 Hz) is cut to a fifth, while a half repetition (≥ 0.5 s) passes.
 */
export const REP_FILTER_S = 0.1
/** Below 20 % this long (s) ends a repetition; a shorter dip is noise within it. */
export const REP_SETTLE_S = 0.2
/** Out of the gate or form this long (s) drops the repetition in flight. */
export const REP_LAPSE_S = 0.5

const IDLE = 0
const RISING = 1
const DROPPED = 2

/** Index into RepCounter.num: when the repetition in flight started (s). */
const R_START_T = 0
const R_PEAK1 = 1
const R_PEAK2 = 2
const R_TOP_S = 3
/** Index into RepCounter.num: this frame's progress (written by the caller; signed for cat-cow). */
export const R_INPUT = 4
/** Index into RepCounter.num: this frame's counted seconds (written by the caller). */
export const R_DT = 5
/** Index into RepCounter.num: the amplitude (0–1) of the repetition stepReps just counted. */
export const R_AMPLITUDE = 6
/** Index into RepCounter.num: this frame's t (s; written by the caller). */
export const R_T = 7
/** Index into RepCounter.num: the filtered progress (signed), what the thresholds read. */
export const R_FILTERED = 8
/** the t of the last filtered frame (NaN: none yet) */
const R_FILTER_T = 9
/** when the filtered progress fell below 20 % in flight (NaN: it is not below) */
const R_BELOW_T = 10
/** when the repetition in flight left the gate or form (NaN: it has not) */
const R_LAPSE_T = 11
/** when the repetition being finished ended */
const R_END_T = 12
/** this frame's filter gain */
const R_GAIN = 13

/** A repetition in flight. */
export interface RepCounter {
  state: number
  /** the direction of the first phase: +1, or −1 (cat-cow's cat) */
  dir: number
  /** the first phase reached 60 % */
  reached1: boolean
  /** cat-cow: the second phase reached 60 % */
  reached2: boolean
  /** R_* slots */
  readonly num: Float64Array
}

/** Allocates an idle counter. */
export function createRepCounter(): RepCounter {
  const c = { state: IDLE, dir: 0, reached1: false, reached2: false, num: new Float64Array(14) }
  dropRep(c)
  return c
}

/**
 * Drops the repetition in flight and forgets the filter (out of the pose, a reset, a
 * new stretch): the next repetition starts only after the measure has been below 20 %,
 * so a user dropped at the top does not count the way down as a repetition.
 */
export function dropRep(c: RepCounter): void {
  abandonRep(c)
  c.num[R_FILTER_T] = Number.NaN
  c.num[R_FILTERED] = 0
}

/** Drops the repetition in flight; the next starts only once the measure is below 20 %. */
function abandonRep(c: RepCounter): void {
  clearRep(c)
  c.state = DROPPED
}

/** Drops the repetition in flight; the filter goes on. */
function clearRep(c: RepCounter): void {
  c.state = IDLE
  c.reached1 = false
  c.reached2 = false
  c.num[R_PEAK1] = 0
  c.num[R_PEAK2] = 0
  c.num[R_TOP_S] = 0
  c.num[R_BELOW_T] = Number.NaN
  c.num[R_LAPSE_T] = Number.NaN
  c.dir = 0
}

/**
 * A frame out of the gate or the form (tracked, not paused), t in c.num[R_T]:
 * the repetition in flight survives REP_LAPSE_S of them, then is dropped.
 */
export function lapseReps(c: RepCounter): void {
  if (c.state !== RISING) return
  const t = c.num[R_T]!
  if (Number.isNaN(c.num[R_LAPSE_T]!)) c.num[R_LAPSE_T] = t
  else if (t - c.num[R_LAPSE_T]! >= REP_LAPSE_S) abandonRep(c)
}

/**
 * One frame in the pose. `needTop`: the pause at the top is required (pelvic
 * tilt, bridge); `catCow`: two phases of opposite sign. True when a repetition
 * counted this frame (its amplitude in c.num[R_AMPLITUDE]).
 */
export function stepReps(c: RepCounter, needTop: boolean, catCow: boolean): boolean {
  const t = c.num[R_T]!
  const dt = c.num[R_DT]!
  // The low-pass, exact for any interval: a long one (after a gap) starts it afresh.
  // (Through a slot: a local picking 1 or a computed gain would be kept boxed.)
  const sinceLast = t - c.num[R_FILTER_T]!
  c.num[R_GAIN] = 1
  if (sinceLast <= 10 * REP_FILTER_S) c.num[R_GAIN] = 1 - Math.exp(-sinceLast / REP_FILTER_S)
  const progress = c.num[R_FILTERED]! + c.num[R_GAIN]! * (c.num[R_INPUT]! - c.num[R_FILTERED]!)
  c.num[R_FILTERED] = progress
  c.num[R_FILTER_T] = t
  c.num[R_LAPSE_T] = Number.NaN
  const a = progress < 0 ? -progress : progress
  const dir = progress < 0 ? -1 : 1
  if (c.state === DROPPED) {
    if (a < REP_END) c.state = IDLE
    return false
  }
  if (c.state === IDLE) {
    if (a < REP_END || (!catCow && progress < 0)) return false
    c.state = RISING
    c.num[R_START_T] = t
    c.dir = dir
    c.reached1 = false
    c.reached2 = false
    c.num[R_PEAK1] = 0
    c.num[R_PEAK2] = 0
    c.num[R_TOP_S] = 0
    c.num[R_BELOW_T] = Number.NaN
  }
  // Too long (the end is the crossing below 20 %, when one is waiting to settle).
  c.num[R_END_T] = t
  if (!Number.isNaN(c.num[R_BELOW_T]!)) c.num[R_END_T] = c.num[R_BELOW_T]!
  if (c.num[R_END_T]! - c.num[R_START_T]! > REP_MAX_S) {
    abandonRep(c)
    return false
  }
  // What this frame does, decided below and done at the end, in this one function: the
  // rare paths (a repetition ending, starting over) must not run in code of their own,
  // which V8 seldom optimises and where every number would be boxed.
  let finish = false
  let restart = false
  if (a >= REP_END && (catCow || progress > 0)) {
    if (dir === c.dir) {
      if (catCow && c.reached2) {
        // cat, cow, then cat again without settling: the repetition ended at neutral
        // (or now, if it never settled there), and the new movement starts the next one.
        finish = true
        restart = true
      } else {
        c.num[R_BELOW_T] = Number.NaN
        if (catCow && c.reached1 && c.num[R_PEAK2]! > 0) {
          // back to the first phase without completing the second: start over from here.
          c.num[R_START_T] = t
          c.reached1 = false
          c.num[R_PEAK1] = 0
          c.num[R_PEAK2] = 0
        }
        if (a > c.num[R_PEAK1]!) c.num[R_PEAK1] = a
        if (a >= REP_REACH) c.reached1 = true
        if (a >= REP_TOP) c.num[R_TOP_S] = c.num[R_TOP_S]! + dt
      }
    } else if (catCow) {
      c.num[R_BELOW_T] = Number.NaN
      if (!c.reached1) {
        // a half movement, then the other way: this is the repetition's real start.
        restart = true
      } else {
        if (a > c.num[R_PEAK2]!) c.num[R_PEAK2] = a
        if (a >= REP_REACH) c.reached2 = true
      }
    }
  } else if (!c.reached1) {
    // Below 20 % before reaching 60 %: a half movement; the repetition starts at the next
    // crossing (noise there can only start it later, never count anything).
    clearRep(c)
  } else {
    // Below 20 % after: once it has stayed there REP_SETTLE_S, the end of the repetition,
    // at the crossing (cat-cow: only after both phases; neutral between them does not end it).
    if (Number.isNaN(c.num[R_BELOW_T]!)) c.num[R_BELOW_T] = t
    if (t - c.num[R_BELOW_T]! >= REP_SETTLE_S && (!catCow || c.reached2)) {
      c.num[R_END_T] = c.num[R_BELOW_T]!
      finish = true
    }
  }
  let counted = false
  if (finish) {
    // The repetition ends at c.num[R_END_T]: it counts when it took 2–15 s, with the pause
    // at the top where needed; its amplitude the peak (cat-cow: the mean of both).
    const took = c.num[R_END_T]! - c.num[R_START_T]!
    counted = took >= REP_MIN_S && took <= REP_MAX_S && (!needTop || c.num[R_TOP_S]! >= REP_TOP_S)
    // Math.min, not a choice of constants: a phi of a double and a constant stays boxed
    c.num[R_AMPLITUDE] = Math.min(1, c.num[R_PEAK1]!)
    if (catCow) c.num[R_AMPLITUDE] = (c.num[R_AMPLITUDE]! + Math.min(1, c.num[R_PEAK2]!)) / 2
    clearRep(c)
  }
  if (restart) {
    clearRep(c)
    c.state = RISING
    c.num[R_START_T] = t
    c.dir = dir
    c.num[R_PEAK1] = a
    c.reached1 = a >= REP_REACH
  }
  return counted
}

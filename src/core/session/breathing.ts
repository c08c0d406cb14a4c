/**
 * The breathing pacer (docs/product.md: about six slow breaths a minute during
 * holds): 4 s in, 6 s out. The panel's ring, its soft sound and the coach's
 * chest all follow this one function of the session clock, so they agree and
 * stop together when the session is paused.
 */

/** Seconds of breathing in. */
export const BREATH_IN_S = 4
/** Seconds of one whole breath (in and out): six a minute. */
export const BREATH_S = 10

/** The pacer's timings in typed slots: per-frame code never meets a boxed module constant. */
const _t = Float64Array.of(BREATH_S, BREATH_IN_S, BREATH_S - BREATH_IN_S)

/** Index into a breath reading (readBreath): how full the lungs are, 0 empty → 1 full (eased). */
export const BREATH_FULLNESS = 0
/** Index into a breath reading: 1 while breathing in, 0 while breathing out. */
export const BREATH_INHALING = 1

/**
 * Reads the pacer at session time clock[ci] (s) into out[oi + BREATH_FULLNESS]
 * and out[oi + BREATH_INHALING]. Every frame calls it: no float crosses the
 * call, nothing allocates.
 */
export function readBreath(
  out: Float64Array,
  oi: number,
  clock: ArrayLike<number>,
  ci: number,
): void {
  const c = clock[ci]!
  const t = c - Math.floor(c / _t[0]!) * _t[0]!
  const inhaling = t < _t[1]!
  out[oi + BREATH_INHALING] = inhaling ? 1 : 0
  out[oi + BREATH_FULLNESS] = inhaling
    ? 0.5 - 0.5 * Math.cos((Math.PI * t) / _t[1]!)
    : 0.5 + 0.5 * Math.cos((Math.PI * (t - _t[1]!)) / _t[2]!)
}

const _out = new Float64Array(2)
const _clock = new Float64Array(1)

/** How full the lungs are at session time `clockS`: 0 empty → 1 full (eased), then back. */
export function breathPhase(clockS: number): number {
  _clock[0] = clockS
  readBreath(_out, 0, _clock, 0)
  return _out[BREATH_FULLNESS]!
}

/** Whether the pacer says "breathe in" at session time `clockS`. */
export function breathingIn(clockS: number): boolean {
  _clock[0] = clockS
  readBreath(_out, 0, _clock, 0)
  return _out[BREATH_INHALING] === 1
}

/**
 * The breathing pacer (PRODUCT.md: about six slow breaths a minute during
 * holds): 4 s in, 6 s out. The panel's ring, its soft sound and the coach's
 * chest all follow this one function of the session clock, so they agree and
 * stop together when the session is paused.
 */

/** Seconds of breathing in. */
export const BREATH_IN_S = 4
/** Seconds of one whole breath (in and out): six a minute. */
export const BREATH_S = 10

/** How full the lungs are at session time `clockS`: 0 empty → 1 full (eased), then back. */
export function breathPhase(clockS: number): number {
  const t = clockS - Math.floor(clockS / BREATH_S) * BREATH_S
  return t < BREATH_IN_S
    ? 0.5 - 0.5 * Math.cos((Math.PI * t) / BREATH_IN_S)
    : 0.5 + 0.5 * Math.cos((Math.PI * (t - BREATH_IN_S)) / (BREATH_S - BREATH_IN_S))
}

/** Whether the pacer says "breathe in" at session time `clockS`. */
export function breathingIn(clockS: number): boolean {
  const t = clockS - Math.floor(clockS / BREATH_S) * BREATH_S
  return t < BREATH_IN_S
}

/**
 * The hand grace of the pose-trace spec ("Tracking"): while the pose is held,
 * a needed hand that stops being sensed (lost, or only its orientation left)
 * keeps its last sensed palm for up to HAND_GRACE_S, so a hand hidden behind a
 * knee for a moment does not stop the hold. Held-over palms count hold time but
 * add no range or stability samples (the engine's business). A measure that
 * needs only the hand's orientation (pelvic tilt) keeps counting while the
 * orientation is real.
 */
import type { PoseFrame } from '../poseFrame.ts'
import type { BodyView } from './bodyView.ts'

/** A needed hand may be lost this long (s) while the pose is held. */
export const HAND_GRACE_S = 2

/** The last sensed palm of each hand, and when. */
export interface HandGrace {
  readonly lastPalm: Float64Array
  readonly lastPalmT: Float64Array
  readonly lastPalmValid: Uint8Array
}

/** Allocates the grace for both hands, with nothing remembered. */
export function createHandGrace(): HandGrace {
  return {
    lastPalm: new Float64Array(6),
    lastPalmT: new Float64Array(2),
    lastPalmValid: new Uint8Array(2),
  }
}

/** Forgets both hands (the reference space was reset: the old palms are elsewhere now). */
export function forgetHands(g: HandGrace): void {
  g.lastPalmValid.fill(0)
}

/** Remembers hand h's palm (v.palm), sensed in this frame. */
export function rememberPalm(g: HandGrace, v: BodyView, h: number, frame: PoseFrame): void {
  for (let k = 0; k < 3; k++) g.lastPalm[h * 3 + k] = v.palm[h * 3 + k]!
  g.lastPalmT[h] = frame.t
  g.lastPalmValid[h] = 1
}

/**
 * Gives each hand without a usable palm this frame its last sensed palm when
 * the grace allows (`holding`: the head is tracked, no gap, and the pose was
 * held on the previous frame; lost for at most HAND_GRACE_S), or when the
 * measure needs only the hand's orientation (`orientationMeasure`) and it is
 * real. Returns the mask (bit h) of hands held over by the grace.
 */
export function holdOverPalms(
  g: HandGrace,
  v: BodyView,
  frame: PoseFrame,
  orientationMeasure: boolean,
  holding: boolean,
): number {
  const t = frame.t
  let heldOver = 0
  for (let h = 0; h < 2; h++) {
    if (v.palmOk[h] === 1 || g.lastPalmValid[h] !== 1) continue
    const orientationOnly = orientationMeasure && v.handQOk[h] === 1
    const grace = holding && t - g.lastPalmT[h]! <= HAND_GRACE_S
    if (!orientationOnly && !grace) continue
    for (let k = 0; k < 3; k++) v.palm[h * 3 + k] = g.lastPalm[h * 3 + k]!
    v.palmOk[h] = 1
    if (!orientationOnly) heldOver |= 1 << h
  }
  return heldOver
}

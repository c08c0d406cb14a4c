/**
 * The palms' running average over the last PALM_AVERAGE_S (cat-cow's form:
 * the hands stay on the counter), over a fixed ring of frames so the average
 * is over time whatever the frame rate, and nothing is allocated.
 */
import type { PoseFrame } from '../poseFrame.ts'
import type { BodyView } from './bodyView.ts'

/** The window (s) of the palms' average. */
export const PALM_AVERAGE_S = 0.5
/** Frames the ring holds (more than 0.5 s at any headset's rate). */
const PALM_RING = 256

/** The ring of recent palms and their running sum. */
export interface PalmAverage {
  readonly ringT: Float64Array
  readonly ringPalm: Float64Array
  readonly ringSum: Float64Array
  start: number
  length: number
}

/** Allocates an empty ring. */
export function createPalmAverage(): PalmAverage {
  return {
    ringT: new Float64Array(PALM_RING),
    ringPalm: new Float64Array(PALM_RING * 6),
    ringSum: new Float64Array(6),
    start: 0,
    length: 0,
  }
}

/** Empties the ring (a new baseline or a reset: the palms start afresh). */
export function clearPalmAverage(a: PalmAverage): void {
  a.length = 0
  a.start = 0
  a.ringSum.fill(0)
}

/** Adds this frame's palms (v.palm) and writes the average over the last 0.5 s to v.palmAvg. */
export function pushPalms(a: PalmAverage, v: BodyView, frame: PoseFrame): void {
  const t = frame.t
  if (a.length === PALM_RING) popPalms(a)
  const w = (a.start + a.length) % PALM_RING
  a.ringT[w] = t
  for (let k = 0; k < 6; k++) {
    a.ringPalm[w * 6 + k] = v.palm[k]!
    a.ringSum[k] = a.ringSum[k]! + v.palm[k]!
  }
  a.length++
  while (a.length > 1 && t - a.ringT[a.start]! > PALM_AVERAGE_S) popPalms(a)
  for (let k = 0; k < 6; k++) v.palmAvg[k] = a.ringSum[k]! / a.length
}

function popPalms(a: PalmAverage): void {
  const o = a.start
  for (let k = 0; k < 6; k++) a.ringSum[k] = a.ringSum[k]! - a.ringPalm[o * 6 + k]!
  a.start = (o + 1) % PALM_RING
  a.length--
}

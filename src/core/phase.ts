/** The phases a stretch goes through in a session (docs/product.md, Scoring). */
export const PHASES = [
  'demonstrate',
  'getIntoPosition',
  'hold',
  'reps',
  'switchSide',
  'rest',
  'done',
] as const

/** One phase of a stretch. `hold` for timed stretches, `reps` for repetition ones. */
export type Phase = (typeof PHASES)[number]

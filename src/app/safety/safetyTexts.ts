/**
 * The safety texts of a session, in our own words (facts from the clinic's
 * guide and docs/product.md "Safety": which signs call for a clinician first, which
 * call for urgent care, and how to stretch safely).
 */

/** Signs that call for a clinician before any stretching programme. */
export const RED_FLAGS = [
  'Pain that travels down into a leg, or below the knee.',
  'Numbness, tingling (pins and needles) or weakness in a leg or foot.',
  'Pain that has not eased after several weeks of regular, gentle practice.',
  'Back pain that began with a fall, an accident or another injury, or that comes with an illness affecting the whole body.',
] as const

/** Signs that call for urgent medical care the same day, not for stretching. */
export const URGENT_FLAGS = [
  'You cannot control your bladder or bowels as usual, or cannot pass urine.',
  'Your groin, the area you sit on, or the inside of your thighs feels numb.',
  'You have a fever, or are losing weight without knowing why, along with the back pain.',
] as const

/** What to keep in mind during every session. */
export const REMINDERS = [
  'Warm up first: walk around or march on the spot for a few minutes.',
  'Breathe slowly through each hold; follow the ring in the headset.',
  'A mild, even pulling feeling is what you want. Sharp, stabbing or spreading pain is not: stop.',
  'Stop at any time with the red "Stop: pain" button, or the B or Y button on a controller.',
] as const

/** Floor work in a headset. */
export const FLOOR_NOTES = [
  'Clear a mat-sized space on the floor, with nothing you could kick or knock over.',
  'Stand at a kitchen counter or sturdy table for cat-cow; you will put both hands on it.',
  'Where your headset offers passthrough, the app uses it so you can see your mat and the counter.',
] as const

/** Whether a number is a pain rating the check-in accepts: an integer 0–10. */
export function isPainRating(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10
}

/** Said after a routine stopped for pain, in the headset's wrap-up and the desktop's. */
export const PAIN_STOP_ADVICE =
  'Stopping was the right call. Rest, and if the pain is sharp, spreads or does not settle, ask a doctor or physiotherapist before your next session.'

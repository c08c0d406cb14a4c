/**
 * The stretch catalogue: the ten stretches of docs/product.md with their ids (the
 * pose-trace spec's), what each is for, how it is dosed, which tracked points
 * it needs, and the routines. Texts are our own words.
 */

/** The ten stretch ids of the pose-trace spec. */
export const STRETCH_IDS = [
  'childs-pose',
  'knee-to-chest',
  'pelvic-tilt',
  'supine-twist',
  'hip-flexor',
  'glute-stretch',
  'hamstring-stretch',
  'cat-cow',
  'bridge',
  'childs-pose-side',
] as const

/** A stretch id of the pose-trace spec. */
export type StretchId = (typeof STRETCH_IDS)[number]

/** Whether a string is one of the ten stretch ids. */
export function isStretchId(value: unknown): value is StretchId {
  return typeof value === 'string' && (STRETCH_IDS as readonly string[]).includes(value)
}

/** The posture a stretch is done in: decides where the coach stands and what touches the floor. */
export type Posture = 'kneeling' | 'half-kneeling' | 'lying' | 'seated' | 'standing'

/**
 * Which hands a stretch needs tracked: `both`, or `either` (the belly hand of
 * pelvic tilt and bridge: whichever hand satisfies the gate).
 */
export type HandsNeeded = 'both' | 'either'

/**
 * What a stretch's measure is taken from (docs/product.md "baseline"): `none`, the
 * body this frame alone; `start`, the baseline (the first still second in the
 * gate), kept for the stretch; `rest`, the baseline, replaced by a later still
 * second well below it (the start pose is where the body rests between
 * movements, e.g. after a reset caught the user at the top of a bridge).
 */
export type BaselineUse = 'none' | 'start' | 'rest'

/** How a stretch is dosed: a timed hold per side, or a number of repetitions. */
export type Dose = { kind: 'hold'; holdSeconds: number } | { kind: 'reps'; reps: number }

/** One entry of the catalogue. */
export interface Stretch {
  readonly id: StretchId
  readonly name: string
  /** one line: what it does for the back */
  readonly purpose: string
  /** the steps, in order, as the coach's captions */
  readonly steps: readonly string[]
  readonly posture: Posture
  readonly dose: Dose
  /** one-sided stretches are done left then right */
  readonly sided: boolean
  /** what `side` means for this stretch (pose-trace spec), null when two-sided */
  readonly sideMeaning: string | null
  /** the head is always needed; these are the hands */
  readonly handsNeeded: HandsNeeded
  /** whether the measure (or a form condition) is relative to the baseline, and which */
  readonly baseline: BaselineUse
}

/** Default hold per side, seconds (docs/product.md); the user may pick 20–30. */
export const DEFAULT_HOLD_SECONDS = 30
/** The hold times a user may choose, seconds. */
export const HOLD_SECONDS_RANGE = [20, 30] as const

/** The catalogue, keyed by id. */
export const STRETCHES: { readonly [K in StretchId]: Stretch & { readonly id: K } } = {
  'childs-pose': {
    id: 'childs-pose',
    name: "Child's pose",
    purpose: 'Lets the whole spine lengthen and relaxes the lower back, hips and shoulders.',
    steps: [
      'Come onto your hands and knees.',
      'Let your seat sink back toward your heels.',
      'Slide your arms forward along the floor.',
      'Lower your forehead toward the mat and breathe slowly.',
    ],
    posture: 'kneeling',
    dose: { kind: 'hold', holdSeconds: DEFAULT_HOLD_SECONDS },
    sided: false,
    sideMeaning: null,
    handsNeeded: 'both',
    baseline: 'none',
  },
  'knee-to-chest': {
    id: 'knee-to-chest',
    name: 'Knee-to-chest stretch',
    purpose: 'Gently lengthens the muscles of the lower back and eases stiffness.',
    steps: [
      'Lie on your back with both knees bent.',
      'Hold one knee with both hands.',
      'Draw that knee in toward your chest and keep it there.',
      'Let it go slowly, then do the other leg.',
    ],
    posture: 'lying',
    dose: { kind: 'hold', holdSeconds: DEFAULT_HOLD_SECONDS },
    sided: true,
    sideMeaning: 'the knee pulled in',
    handsNeeded: 'both',
    baseline: 'none',
  },
  'pelvic-tilt': {
    id: 'pelvic-tilt',
    name: 'Pelvic tilts',
    purpose: 'Teaches control of the lower spine and wakes up the deep core muscles.',
    steps: [
      'Lie on your back with your knees bent and one hand flat on your lower belly.',
      'Press the small of your back gently into the mat.',
      'Keep it there for two seconds.',
      'Let it go and repeat, slowly.',
    ],
    posture: 'lying',
    dose: { kind: 'reps', reps: 10 },
    sided: false,
    sideMeaning: null,
    handsNeeded: 'either',
    baseline: 'rest',
  },
  'supine-twist': {
    id: 'supine-twist',
    name: 'Supine spinal twist',
    purpose: 'Rotates the spine gently to loosen the lower back and the sides of the trunk.',
    steps: [
      'Lie on your back, knees bent together, feet on the mat.',
      'Stretch one arm out to the side along the floor.',
      'Let both knees sink to the other side, a hand resting on the top knee.',
      'Keep both shoulders on the mat; turn your head away if it feels good.',
    ],
    posture: 'lying',
    dose: { kind: 'hold', holdSeconds: DEFAULT_HOLD_SECONDS },
    sided: true,
    sideMeaning: 'the side the knees drop to',
    handsNeeded: 'both',
    baseline: 'none',
  },
  'hip-flexor': {
    id: 'hip-flexor',
    name: 'Kneeling hip flexor stretch',
    purpose: 'Opens the front of the hip, whose tightness tugs on the lower back.',
    steps: [
      'Kneel on one knee with the other foot planted ahead of you.',
      'Rest your hands on your hips and stand your trunk tall.',
      'Ease your weight forward until the front of the back hip feels a stretch.',
      'Stay upright: the hips move, the chest does not lean.',
    ],
    posture: 'half-kneeling',
    dose: { kind: 'hold', holdSeconds: DEFAULT_HOLD_SECONDS },
    sided: true,
    sideMeaning: 'the leg in front (the other hip is stretched)',
    handsNeeded: 'both',
    baseline: 'rest',
  },
  'glute-stretch': {
    id: 'glute-stretch',
    name: 'Supine figure-4 glute stretch',
    purpose: 'Releases the buttock muscles, which can pull on the lower back.',
    steps: [
      'Lie on your back with both knees bent.',
      'Rest one ankle across the opposite knee.',
      'Reach both hands around the thigh of the uncrossed leg.',
      'Draw that thigh toward you until the crossed side stretches.',
    ],
    posture: 'lying',
    dose: { kind: 'hold', holdSeconds: DEFAULT_HOLD_SECONDS },
    sided: true,
    sideMeaning: 'the leg whose ankle is crossed over',
    handsNeeded: 'both',
    baseline: 'none',
  },
  'hamstring-stretch': {
    id: 'hamstring-stretch',
    name: 'Seated hamstring stretch',
    purpose: 'Lengthens the back of the thigh, a common source of lower-back strain.',
    steps: [
      'Sit with one leg straight out in front of you.',
      'Put your hands on that thigh.',
      'Fold forward from the hips, sliding your hands toward your ankle.',
      'Keep your back long rather than rounding it.',
    ],
    posture: 'seated',
    dose: { kind: 'hold', holdSeconds: DEFAULT_HOLD_SECONDS },
    sided: true,
    sideMeaning: 'the straight leg',
    handsNeeded: 'both',
    baseline: 'rest',
  },
  'cat-cow': {
    id: 'cat-cow',
    name: 'Supported cat-cow',
    purpose: 'Moves the whole spine through flexion and extension, standing at a counter.',
    steps: [
      'Stand facing a counter and put both hands on it.',
      'Round your back up toward the ceiling and let your head drop (cat).',
      'Then let your back sag and lift your gaze (cow).',
      'Flow slowly between the two, breathing with the movement.',
    ],
    posture: 'standing',
    dose: { kind: 'reps', reps: 8 },
    sided: false,
    sideMeaning: null,
    handsNeeded: 'both',
    baseline: 'start',
  },
  bridge: {
    id: 'bridge',
    name: 'Bridge',
    purpose: 'Strengthens the glutes and the muscles along the spine that support the back.',
    steps: [
      'Lie on your back, knees bent, feet flat, one hand on your lower belly.',
      'Push through your feet to lift your hips until knees, hips and shoulders line up.',
      'Stay at the top for two seconds.',
      'Roll back down slowly.',
    ],
    posture: 'lying',
    dose: { kind: 'reps', reps: 8 },
    sided: false,
    sideMeaning: null,
    handsNeeded: 'either',
    baseline: 'rest',
  },
  'childs-pose-side': {
    id: 'childs-pose-side',
    name: "Child's pose with side reach",
    purpose: 'Adds a stretch along the side of the trunk to the calm of child’s pose.',
    steps: [
      "Settle into child's pose.",
      'Walk both hands over to one side.',
      'Feel the stretch along the opposite flank and breathe into it.',
      'Walk the hands back to the middle, then to the other side.',
    ],
    posture: 'kneeling',
    dose: { kind: 'hold', holdSeconds: DEFAULT_HOLD_SECONDS },
    sided: true,
    sideMeaning: 'the side the hands walk to',
    handsNeeded: 'both',
    baseline: 'none',
  },
}

/** The catalogue as a list, in the spec's order. */
export const STRETCH_LIST: readonly Stretch[] = STRETCH_IDS.map((id) => STRETCHES[id])

const ONE_SIDED: readonly ('left' | 'right' | 'both')[] = Object.freeze(['left', 'right'])
const TWO_SIDED: readonly ('left' | 'right' | 'both')[] = Object.freeze(['both'])

/** The sides a stretch is performed on, in order: left first for one-sided ones (shared arrays: called every frame). */
export function sidesOf(id: StretchId): readonly ('left' | 'right' | 'both')[] {
  return STRETCHES[id].sided ? ONE_SIDED : TWO_SIDED
}

/** A routine: an ordered list of stretches. */
export interface Routine {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly stretches: readonly StretchId[]
}

/** The built-in routines of docs/product.md (users may also build their own). */
export const ROUTINES: readonly Routine[] = [
  {
    id: 'morning-mobility',
    name: 'Morning mobility',
    description: 'Five gentle stretches to loosen a stiff back after the night.',
    stretches: ['childs-pose', 'cat-cow', 'knee-to-chest', 'supine-twist', 'childs-pose-side'],
  },
  {
    id: 'evening-activation',
    name: 'Evening activation',
    description: 'Five moves that wake up the core and hips and release the legs.',
    stretches: ['pelvic-tilt', 'bridge', 'hip-flexor', 'glute-stretch', 'hamstring-stretch'],
  },
  {
    id: 'all-ten',
    name: 'All ten',
    description: 'The full morning and evening sets in one go.',
    stretches: [
      'childs-pose',
      'cat-cow',
      'knee-to-chest',
      'supine-twist',
      'childs-pose-side',
      'pelvic-tilt',
      'bridge',
      'hip-flexor',
      'glute-stretch',
      'hamstring-stretch',
    ],
  },
]

/** Prefix of the id of a routine made of one stretch (a link a physiotherapist can send). */
export const SINGLE_STRETCH_PREFIX = 'stretch:'

/** One stretch as a routine of its own (both sides where it has two). */
export function singleStretchRoutine(id: StretchId): Routine {
  const s = STRETCHES[id]
  return {
    id: SINGLE_STRETCH_PREFIX + id,
    name: s.name + ' only',
    description: 'Just this one stretch' + (s.sided ? ', on both sides.' : '.'),
    stretches: [id],
  }
}

/** The routine with this id: a built-in one, or `stretch:<id>` for one stretch; null when unknown. */
export function routineById(id: string): Routine | null {
  const found = ROUTINES.find((r) => r.id === id)
  if (found) return found
  if (id.startsWith(SINGLE_STRETCH_PREFIX)) {
    const sid = id.slice(SINGLE_STRETCH_PREFIX.length)
    if (isStretchId(sid)) return singleStretchRoutine(sid)
  }
  return null
}

/** Rough seconds a stretch takes in a routine: holds or reps per side plus getting in and out. */
export function estimatedSeconds(id: StretchId, holdSeconds = DEFAULT_HOLD_SECONDS): number {
  const s = STRETCHES[id]
  const perSide = s.dose.kind === 'hold' ? holdSeconds : s.dose.reps * 6
  return (s.sided ? 2 : 1) * (perSide + 20) + 15
}

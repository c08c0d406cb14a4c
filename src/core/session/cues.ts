/**
 * Cues that need no looking (docs/product.md, The session): which moments of the
 * routine get a sound and a vibration. Read from the runner and the engine's
 * live values after each frame: in position and the hold started, the hold
 * paused (and why), the last five seconds, the hold complete, switch side, a
 * repetition counted, the stretch done. Face down on a mat, these are all the
 * user has, so each fires once per moment, never twice for a flicker.
 *
 * createCueDetector() allocates once; updateCues() runs every frame, writes
 * this frame's cues into preallocated arrays and allocates nothing.
 */
import { STRETCHES } from '../stretches.ts'
import { CLOCK_T, type SessionRunner } from './runner.ts'

/** The cue kinds, in the order of their codes. */
export const CUE_KINDS = [
  'inPosition',
  'holdPaused',
  'lastFive',
  'holdComplete',
  'switchSide',
  'repCounted',
  'stretchDone',
] as const
/** One kind of cue. */
export type CueKind = (typeof CUE_KINDS)[number]

/** Why a hold paused (for the words that go with the sound). */
export const PAUSE_OUT_OF_POSE = 1
/** See PAUSE_OUT_OF_POSE. */
export const PAUSE_TRACKING_LOST = 2

/** The hold must have stopped this long (s) before "paused" is cued: a flicker is not a pause. */
export const PAUSE_CUE_AFTER_S = 0.5
/** The last seconds of a hold that are announced (and ticked). */
export const LAST_SECONDS = 5
/** Most cues one frame can raise. */
const MAX_CUES = 8

const C_IN_POSITION = 0
const C_HOLD_PAUSED = 1
const C_LAST_FIVE = 2
const C_HOLD_COMPLETE = 3
const C_SWITCH_SIDE = 4
const C_REP_COUNTED = 5
const C_STRETCH_DONE = 6

/** The cue detector: this frame's cues (`count` of them) and what it remembers between frames. */
export interface CueDetector {
  /** cues raised by the last update: codes into CUE_KINDS */
  count: number
  readonly codes: Uint8Array
  /** for holdPaused: PAUSE_OUT_OF_POSE or PAUSE_TRACKING_LOST */
  readonly reasons: Uint8Array
  /** countdown ticks raised by the last update (a whole second passed in the last five) */
  ticks: number
  /** [previous hold (s), time the hold last counted (s), previous t (s)] */
  readonly num: Float64Array
  sideKey: number
  prevReps: number
  prevFinished: number
  prevSidesEnded: number
  prevPhase: string
  /** the hold is counting (as far as the cues are concerned) */
  counting: boolean
  /** "in position" was said for the current stretch of holding */
  inPositionCued: boolean
  pauseCued: boolean
  lastFiveCued: boolean
  /** whole seconds left at the last tick */
  lastTickSecond: number
}

const N_PREV_HOLD = 0
const N_COUNTED_T = 1

/** Allocates a detector. */
export function createCueDetector(): CueDetector {
  return {
    count: 0,
    codes: new Uint8Array(MAX_CUES),
    reasons: new Uint8Array(MAX_CUES),
    ticks: 0,
    num: new Float64Array(3),
    sideKey: -1,
    prevReps: 0,
    prevFinished: 0,
    prevSidesEnded: 0,
    prevPhase: '',
    counting: false,
    inPositionCued: false,
    pauseCued: false,
    lastFiveCued: false,
    lastTickSecond: -1,
  }
}

function raise(d: CueDetector, code: number, reason: number): void {
  if (d.count >= MAX_CUES) return
  d.codes[d.count] = code
  d.reasons[d.count] = reason
  d.count++
}

/** The cue kind of a code written by updateCues. */
export function cueKindOf(code: number): CueKind {
  return CUE_KINDS[code] ?? 'inPosition'
}

/** Reads this frame of the session and raises its cues (call right after stepRunner). */
export function updateCues(d: CueDetector, r: SessionRunner): void {
  d.count = 0
  d.ticks = 0
  const live = r.engine.live
  const t = r.clock[CLOCK_T]!
  // Sides and stretches that ended since the last frame (the runner counts them).
  if (r.sidesEnded !== d.prevSidesEnded) {
    d.prevSidesEnded = r.sidesEnded
    // the repetition that ended the side was counted in the frame that moved the engine on
    if (!r.lastSideHold)
      for (let k = d.prevReps; k < r.lastSideReps; k++) raise(d, C_REP_COUNTED, 0)
    if (r.lastSideCompleted && r.lastSideHold) raise(d, C_HOLD_COMPLETE, 0)
  }
  const finished = r.finishedStretches.length
  if (finished !== d.prevFinished) {
    for (let i = d.prevFinished; i < finished; i++)
      if (!r.finishedStretches[i]!.result.pain) raise(d, C_STRETCH_DONE, 0)
    d.prevFinished = finished
  }
  if (r.phase !== d.prevPhase) {
    if (r.phase === 'switchSide') raise(d, C_SWITCH_SIDE, 0)
    d.prevPhase = r.phase
  }
  const key = r.finished ? -1 : r.stretchIndex * 2 + r.sideIndex
  if (key !== d.sideKey) {
    // a new side: nothing of the last one carries over
    d.sideKey = key
    d.counting = false
    d.inPositionCued = false
    d.pauseCued = false
    d.lastFiveCued = false
    d.lastTickSecond = -1
    d.prevReps = live.reps
    d.num[N_PREV_HOLD] = live.holdSeconds
    d.num[N_COUNTED_T] = t
    return
  }
  if (r.finished) return
  const stretch = live.stretch
  if (stretch === null) return
  const quiet = r.paused || r.visibility !== 'visible'
  if (STRETCHES[stretch].dose.kind === 'reps') {
    if (r.phase === 'reps' && !d.inPositionCued) {
      d.inPositionCued = true
      raise(d, C_IN_POSITION, 0)
    }
    for (let k = d.prevReps; k < live.reps; k++) raise(d, C_REP_COUNTED, 0)
    d.prevReps = live.reps
    // Between repetitions the user leaves the pose by design: only losing tracking is a pause.
    if (r.phase === 'reps' && !quiet) {
      if (live.tracked) {
        d.num[N_COUNTED_T] = t
        d.pauseCued = false
      } else if (!d.pauseCued && t - d.num[N_COUNTED_T]! >= PAUSE_CUE_AFTER_S) {
        d.pauseCued = true
        raise(d, C_HOLD_PAUSED, PAUSE_TRACKING_LOST)
      }
    } else d.num[N_COUNTED_T] = t
    return
  }
  const hold = live.holdSeconds
  const grew = hold > d.num[N_PREV_HOLD]!
  d.num[N_PREV_HOLD] = hold
  if (grew) {
    d.num[N_COUNTED_T] = t
    if (!d.counting) {
      d.counting = true
      if (!d.inPositionCued) {
        d.inPositionCued = true
        d.pauseCued = false
        raise(d, C_IN_POSITION, 0)
      }
    }
    const left = live.targetHoldSeconds - hold
    if (left <= LAST_SECONDS && left > 0) {
      if (!d.lastFiveCued) {
        d.lastFiveCued = true
        d.lastTickSecond = Math.ceil(left)
        raise(d, C_LAST_FIVE, 0)
      } else {
        const second = Math.ceil(left)
        if (second < d.lastTickSecond) {
          d.lastTickSecond = second
          d.ticks++
        }
      }
    }
  } else if (d.counting && !quiet && t - d.num[N_COUNTED_T]! >= PAUSE_CUE_AFTER_S) {
    d.counting = false
    if (!d.pauseCued) {
      d.pauseCued = true
      // back in the pose after this: say so again
      d.inPositionCued = false
      raise(d, C_HOLD_PAUSED, live.tracked ? PAUSE_OUT_OF_POSE : PAUSE_TRACKING_LOST)
    }
  } else if (quiet) {
    // a pause the user asked for (or a system menu) is no surprise: no cue, and none on return
    d.num[N_COUNTED_T] = t
  }
}

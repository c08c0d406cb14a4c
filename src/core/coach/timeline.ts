/**
 * The demonstration timeline: how the coach performs a whole stretch the way
 * a person does. Get down from standing (kneel, sit or lie down), move into
 * the start and the held pose, hold with a countdown (or repeat the cycle),
 * come back, switch side for one-sided stretches, and get up again. Times in
 * seconds. Sampling is allocation-free after the first call for a stretch.
 */
import { STRETCHES, DEFAULT_HOLD_SECONDS, type Posture, type StretchId } from '../stretches.ts'
import type { Phase } from '../phase.ts'
import { getStretchKeyframe, type TransitionKeyframe } from './keyframes.ts'
import { createCoachFK, ORIGIN_PLACEMENT, solvePose, type CoachFK } from './kinematics.ts'
import { blendPosesByWeight, createPose, type CoachPose } from './pose.ts'

/** One stretch of the timeline: from one keyframe to another (equal for a still hold). */
export interface TimelineSegment {
  readonly from: string
  readonly to: string
  readonly side: 'left' | 'right' | 'both'
  /** side of the `from` keyframe when it differs (switching side) */
  readonly fromSide: 'left' | 'right' | 'both'
  readonly start: number
  readonly duration: number
  readonly phase: Phase
  /** index into STRETCHES[id].steps for the caption */
  readonly step: number
  /** true for the timed hold (its countdown is shown) */
  readonly hold: boolean
  /** repetition number (1-based) inside a reps cycle, 0 otherwise */
  readonly rep: number
}

/** A whole demonstration of one stretch. */
export interface Timeline {
  readonly stretch: StretchId
  readonly holdSeconds: number
  readonly segments: readonly TimelineSegment[]
  /** each segment's keyframe poses, resolved once so sampling does no lookups */
  readonly fromPoses: readonly CoachPose[]
  readonly toPoses: readonly CoachPose[]
  readonly duration: number
}

/** Seconds for one move between keyframes. */
export const MOVE_SECONDS = 2.2

/** The way down from standing for each posture (the way up is its reverse). */
export const WAY_DOWN: { readonly [P in Posture]: readonly TransitionKeyframe[] } = {
  standing: ['stand'],
  'half-kneeling': ['stand', 'lunge'],
  kneeling: ['stand', 'lunge', 'kneel-tall', 'all-fours'],
  seated: ['stand', 'lunge', 'kneel-tall', 'heels', 'sit'],
  lying: ['stand', 'lunge', 'kneel-tall', 'heels', 'sit', 'lie'],
}

/** Timing of one repetition cycle: keyframes visited and seconds per move (the `top` moves hold 2 s). */
export const CYCLES: Partial<
  Record<StretchId, { keys: readonly string[]; seconds: readonly number[] }>
> = {
  'cat-cow': {
    keys: ['neutral', 'cat', 'neutral', 'cow', 'neutral'],
    seconds: [1.6, 1.2, 1.6, 1.2, 1.6],
  },
  'pelvic-tilt': { keys: ['neutral', 'top', 'top', 'neutral'], seconds: [1.2, 2, 1.2, 0.8] },
  bridge: { keys: ['neutral', 'top', 'top', 'neutral'], seconds: [1.6, 2, 1.6, 0.8] },
}

/**
 * Which caption (index into STRETCHES[id].steps) each part of the demonstration
 * shows: on the way down, moving to the start, moving to the held pose, the
 * hold, coming back; and for repetition stretches, each move of the cycle.
 */
export const CAPTIONS: {
  readonly [K in StretchId]: {
    down: number
    start: number
    target: number
    hold: number
    back: number
    cycle?: readonly number[]
  }
} = {
  'childs-pose': { down: 0, start: 0, target: 2, hold: 3, back: 0 },
  'childs-pose-side': { down: 0, start: 0, target: 1, hold: 2, back: 3 },
  'knee-to-chest': { down: 0, start: 1, target: 2, hold: 2, back: 3 },
  'glute-stretch': { down: 0, start: 1, target: 2, hold: 3, back: 1 },
  'supine-twist': { down: 0, start: 1, target: 2, hold: 3, back: 1 },
  'hip-flexor': { down: 0, start: 1, target: 2, hold: 3, back: 1 },
  'hamstring-stretch': { down: 0, start: 1, target: 2, hold: 3, back: 1 },
  'cat-cow': { down: 0, start: 0, target: 0, hold: 3, back: 3, cycle: [1, 1, 3, 2, 3] },
  'pelvic-tilt': { down: 0, start: 0, target: 0, hold: 2, back: 3, cycle: [1, 2, 3, 3] },
  bridge: { down: 0, start: 0, target: 0, hold: 2, back: 3, cycle: [1, 2, 3, 3] },
}

/** Builds the timeline of a stretch with a hold of `holdSeconds` per side (default 30, clamped to 5–120). */
export function buildTimeline(
  stretch: StretchId,
  holdSeconds: number = DEFAULT_HOLD_SECONDS,
): Timeline {
  const hold = Number.isFinite(holdSeconds)
    ? Math.min(120, Math.max(5, holdSeconds))
    : DEFAULT_HOLD_SECONDS
  const s = STRETCHES[stretch]
  const cap = CAPTIONS[stretch]
  const segs: TimelineSegment[] = []
  let t = 0
  const push = (
    from: string,
    to: string,
    side: 'left' | 'right' | 'both',
    duration: number,
    phase: Phase,
    step: number,
    isHold = false,
    rep = 0,
    fromSide: 'left' | 'right' | 'both' = side,
  ): void => {
    segs.push({ from, to, side, fromSide, start: t, duration, phase, step, hold: isHold, rep })
    t += duration
  }
  const down = WAY_DOWN[s.posture]
  const firstSide = s.sided ? 'left' : 'both'
  push('stand', 'stand', firstSide, 1.5, 'demonstrate', cap.down)
  for (let i = 1; i < down.length; i++)
    push(down[i - 1]!, down[i]!, firstSide, MOVE_SECONDS, 'getIntoPosition', cap.down)
  const sides = s.sided ? (['left', 'right'] as const) : (['both'] as const)
  let prev: string = down[down.length - 1]!
  let prevSide: 'left' | 'right' | 'both' = firstSide
  for (const side of sides) {
    const switching = prevSide !== side
    push(
      prev,
      'start',
      side,
      MOVE_SECONDS,
      switching ? 'switchSide' : 'getIntoPosition',
      switching ? cap.back : cap.start,
      false,
      0,
      prevSide,
    )
    const cycle = CYCLES[stretch]
    if (s.dose.kind === 'reps' && cycle) {
      let from = 'start'
      for (let r = 1; r <= s.dose.reps; r++) {
        for (let k = 0; k < cycle.keys.length; k++) {
          const to = cycle.keys[k]!
          push(from, to, side, cycle.seconds[k]!, 'reps', cap.cycle?.[k] ?? cap.hold, false, r)
          from = to
        }
      }
      push(from, 'start', side, 1, 'rest', cap.back)
    } else {
      push('start', 'target', side, MOVE_SECONDS * 1.3, 'getIntoPosition', cap.target)
      push('target', 'target', side, hold, 'hold', cap.hold, true)
      push('target', 'start', side, MOVE_SECONDS, 'rest', cap.back)
    }
    prev = 'start'
    prevSide = side
  }
  push('start', down[down.length - 1]!, prevSide, MOVE_SECONDS, 'rest', cap.back)
  for (let i = down.length - 1; i > 0; i--)
    push(down[i]!, down[i - 1]!, prevSide, MOVE_SECONDS, 'done', cap.down)
  push('stand', 'stand', prevSide, 1.5, 'done', cap.down)
  const fromPoses = segs.map((g) => getStretchKeyframe(stretch, g.fromSide, g.from)!)
  const toPoses = segs.map((g) => getStretchKeyframe(stretch, g.side, g.to)!)
  return { stretch, holdSeconds: hold, segments: segs, fromPoses, toPoses, duration: t }
}

/** Where the timeline is at a time: the pose and what to show with it. */
export interface TimelineCursor {
  timeline: Timeline | null
  /** pose at the sampled time, set on the floor */
  readonly pose: CoachPose
  segment: number
  /** seconds left in the hold (0 outside a hold) */
  holdRemaining: number
  side: 'left' | 'right' | 'both'
  phase: Phase
  step: number
  rep: number
  /** the time to sample, seconds, for sampleTimelineAtCursor (a typed array: set it without boxing) */
  readonly time: Float64Array
  readonly fk: CoachFK
}

/** Allocates a cursor (scratch pose and FK reused by every sample). */
export function createTimelineCursor(): TimelineCursor {
  return {
    timeline: null,
    pose: createPose(),
    segment: 0,
    holdRemaining: 0,
    side: 'both',
    phase: 'demonstrate',
    step: 0,
    rep: 0,
    time: new Float64Array(1),
    fk: createCoachFK(),
  }
}

const timelines = new Map<string, Timeline>()

/** The (cached) timeline of a stretch for a hold length. */
export function timelineOf(
  stretch: StretchId,
  holdSeconds: number = DEFAULT_HOLD_SECONDS,
): Timeline {
  const key = stretch + '|' + holdSeconds
  let tl = timelines.get(key)
  if (!tl) {
    tl = buildTimeline(stretch, holdSeconds)
    timelines.set(key, tl)
  }
  return tl
}

/** blend weight for blendPosesByWeight (a typed array, so no number is boxed per frame) */
const _w = new Float64Array(1)

/**
 * Samples the timeline of `stretch` at `timeS` (clamped to its ends) into the
 * cursor: the blended pose, lowered or raised so its lowest point rests on the
 * floor, and the segment's phase, side, caption step and hold countdown.
 */
export function sampleTimeline(
  cursor: TimelineCursor,
  stretch: StretchId,
  timeS: number,
  holdSeconds: number = DEFAULT_HOLD_SECONDS,
): void {
  cursor.time[0] = timeS
  sampleTimelineAtCursor(cursor, stretch, holdSeconds)
}

/** sampleTimeline at the time in cursor.time[0] (per-frame callers: no floating-point argument to box). */
export function sampleTimelineAtCursor(
  cursor: TimelineCursor,
  stretch: StretchId,
  holdSeconds: number = DEFAULT_HOLD_SECONDS,
): void {
  const timeS = cursor.time[0]!
  let tl = cursor.timeline
  if (tl === null || tl.stretch !== stretch || tl.holdSeconds !== holdSeconds) {
    tl = timelineOf(stretch, holdSeconds)
    cursor.timeline = tl
    cursor.segment = 0
  }
  const t = Math.min(Math.max(Number.isFinite(timeS) ? timeS : 0, 0), tl.duration)
  const segs = tl.segments
  let i = cursor.segment < segs.length ? cursor.segment : 0
  if (segs[i]!.start > t) i = 0
  while (i < segs.length - 1 && segs[i]!.start + segs[i]!.duration <= t) i++
  cursor.segment = i
  const seg = segs[i]!
  const a = tl.fromPoses[i]!
  const b = tl.toPoses[i]!
  const x = seg.duration > 0 ? Math.min(1, Math.max(0, (t - seg.start) / seg.duration)) : 1
  _w[0] = x * x * (3 - 2 * x) // smooth ease in and out
  blendPosesByWeight(cursor.pose, a, b, _w)
  solvePose(cursor.fk, cursor.pose, 1, ORIGIN_PLACEMENT)
  // set on the floor: the lowest sphere bottom goes to y = 0 (solved at H = 1, so in fractions of H)
  const srf = cursor.fk.surface
  let lowest = Infinity
  for (let k = 1; k < srf.length; k += 4) {
    const y = srf[k]! - srf[k + 2]!
    if (y < lowest) lowest = y
  }
  cursor.pose.hips[1] = cursor.pose.hips[1]! - lowest
  cursor.holdRemaining = seg.hold ? Math.max(0, seg.start + seg.duration - t) : 0
  cursor.side = seg.side
  cursor.phase = seg.phase
  cursor.step = seg.step
  cursor.rep = seg.rep
}

/**
 * What the coach does in each phase of the session, as a route of keyframes:
 * the way down from standing (or up again), into the stretch's start and
 * held pose, a repetition cycle at the target tempo, across to the other
 * side. The runner's phase picks the route; the director (coachDirector.ts)
 * walks it on the session's clock. Routes start where the coach's body is, so
 * any edge (a skip, a pause, a pain stop) continues from the pose on show.
 *
 * Routes are built on phase edges into preallocated arrays; nothing here runs
 * per frame.
 */
import { getStretchKeyframe, type TransitionKeyframe } from '../coach/keyframes.ts'
import type { CoachPose } from '../coach/pose.ts'
import { CAPTIONS, CYCLES, MOVE_SECONDS, WAY_DOWN } from '../coach/timeline.ts'
import type { Phase } from '../phase.ts'
import { STRETCHES, type StretchId } from '../stretches.ts'

/** A side of the coach's body: a one-sided stretch's side, or `both`. */
export type CoachSide = 'left' | 'right' | 'both'

/** Seconds for one step of the way down or up (a person kneels or sits in about this). */
export const TRANSITION_S = 1.6
/** Seconds from a stretch's start into its held pose (slow, so the user can follow). */
export const INTO_POSE_S = MOVE_SECONDS * 1.3
/** Seconds the demonstration holds the pose before coming back. */
export const DEMO_HOLD_S = 3
/** Most waypoints a route holds (the longest is about 30). */
export const ROUTE_CAPACITY = 64

/** Where the coach's body is (or is heading): a keyframe of a stretch, on a side. */
export interface CoachSpot {
  /** whose keyframes (and whose way down) the body follows */
  stretch: StretchId
  key: string
  side: CoachSide
}

/** A route: waypoints in order, each reached after `seconds` from the one before. */
export interface CoachRoute {
  n: number
  readonly stretches: StretchId[]
  readonly keys: string[]
  readonly sides: CoachSide[]
  /** the keyframe pose of each waypoint (cached, never modified) */
  readonly poses: CoachPose[]
  readonly seconds: Float64Array
  /** caption step (index into STRETCHES[stretch].steps) shown while moving to the waypoint, −1 none */
  readonly step: Int16Array
  /** repetition number (1-based) the waypoint belongs to, 0 outside a cycle */
  readonly rep: Int16Array
  /** index of the first waypoint of a cycle repeated for ever (repetitions), −1 none */
  loopFrom: number
  /** index of the waypoint where the pose is reached (the demonstration must get there), −1 none */
  reachIndex: number
}

/** Allocates an empty route. */
export function createCoachRoute(): CoachRoute {
  const filler = getStretchKeyframe('childs-pose', 'both', 'stand')!
  return {
    n: 0,
    stretches: new Array<StretchId>(ROUTE_CAPACITY).fill('childs-pose'),
    keys: new Array<string>(ROUTE_CAPACITY).fill('stand'),
    sides: new Array<CoachSide>(ROUTE_CAPACITY).fill('both'),
    poses: new Array<CoachPose>(ROUTE_CAPACITY).fill(filler),
    seconds: new Float64Array(ROUTE_CAPACITY),
    step: new Int16Array(ROUTE_CAPACITY),
    rep: new Int16Array(ROUTE_CAPACITY),
    loopFrom: -1,
    reachIndex: -1,
  }
}

function isTransition(key: string): key is TransitionKeyframe {
  return (WAY_DOWN.lying as readonly string[]).includes(key) || key === 'all-fours'
}

/** The way down from standing for a stretch (its posture's chain of transition keyframes). */
export function chainOf(stretch: StretchId): readonly TransitionKeyframe[] {
  return WAY_DOWN[STRETCHES[stretch].posture]
}

/** Where the body rests between two stretches of the same posture: the last step of the way down. */
export function relaxKey(stretch: StretchId): TransitionKeyframe {
  const chain = chainOf(stretch)
  return chain[chain.length - 1]!
}

function push(
  route: CoachRoute,
  stretch: StretchId,
  key: string,
  side: CoachSide,
  seconds: number,
  step: number,
  rep = 0,
): void {
  if (route.n >= ROUTE_CAPACITY) return
  const i = route.n++
  route.stretches[i] = stretch
  route.keys[i] = key
  route.sides[i] = side
  route.poses[i] = getStretchKeyframe(stretch, side, key) ?? route.poses[i]!
  route.seconds[i] = seconds
  route.step[i] = step
  route.rep[i] = rep
}

/** How long a move between two stretch keyframes takes. */
function moveSeconds(fromKey: string, toKey: string): number {
  if (fromKey === 'start' && toKey === 'target') return INTO_POSE_S
  return MOVE_SECONDS
}

/**
 * Appends the waypoints from `from` (exclusive) to `to` (inclusive), the way a
 * person moves: within a stretch directly, across sides through the start, and
 * between postures up the way down as far as the two ways share, then down.
 * `stepDown` and `stepStart` caption the way there; the last waypoint takes `stepLast`.
 */
export function appendPath(
  route: CoachRoute,
  from: CoachSpot,
  to: CoachSpot,
  stepDown: number,
  stepStart: number,
  stepLast: number,
): void {
  const first = route.n
  const fromIsKey = !isTransition(from.key)
  const toIsKey = !isTransition(to.key)
  if (fromIsKey && toIsKey && from.stretch === to.stretch) {
    if (from.side === to.side || to.side === 'both' || from.side === 'both') {
      if (from.key !== to.key)
        push(route, to.stretch, to.key, to.side, moveSeconds(from.key, to.key), stepLast)
    } else {
      // across sides: back to the start, over to the other side's start, then on
      if (from.key !== 'start')
        push(route, from.stretch, 'start', from.side, MOVE_SECONDS, stepStart)
      push(route, to.stretch, 'start', to.side, MOVE_SECONDS, stepStart)
      if (to.key !== 'start')
        push(route, to.stretch, to.key, to.side, moveSeconds('start', to.key), stepLast)
    }
    finishSteps(route, first, stepLast)
    return
  }
  const chainA = chainOf(from.stretch)
  const chainB = chainOf(to.stretch)
  let levelA: number
  if (fromIsKey) {
    if (from.key !== 'start') push(route, from.stretch, 'start', from.side, MOVE_SECONDS, stepStart)
    levelA = chainA.length
  } else {
    levelA = chainA.indexOf(from.key as TransitionKeyframe)
    if (levelA < 0) levelA = 0
  }
  const levelB = toIsKey ? chainB.length : Math.max(0, chainB.indexOf(to.key as TransitionKeyframe))
  let common = 0
  while (common < chainA.length && common < chainB.length && chainA[common] === chainB[common])
    common++
  const meet = levelB >= common ? common - 1 : levelB
  let cur = levelA
  for (let l = levelA - 1; l >= meet && cur > meet; l--) {
    push(route, from.stretch, chainA[l]!, from.side, TRANSITION_S, stepDown)
    cur = l
  }
  const downTo = Math.min(levelB, chainB.length - 1)
  for (let l = cur + 1; l <= downTo; l++)
    push(route, to.stretch, chainB[l]!, to.side, TRANSITION_S, stepDown)
  if (toIsKey) {
    push(route, to.stretch, 'start', to.side, TRANSITION_S, stepStart)
    if (to.key !== 'start')
      push(route, to.stretch, to.key, to.side, moveSeconds('start', to.key), stepLast)
  }
  finishSteps(route, first, stepLast)
}

function finishSteps(route: CoachRoute, first: number, stepLast: number): void {
  if (route.n > first) route.step[route.n - 1] = stepLast
}

/** The pose a stretch is held in (`target`), or its start for repetition stretches. */
export function poseKeyOf(stretch: StretchId): string {
  return STRETCHES[stretch].dose.kind === 'reps' ? 'start' : 'target'
}

function appendCycle(route: CoachRoute, stretch: StretchId, side: CoachSide, rep: number): void {
  const cycle = CYCLES[stretch]
  const cap = CAPTIONS[stretch]
  if (!cycle) return
  for (let k = 0; k < cycle.keys.length; k++)
    push(route, stretch, cycle.keys[k]!, side, cycle.seconds[k]!, cap.cycle?.[k] ?? cap.hold, rep)
}

/** What the coach is doing: the session's stretch, side and phase (null stretch: standing by). */
export interface CoachAct {
  stretch: StretchId | null
  side: CoachSide
  phase: Phase | null
  /** the stretch after this one (for `rest`: stand up, or relax when it is done in the same posture) */
  next: StretchId | null
}

/**
 * Builds the route for `act` starting where the body is (`from`). The route's
 * first waypoint is `from` itself, so the director can settle into it from
 * a pose caught mid-move.
 */
export function buildActRoute(route: CoachRoute, from: CoachSpot, act: CoachAct): void {
  buildRoute(route, from, act)
  // Already where the act wants the body: the caption still says the act's step.
  if (route.n === 1 && act.stretch !== null && act.phase !== null) {
    const cap = CAPTIONS[act.stretch]
    const reps = STRETCHES[act.stretch].dose.kind === 'reps'
    route.step[0] =
      act.phase === 'hold'
        ? cap.hold
        : act.phase === 'getIntoPosition' || act.phase === 'switchSide'
          ? reps
            ? cap.start
            : cap.target
          : -1
  }
}

function buildRoute(route: CoachRoute, from: CoachSpot, act: CoachAct): void {
  route.n = 0
  route.loopFrom = -1
  route.reachIndex = -1
  push(route, from.stretch, from.key, from.side, 0, -1)
  const here = from
  const s = act.stretch
  if (s === null || act.phase === null || act.phase === 'done') {
    appendPath(route, here, { stretch: here.stretch, key: 'stand', side: here.side }, -1, -1, -1)
    return
  }
  const cap = CAPTIONS[s]
  const reps = STRETCHES[s].dose.kind === 'reps'
  const side = act.side
  switch (act.phase) {
    case 'demonstrate': {
      appendPath(route, here, { stretch: s, key: 'start', side }, cap.down, cap.start, cap.start)
      if (reps) {
        const mark = route.n
        appendCycle(route, s, side, 1)
        // the first peak of the cycle (cat, or the top) is the pose shown
        for (let i = mark; i < route.n; i++)
          if (route.keys[i] === 'cat' || route.keys[i] === 'top') {
            route.reachIndex = i
            break
          }
        push(route, s, 'start', side, MOVE_SECONDS / 2, cap.back)
      } else {
        push(route, s, 'target', side, INTO_POSE_S, cap.target)
        route.reachIndex = route.n - 1
        push(route, s, 'target', side, DEMO_HOLD_S, cap.hold)
        push(route, s, 'start', side, MOVE_SECONDS, cap.back)
      }
      return
    }
    case 'getIntoPosition':
      appendPath(
        route,
        here,
        { stretch: s, key: poseKeyOf(s), side },
        cap.down,
        cap.start,
        reps ? cap.start : cap.target,
      )
      return
    case 'hold':
      appendPath(route, here, { stretch: s, key: 'target', side }, cap.down, cap.start, cap.hold)
      return
    case 'reps':
      appendPath(route, here, { stretch: s, key: 'start', side }, cap.down, cap.start, cap.start)
      route.loopFrom = route.n
      appendCycle(route, s, side, 1)
      return
    case 'switchSide':
      appendPath(
        route,
        here,
        { stretch: s, key: poseKeyOf(s), side },
        cap.down,
        cap.back,
        reps ? cap.start : cap.target,
      )
      return
    case 'rest': {
      // between two stretches done in the same posture, rest there; else stand up
      const next = act.next ?? s
      const samePosture = STRETCHES[next].posture === STRETCHES[here.stretch].posture
      const key = samePosture ? relaxKey(here.stretch) : 'stand'
      appendPath(route, here, { stretch: here.stretch, key, side: here.side }, -1, -1, -1)
      return
    }
  }
}

/** Seconds of the route's waypoints from index `from` on (the looping cycle counted once). */
export function routeSeconds(route: CoachRoute, from = 0): number {
  let sum = 0
  for (let i = Math.max(0, from); i < route.n; i++) sum += route.seconds[i]!
  return sum
}

const _route = createCoachRoute()

/**
 * How long the coach's demonstration of `stretch` (its first side) lasts at
 * natural speed, coming from standing or, when the stretch before it was done
 * in the same posture, from resting in that posture. The runner's
 * demonstrate phase lasts at least this long, so the coach always reaches the pose.
 */
export function demonstrationSeconds(previous: StretchId | null, stretch: StretchId): number {
  const side: CoachSide = STRETCHES[stretch].sided ? 'left' : 'both'
  const from: CoachSpot =
    previous !== null && STRETCHES[previous].posture === STRETCHES[stretch].posture
      ? { stretch: previous, key: relaxKey(previous), side: 'both' }
      : { stretch, key: 'stand', side: 'both' }
  buildActRoute(_route, from, { stretch, side, phase: 'demonstrate', next: null })
  return routeSeconds(_route)
}

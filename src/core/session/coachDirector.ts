/**
 * The coach follows the session: each frame the runner's stretch, side and
 * phase pick what the coach does (coachScript.ts), and the director walks
 * that route on the session's phase clock, which stops when the session is
 * paused or blurred. There is no clock of the coach's own, so the coach
 * cannot run ahead of, or behind, what the panel and the sounds say.
 *
 * createCoachDirector() allocates once; updateCoachDirector() runs every frame
 * and allocates nothing (a phase edge rebuilds the route into the same arrays).
 */
import { COUNTER_EDGE_Z_H, COUNTER_HEIGHT_H, getStretchKeyframe } from '../coach/keyframes.ts'
import { createCoachFK, ORIGIN_PLACEMENT, solvePose, type CoachFK } from '../coach/kinematics.ts'
import { blendPosesByWeight, copyPose, createPose, type CoachPose } from '../coach/pose.ts'
import { applyBreath, BREATH_CHEST_RAD } from '../coach/breath.ts'
import { createGaze, GAZE_DT, GAZE_WANT, GAZE_X, stepGaze, type CoachGaze } from '../coach/gaze.ts'
import { MOVE_SECONDS } from '../coach/timeline.ts'
import type { Phase } from '../phase.ts'
import type { StretchId } from '../stretches.ts'
import { BREATH_FULLNESS, readBreath } from './breathing.ts'
import {
  CLOCK_PHASE,
  CLOCK_SESSION,
  currentSide,
  currentStretch,
  nextStretch,
  type SessionRunner,
} from './runner.ts'
import {
  buildActRoute,
  createCoachRoute,
  routeSeconds,
  type CoachAct,
  type CoachRoute,
  type CoachSide,
  type CoachSpot,
} from './coachScript.ts'

/** What the session asks of the coach this frame (filled in place by the caller). */
export interface DirectorInput {
  stretch: StretchId | null
  side: CoachSide
  phase: Phase | null
  /** the stretch after this one, null at the last */
  next: StretchId | null
  /**
   * The numbers, in typed slots (a double stored into a field of a plain
   * object every frame was boxed, measured): [INPUT_PHASE_S] seconds into the
   * phase on the session clock (it stops while paused or blurred),
   * [INPUT_DURATION_S] the phase's length when it is timed (the
   * demonstration) else 0, [INPUT_CLOCK_S] the session clock (the breathing pacer's time);
   * [INPUT_VIEWER_X..Z] where the user's head is in the coach's frame (fractions of H),
   * read only when [INPUT_VIEWER_KNOWN] is 1 (else the user is taken to be straight ahead).
   */
  readonly num: Float64Array
}

/** DirectorInput.num slot: seconds into the phase. */
export const INPUT_PHASE_S = 0
/** DirectorInput.num slot: the timed phase's length (s), else 0. */
export const INPUT_DURATION_S = 1
/** DirectorInput.num slot: the session clock (s). */
export const INPUT_CLOCK_S = 2
/** DirectorInput.num slots: the viewer's head in the coach frame (fractions of H: x left, y up, z ahead). */
export const INPUT_VIEWER_X = 3
export const INPUT_VIEWER_Y = 4
export const INPUT_VIEWER_Z = 5
/** DirectorInput.num slot: 1 when INPUT_VIEWER_X..Z hold the viewer, 0 when unknown. */
export const INPUT_VIEWER_KNOWN = 6

/** Allocates a director input (callers fill it every frame). */
export function createDirectorInput(): DirectorInput {
  return {
    stretch: null,
    side: 'both',
    phase: null,
    next: null,
    num: new Float64Array(7),
  }
}

/** The coach's state: the pose on show and what it demonstrates. */
export interface CoachDirector {
  /** the pose on show, stature-free (hips in fractions of H), set on its floor */
  readonly pose: CoachPose
  /** its forward kinematics at H = 1 before it was set on the floor */
  readonly fk: CoachFK
  /** the body's box in the coach frame, fractions of H: [minX, minY, minZ, maxX, maxY, maxZ] */
  readonly bounds: Float64Array
  /** the box of everything the current route will show (its waypoints and the pose it started from) */
  readonly routeBounds: Float64Array
  /** bumped whenever a new route starts (placement refits the coach on it) */
  routeVersion: number
  /** what the coach shows: always the session's stretch, side and phase */
  stretch: StretchId | null
  side: CoachSide
  phase: Phase | null
  /** caption step: index into STRETCHES[stretch].steps, −1 for none */
  step: number
  /** the stretch whose keyframes the body is in (the last one, during a rest) */
  readonly spot: CoachSpot
  readonly route: CoachRoute
  /** pose the current route started from (caught mid-move at the edge) */
  readonly entry: CoachPose
  /** current waypoint index (the one the body moves toward) */
  segment: number
  started: boolean
  /** [route time (s), last phase elapsed (s), speed, entry seconds] */
  readonly num: Float64Array
  readonly act: CoachAct
  /** the head and eyes turned toward the user while the coach stands and speaks to them */
  readonly gaze: CoachGaze
}

const N_TIME = 0
const N_LAST = 1
const N_SPEED = 2
const N_ENTRY = 3
/** seconds of the route's repeated cycle (0 when it has none) */
const N_CYCLE = 4

export { BREATH_CHEST_RAD }

/** Allocates a director with the coach standing. */
export function createCoachDirector(): CoachDirector {
  const d: CoachDirector = {
    pose: createPose(),
    fk: createCoachFK(),
    bounds: new Float64Array(6),
    routeBounds: new Float64Array(6),
    routeVersion: 0,
    stretch: null,
    side: 'both',
    phase: null,
    step: -1,
    spot: { stretch: 'cat-cow', key: 'stand', side: 'both' },
    route: createCoachRoute(),
    entry: createPose(),
    segment: 0,
    started: false,
    num: new Float64Array(5),
    act: { stretch: null, side: 'both', phase: null, next: null },
    gaze: createGaze(),
  }
  copyPose(d.pose, getStretchKeyframe('cat-cow', 'both', 'stand')!)
  copyPose(d.entry, d.pose)
  setOnFloor(d)
  d.routeBounds.set(d.bounds)
  return d
}

/** Largest rotation (rad) any bone needs between two poses. */
function poseDistanceRad(a: CoachPose, b: CoachPose): number {
  let worst = 0
  for (let i = 0; i < a.rot.length; i += 4) {
    const dot = Math.abs(
      a.rot[i]! * b.rot[i]! +
        a.rot[i + 1]! * b.rot[i + 1]! +
        a.rot[i + 2]! * b.rot[i + 2]! +
        a.rot[i + 3]! * b.rot[i + 3]!,
    )
    const angle = 2 * Math.acos(Math.min(1, dot))
    if (angle > worst) worst = angle
  }
  return worst
}

function startRoute(d: CoachDirector, input: DirectorInput): void {
  const act = d.act
  act.stretch = input.stretch
  act.side = input.side
  act.phase = input.phase
  act.next = input.next
  copyPose(d.entry, d.pose)
  buildActRoute(d.route, d.spot, act)
  const move = poseDistanceRad(d.entry, d.route.poses[0]!)
  // settle into the first waypoint at a person's pace (90° in one move), nothing when already there
  d.num[N_ENTRY] = move < 0.03 ? 0 : Math.min(MOVE_SECONDS, (move / (Math.PI / 2)) * MOVE_SECONDS)
  d.num[N_TIME] = 0
  d.num[N_LAST] = input.num[INPUT_PHASE_S]!
  let speed = 1
  if (input.phase === 'demonstrate' && input.num[INPUT_DURATION_S]! > 0) {
    // a shortened demonstration (test holds) plays faster, never cut before the pose
    const total = d.num[N_ENTRY]! + routeSeconds(d.route, 1)
    speed = Math.max(1, total / Math.max(0.5, input.num[INPUT_DURATION_S]! * 0.95))
  }
  d.num[N_SPEED] = speed
  d.num[N_CYCLE] = d.route.loopFrom >= 0 ? routeSeconds(d.route, d.route.loopFrom) : 0
  d.stretch = input.stretch
  d.side = input.side
  d.phase = input.phase
  routeBox(d)
  d.routeVersion++
  d.segment = 0
}

const _w = new Float64Array(1)
const _x = new Float64Array(1)
/** [breath fullness, inhaling] */
const _breath = new Float64Array(2)

/**
 * Advances the coach to this frame of the session: rebuilds its route when
 * the stretch, side or phase changed, walks it on the phase clock, and writes
 * the pose, its bounds and the caption step. Allocation-free.
 */
export function updateCoachDirector(d: CoachDirector, input: DirectorInput): void {
  if (
    !d.started ||
    input.stretch !== d.stretch ||
    input.side !== d.side ||
    input.phase !== d.phase ||
    input.num[INPUT_PHASE_S]! < d.num[N_LAST]!
  ) {
    d.started = true
    startRoute(d, input)
  }
  // Math.max, not a conditional 0: a double meeting an integer literal is boxed every frame
  const dt = Math.max(0, input.num[INPUT_PHASE_S]! - d.num[N_LAST]!)
  d.num[N_LAST] = input.num[INPUT_PHASE_S]!
  d.num[N_TIME] = d.num[N_TIME]! + dt * d.num[N_SPEED]!
  d.gaze.num[GAZE_DT] = dt
  sample(d, input)
}

/**
 * Repetitions the coach has finished in its current repetitions route (0 in
 * any other phase): whole cycles walked since the route reached its loop. The
 * desktop routine counts the user's repetitions by these (nothing measures them).
 */
export function coachRepsDone(d: CoachDirector): number {
  const cycle = d.num[N_CYCLE]!
  if (d.phase !== 'reps' || !(cycle > 0)) return 0
  // route time to the loop's start: the settling move, then the waypoints before the cycle
  const intoLoop = d.num[N_ENTRY]! + routeSeconds(d.route, 1) - cycle
  const t = d.num[N_TIME]! - intoLoop
  return t > 0 ? Math.floor(t / cycle) : 0
}

function sample(d: CoachDirector, input: DirectorInput): void {
  const r = d.route
  let t = d.num[N_TIME]!
  let from: CoachPose
  let to: CoachPose
  let i: number
  let looped = false
  const entry = d.num[N_ENTRY]!
  if (t < entry) {
    i = 0
    from = d.entry
    to = r.poses[0]!
    _x[0] = t / entry
  } else {
    t -= entry
    i = 1
    while (i < r.n && t >= r.seconds[i]!) {
      t -= r.seconds[i]!
      i++
    }
    if (i >= r.n && r.loopFrom >= 0 && r.loopFrom < r.n && d.num[N_CYCLE]! > 0) {
      // repetitions: the cycle again, at the same tempo, for as long as the phase lasts
      t = t % d.num[N_CYCLE]!
      looped = true
      i = r.loopFrom
      while (i < r.n - 1 && t >= r.seconds[i]!) {
        t -= r.seconds[i]!
        i++
      }
    }
    if (i >= r.n) {
      i = r.n - 1
      from = r.poses[i]!
      to = from
      _x[0] = 1
    } else {
      const prev = looped && i === r.loopFrom ? r.n - 1 : i - 1
      from = r.poses[Math.max(0, prev)]!
      to = r.poses[i]!
      _x[0] = r.seconds[i]! > 0 ? t / r.seconds[i]! : 1
    }
  }
  d.segment = i
  const spot = d.spot
  spot.stretch = r.stretches[i]!
  spot.key = r.keys[i]!
  spot.side = r.sides[i]!
  let step = r.step[i]!
  if (step < 0 && i + 1 < r.n) step = r.step[i + 1]!
  d.step = step
  // the blend position lives in a typed slot: mixing 1 with a double in a local is boxed every frame
  const x = Math.min(1, Math.max(0, _x[0]!))
  _w[0] = x * x * (3 - 2 * x)
  blendPosesByWeight(d.pose, from, to, _w)
  const still = from === to || (r.n > 0 && i === r.n - 1 && x >= 1)
  // Slow breathing in the chest while the pose is held (the pacer's 4 s in, 6 s out).
  if (still && d.phase === 'hold') {
    readBreath(_breath, 0, input.num, INPUT_CLOCK_S)
    applyBreath(d.pose, _breath, BREATH_FULLNESS)
  }
  setOnFloor(d)
  look(d, input, still)
}

/**
 * The coach looks at the user while it stands and speaks to them: standing by,
 * stood up between stretches or when done, and at a side switch when it knows
 * where the user is. Elsewhere the gaze eases away and the pose keeps its own
 * head direction.
 */
function look(d: CoachDirector, input: DirectorInput, still: boolean): void {
  const g = d.gaze.num
  const known = input.num[INPUT_VIEWER_KNOWN] === 1
  const standing = d.spot.key === 'stand' && still
  g[GAZE_WANT] = standing || (known && d.phase === 'switchSide') ? 1 : 0
  if (known) {
    g[GAZE_X] = input.num[INPUT_VIEWER_X]!
    g[GAZE_X + 1] = input.num[INPUT_VIEWER_Y]!
    g[GAZE_X + 2] = input.num[INPUT_VIEWER_Z]!
  }
  stepGaze(d.gaze, d.pose)
}

const _fk = createCoachFK()

/** The box (fractions of H, as if set on the floor) of one pose, into out; FK in `fk`; its lowest point into lowest[0]. */
function poseBox(out: Float64Array, fk: CoachFK, pose: CoachPose, lowestOut: Float64Array): void {
  solvePose(fk, pose, 1, ORIGIN_PLACEMENT)
  const srf = fk.surface
  let lowest = Infinity
  for (let k = 1; k < srf.length; k += 4) {
    const y = srf[k]! - srf[k + 2]!
    if (y < lowest) lowest = y
  }
  out[0] = out[1] = out[2] = Infinity
  out[3] = out[4] = out[5] = -Infinity
  for (let k = 0; k < srf.length; k += 4) {
    const rad = srf[k + 3]!
    for (let c = 0; c < 3; c++) {
      const v = srf[k + c]! - (c === 1 ? lowest : 0)
      if (v - rad < out[c]!) out[c] = v - rad
      if (v + rad > out[c + 3]!) out[c + 3] = v + rad
    }
  }
  lowestOut[0] = lowest
}

/** poseBox's lowest point when nobody needs it */
const _lowest = new Float64Array(1)

const _box = new Float64Array(6)

/**
 * The coach's own countertop for cat-cow (coach frame, fractions of H): its
 * near edge where the coach's hands rest, at docs/product.md's 0.51 H. The scene
 * draws it; placement fits it in view with the coach.
 */
export const COACH_COUNTER_BOX_H: readonly number[] = [
  -0.25,
  0,
  COUNTER_EDGE_Z_H,
  0.25,
  COUNTER_HEIGHT_H,
  COUNTER_EDGE_Z_H + 0.2,
]

/** Whether the coach stands at its counter for this stretch. */
export function showsCounter(stretch: StretchId | null): boolean {
  return stretch === 'cat-cow'
}

/** The union of the boxes of the route's start pose and every waypoint (edges only: one FK per waypoint). */
function routeBox(d: CoachDirector): void {
  const u = d.routeBounds
  poseBox(u, _fk, d.entry, _lowest)
  const r = d.route
  let counter = showsCounter(d.stretch)
  for (let i = 0; i < r.n; i++) {
    if (showsCounter(r.stretches[i]!)) counter = true
    poseBox(_box, _fk, r.poses[i]!, _lowest)
    for (let c = 0; c < 3; c++) {
      if (_box[c]! < u[c]!) u[c] = _box[c]!
      if (_box[c + 3]! > u[c + 3]!) u[c + 3] = _box[c + 3]!
    }
  }
  if (counter) {
    for (let c = 0; c < 3; c++) {
      if (COACH_COUNTER_BOX_H[c]! < u[c]!) u[c] = COACH_COUNTER_BOX_H[c]!
      if (COACH_COUNTER_BOX_H[c + 3]! > u[c + 3]!) u[c + 3] = COACH_COUNTER_BOX_H[c + 3]!
    }
  }
}

/** Solves FK at H = 1, lowers or raises the pose onto its floor, and takes the body's box. */
function setOnFloor(d: CoachDirector): void {
  poseBox(d.bounds, d.fk, d.pose, _lowest)
  d.pose.hips[1] = d.pose.hips[1]! - _lowest[0]!
}

/**
 * Fills the director's input from the runner (null: before the routine, the
 * coach stands by). Allocation-free: it copies references and numbers.
 */
export function readDirectorInput(input: DirectorInput, r: SessionRunner | null): void {
  const num = input.num
  if (r === null) {
    input.stretch = null
    input.side = 'both'
    input.phase = null
    input.next = null
    num[INPUT_PHASE_S] = num[INPUT_DURATION_S] = num[INPUT_CLOCK_S] = 0
    return
  }
  input.stretch = currentStretch(r)
  input.side = currentSide(r) ?? 'both'
  input.phase = r.phase
  input.next = nextStretch(r)
  num[INPUT_PHASE_S] = r.clock[CLOCK_PHASE]!
  num[INPUT_DURATION_S] = r.phaseDurationS
  num[INPUT_CLOCK_S] = r.clock[CLOCK_SESSION]!
}

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
import { getStretchKeyframe } from '../coach/keyframes.ts'
import { createCoachFK, ORIGIN_PLACEMENT, solvePose, type CoachFK } from '../coach/kinematics.ts'
import { blendPosesByWeight, copyPose, createPose, type CoachPose } from '../coach/pose.ts'
import { BONE } from '../coach/skeleton.ts'
import { MOVE_SECONDS } from '../coach/timeline.ts'
import type { Phase } from '../phase.ts'
import type { StretchId } from '../stretches.ts'
import { breathPhase } from './breathing.ts'
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
  /** seconds into the phase on the session clock (it stops while paused or blurred) */
  phaseElapsedS: number
  /** the phase's length when it is timed (the demonstration), else 0 */
  phaseDurationS: number
  /** the session clock (s): the breathing pacer's time */
  clockS: number
}

/** Allocates a director input (callers fill it every frame). */
export function createDirectorInput(): DirectorInput {
  return {
    stretch: null,
    side: 'both',
    phase: null,
    next: null,
    phaseElapsedS: 0,
    phaseDurationS: 0,
    clockS: 0,
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
}

const N_TIME = 0
const N_LAST = 1
const N_SPEED = 2
const N_ENTRY = 3

/** Largest chest tilt of the breathing motion, radians. */
export const BREATH_CHEST_RAD = (2.5 * Math.PI) / 180

/** Allocates a director with the coach standing. */
export function createCoachDirector(): CoachDirector {
  const d: CoachDirector = {
    pose: createPose(),
    fk: createCoachFK(),
    bounds: new Float64Array(6),
    stretch: null,
    side: 'both',
    phase: null,
    step: -1,
    spot: { stretch: 'cat-cow', key: 'stand', side: 'both' },
    route: createCoachRoute(),
    entry: createPose(),
    segment: 0,
    started: false,
    num: new Float64Array(4),
    act: { stretch: null, side: 'both', phase: null, next: null },
  }
  copyPose(d.pose, getStretchKeyframe('cat-cow', 'both', 'stand')!)
  copyPose(d.entry, d.pose)
  setOnFloor(d)
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
  d.num[N_LAST] = input.phaseElapsedS
  let speed = 1
  if (input.phase === 'demonstrate' && input.phaseDurationS > 0) {
    // a shortened demonstration (test holds) plays faster, never cut before the pose
    const total = d.num[N_ENTRY]! + routeSeconds(d.route, 1)
    speed = Math.max(1, total / Math.max(0.5, input.phaseDurationS * 0.95))
  }
  d.num[N_SPEED] = speed
  d.segment = 0
  d.stretch = input.stretch
  d.side = input.side
  d.phase = input.phase
}

const _w = new Float64Array(1)
const _q = new Float64Array(4)

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
    input.phaseElapsedS < d.num[N_LAST]!
  ) {
    d.started = true
    startRoute(d, input)
  }
  let dt = input.phaseElapsedS - d.num[N_LAST]!
  if (!(dt > 0)) dt = 0
  d.num[N_LAST] = input.phaseElapsedS
  d.num[N_TIME] = d.num[N_TIME]! + dt * d.num[N_SPEED]!
  sample(d, input.clockS)
}

function sample(d: CoachDirector, clockS: number): void {
  const r = d.route
  let t = d.num[N_TIME]!
  let from: CoachPose
  let to: CoachPose
  let i: number
  let x: number
  let looped = false
  const entry = d.num[N_ENTRY]!
  if (t < entry) {
    i = 0
    from = d.entry
    to = r.poses[0]!
    x = t / entry
  } else {
    t -= entry
    i = 1
    while (i < r.n && t >= r.seconds[i]!) {
      t -= r.seconds[i]!
      i++
    }
    if (i >= r.n && r.loopFrom >= 0 && r.loopFrom < r.n) {
      // repetitions: the cycle again, at the same tempo, for as long as the phase lasts
      const cycle = routeSeconds(r, r.loopFrom)
      t = cycle > 0 ? t % cycle : 0
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
      x = 1
    } else {
      const prev = looped && i === r.loopFrom ? r.n - 1 : i - 1
      from = r.poses[Math.max(0, prev)]!
      to = r.poses[i]!
      x = r.seconds[i]! > 0 ? t / r.seconds[i]! : 1
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
  x = x < 0 ? 0 : x > 1 ? 1 : x
  _w[0] = x * x * (3 - 2 * x)
  blendPosesByWeight(d.pose, from, to, _w)
  // Slow breathing in the chest whenever the body is still (the end of a route, a hold).
  const still = from === to || (r.n > 0 && i === r.n - 1 && x >= 1)
  if (still) breathe(d.pose, clockS)
  setOnFloor(d)
}

/** Tilts the chest a little with the breathing pacer (in: open, out: settle). */
function breathe(pose: CoachPose, clockS: number): void {
  const a = (breathPhase(clockS) * BREATH_CHEST_RAD) / 2
  // local rotation about the chest's side-to-side axis (+X in its rest frame)
  _q[0] = -Math.sin(a)
  _q[1] = 0
  _q[2] = 0
  _q[3] = Math.cos(a)
  const o = BONE.chest * 4
  const x = pose.rot[o]!
  const y = pose.rot[o + 1]!
  const z = pose.rot[o + 2]!
  const w = pose.rot[o + 3]!
  // rot = rot · q
  pose.rot[o] = w * _q[0]! + x * _q[3]!
  pose.rot[o + 1] = y * _q[3]! + z * _q[0]!
  pose.rot[o + 2] = z * _q[3]! - y * _q[0]!
  pose.rot[o + 3] = w * _q[3]! - x * _q[0]!
}

/** Solves FK at H = 1, lowers or raises the pose onto its floor, and takes the body's box. */
function setOnFloor(d: CoachDirector): void {
  solvePose(d.fk, d.pose, 1, ORIGIN_PLACEMENT)
  const srf = d.fk.surface
  let lowest = Infinity
  for (let k = 1; k < srf.length; k += 4) {
    const y = srf[k]! - srf[k + 2]!
    if (y < lowest) lowest = y
  }
  d.pose.hips[1] = d.pose.hips[1]! - lowest
  const b = d.bounds
  b[0] = b[1] = b[2] = Infinity
  b[3] = b[4] = b[5] = -Infinity
  for (let k = 0; k < srf.length; k += 4) {
    const rad = srf[k + 3]!
    for (let c = 0; c < 3; c++) {
      const v = srf[k + c]! - (c === 1 ? lowest : 0)
      if (v - rad < b[c]!) b[c] = v - rad
      if (v + rad > b[c + 3]!) b[c + 3] = v + rad
    }
  }
}

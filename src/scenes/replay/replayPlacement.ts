/**
 * Where the replay puts things: the coach as in the desktop preview (on the mat,
 * lengthwise; at the counter for cat-cow), the ghost beside it, and which moment of
 * the coach's demonstration goes with a moment of the recorded stretch. Pure
 * functions of the track (no three.js), run when the playhead enters a segment.
 */
import { coachTimelineFK, createCoachFK, JOINT, ORIGIN_PLACEMENT } from '../../core/coach/fk.ts'
import { timelineOf } from '../../core/coach/timeline.ts'
import type { StretchId } from '../../core/stretches.ts'
import { previewPlacement, type CoachPlacement } from '../previewCamera.ts'
import {
  GHOST_STRIDE,
  type ReplaySegment,
  type ReplayTrack,
} from '../../services/replay/replayScore.ts'

/** Where the coach stands: the desktop preview's place for the stretch (previewCamera.ts). */
export const coachPlacement = previewPlacement

/**
 * How far from the coach, along +X, the ghost is put, metres: beyond the mat's head end
 * (the mat is 1.83 m along X), so the two lie side by side in the view from the front.
 */
export const GHOST_BESIDE_M = 2.0

/**
 * Turns the recorded positions of one segment into the scene: x' = cos·dx + sin·dz + ox,
 * z' = −sin·dx + cos·dz + oz with (dx, dz) the offset from the segment's centre.
 */
export interface GhostTransform {
  /** the recorded head's mean floor position over the segment */
  cx: number
  cz: number
  /** rotation about +Y */
  cos: number
  sin: number
  /** where the centre goes */
  ox: number
  oz: number
  /** the rotation as a quaternion about +Y (for the head's orientation) */
  qy: number
  qw: number
}

/** The heading (radians about +Y, 0 facing +Z) a head quaternion looks along. */
export function headYaw(qx: number, qy: number, qz: number, qw: number): number {
  // the head's forward, −Z rotated by q, on the floor
  const fx = -2 * (qx * qz + qw * qy)
  const fz = -(1 - 2 * (qx * qx + qy * qy))
  return Math.atan2(fx, fz)
}

/** A way into the pose shorter than this (metres on the floor) gives no direction. */
const MIN_TRAVEL_M = 0.3

const _fk = createCoachFK()

/** The coach's head on the floor plane (world x, z) at a moment of its demonstration. */
function coachHead(
  stretch: StretchId,
  timeS: number,
  statureM: number,
  coach: CoachPlacement,
): [number, number] {
  if (!coachTimelineFK(_fk, stretch, timeS, statureM, ORIGIN_PLACEMENT)) return [coach.x, coach.z]
  const x = _fk.jointPos[JOINT.head * 3]!
  const z = _fk.jointPos[JOINT.head * 3 + 2]!
  const c = Math.cos(coach.yaw)
  const s = Math.sin(coach.yaw)
  return [coach.x + c * x + s * z, coach.z - s * x + c * z]
}

/**
 * The transform of a segment's ghost. Its stretch run (the consecutive segments of
 * one stretch, both sides) is read whole: the user's head where the trace started it
 * (standing) and its mean while in the pose. The way the head went into the pose is
 * turned to the way the coach's head goes into it (so a user lying down lies along
 * the coach), or, when either moved too little (standing stretches), the way the user
 * faced to the way the coach faces; the head in the pose lands GHOST_BESIDE_M beside
 * the coach's.
 */
export function ghostTransform(
  track: ReplayTrack,
  segments: readonly ReplaySegment[],
  index: number,
  coach: CoachPlacement,
  statureM: number,
): GhostTransform {
  const seg = segments[index]!
  let first = index
  while (first > 0 && segments[first - 1]!.stretch === seg.stretch) first--
  let last = index
  while (last + 1 < segments.length && segments[last + 1]!.stretch === seg.stretch) last++
  const from = segments[first]!.start
  const to = segments[last]!.end
  const { ghostT, ghost, ghostTracked, timeT, inPose } = track
  let sx = Number.NaN
  let sz = 0
  let userYaw = 0
  let px = 0
  let pz = 0
  let n = 0
  let ax = 0
  let az = 0
  let all = 0
  let k = 0
  for (let i = sampleAt(ghostT, from); i < ghostT.length && ghostT[i]! <= to; i++) {
    const t = ghostT[i]!
    if (t < from || (ghostTracked[i]! & 1) === 0) continue
    const o = i * GHOST_STRIDE
    const x = ghost[o]!
    const z = ghost[o + 2]!
    if (Number.isNaN(sx)) {
      sx = x
      sz = z
      userYaw = headYaw(ghost[o + 3]!, ghost[o + 4]!, ghost[o + 5]!, ghost[o + 6]!)
    }
    while (k + 1 < timeT.length && timeT[k + 1]! <= t) k++
    ax += x
    az += z
    all++
    if (inPose[k] === 1) {
      px += x
      pz += z
      n++
    }
  }
  if (n > 0) {
    px /= n
    pz /= n
  } else if (all > 0) {
    px = ax / all
    pz = az / all
  }
  if (Number.isNaN(sx)) {
    sx = px
    sz = pz
  }
  const moment = coachMoment(seg.stretch, seg.side, 1e6)
  const [hx, hz] = coachHead(seg.stretch, moment.timeS, statureM, coach)
  const [h0x, h0z] = coachHead(seg.stretch, 0, statureM, coach)
  const ux = px - sx
  const uz = pz - sz
  const cx = hx - h0x
  const cz = hz - h0z
  const a =
    Math.hypot(ux, uz) > MIN_TRAVEL_M && Math.hypot(cx, cz) > MIN_TRAVEL_M
      ? Math.atan2(cx, cz) - Math.atan2(ux, uz)
      : coach.yaw - userYaw
  return {
    cx: px,
    cz: pz,
    cos: Math.cos(a),
    sin: Math.sin(a),
    ox: hx + GHOST_BESIDE_M,
    oz: hz,
    qy: Math.sin(a / 2),
    qw: Math.cos(a / 2),
  }
}

/** What the coach shows at a moment of a recorded segment. */
export interface CoachMoment {
  /** time on the stretch's demonstration timeline, seconds */
  timeS: number
  /** show the other side's keyframes */
  mirror: boolean
}

/** Seconds of the demonstration played before the pose is reached. */
const LEAD_S = 4.4

/**
 * The coach's moment for `intoS` seconds into a segment: it moves into the pose over
 * the last LEAD_S of its demonstration's approach, then holds it for the rest of the
 * hold (hold stretches) or repeats its first cycle (repetition stretches). For a side
 * its timeline does not start with, its mirror image is shown.
 */
export function coachMoment(
  stretch: StretchId,
  side: 'left' | 'right' | 'both' | null,
  intoS: number,
): CoachMoment {
  const tl = timelineOf(stretch)
  const segs = tl.segments
  const active = (i: number) => segs[i]!.hold || segs[i]!.rep > 0
  let first = -1
  for (let i = 0; i < segs.length && first < 0; i++)
    if (active(i) && (side === null || side === 'both' || segs[i]!.side === side)) first = i
  let mirror = false
  if (first < 0) {
    for (let i = 0; i < segs.length && first < 0; i++) if (active(i)) first = i
    mirror = side !== null && side !== 'both'
  }
  if (first < 0) return { timeS: Math.min(intoS, tl.duration), mirror: false }
  const seg = segs[first]!
  const lead = Math.min(LEAD_S, seg.start)
  const begin = seg.start - lead
  const t = Math.max(0, intoS)
  if (t <= lead) return { timeS: begin + t, mirror }
  if (seg.hold) {
    // the whole hold, then the held pose still (its last moment)
    return { timeS: seg.start + Math.min(t - lead, seg.duration - 0.01), mirror }
  }
  // one cycle: from the first repetition's start to the second's (or its last segment's end)
  let cycleEnd = seg.start + seg.duration
  for (let i = first + 1; i < segs.length && segs[i]!.rep > 0; i++) {
    if (segs[i]!.rep !== seg.rep) break
    cycleEnd = segs[i]!.start + segs[i]!.duration
  }
  const cycle = Math.max(0.5, cycleEnd - seg.start)
  return { timeS: seg.start + ((t - lead) % cycle), mirror }
}

/** Index of the last sample at or before `t` in increasing times (0 when before the first). */
export function sampleAt(times: Float64Array, t: number): number {
  let lo = 0
  let hi = times.length - 1
  if (hi < 0 || t <= times[0]!) return 0
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (times[mid]! <= t) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** The segment the time falls in (the last one begun), or -1 before the first. */
export function segmentAt(segments: readonly ReplaySegment[], t: number): number {
  let found = -1
  for (let i = 0; i < segments.length; i++) {
    if (segments[i]!.start <= t) found = i
    else break
  }
  return found
}

// Helpers for the placement tests: a user's head in a stretch's pose (the
// coach's own eye, from FK), turned and moved anywhere on the floor; and what
// that head sees of a box: angles in its own frame.
import { coachKeyframeFK, createCoachFK } from '../../../src/core/coach/fk.ts'
import {
  createCoachDirector,
  createDirectorInput,
  INPUT_PHASE_S,
  updateCoachDirector,
} from '../../../src/core/session/coachDirector.ts'
import type { Phase } from '../../../src/core/phase.ts'
import { STRETCHES, type StretchId } from '../../../src/core/stretches.ts'
import { rotateVec } from '../../../src/core/vec.ts'

/** The eye pose [px,py,pz,qx,qy,qz,qw] of a body of stature `statureM` in a keyframe, at floor position (x, z) and heading yaw. */
export function headIn(
  stretch: StretchId,
  key: string,
  statureM: number,
  x = 0,
  z = 0,
  yawRad = 0,
): number[] {
  const fk = createCoachFK()
  if (!coachKeyframeFK(fk, stretch, 'left', key, statureM, { x, z, yawRad })) throw new Error(key)
  // set on the floor: the lowest surface point at y = 0
  let lowest = Infinity
  for (let k = 1; k < fk.surface.length; k += 4)
    lowest = Math.min(lowest, fk.surface[k]! - fk.surface[k + 2]!)
  const e = Array.from(fk.eye.subarray(0, 7))
  e[1] = e[1]! - lowest
  return e
}

const FLOW: readonly Phase[] = ['demonstrate', 'getIntoPosition', 'hold', 'reps', 'rest']

/**
 * The coach's route box when the session reaches `phase` of a stretch (what
 * placement fits the coach to): the director is walked through the phases
 * before it, each to its end, as in a session.
 */
export function routeBoxOf(stretch: StretchId, phase: Phase): Float64Array {
  const d = createCoachDirector()
  const input = createDirectorInput()
  input.stretch = stretch
  input.side = STRETCHES[stretch].sided ? 'left' : 'both'
  const reps = STRETCHES[stretch].dose.kind === 'reps'
  for (const p of FLOW) {
    if ((p === 'hold' && reps) || (p === 'reps' && !reps)) continue
    input.phase = p
    input.num[INPUT_PHASE_S] = 0
    updateCoachDirector(d, input)
    if (p === phase) break
    input.num[INPUT_PHASE_S] = 60
    updateCoachDirector(d, input)
  }
  return d.routeBounds.slice()
}

/** A point seen from a head: [azimuth (deg, + right), elevation (deg, + up), distance] in the head's frame. */
export function seen(head: ArrayLike<number>, p: ArrayLike<number>): [number, number, number] {
  const inv = [-head[3]!, -head[4]!, -head[5]!, head[6]!]
  const v = new Float64Array(3)
  rotateVec(v, 0, inv, 0, p[0]! - head[0]!, p[1]! - head[1]!, p[2]! - head[2]!)
  const fwd = -v[2]!
  return [
    (Math.atan2(v[0]!, fwd) * 180) / Math.PI,
    (Math.atan2(v[1]!, fwd) * 180) / Math.PI,
    Math.hypot(v[0]!, v[1]!, v[2]!),
  ]
}

/** The 8 corners of a box [minX, minY, minZ, maxX, maxY, maxZ]. */
export function corners(b: ArrayLike<number>): number[][] {
  const out: number[][] = []
  for (let c = 0; c < 8; c++) out.push([b[c & 1 ? 3 : 0]!, b[c & 2 ? 4 : 1]!, b[c & 4 ? 5 : 2]!])
  return out
}

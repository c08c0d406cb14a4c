/**
 * Feeds the stability band-pass (stabilityFilter.ts) on a fixed time grid:
 * each frame's sensed points (the eye and the palms) are interpolated onto
 * STABILITY_GRID_HZ samples between the previous frame and this one, so the
 * same movement gives the same figure at any frame rate or timing. Counted
 * samples (during the hold, of the points that should stay still) go to the
 * side's stability sums. Not measured for over a second, the filter rests and
 * starts afresh, at rest, when counting resumes (the movement into the pose
 * does not ring in it).
 */
import type { PoseFrame } from '../poseFrame.ts'
import type { BodyView } from './bodyView.ts'
import { addStabilitySample, type SideScore } from './sideScore.ts'
import {
  createStabilityFilter,
  restartStabilityPoint,
  STABILITY_GRID_HZ,
  stepStabilityPoint,
  type StabilityFilter,
} from './stabilityFilter.ts'

/** Index into StabilityGrid.num: the previous frame's t (s). */
const G_PREV_T = 0
/** Index into StabilityGrid.num: the last frame whose samples were counted (s). */
const G_COUNTED_T = 1

/** The grid's state: the band-pass, the next grid index, and the points of the previous and this frame. */
export interface StabilityGrid {
  readonly filter: StabilityFilter
  /** the next grid sample index (time k / STABILITY_GRID_HZ) */
  k: number
  readonly prev: Float64Array
  readonly prevOk: Uint8Array
  readonly cur: Float64Array
  readonly curOk: Uint8Array
  readonly num: Float64Array
}

/** Allocates a grid with every point unstarted. */
export function createStabilityGrid(): StabilityGrid {
  const g: StabilityGrid = {
    filter: createStabilityFilter(),
    k: 0,
    prev: new Float64Array(9),
    prevOk: new Uint8Array(3),
    cur: new Float64Array(9),
    curOk: new Uint8Array(3),
    num: new Float64Array(2),
  }
  g.num[G_COUNTED_T] = -Infinity
  return g
}

/** Forgets every point's history (a new stretch, a reset, a gap). */
export function restartGrid(g: StabilityGrid): void {
  for (let p = 0; p < 3; p++) restartStabilityPoint(g.filter, p)
  g.prevOk.fill(0)
}

/** A frame outside any stretch: the grid starts after it. */
export function idleGrid(g: StabilityGrid, frame: PoseFrame): void {
  g.k = Math.floor(frame.t * STABILITY_GRID_HZ) + 1
  g.num[G_PREV_T] = frame.t
}

/** This frame's points: the eye when the head is usable, the palms sensed (bit h of `sensedHands`) from `palms`. */
export function setGridPoints(
  g: StabilityGrid,
  v: BodyView,
  headOk: boolean,
  sensedHands: number,
  palms: Float64Array,
): void {
  g.curOk[0] = headOk ? 1 : 0
  if (headOk) for (let k = 0; k < 3; k++) g.cur[k] = v.eye[k]!
  for (let h = 0; h < 2; h++) {
    const ok = (sensedHands & (1 << h)) !== 0
    g.curOk[1 + h] = ok ? 1 : 0
    if (ok) for (let k = 0; k < 3; k++) g.cur[3 + h * 3 + k] = palms[h * 3 + k]!
  }
}

/**
 * Advances the grid to this frame. `restart`: no previous frame, or a gap:
 * start afresh here. `count`: this frame's samples are counted into `side`
 * for the points of `mask` (bit 0 head, 1 left, 2 right).
 */
export function stepStabilityGrid(
  g: StabilityGrid,
  frame: PoseFrame,
  side: SideScore,
  restart: boolean,
  count: boolean,
  mask: number,
): void {
  const t = frame.t
  if (restart || (!count && !(t - g.num[G_COUNTED_T]! <= 1))) {
    restartGrid(g)
    g.k = Math.floor(t * STABILITY_GRID_HZ) + 1
  } else {
    if (count) g.num[G_COUNTED_T] = t
    resample(g, frame, side, count, mask)
  }
  for (let k = 0; k < 9; k++) g.prev[k] = g.cur[k]!
  for (let k = 0; k < 3; k++) g.prevOk[k] = g.curOk[k]!
  g.num[G_PREV_T] = t
}

/** Interpolates the points onto the grid samples up to t and feeds the band-pass. */
function resample(
  g: StabilityGrid,
  frame: PoseFrame,
  side: SideScore,
  count: boolean,
  mask: number,
): void {
  const t = frame.t
  const f = g.filter
  const prevT = g.num[G_PREV_T]!
  const span = t - prevT
  let k = g.k
  const first = Math.floor(prevT * STABILITY_GRID_HZ) + 1
  if (k < first) k = first
  for (; k / STABILITY_GRID_HZ <= t; k++) {
    const at = k / STABILITY_GRID_HZ
    const w = span > 0 ? (at - prevT) / span : 1
    let sumSq = 0
    let n = 0
    for (let p = 0; p < 3; p++) {
      if (g.prevOk[p] !== 1 || g.curOk[p] !== 1) {
        restartStabilityPoint(f, p)
        continue
      }
      const o = p * 3
      for (let a = 0; a < 3; a++) {
        f.input[a] = g.prev[o + a]! + (g.cur[o + a]! - g.prev[o + a]!) * w
      }
      stepStabilityPoint(f, p)
      if ((mask & (1 << p)) !== 0) {
        sumSq += f.output[0]!
        n++
      }
    }
    if (count && n > 0) {
      side.arg[0] = sumSq
      addStabilitySample(side, n)
    }
  }
  g.k = k
}

// Run by allocation.test.ts in a forked `node --expose-gc --import tsx`: samples
// the coach's demonstration timeline, lays the gaze and the breath over it and
// solves its FK for FRAMES frames (what the avatar's useFrame does) and prints
// the heap growth and the GC count.
import { applyBreath } from '../../../src/core/coach/breath.ts'
import { createGaze, GAZE_DT, GAZE_WANT, GAZE_X, stepGaze } from '../../../src/core/coach/gaze.ts'
import { createCoachFK, solvePose } from '../../../src/core/coach/kinematics.ts'
import {
  createTimelineCursor,
  sampleTimelineAtCursor,
  timelineOf,
} from '../../../src/core/coach/timeline.ts'
import { STRETCH_IDS } from '../../../src/core/stretches.ts'
import { probeHeap, reportHeap } from '../../support/heapProbe.ts'

const FRAMES = Number(process.argv[2] ?? 1_000_000)
const cursor = createTimelineCursor()
const fk = createCoachFK()
const placement = { x: 0.3, z: -1, yawRad: 1 }
const gaze = createGaze()
const breath = new Float64Array(1)
/** The per-frame work: `n` frames of every stretch's timeline, 90 frames a second. */
function run(n: number): number {
  let f = 0
  for (let s = 0; s < STRETCH_IDS.length; s++) {
    const id = STRETCH_IDS[s]!
    const duration = timelineOf(id).duration
    for (let k = 0; k < n; k++) {
      // as the avatar does: the time goes into the cursor, not through an argument
      cursor.time[0] = (k / 90) % duration
      sampleTimelineAtCursor(cursor, id)
      // look at a viewer wandering about for a second in every two, breathe all along
      gaze.num[GAZE_WANT] = k % 180 < 90 ? 1 : 0
      gaze.num[GAZE_X] = (k % 97) / 50 - 1
      gaze.num[GAZE_DT] = 1 / 90
      stepGaze(gaze, cursor.pose)
      breath[0] = (k % 900) / 900
      applyBreath(cursor.pose, breath, 0)
      solvePose(fk, cursor.pose, 1.7, placement)
      f++
    }
  }
  return f
}
// warm up: build every timeline and keyframe, and let the JIT settle, before measuring
run(100_000)
await new Promise((r) => setTimeout(r, 200))
const perStretch = Math.floor(FRAMES / STRETCH_IDS.length)
reportHeap(
  await probeHeap((n) => run(Math.floor(n / STRETCH_IDS.length)), perStretch * STRETCH_IDS.length),
)

// Run by allocation.test.ts in a forked `node --expose-gc --import tsx`:
// steps the engine over FRAMES frames of the mixed workload and prints, as one
// JSON line, the heap growth (no GC in between) and how many GCs ran meanwhile.
import { buildMixedBank, loadFrame, type FrameBank } from '../../scripts/synth/mixedFrames.ts'
import {
  createEngine,
  engineStretch,
  stepEngine,
  type Engine,
} from '../../src/core/engine/engine.ts'
import { createPoseFrame, type PoseFrame } from '../../src/core/poseFrame.ts'
import { probeHeap, reportHeap } from '../support/heapProbe.ts'
import {
  CHUNK_FRAMES,
  createTraceRecorder,
  recordFrame,
  type TraceRecorder,
} from '../../src/tracking/recorder.ts'

const FRAMES = Number(process.argv[2] ?? 1_000_000)
/** `recorder`: also record every frame (the recorder reuses its first chunk so memory stays flat) */
const WITH_RECORDER = process.argv[3] === 'recorder'

const recorder: TraceRecorder = createTraceRecorder({
  format: 'pose-trace',
  version: 1,
  recordedAt: '2026-11-23T07:00:00.000Z',
  source: 'synthetic',
  calibration: { eyeHeight: 1.62 },
})

/** Steps `count` frames of segment s (looping its frames, time running on) from tBase; returns the next tBase. */
function runSegment(
  engine: Engine,
  bank: FrameBank,
  frame: PoseFrame,
  s: number,
  count: number,
  tBase: number,
): number {
  const start = bank.segStart[s]!
  const len = bank.segLen[s]!
  const secs = bank.segSeconds[s]!
  let local = 0
  let loops = 0
  for (let k = 0; k < count; k++) {
    loadFrame(bank, start + local, tBase + loops * secs, frame)
    stepEngine(engine, frame)
    if (WITH_RECORDER) {
      recordFrame(recorder, frame)
      if (recorder.frames === CHUNK_FRAMES) recorder.frames = 1
    }
    local++
    if (local === len) {
      local = 0
      loops++
    }
  }
  return tBase + (loops + 1) * secs
}

/** Steps `total` frames spread evenly over every stretch side of the bank; returns the last t. */
function run(engine: Engine, bank: FrameBank, frame: PoseFrame, total: number, t0: number): number {
  const segs = bank.segStart.length
  const perSeg = Math.floor(total / segs)
  let tBase = t0
  for (let s = 0; s < segs; s++) {
    engineStretch(engine, tBase, bank.segStretch[s]!, bank.segSide[s]!, null, null)
    tBase = runSegment(engine, bank, frame, s, perSeg, tBase)
  }
  return tBase
}

const bank = buildMixedBank(7)
const frame = createPoseFrame()
// warm-up: many short runs, so every path of the loop has type feedback before it is
// optimised (code compiled without it deoptimises later, and unoptimised code boxes every double
// it touches, which would count as allocation)
for (let w = 0; w < 12; w++) run(createEngine({ eyeHeightM: 1.62 }), bank, frame, 80_000, 0)
// and one run as long as a measured round, so the paths only long segments reach (a baseline
// watched for minutes, the frame history's ring wrapping) are optimised before measuring too
run(createEngine({ eyeHeightM: 1.62 }), bank, frame, FRAMES, 0)
await new Promise((r) => setTimeout(r, 200))

// Each measured round runs a fresh engine (made outside the measurement).
let engine = createEngine({ eyeHeightM: 1.62 })
const probe = await probeHeap((n) => run(engine, bank, frame, n, 0), FRAMES, {
  prepare: () => {
    engine = createEngine({ eyeHeightM: 1.62 })
  },
})
reportHeap(probe)

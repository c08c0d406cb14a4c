// Run by allocation.test.ts in a forked `node --expose-gc --import tsx`:
// steps the engine over FRAMES frames of the mixed workload and prints, as one
// JSON line, the heap growth (no GC in between) and how many GCs ran meanwhile.
import { PerformanceObserver } from 'node:perf_hooks'
import { getHeapSpaceStatistics } from 'node:v8'
import { buildMixedBank, loadFrame, type FrameBank } from '../../scripts/synth/mixedFrames.ts'
import {
  createEngine,
  engineStretch,
  stepEngine,
  type Engine,
} from '../../src/core/engine/engine.ts'
import { createPoseFrame, type PoseFrame } from '../../src/core/poseFrame.ts'
import {
  CHUNK_FRAMES,
  createTraceRecorder,
  recordFrame,
  type TraceRecorder,
} from '../../src/tracking/recorder.ts'

const FRAMES = Number(process.argv[2] ?? 1_000_000)
/** `recorder`: also record every frame (the recorder reuses its first chunk so memory stays flat) */
const WITH_RECORDER = process.argv[3] === 'recorder'
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with --expose-gc')

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
await new Promise((r) => setTimeout(r, 200))
const spaces = (): Record<string, number> =>
  Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]))

let gcs = 0
const obs = new PerformanceObserver((list) => {
  gcs += list.getEntries().length
})
obs.observe({ entryTypes: ['gc'] })

/** One measured run on a fresh engine: heap growth with no GC in between, by space. */
async function measure(): Promise<{
  growthBytes: number
  newSpaceBytes: number
  bySpace: Record<string, number>
  gcs: number
  ms: number
}> {
  const engine = createEngine({ eyeHeightM: 1.62 })
  gc!()
  gc!()
  await new Promise((r) => setTimeout(r, 100))
  gcs = 0
  const spacesBefore = spaces()
  const before = process.memoryUsage().heapUsed
  const t0 = performance.now()
  run(engine, bank, frame, FRAMES, 0)
  const ms = performance.now() - t0
  const after = process.memoryUsage().heapUsed
  const spacesAfter = spaces()
  await new Promise((r) => setTimeout(r, 50))
  const bySpace: Record<string, number> = {}
  for (const k of Object.keys(spacesAfter)) {
    const d = spacesAfter[k]! - (spacesBefore[k] ?? 0)
    if (d !== 0) bySpace[k] = d
  }
  return {
    growthBytes: after - before,
    newSpaceBytes: bySpace.new_space ?? 0,
    bySpace,
    gcs,
    ms: Math.round(ms),
  }
}

// Two measured runs: the JIT may still be installing optimised code during the first (that run
// then shows boxed doubles of unoptimised code); per-frame allocation shows in both.
const rounds = [await measure(), await measure()]
obs.disconnect()
const best = rounds.reduce((a, b) => (b.growthBytes < a.growthBytes ? b : a))
process.stdout.write(
  JSON.stringify({ frames: FRAMES, ...best, rounds: rounds.map((r) => r.growthBytes) }) + '\n',
)

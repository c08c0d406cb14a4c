// Run by allocation.test.ts in a forked `node --expose-gc --import tsx`:
// steps the engine over FRAMES frames of the mixed workload and prints, as one
// JSON line, the heap growth (no GC in between) and how many GCs ran meanwhile.
import { PerformanceObserver } from 'node:perf_hooks'
import { buildMixedBank, loadFrame, type FrameBank } from '../../scripts/synth/mixedFrames.ts'
import {
  createEngine,
  engineStretch,
  stepEngine,
  type Engine,
} from '../../src/core/engine/engine.ts'
import { createPoseFrame, type PoseFrame } from '../../src/core/poseFrame.ts'

const FRAMES = Number(process.argv[2] ?? 1_000_000)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with --expose-gc')

/** Steps `total` frames spread evenly over every stretch side of the bank; returns the last t. */
function run(engine: Engine, bank: FrameBank, frame: PoseFrame, total: number, t0: number): number {
  const segs = bank.segStart.length
  const perSeg = Math.floor(total / segs)
  let tBase = t0
  for (let s = 0; s < segs; s++) {
    const start = bank.segStart[s]!
    const len = bank.segLen[s]!
    const secs = bank.segSeconds[s]!
    engineStretch(engine, tBase, bank.segStretch[s]!, bank.segSide[s]!, null, null)
    let local = 0
    let loops = 0
    for (let k = 0; k < perSeg; k++) {
      loadFrame(bank, start + local, tBase + loops * secs, frame)
      stepEngine(engine, frame)
      local++
      if (local === len) {
        local = 0
        loops++
      }
    }
    tBase += (loops + 1) * secs
  }
  return tBase
}

const bank = buildMixedBank(7)
const frame = createPoseFrame()
// warm-up on engines of their own, in several calls, so that `run`, the engine and the
// frame loader are all optimised (unoptimised code boxes every double it touches)
for (let w = 0; w < 8; w++) run(createEngine({ eyeHeightM: 1.62 }), bank, frame, 100_000, 0)
await new Promise((r) => setTimeout(r, 200))
const engine = createEngine({ eyeHeightM: 1.62 })
let gcs = 0
const obs = new PerformanceObserver((list) => {
  gcs += list.getEntries().length
})
obs.observe({ entryTypes: ['gc'] })
gc()
gc()
await new Promise((r) => setTimeout(r, 100))
gcs = 0
const before = process.memoryUsage().heapUsed
const t0 = performance.now()
run(engine, bank, frame, FRAMES, 0)
const ms = performance.now() - t0
const after = process.memoryUsage().heapUsed
await new Promise((r) => setTimeout(r, 50))
obs.disconnect()
process.stdout.write(
  JSON.stringify({ frames: FRAMES, growthBytes: after - before, gcs, ms: Math.round(ms) }) + '\n',
)

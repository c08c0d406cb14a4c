/**
 * `npm run bench`: the engine alone, on a realistic mixed workload (every
 * stretch and side, noise, tracking faults; scripts/synth/mixedFrames.ts).
 * Prints figures, not pass/fail:
 * - ns per frame, median and p99 over 10⁶ frames, each step timed with
 *   performance.now() into a preallocated Float64Array (steps are batched per
 *   timing only if the timer is too coarse; the output says so);
 * - bytes allocated per frame: heap around an untimed 10⁶-frame run with
 *   --expose-gc, and the number of GCs during it;
 * - wall time of `npm run -s score` and of the direct command
 *   `node bin/stretchcoach-score.mjs` on a gzipped one-hour 90 Hz routine trace
 *   generated into a temp dir (process start and gunzip included), interleaved in
 *   the same run, and their ratio (scripts/bench/cliTiming.ts; `--only=cli` runs
 *   just that);
 * - the machine: CPU model, cores, Node version, and the load average while it ran.
 */
import { spawnSync } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { PerformanceObserver } from 'node:perf_hooks'
import { buildMixedBank, FRAME_STRIDE, loadFrame, type FrameBank } from './synth/mixedFrames.ts'
import { timeCli } from './bench/cliTiming.ts'
import { createEngine, engineStretch, stepEngine, type Engine } from '../src/core/engine/engine.ts'
import { createPoseFrame, type PoseFrame } from '../src/core/poseFrame.ts'
import { ROUTINES } from '../src/core/stretches.ts'

if (process.argv.includes('--only=cli')) {
  timeCli()
  process.exit(0)
}

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) {
  // re-run this file with the GC exposed (keeps `tsx scripts/bench.ts` working as is)
  const self = fileURLToPath(import.meta.url)
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', self, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  )
  process.exit(r.status ?? 1)
}

const FRAMES = 1_000_000
const bank = buildMixedBank(7)
const frame = createPoseFrame()
const times = new Float64Array(FRAMES)

/**
 * Steps `count` frames of segment s (looping its frames, time running on) from tBase; when
 * `timed`, writes each batch's ns per frame into `times` from index `ti`. Returns the next tBase.
 */
function runSegment(
  engine: Engine,
  b: FrameBank,
  f: PoseFrame,
  s: number,
  count: number,
  tBase: number,
  timed: boolean,
  batch: number,
  ti: number,
): number {
  const start = b.segStart[s]!
  const len = b.segLen[s]!
  const secs = b.segSeconds[s]!
  let local = 0
  let loops = 0
  for (let k = 0; k < count; k += batch) {
    const a = timed ? performance.now() : 0
    for (let j = 0; j < batch; j++) {
      loadFrame(b, start + local, tBase + loops * secs, f)
      stepEngine(engine, f)
      local++
      if (local === len) {
        local = 0
        loops++
      }
    }
    if (timed) times[ti++] = ((performance.now() - a) * 1e6) / batch
  }
  return tBase + (loops + 1) * secs
}

/** Steps `total` frames spread over every stretch side (a stretch event at each). */
function run(
  engine: Engine,
  b: FrameBank,
  f: PoseFrame,
  total: number,
  timed: boolean,
  batch: number,
): void {
  const segs = b.segStart.length
  const perSeg = Math.floor(total / segs / batch) * batch
  let tBase = 0
  for (let s = 0; s < segs; s++) {
    engineStretch(engine, tBase, b.segStretch[s]!, b.segSide[s]!, null, null)
    tBase = runSegment(engine, b, f, s, perSeg, tBase, timed, batch, (s * perSeg) / batch)
  }
}

/** The timer's smallest step and the cost of one call, in ns. */
function timerResolution(): { stepNs: number; callNs: number } {
  let step = Infinity
  for (let i = 0; i < 200_000; i++) {
    const a = performance.now()
    let b = performance.now()
    while (b === a) b = performance.now()
    if (b - a < step) step = b - a
  }
  const n = 1_000_000
  const a = performance.now()
  let x = 0
  for (let i = 0; i < n; i++) x += performance.now()
  const callNs = ((performance.now() - a) * 1e6) / n
  return { stepNs: step * 1e6 + (x < 0 ? 1 : 0), callNs }
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

const cpu = cpus()
console.log(
  'machine: %s, %d cores, %s GB RAM, Node %s; load average %s (figures rise with load)',
  cpu[0]?.model ?? 'unknown CPU',
  cpu.length,
  (totalmem() / 2 ** 30).toFixed(1),
  process.version,
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' '),
)

// --- engine step time
const res = timerResolution()
const batch = res.stepNs <= 100 ? 1 : Math.ceil(res.stepNs / 100)
console.log(
  'timer: performance.now() resolves %s ns and costs %s ns a call; %s',
  res.stepNs.toFixed(0),
  res.callNs.toFixed(0),
  batch === 1 ? 'each step timed alone' : `steps batched ${batch} per timing`,
)
// warm-up: many short runs, so every path has type feedback before it is optimised (code
// compiled without it deoptimises later, and unoptimised code boxes every double it touches)
for (let w = 0; w < 12; w++) {
  run(createEngine({ eyeHeightM: 1.62 }), bank, frame, 80_000, w % 2 === 0, batch)
}
run(createEngine({ eyeHeightM: 1.62 }), bank, frame, FRAMES, true, batch)
const timedCount = Math.floor(FRAMES / bank.segStart.length / batch) * bank.segStart.length
const sorted = times.slice(0, timedCount).sort()
console.log(
  'engine step (%d frames, %d stretch sides): median %s ns, p99 %s ns, max %s ns per frame (timer call included)',
  timedCount * batch,
  bank.segStart.length,
  quantile(sorted, 0.5).toFixed(0),
  quantile(sorted, 0.99).toFixed(0),
  sorted[sorted.length - 1]!.toFixed(0),
)

// --- allocation: heap around an untimed run, no GC in between; best of two runs (the JIT may
// still be installing optimised code during the first)
let gcs = 0
const obs = new PerformanceObserver((list) => {
  gcs += list.getEntries().length
})
obs.observe({ entryTypes: ['gc'] })
for (let w = 0; w < 12; w++) run(createEngine({ eyeHeightM: 1.62 }), bank, frame, 80_000, false, 1)
let best = { bytes: Infinity, gcs: 0 }
for (let round = 0; round < 2; round++) {
  gc()
  gc()
  await new Promise((r) => setTimeout(r, 100))
  gcs = 0
  const engine = createEngine({ eyeHeightM: 1.62 })
  const before = process.memoryUsage().heapUsed
  run(engine, bank, frame, FRAMES, false, 1)
  const after = process.memoryUsage().heapUsed
  await new Promise((r) => setTimeout(r, 50))
  if (after - before < best.bytes) best = { bytes: after - before, gcs }
}
obs.disconnect()
console.log(
  'allocation: heap grew %d bytes over %d frames (%s bytes per frame), %d GCs during the run (best of 2)',
  best.bytes,
  FRAMES,
  (best.bytes / FRAMES).toFixed(3),
  best.gcs,
)

// --- the headset's whole frame: XR read, runner (engine inside), cues, coach, placement
{
  const { createLiveFrame, LIVE_TIME_MS, startRoutine, stepLiveFrame } =
    await import('../src/tracking/liveFrame.ts')
  const { createRunner, QUICK_TIMING } = await import('../src/core/session/runner.ts')
  // A fake XR frame whose poses are rewritten in place from the bank each frame.
  const pose = () => ({
    emulatedPosition: false,
    transform: { position: { x: 0, y: 0, z: 0, w: 1 }, orientation: { x: 0, y: 0, z: 0, w: 1 } },
  })
  const head = pose()
  const left = pose()
  const right = pose()
  const lg = {}
  const rg = {}
  const xrFrame = {
    session: {
      inputSources: [
        { handedness: 'left', gripSpace: lg },
        { handedness: 'right', gripSpace: rg },
      ],
    },
    getViewerPose: () => (seen[0] ? head : null),
    getPose: (space: object) => (space === lg ? (seen[1] ? left : null) : seen[2] ? right : null),
  } as unknown as XRFrame
  const ref = {} as XRReferenceSpace
  const writes = [head, left, right]
  const seen = [true, true, true]
  const all = ROUTINES.find((r) => r.stretches.length === 10) ?? ROUTINES[0]!
  const newLive = () => {
    const lf = createLiveFrame(1.62)
    const runner = createRunner({
      routine: all,
      sessionId: 'bench',
      eyeHeightM: 1.62,
      holdSeconds: 20,
      timing: QUICK_TIMING,
      save: async () => ({ ok: true }),
      onEdge: () => undefined,
    })
    startRoutine(lf, runner, 1.62)
    return lf
  }
  const liveRun = (lf: ReturnType<typeof createLiveFrame>, count: number, timed: boolean) => {
    const d = bank.data
    const n = d.length / FRAME_STRIDE
    for (let k = 0; k < count; k++) {
      const i = (k % n) * FRAME_STRIDE
      for (let p = 0; p < 3; p++) {
        const o = i + 1 + p * 7
        const w = writes[p]!
        seen[p] = d[i + 22 + p] === 1
        w.transform.position.x = d[o]!
        w.transform.position.y = d[o + 1]!
        w.transform.position.z = d[o + 2]!
        w.transform.orientation.x = d[o + 3]!
        w.transform.orientation.y = d[o + 4]!
        w.transform.orientation.z = d[o + 5]!
        w.transform.orientation.w = d[o + 6]!
      }
      lf.num[LIVE_TIME_MS] = k * 11.111
      const a = timed ? performance.now() : 0
      stepLiveFrame(lf, xrFrame, ref)
      if (timed) times[k] = (performance.now() - a) * 1e6
    }
  }
  const LIVE = 300_000
  for (let w = 0; w < 4; w++) liveRun(newLive(), 100_000, w % 2 === 0)
  liveRun(newLive(), LIVE, true)
  const liveSorted = times.slice(0, LIVE).sort()
  console.log(
    'headset frame (stepLiveFrame: XR read, runner and engine, cues, coach FK, placement; %d frames of an all-ten session fed the mixed trace): median %s ns, p99 %s ns per frame (timer call included)',
    LIVE,
    quantile(liveSorted, 0.5).toFixed(0),
    quantile(liveSorted, 0.99).toFixed(0),
  )
  const obs2 = new PerformanceObserver((list) => {
    gcs += list.getEntries().length
  })
  obs2.observe({ entryTypes: ['gc'] })
  let bestLive = { bytes: Infinity, gcs: 0 }
  for (let round = 0; round < 2; round++) {
    const lf = newLive()
    liveRun(lf, 100_000, false)
    gc()
    gc()
    await new Promise((r) => setTimeout(r, 100))
    gcs = 0
    const before = process.memoryUsage().heapUsed
    liveRun(lf, LIVE, false)
    const after = process.memoryUsage().heapUsed
    await new Promise((r) => setTimeout(r, 50))
    if (after - before < bestLive.bytes) bestLive = { bytes: after - before, gcs }
  }
  obs2.disconnect()
  console.log(
    'headset frame allocation: heap grew %d bytes over %d frames (%s bytes per frame), %d GCs (best of 2)',
    bestLive.bytes,
    LIVE,
    (bestLive.bytes / LIVE).toFixed(3),
    bestLive.gcs,
  )
}

// --- one-hour replay from the command line: npm run -s score and the direct command, same run
timeCli()

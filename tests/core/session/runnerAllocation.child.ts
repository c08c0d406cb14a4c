// Run by runnerAllocation.test.ts in a forked `node --expose-gc --import tsx`:
// steps the routine runner (engine included) over FRAMES frames of a held
// child's pose and prints, as one JSON line, the heap growth with no GC in
// between, how many GCs ran, how many edges fired, and the time per frame.
import { synthRecords } from '../../../scripts/synth/synthTrace.ts'
import { createRunner, QUICK_TIMING, stepRunner } from '../../../src/core/session/runner.ts'
import { createPoseFrame } from '../../../src/core/poseFrame.ts'
import { probeHeap, reportHeap } from '../../support/heapProbe.ts'

const FRAMES = Number(process.argv[2] ?? 1_000_000)

// A bank of frames from inside the hold (no edges while it loops).
const poses: number[] = []
const times: number[] = []
const MODE = process.argv[3] === 'standing' ? 'standing' : 'hold'
const marks = synthRecords(
  {
    eyeHeight: 1.62,
    steps:
      MODE === 'standing'
        ? [
            { idle: 'standing', seconds: 60 },
            { stretch: 'childs-pose', holdSeconds: 40 },
          ]
        : [{ stretch: 'childs-pose', holdSeconds: 40 }],
  },
  (r) => {
    if (r.kind !== 'frame') return
    times.push(r.t)
    for (let i = 0; i < 3; i++) for (let k = 0; k < 7; k++) poses.push(r.poses[i]![k]!)
  },
)
const m = marks[0]!
let first =
  MODE === 'standing'
    ? times.findIndex((t) => t >= 2)
    : times.findIndex((t) => t >= m.holdStart + 1)
const last =
  MODE === 'standing' ? times.findIndex((t) => t >= 58) : times.findIndex((t) => t >= m.holdEnd - 1)
const bankPoses = Float64Array.from(poses.slice(first * 21, last * 21))
const bankTimes = Float64Array.from(times.slice(first, last))
const bankLen = bankTimes.length
const bankSpan = bankTimes[bankLen - 1]! - bankTimes[0]! + 1 / 90
first = 0

let edges = 0
const frame = createPoseFrame()
frame.tracked.fill(1)
const runner = createRunner({
  routine: { id: 'alloc', name: 'alloc', description: '', stretches: ['childs-pose'] },
  sessionId: 's',
  eyeHeightM: 1.62,
  holdSeconds: 1e9,
  timing: QUICK_TIMING,
  save: async () => ({ ok: true }),
  onEdge: () => {
    edges++
  },
})

function run(count: number, tStart: number): number {
  let i = 0
  let loops = 0
  for (let k = 0; k < count; k++) {
    frame.t = tStart + (bankTimes[i]! - bankTimes[0]!) + loops * bankSpan
    for (let k2 = 0; k2 < 21; k2++) frame.poses[k2] = bankPoses[i * 21 + k2]!
    stepRunner(runner, frame)
    i++
    if (i === bankLen) {
      i = 0
      loops++
    }
  }
  return frame.t + 1 / 90
}

// warm-up: past the demonstration, into the hold, and long enough that every function is
// optimised (compiling during the measured run would count as heap growth)
let tNext = run(1_000_000, 0)
await new Promise((r) => setTimeout(r, 1000))
const edgesBefore = edges
const probe = await probeHeap((n) => {
  tNext = run(n, tNext)
}, FRAMES)
reportHeap(probe, {
  edges: edges - edgesBefore,
  phase: runner.phase,
  holdSeconds: runner.engine.live.holdSeconds,
})

// Run by liveFrameAllocation.test.ts in a forked `node --expose-gc --import tsx`:
// steps a LiveFrame (the headset's one frame path) over fake XR frames that
// return preallocated poses (so any growth is the path's own) and prints the
// heap probe as one JSON line, with what the session was doing.
//
//   argv[2]  frames per measured round (10⁶)
//   argv[3]  hold | calibrate | demonstrate
//   argv[4]  what the measured rounds step (diagnosis): all (stepLiveFrame, the default),
//            parts (its parts called one by one), or one part only after the reader:
//            calibration, runner, cues, director, posture, follower, boxes. To see bytes per frame,
//            run with --min-semi-space-size=512 --max-semi-space-size=512 (no GC at all).
import { synthRecords } from '../../scripts/synth/synthTrace.ts'
import { createRng } from '../../scripts/synth/prng.ts'
import {
  createRunner,
  NORMAL_TIMING,
  QUICK_TIMING,
  stepRunner,
  type RunnerTiming,
} from '../../src/core/session/runner.ts'
import { readDirectorInput, updateCoachDirector } from '../../src/core/session/coachDirector.ts'
import { updateCues } from '../../src/core/session/cues.ts'
import {
  classifyPosture,
  coachWorldBounds,
  FOLLOWER_DT,
  FOLLOWER_STATURE,
  panelWorldBounds,
  postureClassOfStretch,
  updateViewFollower,
} from '../../src/core/session/viewPlacement.ts'
import type { StretchId } from '../../src/core/stretches.ts'
import { resetCalibrationWindow, updateCalibrationWindow } from '../../src/core/calibration.ts'
import {
  createLiveFrame,
  LIVE_TIME_MS,
  startCalibration,
  startRoutine,
  stepLiveFrame,
} from '../../src/tracking/liveFrame.ts'
import { readXRPosesAt } from '../../src/tracking/xrPoseReader.ts'
import { probeHeap, reportHeap } from '../support/heapProbe.ts'

const FRAMES = Number(process.argv[2] ?? 1_000_000)
const MODE = (process.argv[3] ?? 'hold') as 'hold' | 'calibrate' | 'demonstrate'
const PART = process.argv[4] ?? 'all'
const EYE = 1.62

// The user's motion: a bank of synthetic frames (head, left grip, right grip) looped.
const stretch: StretchId = MODE === 'demonstrate' ? 'knee-to-chest' : 'childs-pose'
const poses: number[] = []
const times: number[] = []
const marks = synthRecords(
  {
    eyeHeight: EYE,
    tremorMm: 0,
    jitterMm: 0,
    steps:
      MODE === 'hold'
        ? [{ stretch: 'childs-pose', holdSeconds: 40 }]
        : [{ idle: 'standing', seconds: 30 }],
  },
  (r) => {
    if (r.kind !== 'frame') return
    times.push(r.t)
    for (let i = 0; i < 3; i++) for (let k = 0; k < 7; k++) poses.push(r.poses[i]![k]!)
  },
)
const from = MODE === 'hold' ? marks[0]!.holdStart + 1 : 2
const to = MODE === 'hold' ? marks[0]!.holdEnd - 1 : 28
const first = times.findIndex((t) => t >= from)
const last = times.findIndex((t) => t >= to)
const bank = Float64Array.from(poses.slice(first * 21, last * 21))
const bankLen = last - first
// Slight noise (±0.5 mm, ±0.05°), from a table: a generator's own state would box its numbers.
const NOISE = 4099
const noise = new Float64Array(NOISE)
const rng = createRng(11)
for (let i = 0; i < NOISE; i++) noise[i] = rng.uniform() - 0.5

// A fake XR frame: the reader's XRPose objects are preallocated and refilled each frame.
const xrPose = () => ({
  emulatedPosition: false,
  transform: {
    position: { x: 0.5, y: 0.5, z: 0.5, w: 1 },
    orientation: { x: 0.5, y: 0.5, z: 0.5, w: 0.5 },
  },
})
const head = xrPose()
const left = xrPose()
const right = xrPose()
const lg = {}
const rg = {}
const button = () => ({ pressed: false, touched: false, value: 0 })
const pad = () => ({ mapping: 'xr-standard', buttons: [0, 1, 2, 3, 4, 5].map(button) })
const frame = {
  session: {
    inputSources: [
      { handedness: 'left', gripSpace: lg, gamepad: pad() },
      { handedness: 'right', gripSpace: rg, gamepad: pad() },
    ],
  },
  getViewerPose: () => head,
  getPose: (s: object) => (s === lg ? left : right),
} as unknown as XRFrame
const ref = {} as XRReferenceSpace
const devices = [head, left, right]

// The session: measuring a standing user, holding child's pose for ever, or watching the coach.
const lf = createLiveFrame(EYE)
lf.firstStretch = stretch
let calibrations = 0
lf.onCalibrated = () => {
  calibrations++
}
const timing: RunnerTiming =
  MODE === 'demonstrate' ? { ...NORMAL_TIMING, demonstrateS: 1e6 } : QUICK_TIMING
let edges = 0
const runner = createRunner({
  routine: { id: 'alloc', name: 'alloc', description: '', stretches: [stretch] },
  sessionId: 's',
  eyeHeightM: EYE,
  holdSeconds: 1e9,
  timing,
  save: async () => ({ ok: true }),
  onEdge: () => {
    edges++
  },
})
if (MODE === 'calibrate') startCalibration(lf)
else startRoutine(lf, runner, EYE)

const WARM_UP = MODE === 'demonstrate' ? 300_000 : 1_000_000
const ROUNDS = 3
/**
 * The frame's time (ms). A double passed to a function that is not inlined is boxed, so the
 * harness must not make a new one per frame: at a headset's 90 Hz the times are whole
 * milliseconds (small integers are never boxed); while the coach demonstrates, frames come
 * every 4 µs, so that every measured frame falls inside the demonstration and the coach moves
 * on each of them, and their times are boxed once, here, in an array of tagged numbers.
 */
const DEMO_DT_MS = 0.004
const demoTimes: unknown[] = MODE === 'demonstrate' ? ['tagged elements'] : []
if (MODE === 'demonstrate')
  for (let k = 0; k < WARM_UP + ROUNDS * FRAMES; k++) demoTimes.push(1000 + k * DEMO_DT_MS)
/** [frames stepped] */
const state = new Float64Array(1)
/** the warm-up steps the whole frame path; the measured rounds only PART of it */
let measuring = false

/**
 * stepLiveFrame's parts in its order, for finding which one allocates: the reader always
 * runs (the poses must change); of the rest only `only` runs ('' for all of them).
 */
function stepParts(only: string): void {
  const pose = lf.pose
  const tracked = readXRPosesAt(pose, frame, ref, lf.num, lf.reader)
  const lastMs = lf.num[1]!
  lf.num[2] = Math.max(0, (lf.num[LIVE_TIME_MS]! - lastMs) / 1000)
  lf.num[1] = lf.num[LIVE_TIME_MS]!
  const all = only === ''
  const live = MODE !== 'calibrate'
  if (!live && (all || only === 'calibration')) {
    if (updateCalibrationWindow(lf.calibration, pose, tracked))
      resetCalibrationWindow(lf.calibration)
  }
  if (live && (all || only === 'runner')) stepRunner(runner, pose)
  if (live && (all || only === 'cues')) updateCues(lf.cues, runner)
  if (all || only === 'director') {
    readDirectorInput(lf.directorInput, live ? runner : null)
    updateCoachDirector(lf.director, lf.directorInput)
  }
  let cls = lf.postureClass
  if (all || only === 'posture')
    cls = classifyPosture(pose.poses, tracked, lf.stature, postureClassOfStretch(stretch))
  if (all || only === 'follower') {
    lf.follower.num[FOLLOWER_STATURE] = lf.stature[0]!
    lf.follower.num[FOLLOWER_DT] = lf.num[2]!
    updateViewFollower(lf.follower, pose.poses, tracked, cls, lf.director.routeBounds, false)
  }
  if (all || only === 'boxes') {
    coachWorldBounds(lf.coachBox, lf.follower.shown, lf.director.bounds, lf.stature)
    panelWorldBounds(lf.panelBox, lf.follower.shown)
  }
}

function run(count: number): void {
  let k = state[0]!
  for (let n = 0; n < count; n++, k++) {
    const i = k % bankLen
    const o = i * 21
    for (let d = 0; d < 3; d++) {
      const p = devices[d]!.transform.position
      const q = devices[d]!.transform.orientation
      const e = (k * 7 + d * 1013) % NOISE
      // measuring: a user who cannot keep still (±5 cm), judged every 0.1 s and never done
      p.x = bank[o + d * 7]! + (MODE === 'calibrate' ? 0.1 : 0.001) * noise[e]!
      p.y = bank[o + d * 7 + 1]! + 0.001 * noise[(e + 1) % NOISE]!
      p.z = bank[o + d * 7 + 2]! + 0.001 * noise[(e + 2) % NOISE]!
      q.x = bank[o + d * 7 + 3]! + 0.0005 * noise[(e + 3) % NOISE]!
      q.y = bank[o + d * 7 + 4]!
      q.z = bank[o + d * 7 + 5]!
      q.w = bank[o + d * 7 + 6]!
    }
    lf.num[LIVE_TIME_MS] = (
      MODE === 'demonstrate' ? demoTimes[k + 1] : ((k * 100) / 9) | 0
    ) as number
    if (PART === 'all' || !measuring) {
      stepLiveFrame(lf, frame, ref)
      // (a calibration that did finish would start again)
      if (MODE === 'calibrate' && !lf.calibrating) startCalibration(lf)
    } else stepParts(PART === 'parts' ? '' : PART)
  }
  state[0] = k
}

// Warm-up: past the demonstration into the hold (hold), or long enough that every function
// is optimised (compiling during a measured round would count as heap growth).
for (let w = 0; w < 4; w++) run(WARM_UP / 4)
await new Promise((r) => setTimeout(r, 1000))
measuring = true
const edgesBefore = edges
const segmentBefore = lf.director.segment
const calibrationsBefore = calibrations
const probe = await probeHeap(run, FRAMES, { rounds: ROUNDS })
reportHeap(probe, {
  bytesPerFrame: probe.growthBytes / FRAMES,
  mode: MODE,
  part: PART,
  edges: edges - edgesBefore,
  phase: runner.phase,
  coachPhase: lf.director.phase,
  holdSeconds: runner.engine.live.holdSeconds,
  segments: [segmentBefore, lf.director.segment],
  calibrations: calibrations - calibrationsBefore,
  calibrating: lf.calibrating,
  placed: lf.follower.placed,
  coachBox: Array.from(lf.coachBox),
})

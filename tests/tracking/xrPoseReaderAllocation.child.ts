// Run by xrPoseReader.test.ts in a forked `node --expose-gc --import tsx`: reads
// 10⁶ fake XR frames (which return preallocated poses, so any growth is the
// reader's own) and prints the heap probe with the last frame's t.
import { createPoseFrame } from '../../src/core/poseFrame.ts'
import { createXRPoseReaderState, readXRPoses } from '../../src/tracking/xrPoseReader.ts'
import { probeHeap, reportHeap } from '../support/heapProbe.ts'

const pose = (x: number) => ({
  emulatedPosition: false,
  transform: { position: { x, y: 1, z: 0, w: 1 }, orientation: { x: 0, y: 0, z: 0, w: 1 } },
})
const head = pose(0)
const left = pose(-0.2)
const right = pose(0.2)
const lg = {}
const rg = {}
const sources = [
  { handedness: 'left', gripSpace: lg },
  { handedness: 'right', gripSpace: rg },
]
const frame = {
  session: { inputSources: sources },
  getViewerPose: () => head,
  getPose: (s: object) => (s === lg ? left : right),
} as unknown as XRFrame
const ref = {} as XRReferenceSpace
const target = createPoseFrame()
const state = createXRPoseReaderState()

let i = 0
function run(n: number): void {
  for (let k = 0; k < n; k++) readXRPoses(target, frame, ref, i++ * 16, state)
}
run(500_000)
const probe = await probeHeap(run, 1_000_000)
reportHeap(probe, { t: target.t, framesRead: i })

import { fileURLToPath } from 'node:url'
import { HEAP_GROWTH_LIMIT_BYTES, runHeapChild, type HeapProbe } from '../support/heapProbe.ts'
import { describe, expect, it } from 'vitest'
import {
  INPUT_CONTROLLER,
  INPUT_HAND,
  POSE_HEAD,
  POSE_LEFT,
  POSE_RIGHT,
  createPoseFrame,
} from '../../src/core/poseFrame.ts'
import {
  createXRPoseReaderState,
  readXRPoses,
  resetXRPoseReaderState,
} from '../../src/tracking/xrPoseReader.ts'

type Pose7 = [number, number, number, number, number, number, number]

function fakePose(p: Pose7, emulatedPosition = false) {
  return {
    emulatedPosition,
    transform: {
      position: { x: p[0], y: p[1], z: p[2], w: 1 },
      orientation: { x: p[3], y: p[4], z: p[5], w: p[6] },
    },
  }
}

interface FakeSource {
  handedness: 'left' | 'right' | 'none'
  gripSpace?: object
  hand?: Map<string, object>
}

/** A stand-in for XRFrame: spaces are plain objects, poses looked up in a map. */
function fakeFrame(opts: {
  viewer?: ReturnType<typeof fakePose> | null
  sources?: FakeSource[]
  poses?: Map<object, ReturnType<typeof fakePose>>
  joints?: Map<object, ReturnType<typeof fakePose>>
  noJointApi?: boolean
}) {
  const refSpace = {} as XRReferenceSpace
  const frame: Record<string, unknown> = {
    session: { inputSources: opts.sources ?? [] },
    getViewerPose: (space: unknown) => {
      expect(space).toBe(refSpace)
      return opts.viewer ?? undefined
    },
    getPose: (space: object, base: unknown) => {
      expect(base).toBe(refSpace)
      return opts.poses?.get(space)
    },
  }
  if (!opts.noJointApi) {
    frame.getJointPose = (space: object, base: unknown) => {
      expect(base).toBe(refSpace)
      return opts.joints?.get(space)
    }
  }
  return { frame: frame as unknown as XRFrame, refSpace }
}

const HEAD: Pose7 = [0.1, 1.6, -0.2, 0, 0.3826834, 0, 0.9238795]
const LEFT: Pose7 = [-0.25, 1.0, -0.3, 0, 0, 0, 1]
const RIGHT: Pose7 = [0.25, 1.1, -0.35, 0.5, 0.5, 0.5, 0.5]

function slot(frame: ReturnType<typeof createPoseFrame>, i: number): number[] {
  return Array.from(frame.poses.subarray(i * 7, i * 7 + 7))
}

describe('readXRPoses', () => {
  it('reads the head from the viewer pose and both controllers from their grip spaces', () => {
    const lg = {}
    const rg = {}
    const { frame, refSpace } = fakeFrame({
      viewer: fakePose(HEAD),
      sources: [
        { handedness: 'right', gripSpace: rg },
        { handedness: 'left', gripSpace: lg },
      ],
      poses: new Map([
        [lg, fakePose(LEFT)],
        [rg, fakePose(RIGHT, true)],
      ]),
    })
    const target = createPoseFrame()
    const state = createXRPoseReaderState()
    expect(readXRPoses(target, frame, refSpace, 5000, state)).toBe(true)
    expect(slot(target, POSE_HEAD)).toEqual(HEAD)
    expect(slot(target, POSE_LEFT)).toEqual(LEFT)
    expect(slot(target, POSE_RIGHT)).toEqual(RIGHT)
    expect(Array.from(target.tracked)).toEqual([1, 1, 1])
    expect(Array.from(target.emulated)).toEqual([0, 0, 1])
    expect(Array.from(target.input)).toEqual([INPUT_CONTROLLER, INPUT_CONTROLLER])
    expect(target.t).toBe(0)
  })

  it('counts t in seconds from the first frame read, and again from 0 after a reset', () => {
    const { frame, refSpace } = fakeFrame({ viewer: fakePose(HEAD) })
    const target = createPoseFrame()
    const state = createXRPoseReaderState()
    readXRPoses(target, frame, refSpace, 1000, state)
    readXRPoses(target, frame, refSpace, 3500, state)
    expect(target.t).toBeCloseTo(2.5, 12)
    resetXRPoseReaderState(state)
    readXRPoses(target, frame, refSpace, 9000, state)
    expect(target.t).toBe(0)
  })

  it('reads a tracked hand from its wrist joint and marks the input as a hand', () => {
    const wrist = {}
    const { frame, refSpace } = fakeFrame({
      viewer: fakePose(HEAD),
      sources: [{ handedness: 'left', hand: new Map([['wrist', wrist]]) }],
      joints: new Map([[wrist, fakePose(LEFT)]]),
    })
    const target = createPoseFrame()
    readXRPoses(target, frame, refSpace, 0, createXRPoseReaderState())
    expect(slot(target, POSE_LEFT)).toEqual(LEFT)
    expect(target.tracked[POSE_LEFT]).toBe(1)
    expect(target.tracked[POSE_RIGHT]).toBe(0)
    expect(target.input[0]).toBe(INPUT_HAND)
  })

  it('prefers a controller over a hand in the same hand, whatever the order', () => {
    const wrist = {}
    const grip = {}
    for (const order of [0, 1]) {
      const hand: FakeSource = { handedness: 'right', hand: new Map([['wrist', wrist]]) }
      const ctrl: FakeSource = { handedness: 'right', gripSpace: grip }
      const { frame, refSpace } = fakeFrame({
        viewer: fakePose(HEAD),
        sources: order === 0 ? [hand, ctrl] : [ctrl, hand],
        poses: new Map([[grip, fakePose(RIGHT)]]),
        joints: new Map([[wrist, fakePose(LEFT)]]),
      })
      const target = createPoseFrame()
      readXRPoses(target, frame, refSpace, 0, createXRPoseReaderState())
      expect(slot(target, POSE_RIGHT)).toEqual(RIGHT)
      expect(target.input[1]).toBe(INPUT_CONTROLLER)
    }
  })

  it('marks absent poses untracked and returns false without a viewer pose', () => {
    const lg = {}
    const target = createPoseFrame()
    const state = createXRPoseReaderState()
    const first = fakeFrame({
      viewer: fakePose(HEAD),
      sources: [{ handedness: 'left', gripSpace: lg }],
      poses: new Map([[lg, fakePose(LEFT)]]),
    })
    readXRPoses(target, first.frame, first.refSpace, 0, state)
    expect(Array.from(target.tracked)).toEqual([1, 1, 0])
    const lost = fakeFrame({
      viewer: null,
      sources: [
        { handedness: 'left', gripSpace: lg },
        { handedness: 'none', gripSpace: {} },
      ],
      poses: new Map(),
    })
    expect(readXRPoses(target, lost.frame, lost.refSpace, 16, state)).toBe(false)
    expect(Array.from(target.tracked)).toEqual([0, 0, 0])
  })

  it('ignores hands when the runtime has no joint API, and non-finite poses', () => {
    const wrist = {}
    const rg = {}
    const { frame, refSpace } = fakeFrame({
      viewer: fakePose([Number.NaN, 1, 0, 0, 0, 0, 1]),
      sources: [
        { handedness: 'left', hand: new Map([['wrist', wrist]]) },
        { handedness: 'right', gripSpace: rg },
      ],
      poses: new Map([[rg, fakePose([0, Number.POSITIVE_INFINITY, 0, 0, 0, 0, 1])]]),
      joints: new Map([[wrist, fakePose(LEFT)]]),
      noJointApi: true,
    })
    const target = createPoseFrame()
    expect(readXRPoses(target, frame, refSpace, 0, createXRPoseReaderState())).toBe(false)
    expect(Array.from(target.tracked)).toEqual([0, 0, 0])
  })

  it('grows the heap by less than 64 KB over 10^6 frames (forked node --expose-gc)', () => {
    const out = runHeapChild<HeapProbe & { t: number; framesRead: number }>(
      fileURLToPath(new URL('./xrPoseReaderAllocation.child.ts', import.meta.url)),
    )
    // t counts from the first frame read: 16 ms a frame
    expect(out.t).toBeCloseTo((out.framesRead - 1) * 0.016, 6)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes, `rounds: ${out.rounds.join(', ')}`).toBeLessThan(
      HEAP_GROWTH_LIMIT_BYTES,
    )
  }, 240_000)
})

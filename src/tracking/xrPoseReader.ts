/**
 * Reads one WebXR frame into a PoseFrame: the head from the viewer pose, each
 * hand from its controller's grip space or, for a tracked hand, its wrist joint.
 * Runs every XR frame: it allocates nothing of its own (the browser's XRPose
 * objects are read and dropped at once, never kept past the call).
 */
import {
  INPUT_CONTROLLER,
  INPUT_HAND,
  POSE_HEAD,
  POSE_LEFT,
  POSE_RIGHT,
  POSE_STRIDE,
  type PoseFrame,
} from '../core/poseFrame.ts'

/** Per-session state of the reader: the first frame's time, so that `t` starts at 0. */
export interface XRPoseReaderState {
  /** time (ms) of the first frame read, NaN before it */
  firstFrameMs: number
}

/** Allocates reader state for one session (call again, or reset, for the next). */
export function createXRPoseReaderState(): XRPoseReaderState {
  return { firstFrameMs: Number.NaN }
}

/** Forgets the first frame's time, so that the next frame read starts `t` at 0 again. */
export function resetXRPoseReaderState(state: XRPoseReaderState): void {
  state.firstFrameMs = Number.NaN
}

/** Copies an XRRigidTransform into poses[slot*7 ..]: metres and a unit quaternion, reference-space frame. */
function writeTransform(poses: Float64Array, slot: number, transform: XRRigidTransform): void {
  const o = slot * POSE_STRIDE
  const p = transform.position
  const q = transform.orientation
  poses[o] = p.x
  poses[o + 1] = p.y
  poses[o + 2] = p.z
  poses[o + 3] = q.x
  poses[o + 4] = q.y
  poses[o + 5] = q.z
  poses[o + 6] = q.w
}

/** Whether every number of a pose is finite (a broken runtime must not poison the engine). */
function isFinitePose(poses: Float64Array, slot: number): boolean {
  const o = slot * POSE_STRIDE
  for (let i = 0; i < POSE_STRIDE; i++) {
    if (!Number.isFinite(poses[o + i]!)) return false
  }
  return true
}

/**
 * Fills `target` from `frame` in `refSpace` (local-floor: metres, +Y up).
 * `timeMs` is the frame's time in milliseconds (the XR animation-frame timestamp);
 * `target.t` becomes seconds since the first frame read with `state`.
 * Poses that are absent this frame get tracked = 0 and keep their last numbers.
 * Returns whether the head (viewer) pose was tracked.
 */
export function readXRPoses(
  target: PoseFrame,
  frame: XRFrame,
  refSpace: XRReferenceSpace,
  timeMs: number,
  state: XRPoseReaderState,
): boolean {
  _time[0] = timeMs
  return readXRPosesAt(target, frame, refSpace, _time, state)
}

/** readXRPoses' time, for its wrapper (written and read within one call) */
const _time = new Float64Array(1)

/**
 * readXRPoses with the frame's time (ms) in clock[0]: the per-frame caller
 * passes no floating-point argument, which V8 would box when the call is not inlined.
 */
export function readXRPosesAt(
  target: PoseFrame,
  frame: XRFrame,
  refSpace: XRReferenceSpace,
  clock: Float64Array,
  state: XRPoseReaderState,
): boolean {
  const timeMs = clock[0]!
  if (Number.isFinite(timeMs)) {
    if (Number.isNaN(state.firstFrameMs)) state.firstFrameMs = timeMs
    target.t = (timeMs - state.firstFrameMs) / 1000
  }
  const poses = target.poses
  const tracked = target.tracked
  const emulated = target.emulated

  // Head: the viewer pose (centre between the eyes), never the three.js camera.
  tracked[POSE_HEAD] = 0
  emulated[POSE_HEAD] = 0
  const viewer = frame.getViewerPose(refSpace)
  if (viewer) {
    writeTransform(poses, POSE_HEAD, viewer.transform)
    if (isFinitePose(poses, POSE_HEAD)) {
      tracked[POSE_HEAD] = 1
      emulated[POSE_HEAD] = viewer.emulatedPosition ? 1 : 0
    }
  }

  tracked[POSE_LEFT] = 0
  tracked[POSE_RIGHT] = 0
  emulated[POSE_LEFT] = 0
  emulated[POSE_RIGHT] = 0
  const sources = frame.session.inputSources
  const count = sources.length
  for (let i = 0; i < count; i++) {
    const source = sources[i]
    if (!source) continue
    const slot =
      source.handedness === 'left' ? POSE_LEFT : source.handedness === 'right' ? POSE_RIGHT : -1
    if (slot < 0) continue
    const hand = source.hand
    if (hand) {
      // A controller held in the same hand wins over the hand's wrist.
      if (tracked[slot] === 1 && target.input[slot - 1] === INPUT_CONTROLLER) continue
      const wrist = hand.get('wrist')
      // Runtimes without hand tracking have no getJointPose at all.
      if (!wrist || typeof frame.getJointPose !== 'function') continue
      const pose = frame.getJointPose(wrist, refSpace)
      if (!pose) continue
      writeTransform(poses, slot, pose.transform)
      if (!isFinitePose(poses, slot)) continue
      tracked[slot] = 1
      emulated[slot] = pose.emulatedPosition ? 1 : 0
      target.input[slot - 1] = INPUT_HAND
    } else if (source.gripSpace) {
      const pose = frame.getPose(source.gripSpace, refSpace)
      if (!pose) continue
      writeTransform(poses, slot, pose.transform)
      if (!isFinitePose(poses, slot)) continue
      tracked[slot] = 1
      emulated[slot] = pose.emulatedPosition ? 1 : 0
      target.input[slot - 1] = INPUT_CONTROLLER
    }
  }
  return tracked[POSE_HEAD] === 1
}

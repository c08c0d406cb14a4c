/**
 * One frame of tracked poses: the engine's per-frame input, filled in place by
 * the WebXR reader (live) or the trace reader (replay). Allocated once per
 * source and reused every frame: hold no reference to it past the call.
 *
 * Frame: WebXR `local-floor` (metres, +Y up, floor at y = 0). Poses are
 * `[px, py, pz, qx, qy, qz, qw]`; `head` is the viewer pose (centre between the
 * eyes), `left`/`right` the controller grip poses or, when `input` says `hand`,
 * the wrist joint poses (pose-trace spec).
 */

/** Index of the head pose in a PoseFrame. */
export const POSE_HEAD = 0
/** Index of the left-hand pose. */
export const POSE_LEFT = 1
/** Index of the right-hand pose. */
export const POSE_RIGHT = 2
/** Number of poses in a frame: head, left, right. */
export const POSE_COUNT = 3
/** Numbers per pose: position xyz, quaternion xyzw. */
export const POSE_STRIDE = 7

/** What a hand pose comes from: a controller grip or a tracked hand's wrist joint. */
export const INPUT_CONTROLLER = 0
/** See INPUT_CONTROLLER. */
export const INPUT_HAND = 1

/** A reusable frame of head and hand poses. */
export interface PoseFrame {
  /** seconds since the first frame of the recording or session */
  t: number
  /** POSE_COUNT × POSE_STRIDE numbers: pose i at [i*7 .. i*7+6] */
  readonly poses: Float64Array
  /** 1 when pose i was tracked this frame, 0 when null */
  readonly tracked: Uint8Array
  /** 1 when pose i's position is estimated, not sensed (WebXR emulatedPosition) */
  readonly emulated: Uint8Array
  /** per hand (0 left, 1 right): INPUT_CONTROLLER or INPUT_HAND */
  readonly input: Uint8Array
}

/** Allocates a frame with nothing tracked and controllers as input. */
export function createPoseFrame(): PoseFrame {
  return {
    t: 0,
    poses: new Float64Array(POSE_COUNT * POSE_STRIDE),
    tracked: new Uint8Array(POSE_COUNT),
    emulated: new Uint8Array(POSE_COUNT),
    input: new Uint8Array(2),
  }
}

/** Copies every field of `src` into `dst` without allocating. */
export function copyPoseFrame(dst: PoseFrame, src: PoseFrame): void {
  dst.t = src.t
  dst.poses.set(src.poses)
  dst.tracked.set(src.tracked)
  dst.emulated.set(src.emulated)
  dst.input.set(src.input)
}

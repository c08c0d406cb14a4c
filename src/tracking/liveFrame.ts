/**
 * One frame of a headset session, read top to bottom: the XR frame into the
 * pose frame → the controller buttons → the standing calibration, or the
 * runner (engine and recorder inside) and the cues → the coach → where the
 * coach and the panel go → their boxes. The scene calls stepLiveFrame from its
 * one frame loop and then draws what this left in the LiveFrame; the services
 * read the cues and copy values out for the page and the tests. Nothing here
 * keeps the XRFrame or its poses past the call, and nothing allocates.
 */
import { BODY_FRACTIONS, statureFromEyeHeight } from '../core/bodyModel.ts'
import {
  createCalibrationWindow,
  resetCalibrationWindow,
  updateCalibrationWindow,
  type CalibrationWindow,
} from '../core/calibration.ts'
import { createPoseFrame, POSE_HEAD, POSE_STRIDE, type PoseFrame } from '../core/poseFrame.ts'
import {
  createCoachDirector,
  createDirectorInput,
  INPUT_VIEWER_KNOWN,
  INPUT_VIEWER_X,
  readDirectorInput,
  updateCoachDirector,
  type CoachDirector,
  type DirectorInput,
} from '../core/session/coachDirector.ts'
import { createCueDetector, updateCues, type CueDetector } from '../core/session/cues.ts'
import {
  currentStretch,
  painRunner,
  pauseRunner,
  resumeRunner,
  stepRunner,
  type SessionRunner,
} from '../core/session/runner.ts'
import {
  classifyPosture,
  coachWorldBounds,
  createViewFollower,
  FOLLOWER_DT,
  FOLLOWER_STATURE,
  panelWorldBounds,
  postureClassOfStretch,
  resetViewFollower,
  updateViewFollower,
  viewerInCoachFrame,
  type PostureClass,
  type ViewFollower,
} from '../core/session/viewPlacement.ts'
import type { StretchId } from '../core/stretches.ts'
import {
  createXRPoseReaderState,
  readXRPosesAt,
  resetXRPoseReaderState,
  type XRPoseReaderState,
} from './xrPoseReader.ts'

/** LiveFrame.num slot the caller writes the frame's time (ms) into before stepLiveFrame. */
export const LIVE_TIME_MS = 0
const N_LAST_MS = 1
const N_DT = 2

/** xr-standard gamepad button index of A (right) and X (left): pause and resume. */
export const BUTTON_A_X = 4
/** xr-standard gamepad button index of B (right) and Y (left): stop for pain. */
export const BUTTON_B_Y = 5

/** Eye height as a fraction of stature (docs/product.md: H = eye height / 0.93). */
const EYE_FRACTION = BODY_FRACTIONS.standingEyeHeight

const BIT_PAUSE = 1
const BIT_PAIN = 2

/** Everything one frame of a headset session touches, allocated once per XR session. */
export interface LiveFrame {
  /** the head and hands read from this frame (local-floor) */
  readonly pose: PoseFrame
  readonly reader: XRPoseReaderState
  /** the standing calibration; done once the eye height is known */
  readonly calibration: CalibrationWindow
  /** the routine, null while the user is being measured */
  runner: SessionRunner | null
  readonly director: CoachDirector
  readonly directorInput: DirectorInput
  readonly follower: ViewFollower
  readonly cues: CueDetector
  /** the posture class the placement used this frame */
  postureClass: PostureClass
  /** the coach's and the panel's world boxes (local-floor m): [minX, minY, minZ, maxX, maxY, maxZ] */
  readonly coachBox: Float64Array
  readonly panelBox: Float64Array
  /** the routine's first stretch: the fallback posture before it starts */
  firstStretch: StretchId | null
  /** [the user's stature (m)]: the coach is as tall (a typed slot: read every frame) */
  readonly stature: Float64Array
  /** the standing calibration is running */
  calibrating: boolean
  /** the reference space was reset (or the view needs placing afresh): re-place at once */
  replace: boolean
  /** buttons down in the last frame (bits: pause, pain) */
  buttons: number
  /**
   * [LIVE_TIME_MS: this frame's time (ms), written by the caller before
   * stepLiveFrame; the last frame's time (ms); seconds since it]
   */
  readonly num: Float64Array
  /** frames read */
  frames: number
  /** called once the standing calibration measured the eye height (calibratedEyeHeight(lf.calibration)); the routine then starts */
  onCalibrated: (() => void) | null
}

/** Allocates a live frame for a user of eye height `eyeHeightM` (the coach's size until measured). */
export function createLiveFrame(eyeHeightM: number): LiveFrame {
  return {
    pose: createPoseFrame(),
    reader: createXRPoseReaderState(),
    calibration: createCalibrationWindow(),
    runner: null,
    director: createCoachDirector(),
    directorInput: createDirectorInput(),
    follower: createViewFollower(),
    cues: createCueDetector(),
    postureClass: 'standing',
    coachBox: new Float64Array(6),
    panelBox: new Float64Array(6),
    firstStretch: null,
    stature: Float64Array.of(statureFromEyeHeight(eyeHeightM)),
    calibrating: false,
    replace: false,
    buttons: 0,
    num: Float64Array.of(0, Number.NaN, 0),
    frames: 0,
    onCalibrated: null,
  }
}

/** Starts (or restarts) the standing calibration. */
export function startCalibration(lf: LiveFrame): void {
  resetCalibrationWindow(lf.calibration)
  lf.calibrating = true
}

/** The routine starts now: its first frame is t = 0 (the trace and the live path agree on t). */
export function startRoutine(lf: LiveFrame, runner: SessionRunner, eyeHeightM: number): void {
  lf.runner = runner
  lf.calibrating = false
  lf.stature[0] = statureFromEyeHeight(eyeHeightM)
  resetXRPoseReaderState(lf.reader)
  lf.replace = true
}

/** The XR reference space was reset: poses jump; measure again if measuring, and place everything afresh. */
export function resetLiveSpace(lf: LiveFrame): void {
  if (lf.calibrating) resetCalibrationWindow(lf.calibration)
  resetViewFollower(lf.follower)
  lf.replace = true
}

/** Which of the pause and pain buttons are down on any xr-standard controller (bits). */
function readButtons(frame: XRFrame): number {
  const sources = frame.session.inputSources
  let bits = 0
  for (let i = 0; i < sources.length; i++) {
    const pad = sources[i]!.gamepad
    if (!pad || pad.mapping !== 'xr-standard') continue
    const a = pad.buttons[BUTTON_A_X]
    const b = pad.buttons[BUTTON_B_Y]
    if (a && a.pressed) bits |= BIT_PAUSE
    if (b && b.pressed) bits |= BIT_PAIN
  }
  return bits
}

/**
 * Steps one XR frame through the session (see the file's comment for the
 * order). The frame's time (ms) is in lf.num[LIVE_TIME_MS]: no floating-point
 * argument crosses this per-frame call.
 */
export function stepLiveFrame(lf: LiveFrame, frame: XRFrame, refSpace: XRReferenceSpace): void {
  const pose = lf.pose
  const num = lf.num
  const headTracked = readXRPosesAt(pose, frame, refSpace, num, lf.reader)
  lf.frames++
  num[N_DT] = Number.isFinite(num[N_LAST_MS]!)
    ? Math.max(0, (num[LIVE_TIME_MS]! - num[N_LAST_MS]!) / 1000)
    : Math.max(0, 0)
  num[N_LAST_MS] = num[LIVE_TIME_MS]!
  // Buttons act on their press, once.
  const buttons = readButtons(frame)
  const pressed = buttons & ~lf.buttons
  lf.buttons = buttons
  const r = lf.runner
  if (lf.calibrating) {
    const sensed = headTracked && pose.emulated[POSE_HEAD] !== 1
    if (updateCalibrationWindow(lf.calibration, pose, sensed)) {
      lf.calibrating = false
      lf.stature[0] = lf.calibration.num[1]! / EYE_FRACTION
      if (lf.onCalibrated) lf.onCalibrated()
    }
  } else if (r !== null) {
    if ((pressed & BIT_PAIN) !== 0) painRunner(r)
    else if ((pressed & BIT_PAUSE) !== 0) {
      if (r.paused) resumeRunner(r)
      else pauseRunner(r)
    }
    stepRunner(r, pose)
    updateCues(lf.cues, r)
  }
  // The coach follows the runner (stands by while the user is measured).
  const input = lf.directorInput
  readDirectorInput(input, lf.runner)
  // Where the user's head is from the coach as placed (last frame's place): it looks there when it speaks to them.
  const f = lf.follower
  if (headTracked && f.placed) {
    viewerInCoachFrame(
      input.num,
      INPUT_VIEWER_X,
      f.shown,
      lf.stature,
      pose.poses,
      POSE_HEAD * POSE_STRIDE,
    )
    input.num[INPUT_VIEWER_KNOWN] = 1
  } else input.num[INPUT_VIEWER_KNOWN] = 0
  updateCoachDirector(lf.director, input)
  // Where the coach and the panel go: the head says the posture; the stretch says it when it cannot.
  const stretch = lf.runner !== null ? currentStretch(lf.runner) : lf.firstStretch
  const cls = classifyPosture(pose.poses, headTracked, lf.stature, postureClassOfStretch(stretch))
  lf.postureClass = cls
  f.num[FOLLOWER_STATURE] = lf.stature[0]!
  f.num[FOLLOWER_DT] = num[N_DT]!
  updateViewFollower(f, pose.poses, headTracked, cls, lf.director.routeBounds, lf.replace)
  if (lf.replace && f.placed) lf.replace = false
  coachWorldBounds(lf.coachBox, f.shown, lf.director.bounds, lf.stature)
  panelWorldBounds(lf.panelBox, f.shown)
}

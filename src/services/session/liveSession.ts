/**
 * A headset session, created when the XR session starts and destroyed when
 * it ends: the live frame (tracking and core), the routine runner wired to
 * storage and the session store, the optional recording, the cues played
 * aloud and on the controllers, and the test hooks' copy of what happened.
 * The page creates it and hands it to the scene; the scene's one frame loop
 * calls stepLiveFrame and then afterLiveFrame. No module-level state.
 */
import { isValidEyeHeight } from '../../core/bodyModel.ts'
import { calibratedEyeHeight } from '../../core/calibration.ts'
import { BREATH_INHALING, readBreath } from '../../core/session/breathing.ts'
import { cueKindOf } from '../../core/session/cues.ts'
import {
  createRunner,
  currentSide,
  currentStretch,
  endRunner,
  NORMAL_TIMING,
  painRunner,
  pauseRunner,
  QUICK_TIMING,
  resetRunner,
  resumeRunner,
  skipRunner,
  visibilityRunner,
  CLOCK_SESSION,
  CLOCK_T,
  type SaveResult,
  type SessionRunner,
} from '../../core/session/runner.ts'
import { cuePrompt, phasePrompt } from '../../core/session/sessionTexts.ts'
import type { Routine } from '../../core/stretches.ts'
import {
  createLiveFrame,
  resetLiveSpace,
  startCalibration,
  startRoutine,
  type LiveFrame,
} from '../../tracking/liveFrame.ts'
import { copyPoseFrame } from '../../core/poseFrame.ts'
import {
  createTraceRecorder,
  recordedTraceText,
  traceFileName,
  traceSink,
  type TraceRecorder,
} from '../../tracking/recorder.ts'
import { getCuePlayer, type CuePlayer } from '../cues/cuePlayer.ts'
import { typedEyeHeightM, useSettings } from '../settings.ts'
import { xrHooks } from '../testHooks.ts'
import type { SessionParams } from './sessionParams.ts'
import {
  keepTrace,
  useSessionStore,
  type CalibrationSource,
  type PreparedSession,
} from './sessionStore.ts'
import { syncSessionStore } from './sessionSync.ts'

/** What a headset session needs to start. */
export interface LiveSessionOptions {
  prepared: PreparedSession
  routine: Routine
  params: SessionParams
  /** trace header fields */
  source: 'webxr' | 'emulated'
  device?: string
  /** stores a result (the progress storage in the app; a fake in tests) */
  save: SaveResult
  /** the cue player (the page's in the app) */
  player?: CuePlayer
  /** the wall clock, for the trace's recordedAt */
  now?: () => Date
}

/** A running headset session. */
export interface LiveSession {
  readonly options: LiveSessionOptions
  readonly frame: LiveFrame
  readonly player: CuePlayer
  recorder: TraceRecorder | null
  xr: XRSession | null
  refSpace: XRReferenceSpace | null
  /** the breathing pacer's last state (1 in, 0 out, −1 not breathing) */
  breath: number
  /** the pacer's reading this frame (readBreath) */
  readonly num: Float64Array
  /** what was last said for a phase, so an edge that changes nothing says nothing */
  lastPrompt: string
  /** unlock ids known before this session, to tell what it unlocked */
  unlocksBefore: Set<string> | null
  ended: boolean
  readonly listeners: (() => void)[]
}

/** Where the eye height comes from for this session, and the value when it is known now. */
export function eyeHeightPlan(
  params: SessionParams,
): { source: CalibrationSource; eyeHeightM: number } | null {
  if (params.testEyeHeightM !== null) return { source: 'test', eyeHeightM: params.testEyeHeightM }
  const s = useSettings.getState()
  const typed = typedEyeHeightM(s)
  if (!s.measureStanding && typed !== null) return { source: 'typed', eyeHeightM: typed }
  return null
}

/** The eye height to fall back on when the user cannot be measured standing: their last measurement, or their typed height. */
export function savedEyeHeight(): { source: CalibrationSource; eyeHeightM: number } | null {
  const s = useSettings.getState()
  if (s.calibratedEyeHeightM !== null && isValidEyeHeight(s.calibratedEyeHeightM))
    return { source: 'remembered', eyeHeightM: s.calibratedEyeHeightM }
  const typed = typedEyeHeightM(s)
  return typed !== null ? { source: 'typed', eyeHeightM: typed } : null
}

/** Creates the session for a checked-in routine (nothing runs until an XR session is attached). */
export function createLiveSession(options: LiveSessionOptions): LiveSession {
  const saved = savedEyeHeight()
  const ls: LiveSession = {
    options,
    frame: createLiveFrame(saved?.eyeHeightM ?? useSettings.getState().calibratedEyeHeightM ?? 1.6),
    player: options.player ?? getCuePlayer(),
    recorder: null,
    xr: null,
    refSpace: null,
    breath: -1,
    num: new Float64Array(2),
    lastPrompt: '',
    unlocksBefore: null,
    ended: false,
    listeners: [],
  }
  ls.frame.firstStretch = options.routine.stretches[0] ?? null
  ls.frame.onCalibrated = () => {
    const eye = calibratedEyeHeight(ls.frame.calibration)
    useSettings.getState().setCalibratedEyeHeight(eye)
    beginRoutine(ls, eye, 'standing')
  }
  return ls
}

/** The XR session started: listen to it, then measure the user or start the routine at once. */
export function attachXRSession(
  ls: LiveSession,
  session: XRSession,
  refSpace: XRReferenceSpace | null,
): void {
  ls.xr = session
  ls.refSpace = refSpace
  ls.player.setXRSession(session)
  const onVisibility = () => {
    if (ls.frame.runner) visibilityRunner(ls.frame.runner, session.visibilityState)
  }
  session.addEventListener('visibilitychange', onVisibility)
  ls.listeners.push(() => session.removeEventListener('visibilitychange', onVisibility))
  if (refSpace) {
    const onReset = () => liveSpaceReset(ls)
    refSpace.addEventListener('reset', onReset)
    ls.listeners.push(() => refSpace.removeEventListener('reset', onReset))
  }
  const plan = eyeHeightPlan(ls.options.params)
  if (plan) beginRoutine(ls, plan.eyeHeightM, plan.source)
  else {
    startCalibration(ls.frame)
    useSessionStore.setState({ status: 'calibrating', phase: null })
    say(ls, phasePrompt(null, null, null, false))
  }
  publishCalibration(ls, plan?.source ?? null, plan?.eyeHeightM ?? null)
}

/** Skips the standing measurement: the user's saved (last measured or typed) height is used. */
export function applySavedEyeHeight(ls: LiveSession): boolean {
  if (!ls.frame.calibrating) return false
  const saved = savedEyeHeight()
  if (!saved) return false
  beginRoutine(ls, saved.eyeHeightM, saved.source)
  return true
}

function publishCalibration(ls: LiveSession, source: CalibrationSource | null, eye: number | null) {
  xrHooks.calibration.eyeHeightM = eye
  xrHooks.calibration.source = source
  xrHooks.calibration.calibrating = ls.frame.calibrating
  useSessionStore.setState({ eyeHeightM: eye, calibrationSource: source })
}

/** The routine starts: the recording (when asked) and the runner, on the user's eye height. */
export function beginRoutine(ls: LiveSession, eyeHeightM: number, source: CalibrationSource): void {
  if (ls.frame.runner !== null || ls.ended) return
  const { prepared, params, routine } = ls.options
  const now = ls.options.now ?? (() => new Date())
  ls.recorder = prepared.record
    ? createTraceRecorder({
        format: 'pose-trace',
        version: 1,
        recordedAt: now().toISOString(),
        source: ls.options.source,
        ...(ls.options.device ? { device: ls.options.device } : {}),
        ...(ls.xr?.frameRate ? { refreshRate: ls.xr.frameRate } : {}),
        calibration: { eyeHeight: eyeHeightM },
      })
    : null
  const quick = params.testHoldSeconds !== null
  const runner = createRunner({
    routine,
    sessionId: prepared.sessionId,
    eyeHeightM,
    holdSeconds: quick ? params.testHoldSeconds : prepared.holdSeconds,
    timing: quick ? QUICK_TIMING : NORMAL_TIMING,
    save: ls.options.save,
    onEdge: (r) => onEdge(ls, r),
    sink: ls.recorder ? traceSink(ls.recorder) : null,
  })
  startRoutine(ls.frame, runner, eyeHeightM)
  publishCalibration(ls, source, eyeHeightM)
  syncSessionStore(runner)
  // the first phase starts without an edge: say it
  onEdge(ls, runner)
  void snapshotUnlocks(ls)
}

async function snapshotUnlocks(ls: LiveSession): Promise<void> {
  try {
    const { useProgressStore } = await import('../storage/progressStore.ts')
    ls.unlocksBefore = new Set(useProgressStore.getState().unlocks.map((u) => u.id))
  } catch {
    ls.unlocksBefore = null
  }
}

/** Every runner edge: the store, the spoken step, and at the end the recording and what was unlocked. */
function onEdge(ls: LiveSession, r: SessionRunner): void {
  syncSessionStore(r)
  const stretch = currentStretch(r)
  const prompt = phasePrompt(r.phase, stretch, currentSide(r), r.stoppedForPain)
  const key = r.phase + '|' + (stretch ?? '') + '|' + (currentSide(r) ?? '')
  if (key !== ls.lastPrompt) {
    ls.lastPrompt = key
    if (r.phase !== 'hold') say(ls, prompt)
  }
  if (r.finished && ls.recorder) {
    keepTrace(recordedTraceText(ls.recorder), traceFileName(ls.recorder))
    ls.recorder = null
  }
  if (r.finished && r.pendingSaves === 0) void publishUnlocks(ls)
}

async function publishUnlocks(ls: LiveSession): Promise<void> {
  const before = ls.unlocksBefore
  if (before === null) return
  try {
    const { useProgressStore } = await import('../storage/progressStore.ts')
    const unlocked = useProgressStore
      .getState()
      .unlocks.map((u) => u.id)
      .filter((id) => !before.has(id))
    if (unlocked.length > 0) useSessionStore.setState({ unlocked })
  } catch {
    // the headset shows no unlocks; the page's progress view still celebrates them
  }
}

function say(ls: LiveSession, text: string): void {
  if (text) ls.player.say(text)
}

/**
 * After each stepLiveFrame: the cues of this frame (sound, vibration, words,
 * the test hooks' log), the breathing pacer's sound, and the hooks' copy of
 * what the session and the coach are doing.
 */
export function afterLiveFrame(ls: LiveSession): void {
  const lf = ls.frame
  const r = lf.runner
  const cues = lf.cues
  if (r !== null) {
    for (let i = 0; i < cues.count; i++) {
      const kind = cueKindOf(cues.codes[i]!)
      // stretchDone's chime says the hold is complete too: one sound, both logged
      const both =
        kind === 'holdComplete' &&
        i + 1 < cues.count &&
        cueKindOf(cues.codes[i + 1]!) === 'stretchDone'
      if (!both) ls.player.cue(kind)
      xrHooks.cues.push({ t: r.clock[CLOCK_T]!, kind })
      say(ls, cuePrompt(kind, cues.reasons[i]!))
    }
    for (let k = 0; k < cues.ticks; k++) ls.player.tick()
    cues.count = 0
    cues.ticks = 0
    // The pacer's sound during holds and repetitions, with the ring and the coach's chest.
    const breathing =
      (r.phase === 'hold' || r.phase === 'reps') && !r.paused && r.visibility === 'visible'
    readBreath(ls.num, 0, r.clock, CLOCK_SESSION)
    const b = breathing ? ls.num[BREATH_INHALING]! : -1
    if (b !== ls.breath) {
      ls.breath = b
      if (b >= 0) ls.player.breath(b === 1)
    }
  }
  publishHooks(ls)
}

function publishHooks(ls: LiveSession): void {
  const lf = ls.frame
  const r = lf.runner
  xrHooks.frameCount += 1
  copyPoseFrame(xrHooks.pose, lf.pose)
  const s = xrHooks.session
  s.stretch = r !== null ? currentStretch(r) : null
  s.side = r !== null ? currentSide(r) : null
  s.phase = r !== null ? r.phase : null
  const d = lf.director
  const c = xrHooks.coach
  c.stretch = d.stretch
  c.side = d.stretch === null ? null : d.side
  c.phase = d.phase
  xrHooks.paused = r !== null && r.paused
  xrHooks.calibration.calibrating = lf.calibrating
  xrHooks.posture = lf.postureClass
  const b = xrHooks.bounds
  if (lf.follower.placed) {
    b.coach = fill(b.coach, lf.coachBox)
    b.panel = fill(b.panel, lf.panelBox)
  } else {
    b.coach = null
    b.panel = null
  }
}

/** Copies a box into the hooks' array for it (made once, then reused). */
function fill(target: number[] | null, box: Float64Array): number[] {
  const out = target ?? [0, 0, 0, 0, 0, 0]
  for (let i = 0; i < 6; i++) out[i] = box[i]!
  return out
}

/** Stop for pain, from any control: the page, the headset panel or B/Y. */
export function liveStopForPain(ls: LiveSession): void {
  const r = ls.frame.runner
  if (r) painRunner(r)
  else if (ls.frame.calibrating) {
    // before the first stretch there is nothing held: the routine simply ends
    ls.frame.calibrating = false
    useSessionStore.setState({ status: 'finished', stoppedForPain: true })
  }
}

/** Moves on: skips a demonstration or pause, or ends the current side as it is. */
export function liveSkip(ls: LiveSession): void {
  if (ls.frame.runner) skipRunner(ls.frame.runner)
}

/** Pauses, or resumes when paused. */
export function liveTogglePause(ls: LiveSession): void {
  const r = ls.frame.runner
  if (!r) return
  if (r.paused) resumeRunner(r)
  else pauseRunner(r)
  say(ls, r.paused ? 'Paused.' : 'Carry on.')
}

/** The reference space was reset (the user recentred the view). */
export function liveSpaceReset(ls: LiveSession): void {
  resetLiveSpace(ls.frame)
  if (ls.frame.runner) resetRunner(ls.frame.runner)
}

/** The user ends the routine early: what the running stretch held is kept. */
export function liveEndRoutine(ls: LiveSession): void {
  const r = ls.frame.runner
  if (r) endRunner(r)
  else if (!ls.ended) useSessionStore.setState({ status: 'finished' })
}

/** The pain check-out after the session (0–10, or null to skip), from the headset: saved with the session's end. */
export async function liveCheckOut(ls: LiveSession, painAfter: number | null): Promise<void> {
  const { prepared } = ls.options
  const stopped = ls.frame.runner?.stoppedForPain ?? useSessionStore.getState().stoppedForPain
  useSessionStore.setState({ painAfter, endSave: 'saving' })
  if (prepared.sessionId === null) {
    useSessionStore.setState({ endSave: 'failed' })
    return
  }
  try {
    const { endSession } = await import('../storage/progress.ts')
    const out = await endSession(prepared.sessionId, painAfter, stopped)
    useSessionStore.setState({ endSave: out.ok ? 'saved' : 'failed' })
  } catch {
    useSessionStore.setState({ endSave: 'failed' })
  }
}

/** The XR session ended (or the view closed): the running stretch keeps what was held; the session is let go. */
export function destroyLiveSession(ls: LiveSession): void {
  if (ls.ended) return
  ls.ended = true
  const r = ls.frame.runner
  if (r && !r.finished) endRunner(r)
  if (!r && useSessionStore.getState().status !== 'finished')
    useSessionStore.setState({ status: 'finished' })
  for (const off of ls.listeners.splice(0)) off()
  ls.player.setXRSession(null)
  ls.player.silence()
  xrHooks.bounds.coach = null
  xrHooks.bounds.panel = null
}

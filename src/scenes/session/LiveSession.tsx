import { useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { useFrame } from '@react-three/fiber'
import { useXR } from '@react-three/xr'
import { ROUTINES } from '../../core/stretches.ts'
import {
  activeRunner,
  claimLiveSession,
  liveVisibility,
  markStarting,
  releaseLiveSession,
  startLiveSession,
  stopForPain,
} from '../../services/session/liveController.ts'
import { stepRunner } from '../../core/session/runner.ts'
import { SessionOverlay } from '../../app/session/SessionOverlay.tsx'
import { parseSessionParams } from '../../services/session/sessionParams.ts'
import {
  prepareSession,
  setBlockedMessage,
  useSessionStore,
  type PreparedSession,
} from '../../services/session/sessionStore.ts'
import { redFlagsAcknowledged, useSafety } from '../../services/safetyStore.ts'
import { effectiveEyeHeightM, useSettings } from '../../services/settings.ts'
import { startSession } from '../../services/storage/progress.ts'
import { xrHooks } from '../../services/testHooks.ts'
import { CoachingPanel } from './CoachingPanel.tsx'

/** xr-standard gamepad index of B (right controller) and Y (left controller). */
const BUTTON_B_Y = 5
/** After the routine ends and every result is saved, the headset session closes after this (ms). */
const CLOSE_AFTER_MS = 2500

// Frame-loop state: the last hooks frame stepped, and whether B/Y was down last frame.
let lastFrameCount = -1
let stopButtonDown = false

/** True while B or Y is pressed on any controller; reads the frame's input sources without keeping them. */
function stopButtonPressed(frame: XRFrame): boolean {
  const sources = frame.session.inputSources
  for (let i = 0; i < sources.length; i++) {
    const pad = sources[i]!.gamepad
    if (!pad || pad.mapping !== 'xr-standard') continue
    const b = pad.buttons[BUTTON_B_Y]
    if (b && b.pressed) return true
  }
  return false
}

function beginFor(session: XRSession, prepared: PreparedSession): void {
  const params = parseSessionParams(window.location.search, window.location.hash)
  const routine = ROUTINES.find((r) => r.id === prepared.routineId) ?? params.routine
  startLiveSession({
    key: session,
    prepared,
    params: { ...params, routine },
    eyeHeightM: effectiveEyeHeightM(useSettings.getState()),
    source: window.xrDevice ? 'emulated' : 'webxr',
    refreshRate: session.frameRate ?? null,
  })
}

/** Starts the checked-in routine for a new headset session, or a direct link's routine once the red flags were read. */
function startRoutineFor(session: XRSession): void {
  if (!markStarting(session)) return
  const store = useSessionStore.getState()
  if (store.status === 'prepared' && store.prepared) {
    beginFor(session, store.prepared)
    return
  }
  if (!redFlagsAcknowledged(useSafety.getState())) {
    setBlockedMessage(
      'Before your first routine, please read the safety notes: end this session and choose "Start routine in headset" on the home page.',
    )
    return
  }
  const params = parseSessionParams(window.location.search, window.location.hash)
  void startSession(params.routine.id, null).then((out) => {
    // The headset session may have ended while storage answered.
    if (xrHooks.sessionMode === null) return
    const prepared: PreparedSession = {
      routineId: params.routine.id,
      sessionId: out.ok ? out.record.id : null,
      painBefore: null,
      storageMessage: out.ok ? null : out.message,
      holdSeconds: null,
      record: false,
    }
    prepareSession(prepared)
    beginFor(session, prepared)
  })
}

/**
 * The live routine in the headset: runs the runner on the frames XRPoseLoop
 * reads (priority −90, after its −100), listens to the XR session's
 * visibility and to B/Y for stop-for-pain, shows the coaching panel, mounts
 * the page-side controls, and closes the headset session once the routine is
 * over and saved.
 */
export function LiveSession() {
  const session = useXR((s) => s.session)

  // The page beside the canvas: a separate React root (the canvas tree cannot hold DOM).
  useEffect(() => {
    const host = document.createElement('div')
    ;(document.querySelector('.view3d.session') ?? document.body).appendChild(host)
    const root = createRoot(host)
    root.render(<SessionOverlay />)
    return () => {
      // Unmounting a root during another root's commit is not allowed: do it right after.
      setTimeout(() => {
        root.unmount()
        host.remove()
      }, 0)
    }
  }, [])

  useEffect(() => {
    if (!session) return
    claimLiveSession(session)
    startRoutineFor(session)
    const onVisibility = () => liveVisibility(session.visibilityState)
    session.addEventListener('visibilitychange', onVisibility)
    let closeTimer: ReturnType<typeof setTimeout> | null = null
    const closeWhenDone = (s: { status: string; pendingSaves: number }) => {
      if (closeTimer !== null || s.status !== 'finished' || s.pendingSaves > 0) return
      closeTimer = setTimeout(() => void session.end().catch(() => undefined), CLOSE_AFTER_MS)
    }
    const unsubscribe = useSessionStore.subscribe(closeWhenDone)
    return () => {
      session.removeEventListener('visibilitychange', onVisibility)
      unsubscribe()
      if (closeTimer !== null) clearTimeout(closeTimer)
      releaseLiveSession(session)
    }
  }, [session])

  useFrame((_state, _delta, frame) => {
    const r = activeRunner()
    if (r === null || r.finished) return
    if (xrHooks.frameCount === lastFrameCount) return
    lastFrameCount = xrHooks.frameCount
    stepRunner(r, xrHooks.pose)
    if (!frame) return
    const down = stopButtonPressed(frame as XRFrame)
    if (down && !stopButtonDown) stopForPain()
    stopButtonDown = down
  }, -90)

  return <CoachingPanel />
}

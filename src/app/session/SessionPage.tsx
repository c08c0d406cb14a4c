import { useCallback, useEffect, useRef, useState } from 'react'
import { Canvas, useFrame } from '@react-three/fiber'
import { XR, useXR } from '@react-three/xr'
import { useStore } from 'zustand'
import {
  readXRPoses,
  createXRPoseReaderState,
  resetXRPoseReaderState,
} from '../../tracking/xrPoseReader.ts'
import { startHooksMirror, xrHooks } from '../../services/testHooks.ts'
import { chooseSessionMode, type RequestedMode } from '../../services/xr/launchParams.ts'
import { checkXRSupport, useXRSupport } from '../../services/xr/xrSupport.ts'
import { getXRStore } from '../../services/xr/xrStore.ts'
import { XRCoach } from '../../scenes/PreviewCoach.tsx'
import { ExerciseMat, MatOutline, SceneLights, VirtualRoom } from '../../scenes/Room.tsx'
import { ExitPanel } from '../../scenes/ExitPanel.tsx'
import { LiveSession } from '../../scenes/session/LiveSession.tsx'
import { useSessionStore } from '../../services/session/sessionStore.ts'
import { FirstFrameSignal } from '../../scenes/FirstFrameSignal.tsx'

// One reader state per page: reset at each session start so that t starts at 0.
const readerState = createXRPoseReaderState()

/** Reads head and hands from every XR frame into the hooks object (first in the frame, allocation-free). */
function XRPoseLoop() {
  useFrame((state, _delta, frame) => {
    if (!frame) return
    const refSpace = state.gl.xr.getReferenceSpace()
    if (!refSpace) return
    readXRPoses(
      xrHooks.pose,
      frame as XRFrame,
      refSpace,
      state.clock.elapsedTime * 1000,
      readerState,
    )
    xrHooks.frameCount += 1
  }, -100)
  return null
}

/** What the headset shows: the virtual room in VR; in passthrough only the mat outline, the coach and the UI. */
function SessionScene({ onExit }: { onExit: () => void }) {
  const passthrough = useXR((s) => s.mode === 'immersive-ar')
  // In VR the virtual counter moves to the real one's height once the hands measured it.
  const measuredCounterM = useSessionStore((s) => s.counterHeightM)
  useEffect(() => {
    xrHooks.roomVisible = !passthrough
  }, [passthrough])
  return (
    <>
      {!passthrough && <color attach="background" args={['#dfe7e3']} />}
      <SceneLights />
      <VirtualRoom visible={!passthrough} counterHeightM={measuredCounterM} />
      <group visible={!passthrough}>
        <ExerciseMat />
      </group>
      <group visible={passthrough}>
        <MatOutline />
      </group>
      <XRCoach />
      <ExitPanel onExit={onExit} />
      <LiveSession />
    </>
  )
}

type Status = 'checking' | 'unsupported' | 'waiting' | 'entering' | 'running' | 'failed'

/** Props: the mode the address asked for (?mode=vr|ar), or null to prefer passthrough. */
export interface SessionPageProps {
  requestedMode: RequestedMode | null
}

/** The headset view (lazy chunk): enters the immersive session once the canvas drew a frame; returns home when it ends. */
export default function SessionPage({ requestedMode }: SessionPageProps) {
  const store = getXRStore()
  const support = useXRSupport((s) => s.support)
  const session = useStore(store, (s) => s.session)
  const [canvasReady, setCanvasReady] = useState(false)
  const [status, setStatus] = useState<Status>('checking')
  const [error, setError] = useState<string | null>(null)
  const entering = useRef(false)
  const mirrorRef = useRef<HTMLParagraphElement>(null)
  const mode = support ? chooseSessionMode(requestedMode, support) : null

  useEffect(() => {
    void checkXRSupport()
  }, [])

  // Session edges: count them, reset the reader, go back to the home page at the end.
  useEffect(() => {
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.session && state.session !== prev.session) {
        resetXRPoseReaderState(readerState)
        xrHooks.sessionMode = state.mode
        xrHooks.sessionsStarted += 1
      }
    })
    const offEnd = store.onSessionEnd(() => {
      xrHooks.sessionMode = null
      xrHooks.sessionsEnded += 1
      entering.current = false
      window.location.hash = '#/'
    })
    return () => {
      unsubscribe()
      offEnd()
      // Leaving the view (Back, browser history) ends a running session.
      void store
        .getState()
        .session?.end()
        .catch(() => undefined)
    }
  }, [store])

  useEffect(() => {
    const el = mirrorRef.current
    return el ? startHooksMirror(el) : undefined
  }, [])

  const enter = useCallback(() => {
    if (!mode || entering.current) return
    entering.current = true
    setStatus('entering')
    setError(null)
    store.enterXR(mode).then(
      (s) => {
        if (s) setStatus('running')
        else {
          entering.current = false
          setStatus('failed')
          setError('The headset did not start a session.')
        }
      },
      (err: unknown) => {
        entering.current = false
        setStatus('failed')
        setError(err instanceof Error ? err.message : String(err))
      },
    )
  }, [mode, store])

  useEffect(() => {
    if (!support) return
    if (!mode) {
      setStatus('unsupported')
      return
    }
    if (canvasReady && status === 'checking') setStatus('waiting')
    if (canvasReady && (status === 'checking' || status === 'waiting')) enter()
  }, [support, mode, canvasReady, status, enter])

  const stop = useCallback(() => {
    const s = store.getState().session
    if (s) void s.end().catch(() => undefined)
    else window.location.hash = '#/'
  }, [store])
  const onFirstFrame = useCallback(() => setCanvasReady(true), [])

  const message =
    status === 'unsupported'
      ? 'This browser has no immersive headset. Open the page in a headset browser.'
      : status === 'failed'
        ? `The session could not start: ${error ?? 'unknown reason'}.`
        : session
          ? mode === 'immersive-ar'
            ? 'In the headset (passthrough). Put the headset on; end the session here or with the red panel.'
            : 'In the headset (virtual room). Put the headset on; end the session here or with the red panel.'
          : 'Starting the headset session…'

  return (
    <div className="view3d session" data-session={session ? 'running' : 'none'}>
      <div style={{ position: 'absolute', inset: 0 }} aria-hidden="true">
        <Canvas camera={{ position: [0, 1.6, 1.2], fov: 60, near: 0.05, far: 50 }}>
          <XR store={store}>
            <XRPoseLoop />
            <SessionScene onExit={stop} />
            <FirstFrameSignal onFirstFrame={onFirstFrame} />
          </XR>
        </Canvas>
      </div>
      <nav className="view-bar" aria-label="Headset session">
        <h1>Headset session</h1>
        <button type="button" className="button" onClick={stop}>
          {session ? 'End session' : 'Back to the home page'}
        </button>
        {status === 'failed' && mode && (
          <button type="button" className="button secondary" onClick={enter}>
            Try again
          </button>
        )}
      </nav>
      <div className="session-panel">
        <p role="status">{message}</p>
      </div>
      <p className="view-status" ref={mirrorRef} data-testid="xr-tracking" aria-live="off" />
    </div>
  )
}

/**
 * The headset view (a lazy chunk): the routine checked in on the home page
 * runs here. It enters the immersive session once the canvas drew a frame,
 * creates the live session when the XR session starts and lets it go when it
 * ends; beside the canvas, the page keeps every control in reach (a helper, a
 * physiotherapist, a user with the headset up on the forehead): Stop: pain,
 * Pause, Skip and End session, and the live numbers as text.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { Canvas } from '@react-three/fiber'
import { XR } from '@react-three/xr'
import { useStore } from 'zustand'
import { useOwnRoutines } from '../../services/ownRoutinesStore.ts'
import { FirstFrameSignal } from '../../scenes/FirstFrameSignal.tsx'
import { SessionScene } from '../../scenes/session/SessionScene.tsx'
import {
  createLiveSession,
  destroyLiveSession,
  type LiveSession,
} from '../../services/session/liveSession.ts'
import { parseSessionParams } from '../../services/session/sessionParams.ts'
import { useSessionStore } from '../../services/session/sessionStore.ts'
import { startHooksMirror, xrHooks } from '../../services/testHooks.ts'
import { MergedController } from '../../scenes/xr/MergedController.tsx'
import { chooseSessionMode, type RequestedMode } from '../../services/xr/launchParams.ts'
import { checkXRSupport, useXRSupport } from '../../services/xr/xrSupport.ts'
import { getXRStore } from '../../services/xr/xrStore.ts'
import { SessionControls } from './SessionControls.tsx'
import './sessionPage.css'

type Status = 'checking' | 'unsupported' | 'waiting' | 'entering' | 'running' | 'failed'

/** Props: the mode the address asked for (?mode=vr|ar), or null to prefer passthrough. */
export interface SessionPageProps {
  requestedMode: RequestedMode | null
}

/** The live session for a new XR session, from the checked-in routine; null when none was checked in. */
function liveFor(): LiveSession | null {
  const { prepared } = useSessionStore.getState()
  if (!prepared) return null
  const params = parseSessionParams(window.location.search, window.location.hash)
  // built-in, one stretch, or one the user built
  const routine = useOwnRoutines.getState().resolveRoutine(prepared.routineId)
  if (!routine) return null
  useSessionStore.setState({ routineId: routine.id, routineName: routine.name })
  return createLiveSession({
    prepared,
    routine,
    params,
    source: window.xrDevice ? 'emulated' : 'webxr',
    device: window.xrDevice ? 'IWER emulated headset' : undefined,
    save: async (input) => {
      // Storage is a chunk of its own (the home page has usually loaded it already).
      const { recordResult } = await import('../../services/storage/progress.ts')
      const out = await recordResult(input)
      return out.ok ? { ok: true } : { ok: false, message: out.message }
    },
  })
}

/** The headset view. */
export default function SessionPage({ requestedMode }: SessionPageProps) {
  const store = getXRStore(MergedController)
  const support = useXRSupport((s) => s.support)
  const session = useStore(store, (s) => s.session)
  const prepared = useSessionStore((s) => s.prepared)
  const [canvasReady, setCanvasReady] = useState(false)
  const [status, setStatus] = useState<Status>('checking')
  const [error, setError] = useState<string | null>(null)
  const [live, setLive] = useState<LiveSession | null>(null)
  const liveRef = useRef<LiveSession | null>(null)
  const entering = useRef(false)
  const mirrorRef = useRef<HTMLParagraphElement>(null)
  const mode = support ? chooseSessionMode(requestedMode, support) : null

  // Nothing checked in (a reload, an old link): the routine starts from the home page.
  useEffect(() => {
    if (!prepared && !liveRef.current) window.location.hash = '#/'
  }, [prepared])

  useEffect(() => {
    void checkXRSupport()
  }, [])

  // Session edges: one live session per XR session; back to the home page at the end.
  useEffect(() => {
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.session && state.session !== prev.session) {
        xrHooks.sessionMode = state.mode
        xrHooks.sessionsStarted += 1
        if (!liveRef.current) {
          const ls = liveFor()
          liveRef.current = ls
          setLive(ls)
        }
      }
    })
    const offEnd = store.onSessionEnd(() => {
      xrHooks.sessionMode = null
      xrHooks.sessionsEnded += 1
      entering.current = false
      if (liveRef.current) destroyLiveSession(liveRef.current)
      window.location.hash = '#/'
    })
    return () => {
      unsubscribe()
      offEnd()
      if (liveRef.current) destroyLiveSession(liveRef.current)
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
    if (!support || !prepared) return
    if (!mode) {
      setStatus('unsupported')
      return
    }
    if (canvasReady && status === 'checking') setStatus('waiting')
    if (canvasReady && (status === 'checking' || status === 'waiting')) enter()
  }, [support, mode, canvasReady, status, enter, prepared])

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
            ? 'In the headset (passthrough). Put the headset on; the controls below work too.'
            : 'In the headset (virtual room). Put the headset on; the controls below work too.'
          : 'Starting the headset session…'

  return (
    <div className="view3d session" data-session={session ? 'running' : 'none'}>
      <div className="session-canvas" aria-hidden="true">
        <Canvas camera={{ position: [0, 1.6, 1.2], fov: 60, near: 0.05, far: 50 }}>
          <XR store={store}>
            <SessionScene live={live} onExit={stop} />
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
      {live && <SessionControls live={live} />}
      <p className="view-status" ref={mirrorRef} data-testid="xr-tracking" aria-live="off" />
    </div>
  )
}

/**
 * What the headset shows during a routine: the virtual room in VR (only the
 * mat outline in passthrough), the coach, its caption and the panel, and the
 * one frame loop that runs the session. One frame, in order:
 * stepLiveFrame (XR frame → poses → runner and engine → recorder → cues →
 * coach → placement) → afterLiveFrame (sounds, vibration, words, test hooks)
 * → the coach, its caption, the panel.
 */
import { useEffect, useMemo, useRef } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { useXR } from '@react-three/xr'
import {
  afterLiveFrame,
  attachXRSession,
  type LiveSession,
} from '../../services/session/liveSession.ts'
import { useSessionStore } from '../../services/session/sessionStore.ts'
import { xrHooks } from '../../services/testHooks.ts'
import { LIVE_TIME_MS, stepLiveFrame } from '../../tracking/liveFrame.ts'
import { ExerciseMat, MatOutline, SceneLights, VirtualRoom } from '../Room.tsx'
import { CoachingPanel } from './CoachingPanel.tsx'
import { SessionCoach } from './SessionCoach.tsx'
import { createSessionViews, SessionViewsContext, type SessionViews } from './sessionViews.ts'

/** The one frame loop of a headset session. */
function SessionLoop({ live, views }: { live: LiveSession; views: SessionViews }) {
  const gl = useThree((s) => s.gl)
  const session = useXR((s) => s.session)
  const attached = useRef<XRSession | null>(null)
  useEffect(() => {
    if (!session || attached.current === session) return
    attached.current = session
    attachXRSession(live, session, gl.xr.getReferenceSpace())
  }, [live, session, gl])
  useFrame((state, delta, frame) => {
    if (!frame || live.ended || attached.current === null) return
    const ref = state.gl.xr.getReferenceSpace()
    if (!ref) return
    live.frame.num[LIVE_TIME_MS] = state.clock.elapsedTime * 1000
    stepLiveFrame(live.frame, frame as XRFrame, ref)
    afterLiveFrame(live)
    const { coach, caption, panel } = views
    if (coach) coach(live, delta)
    if (caption) caption(live, delta)
    if (panel) panel(live, delta)
  }, -1)
  return null
}

/** Props: the running session (null until the XR session started) and how to end it. */
export interface SessionSceneProps {
  live: LiveSession | null
  onExit: () => void
}

/** The headset scene of a routine. */
export function SessionScene({ live, onExit }: SessionSceneProps) {
  const passthrough = useXR((s) => s.mode === 'immersive-ar')
  // In VR the virtual counter goes where the hands measured the real one.
  const counter = useSessionStore((s) => s.counter)
  const views = useMemo(createSessionViews, [])
  useEffect(() => {
    xrHooks.roomVisible = !passthrough
  }, [passthrough])
  return (
    <SessionViewsContext.Provider value={views}>
      {!passthrough && <color attach="background" args={['#dfe7e3']} />}
      <SceneLights />
      <VirtualRoom visible={!passthrough} counter={counter} />
      <group visible={!passthrough}>
        <ExerciseMat />
      </group>
      <group visible={passthrough}>
        <MatOutline />
      </group>
      {live && (
        <>
          <SessionCoach />
          <CoachingPanel live={live} onExit={onExit} />
          <SessionLoop live={live} views={views} />
        </>
      )}
    </SessionViewsContext.Provider>
  )
}

/**
 * What the headset shows during a routine: the virtual room in VR (only the
 * mat outline in passthrough), the coach, its caption and the panel, and the
 * one frame loop that runs the session. One frame, in order:
 * stepLiveFrame (XR frame → poses → runner and engine → recorder → cues →
 * coach → placement) → afterLiveFrame (sounds, vibration, words, test hooks)
 * → the coach, its caption, the panel.
 */
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { useXR } from '@react-three/xr'
import type { InstancedMesh, Line, Mesh, Object3D, Points } from 'three'
import {
  afterLiveFrame,
  attachXRSession,
  type LiveSession,
} from '../../services/session/liveSession.ts'
import { useSessionStore } from '../../services/session/sessionStore.ts'
import { xrHooks } from '../../services/testHooks.ts'
import { LIVE_TIME_MS, stepLiveFrame } from '../../tracking/liveFrame.ts'
import { MatOutline, SceneLights, VirtualRoom } from '../Room.tsx'
import { SessionCoach } from './SessionCoach.tsx'
import { createSessionViews, SessionViewsContext, type SessionViews } from './sessionViews.ts'
import { usePrewarmNextStretch } from './usePrewarmNextStretch.ts'

// The panel (uikit, its yoga WebAssembly and its font) loads while the headset
// already draws the room and the coach: the first frame does not wait for it.
const CoachingPanel = lazy(() =>
  import('./CoachingPanel.tsx').then((m) => ({ default: m.CoachingPanel })),
)

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
    // three resets its counts when a frame starts drawing: these are the last frame's.
    const info = state.gl.info
    const stats = xrHooks.render
    stats.calls = info.render.calls
    stats.triangles = info.render.triangles
    stats.geometries = info.memory.geometries
    stats.textures = info.memory.textures
    stats.programs = info.programs?.length ?? 0
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

/** Each visible drawable object as "path/of/names (type, triangles, material count)". */
function describeDrawables(root: Object3D): string[] {
  const out: string[] = []
  root.traverseVisible((o) => {
    const m = o as Mesh
    if (!m.isMesh && !(o as Line).isLine && !(o as Points).isPoints) return
    const names: string[] = []
    for (let p: Object3D | null = o; p && p !== root; p = p.parent) names.unshift(p.name || p.type)
    const g = m.geometry
    const tris = g ? (g.index ? g.index.count : (g.attributes.position?.count ?? 0)) / 3 : 0
    const mats = Array.isArray(m.material) ? m.material.length : 1
    const inst = (m as InstancedMesh).isInstancedMesh ? ` ×${(m as InstancedMesh).count}` : ''
    out.push(
      `${names.join('/')} (${o.type}${inst}, ${Math.round(tris)} triangles, ${mats} material)`,
    )
  })
  return out
}

/** Props: the running session (null until the XR session started) and how to end it. */
export interface SessionSceneProps {
  live: LiveSession | null
  onExit: () => void
}

/** The headset scene of a routine. */
export function SessionScene({ live, onExit }: SessionSceneProps) {
  const scene = useThree((s) => s.scene)
  useEffect(() => {
    xrHooks.describeScene = () => describeDrawables(scene)
    return () => {
      xrHooks.describeScene = null
    }
  }, [scene])
  const passthrough = useXR((s) => s.mode === 'immersive-ar')
  // In VR the virtual counter goes where the hands measured the real one.
  const counter = useSessionStore((s) => s.counter)
  const views = useMemo(createSessionViews, [])
  useEffect(() => {
    xrHooks.roomVisible = !passthrough
  }, [passthrough])
  usePrewarmNextStretch(live?.options.routine.stretches)
  return (
    <SessionViewsContext.Provider value={views}>
      {!passthrough && <color attach="background" args={['#dfe7e3']} />}
      {/* passthrough keeps the neutral light: the real room shows, not the chosen one */}
      <SceneLights environment={passthrough ? 'studio' : undefined} />
      <VirtualRoom visible={!passthrough} counter={counter} withMat />
      <group visible={passthrough}>
        <MatOutline />
      </group>
      {/* from the page's start, hidden until placed: its model and programs are ready before the first XR frame */}
      <SessionCoach />
      {live && (
        <>
          <Suspense fallback={null}>
            <CoachingPanel live={live} onExit={onExit} />
          </Suspense>
          <SessionLoop live={live} views={views} />
        </>
      )}
    </SessionViewsContext.Provider>
  )
}

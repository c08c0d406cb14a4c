import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { Canvas, invalidate, useFrame, useThree } from '@react-three/fiber'
import { OrbitControls } from '@react-three/drei'
import { Spherical, Vector3 } from 'three'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import { previewHooks } from '../../services/testHooks.ts'
import { PreviewCoach } from '../../scenes/PreviewCoach.tsx'
import { PreviewCoachControls } from './PreviewCoachControls.tsx'
import { SceneLights, VirtualRoom } from '../../scenes/Room.tsx'
import { CAMERA_PRESETS, type CameraPreset } from '../../scenes/roomLayout.ts'
import { FirstFrameSignal } from '../../scenes/FirstFrameSignal.tsx'

const PRESET_NAMES = Object.keys(CAMERA_PRESETS) as CameraPreset[]

/** Keyboard steps of the 3D view: radians per arrow press, zoom factor per +/− press. */
const KEY_TURN_RAD = Math.PI / 18
const KEY_ZOOM = 1.15

const _offset = new Vector3()
const _spherical = new Spherical()

/** Moves the camera to a preset (and on keyboard input) and renders once: the frame loop is on demand. */
function CameraRig({
  request,
  controlsRef,
}: {
  /** the preset asked for; `seq` changes on every press, so pressing it again resets the view */
  request: { preset: CameraPreset; seq: number }
  controlsRef: React.RefObject<OrbitControlsImpl | null>
}) {
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => {
    const p = CAMERA_PRESETS[request.preset]
    camera.position.set(p.position[0], p.position[1], p.position[2])
    const controls = controlsRef.current
    if (controls) {
      controls.target.set(p.target[0], p.target[1], p.target[2])
      controls.update()
    } else {
      camera.lookAt(p.target[0], p.target[1], p.target[2])
    }
    invalidate()
  }, [request, camera, controlsRef, invalidate])
  return null
}

/** Counts rendered frames into the test hooks (proves the on-demand loop idles). */
function FrameCounter() {
  useFrame(() => {
    previewHooks.framesRendered += 1
  })
  return null
}

/** The desktop 3D preview (lazy chunk): the room, the mat, the coach, orbit controls and camera presets. */
export default function PreviewPage() {
  const [request, setRequest] = useState({ preset: 'front' as CameraPreset, seq: 0 })
  const [ready, setReady] = useState(false)
  const controlsRef = useRef<OrbitControlsImpl | null>(null)
  const onFirstFrame = useCallback(() => setReady(true), [])

  // Arrow keys orbit, +/− zoom, for people who do not use a pointer.
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    const controls = controlsRef.current
    if (!controls) return
    const cam = controls.object
    let dTheta = 0
    let dPhi = 0
    let scale = 1
    if (e.key === 'ArrowLeft') dTheta = -KEY_TURN_RAD
    else if (e.key === 'ArrowRight') dTheta = KEY_TURN_RAD
    else if (e.key === 'ArrowUp') dPhi = -KEY_TURN_RAD
    else if (e.key === 'ArrowDown') dPhi = KEY_TURN_RAD
    else if (e.key === '+' || e.key === '=') scale = 1 / KEY_ZOOM
    else if (e.key === '-') scale = KEY_ZOOM
    else return
    e.preventDefault()
    _offset.copy(cam.position).sub(controls.target)
    _spherical.setFromVector3(_offset)
    _spherical.theta += dTheta
    _spherical.phi = Math.min(Math.PI / 2 - 0.05, Math.max(0.05, _spherical.phi + dPhi))
    _spherical.radius = Math.min(10, Math.max(0.8, _spherical.radius * scale))
    _offset.setFromSpherical(_spherical)
    cam.position.copy(controls.target).add(_offset)
    controls.update()
    // The frame loop is on demand: ask for the one frame that shows the move.
    invalidate()
  }, [])

  return (
    <div className="view3d" data-ready={ready ? 'true' : 'false'}>
      <div
        className="canvas-wrap"
        style={{ position: 'absolute', inset: 0 }}
        tabIndex={0}
        role="img"
        aria-label="3D preview of the coach on the exercise mat. Drag or use the arrow keys to turn the view; scroll or press plus and minus to zoom."
        onKeyDown={onKeyDown}
      >
        <Canvas
          frameloop="demand"
          dpr={[1, 2]}
          camera={{ position: [0.3, 1.35, 3.4], fov: 45, near: 0.05, far: 50 }}
          data-testid="preview-canvas"
        >
          <color attach="background" args={['#dfe7e3']} />
          <SceneLights />
          <VirtualRoom withMat />
          <PreviewCoach />
          <OrbitControls
            ref={controlsRef}
            makeDefault
            enableDamping={false}
            minDistance={0.8}
            maxDistance={10}
            maxPolarAngle={Math.PI / 2 - 0.05}
          />
          <CameraRig request={request} controlsRef={controlsRef} />
          <FirstFrameSignal onFirstFrame={onFirstFrame} />
          <FrameCounter />
        </Canvas>
      </div>
      <nav className="view-bar" aria-label="Preview">
        <a className="button secondary" href="#/">
          ← Home
        </a>
        <h1>Desktop preview</h1>
        <fieldset className="group">
          <legend>Camera</legend>
          {PRESET_NAMES.map((name) => (
            <button
              key={name}
              type="button"
              className="button"
              aria-pressed={request.preset === name}
              onClick={() => setRequest((r) => ({ preset: name, seq: r.seq + 1 }))}
            >
              {CAMERA_PRESETS[name].label}
            </button>
          ))}
        </fieldset>
      </nav>
      <PreviewCoachControls />
    </div>
  )
}

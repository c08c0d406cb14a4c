import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { Canvas, invalidate, useFrame, useThree } from '@react-three/fiber'
import { OrbitControls } from '@react-three/drei'
import { PerspectiveCamera, Spherical, Vector3 } from 'three'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import { statureFromEyeHeight } from '../../core/bodyModel.ts'
import type { StretchId } from '../../core/stretches.ts'
import { previewHooks } from '../../services/testHooks.ts'
import { useEyeHeightM } from '../../services/settings.ts'
import { DEFAULT_PREVIEW_STRETCH, useCoachStore } from '../../services/preview/coachStore.ts'
import { addressWithStretch, stretchFromAddress } from '../../services/preview/previewAddress.ts'
import { installPreviewViewHooks, previewViewHooks } from '../../services/preview/viewHooks.ts'
import { PreviewCoach } from '../../scenes/PreviewCoach.tsx'
import {
  COACH_VIEWS,
  COACH_VIEW_LABELS,
  MIN_VIEW_DISTANCE_M,
  PREVIEW_FOV_DEG,
  cameraView,
  demonstrationShape,
  previewPlacement,
  type CoachView,
} from '../../scenes/previewCamera.ts'
import { PreviewCoachControls } from './PreviewCoachControls.tsx'
import { SceneLights, VirtualRoom } from '../../scenes/Room.tsx'
import { FirstFrameSignal } from '../../scenes/FirstFrameSignal.tsx'
import './previewPage.css'

installPreviewViewHooks()

/** Keyboard steps of the 3D view: radians per arrow press, zoom factor per +/− press. */
const KEY_TURN_RAD = Math.PI / 18
const KEY_ZOOM = 1.15

const _offset = new Vector3()
const _spherical = new Spherical()
const _corner = new Vector3()

/** A camera view asked for; `seq` changes on every press, so pressing the active view again resets it. */
interface ViewRequest {
  view: CoachView
  seq: number
}

/**
 * Moves the camera to the view asked for, for the stretch on show, and renders
 * once (the frame loop is on demand). It runs again on every press (even of the
 * active view), when the stretch changes (the coach stands elsewhere: the
 * active view follows it) and when the coach's stature changes.
 */
function CameraRig({
  request,
  stretch,
  statureM,
  controlsRef,
}: {
  request: ViewRequest
  stretch: StretchId
  statureM: number
  controlsRef: React.RefObject<OrbitControlsImpl | null>
}) {
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => {
    const aspect = camera instanceof PerspectiveCamera ? camera.aspect : 1
    const v = cameraView(
      request.view,
      previewPlacement(stretch, statureM),
      demonstrationShape(stretch, statureM),
      aspect,
      PREVIEW_FOV_DEG,
    )
    if (camera instanceof PerspectiveCamera && camera.fov !== v.fovDeg) {
      // a wider lens where the walls are too close to step back (cat-cow's front, by the wall)
      camera.fov = v.fovDeg
      camera.updateProjectionMatrix()
    }
    camera.position.set(v.position[0], v.position[1], v.position[2])
    const controls = controlsRef.current
    if (controls) {
      // the controls turn about their target: it moves with the coach, or the next drag jumps back
      controls.target.set(v.target[0], v.target[1], v.target[2])
      controls.update()
    } else {
      camera.lookAt(v.target[0], v.target[1], v.target[2])
    }
    previewViewHooks.view = request.view
    previewViewHooks.viewsApplied += 1
    invalidate()
  }, [request, stretch, statureM, camera, controlsRef, invalidate])
  return null
}

/**
 * Counts rendered frames into the test hooks (proves the on-demand loop idles)
 * and copies the camera and the coach's projected box into them. Allocates nothing.
 */
function FrameProbe({ controlsRef }: { controlsRef: React.RefObject<OrbitControlsImpl | null> }) {
  useFrame((state) => {
    previewHooks.framesRendered += 1
    const h = previewViewHooks
    const cam = state.camera
    h.camera.position[0] = cam.position.x
    h.camera.position[1] = cam.position.y
    h.camera.position[2] = cam.position.z
    const controls = controlsRef.current
    if (controls) {
      h.camera.target[0] = controls.target.x
      h.camera.target[1] = controls.target.y
      h.camera.target[2] = controls.target.z
    }
    cam.updateMatrixWorld()
    const size = state.size
    // pixels per metre at 1 m: spheres are drawn this much larger than their centres
    const focal =
      cam instanceof PerspectiveCamera ? size.height / 2 / Math.tan((cam.fov * Math.PI) / 360) : 0
    let left = Infinity
    let top = Infinity
    let right = -Infinity
    let bottom = -Infinity
    const sp = h.coachSpheres
    for (let k = 0; k < sp.length; k += 4) {
      _corner.set(sp[k]!, sp[k + 1]!, sp[k + 2]!).applyMatrix4(cam.matrixWorldInverse)
      const depth = -_corner.z
      if (depth <= 0) {
        // behind the camera: the coach is not all in view
        left = top = -Infinity
        right = bottom = Infinity
        break
      }
      const rPx = (sp[k + 3]! * focal) / depth
      _corner.applyMatrix4(cam.projectionMatrix)
      const x = size.left + ((_corner.x + 1) / 2) * size.width
      const y = size.top + ((1 - _corner.y) / 2) * size.height
      if (x - rPx < left) left = x - rPx
      if (x + rPx > right) right = x + rPx
      if (y - rPx < top) top = y - rPx
      if (y + rPx > bottom) bottom = y + rPx
    }
    h.coachScreenBox[0] = left
    h.coachScreenBox[1] = top
    h.coachScreenBox[2] = right
    h.coachScreenBox[3] = bottom
  })
  return null
}

/**
 * Shows the stretch the address names (`#/preview?stretch=<id>`, or `?stretch=`
 * before the hash); returns the message for a name it does not know (then the
 * default stretch is shown), else null.
 */
function applyAddress(): string | null {
  const asked = stretchFromAddress(
    window.location.hash,
    window.location.search,
    DEFAULT_PREVIEW_STRETCH,
  )
  const { setStretch } = useCoachStore.getState()
  if (asked.stretch) setStretch(asked.stretch)
  else if (asked.error) setStretch(DEFAULT_PREVIEW_STRETCH)
  return asked.error
}

/** The desktop 3D preview (lazy chunk): the room, the mat, the coach, orbit controls and camera views. */
export default function PreviewPage() {
  // before the first render: the coach opens on the stretch the address names
  const [addressError, setAddressError] = useState<string | null>(applyAddress)
  const [request, setRequest] = useState<ViewRequest>({ view: 'side', seq: 0 })
  const [ready, setReady] = useState(false)
  const stretch = useCoachStore((s) => s.stretch)
  const statureM = statureFromEyeHeight(useEyeHeightM())
  const controlsRef = useRef<OrbitControlsImpl | null>(null)
  const onFirstFrame = useCallback(() => setReady(true), [])

  // An address edited by hand (#/preview?stretch=…) takes effect without a reload.
  useEffect(() => {
    const onHash = () => {
      if (window.location.hash.startsWith('#/preview')) setAddressError(applyAddress())
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  // A stretch picked here goes into the address (no reload), ready to be copied and sent.
  const onPicked = useCallback((id: StretchId) => {
    window.history.replaceState(
      window.history.state,
      '',
      addressWithStretch(window.location.pathname, window.location.search, id),
    )
    setAddressError(null)
  }, [])

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
    _spherical.radius = Math.min(10, Math.max(MIN_VIEW_DISTANCE_M, _spherical.radius * scale))
    _offset.setFromSpherical(_spherical)
    cam.position.copy(controls.target).add(_offset)
    controls.update()
    // The frame loop is on demand: ask for the one frame that shows the move.
    invalidate()
  }, [])

  return (
    <div className="view3d preview" data-ready={ready ? 'true' : 'false'}>
      <nav className="view-bar" aria-label="Preview">
        <a className="button secondary" href="#/">
          ← Home
        </a>
        <h1>Desktop preview</h1>
        <fieldset className="group">
          <legend>Camera</legend>
          {COACH_VIEWS.map((name) => (
            <button
              key={name}
              type="button"
              className="button"
              aria-pressed={request.view === name}
              onClick={() => setRequest((r) => ({ view: name, seq: r.seq + 1 }))}
            >
              {COACH_VIEW_LABELS[name]}
            </button>
          ))}
        </fieldset>
      </nav>
      {addressError && (
        <p className="preview-notice" role="alert" data-testid="preview-address-error">
          {addressError}
        </p>
      )}
      <div
        className="canvas-wrap"
        tabIndex={0}
        role="img"
        aria-label="3D preview of the coach. Drag or use the arrow keys to turn the view; scroll or press plus and minus to zoom."
        onKeyDown={onKeyDown}
      >
        <Canvas
          frameloop="demand"
          dpr={[1, 2]}
          camera={{ position: [0.3, 1.35, 3.4], fov: PREVIEW_FOV_DEG, near: 0.05, far: 50 }}
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
            minDistance={MIN_VIEW_DISTANCE_M}
            maxDistance={10}
            maxPolarAngle={Math.PI / 2 - 0.05}
          />
          <CameraRig
            request={request}
            stretch={stretch}
            statureM={statureM}
            controlsRef={controlsRef}
          />
          <FirstFrameSignal onFirstFrame={onFirstFrame} />
          <FrameProbe controlsRef={controlsRef} />
        </Canvas>
      </div>
      <PreviewCoachControls onPicked={onPicked} />
    </div>
  )
}

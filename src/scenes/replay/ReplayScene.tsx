/**
 * The replay's 3D view: the room and mat of the desktop preview, the coach playing
 * the stretch the playhead is in (its demonstration moved to match: into the pose,
 * then the hold or its repetitions), and the recorded user as a ghost beside it.
 * The frame loop is on demand: a move of the playhead asks for one frame.
 */
import { Suspense, useEffect, useMemo } from 'react'
import { Canvas, useThree } from '@react-three/fiber'
import { OrbitControls } from '@react-three/drei'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import { CoachAvatar, type CoachClock } from '../../avatar/CoachAvatar.tsx'
import { statureFromEyeHeight } from '../../core/bodyModel.ts'
import type { StretchId } from '../../core/stretches.ts'
import { useEyeHeightM } from '../../services/settings.ts'
import type { ReplayTrack } from '../../services/replay/replayScore.ts'
import { FirstFrameSignal } from '../FirstFrameSignal.tsx'
import { SceneLights, VirtualRoom } from '../Room.tsx'
import { CoachClothing } from '../useCoachClothing.ts'
import { ReplayGhost, type Playhead } from './ReplayGhost.tsx'
import {
  coachMoment,
  coachPlacement,
  ghostTransform,
  GHOST_BESIDE_M,
  segmentAt,
} from './replayPlacement.ts'

/** The stretch the coach shows before a trace is open. */
const IDLE_STRETCH: StretchId = 'childs-pose'

function newClock(): CoachClock {
  return {
    timeS: 0,
    durationS: 0,
    step: 0,
    side: 'both',
    phase: 'demonstrate',
    holdRemaining: 0,
    rep: 0,
    firstHoldS: 0,
  }
}

/**
 * Drawing resolution under a software renderer (SwiftShader, llvmpipe): there every
 * pixel of the lit room costs CPU time on the page's thread (a full-resolution frame
 * took 100–250 ms here), so it draws half the pixels across (a quarter of the work).
 */
const SOFTWARE_DPR = 0.5

/** Whether WebGL here is drawn by the CPU (asked of a throwaway context). */
function isSoftwareRenderer(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2')
    if (!gl) return false
    const info = gl.getExtension('WEBGL_debug_renderer_info')
    const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)
    gl.getExtension('WEBGL_lose_context')?.loseContext()
    return typeof name === 'string' && /swiftshader|llvmpipe|software/i.test(name)
  } catch {
    return false
  }
}

/**
 * Points the camera at the coach and the ghost beside it (GHOST_BESIDE_M along +X)
 * when the stretch moves them: from the front and above, aimed between the two.
 */
function CameraAim({ x, z, upright }: { x: number; z: number; upright: boolean }) {
  const camera = useThree((s) => s.camera)
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => {
    const mx = x + GHOST_BESIDE_M / 2
    const ty = upright ? 0.8 : 0.4
    camera.position.set(mx + 0.2, upright ? 1.6 : 1.85, z + 3.0)
    if (controls) {
      controls.target.set(mx, ty, z)
      controls.update()
    } else camera.lookAt(mx, ty, z)
    invalidate()
  }, [x, z, upright, camera, controls, invalidate])
  return null
}

/** What the scene shows at the playhead; re-rendered as the playhead moves. */
function ReplayContent({
  track,
  timeS,
  playhead,
  onFirstFrame,
}: {
  track: ReplayTrack | null
  timeS: number
  playhead: Playhead
  onFirstFrame: () => void
}) {
  const statureM = statureFromEyeHeight(useEyeHeightM())
  const invalidate = useThree((s) => s.invalidate)
  const clock = useMemo(newClock, [])
  const segIndex = track ? Math.max(0, segmentAt(track.segments, timeS)) : -1
  const segment = track && segIndex >= 0 ? (track.segments[segIndex] ?? null) : null
  const stretch = segment ? segment.stretch : IDLE_STRETCH
  const place = coachPlacement(stretch, statureM)
  const transform = useMemo(
    () =>
      track && segment
        ? ghostTransform(
            track,
            track.segments,
            segIndex,
            coachPlacement(segment.stretch, statureM),
            statureM,
          )
        : null,
    [track, segment, segIndex, statureM],
  )
  const moment = segment
    ? coachMoment(segment.stretch, segment.side, timeS - segment.start)
    : coachMoment(IDLE_STRETCH, null, 30)
  useEffect(() => {
    clock.timeS = moment.timeS
    invalidate()
  }, [clock, moment.timeS, stretch, invalidate])

  return (
    <>
      <CameraAim x={place.x} z={place.z} upright={stretch === 'cat-cow'} />
      <group position={[place.x, 0, place.z]} rotation-y={place.yaw} name="replay-coach">
        <Suspense fallback={null}>
          <CoachAvatar
            stretch={stretch}
            statureM={statureM}
            playing={false}
            clock={clock}
            mirror={moment.mirror}
          />
          <CoachClothing />
          {/* the first frame that shows the coach: its model and its shaders are ready */}
          <FirstFrameSignal onFirstFrame={onFirstFrame} />
        </Suspense>
      </group>
      {/* mounted from the start, waiting beside the coach: its shaders compile with the first frame */}
      <ReplayGhost track={track} transform={transform} playhead={playhead} />
    </>
  )
}

/** The canvas of the replay. */
export default function ReplayScene({
  track,
  timeS,
  playhead,
  onFirstFrame,
}: {
  track: ReplayTrack | null
  timeS: number
  playhead: Playhead
  onFirstFrame: () => void
}) {
  const dpr = useMemo<number | [number, number]>(
    () => (isSoftwareRenderer() ? SOFTWARE_DPR : [1, 2]),
    [],
  )
  return (
    <Canvas
      frameloop="demand"
      dpr={dpr}
      camera={{ position: [1.2, 2.0, 3.6], fov: 45, near: 0.05, far: 50 }}
      data-testid="replay-canvas"
    >
      <color attach="background" args={['#dfe7e3']} />
      <SceneLights />
      <VirtualRoom withMat />
      <ReplayContent track={track} timeS={timeS} playhead={playhead} onFirstFrame={onFirstFrame} />
      <OrbitControls
        makeDefault
        enableDamping={false}
        minDistance={0.8}
        maxDistance={10}
        maxPolarAngle={Math.PI / 2 - 0.05}
      />
    </Canvas>
  )
}

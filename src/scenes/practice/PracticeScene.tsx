/**
 * The desktop routine's 3D view: the room, the mat, and the coach posed every
 * frame by the routine's director (the headset's coach, on the desktop
 * runner's clock), with orbit controls. One frame loop steps the routine,
 * then the coach follows; nothing is mounted per phase, and the loop
 * allocates nothing per frame.
 */
import { Suspense, useEffect, useMemo, useRef } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { OrbitControls } from '@react-three/drei'
import { Vector3, type Group } from 'three'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import { applyCoachPose } from '../../avatar/coachRig.ts'
import { useCoachModel } from '../../avatar/CoachAvatar.tsx'
import { statureFromEyeHeight } from '../../core/bodyModel.ts'
import { stepPractice, type PracticeSession } from '../../services/session/practiceSession.ts'
import { useEyeHeightM } from '../../services/settings.ts'
import { SceneLights, VirtualRoom } from '../Room.tsx'
import { previewPlacement, type CoachPlacement } from '../previewCamera.ts'
import { useCoachClothing } from '../useCoachClothing.ts'

/**
 * Where the camera looks from for a placement (world metres): from the coach's
 * left, so the shape of every stretch shows in profile; on the mat low and
 * close (the stretches are done lying or kneeling), at the counter farther
 * back and higher (cat-cow is done standing).
 */
export function practiceCamera(
  place: CoachPlacement,
  atCounter: boolean,
  out: Float64Array,
): Float64Array {
  // the coach's left, in the world, is its facing (+Z turned by yaw) turned a quarter further
  const yaw = place.yaw
  const lx = Math.sin(yaw + Math.PI / 2)
  const lz = Math.cos(yaw + Math.PI / 2)
  const dist = atCounter ? 3.4 : 2.7
  const ahead = atCounter ? 0.2 : 0.5
  // eye, then the point looked at: a little ahead of the body's middle
  out[0] = place.x + lx * dist + Math.sin(yaw) * ahead
  out[1] = atCounter ? 1.35 : 1.55
  out[2] = place.z + lz * dist + Math.cos(yaw) * ahead
  out[3] = place.x + Math.sin(yaw) * ahead
  out[4] = atCounter ? 0.85 : 0.45
  out[5] = place.z + Math.cos(yaw) * ahead
  return out
}

const _cam = new Float64Array(6)
/** the camera in the coach's frame (written and read within one frame) */
const _viewer = new Vector3()

/** The coach, posed from the routine's director each frame, where its stretch is done. */
function PracticeCoach({ ps, statureM }: { ps: PracticeSession; statureM: number }) {
  const { model, rig } = useCoachModel()
  useCoachClothing()
  const frame = useRef<Group>(null)
  const placedAtCounter = useRef<boolean | null>(null)
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null
  const camera = useThree((s) => s.camera)
  // the two places the coach can be, worked out once per stature (never in the frame loop)
  const places = useMemo(
    () => ({
      mat: previewPlacement('childs-pose', statureM),
      counter: previewPlacement('cat-cow', statureM),
    }),
    [statureM],
  )
  useFrame(() => {
    const g = frame.current
    if (!g || !rig) return
    const atCounter = ps.director.spot.stretch === 'cat-cow'
    if (placedAtCounter.current !== atCounter) {
      // a move to or from the counter happens standing: the camera follows once, then is the user's
      placedAtCounter.current = atCounter
      const place = atCounter ? places.counter : places.mat
      g.position.set(place.x, 0, place.z)
      g.rotation.y = place.yaw
      practiceCamera(place, atCounter, _cam)
      camera.position.set(_cam[0]!, _cam[1]!, _cam[2]!)
      if (controls) {
        controls.target.set(_cam[3]!, _cam[4]!, _cam[5]!)
        controls.update()
      } else camera.lookAt(_cam[3]!, _cam[4]!, _cam[5]!)
    }
    applyCoachPose(rig, ps.director.pose)
    // the camera is the person at the screen: the coach looks there when it speaks to them
    g.worldToLocal(_viewer.copy(camera.position))
    ps.viewer[0] = _viewer.x / statureM
    ps.viewer[1] = _viewer.y / statureM
    ps.viewer[2] = _viewer.z / statureM
    ps.viewer[3] = 1
  })
  if (!rig) return null
  return (
    <group ref={frame} name="practice-coach">
      {/* the director's poses are in fractions of stature: the frame's unit is the coach's height */}
      <group scale={statureM}>
        <group scale={1 / rig.modelStatureM}>
          <primitive object={model} name="coach" />
        </group>
      </group>
    </group>
  )
}

/** Steps the routine once per animation frame, before anything draws. */
function PracticeLoop({ ps }: { ps: PracticeSession }) {
  useFrame((_, delta) => stepPractice(ps, delta), -1)
  return null
}

/** The desktop routine's scene. */
export function PracticeScene({ ps }: { ps: PracticeSession }) {
  const statureM = statureFromEyeHeight(useEyeHeightM())
  const controlsRef = useRef<OrbitControlsImpl | null>(null)
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => invalidate(), [invalidate])
  return (
    <>
      <color attach="background" args={['#dfe7e3']} />
      <SceneLights />
      <VirtualRoom withMat />
      <PracticeLoop ps={ps} />
      <Suspense fallback={null}>
        <PracticeCoach ps={ps} statureM={statureM} />
      </Suspense>
      <OrbitControls
        ref={controlsRef}
        makeDefault
        enableDamping={false}
        minDistance={0.8}
        maxDistance={10}
        maxPolarAngle={Math.PI / 2 - 0.05}
      />
    </>
  )
}

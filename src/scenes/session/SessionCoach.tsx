/**
 * The coach in the headset: the rigged model posed from the director every
 * frame, on a stage where placement puts it (raised when the user would
 * otherwise look down past it), at its own countertop for cat-cow, with its
 * caption above it. All of it moves in the session loop's update; nothing is
 * mounted or unmounted per phase, and nothing allocates per frame.
 */
import { Suspense, useEffect, useMemo, useRef } from 'react'
import type { Group, Mesh } from 'three'
import { useThree } from '@react-three/fiber'
import { applyCoachPose } from '../../avatar/coachRig.ts'
import { useCoachModel } from '../../avatar/CoachAvatar.tsx'
import { COACH_COUNTER_BOX_H, showsCounter } from '../../core/session/coachDirector.ts'
import type { LiveSession } from '../../services/session/liveSession.ts'
import { useCoachClothing } from '../useCoachClothing.ts'
import { createCoachStage, setPlinthHeight, showPlinth, STAGE_THICKNESS } from './coachStage.ts'
import { SessionCaption } from './SessionCaption.tsx'
import { useSessionViews } from './sessionViews.ts'

const CB = COACH_COUNTER_BOX_H
const COUNTER_SIZE: [number, number, number] = [CB[3]! - CB[0]!, CB[4]! - CB[1]!, CB[5]! - CB[2]!]
const COUNTER_CENTRE: [number, number, number] = [
  (CB[0]! + CB[3]!) / 2,
  (CB[1]! + CB[4]!) / 2,
  (CB[2]! + CB[5]!) / 2,
]

function CoachBody() {
  const views = useSessionViews()
  const { model, rig } = useCoachModel()
  useCoachClothing()
  const frame = useRef<Group>(null)
  const stage = useRef<Mesh>(null)
  const stageShape = useMemo(() => createCoachStage(), [])
  useEffect(() => () => stageShape.geometry.dispose(), [stageShape])
  const counter = useRef<Group>(null)
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const camera = useThree((s) => s.camera)
  // The programs of everything mounted (the coach's skin, its caption, stage and counter)
  // compile as soon as the model is in the scene, before the XR session's first frame: that
  // frame compiled three of them (npm run perf's "session start").
  useEffect(() => {
    if (rig) gl.compile(scene, camera)
  }, [rig, gl, scene, camera])
  useEffect(() => {
    if (!rig) return
    views.coach = (live: LiveSession) => {
      const g = frame.current
      if (!g) return
      const lf = live.frame
      const f = lf.follower
      g.visible = f.placed
      if (!f.placed) return
      const vp = f.shown
      g.position.set(vp.coachPosition[0]!, vp.coachPosition[1]!, vp.coachPosition[2]!)
      g.quaternion.set(
        vp.coachQuaternion[0]!,
        vp.coachQuaternion[1]!,
        vp.coachQuaternion[2]!,
        vp.coachQuaternion[3]!,
      )
      // the frame's unit is the coach's stature (poses are in fractions of H)
      const k = vp.coachScale * lf.stature[0]!
      g.scale.set(k, k, k)
      applyCoachPose(rig, lf.director.pose)
      const s = stage.current
      if (s) {
        s.visible = vp.stageRaised
        // upright, a raised stage stands on a plinth from the floor; lying, it floats above the user
        const standing = vp.stageRaised && vp.cls !== 'onBack' && vp.cls !== 'faceDown'
        showPlinth(stageShape, standing)
        if (standing) setPlinthHeight(stageShape, vp.coachPosition[1]! / k - STAGE_THICKNESS)
      }
      if (counter.current)
        counter.current.visible =
          showsCounter(lf.director.stretch) || showsCounter(lf.director.spot.stretch)
    }
    return () => {
      views.coach = null
    }
  }, [views, rig, stageShape])
  if (!rig) return null
  return (
    <group
      ref={frame}
      visible={false}
      name="xr-coach"
      // nothing in it is pointed at: the controllers' rays skip its ~40 bones every frame
      intersectChildren={false}
    >
      <group scale={1 / rig.modelStatureM}>
        <primitive object={model} name="coach" />
      </group>
      {/* the stage and its plinth: one mesh, one draw call per eye */}
      <mesh ref={stage} geometry={stageShape.geometry} visible={false} name="coach-stage">
        <meshStandardMaterial vertexColors roughness={0.85} />
      </mesh>
      <group ref={counter} visible={false} name="coach-counter">
        <mesh position={COUNTER_CENTRE}>
          <boxGeometry args={COUNTER_SIZE} />
          <meshStandardMaterial color="#d8cfc0" roughness={0.6} />
        </mesh>
      </group>
    </group>
  )
}

/** The coach, its stage and counter, and its caption. */
export function SessionCoach() {
  return (
    <>
      <Suspense fallback={null}>
        <CoachBody />
      </Suspense>
      <SessionCaption />
    </>
  )
}

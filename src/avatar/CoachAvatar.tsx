/**
 * The rigged coach: loads public/models/coach.glb (or another VRM-named
 * humanoid .glb) with three's GLTFLoader (through R3F's cache), clones it, and poses its skeleton every
 * frame from the demonstration timeline of src/core/coach: breathing with the
 * pacer in holds, and looking at the viewer (the camera unless told otherwise)
 * while it stands and speaks to them and at a side switch. The frame loop
 * allocates nothing and sets no React state: it writes `live` and the bones.
 */
import { useEffect, useMemo, useRef } from 'react'
import { useFrame, useLoader, useThree } from '@react-three/fiber'
import { clone as cloneSkinned } from 'three/examples/jsm/utils/SkeletonUtils.js'
import { Vector3, type Group, type Mesh, type Object3D, type SkinnedMesh } from 'three'
import { applyBreath } from '../core/coach/breath.ts'
import {
  createGaze,
  GAZE_DT,
  GAZE_HEAD_YAW,
  GAZE_WANT,
  GAZE_WEIGHT,
  GAZE_X,
  GAZE_Y,
  GAZE_Z,
  stepGaze,
} from '../core/coach/gaze.ts'
import { BREATH_FULLNESS, readBreath } from '../core/session/breathing.ts'
import { createTimelineCursor, sampleTimelineAtCursor, timelineOf } from '../core/coach/timeline.ts'
import { createPose, mirrorPose } from '../core/coach/pose.ts'
import { DEFAULT_HOLD_SECONDS, type StretchId } from '../core/stretches.ts'
import { applyCoachPose, createCoachRig, type CoachRig } from './coachRig.ts'
import { mergeCoachParts } from './coachOneDraw.ts'
import { PolicySafeGLTFLoader } from '../services/gltfLoader.ts'

/** URL of the coach model, relative to the app's base (the app is built with base './'). */
export const COACH_MODEL_URL = `${import.meta.env.BASE_URL}models/coach.glb`

/** The demonstration clock the avatar advances and publishes (a plain mutable object). */
export interface CoachClock {
  timeS: number
  durationS: number
  step: number
  side: 'left' | 'right' | 'both'
  phase: string
  holdRemaining: number
  rep: number
  firstHoldS: number
}

/** Props of CoachAvatar. */
export interface CoachAvatarProps {
  stretch: StretchId
  /** stature of the coach, metres */
  statureM: number
  /** advance the clock (false: hold the current time still) */
  playing: boolean
  /** clock read and written every frame */
  clock: CoachClock
  /** show the mirror image: the other side's keyframes (left ↔ right) */
  mirror?: boolean
  /** speed factor of the demonstration */
  speed?: number
  /** model URL (a VRM-named humanoid .glb); defaults to the coach */
  url?: string
  /** called each frame the pose changed: lets an on-demand canvas keep drawing */
  onFrame?: () => void
  /** open on the held pose (reduced motion: a still picture instead of a moving one) */
  startAtHold?: boolean
  /**
   * Whose head the coach looks at while it stands and speaks (before the
   * demonstration, at a side switch, when done): defaults to the scene's camera.
   */
  viewer?: Object3D | null
}

/**
 * The coach model, cloned for one use, and its rig: the headset session
 * poses it from its own frame loop; CoachAvatar below plays the preview's
 * demonstration on it.
 */
export function useCoachModel(url: string = COACH_MODEL_URL): {
  model: Group
  rig: CoachRig | null
} {
  const gltf = useLoader(PolicySafeGLTFLoader, url)
  const model = useMemo(() => {
    // once per loaded model (a no-op after): skin and clothes in one draw call
    mergeCoachParts(gltf.scene)
    const root = cloneSkinned(gltf.scene) as Group
    root.traverse((o) => {
      const m = o as Mesh
      // the skinned mesh's bounds do not follow the bones: never cull it
      if (m.isMesh) m.frustumCulled = false
    })
    shareSkeleton(root)
    return root
  }, [gltf.scene])
  const rig = useMemo(() => createCoachRig(model), [model])
  return { model, rig }
}

/**
 * The model's parts (one skinned mesh per material) each get a Skeleton of their
 * own from the loader, and three uploads every skeleton's bone texture every
 * frame. Parts bound to the same bones share the first one's: one upload. (The
 * coach's own parts are merged into one by mergeCoachParts; this is for another
 * model given by URL.)
 */
function shareSkeleton(root: Group): void {
  let first: SkinnedMesh | null = null
  root.traverse((o) => {
    const m = o as SkinnedMesh
    if (!m.isSkinnedMesh) return
    if (first === null) {
      first = m
      return
    }
    const a = first.skeleton.bones
    const b = m.skeleton.bones
    if (a.length === b.length && a.every((bone, i) => bone === b[i])) {
      m.bind(first.skeleton, m.bindMatrix)
    }
  })
}

/** The coach avatar at the origin of its parent (the coach frame), facing +Z. */
export function CoachAvatar({
  stretch,
  statureM,
  playing,
  clock,
  mirror = false,
  speed = 1,
  url = COACH_MODEL_URL,
  onFrame,
  startAtHold = false,
  viewer = null,
}: CoachAvatarProps) {
  const { model, rig } = useCoachModel(url)
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  const cursor = useMemo(() => createTimelineCursor(), [])
  const mirrored = useMemo(() => createPose(), [])
  const gaze = useMemo(() => createGaze(), [])
  /** [seconds into the hold (the pacer's clock), breath fullness, inhaling] */
  const breath = useMemo(() => new Float64Array(3), [])
  /** the gaze's turns last drawn (head yaw, pitch, eye yaw, pitch) */
  const drawnGaze = useMemo(() => new Float64Array(4), [])
  const viewerAt = useMemo(() => new Vector3(), [])
  const lastT = useRef(-1)

  useEffect(() => {
    const tl = timelineOf(stretch, DEFAULT_HOLD_SECONDS)
    clock.durationS = tl.duration
    // "the held pose": four seconds into the first hold, or the first arrival at cat / top
    const hold = tl.segments.find((s) => s.hold)
    const peak = tl.segments.find((s) => s.rep > 0 && (s.to === 'top' || s.to === 'cat'))
    clock.firstHoldS = hold
      ? hold.start + Math.min(4, hold.duration / 2)
      : peak
        ? peak.start + peak.duration - 0.05
        : 0
    if (startAtHold) clock.timeS = clock.firstHoldS
    lastT.current = -1
  }, [stretch, clock, startAtHold])

  useFrame((_state, delta) => {
    if (!rig) return
    if (playing) {
      clock.timeS += Math.min(delta, 0.1) * speed
      if (clock.timeS > clock.durationS) clock.timeS = 0
    }
    const g = gaze.num
    // still and not looking: nothing to redraw
    if (clock.timeS === lastT.current && !playing && g[GAZE_WANT] === 0 && g[GAZE_WEIGHT] === 0)
      return
    const moved = clock.timeS !== lastT.current
    lastT.current = clock.timeS
    cursor.time[0] = clock.timeS
    sampleTimelineAtCursor(cursor, stretch, DEFAULT_HOLD_SECONDS)
    clock.step = cursor.step
    clock.side = cursor.side
    clock.phase = cursor.phase
    clock.holdRemaining = cursor.holdRemaining
    clock.rep = cursor.rep
    const pose = mirror ? mirrored : cursor.pose
    if (mirror) mirrorPose(mirrored, cursor.pose)
    const seg = cursor.timeline!.segments[cursor.segment]!
    if (seg.hold) {
      // each hold starts on a breath in
      breath[0] = cursor.time[0]! - seg.start
      readBreath(breath, 1, breath, 0)
      applyBreath(pose, breath, 1 + BREATH_FULLNESS)
    }
    // standing before the demonstration and when done, and at the side switch: look at the viewer
    g[GAZE_WANT] =
      (seg.from === 'stand' && seg.to === 'stand') || seg.phase === 'switchSide' ? 1 : 0
    const who = viewer ?? camera
    who.getWorldPosition(viewerAt)
    model.worldToLocal(viewerAt)
    g[GAZE_X] = viewerAt.x / rig.modelStatureM
    g[GAZE_Y] = viewerAt.y / rig.modelStatureM
    g[GAZE_Z] = viewerAt.z / rig.modelStatureM
    g[GAZE_DT] = Math.min(delta, 0.1)
    stepGaze(gaze, pose)
    applyCoachPose(rig, pose)
    // keep drawing while the time moves or the gaze is still on its way (an on-demand canvas
    // draws, and so runs this, only when asked)
    let turned = Math.abs(g[GAZE_WANT]! - g[GAZE_WEIGHT]!) > 1e-3
    for (let k = 0; k < 4; k++) {
      if (Math.abs(g[GAZE_HEAD_YAW + k]! - drawnGaze[k]!) > 0.01) turned = true
      drawnGaze[k] = g[GAZE_HEAD_YAW + k]!
    }
    if (onFrame && (moved || turned || playing)) onFrame()
    // the gaze eases on after the clock stops: ask for the next frame itself
    else if (turned) invalidate()
  })

  if (!rig) return null
  const scale = statureM / rig.modelStatureM
  return <primitive object={model} scale={scale} name="coach" />
}

useLoader.preload(PolicySafeGLTFLoader, COACH_MODEL_URL)

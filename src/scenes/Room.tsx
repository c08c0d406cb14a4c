import { useEffect, useMemo } from 'react'
import { createBodyModel } from '../core/bodyModel.ts'
import type { CounterPlacement } from '../core/session/runner.ts'
import { useEyeHeightM } from '../services/settings.ts'
import { COUNTER, MAT, counterHeightM } from './roomLayout.ts'
import { createCountertop, createRoomShell } from './roomShell.ts'

/** Soft light without any environment map: sky/ground fill plus one warm key light. */
export function SceneLights() {
  return (
    <>
      <hemisphereLight args={['#f4f7ff', '#b8a88f', 1.4]} />
      <directionalLight position={[2.5, 4, 3]} intensity={1.6} color="#fff6e8" />
      <directionalLight position={[-3, 2.5, -1]} intensity={0.35} color="#dce8ff" />
    </>
  )
}

/** The mat's outline only, for passthrough: the real room shows through. */
export function MatOutline() {
  const points = useMemo(() => {
    const hx = MAT.lengthM / 2
    const hz = MAT.widthM / 2
    const y = 0.004
    return new Float32Array([-hx, y, -hz, hx, y, -hz, hx, y, hz, -hx, y, hz])
  }, [])
  return (
    <lineLoop position={[MAT.centre[0], 0, MAT.centre[2]]} name="mat-outline">
      <bufferGeometry>
        <bufferAttribute attach="attributes-position" args={[points, 3]} />
      </bufferGeometry>
      <lineBasicMaterial color="#3fd1a8" />
    </lineLoop>
  )
}

/** Where the hands rest from the counter's near edge (m): a palm's depth in. */
const HANDS_FROM_EDGE_M = 0.12

/**
 * The countertop for cat-cow: at the real counter once the hands measured it
 * (its top at their height, its near edge just short of them, across the
 * user's heading), else at 0.51 H of the user's stature in its usual place.
 */
export function Countertop({ measured = null }: { measured?: CounterPlacement | null }) {
  const eye = useEyeHeightM()
  const heightM = measured?.heightM ?? counterHeightM(createBodyModel(eye).statureM)
  const seeThrough = measured !== null
  const geometry = useMemo(() => createCountertop(heightM, seeThrough), [heightM, seeThrough])
  useEffect(() => () => geometry.dispose(), [geometry])
  // the room's counter runs along Z with its depth along X; turn it so its depth runs along the heading
  let x: number = COUNTER.centre[0]
  let z: number = COUNTER.centre[2]
  let yaw = 0
  if (measured) {
    const fx = -Math.sin(measured.yawRad)
    const fz = -Math.cos(measured.yawRad)
    const ahead = COUNTER.depthM / 2 - HANDS_FROM_EDGE_M
    x = measured.x + fx * ahead
    z = measured.z + fz * ahead
    yaw = measured.yawRad + Math.PI / 2
  }
  return (
    <group
      // a new material when measured: three does not re-sort or re-blend an opaque one made see-through
      key={measured === null ? 'room' : 'measured'}
      position={[x, 0, z]}
      rotation-y={yaw}
      name="countertop"
    >
      {/* At the real counter the whole counter is see-through (the real one is under the
          hands): its edge shows where they rest, and the coach beyond it stays in view. */}
      <mesh geometry={geometry}>
        <meshStandardMaterial
          vertexColors
          roughness={0.7}
          transparent={seeThrough}
          depthWrite={!seeThrough}
        />
      </mesh>
    </group>
  )
}

/**
 * The virtual room: floor, two walls and (`withMat`) the exercise mat as one
 * mesh, and the countertop (at the real counter once measured). Hidden in
 * passthrough.
 */
export function VirtualRoom({
  visible = true,
  counter = null,
  withMat = false,
}: {
  visible?: boolean
  counter?: CounterPlacement | null
  withMat?: boolean
}) {
  const shell = useMemo(() => createRoomShell(withMat), [withMat])
  useEffect(() => () => shell.dispose(), [shell])
  return (
    <group visible={visible} name="virtual-room" intersectChildren={false}>
      <mesh geometry={shell} name={withMat ? 'room-and-mat' : 'room'}>
        {/* the floor's, the walls' and the mat's roughness were 0.9–1: one material */}
        <meshStandardMaterial vertexColors roughness={0.95} />
      </mesh>
      <Countertop measured={counter} />
    </group>
  )
}

import { useMemo } from 'react'
import { createBodyModel } from '../core/bodyModel.ts'
import type { CounterPlacement } from '../core/session/runner.ts'
import { useEyeHeightM } from '../services/settings.ts'
import { COUNTER, MAT, ROOM, counterHeightM } from './roomLayout.ts'

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

/** The exercise mat, solid (virtual room) on the floor at the origin. */
export function ExerciseMat() {
  return (
    <mesh position={[MAT.centre[0], MAT.thicknessM / 2, MAT.centre[2]]} name="exercise-mat">
      <boxGeometry args={[MAT.lengthM, MAT.thicknessM, MAT.widthM]} />
      <meshStandardMaterial color="#6a9c8a" roughness={0.95} />
    </mesh>
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
  const topThickness = 0.04
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
      <mesh position={[0, heightM - topThickness / 2, 0]}>
        <boxGeometry args={[COUNTER.depthM, topThickness, COUNTER.lengthM]} />
        <meshStandardMaterial
          color="#d8cfc0"
          roughness={0.6}
          transparent={measured !== null}
          opacity={measured !== null ? 0.55 : 1}
          depthWrite={measured === null}
        />
      </mesh>
      <mesh position={[-0.03, (heightM - topThickness) / 2, 0]}>
        <boxGeometry
          args={[COUNTER.depthM - 0.06, heightM - topThickness, COUNTER.lengthM - 0.04]}
        />
        <meshStandardMaterial
          color="#8a6f55"
          roughness={0.8}
          transparent={measured !== null}
          opacity={measured !== null ? 0.25 : 1}
          depthWrite={measured === null}
        />
      </mesh>
    </group>
  )
}

/** The virtual room: floor, two walls, the countertop (at the real counter once measured). Hidden in passthrough. */
export function VirtualRoom({
  visible = true,
  counter = null,
}: {
  visible?: boolean
  counter?: CounterPlacement | null
}) {
  return (
    <group visible={visible} name="virtual-room">
      <mesh rotation-x={-Math.PI / 2} name="floor">
        <planeGeometry args={[ROOM.floorM, ROOM.floorM]} />
        <meshStandardMaterial color="#c9bfae" roughness={0.9} />
      </mesh>
      <mesh position={[0, ROOM.wallHeightM / 2, ROOM.backWallZ]}>
        <planeGeometry args={[ROOM.floorM, ROOM.wallHeightM]} />
        <meshStandardMaterial color="#e9eee9" roughness={1} />
      </mesh>
      <mesh position={[ROOM.leftWallX, ROOM.wallHeightM / 2, 0]} rotation-y={Math.PI / 2}>
        <planeGeometry args={[ROOM.floorM, ROOM.wallHeightM]} />
        <meshStandardMaterial color="#dfe8e4" roughness={1} />
      </mesh>
      <Countertop measured={counter} />
    </group>
  )
}

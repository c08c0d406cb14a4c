import { useEffect, useMemo } from 'react'
import { DoubleSide } from 'three'
import { createBodyModel } from '../core/bodyModel.ts'
import type { CounterPlacement } from '../core/session/runner.ts'
import { useEyeHeightM } from '../services/settings.ts'
import { COUNTER, MAT, counterHeightM } from './roomLayout.ts'
import { createCountertop } from './roomShell.ts'
import {
  createEnvironmentBackdrop,
  createEnvironmentShell,
  ENVIRONMENT_LIGHTS,
  type EnvironmentId,
} from './environments/environments.ts'
import { rewardSceneHooks } from './environments/rewardSceneHooks.ts'
import { useRoomEnvironment } from './environments/useRoomEnvironment.ts'

/**
 * Soft light without any environment map: sky/ground fill, a key light and a
 * fill light, in the mood of the chosen environment (`environment` overrides
 * it: passthrough keeps the studio's neutral light on the coach).
 */
export function SceneLights({ environment }: { environment?: EnvironmentId }) {
  const chosen = useRoomEnvironment()
  const l = ENVIRONMENT_LIGHTS[environment ?? chosen]
  return (
    <>
      <hemisphereLight args={[l.sky, l.ground, l.hemisphere]} />
      <directionalLight position={l.keyPosition} intensity={l.keyIntensity} color={l.key} />
      <directionalLight position={l.fillPosition} intensity={l.fillIntensity} color={l.fill} />
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
 * The virtual room in the chosen environment (`environment` overrides the
 * setting): floor, walls, props and (`withMat`) the exercise mat as one lit
 * mesh, the sky and far scenery as one unlit mesh (none in the studio), and
 * the countertop (at the real counter once measured). Hidden in passthrough.
 */
export function VirtualRoom({
  visible = true,
  counter = null,
  withMat = false,
  environment,
}: {
  visible?: boolean
  counter?: CounterPlacement | null
  withMat?: boolean
  environment?: EnvironmentId
}) {
  const chosen = useRoomEnvironment()
  const env = environment ?? chosen
  const shell = useMemo(() => createEnvironmentShell(env, withMat), [env, withMat])
  const backdrop = useMemo(() => createEnvironmentBackdrop(env), [env])
  useEffect(() => () => shell.dispose(), [shell])
  useEffect(() => () => backdrop?.dispose(), [backdrop])
  useEffect(() => {
    rewardSceneHooks.environment = env
    rewardSceneHooks.roomsBuilt += 1
  }, [env])
  return (
    <group visible={visible} name="virtual-room" intersectChildren={false}>
      <mesh geometry={shell} name={withMat ? 'room-and-mat' : 'room'}>
        {/* the floor's, the walls' and the mat's roughness were 0.9–1: one material */}
        <meshStandardMaterial vertexColors roughness={0.95} />
      </mesh>
      {backdrop && (
        <mesh geometry={backdrop} name={`backdrop-${env}`}>
          {/* the sky is its own light: unlit, its colours as given, seen from inside */}
          <meshBasicMaterial vertexColors side={DoubleSide} toneMapped={false} fog={false} />
        </mesh>
      )}
      <Countertop measured={counter} />
    </group>
  )
}

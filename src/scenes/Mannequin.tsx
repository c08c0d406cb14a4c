import { useMemo } from 'react'
import { createBodyModel } from '../core/bodyModel.ts'
import { useEyeHeightM } from '../app/settings.ts'

/** Props: where the mannequin stands (floor point, metres) and which way it faces (rad about +Y). */
export interface MannequinProps {
  position?: [number, number, number]
  yawRad?: number
  /** standing eye height in metres; defaults to the user's (settings) */
  eyeHeightM?: number
}

const SKIN = '#d9a88a'
const SHIRT = '#2f7d8c'
const TROUSERS = '#33404d'

/**
 * A simple standing figure built from primitives and sized from the body model,
 * facing +Z. It stands where the coach will stand until the rigged coach replaces it.
 */
export function Mannequin({ position = [0, 0, 0], yawRad = 0, eyeHeightM }: MannequinProps) {
  const userEye = useEyeHeightM()
  const body = useMemo(() => createBodyModel(eyeHeightM ?? userEye), [eyeHeightM, userEye])
  const H = body.statureM
  const hipY = 0.53 * H
  const kneeY = 0.285 * H
  const ankleY = 0.039 * H
  const shoulderY = 0.818 * H
  const headPivotY = shoulderY + body.neck
  const headR = 0.062 * H
  const limbR = 0.028 * H
  const armR = 0.022 * H
  const halfShoulder = body.shoulderWidth / 2
  const thighLen = hipY - kneeY
  const shankLen = kneeY - ankleY
  const armLen = body.upperArm + body.forearm
  return (
    <group position={position} rotation-y={yawRad} name="mannequin">
      {/* head: centre a little above the pivot so the eyes sit at eye height */}
      <mesh position={[0, headPivotY + 0.045 * H, 0.01 * H]} castShadow>
        <sphereGeometry args={[headR, 24, 16]} />
        <meshStandardMaterial color={SKIN} roughness={0.8} />
      </mesh>
      <mesh position={[0, shoulderY + body.neck * 0.4, 0]}>
        <cylinderGeometry args={[0.025 * H, 0.028 * H, body.neck, 12]} />
        <meshStandardMaterial color={SKIN} roughness={0.8} />
      </mesh>
      {/* trunk: hips to shoulders */}
      <mesh position={[0, (hipY + shoulderY) / 2, 0]} castShadow>
        <boxGeometry args={[body.shoulderWidth * 0.92, shoulderY - hipY, 0.11 * H]} />
        <meshStandardMaterial color={SHIRT} roughness={0.7} />
      </mesh>
      <mesh position={[0, hipY, 0]}>
        <boxGeometry args={[body.outerHipWidth, 0.07 * H, 0.1 * H]} />
        <meshStandardMaterial color={TROUSERS} roughness={0.8} />
      </mesh>
      {[-1, 1].map((side) => (
        <group key={side}>
          {/* thigh and shank */}
          <mesh position={[side * body.hipJointOffset, kneeY + thighLen / 2, 0]} castShadow>
            <capsuleGeometry args={[limbR * 1.15, thighLen - 2 * limbR, 4, 12]} />
            <meshStandardMaterial color={TROUSERS} roughness={0.8} />
          </mesh>
          <mesh position={[side * body.hipJointOffset, ankleY + shankLen / 2, 0]} castShadow>
            <capsuleGeometry args={[limbR, shankLen - 2 * limbR, 4, 12]} />
            <meshStandardMaterial color={TROUSERS} roughness={0.8} />
          </mesh>
          {/* foot */}
          <mesh position={[side * body.hipJointOffset, ankleY / 2, body.foot * 0.3]}>
            <boxGeometry args={[0.05 * H, ankleY, body.foot]} />
            <meshStandardMaterial color="#1d252c" roughness={0.9} />
          </mesh>
          {/* arm hanging from the shoulder, hand at its end */}
          <mesh position={[side * (halfShoulder + armR * 0.5), shoulderY - armLen / 2, 0]}>
            <capsuleGeometry args={[armR, armLen - 2 * armR, 4, 12]} />
            <meshStandardMaterial color={SHIRT} roughness={0.7} />
          </mesh>
          <mesh
            position={[side * (halfShoulder + armR * 0.5), shoulderY - armLen - body.hand * 0.4, 0]}
          >
            <sphereGeometry args={[body.hand * 0.35, 16, 12]} />
            <meshStandardMaterial color={SKIN} roughness={0.8} />
          </mesh>
        </group>
      ))}
    </group>
  )
}

/**
 * The recorded head and hands as a translucent ghost: a head with a visor that shows
 * where the face pointed, two hands, and a limb from the head to each hand, posed
 * from the track's ghost samples at the playhead. Green while the engine had the user
 * in the pose, blue otherwise. The frame loop allocates nothing: scratch vectors,
 * the playhead read from a plain object.
 */
import { useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { Color, Group, Mesh, MeshStandardMaterial, Quaternion, Vector3 } from 'three'
import {
  GHOST_STRIDE,
  TRACKED_HEAD,
  TRACKED_LEFT,
  TRACKED_RIGHT,
  type ReplayTrack,
} from '../../services/replay/replayScore.ts'
import { GHOST_BESIDE_M, sampleAt, type GhostTransform } from './replayPlacement.ts'

/** The playhead the page moves and the scene reads each frame. */
export interface Playhead {
  timeS: number
}

/** Where the ghost waits before a trace is open: beside the coach on the mat, facing +X like it. */
const WAIT_X = GHOST_BESIDE_M
const BLUE = new Color('#2f6fde')
const GREEN = new Color('#16a34a')
const UP = new Vector3(0, 1, 0)
const _a = new Vector3()
const _b = new Vector3()
const _d = new Vector3()
const _q = new Quaternion()
const _turn = new Quaternion()

/** The point of the ghost's sample `i`, pose `k` (0 head, 1 left, 2 right), in the scene. */
function place(out: Vector3, g: Float32Array, i: number, k: number, tf: GhostTransform): Vector3 {
  const o = i * GHOST_STRIDE + (k === 0 ? 0 : k === 1 ? 7 : 10)
  const dx = g[o]! - tf.cx
  const dz = g[o + 2]! - tf.cz
  return out.set(tf.cos * dx + tf.sin * dz + tf.ox, g[o + 1]!, -tf.sin * dx + tf.cos * dz + tf.oz)
}

/** Stretches a unit cylinder (along +Y, centred) from a to b. */
function limb(mesh: Mesh, a: Vector3, b: Vector3): void {
  _d.subVectors(b, a)
  const len = _d.length()
  mesh.position.addVectors(a, b).multiplyScalar(0.5)
  mesh.scale.set(1, Math.max(len, 1e-4), 1)
  if (len > 1e-6) mesh.quaternion.setFromUnitVectors(UP, _d.divideScalar(len))
}

export function ReplayGhost({
  track,
  transform,
  playhead,
}: {
  /** null before a trace is open: the ghost then stands waiting beside the coach */
  track: ReplayTrack | null
  transform: GhostTransform | null
  playhead: Playhead
}) {
  const head = useRef<Group>(null)
  const left = useRef<Mesh>(null)
  const right = useRef<Mesh>(null)
  const leftLimb = useRef<Mesh>(null)
  const rightLimb = useRef<Mesh>(null)
  const shadow = useRef<Mesh>(null)
  const material = useMemo(
    () =>
      new MeshStandardMaterial({
        color: BLUE,
        transparent: true,
        opacity: 0.6,
        roughness: 0.4,
        depthWrite: false,
      }),
    [],
  )

  useFrame(() => {
    const h = head.current
    const l = left.current
    const r = right.current
    const ll = leftLimb.current
    const rl = rightLimb.current
    const s = shadow.current
    if (!h || !l || !r || !ll || !rl || !s) return
    if (track === null || transform === null || track.ghostT.length === 0) {
      // Before a trace: the ghost stands where the recording will play, and is drawn
      // (its shaders compile with the first frame, not with the frame that shows a trace).
      h.position.set(WAIT_X, 1.5, 0)
      h.quaternion.set(0, -Math.SQRT1_2, 0, Math.SQRT1_2) // −90° about +Y: facing +X
      s.position.set(WAIT_X, 0.012, 0)
      _a.set(WAIT_X, 1.5, 0)
      _b.set(WAIT_X - 0.12, 0.85, 0.22)
      l.position.copy(_b)
      limb(ll, _a, _b)
      _b.set(WAIT_X - 0.12, 0.85, -0.22)
      r.position.copy(_b)
      limb(rl, _a, _b)
      material.color.copy(BLUE)
      return
    }
    const i = sampleAt(track.ghostT, playhead.timeS)
    const bits = track.ghostTracked[i]!
    const g = track.ghost
    const k = sampleAt(track.timeT, playhead.timeS)
    material.color.copy(track.inPose[k] === 1 ? GREEN : BLUE)
    h.visible = (bits & TRACKED_HEAD) !== 0
    place(_a, g, i, 0, transform)
    h.position.copy(_a)
    const o = i * GHOST_STRIDE
    _q.set(g[o + 3]!, g[o + 4]!, g[o + 5]!, g[o + 6]!)
    _turn.set(0, transform.qy, 0, transform.qw)
    h.quaternion.multiplyQuaternions(_turn, _q)
    s.position.set(_a.x, 0.012, _a.z)
    s.visible = h.visible
    l.visible = (bits & TRACKED_LEFT) !== 0
    ll.visible = l.visible && h.visible
    place(_b, g, i, 1, transform)
    l.position.copy(_b)
    limb(ll, _a, _b)
    r.visible = (bits & TRACKED_RIGHT) !== 0
    rl.visible = r.visible && h.visible
    place(_b, g, i, 2, transform)
    r.position.copy(_b)
    limb(rl, _a, _b)
  })

  return (
    <group name="replay-ghost">
      <group ref={head}>
        <mesh material={material}>
          <sphereGeometry args={[0.11, 24, 16]} />
        </mesh>
        {/* the visor: the face looks along −Z */}
        <mesh material={material} position={[0, 0.01, -0.1]}>
          <boxGeometry args={[0.16, 0.06, 0.05]} />
        </mesh>
      </group>
      <mesh ref={left} material={material}>
        <sphereGeometry args={[0.055, 16, 12]} />
      </mesh>
      <mesh ref={right} material={material}>
        <sphereGeometry args={[0.055, 16, 12]} />
      </mesh>
      <mesh ref={leftLimb} material={material}>
        <cylinderGeometry args={[0.025, 0.025, 1, 10]} />
      </mesh>
      <mesh ref={rightLimb} material={material}>
        <cylinderGeometry args={[0.025, 0.025, 1, 10]} />
      </mesh>
      <mesh ref={shadow} rotation-x={-Math.PI / 2}>
        <circleGeometry args={[0.14, 24]} />
        <meshBasicMaterial color="#1f3a4d" transparent opacity={0.18} depthWrite={false} />
      </mesh>
    </group>
  )
}

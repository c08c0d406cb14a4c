/**
 * Drives a VRM-named humanoid three.js skeleton from core coach poses. The
 * core's rotations are relative to VRM's normalised T-pose (every bone's rest
 * world rotation = identity); a model whose bones rest otherwise is retargeted
 * at load from its own rest pose: local = parentRestWorld⁻¹ · q · boneRestWorld.
 * Per-frame code allocates nothing.
 */
import { Quaternion, type Bone, type Object3D } from 'three'
import { BODY_FRACTIONS } from '../core/bodyModel.ts'
import type { CoachPose } from '../core/coach/pose.ts'
import { BONE_COUNT, BONE_NAMES } from '../core/coach/skeleton.ts'

/** A skeleton found in a loaded model, with what retargeting needs. */
export interface CoachRig {
  /** the three.js bone for each BONE_NAMES entry (null when the model lacks it) */
  readonly bones: readonly (Object3D | null)[]
  /** rest world rotation of each bone, and the inverse rest world rotation of its parent */
  readonly restWorld: readonly Quaternion[]
  readonly parentRestWorldInv: readonly Quaternion[]
  /** the model's stature, metres, from its rest hip height (0.53 H) */
  readonly modelStatureM: number
  /** the hips' rest position in its parent's frame (x and z kept, y replaced) */
  readonly hipsRestX: number
  readonly hipsRestZ: number
}

/** Finds the VRM humanoid bones of `root` by name; null when the hips are missing. */
export function createCoachRig(root: Object3D): CoachRig | null {
  root.updateMatrixWorld(true)
  const byName = new Map<string, Object3D>()
  root.traverse((o) => {
    if (
      ((o as Bone).isBone || o.type === 'Object3D' || o.type === 'Group') &&
      !byName.has(o.name)
    ) {
      byName.set(o.name, o)
    }
  })
  const bones = BONE_NAMES.map((n) => byName.get(n) ?? null)
  const hips = bones[0]
  if (!hips) return null
  const restWorld: Quaternion[] = []
  const parentRestWorldInv: Quaternion[] = []
  for (let i = 0; i < BONE_COUNT; i++) {
    const b = bones[i]
    const w = new Quaternion()
    const p = new Quaternion()
    if (b) {
      b.getWorldQuaternion(w)
      if (b.parent) b.parent.getWorldQuaternion(p)
      p.invert()
    }
    restWorld.push(w)
    parentRestWorldInv.push(p)
  }
  const hipsWorldY = hips.getWorldPosition(hips.position.clone()).y
  const rootY = root.getWorldPosition(root.position.clone()).y
  return {
    bones,
    restWorld,
    parentRestWorldInv,
    modelStatureM: (hipsWorldY - rootY) / BODY_FRACTIONS.standingHipHeight,
    hipsRestX: hips.position.x,
    hipsRestZ: hips.position.z,
  }
}

const _q = new Quaternion()

/**
 * Poses the rig: bone rotations from `pose` (retargeted) and the hips' position
 * (fractions of H in the coach frame, turned into the model's units).
 */
export function applyCoachPose(rig: CoachRig, pose: CoachPose): void {
  for (let i = 0; i < BONE_COUNT; i++) {
    const b = rig.bones[i]
    if (!b) continue
    _q.set(pose.rot[i * 4]!, pose.rot[i * 4 + 1]!, pose.rot[i * 4 + 2]!, pose.rot[i * 4 + 3]!)
    b.quaternion.copy(rig.parentRestWorldInv[i]!).multiply(_q).multiply(rig.restWorld[i]!)
  }
  const hips = rig.bones[0]!
  const s = rig.modelStatureM
  hips.position.set(pose.hips[0]! * s, pose.hips[1]! * s, pose.hips[2]! * s)
}

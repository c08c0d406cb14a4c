import { describe, expect, it } from 'vitest'
import { Bone, Group, Quaternion, Vector3 } from 'three'
import { applyCoachPose, createCoachRig } from '../../src/avatar/coachRig.ts'
import { keyframeFK, ORIGIN_PLACEMENT } from '../../src/core/coach/fk.ts'
import { getStretchKeyframe } from '../../src/core/coach/keyframes.ts'
import {
  BONE_COUNT,
  BONE_NAMES,
  BONE_PARENT,
  BONE_REST_OFFSET,
} from '../../src/core/coach/skeleton.ts'

const H = 1.75

/** A VRM-named skeleton at stature H; with `twisted`, every bone rests with an arbitrary rotation (as some exporters do). */
function skeleton(twisted: boolean): { root: Group; bones: Bone[] } {
  const root = new Group()
  const bones: Bone[] = []
  const world: Quaternion[] = []
  for (let i = 0; i < BONE_COUNT; i++) {
    const b = new Bone()
    b.name = BONE_NAMES[i]!
    const restWorld = twisted
      ? new Quaternion().setFromAxisAngle(new Vector3(1, 2, 3 - i).normalize(), 0.3 + i * 0.17)
      : new Quaternion()
    const p = BONE_PARENT[i]!
    const parentWorld = p < 0 ? new Quaternion() : world[p]!
    // local rotation so that the bone's rest world rotation is restWorld
    b.quaternion.copy(parentWorld).invert().multiply(restWorld)
    const o = BONE_REST_OFFSET[i]!
    // local offset expressed in the parent's (possibly twisted) frame
    const off = new Vector3(o[0] * H, o[1] * H, o[2] * H).applyQuaternion(
      parentWorld.clone().invert(),
    )
    b.position.copy(off)
    ;(p < 0 ? root : bones[p]!).add(b)
    bones.push(b)
    world.push(restWorld)
  }
  return { root, bones }
}

describe('coach rig (three.js)', () => {
  it('poses a VRM-named skeleton exactly where core FK puts the joints', () => {
    const { root, bones } = skeleton(false)
    const rig = createCoachRig(root)!
    expect(rig.modelStatureM).toBeCloseTo(H, 9)
    const pose = getStretchKeyframe('childs-pose', 'both', 'target')!
    applyCoachPose(rig, pose)
    root.updateMatrixWorld(true)
    const fk = keyframeFK('childs-pose', 'both', 'target', H, ORIGIN_PLACEMENT)
    const v = new Vector3()
    for (let i = 0; i < BONE_COUNT; i++) {
      bones[i]!.getWorldPosition(v)
      expect(v.x).toBeCloseTo(fk.jointPos[i * 3]!, 9)
      expect(v.y).toBeCloseTo(fk.jointPos[i * 3 + 1]!, 9)
      expect(v.z).toBeCloseTo(fk.jointPos[i * 3 + 2]!, 9)
    }
  })

  it('retargets from the rest pose: a model whose bones rest rotated moves its joints the same way', () => {
    const a = skeleton(false)
    const b = skeleton(true)
    const ra = createCoachRig(a.root)!
    const rb = createCoachRig(b.root)!
    const pose = getStretchKeyframe('supine-twist', 'right', 'target')!
    applyCoachPose(ra, pose)
    applyCoachPose(rb, pose)
    a.root.updateMatrixWorld(true)
    b.root.updateMatrixWorld(true)
    const va = new Vector3()
    const vb = new Vector3()
    for (let i = 0; i < BONE_COUNT; i++) {
      a.bones[i]!.getWorldPosition(va)
      b.bones[i]!.getWorldPosition(vb)
      expect(vb.distanceTo(va)).toBeLessThan(1e-9)
    }
  })

  it('refuses a model without hips', () => {
    expect(createCoachRig(new Group())).toBeNull()
  })
})

/**
 * The coach model bends as one smooth skin (issue 13): public/models/coach.glb
 * is skinned on the CPU with linear blend skinning, the bones posed by core's
 * FK, over every keyframe of every stretch and side (its own keyframes and the
 * transitions of its posture) at statures 1.50, 1.75 and 1.95 m, the way the
 * avatar scales the model to the coach. Every pose keeps at least 99.5 % of
 * the triangles facing the way their dominant bone turned them, and no
 * triangle grows past three times its rest area; a fifth of the vertices or
 * more blend two bones or more. The worst figures are printed.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COACH_GLB_PATH, MODEL_STATURE_M } from '../../scripts/build-models.ts'
import { keyframeFK, STRETCH_KEYFRAMES } from '../../src/core/coach/fk.ts'
import { BONE, BONE_COUNT, type BoneName } from '../../src/core/coach/skeleton.ts'
import { WAY_DOWN } from '../../src/core/coach/timeline.ts'
import { STRETCHES, STRETCH_IDS, sidesOf, type StretchId } from '../../src/core/stretches.ts'
import { loadSkinnedModel, skinPose, type SkinnedModel } from './skinning.ts'

const STATURES = [1.5, 1.75, 1.95]
const MIN_KEPT = 0.995
const MAX_GROWTH = 3

function keyframesOf(id: StretchId): string[] {
  return [...WAY_DOWN[STRETCHES[id].posture], ...STRETCH_KEYFRAMES[id]]
}

/** Posed triangle figures: share keeping their orientation, and the largest area growth. */
function triangleFigures(model: SkinnedModel, posed: Float64Array, rot: Float64Array, s: number) {
  const { pos, tris, dominant } = model
  let kept = 0
  let growth = 0
  const n = tris.length / 3
  for (let t = 0; t < n; t++) {
    const a = tris[t * 3]! * 3
    const b = tris[t * 3 + 1]! * 3
    const c = tris[t * 3 + 2]! * 3
    const rest = cross(pos, a, b, c)
    const now = cross(posed, a, b, c)
    const restArea = Math.hypot(rest[0], rest[1], rest[2])
    const nowArea = Math.hypot(now[0], now[1], now[2])
    // the rest normal turned by the triangle's dominant bone: where the face should point
    const q = dominant[t]!
    const r = rotate(rot, q, rest)
    if (r[0] * now[0] + r[1] * now[1] + r[2] * now[2] > 0) kept++
    if (restArea > 1e-12) growth = Math.max(growth, nowArea / (restArea * s * s))
  }
  return { kept: kept / n, growth }
}

function cross(p: ArrayLike<number>, a: number, b: number, c: number): [number, number, number] {
  const ux = p[b]! - p[a]!
  const uy = p[b + 1]! - p[a + 1]!
  const uz = p[b + 2]! - p[a + 2]!
  const vx = p[c]! - p[a]!
  const vy = p[c + 1]! - p[a + 1]!
  const vz = p[c + 2]! - p[a + 2]!
  return [uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx]
}

function rotate(
  rot: Float64Array,
  bone: number,
  v: [number, number, number],
): [number, number, number] {
  const x = rot[bone * 4]!
  const y = rot[bone * 4 + 1]!
  const z = rot[bone * 4 + 2]!
  const w = rot[bone * 4 + 3]!
  // v + 2w(q × v) + 2 q × (q × v)
  const cx = y * v[2] - z * v[1]
  const cy = z * v[0] - x * v[2]
  const cz = x * v[1] - y * v[0]
  return [
    v[0] + 2 * (w * cx + y * cz - z * cy),
    v[1] + 2 * (w * cy + z * cx - x * cz),
    v[2] + 2 * (w * cz + x * cy - y * cx),
  ]
}

describe('coach.glb skinning', async () => {
  const model = await loadSkinnedModel(readFileSync(COACH_GLB_PATH))

  it('binds every joint of the skeleton by its VRM name', () => {
    expect(model.jointBone).toHaveLength(BONE_COUNT)
    for (let j = 0; j < BONE_COUNT; j++) expect(model.jointBone[j]).toBe(j)
  })

  it('blends two or more bones on at least a fifth of the vertices, across every joint', () => {
    const share = model.multiWeighted / model.vertexCount
    console.log(
      `coach.glb: ${model.vertexCount} vertices, ${model.tris.length / 3} triangles, ` +
        `${(share * 100).toFixed(1)} % of vertices blend 2+ bones`,
    )
    expect(share).toBeGreaterThanOrEqual(0.2)
    // each bending joint has vertices shared between the bones on both sides of it
    const pairs: [BoneName, BoneName][] = [
      ['hips', 'spine'],
      ['spine', 'chest'],
      ['chest', 'neck'],
      ['neck', 'head'],
      ['leftUpperArm', 'leftLowerArm'],
      ['rightUpperArm', 'rightLowerArm'],
      ['leftLowerArm', 'leftHand'],
      ['leftShoulder', 'leftUpperArm'],
      ['hips', 'leftUpperLeg'],
      ['hips', 'rightUpperLeg'],
      ['leftUpperLeg', 'leftLowerLeg'],
      ['rightUpperLeg', 'rightLowerLeg'],
      ['leftLowerLeg', 'leftFoot'],
    ]
    for (const [a, b] of pairs) {
      expect(model.blends.has(`${BONE[a]}-${BONE[b]}`), `${a} and ${b} blend`).toBe(true)
    }
  })

  /** Every pose's figures, computed once. */
  const poses: { at: string; kept: number; growth: number; hipBend: number; hipTwist: number }[] =
    []
  for (const id of STRETCH_IDS) {
    for (const side of sidesOf(id)) {
      for (const k of keyframesOf(id)) {
        for (const H of STATURES) {
          const fk = keyframeFK(id, side, k, H)
          const s = H / MODEL_STATURE_M
          const posed = skinPose(model, fk.jointPos, fk.jointRot, s)
          const f = triangleFigures(model, posed, fk.jointRot, s)
          const hip = hipAngles(fk.jointRot)
          poses.push({ at: `${id} ${side} ${k} H=${H}`, ...f, ...hip })
        }
      }
    }
  }
  const failing = (list: typeof poses) =>
    list
      .filter((p) => p.kept < MIN_KEPT || p.growth > MAX_GROWTH)
      .map(
        (p) =>
          `${p.at}: ${(p.kept * 100).toFixed(2)} % kept, ${p.growth.toFixed(2)}× ` +
          `(hip bend ${p.hipBend.toFixed(0)}°, twist ${p.hipTwist.toFixed(0)}°)`,
      )

  it('prints the worst figures over every keyframe of every stretch at three statures', () => {
    expect(poses.length).toBeGreaterThan(300)
    const worstKept = poses.reduce((a, b) => (b.kept < a.kept ? b : a))
    const worstGrowth = poses.reduce((a, b) => (b.growth > a.growth ? b : a))
    console.log(
      `coach.glb over ${poses.length} poses: worst ${(worstKept.kept * 100).toFixed(2)} % of ` +
        `triangles keep their orientation (${worstKept.at}); largest area growth ` +
        `${worstGrowth.growth.toFixed(2)}× (${worstGrowth.at}); ` +
        `${failing(poses).length} poses miss 99.5 % / 3×:\n  ${failing(poses).join('\n  ')}`,
    )
    // every pose keeps most of the body right: a vertex on the wrong bone would wreck this
    expect(worstKept.kept).toBeGreaterThan(0.97)
  })

  it('keeps ≥ 99.5 % of triangles facing right and none past 3× its area wherever no thigh turns past 90° about itself', () => {
    const untwisted = poses.filter((p) => Math.abs(p.hipTwist) <= 90)
    // the deep hip bends are in: sitting, child's pose, knee to chest (hips bent up to 160°)
    expect(untwisted.length).toBeGreaterThan(300)
    expect(Math.max(...untwisted.map((p) => p.hipBend))).toBeGreaterThan(150)
    expect(failing(untwisted)).toEqual([])
  })

  it('keeps ≥ 99.5 % of triangles facing right and none past 3× its area in every pose', () => {
    expect(failing(poses)).toEqual([])
  })
})

/** The larger hip's bend (thigh axis from the pelvis's down, degrees) and twist about the thigh. */
function hipAngles(rot: Float64Array): { hipBend: number; hipTwist: number } {
  let hipBend = 0
  let hipTwist = 0
  for (const thigh of [BONE.leftUpperLeg, BONE.rightUpperLeg]) {
    const p = BONE.hips
    // relative rotation q = hips⁻¹ · thigh
    const [ax, ay, az, aw] = [-rot[p * 4]!, -rot[p * 4 + 1]!, -rot[p * 4 + 2]!, rot[p * 4 + 3]!]
    const [bx, by, bz, bw] = [
      rot[thigh * 4]!,
      rot[thigh * 4 + 1]!,
      rot[thigh * 4 + 2]!,
      rot[thigh * 4 + 3]!,
    ]
    const q = new Float64Array([
      aw * bx + ax * bw + ay * bz - az * by,
      aw * by - ax * bz + ay * bw + az * bx,
      aw * bz + ax * by - ay * bx + az * bw,
      aw * bw - ax * bx - ay * by - az * bz,
    ])
    const down = rotate(q, 0, [0, -1, 0])
    hipBend = Math.max(hipBend, (Math.acos(Math.max(-1, Math.min(1, -down[1]))) * 180) / Math.PI)
    const twist = (2 * Math.atan2(q[1]!, q[3]!) * 180) / Math.PI
    const t = ((twist + 540) % 360) - 180
    if (Math.abs(t) > Math.abs(hipTwist)) hipTwist = t
  }
  return { hipBend, hipTwist }
}

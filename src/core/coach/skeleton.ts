/**
 * The coach's skeleton: the VRM 1.0 humanoid bones (required set, no upper
 * chest or toes; the eyes, and per hand a thumb and one index bone standing
 * for all four fingers), their hierarchy and rest pose, and the body-surface
 * sample points used for floor contact. Rest pose = VRM's normalised T-pose:
 * +Y up, facing +Z, the coach's left toward +X, every bone's rest rotation the
 * identity, arms straight out along ±X with the palms down. Lengths are in
 * fractions of stature H (docs/product.md body model, src/core/bodyModel.ts).
 */
import { BODY_FRACTIONS as F } from '../bodyModel.ts'

/** The VRM 1.0 humanoid bone names the coach uses, parents before children. */
export const BONE_NAMES = [
  'hips',
  'spine',
  'chest',
  'neck',
  'head',
  'leftShoulder',
  'leftUpperArm',
  'leftLowerArm',
  'leftHand',
  'rightShoulder',
  'rightUpperArm',
  'rightLowerArm',
  'rightHand',
  'leftUpperLeg',
  'leftLowerLeg',
  'leftFoot',
  'rightUpperLeg',
  'rightLowerLeg',
  'rightFoot',
  // appended after the original 19 so their indices (and stored poses) stay put
  'leftEye',
  'rightEye',
  'leftThumbProximal',
  'leftIndexProximal',
  'rightThumbProximal',
  'rightIndexProximal',
] as const

/** A VRM humanoid bone name of the coach. */
export type BoneName = (typeof BONE_NAMES)[number]

/** Number of bones. */
export const BONE_COUNT = BONE_NAMES.length

/** Index of a bone name in BONE_NAMES. */
export const BONE: { readonly [K in BoneName]: number } = Object.fromEntries(
  BONE_NAMES.map((name, i) => [name, i]),
) as { [K in BoneName]: number }

/** Parent bone index of each bone (−1 for hips). */
export const BONE_PARENT: readonly number[] = [
  -1, // hips
  BONE.hips,
  BONE.spine,
  BONE.chest,
  BONE.neck,
  BONE.chest,
  BONE.leftShoulder,
  BONE.leftUpperArm,
  BONE.leftLowerArm,
  BONE.chest,
  BONE.rightShoulder,
  BONE.rightUpperArm,
  BONE.rightLowerArm,
  BONE.hips,
  BONE.leftUpperLeg,
  BONE.leftLowerLeg,
  BONE.hips,
  BONE.rightUpperLeg,
  BONE.rightLowerLeg,
  BONE.head,
  BONE.head,
  BONE.leftHand,
  BONE.leftHand,
  BONE.rightHand,
  BONE.rightHand,
]

/** Index of the left/right counterpart of each bone (itself on the midline). */
export const BONE_MIRROR: readonly number[] = BONE_NAMES.map((name) => {
  const other = name.startsWith('left')
    ? 'right' + name.slice(4)
    : name.startsWith('right')
      ? 'left' + name.slice(5)
      : name
  return BONE[other as BoneName]
})

/** Trunk split: hips → spine → chest → neck (sums to the trunk fraction 0.288). */
const SPINE_UP = 0.06
const CHEST_UP = 0.11
const NECK_UP = F.trunk - SPINE_UP - CHEST_UP
const HALF_SHOULDER = F.shoulderWidth / 2
/** Clavicle root: beside the neck, a little below the shoulder line. */
const CLAVICLE_X = 0.02
const CLAVICLE_UP = NECK_UP - 0.023
/** Half the distance between the eyes' centres. */
const EYE_HALF_SPAN = 0.032
/** Eyeball centre behind the eye point (EYE_IN_HEAD), fractions of H (about 1 cm). */
const EYEBALL_BACK = 0.006
/** Thumb base (its proximal joint) in the rest hand frame: near the wrist, on the thumb side, a little under. */
const THUMB_BASE = [0.022, -0.006, 0.018] as const
/** Knuckle line (finger bases) along the hand from the wrist: a little past the palm centre (0.043 H). */
const KNUCKLES_ALONG = 0.06
const KNUCKLES_DOWN = -0.003

/**
 * Rest offset of each bone's origin from its parent's origin, fractions of H,
 * in the rest frame (the hips' offset is its rest position above the floor).
 * Right-side bones are the exact mirror (x negated) of the left ones.
 */
export const BONE_REST_OFFSET: readonly (readonly [number, number, number])[] = (() => {
  const left: Record<string, [number, number, number]> = {
    hips: [0, F.standingHipHeight, 0],
    spine: [0, SPINE_UP, 0],
    chest: [0, CHEST_UP, 0],
    neck: [0, NECK_UP, 0],
    head: [0, F.neck, 0],
    Shoulder: [CLAVICLE_X, CLAVICLE_UP, 0],
    UpperArm: [HALF_SHOULDER - CLAVICLE_X, NECK_UP - CLAVICLE_UP, 0],
    LowerArm: [F.upperArm, 0, 0],
    Hand: [F.forearm, 0, 0],
    UpperLeg: [F.hipJointOffset, 0, 0],
    LowerLeg: [0, -F.thigh, 0],
    Foot: [0, -F.shank, 0],
    // eyeball centres: 0.93 H high standing, ±0.032 H apart, just behind the viewer's eye point
    Eye: [EYE_HALF_SPAN, F.headPivotToEyesUp, F.headPivotToEyesForward - EYEBALL_BACK],
    // rest hand: along +X, palm down (−Y), thumb side forward (+Z)
    ThumbProximal: [THUMB_BASE[0], THUMB_BASE[1], THUMB_BASE[2]],
    IndexProximal: [KNUCKLES_ALONG, KNUCKLES_DOWN, 0],
  }
  return BONE_NAMES.map((name) => {
    if (name.startsWith('left')) return left[name.slice(4)]!
    if (name.startsWith('right')) {
      const o = left[name.slice(5)]!
      return [-o[0], o[1], o[2]] as [number, number, number]
    }
    return left[name]!
  })
})()

/** Eye centre in the head bone's frame, fractions of H (up 0.042, forward 0.045). */
export const EYE_IN_HEAD: readonly [number, number, number] = [
  0,
  F.headPivotToEyesUp,
  F.headPivotToEyesForward,
]

/** Where a contact group of the body is: used by tests and the keyframe author. */
export type SurfaceGroup =
  'head' | 'neck' | 'back' | 'seat' | 'arm' | 'palm' | 'finger' | 'thigh' | 'knee' | 'shin' | 'foot'

/** A body-surface sample: a sphere fixed in one bone's frame. */
export interface SurfaceSample {
  /** stable name, e.g. 'leftKnee' */
  readonly name: string
  readonly bone: number
  /** centre in the bone frame: fractions of H, plus metres (for the hand's absolute offsets) */
  readonly offsetH: readonly [number, number, number]
  readonly offsetM: readonly [number, number, number]
  /** radius: fraction of H */
  readonly radiusH: number
  readonly group: SurfaceGroup
  /** 'left', 'right' or 'mid' */
  readonly side: 'left' | 'right' | 'mid'
}

/**
 * Palm centre in the hand bone's frame: 0.043 H from the wrist toward the
 * fingers and 0.02 m out of the palm (the tracked wrist is 0.02 m above the
 * surface the palm rests on), so palmFromWrist lands on it. Left hand; the
 * right is the mirror. The x part is in H, the y part in metres.
 */
export const PALM_IN_HAND_H = F.wristToPalm
/** See PALM_IN_HAND_H: the palm centre's distance out of the palm plane, metres. */
export const PALM_OUT_OF_WRIST_M = 0.02

function samplesOf(): SurfaceSample[] {
  const out: SurfaceSample[] = []
  const add = (
    name: string,
    bone: BoneName,
    offsetH: [number, number, number],
    radiusH: number,
    group: SurfaceGroup,
    offsetM: [number, number, number] = [0, 0, 0],
  ): void => {
    const side = bone.startsWith('left') ? 'left' : bone.startsWith('right') ? 'right' : 'mid'
    out.push({ name, bone: BONE[bone], offsetH, offsetM, radiusH, group, side })
  }
  // Trunk and head (midline). The hip joints' spheres are the seat and the back of the pelvis:
  // seated and lying, the hip joints sit 0.05 H above the floor (docs/product.md).
  add('lowerBack', 'spine', [0, 0.02, -0.0], 0.05, 'back')
  add('midBack', 'chest', [0, 0.0, -0.0], 0.05, 'back')
  add('upperBack', 'chest', [0, 0.07, -0.0], 0.047, 'back')
  add('neckMid', 'neck', [0, 0.035, -0.0], 0.03, 'neck')
  add('headBack', 'head', [0, 0.05, 0.0], 0.06, 'head')
  add('crown', 'head', [0, 0.09, 0.01], 0.035, 'head')
  for (const s of ['left', 'right'] as const) {
    const x = s === 'left' ? 1 : -1
    const n = (b: string): BoneName => (s + b) as BoneName
    add(s + 'Seat', n('UpperLeg'), [0, 0, 0], F.lyingHipHeight, 'seat')
    add(s + 'Shoulder', n('UpperArm'), [0, 0, 0], F.lyingShoulderHeight, 'back')
    add(s + 'UpperArm', n('UpperArm'), [x * F.upperArm * 0.5, 0, 0], 0.032, 'arm')
    add(s + 'Elbow', n('LowerArm'), [0, 0, 0], 0.028, 'arm')
    add(s + 'Forearm', n('LowerArm'), [x * F.forearm * 0.5, 0, 0], 0.026, 'arm')
    add(s + 'Wrist', n('Hand'), [0, 0, 0], 0.011, 'arm')
    add(s + 'Palm', n('Hand'), [x * PALM_IN_HAND_H, 0, 0], 0, 'palm', [0, -PALM_OUT_OF_WRIST_M, 0])
    add(s + 'Fingers', n('Hand'), [x * 0.09, 0, 0], 0.008, 'finger', [0, -0.012, 0])
    add(s + 'Thigh', n('UpperLeg'), [0, -F.thigh * 0.5, 0], 0.045, 'thigh')
    add(s + 'Knee', n('LowerLeg'), [0, 0, 0], F.kneelingKneeHeight, 'knee')
    add(s + 'Shin', n('LowerLeg'), [0, -F.shank * 0.5, 0], 0.03, 'shin')
    add(s + 'LowShin', n('LowerLeg'), [0, -F.shank * 0.85, 0], 0.027, 'shin')
    add(s + 'Heel', n('Foot'), [0, -0.019, -0.03], 0.02, 'foot')
    add(s + 'Ball', n('Foot'), [0, -0.019, 0.085], 0.02, 'foot')
    add(s + 'Toe', n('Foot'), [0, -0.024, 0.11], 0.015, 'foot')
  }
  return out
}

/** Every body-surface sample, in a fixed order. */
export const SURFACE_SAMPLES: readonly SurfaceSample[] = samplesOf()
/** Number of surface samples. */
export const SURFACE_COUNT = SURFACE_SAMPLES.length
/** Index of a surface sample by name. */
export const SURFACE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  SURFACE_SAMPLES.map((s, i) => [s.name, i]),
)

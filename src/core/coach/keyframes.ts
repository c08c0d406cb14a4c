/**
 * The coach's keyframes for the ten stretches, authored once for the left
 * side (or for both, when two-sided) as world-space intent and baked into
 * rotations relative to the rest pose (author.ts); the right side is the
 * exact mirror. Where docs/product.md gives a target, the keyframe is solved to it
 * (a one-dimensional bisection over the one free angle), so the held pose is
 * the scoring target: e.g. child's pose eye height 0.075 H. Coach frame: the
 * coach starts standing at the origin facing +Z, its left toward +X; lying
 * down, its head is toward −Z and its feet toward +Z. Lengths in fractions of H.
 */
import { BODY_FRACTIONS as F } from '../bodyModel.ts'
import type { StretchId } from '../stretches.ts'
import {
  add,
  AUTHOR_STATURE_M,
  dir,
  DOWN,
  euler,
  FWD,
  norm,
  PoseBuilder,
  scale,
  sub,
  UP,
  type V3,
} from './author.ts'
import { createPose, mirrorPose, type CoachPose } from './pose.ts'
import { createCoachFK, ORIGIN_PLACEMENT, solvePose } from './kinematics.ts'
import { BONE, BONE_REST_OFFSET, EYE_IN_HEAD } from './skeleton.ts'

/** Names of keyframes shared by the ways down and up. */
export const TRANSITION_KEYFRAMES = [
  'stand',
  'lunge',
  'kneel-tall',
  'all-fours',
  'heels',
  'sit',
  'lie',
] as const
/** A shared transition keyframe. */
export type TransitionKeyframe = (typeof TRANSITION_KEYFRAMES)[number]

/** Keyframes of each stretch, in the order the demonstration visits them (transitions excluded). */
export const STRETCH_KEYFRAMES: { readonly [K in StretchId]: readonly string[] } = {
  'childs-pose': ['start', 'target'],
  'childs-pose-side': ['start', 'target'],
  'knee-to-chest': ['start', 'target'],
  'glute-stretch': ['start', 'target'],
  'supine-twist': ['start', 'target'],
  'hip-flexor': ['start', 'target'],
  'hamstring-stretch': ['start', 'target'],
  'cat-cow': ['start', 'neutral', 'cat', 'cow', 'target'],
  'pelvic-tilt': ['start', 'neutral', 'top', 'target'],
  bridge: ['start', 'neutral', 'top', 'target'],
}

/** What must touch the floor (or, for cat-cow's palms, the counter) in a keyframe: surface-sample names. */
export type Contacts = readonly string[]

/** The countertop height for cat-cow, fractions of H (docs/product.md: about 0.51 H). */
export const COUNTER_HEIGHT_H = 0.51
/** Where the counter's near edge is, ahead of the coach origin, fractions of H. */
export const COUNTER_EDGE_Z_H = 0.46

const EYE: V3 = [EYE_IN_HEAD[0], EYE_IN_HEAD[1], EYE_IN_HEAD[2]]
const HX = F.hipJointOffset
const SX = F.shoulderWidth / 2
const ANKLE = F.standingAnkleHeight
/** Knee joint height kneeling; shin centre line height with the shin on the floor. */
const KNEE_Y = F.kneelingKneeHeight
const SHIN_ANKLE_Y = 0.026

/** Finds x in [lo, hi] with f(x) = target for monotonic f (60 bisection steps). */
function solve(f: (x: number) => number, lo: number, hi: number, target: number): number {
  const up = f(hi) > f(lo)
  let a = lo
  let b = hi
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2
    if (f(m) < target === up) a = m
    else b = m
  }
  return (a + b) / 2
}

function eyeOf(b: PoseBuilder): V3 {
  return b.point('head', EYE)
}
function palmMid(l: V3, r: V3): V3 {
  return scale(add(l, r), 0.5)
}
function dist(a: V3, b: V3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])
}

// ---------------------------------------------------------------- shared pieces

function standingLegs(b: PoseBuilder): void {
  for (const s of ['left', 'right'] as const) b.legDirs(s, DOWN, DOWN, FWD, FWD, DOWN)
}

function armsDown(b: PoseBuilder): void {
  b.armDirs('left', dir(90, -84), dir(60, -82), dir(40, -85), [-1, 0, 0.1])
  b.armDirs('right', dir(-90, -84), dir(-60, -82), dir(-40, -85), [1, 0, 0.1])
}

/** Both knees on the floor at z = 0, shins flat behind, feet pointed. Hips at `hip` (H). */
function kneelingLegs(
  b: PoseBuilder,
  sides: readonly ('left' | 'right')[] = ['left', 'right'],
): void {
  for (const s of sides) {
    const x = s === 'left' ? HX : -HX
    const hip = b.pos(`${s}UpperLeg`)
    const knee: V3 = [x, KNEE_Y, 0]
    const thigh = norm(sub(knee, hip))
    const shank = norm([0, SHIN_ANKLE_Y - KNEE_Y, -F.shank])
    // the knee's front faces forward-up when the thigh leans back, forward when upright
    const front = norm(add(scale(UP, -thigh[2]), scale(FWD, 1)))
    b.legDirs(s, thigh, shank, front, norm([0, 0.25, -1]), norm([0, 1, 0.25]))
  }
}

/** Places the hips so the given side's knee sits on the floor at z = 0 with the thigh at `deg` from vertical (+ leaning back). */
function hipsOverKnee(
  thighDeg: number,
  trunk: ReturnType<typeof euler>,
  side: 'left' | 'right' | 'both' = 'both',
): PoseBuilder {
  const a = (thighDeg * Math.PI) / 180
  const x = side === 'left' ? -HX : side === 'right' ? HX : 0
  const b = new PoseBuilder()
  b.hips([x, KNEE_Y + F.thigh * Math.cos(a), -F.thigh * Math.sin(a)], trunk)
  return b
}

/** Lying on the back, head toward −Z, pelvis pitch `pelvis` (−90 = flat), hips at height y. */
function lyingTrunk(b: PoseBuilder, y = F.lyingHipHeight, pelvis = -90, hipsZ = 0): void {
  b.hips([0, y, hipsZ], euler(0, pelvis))
  b.rot('spine', euler(0, -90))
  b.rot('neck', euler(0, -83))
  b.rot('head', euler(0, -86))
}

/**
 * Lying on the back with one thigh pulled in to elevation `el` (degrees above
 * the floor toward the head): past vertical the pelvis rolls back (the tail
 * lifts, up to 20°) and shares the hip's bend, and the lower back curves down
 * again so the upper back and head stay on the floor.
 */
function pulledTrunk(b: PoseBuilder, el: number): void {
  const tilt = Math.min(20, Math.max(0, (90 - el) * 0.4))
  const lift = BONE_REST_OFFSET[BONE.spine]![1] * Math.sin((tilt * Math.PI) / 180)
  const psi = (Math.asin(lift / BONE_REST_OFFSET[BONE.chest]![1]) * 180) / Math.PI
  b.hips([0, F.lyingHipHeight, 0], euler(0, -90 + tilt))
  b.rot('spine', euler(0, -90 - psi))
  b.rot('chest', euler(0, -90))
  b.rot('neck', euler(0, -83))
  b.rot('head', euler(0, -86))
}

/** Knees bent, feet flat on the floor at z = footZ. */
function hookLegs(
  b: PoseBuilder,
  sides: readonly ('left' | 'right')[] = ['left', 'right'],
  footZ = 0.34,
): void {
  for (const s of sides) {
    const x = s === 'left' ? HX : -HX
    b.leg(s, [x * 1.1, ANKLE, footZ], [0, 1, 0.4], FWD, DOWN)
  }
}

/** An arm resting on the floor beside the trunk, palm down. */
function armOnFloorBeside(b: PoseBuilder, s: 'left' | 'right', z = -0.02, out = 0.2): void {
  const x = s === 'left' ? 1 : -1
  b.arm(s, [x * out, 0, z], FWD, DOWN, [x, 0.6, 0])
}

// ---------------------------------------------------------------- transitions

function stand(): CoachPose {
  const b = new PoseBuilder()
  b.hips([0, F.standingHipHeight, 0], euler(0, 0))
  standingLegs(b)
  armsDown(b)
  return b.build()
}

/** Half-kneeling on the right knee, left foot forward, trunk upright (also hip-flexor's start). */
function lungeBuilder(shiftDeg: number): PoseBuilder {
  const a = (shiftDeg * Math.PI) / 180
  const b = new PoseBuilder()
  // right knee at (−HX, KNEE_Y, 0): right hip above it, leaning forward by shiftDeg
  b.hips([0, KNEE_Y + F.thigh * Math.cos(a), F.thigh * Math.sin(a)], euler(0, 0))
  b.rot('neck', euler(0, 4))
  b.rot('head', euler(0, 6))
  const rHip = b.pos('rightUpperLeg')
  const thigh = norm(sub([-HX, KNEE_Y, 0], rHip))
  b.legDirs(
    'right',
    thigh,
    norm([0, SHIN_ANKLE_Y - KNEE_Y, -F.shank]),
    FWD,
    norm([0, 0.25, -1]),
    norm([0, 1, 0.25]),
  )
  b.leg('left', [HX * 1.2, ANKLE, 0.3], [0.1, 0.3, 1], FWD, DOWN)
  return b
}

function lunge(): CoachPose {
  const b = lungeBuilder(0)
  armsDown(b)
  return b.build()
}

function kneelTall(): CoachPose {
  const b = hipsOverKnee(0, euler(0, 0))
  kneelingLegs(b)
  armsDown(b)
  return b.build()
}

/** Hands and knees: thighs vertical, hands under the shoulders (child's pose start, solved to eye 0.35 H). */
function allFoursBuilder(): PoseBuilder {
  const make = (neck: number): PoseBuilder => {
    const b = hipsOverKnee(0, euler(0, 80))
    b.rot('spine', euler(0, 82))
    b.rot('chest', euler(0, 84))
    b.rot('neck', euler(0, neck))
    b.rot('head', euler(0, neck - 10))
    kneelingLegs(b)
    for (const s of ['left', 'right'] as const) {
      const sh = b.pos(`${s}UpperArm`)
      b.arm(s, [sh[0], 0, sh[2] + 0.02], FWD, DOWN, [0, 0, -1])
    }
    return b
  }
  const neck = solve((n) => eyeOf(make(n))[1], 40, 100, 0.35)
  return make(neck)
}

function allFours(): CoachPose {
  return allFoursBuilder().build()
}

/** Sitting back on the heels, trunk upright, hands on the thighs. */
function heels(): CoachPose {
  const b = hipsOverKnee(62, euler(0, 0))
  b.rot('spine', euler(0, 2))
  kneelingLegs(b)
  for (const s of ['left', 'right'] as const) {
    const x = s === 'left' ? 1 : -1
    const knee: V3 = [x * HX, KNEE_Y, 0]
    b.arm(s, add(knee, [x * 0.01, 0.06, -0.07]), [0, -0.3, 1], DOWN, [x, 0, -0.5])
  }
  return b.build()
}

/** Seated on the floor, knees bent, hands on the floor behind. */
function sit(): CoachPose {
  const b = new PoseBuilder()
  b.hips([0, F.lyingHipHeight, 0], euler(0, -12))
  b.rot('spine', euler(0, -8))
  b.rot('neck', euler(0, 4))
  b.rot('head', euler(0, 10))
  hookLegs(b, ['left', 'right'], 0.36)
  b.arm('left', [0.17, 0, -0.16], norm([0.3, 0, -1]), DOWN, [0, 0, -1])
  b.arm('right', [-0.17, 0, -0.16], norm([-0.3, 0, -1]), DOWN, [0, 0, -1])
  return b.build()
}

/** Lying on the back, knees bent, arms beside the body. */
function lieBuilder(): PoseBuilder {
  const b = new PoseBuilder()
  lyingTrunk(b)
  hookLegs(b)
  armOnFloorBeside(b, 'left')
  armOnFloorBeside(b, 'right')
  return b
}

function lie(): CoachPose {
  return lieBuilder().build()
}

// ---------------------------------------------------------------- child's pose

/** Child's pose: seat on the heels, trunk folded over the thighs, arms long on the floor. */
function childsPoseBuilder(sideDeg: number, foldDeg: number): PoseBuilder {
  const b = hipsOverKnee(58, euler(0, 64))
  b.rot('spine', euler(sideDeg * 0.2, 86 + foldDeg * 0.5, -sideDeg * 0.15))
  b.rot('chest', euler(sideDeg * 0.45, 104 + foldDeg, -sideDeg * 0.2))
  b.rot('neck', euler(sideDeg * 0.2, 118 + foldDeg))
  b.rot('head', euler(sideDeg * 0.1, 112 + foldDeg))
  kneelingLegs(b)
  return b
}

/** The forward line seen from the eyes (face down: the head's up axis on the floor). */
function forwardOf(b: PoseBuilder): V3 {
  const up = b.axis('head', UP)
  return norm([up[0], 0, up[2]])
}

function childsArms(b: PoseBuilder, aheadH: number, sideDeg: number): void {
  const e = eyeOf(b)
  const f = forwardOf(b)
  const az = (Math.atan2(f[0], f[2]) * 180) / Math.PI + sideDeg
  const d = dir(az, 0)
  const across = norm([d[2], 0, -d[0]]) // toward the coach's left
  // the hands' midpoint: `aheadH` ahead of the eyes along the forward line when sideDeg = 0;
  // with sideDeg it sits at that angle seen from the eyes, at the same distance
  const mid: V3 = [e[0] + d[0] * aheadH, 0, e[2] + d[2] * aheadH]
  for (const s of ['left', 'right'] as const) {
    const x = s === 'left' ? 1 : -1
    const palm = add(mid, scale(across, x * 0.085))
    b.arm(s, palm, dir(az + x * 4, 0), DOWN, [x * across[0], 0.6, x * across[2]])
  }
}

/** Child's pose held: eye 0.075 H above the floor, palms 0.22 H ahead of the eyes. */
function childsTargetBuilder(): PoseBuilder {
  const fold = solve((f) => eyeOf(childsPoseBuilder(0, f))[1], -25, 25, 0.075)
  const b = childsPoseBuilder(0, fold)
  childsArms(b, 0.22, 0)
  return b
}

function childsStart(): CoachPose {
  const b = allFoursBuilder()
  // hands 0.1 H behind the eyes along the forward line (docs/product.md start measure)
  const e = eyeOf(b)
  const f = norm([b.axis('head', [0, 0, 1])[0], 0, b.axis('head', [0, 0, 1])[2]])
  for (const s of ['left', 'right'] as const) {
    const sh = b.pos(`${s}UpperArm`)
    const ahead = -0.1 - ((sh[2] - e[2]) * f[2] + (sh[0] - e[0]) * f[0])
    b.arm(s, [sh[0], 0, sh[2] + ahead * f[2]], FWD, DOWN, [0, 0, -1])
  }
  return b.build()
}

function childsTarget(): CoachPose {
  return childsTargetBuilder().build()
}

/** Side child's pose held: hands walked 30° toward the left, seen from the eyes. */
function childsSideTarget(): CoachPose {
  const side = 30
  const fold = solve((f) => eyeOf(childsPoseBuilder(side, f))[1], -25, 25, 0.075)
  const b = childsPoseBuilder(side, fold)
  childsArms(b, 0.2, side)
  return b.build()
}

// ---------------------------------------------------------------- on the back, pulling a knee in

/** Left knee toward the chest: thigh elevation `el` (degrees above the floor toward the head). */
function kneeToChestBuilder(el: number): [PoseBuilder, V3] {
  const b = new PoseBuilder()
  pulledTrunk(b, el)
  hookLegs(b, ['right'])
  const thigh = dir(180, el)
  const knee = add(b.pos('leftUpperLeg'), scale(thigh, F.thigh))
  // the shin hangs from the knee toward the feet, the knee well bent
  const shank = bendKnee(thigh, KNEE_TO_CHEST_KNEE_DEG)
  b.legDirs('left', thigh, shank, [0, 1, 0.2], norm(add(shank, [0, 0.6, 0.3])), norm([0, -0.4, 1]))
  // both hands hold the shin just below the knee, from above
  const hold = add(add(knee, scale(shank, 0.03)), [0, 0.04, 0])
  const l = add(hold, [0.04, 0, 0])
  const r = add(hold, [-0.04, 0, 0])
  b.arm('left', l, norm([-1, 0, 0.3]), DOWN, [1, 0, -0.4])
  b.arm('right', r, norm([1, 0, 0.3]), DOWN, [-1, 0, -0.4])
  // the fingers wrap round the shin
  b.grip('left', 0.8).grip('right', 0.8)
  return [b, palmMid(l, r)]
}

function kneeToChest(distH: number): CoachPose {
  const f = (el: number): number => {
    const [b, m] = kneeToChestBuilder(el)
    return dist(eyeOf(b), m)
  }
  const el = solve(f, 20, 85, distH)
  return kneeToChestBuilder(el)[0].build()
}

/** Radius of the thigh (fractions of H) at `along` (H) from the hip: 0.045 H at the hip narrowing to 0.03 H at the knee. */
function thighRadiusH(along: number): number {
  return 0.045 + ((0.03 - 0.045) * Math.min(along, F.thigh)) / F.thigh
}

/** Where the figure-4 hands clasp the uncrossed thigh: this fraction of the way from hip to knee. */
export const GLUTE_HOLD_ALONG = 0.85
/** How far round the thigh from the middle of its back each palm sits, degrees. */
const GLUTE_WRAP_DEG = 55
/** The figure-4's uncrossed knee bend, degrees: the shin about level as the thigh comes in. */
const GLUTE_KNEE_DEG = 110
/** The knee-to-chest knee's bend, degrees: the shin about level, the foot relaxed. */
const KNEE_TO_CHEST_KNEE_DEG = 140

/** Glute stretch: left ankle on the right knee, both hands pull the right thigh in (elevation `el`). */
function gluteBuilder(el: number): [PoseBuilder, V3] {
  const b = new PoseBuilder()
  pulledTrunk(b, el)
  const thigh = dir(180, el)
  const rHip = b.pos('rightUpperLeg')
  const knee = add(rHip, scale(thigh, F.thigh))
  // the right knee bent GLUTE_KNEE_DEG, the shin about level with the floor
  const shank = bendKnee(thigh, GLUTE_KNEE_DEG)
  b.legDirs('right', thigh, shank, [0, -1, 0], norm(add(shank, [0, 0.7, 0])), norm([0, -0.4, 0.6]))
  // the thigh's front (kneecap side) faces the trunk, its back (hamstrings) away from it
  const back = scale(b.axis('rightUpperLeg', FWD), -1)
  const lateral: V3 = [1, 0, 0]
  // left ankle rests across the front of the right thigh, just above the knee
  const ankle = add(add(knee, scale(thigh, -0.06)), add(scale(back, -0.055), [-0.01, 0, 0]))
  b.leg('left', ankle, [1, 0.4, 0.2], norm([-1, 0.6, 0.3]), norm([-0.2, -0.2, 1]))
  // hands clasp behind the right thigh just above the knee: the left hand threads between the
  // legs, the right comes round the outside; each palm wraps the back of the thigh GLUTE_WRAP_DEG
  // to its side of the middle, fingers curled round toward the other hand
  const along = F.thigh * GLUTE_HOLD_ALONG
  const onAxis = add(rHip, scale(thigh, along))
  const rad = thighRadiusH(along)
  const palms: V3[] = []
  for (const s of ['left', 'right'] as const) {
    const a = ((s === 'left' ? 1 : -1) * GLUTE_WRAP_DEG * Math.PI) / 180
    const out = add(scale(back, Math.cos(a)), scale(lateral, Math.sin(a)))
    const toward = add(scale(back, Math.sin(a)), scale(lateral, -Math.cos(a)))
    const fingers = s === 'left' ? toward : scale(toward, -1)
    const palm = add(onAxis, scale(out, rad))
    palms.push(palm)
    const x = s === 'left' ? 1 : -1
    b.arm(s, palm, fingers, scale(out, -1), [x, 0.2, -0.6])
    b.grip(s)
  }
  return [b, palmMid(palms[0]!, palms[1]!)]
}

/** The shank of a leg whose thigh runs along `thigh` in the body's midplane, the knee bent `deg` (toward the feet). */
function bendKnee(thigh: V3, deg: number): V3 {
  const beta = Math.atan2(thigh[1], thigh[2]) - (deg * Math.PI) / 180
  return [0, Math.sin(beta), Math.cos(beta)]
}

function glute(distH: number): CoachPose {
  const f = (el: number): number => {
    const [b, m] = gluteBuilder(el)
    return dist(eyeOf(b), m)
  }
  const el = solve(f, 15, 85, distH)
  return gluteBuilder(el)[0].build()
}

// ---------------------------------------------------------------- supine twist

/** The knee hand's angle about the body's long axis (the midline 0.05 H above the floor), toward +X. */
function angleAboutMidline(eye: V3, p: V3): number {
  return (Math.atan2(p[0] - eye[0], p[1] - F.lyingHipHeight) * 180) / Math.PI
}

/**
 * Supine twist toward the left: the knees drop `drop` degrees about the long
 * axis, the pelvis rolls about half as far onto its left side, the chest
 * stays flat; left hand on the top (right) knee, right arm out on the floor,
 * the head turned a little to the right.
 */
function twistBuilder(drop: number, startMix = 0.5): PoseBuilder {
  const b = new PoseBuilder()
  const roll = drop * 0.5
  const rr = (roll * Math.PI) / 180
  const dr = (drop * Math.PI) / 180
  // the left hip joint stays 0.05 H above the floor as the pelvis rolls onto it
  const lift = HX * Math.sin(rr)
  b.hips([0, F.lyingHipHeight + lift, 0], euler(0, -90, 0, roll))
  const psi = (Math.asin(Math.min(0.9, (lift * 1.2) / 0.11)) * 180) / Math.PI
  b.rot('spine', euler(0, -90 - psi, 0, roll * 0.4))
  b.rot('chest', euler(0, -90))
  b.rot('neck', euler(0, -83))
  b.rot('head', euler(0, -86, 0, drop * 0.25))
  // turn about the long axis (+Z, toward the feet) carrying +Y toward +X
  const turn = (v: V3): V3 => [
    v[0] * Math.cos(dr) + v[1] * Math.sin(dr),
    -v[0] * Math.sin(dr) + v[1] * Math.cos(dr),
    v[2],
  ]
  const pole = turn(norm([0, 1, 0.4]))
  // feet on their outer edges, the right foot resting on the left
  const lAnkle: V3 = [HX * 0.7 + 0.09 * Math.sin(dr), ANKLE, 0.34]
  const rAnkle: V3 = [lAnkle[0] - 0.07 * Math.cos(dr), ANKLE + 0.07 * Math.sin(dr), 0.34]
  b.leg('left', lAnkle, pole, turn(FWD), turn(DOWN))
  b.leg('right', rAnkle, pole, turn(FWD), turn(DOWN))
  // the knee hand on the top knee (the right knee when dropping left)
  const rKnee = b.pos('rightLowerLeg')
  const rHip = b.pos('rightUpperLeg')
  const lHip = b.pos('leftUpperLeg')
  const w = Math.min(1, drop / 30)
  // on the front of the thighs near the hip crease: between them with the knees up, on the top thigh once dropped
  const along = 0.03 + 0.16 * w
  const onR = add(rHip, scale(norm(sub(rKnee, rHip)), along))
  const onL = add(lHip, scale(norm(sub(b.pos('leftLowerLeg'), lHip)), along))
  const up = turn(UP)
  const mix = startMix + (1 - startMix) * w
  const palm = add(add(scale(onL, 1 - mix), scale(onR, mix)), scale(up, 0.05))
  b.arm('left', palm, norm(add(turn([-1, 0, 0]), [0, 0, 0.3])), scale(up, -1), [1, 0.5, -0.6])
  // right arm straight out on the floor, 0.42 H from the midline
  const sh = b.pos('rightUpperArm')
  b.arm('right', [-0.4, 0, sh[2] + 0.02], [-1, 0, 0], DOWN, [0, 1, -0.3])
  return b
}

/** Eye and left palm (fractions of H) of a builder's pose once it is set on the floor. */
function groundedEyePalm(b: PoseBuilder): [V3, V3] {
  const fk = solvePose(createCoachFK(), b.build(), AUTHOR_STATURE_M, ORIGIN_PLACEMENT)
  const k = 1 / AUTHOR_STATURE_M
  return [
    [fk.eye[0]! * k, fk.eye[1]! * k, fk.eye[2]! * k],
    [fk.palm[0]! * k, fk.palm[1]! * k, fk.palm[2]! * k],
  ]
}

/** Supine twist start: knees up, the knee hand on the thighs `angleDeg` toward the left of the midline. */
function twistStart(angleDeg: number): CoachPose {
  const f = (mix: number): number => {
    const [eye, palm] = groundedEyePalm(twistBuilder(0, mix))
    return angleAboutMidline(eye, palm)
  }
  return twistBuilder(0, solve(f, 0, 0.5, angleDeg)).build()
}

/** Supine twist held: the knees dropped until the knee hand is `angleDeg` about the midline. */
function twist(angleDeg: number): CoachPose {
  const f = (drop: number): number => {
    const [eye, palm] = groundedEyePalm(twistBuilder(drop))
    return angleAboutMidline(eye, palm)
  }
  const drop = solve(f, 40, 85, angleDeg)
  return twistBuilder(drop).build()
}

// ---------------------------------------------------------------- hip flexor

/** Half-kneeling, hands on the hips, weight shifted forward by `shiftDeg` of back-thigh lean. */
function hipFlexorBuilder(shiftDeg: number): [PoseBuilder, V3] {
  const b = lungeBuilder(shiftDeg)
  const pts: V3[] = []
  for (const s of ['left', 'right'] as const) {
    const x = s === 'left' ? 1 : -1
    const palm = b.point('hips', [x * 0.125, 0.075, 0.0])
    pts.push(palm)
    b.arm(s, palm, [0, -0.4, 1], [-x, 0, 0], [x, 0, -0.8])
  }
  return [b, palmMid(pts[0]!, pts[1]!)]
}

function hipFlexor(travelH: number): CoachPose {
  const base = hipFlexorBuilder(0)[1]
  const lean = solve((d) => hipFlexorBuilder(d)[1][2] - base[2], 0, 40, travelH)
  return hipFlexorBuilder(lean)[0].build()
}

// ---------------------------------------------------------------- hamstring

/** Seated, left leg straight, right foot against the left thigh; trunk hinged `hinge` degrees; hands `along` (H) down the left leg from the hip. */
function hamstringBuilder(hinge: number, along: number): PoseBuilder {
  const b = new PoseBuilder()
  b.hips([0, F.lyingHipHeight, 0], euler(0, hinge * 0.8))
  // the chest turns a little toward the straight leg; the head faces along it
  b.rot('spine', euler(6, hinge))
  b.rot('chest', euler(12, hinge * 1.05))
  b.rot('neck', euler(4, hinge * 0.9 + 6))
  b.rot('head', euler(0, hinge * 0.8 + 20))
  // left leg straight along +Z, toes up
  b.legDirs('left', FWD, FWD, UP, norm([0, 1, 0.25]), norm([0, -0.25, 1]))
  // right foot sole against the inner left thigh, knee out to the right
  b.leg('right', [0.0, 0.045, 0.2], [-1, 0.35, 0.3], norm([0.4, 0.2, 1]), norm([1, -0.3, 0]))
  const hip = b.pos('leftUpperLeg')
  const r = along < F.thigh ? 0.045 + ((0.03 - 0.045) * along) / F.thigh : 0.03
  const top = add(add(hip, scale(FWD, along)), [0, r + 0.004, 0])
  b.arm('left', add(top, [0.035, 0, 0]), norm([0.1, -0.2, 1]), DOWN, [1, 0.3, 0])
  b.arm('right', add(top, [-0.035, 0, 0]), norm([-0.1, -0.2, 1]), DOWN, [-1, 0.3, 0])
  // the hands hold the leg lightly, fingers curling round its sides
  b.grip('left', 0.4).grip('right', 0.4)
  return b
}

/** Hands 0.22 H ahead of the hip point at the start; the trunk hinges until the hands reach `extraH` further. */
function hamstring(extraH: number): CoachPose {
  const startHinge = 4
  // start: the hands' distance along the leg so they are 0.22 H ahead of the hip point
  const hipPointZ = (h: PoseBuilder): number => eyeOf(h)[2] - 0.055
  const startAlong = solve((a) => a - hipPointZ(hamstringBuilder(startHinge, a)), 0, 0.45, 0.22)
  const along = startAlong + extraH
  if (extraH === 0) return hamstringBuilder(startHinge, along).build()
  // hinge just enough that the hands reach that far, then 3° more so the elbows are not locked
  const miss = (h: number): number => hamstringBuilder(h, along).reachError
  const hinge = solve(miss, startHinge, 80, 0.0005) + 3
  return hamstringBuilder(hinge, along).build()
}

// ---------------------------------------------------------------- cat-cow

/**
 * Standing hinged at the hips, palms on the counter. `arch` > 0 arches (cow),
 * < 0 rounds (cat), spread over the whole back the way a spine moves: the
 * pelvis tilts (forward in cow, tucked under in cat), the lower back, the
 * chest and the neck each bend a little more than the segment below; `nod`
 * pitches the head on top from neutral. All pitches in degrees.
 */
function catCowBuilder(arch: number, nod: number): PoseBuilder {
  const b = new PoseBuilder()
  b.hips([0, F.standingHipHeight, 0], euler(0, 52 + arch * CAT_COW_SPREAD.hips))
  b.rot('spine', euler(0, 56 - arch * CAT_COW_SPREAD.spine))
  b.rot('chest', euler(0, 60 - arch * CAT_COW_SPREAD.chest))
  b.rot('neck', euler(0, 45 - arch * CAT_COW_SPREAD.neck - nod * 0.4))
  b.rot('head', euler(0, 35 - arch * CAT_COW_SPREAD.head - nod))
  standingLegs(b)
  for (const s of ['left', 'right'] as const) {
    const x = s === 'left' ? 1 : -1
    b.arm(s, [x * SX, COUNTER_HEIGHT_H, COUNTER_EDGE_Z_H + 0.07], FWD, DOWN, [x * 0.5, 0.3, -1])
  }
  return b
}

/**
 * How much each segment's pitch follows the arch (per degree of arch): the
 * pelvis tilts one way while the spine above bends the other, the bend
 * growing toward the neck, so the back reads as one curve from the side.
 */
const CAT_COW_SPREAD = { hips: 1.0, spine: 0.5, chest: 0.9, neck: 1.4, head: 1.3 } as const
/** The arch of the held cat (rounded) and cow (sagged), degrees: see catCowBuilder. */
export const CAT_ARCH = -26
export const COW_ARCH = 18

function catCow(kind: 'neutral' | 'cat' | 'cow'): CoachPose {
  if (kind === 'neutral') return catCowBuilder(0, 0).build()
  // the head's face pitch changes by exactly ±25° (the arch moves the head, the nod makes up the rest)
  const arch = kind === 'cat' ? CAT_ARCH : COW_ARCH
  const nodFor = (pitchChange: number): number => {
    const n0 = catCowBuilder(0, 0).axis('head', [0, 0, 1])
    const p0 = Math.asin(n0[1])
    const f = (nod: number): number => {
      const n = catCowBuilder(arch, nod).axis('head', [0, 0, 1])
      return ((Math.asin(n[1]) - p0) * 180) / Math.PI
    }
    return solve(f, -60, 60, pitchChange)
  }
  return catCowBuilder(arch, nodFor(kind === 'cat' ? -25 : 25)).build()
}

// ---------------------------------------------------------------- pelvic tilt and bridge

/** Belly hand (left) in the hips frame: on the lower belly just above the pubic bone. */
const BELLY_PALM_IN_HIPS: V3 = [0.0, 0.055, 0.075]
/** The upper-back surface point in the chest frame (skeleton.ts 'upperBack'). */
const UPPER_BACK: V3 = [0, 0.07, 0]

/** On the back, knees bent, left hand on the lower belly; pelvis pitch offset `tilt` (+: back of the hand toward the head), hips lifted `rise` (H). */
function bellyBuilder(tilt: number, rise: number): [PoseBuilder, V3] {
  const make = (psi: number): PoseBuilder => {
    const b = new PoseBuilder()
    b.hips([0, F.lyingHipHeight + rise, 0], euler(0, -90 - psi - tilt))
    b.rot('spine', euler(0, -90 - psi * 1.1))
    b.rot('chest', euler(0, -90 - psi * 0.95))
    b.rot('neck', euler(0, -83 + psi * 0.35))
    b.rot('head', euler(0, -86 + psi * 0.25))
    return b
  }
  // the trunk runs from the shoulders on the floor up to the lifted hips: tilt it until the
  // upper back is as low as when lying flat
  const flat = make(0).point('chest', UPPER_BACK)[1] - rise
  const psi = rise > 0 ? solve((p) => make(p).point('chest', UPPER_BACK)[1], 0, 60, flat) : 0
  const b = make(psi)
  hookLegs(b)
  const palm = b.point('hips', BELLY_PALM_IN_HIPS)
  const n = b.axis('hips', [0, 0, -1])
  const fingers = b.axis('hips', [-1, -0.25, 0])
  b.arm('left', palm, fingers, n, [1, 0.3, -0.3])
  armOnFloorBeside(b, 'right', 0.0, 0.2)
  return [b, palm]
}

function pelvicTilt(kind: 'neutral' | 'top'): CoachPose {
  return bellyBuilder(kind === 'top' ? 7 : -7, 0)[0].build()
}

function bridge(kind: 'neutral' | 'top'): CoachPose {
  if (kind === 'neutral') return bellyBuilder(0, 0)[0].build()
  const base = groundedEyePalm(bellyBuilder(0, 0)[0])[1][1]
  const rise = solve((r) => groundedEyePalm(bellyBuilder(0, r)[0])[1][1] - base, 0, 0.2, 0.085)
  return bridgeAt(rise)
}
function bridgeAt(rise: number): CoachPose {
  return bellyBuilder(0, rise)[0].build()
}

// ---------------------------------------------------------------- the table

type Maker = () => CoachPose

const TRANSITIONS: Record<TransitionKeyframe, Maker> = {
  stand,
  lunge,
  'kneel-tall': kneelTall,
  'all-fours': allFours,
  heels,
  sit,
  lie,
}

const MAKERS: { readonly [K in StretchId]: Record<string, Maker> } = {
  'childs-pose': { start: childsStart, target: childsTarget },
  'childs-pose-side': { start: childsTarget, target: childsSideTarget },
  'knee-to-chest': { start: () => kneeToChest(0.34), target: () => kneeToChest(0.23) },
  'glute-stretch': { start: () => glute(0.355), target: () => glute(0.26) },
  'supine-twist': { start: () => twistStart(4), target: () => twist(57) },
  'hip-flexor': { start: () => hipFlexor(0), target: () => hipFlexor(0.057) },
  'hamstring-stretch': { start: () => hamstring(0), target: () => hamstring(0.25) },
  'cat-cow': {
    start: () => catCow('neutral'),
    neutral: () => catCow('neutral'),
    cat: () => catCow('cat'),
    cow: () => catCow('cow'),
    target: () => catCow('cat'),
  },
  'pelvic-tilt': {
    start: () => pelvicTilt('neutral'),
    neutral: () => pelvicTilt('neutral'),
    top: () => pelvicTilt('top'),
    target: () => pelvicTilt('top'),
  },
  bridge: {
    start: () => bridge('neutral'),
    neutral: () => bridge('neutral'),
    top: () => bridge('top'),
    target: () => bridge('top'),
  },
}

/** Which surface samples touch the floor (or the counter) in each stretch keyframe, left side. */
export const KEYFRAME_CONTACTS: { readonly [K in StretchId]: Record<string, Contacts> } = (() => {
  const kneel = ['leftKnee', 'rightKnee', 'leftShin', 'rightShin']
  const palms = ['leftPalm', 'rightPalm']
  const back = ['upperBack', 'headBack']
  const lying = [...back, 'leftSeat', 'rightSeat']
  const feet = ['leftHeel', 'leftBall', 'rightHeel', 'rightBall']
  return {
    'childs-pose': { start: [...kneel, ...palms], target: [...kneel, ...palms] },
    'childs-pose-side': { start: [...kneel, ...palms], target: [...kneel, ...palms] },
    'knee-to-chest': { start: [...lying, 'rightHeel'], target: [...lying, 'rightHeel'] },
    'glute-stretch': { start: lying, target: lying },
    'supine-twist': { start: [...lying, 'rightPalm'], target: [...back, 'rightPalm'] },
    'hip-flexor': {
      start: ['rightKnee', 'rightShin', 'leftHeel', 'leftBall'],
      target: ['rightKnee', 'rightShin', 'leftHeel', 'leftBall'],
    },
    'hamstring-stretch': {
      start: ['leftSeat', 'rightSeat', 'leftHeel'],
      target: ['leftSeat', 'rightSeat', 'leftHeel'],
    },
    'cat-cow': { start: feet, neutral: feet, cat: feet, cow: feet, target: feet },
    'pelvic-tilt': {
      start: [...back, ...feet],
      neutral: [...back, ...feet],
      top: [...back, ...feet],
      target: [...back, ...feet],
    },
    bridge: {
      start: [...lying, ...feet],
      neutral: [...lying, ...feet],
      top: ['leftShoulder', 'rightShoulder', 'headBack', ...feet],
      target: ['leftShoulder', 'rightShoulder', 'headBack', ...feet],
    },
  }
})()

/** Contacts of the shared transition keyframes (floor). */
export const TRANSITION_CONTACTS: Record<TransitionKeyframe, Contacts> = {
  stand: ['leftHeel', 'leftBall', 'rightHeel', 'rightBall'],
  lunge: ['rightKnee', 'rightShin', 'leftHeel', 'leftBall'],
  'kneel-tall': ['leftKnee', 'rightKnee', 'leftShin', 'rightShin'],
  'all-fours': ['leftKnee', 'rightKnee', 'leftShin', 'rightShin', 'leftPalm', 'rightPalm'],
  heels: ['leftKnee', 'rightKnee', 'leftShin', 'rightShin'],
  sit: ['leftSeat', 'rightSeat'],
  lie: ['upperBack', 'headBack', 'leftSeat', 'rightSeat'],
}

const cache = new Map<string, CoachPose>()

/**
 * A stretch keyframe as a pose (cached; do not modify). `side` 'right' gives
 * the mirror of the left-authored keyframe; 'left' and 'both' the authored one.
 * Returns null for an unknown keyframe name.
 */
export function getStretchKeyframe(
  stretch: StretchId,
  side: 'left' | 'right' | 'both',
  name: string,
): CoachPose | null {
  const key = stretch + '|' + (side === 'right' ? 'right' : 'left') + '|' + name
  const hit = cache.get(key)
  if (hit) return hit
  let pose: CoachPose | null = null
  if (Object.hasOwn(TRANSITIONS, name)) pose = TRANSITIONS[name as TransitionKeyframe]()
  else if (Object.hasOwn(MAKERS[stretch], name)) pose = MAKERS[stretch][name]!()
  if (pose === null) return null
  if (side === 'right') {
    const left = getStretchKeyframe(stretch, 'left', name)!
    pose = createPose()
    mirrorPose(pose, left)
  }
  cache.set(key, pose)
  return pose
}

/** Contacts of a keyframe (surface-sample names), mirrored for the right side; null when unknown. */
export function keyframeContacts(
  stretch: StretchId,
  side: 'left' | 'right' | 'both',
  name: string,
): Contacts | null {
  const c = Object.hasOwn(TRANSITION_CONTACTS, name)
    ? TRANSITION_CONTACTS[name as TransitionKeyframe]
    : (KEYFRAME_CONTACTS[stretch][name] ?? null)
  if (c === null || side !== 'right') return c
  return c.map((n) =>
    n.startsWith('left') ? 'right' + n.slice(4) : n.startsWith('right') ? 'left' + n.slice(5) : n,
  )
}

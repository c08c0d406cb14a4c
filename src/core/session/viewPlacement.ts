/**
 * Where the coach and the panel go in the headset, so the user sees both in
 * every posture without turning the head more than 35° from where the face
 * points (docs/product.md, The session). A pure function of the posture class
 * (from the head pose; the stretch's own posture when the head cannot say),
 * the head pose and the coach's extent:
 *
 * - standing, kneeling, seated: the coach ahead and to the right, 1.5–2.5 m
 *   away on a stage low enough to look down on (on the floor when it can be),
 *   the panel ahead and to the left, upright;
 * - face down: both on the floor ahead of the face, where the eyes look,
 *   small and close (there is no farther floor to see);
 * - on the back: both above the face, tilted toward it.
 *
 * The coach is scaled to fit a fixed angle of view (a person lying down is
 * long, one standing is tall), so the whole body stays in view beside the
 * panel and never behind it. A follower re-places them only after the head
 * has stayed turned away (or in another posture) for more than a second, and
 * glides there: nothing swims with every nod.
 *
 * Frames: WebXR local-floor, metres, +Y up. Poses are [px,py,pz,qx,qy,qz,qw].
 * Allocation-free: every function writes into preallocated outputs.
 */
import { EYE_HEIGHT_RANGE_M } from '../bodyModel.ts'
import { STRETCHES, type StretchId } from '../stretches.ts'
import { rotateVec, rotateVecAt, type NumArray } from '../vec.ts'

/** How the user's body is placed, as the head pose shows it. */
export type PostureClass = 'standing' | 'kneeling' | 'seated' | 'faceDown' | 'onBack'

/** The posture classes, for loops and tests. */
export const POSTURE_CLASSES: readonly PostureClass[] = [
  'standing',
  'kneeling',
  'seated',
  'faceDown',
  'onBack',
]

/** The largest angle (deg) between where the face points and the centre of the coach or the panel. */
export const IN_VIEW_DEG = 35
/** Turned away: either centre farther than this (deg) from the face direction… */
export const AWAY_DEG = 42
/** …for longer than this (s), and the two are placed again. */
export const AWAY_SECONDS = 1
/** Seconds a re-placement glides over. */
export const GLIDE_S = 0.6

/** The panel's size at scale 1 (m): readable at about a metre. */
export const PANEL_WIDTH_M = 0.5
/** See PANEL_WIDTH_M. */
export const PANEL_HEIGHT_M = 0.42
/** The caption's size at scale 1 (m). */
export const CAPTION_WIDTH_M = 0.6
/** See CAPTION_WIDTH_M. */
export const CAPTION_HEIGHT_M = 0.15

/** The coach's half-angle budget (deg) across and up the view, from its centre. */
const COACH_HALF_ACROSS_DEG = 13
const COACH_HALF_UP_DEG = 20
/** Face down everything is a hand's breadth away: smaller angles keep it inside the view. */
const NEAR_HALF_DEG = 9
/** Directions of the coach (to the user's right) and the panel (left), from the face (deg). */
const COACH_AZ_DEG = 18
const PANEL_AZ_DEG = 19
const NEAR_AZ_DEG = 13
/** Distances (m): the coach on the stage (horizontal), the panel (along the gaze). */
const COACH_DIST_M: { readonly [C in PostureClass]: number } = {
  standing: 2.0,
  kneeling: 1.8,
  seated: 1.6,
  faceDown: 0,
  onBack: 1.6,
}
const PANEL_DIST_M = 1.1
/** The nearest an upright user's coach comes (m): docs/product.md's 1.5–2.5 m. */
const MIN_UPRIGHT_DIST_M = 1.5
/** A face-down user's floor is this close (m) at the nearest; the panel never comes nearer. */
const NEAREST_M = 0.1
/** Panels keep this far (m) above the floor. */
const FLOOR_CLEARANCE_M = 0.02
/** A floating coach's stage (lying user) tilts this much toward the user (deg). */
const ONBACK_TILT_DEG = 30

const DEG = Math.PI / 180

/** The posture class a stretch's held pose puts the user in: the fallback when the head cannot tell. */
export function postureClassOfStretch(id: StretchId | null): PostureClass {
  if (id === null) return 'standing'
  if (id === 'childs-pose' || id === 'childs-pose-side') return 'faceDown'
  switch (STRETCHES[id].posture) {
    case 'lying':
      return 'onBack'
    case 'seated':
      return 'seated'
    case 'kneeling':
    case 'half-kneeling':
      return 'kneeling'
    case 'standing':
      return 'standing'
  }
}

// Scratch vectors: filled and read within one call.
const _f = new Float64Array(3)
const _u = new Float64Array(3)
const _r = new Float64Array(3)
const _d = new Float64Array(3)
const _a = new Float64Array(3)
const _b = new Float64Array(3)
const _m = new Float64Array(9)
const _q = new Float64Array(4)
const _c = new Float64Array(3)
const _d2 = new Float64Array(3)

function headOk(head: ArrayLike<number>): boolean {
  for (let i = 0; i < 7; i++) if (!Number.isFinite(head[i])) return false
  const l = Math.sqrt(
    head[3]! * head[3]! + head[4]! * head[4]! + head[5]! * head[5]! + head[6]! * head[6]!,
  )
  return l > 0.5 && l < 1.5
}

/** The head's own axes: forward (−Z), up (+Y), right (+X). */
const FORWARD = Float64Array.of(0, 0, -1)
const UP = Float64Array.of(0, 1, 0)
const RIGHT = Float64Array.of(1, 0, 0)
const _hq = new Float64Array(4)

/** Fills _f (face), _u (head up), _r (head right) from the head's quaternion (no float crosses a call). */
function headAxes(head: ArrayLike<number>): void {
  const l = Math.sqrt(
    head[3]! * head[3]! + head[4]! * head[4]! + head[5]! * head[5]! + head[6]! * head[6]!,
  )
  for (let i = 0; i < 4; i++) _hq[i] = head[3 + i]! / l
  rotateVecAt(_f, 0, _hq, 0, FORWARD, 0)
  rotateVecAt(_u, 0, _hq, 0, UP, 0)
  rotateVecAt(_r, 0, _hq, 0, RIGHT, 0)
}

/** Scales v to unit length (left as it is when nearly zero). */
function normalize(v: Float64Array): void {
  const l = Math.sqrt(v[0]! * v[0]! + v[1]! * v[1]! + v[2]! * v[2]!)
  if (l > 1e-9) {
    v[0] = v[0]! / l
    v[1] = v[1]! / l
    v[2] = v[2]! / l
  }
}

/**
 * The posture class from the head pose (eye height as a fraction of the
 * stature in statureM[0], a typed slot as this runs every frame; face pitch);
 * `fallback` (the stretch's) when the head is missing, or to choose between
 * lying face down and face up when the face points sideways.
 */
export function classifyPosture(
  head: ArrayLike<number>,
  tracked: boolean,
  statureM: ArrayLike<number>,
  fallback: PostureClass,
): PostureClass {
  const H = statureM[0]!
  if (!tracked || !headOk(head) || !(H > 0)) return fallback
  headAxes(head)
  const eye = head[1]! / H
  const pitch = Math.asin(Math.max(-1, Math.min(1, _f[1]!))) / DEG
  if (eye <= 0.5 && pitch <= -40) return 'faceDown'
  if (eye <= 0.3) {
    if (pitch >= 20) return 'onBack'
    return fallback === 'faceDown' || fallback === 'onBack' ? fallback : 'seated'
  }
  if (eye <= 0.55) return 'seated'
  // kneeling upright and standing bent over a counter put the eyes at the same height
  if (eye <= 0.72) return fallback === 'standing' ? 'standing' : 'kneeling'
  return 'standing'
}

/** A placement of the coach and the panel. */
export interface ViewPlacement {
  cls: PostureClass
  /** the coach frame's origin (the centre of the stage it stands on), world metres */
  readonly coachPosition: Float64Array
  /** the coach frame's rotation [x,y,z,w]: its +Y is the stage's normal, +Z where the coach faces */
  readonly coachQuaternion: Float64Array
  /** world metres per metre of a coach as tall as the user */
  coachScale: number
  /** the stage is above the real floor (a platform is drawn under the coach) */
  stageRaised: boolean
  /** the panel's centre, world metres */
  readonly panelPosition: Float64Array
  /** the panel's rotation: +Z toward the eyes, +Y its up */
  readonly panelQuaternion: Float64Array
  panelScale: number
  /** the caption (above the coach in the view): centre, rotation, scale */
  readonly captionPosition: Float64Array
  readonly captionQuaternion: Float64Array
  captionScale: number
}

/** Allocates a placement (identity). */
export function createViewPlacement(): ViewPlacement {
  return {
    cls: 'standing',
    coachPosition: new Float64Array(3),
    coachQuaternion: Float64Array.of(0, 0, 0, 1),
    coachScale: 1,
    stageRaised: false,
    panelPosition: new Float64Array(3),
    panelQuaternion: Float64Array.of(0, 0, 0, 1),
    panelScale: 1,
    captionPosition: new Float64Array(3),
    captionQuaternion: Float64Array.of(0, 0, 0, 1),
    captionScale: 1,
  }
}

/** Copies a placement. */
export function copyViewPlacement(dst: ViewPlacement, src: ViewPlacement): void {
  dst.cls = src.cls
  dst.coachPosition.set(src.coachPosition)
  dst.coachQuaternion.set(src.coachQuaternion)
  dst.coachScale = src.coachScale
  dst.stageRaised = src.stageRaised
  dst.panelPosition.set(src.panelPosition)
  dst.panelQuaternion.set(src.panelQuaternion)
  dst.panelScale = src.panelScale
  dst.captionPosition.set(src.captionPosition)
  dst.captionQuaternion.set(src.captionQuaternion)
  dst.captionScale = src.captionScale
}

/** Quaternion (into q at o) of the rotation whose columns are x, y, z (orthonormal, right-handed). */
function quatFromColumns(
  q: Float64Array,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  z: ArrayLike<number>,
): void {
  const m00 = x[0]!
  const m10 = x[1]!
  const m20 = x[2]!
  const m01 = y[0]!
  const m11 = y[1]!
  const m21 = y[2]!
  const m02 = z[0]!
  const m12 = z[1]!
  const m22 = z[2]!
  const tr = m00 + m11 + m22
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2
    q[0] = (m21 - m12) / s
    q[1] = (m02 - m20) / s
    q[2] = (m10 - m01) / s
    q[3] = s / 4
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2
    q[0] = s / 4
    q[1] = (m01 + m10) / s
    q[2] = (m02 + m20) / s
    q[3] = (m21 - m12) / s
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2
    q[0] = (m01 + m10) / s
    q[1] = s / 4
    q[2] = (m12 + m21) / s
    q[3] = (m02 - m20) / s
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2
    q[0] = (m02 + m20) / s
    q[1] = (m12 + m21) / s
    q[2] = s / 4
    q[3] = (m10 - m01) / s
  }
}

/**
 * A flat thing facing the eye: rotation with +Z toward `eye` from `pos`, +Y
 * as close to `up` as it can be. Writes q.
 */
function faceEye(
  q: Float64Array,
  pos: ArrayLike<number>,
  eye: ArrayLike<number>,
  upx: number,
  upy: number,
  upz: number,
): void {
  _m[6] = eye[0]! - pos[0]!
  _m[7] = eye[1]! - pos[1]!
  _m[8] = eye[2]! - pos[2]!
  let l = Math.sqrt(_m[6]! * _m[6]! + _m[7]! * _m[7]! + _m[8]! * _m[8]!)
  _m[6] = _m[6]! / l
  _m[7] = _m[7]! / l
  _m[8] = _m[8]! / l
  // x = up × z
  let xx = upy * _m[8]! - upz * _m[7]!
  let xy = upz * _m[6]! - upx * _m[8]!
  let xz = upx * _m[7]! - upy * _m[6]!
  l = Math.sqrt(xx * xx + xy * xy + xz * xz)
  if (l < 1e-6) {
    // up along the view: any perpendicular will do
    xx = 1
    xy = 0
    xz = 0
  } else {
    xx /= l
    xy /= l
    xz /= l
  }
  _m[0] = xx
  _m[1] = xy
  _m[2] = xz
  // y = z × x
  _a[0] = xx
  _a[1] = xy
  _a[2] = xz
  _b[0] = _m[7]! * xz - _m[8]! * xy
  _b[1] = _m[8]! * xx - _m[6]! * xz
  _b[2] = _m[6]! * xy - _m[7]! * xx
  _d2[0] = _m[6]!
  _d2[1] = _m[7]!
  _d2[2] = _m[8]!
  quatFromColumns(q, _a, _b, _d2)
}

/**
 * The scale at which a coach box (fractions of H) spans at most the budget
 * seen from `dist` m; `across` is the coach axis (0 x, 1 y, 2 z) that runs
 * across the view, `up` the one up the view, or −1 for the larger of the other two.
 */
function fitScale(
  bounds: ArrayLike<number>,
  statureM: number,
  dist: number,
  across: number,
  up: number,
  halfAcrossDeg = COACH_HALF_ACROSS_DEG,
  halfUpDeg = COACH_HALF_UP_DEG,
): number {
  const wAcross = 2 * dist * Math.tan(halfAcrossDeg * DEG)
  const wUp = 2 * dist * Math.tan(halfUpDeg * DEG)
  const ex = (bounds[3]! - bounds[0]!) * statureM
  const ey = (bounds[4]! - bounds[1]!) * statureM
  const ez = (bounds[5]! - bounds[2]!) * statureM
  // `across`/`up`: which coach axis (0 x, 1 y, 2 z) runs across and up the view
  const eAcross = across === 0 ? ex : across === 1 ? ey : ez
  const eUp =
    up === 0
      ? ex
      : up === 1
        ? ey
        : up === 2
          ? ez
          : across === 0
            ? Math.max(ey, ez)
            : across === 1
              ? Math.max(ex, ez)
              : Math.max(ex, ey)
  let s = 1
  if (eAcross > 1e-6) s = Math.min(s, wAcross / eAcross)
  if (eUp > 1e-6) s = Math.min(s, wUp / eUp)
  return s
}

/**
 * Places the coach and the panel for a head pose `head` and posture class
 * `cls`, with the coach's box `bounds` (coach frame, fractions of H: the
 * union over what it is about to do) and the user's stature (the coach is as
 * tall). Returns false, leaving `out` unchanged, for a missing or broken head pose.
 */
export function placeView(
  out: ViewPlacement,
  head: ArrayLike<number>,
  cls: PostureClass,
  bounds: ArrayLike<number>,
  statureM: number,
): boolean {
  if (!headOk(head)) return false
  const H = statureM > 0 && Number.isFinite(statureM) ? statureM : EYE_HEIGHT_RANGE_M[0] / 0.93
  headAxes(head)
  const ex = head[0]!
  const ey = Math.max(0.05, head[1]!)
  const ez = head[2]!
  out.cls = cls
  const cx = (bounds[0]! + bounds[3]!) / 2
  const cy = (bounds[1]! + bounds[4]!) / 2
  const cz = (bounds[2]! + bounds[5]!) / 2
  if (cls === 'standing' || cls === 'kneeling' || cls === 'seated') {
    // the forward line on the floor: the face, or the head's up axis if the face is near vertical
    let fx = _f[0]!
    let fz = _f[2]!
    if (Math.sqrt(fx * fx + fz * fz) < 0.3) {
      fx = _u[0]!
      fz = _u[2]!
    }
    let l = Math.sqrt(fx * fx + fz * fz)
    if (l < 1e-6) {
      fx = 0
      fz = -1
      l = 1
    }
    fx /= l
    fz /= l
    const rx = -fz
    const rz = fx
    const pitch = Math.asin(Math.max(-1, Math.min(1, _f[1]!))) / DEG
    // The coach: to the right, looked down on a little (never above the eyes).
    const az = COACH_AZ_DEG * DEG
    const dx = fx * Math.cos(az) + rx * Math.sin(az)
    const dz = fz * Math.cos(az) + rz * Math.sin(az)
    const elC = Math.max(-36, Math.min(-6, pitch - 6)) * DEG
    // seen side-on: the coach's +Z runs across the view toward the user's left
    let dist = COACH_DIST_M[cls]
    let s = fitScale(bounds, H, dist / Math.cos(elC), 2, 1)
    // looking well down (at a counter): come nearer rather than sink below the floor
    const low = (ey - cy * H * s) / Math.tan(-elC)
    if (low < dist) {
      dist = Math.max(MIN_UPRIGHT_DIST_M, low)
      s = fitScale(bounds, H, dist / Math.cos(elC), 2, 1)
    }
    // the near half of the box (its depth along the view) is seen wider: fit that face
    const nearDepth = ((bounds[3]! - bounds[0]!) / 2) * H * s
    s = Math.min(s, fitScale(bounds, H, Math.max(0.3, dist - nearDepth) / Math.cos(elC), 2, 1))
    const k = H * s
    const px = ex + dx * dist
    const pz = ez + dz * dist
    const py = ey + Math.tan(elC) * dist
    // coach frame: +Z = −right (toward the panel), +Y up, +X = Y × Z
    const zx = -rx
    const zz = -rz
    _a[0] = zz
    _a[1] = 0
    _a[2] = -zx
    _b[0] = 0
    _b[1] = 1
    _b[2] = 0
    _c[0] = zx
    _c[1] = 0
    _c[2] = zz
    quatFromColumns(out.coachQuaternion, _a, _b, _c)
    // the box centre goes to (px, py, pz); the stage no lower than the floor
    const stageY = Math.max(0, py - cy * k)
    out.coachPosition[0] = px - (_a[0]! * cx + zx * cz) * k
    out.coachPosition[1] = stageY
    out.coachPosition[2] = pz - (_a[2]! * cx + zz * cz) * k
    out.stageRaised = stageY > 0.03
    out.coachScale = s
    // The panel: to the left, at about the height the face points to, upright.
    const ap = PANEL_AZ_DEG * DEG
    const qx = fx * Math.cos(ap) - rx * Math.sin(ap)
    const qz = fz * Math.cos(ap) - rz * Math.sin(ap)
    const elP = Math.max(cls === 'seated' ? -30 : -28, Math.min(0, pitch + 8)) * DEG
    const pd = cls === 'seated' ? PANEL_DIST_M * 0.9 : PANEL_DIST_M
    out.panelPosition[0] = ex + qx * pd * Math.cos(elP)
    out.panelPosition[1] = Math.max(FLOOR_CLEARANCE_M + PANEL_HEIGHT_M / 2, ey + pd * Math.sin(elP))
    out.panelPosition[2] = ez + qz * pd * Math.cos(elP)
    out.panelScale = 1
    faceEye(out.panelQuaternion, out.panelPosition, head, 0, 1, 0)
    placeCaption(out, head, bounds, k, 0, 1, 0)
    return true
  }
  if (cls === 'faceDown') {
    // Everything lies flat on the floor where the eyes look: a little toward the crown and to
    // each side of the face. The floor is a hand's breadth away, so all is small and close.
    const tu = Math.tan(10 * DEG)
    floorAxes()
    rayDir(_d, Math.tan(NEAR_AZ_DEG * DEG), tu)
    let t = _d[1]! < -0.05 ? ey / -_d[1]! : 0.3
    t = Math.max(NEAREST_M, Math.min(1.5, t))
    // the coach lies on the floor where the ray meets it, across the view
    const s = fitScale(bounds, H, t, 2, -1, NEAR_HALF_DEG, NEAR_HALF_DEG)
    const k = H * s
    quatFromColumns(out.coachQuaternion, _a, _b, _c)
    out.coachPosition[0] = ex + _d[0]! * t - (_a[0]! * cx + _c[0]! * cz) * k
    out.coachPosition[1] = 0.003
    out.coachPosition[2] = ez + _d[2]! * t - (_a[2]! * cx + _c[2]! * cz) * k
    out.coachScale = s
    out.stageRaised = false
    // the panel lies face up just above the floor, its top toward the crown (coach −X)
    rayDir(_d, -Math.tan(NEAR_AZ_DEG * DEG), tu)
    const lift = FLOOR_CLEARANCE_M
    let tp = _d[1]! < -0.05 ? (ey - lift) / -_d[1]! : 0.3
    tp = Math.max(NEAREST_M, Math.min(1.5, tp))
    out.panelPosition[0] = ex + _d[0]! * tp
    out.panelPosition[1] = lift
    out.panelPosition[2] = ez + _d[2]! * tp
    out.panelScale = tp / PANEL_DIST_M
    // columns: x = the user's right (−coach Z), y = toward the crown (−coach X), z = up
    _d2[0] = -_c[0]!
    _d2[1] = 0
    _d2[2] = -_c[2]!
    _m[0] = -_a[0]!
    _m[1] = 0
    _m[2] = -_a[2]!
    quatFromColumns(out.panelQuaternion, _d2, _m, _b)
    // the caption beyond the coach, toward the crown, flat too
    const ahead = (cx - bounds[0]!) * k + (CAPTION_HEIGHT_M / 2) * out.panelScale + 0.01
    coachBoxCentre(_c, out, bounds, k)
    out.captionPosition[0] = _c[0]! - _a[0]! * ahead
    out.captionPosition[1] = lift
    out.captionPosition[2] = _c[2]! - _a[2]! * ahead
    out.captionScale = out.panelScale
    out.captionQuaternion.set(out.panelQuaternion)
    return true
  }
  // On the back: both float above the face; the coach's stage tilts toward the user.
  rayDir(_d, Math.tan(COACH_AZ_DEG * DEG), 0)
  const dist = COACH_DIST_M.onBack
  const s = fitScale(bounds, H, dist, 2, -1)
  const k = H * s
  // stage normal: the head's up axis made perpendicular to the view, tilted toward the user
  const dot = _u[0]! * _d[0]! + _u[1]! * _d[1]! + _u[2]! * _d[2]!
  _b[0] = _u[0]! - dot * _d[0]!
  _b[1] = _u[1]! - dot * _d[1]!
  _b[2] = _u[2]! - dot * _d[2]!
  normalize(_b)
  const tilt = ONBACK_TILT_DEG * DEG
  _b[0] = _b[0]! * Math.cos(tilt) - _d[0]! * Math.sin(tilt)
  _b[1] = _b[1]! * Math.cos(tilt) - _d[1]! * Math.sin(tilt)
  _b[2] = _b[2]! * Math.cos(tilt) - _d[2]! * Math.sin(tilt)
  normalize(_b)
  // the coach's +Z across the view toward the user's left
  // −right made perpendicular to the normal: −r + (r·b) b
  const e = _r[0]! * _b[0]! + _r[1]! * _b[1]! + _r[2]! * _b[2]!
  _c[0] = -_r[0]! + e * _b[0]!
  _c[1] = -_r[1]! + e * _b[1]!
  _c[2] = -_r[2]! + e * _b[2]!
  normalize(_c)
  _a[0] = _b[1]! * _c[2]! - _b[2]! * _c[1]!
  _a[1] = _b[2]! * _c[0]! - _b[0]! * _c[2]!
  _a[2] = _b[0]! * _c[1]! - _b[1]! * _c[0]!
  quatFromColumns(out.coachQuaternion, _a, _b, _c)
  const px = ex + _d[0]! * dist
  const py = ey + _d[1]! * dist
  const pz = ez + _d[2]! * dist
  for (let i = 0; i < 3; i++)
    out.coachPosition[i] =
      (i === 0 ? px : i === 1 ? py : pz) - (_a[i]! * cx + _b[i]! * cy + _c[i]! * cz) * k
  out.coachScale = s
  out.stageRaised = true
  rayDir(_d, -Math.tan(PANEL_AZ_DEG * DEG), 0)
  const pd = PANEL_DIST_M * 0.95
  out.panelPosition[0] = ex + _d[0]! * pd
  out.panelPosition[1] = Math.max(FLOOR_CLEARANCE_M + PANEL_HEIGHT_M / 2, ey + _d[1]! * pd)
  out.panelPosition[2] = ez + _d[2]! * pd
  out.panelScale = 1
  faceEye(out.panelQuaternion, out.panelPosition, head, _u[0]!, _u[1]!, _u[2]!)
  placeCaption(out, head, bounds, k, _u[0]!, _u[1]!, _u[2]!)
  return true
}

/** _d = the face direction turned toward the user's right by atan(right) and toward the crown by atan(up). */
function rayDir(out: Float64Array, right: number, up: number): void {
  out[0] = _f[0]! + right * _r[0]! + up * _u[0]!
  out[1] = _f[1]! + right * _r[1]! + up * _u[1]!
  out[2] = _f[2]! + right * _r[2]! + up * _u[2]!
  normalize(out)
}

/** Coach axes lying on the floor for a face-down user: +Y up, +Z across the view toward the user's left. */
function floorAxes(): void {
  _b[0] = 0
  _b[1] = 1
  _b[2] = 0
  let zx = -_r[0]!
  let zz = -_r[2]!
  const l = Math.sqrt(zx * zx + zz * zz)
  if (l < 1e-6) {
    zx = 1
    zz = 0
  } else {
    zx /= l
    zz /= l
  }
  _c[0] = zx
  _c[1] = 0
  _c[2] = zz
  _a[0] = zz
  _a[1] = 0
  _a[2] = -zx
}

/** The caption just above the coach in the view (`up`: the view's up), facing the eyes, sized with distance. */
function placeCaption(
  out: ViewPlacement,
  head: ArrayLike<number>,
  bounds: ArrayLike<number>,
  k: number,
  upx: number,
  upy: number,
  upz: number,
): void {
  coachBoxCentre(_c, out, bounds, k)
  const dist = Math.sqrt(
    (_c[0]! - head[0]!) * (_c[0]! - head[0]!) +
      (_c[1]! - head[1]!) * (_c[1]! - head[1]!) +
      (_c[2]! - head[2]!) * (_c[2]! - head[2]!),
  )
  const scale = Math.max(0.1, dist / 2)
  // half the box's size along the view's up, plus a margin
  const half = boxHalfExtentAlong(out, bounds, k, upx, upy, upz)
  const lift = half + (CAPTION_HEIGHT_M / 2 + 0.05) * scale
  out.captionPosition[0] = _c[0]! + upx * lift
  out.captionPosition[1] = _c[1]! + upy * lift
  out.captionPosition[2] = _c[2]! + upz * lift
  out.captionScale = scale
  faceEye(out.captionQuaternion, out.captionPosition, head, upx, upy, upz)
}

/** The world centre of the coach's box (bounds in fractions of H, k = metres per fraction). */
function coachBoxCentre(
  target: Float64Array,
  vp: ViewPlacement,
  bounds: ArrayLike<number>,
  k: number,
): void {
  _q[0] = ((bounds[0]! + bounds[3]!) / 2) * k
  _q[1] = ((bounds[1]! + bounds[4]!) / 2) * k
  _q[2] = ((bounds[2]! + bounds[5]!) / 2) * k
  rotateVecAt(target, 0, vp.coachQuaternion, 0, _q, 0)
  target[0] = target[0]! + vp.coachPosition[0]!
  target[1] = target[1]! + vp.coachPosition[1]!
  target[2] = target[2]! + vp.coachPosition[2]!
}

const _axis = new Float64Array(3)

/** Half the extent of the coach's rotated box along a world direction. */
function boxHalfExtentAlong(
  vp: ViewPlacement,
  bounds: ArrayLike<number>,
  k: number,
  dx: number,
  dy: number,
  dz: number,
): number {
  let sum = 0
  for (let i = 0; i < 3; i++) {
    rotateVec(_axis, 0, vp.coachQuaternion, 0, i === 0 ? 1 : 0, i === 1 ? 1 : 0, i === 2 ? 1 : 0)
    const half = ((bounds[i + 3]! - bounds[i]!) / 2) * k
    sum += half * Math.abs(_axis[0]! * dx + _axis[1]! * dy + _axis[2]! * dz)
  }
  return sum
}

/**
 * The coach's world box [minX, minY, minZ, maxX, maxY, maxZ] (local-floor m)
 * from its box in the coach frame (fractions of H), the placement and the
 * stature in `statureM[0]` (a typed slot: this runs every frame, and a float
 * argument to a call V8 does not inline is boxed).
 */
export function coachWorldBounds(
  out: Float64Array,
  vp: ViewPlacement,
  bounds: ArrayLike<number>,
  statureM: ArrayLike<number>,
): void {
  const k = statureM[0]! * vp.coachScale
  for (let i = 0; i < 3; i++) {
    out[i] = Infinity
    out[i + 3] = -Infinity
  }
  for (let corner = 0; corner < 8; corner++) {
    _q[0] = bounds[corner & 1 ? 3 : 0]! * k
    _q[1] = bounds[corner & 2 ? 4 : 1]! * k
    _q[2] = bounds[corner & 4 ? 5 : 2]! * k
    rotateVecAt(_axis, 0, vp.coachQuaternion, 0, _q, 0)
    for (let i = 0; i < 3; i++) {
      const v = _axis[i]! + vp.coachPosition[i]!
      if (v < out[i]!) out[i] = v
      if (v > out[i + 3]!) out[i + 3] = v
    }
  }
}

/** The panel's world box (local-floor m): its four corners at its placement and scale. */
export function panelWorldBounds(out: Float64Array, vp: ViewPlacement): void {
  for (let i = 0; i < 3; i++) {
    out[i] = Infinity
    out[i + 3] = -Infinity
  }
  for (let corner = 0; corner < 4; corner++) {
    _q[0] = (corner & 1 ? 0.5 : -0.5) * PANEL_WIDTH_M * vp.panelScale
    _q[1] = (corner & 2 ? 0.5 : -0.5) * PANEL_HEIGHT_M * vp.panelScale
    _q[2] = 0
    rotateVecAt(_axis, 0, vp.panelQuaternion, 0, _q, 0)
    for (let i = 0; i < 3; i++) {
      const v = _axis[i]! + vp.panelPosition[i]!
      if (v < out[i]!) out[i] = v
      if (v > out[i + 3]!) out[i + 3] = v
    }
  }
}

/** out[slot] = the angle (deg) between where the face of `head` points and the point p[po..po+2] (world). */
function faceAngleInto(
  out: Float64Array,
  slot: number,
  head: ArrayLike<number>,
  p: ArrayLike<number>,
  po: number,
): void {
  headAxes(head)
  const dx = p[po]! - head[0]!
  const dy = p[po + 1]! - head[1]!
  const dz = p[po + 2]! - head[2]!
  const l = Math.sqrt(dx * dx + dy * dy + dz * dz)
  const c = l < 1e-9 ? 1 : (dx * _f[0]! + dy * _f[1]! + dz * _f[2]!) / l
  out[slot] = Math.acos(Math.max(-1, Math.min(1, c))) / DEG
}

const _pt = new Float64Array(3)
const _ang = new Float64Array(4)

/** The angle (deg) between where the face of `head` points and the point p (world). */
export function angleFromFaceDeg(
  head: ArrayLike<number>,
  px: number,
  py: number,
  pz: number,
): number {
  if (!headOk(head)) return 180
  _pt[0] = px
  _pt[1] = py
  _pt[2] = pz
  faceAngleInto(_ang, 3, head, _pt, 0)
  return _ang[3]!
}

/**
 * Keeps the coach and the panel in view without swimming: placed at once the
 * first time, then again only when the head has stayed turned away (or in
 * another posture class) for more than AWAY_SECONDS, or when told to (the
 * space was reset). When the coach is about to do something of another size
 * (a new route), it is refitted where it stands, from the head pose it was
 * placed for: nothing follows the head. Each change glides over GLIDE_S.
 * `shown` is what to draw this frame.
 */
export interface ViewFollower {
  readonly shown: ViewPlacement
  readonly from: ViewPlacement
  readonly to: ViewPlacement
  placed: boolean
  /** numbers of the follower (N_* slots; FOLLOWER_STATURE and FOLLOWER_DT are written by the caller) */
  readonly num: Float64Array
  /** the stature (m) in a one-slot array, for coachWorldBounds */
  readonly stature: Float64Array
  /** the head pose the current placement was made for */
  readonly placedHead: Float64Array
  /** the box the coach was last placed for (coach frame, fractions of H) */
  readonly bounds: Float64Array
  readonly worldBox: Float64Array
}

/** Allocates a follower (nothing placed yet). */
export function createViewFollower(): ViewFollower {
  return {
    shown: createViewPlacement(),
    from: createViewPlacement(),
    to: createViewPlacement(),
    placed: false,
    num: Float64Array.of(0, 1, 0, 1.72, 0, 0, 0, 0),
    stature: Float64Array.of(1.72),
    placedHead: new Float64Array(7),
    bounds: new Float64Array(6),
    worldBox: new Float64Array(6),
  }
}

/** Forgets the placement: the next update places at once (a new session, a reset space). */
export function resetViewFollower(f: ViewFollower): void {
  f.placed = false
  f.num[N_AWAY] = 0
  f.num[N_GLIDE] = 1
}

function sameBox(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < 6; i++) if (Math.abs(a[i]! - b[i]!) > 1e-6) return false
  return true
}

/** The slow mean of the face pitch may drift this far (deg) from the placement's before re-placing. */
const PITCH_AWAY_DEG = 22
/** Time constant (s) of that mean: cat-cow's nods average out, looking up from the counter does not. */
const PITCH_MEAN_S = 1.2

/** Slots of ViewFollower.num: the caller writes FOLLOWER_STATURE (on edges) and FOLLOWER_DT (every frame). */
const N_AWAY = 0
const N_GLIDE = 1
const N_PITCH = 2
/** ViewFollower.num slot: the user's stature (m); the coach is as tall. */
export const FOLLOWER_STATURE = 3
/** ViewFollower.num slot: seconds since the last frame. */
export const FOLLOWER_DT = 4
const N_PLACED_PITCH = 5
const N_PLACED_HEADING = 6
const N_STEP = 7

/**
 * The tunables the follower reads every frame, in typed slots: a module
 * constant in per-frame arithmetic or a comparison is loaded boxed by V8 and
 * made the surrounding numbers allocate (measured).
 */
const _k = Float64Array.of(
  (AWAY_DEG - COACH_AZ_DEG) * DEG,
  PITCH_AWAY_DEG,
  AWAY_SECONDS,
  GLIDE_S,
  PITCH_MEAN_S,
  AWAY_DEG,
)
const K_HEADING_AWAY = 0
const K_PITCH_AWAY = 1
const K_AWAY_S = 2
const K_GLIDE_S = 3
const K_PITCH_MEAN_S = 4
const K_AWAY_DEG = 5

function isUpright(cls: PostureClass): boolean {
  return cls === 'standing' || cls === 'kneeling' || cls === 'seated'
}

/** _ang[0] = face pitch (deg), _ang[1] = heading (rad about +Y) of the forward line (the face, or the crown when the face is near vertical). */
function readAngles(head: ArrayLike<number>): void {
  headAxes(head)
  _ang[0] = Math.asin(Math.max(-1, Math.min(1, _f[1]!))) / DEG
  let fx = _f[0]!
  let fz = _f[2]!
  if (Math.sqrt(fx * fx + fz * fz) < 0.3) {
    fx = _u[0]!
    fz = _u[2]!
  }
  _ang[1] = Math.atan2(fx, fz)
}

const _calm = new Float64Array(7)

/**
 * The head an upright placement is made for: where it is and its heading,
 * with the face pitched at its slow mean, so one moment of a nod does not
 * decide where the coach goes (placements only, not every frame).
 */
function calmHead(head: ArrayLike<number>, pitchDeg: number): Float64Array {
  readAngles(head)
  const yaw = _ang[1]! + Math.PI
  const p = (pitchDeg * DEG) / 2
  const y = yaw / 2
  // q = yaw about +Y, then pitch about the head's +X
  const cy = Math.cos(y)
  const sy = Math.sin(y)
  const cp = Math.cos(p)
  const sp = Math.sin(p)
  _calm[0] = head[0]!
  _calm[1] = head[1]!
  _calm[2] = head[2]!
  _calm[3] = cy * sp
  _calm[4] = sy * cp
  _calm[5] = -sy * sp
  _calm[6] = cy * cp
  return _calm
}

/** Whether the user has turned away from the placement: upright by heading, lying by what the face points at. */
function turnedAway(f: ViewFollower, head: ArrayLike<number>): boolean {
  const cls = f.to.cls
  if (isUpright(cls)) {
    // Upright, a nod (cat-cow, a glance at the hands) is not turning away: the heading is, and
    // where the face points on average over a few seconds (looking up from the counter).
    readAngles(head)
    let d = _ang[1]! - f.num[N_PLACED_HEADING]!
    d = Math.atan2(Math.sin(d), Math.cos(d))
    return (
      Math.abs(d) > _k[K_HEADING_AWAY]! ||
      Math.abs(f.num[N_PITCH]! - f.num[N_PLACED_PITCH]!) > _k[K_PITCH_AWAY]!
    )
  }
  coachWorldBounds(f.worldBox, f.to, f.bounds, f.stature)
  const wb = f.worldBox
  for (let i = 0; i < 3; i++) _pt[i] = (wb[i]! + wb[i + 3]!) / 2
  faceAngleInto(_ang, 2, head, _pt, 0)
  faceAngleInto(_ang, 3, head, f.to.panelPosition, 0)
  return _ang[2]! > _k[K_AWAY_DEG]! || _ang[3]! > _k[K_AWAY_DEG]!
}

/**
 * One frame: re-places when turned away (or in another posture class) for
 * more than a second, or when `force`; refits the coach when `bounds` (its
 * box for what it is about to do, coach frame, fractions of H) changed; then
 * advances the glide. The stature and the frame's seconds come in
 * f.num[FOLLOWER_STATURE] and f.num[FOLLOWER_DT] (typed slots: no float
 * argument is boxed on this per-frame call).
 */
export function updateViewFollower(
  f: ViewFollower,
  head: ArrayLike<number>,
  tracked: boolean,
  cls: PostureClass,
  bounds: ArrayLike<number>,
  force: boolean,
): void {
  const num = f.num
  f.stature[0] = num[FOLLOWER_STATURE]!
  // a stall of more than a quarter second is not time spent turned away
  num[N_STEP] = Math.min(Math.max(num[FOLLOWER_DT]!, 0), 0.25)
  const usable = tracked && headOk(head)
  if (usable) {
    readAngles(head)
    num[N_PITCH] = f.placed
      ? num[N_PITCH]! +
        (_ang[0]! - num[N_PITCH]!) * (1 - Math.exp(-num[N_STEP]! / _k[K_PITCH_MEAN_S]!))
      : _ang[0]!
  }
  if (!f.placed) {
    if (usable && placeFor(f, head, cls, bounds)) {
      copyViewPlacement(f.shown, f.to)
      copyViewPlacement(f.from, f.to)
      f.placed = true
      num[N_AWAY] = 0
      num[N_GLIDE] = 1
    }
    return
  }
  const away = usable && (force || cls !== f.to.cls || turnedAway(f, head))
  num[N_AWAY] = away ? num[N_AWAY]! + num[N_STEP]! : 0
  if (usable && (force || num[N_AWAY]! > _k[K_AWAY_S]!)) {
    // a new posture starts a new mean: where the face pointed lying down says nothing standing
    if (cls !== f.to.cls) {
      readAngles(head)
      num[N_PITCH] = _ang[0]!
    }
    copyViewPlacement(f.from, f.shown)
    if (placeFor(f, head, cls, bounds)) num[N_GLIDE] = 0
    num[N_AWAY] = 0
  } else if (!sameBox(bounds, f.bounds)) {
    // the coach is about to do something of another size: refit it where it is
    for (let i = 0; i < 6; i++) f.bounds[i] = bounds[i]!
    if (placeView(f.to, f.placedHead, f.to.cls, bounds, num[FOLLOWER_STATURE]!)) {
      copyViewPlacement(f.from, f.shown)
      num[N_GLIDE] = 0
    }
  }
  if (num[N_GLIDE]! < 1) {
    num[N_GLIDE] = Math.min(1, num[N_GLIDE]! + num[N_STEP]! / _k[K_GLIDE_S]!)
    blendPlacement(f.shown, f.from, f.to, num)
  }
}

/** Places for this head (upright: its calm version) and remembers what it placed for. */
function placeFor(
  f: ViewFollower,
  head: ArrayLike<number>,
  cls: PostureClass,
  bounds: ArrayLike<number>,
): boolean {
  const h = isUpright(cls) ? calmHead(head, f.num[N_PITCH]!) : head
  if (!placeView(f.to, h, cls, bounds, f.num[FOLLOWER_STATURE]!)) return false
  for (let i = 0; i < 7; i++) f.placedHead[i] = h[i]!
  for (let i = 0; i < 6; i++) f.bounds[i] = bounds[i]!
  readAngles(f.placedHead)
  f.num[N_PLACED_PITCH] = _ang[0]!
  f.num[N_PLACED_HEADING] = _ang[1]!
  return true
}

/** The glide's eased weight (a typed slot: read inside the blend, never passed as a float). */
const _w = new Float64Array(1)

function lerp3(out: Float64Array, a: Float64Array, b: Float64Array): void {
  const w = _w[0]!
  for (let i = 0; i < 3; i++) out[i] = a[i]! + (b[i]! - a[i]!) * w
}

function nlerp(out: Float64Array, a: Float64Array, b: Float64Array): void {
  const w = _w[0]!
  const s = a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]! < 0 ? -w : w
  let l = 0
  for (let i = 0; i < 4; i++) {
    out[i] = a[i]! * (1 - w) + b[i]! * s
    l += out[i]! * out[i]!
  }
  l = Math.sqrt(l)
  if (!(l > 0)) l = 1
  for (let i = 0; i < 4; i++) out[i] = out[i]! / l
}

/** Writes the placement the glide's way (num[N_GLIDE], eased) from a to b. */
function blendPlacement(
  out: ViewPlacement,
  a: ViewPlacement,
  b: ViewPlacement,
  num: Float64Array,
): void {
  const x = num[N_GLIDE]!
  _w[0] = x * x * (3 - 2 * x)
  const w = _w[0]!
  out.cls = b.cls
  lerp3(out.coachPosition, a.coachPosition, b.coachPosition)
  nlerp(out.coachQuaternion, a.coachQuaternion, b.coachQuaternion)
  out.coachScale = a.coachScale + (b.coachScale - a.coachScale) * w
  out.stageRaised = w < 0.5 ? a.stageRaised : b.stageRaised
  lerp3(out.panelPosition, a.panelPosition, b.panelPosition)
  nlerp(out.panelQuaternion, a.panelQuaternion, b.panelQuaternion)
  out.panelScale = a.panelScale + (b.panelScale - a.panelScale) * w
  lerp3(out.captionPosition, a.captionPosition, b.captionPosition)
  nlerp(out.captionQuaternion, a.captionQuaternion, b.captionQuaternion)
  out.captionScale = a.captionScale + (b.captionScale - a.captionScale) * w
}

/** viewerInCoachFrame's conjugate rotation (written and read within one call). */
const _inv = new Float64Array(4)

/**
 * Where a world point (the user's head, local-floor metres, at p[po..po+2]) is
 * in the coach's own frame as the director takes it: x left, y up, z ahead,
 * in fractions of the coach's height. Writes out[oo..oo+2]; allocation-free.
 */
export function viewerInCoachFrame(
  out: NumArray,
  oo: number,
  vp: ViewPlacement,
  statureM: ArrayLike<number>,
  p: ArrayLike<number>,
  po: number,
): void {
  const q = vp.coachQuaternion
  _inv[0] = -q[0]!
  _inv[1] = -q[1]!
  _inv[2] = -q[2]!
  _inv[3] = q[3]!
  for (let i = 0; i < 3; i++) _c[i] = p[po + i]! - vp.coachPosition[i]!
  rotateVecAt(_c, 0, _inv, 0, _c, 0)
  const k = statureM[0]! * vp.coachScale
  for (let i = 0; i < 3; i++) out[oo + i] = _c[i]! / k
}

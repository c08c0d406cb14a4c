/**
 * How each of the ten stretches is judged, in one place: the gate (the posture
 * the stretch needs), the form conditions and the measure of docs/product.md ("The
 * ten stretches"), word for word, as fractions of the user's stature H.
 *
 * Frame: WebXR local-floor (metres, +Y up, floor y = 0). Every direction is
 * the body's own (forward line, body right), never a world axis, so the mat's
 * position and heading do not matter. Pure and allocation-free: the engine
 * fills a BodyView and a Baseline, judgeStretch writes a Judgement.
 */
import { STRETCHES, STRETCH_IDS } from '../stretches.ts'
import { DEG } from '../vec.ts'
import type { Baseline } from './baseline.ts'
import { DOUBLE_FIELD } from './doubleField.ts'
import { D_ACROSS, D_AHEAD, D_EYE_DIST, D_MID, D_MID_EYE_DIST, type BodyView } from './bodyView.ts'

/** Stretch codes: indices into STRETCH_IDS (src/core/stretches.ts). */
export const CHILDS_POSE = 0
/** See CHILDS_POSE. */
export const KNEE_TO_CHEST = 1
/** See CHILDS_POSE. */
export const PELVIC_TILT = 2
/** See CHILDS_POSE. */
export const SUPINE_TWIST = 3
/** See CHILDS_POSE. */
export const HIP_FLEXOR = 4
/** See CHILDS_POSE. */
export const GLUTE_STRETCH = 5
/** See CHILDS_POSE. */
export const HAMSTRING_STRETCH = 6
/** See CHILDS_POSE. */
export const CAT_COW = 7
/** See CHILDS_POSE. */
export const BRIDGE = 8
/** See CHILDS_POSE. */
export const CHILDS_POSE_SIDE = 9

/** By stretch code: the measure or a form condition is relative to the baseline (no progress until it is taken). */
export const NEEDS_BASELINE: readonly boolean[] = STRETCH_IDS.map(
  (id) => STRETCHES[id].baseline !== 'none',
)

/** By stretch code: the baseline is re-taken when the user rests still well below it (the catalogue's `rest`). */
export const REBASELINE_BELOW: readonly boolean[] = STRETCH_IDS.map(
  (id) => STRETCHES[id].baseline === 'rest',
)

/** By stretch code: judged from one hand, either one (the belly hand: the catalogue's `either`). */
export const BELLY_HAND: readonly boolean[] = STRETCH_IDS.map(
  (id) => STRETCHES[id].handsNeeded === 'either',
)

/** Cat-cow: the eyes must move at least this much (fraction of H) down for a cat, up for a cow; a nod barely moves them. */
export const CAT_COW_EYE_SHIFT_H = 0.012
/** Cat-cow: pitch from the neutral baseline that is the full cat or cow (degrees). */
export const CAT_COW_PITCH_DEG = 25
/** Cat-cow form: the hands' 0.5 s average stays this close (m) to where they were at baseline. */
export const CAT_COW_HAND_DRIFT_M = 0.04
/** Above-floor height (fraction of H) under which a palm is "on the floor". */
export const ON_FLOOR_H = 0.08

/** The verdict on one frame. */
export interface Judgement {
  gate: boolean
  form: boolean
  /** measure from start 0 to target 1 (cat-cow: negative for cat, positive for cow); not yet capped */
  progress: number
  /** the hand the gate used as belly hand (pelvic tilt, bridge), −1 if none */
  belly: number
}

/** Allocates a Judgement. */
export function createJudgement(): Judgement {
  // progress takes fractions and belly values read back from the history: see DOUBLE_FIELD
  const j: Judgement = { gate: false, form: false, progress: DOUBLE_FIELD, belly: DOUBLE_FIELD }
  j.progress = 0
  j.belly = -1
  return j
}

/**
 * Judges one frame of stretch `code` on side `sideSign` (+1 right, −1 left, 0
 * two-sided) into j, from a view filled by deriveView. Gates and forms read the
 * current view; measures that need the baseline report 0 until it is ready.
 */
export function judgeStretch(
  code: number,
  sideSign: number,
  v: BodyView,
  b: Baseline,
  j: Judgement,
): void {
  const H = v.H
  const d = v.derived
  const eyeY = v.eye[1]!
  const pitch = v.pitchDeg
  const bothOk = v.palmOk[0] === 1 && v.palmOk[1] === 1
  const ly = v.palm[1]!
  const ry = v.palm[4]!
  const floorY = ON_FLOOR_H * H
  const lying = eyeY <= 0.16 * H && pitch >= 30
  j.gate = false
  j.form = true
  j.progress = 0
  j.belly = -1
  if (code === CHILDS_POSE) {
    if (!bothOk) return
    j.gate = pitch <= -40 && eyeY <= 0.45 * H && ly <= floorY && ry <= floorY
    // Eye 0.35 H → max(0.075 H, 0.11 m): the headset keeps the face 0.09 m off the floor.
    const eyeTarget = Math.max(0.075 * H, 0.11)
    const lower = (0.35 * H - eyeY) / (0.35 * H - eyeTarget)
    const reach = (d[D_AHEAD + 2]! + 0.1 * H) / (0.32 * H)
    j.progress = (lower + reach) / 2
  } else if (code === CHILDS_POSE_SIDE) {
    if (!bothOk) return
    j.gate = pitch <= -60 && eyeY <= 0.2 * H && ly <= floorY && ry <= floorY
    // The hands' midpoint seen from the eyes: its angle off the forward line, toward the side.
    const across = d[D_ACROSS + 2]! * (sideSign === 0 ? 1 : sideSign)
    j.progress = Math.atan2(across, d[D_AHEAD + 2]!) / (30 * DEG)
  } else if (code === KNEE_TO_CHEST || code === GLUTE_STRETCH) {
    if (!bothOk) return
    const reachH = 0.45 * H
    j.gate =
      lying &&
      ly >= 0.1 * H &&
      ry >= 0.1 * H &&
      d[D_EYE_DIST]! <= reachH &&
      d[D_EYE_DIST + 1]! <= reachH
    const dist = d[D_MID_EYE_DIST]!
    j.progress =
      code === KNEE_TO_CHEST ? (0.34 * H - dist) / (0.11 * H) : (0.355 * H - dist) / (0.095 * H)
  } else if (code === SUPINE_TWIST) {
    if (!bothOk) return
    // The knees drop to `side`: that hand rests on the top knee, the other arm lies out.
    const s = sideSign === 0 ? -1 : sideSign
    const knee = s > 0 ? 1 : 0
    const out = 1 - knee
    // Sideways from the midline (the head's up axis through the eyes), toward the outstretched side.
    const outLat = d[D_ACROSS + out]! * -s
    const kneeLat = d[D_ACROSS + knee]! * -s
    const outY = v.palm[out * 3 + 1]!
    const kneeY = v.palm[knee * 3 + 1]!
    j.gate = lying && outY <= floorY && outLat >= 0.3 * H && kneeY >= 0.1 * H && kneeLat <= 0
    j.form = outY <= 0.06 * H
    // Angle of the knee hand about the long axis (0.05 H above the floor), from straight up toward the side.
    j.progress = (Math.atan2(-kneeLat, kneeY - 0.05 * H) / DEG - 4) / 53
  } else if (code === HIP_FLEXOR) {
    if (!bothOk) return
    j.gate =
      eyeY >= 0.55 * H &&
      eyeY <= 0.8 * H &&
      pitch >= -30 &&
      pitch <= 20 &&
      ly >= 0.28 * H &&
      ly <= 0.42 * H &&
      ry >= 0.28 * H &&
      ry <= 0.42 * H
    // No leaning forward: the head stays within 0.1 H of the hands along the forward line.
    j.form = Math.abs(d[D_AHEAD + 2]!) <= 0.1 * H
    if (!b.ready) return
    const dx = d[D_MID]! - (b.palm[0]! + b.palm[3]!) / 2
    const dz = d[D_MID + 2]! - (b.palm[2]! + b.palm[5]!) / 2
    j.progress = (dx * b.fwd[0]! + dz * b.fwd[2]!) / (0.057 * H)
  } else if (code === HAMSTRING_STRETCH) {
    if (!bothOk) return
    j.gate = eyeY >= 0.2 * H && eyeY <= 0.5 * H && pitch <= 0 && ly <= 0.15 * H && ry <= 0.15 * H
    if (!b.ready) return
    // Back long: the eye-to-hip distance keeps ≥ 90 % of its baseline.
    const hx = v.eye[0]! - b.hip[0]!
    const hy = eyeY - b.hip[1]!
    const hz = v.eye[2]! - b.hip[2]!
    j.form = Math.sqrt(hx * hx + hy * hy + hz * hz) >= 0.9 * b.eyeHipM
    const dx = d[D_MID]! - (b.palm[0]! + b.palm[3]!) / 2
    const dz = d[D_MID + 2]! - (b.palm[2]! + b.palm[5]!) / 2
    j.progress = (dx * b.fwd[0]! + dz * b.fwd[2]!) / (0.25 * H)
  } else if (code === CAT_COW) {
    if (!bothOk) return
    j.gate =
      eyeY >= 0.55 * H &&
      eyeY <= 0.85 * H &&
      ly >= 0.45 * H &&
      ly <= 0.62 * H &&
      ry >= 0.45 * H &&
      ry <= 0.62 * H &&
      d[D_AHEAD]! >= 0.1 * H &&
      d[D_AHEAD + 1]! >= 0.1 * H
    if (!b.ready) return
    // The hands stay on the counter: their 0.5 s average within 0.04 m of the baseline.
    const lim = CAT_COW_HAND_DRIFT_M * CAT_COW_HAND_DRIFT_M
    for (let h = 0; h < 6; h += 3) {
      const dx = v.palmAvg[h]! - b.palm[h]!
      const dy = v.palmAvg[h + 1]! - b.palm[h + 1]!
      const dz = v.palmAvg[h + 2]! - b.palm[h + 2]!
      if (dx * dx + dy * dy + dz * dz > lim) j.form = false
    }
    // Head pitch from neutral counts only with the eyes moving the same way: a nod does not.
    const dPitch = pitch - b.pitchDeg
    const dEye = eyeY - b.eye[1]!
    const shift = CAT_COW_EYE_SHIFT_H * H
    if ((dPitch < 0 && dEye <= -shift) || (dPitch > 0 && dEye >= shift)) {
      j.progress = dPitch / CAT_COW_PITCH_DEG
    }
  } else if (code === PELVIC_TILT || code === BRIDGE) {
    // The belly hand: 0.08–0.3 H above the floor and 0.2–0.45 H from the eyes.
    let h = b.belly
    if (h < 0) {
      for (let k = 0; k < 2 && h < 0; k++) {
        const y = v.palm[k * 3 + 1]!
        const dist = d[D_EYE_DIST + k]!
        if (
          v.palmOk[k] === 1 &&
          y >= 0.08 * H &&
          y <= 0.3 * H &&
          dist >= 0.2 * H &&
          dist <= 0.45 * H
        )
          h = k
      }
    }
    if (h < 0) return
    j.belly = h
    const y = v.palm[h * 3 + 1]!
    const dist = d[D_EYE_DIST + h]!
    j.gate =
      lying &&
      v.palmOk[h] === 1 &&
      y >= 0.08 * H &&
      y <= 0.3 * H &&
      dist >= 0.2 * H &&
      dist <= 0.45 * H
    if (!b.ready) return
    if (code === BRIDGE) {
      j.progress = (y - b.palm[h * 3 + 1]!) / (0.085 * H)
      return
    }
    if (v.handQOk[h] !== 1) return
    // Rotation since baseline, q_rel = q · conj(q_base), about the axis up × forward:
    // positive turns the back of the hand (up) toward the head (forward).
    const o = h * 4
    const ax = v.handQ[o]!
    const ay = v.handQ[o + 1]!
    const az = v.handQ[o + 2]!
    const aw = v.handQ[o + 3]!
    const bx = -b.handQ[o]!
    const by = -b.handQ[o + 1]!
    const bz = -b.handQ[o + 2]!
    const bw = b.handQ[o + 3]!
    let rx = aw * bx + ax * bw + ay * bz - az * by
    let rz = aw * bz + az * bw + ax * by - ay * bx
    let rw = aw * bw - ax * bx - ay * by - az * bz
    if (rw < 0) {
      rx = -rx
      rz = -rz
      rw = -rw
    }
    // axis = Y × fwd = (fwd.z, 0, −fwd.x)
    const along = rx * b.fwd[2]! - rz * b.fwd[0]!
    j.progress = (2 * Math.atan2(along, rw)) / DEG / 14
  }
}

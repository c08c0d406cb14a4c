/**
 * How each of the ten stretches is judged, in one place: the gate (the posture
 * the stretch needs), the form conditions and the measure of PRODUCT.md ("The
 * ten stretches"), word for word, as fractions of the user's stature H.
 *
 * Frame: WebXR local-floor (metres, +Y up, floor y = 0). Every direction is
 * the body's own (forward line, body right), never a world axis, so the mat's
 * position and heading do not matter. Pure and allocation-free: the engine
 * fills a BodyView and a Baseline, judgeStretch writes a Judgement.
 */
import { DEG } from '../vec.ts'

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

/** Stretches whose measure or form is relative to the baseline: no progress until it is taken. */
export const NEEDS_BASELINE: readonly boolean[] = [
  false,
  false,
  true,
  false,
  true,
  false,
  true,
  true,
  true,
  false,
]

/** Stretches judged from one hand, either one (the belly hand). */
export const BELLY_HAND: readonly boolean[] = [
  false,
  false,
  true,
  false,
  false,
  false,
  false,
  false,
  true,
  false,
]

/** Cat-cow: the eyes must move at least this much (fraction of H) down for a cat, up for a cow; a nod barely moves them. */
export const CAT_COW_EYE_SHIFT_H = 0.012
/** Cat-cow: pitch from the neutral baseline that is the full cat or cow (degrees). */
export const CAT_COW_PITCH_DEG = 25
/** Cat-cow form: the hands' 0.5 s average stays this close (m) to where they were at baseline. */
export const CAT_COW_HAND_DRIFT_M = 0.04
/** Above-floor height (fraction of H) under which a palm is "on the floor". */
export const ON_FLOOR_H = 0.08

/** What the engine sees of the body this frame (all metres / degrees, local-floor frame). */
export interface BodyView {
  /** stature H, metres */
  H: number
  /** eye centre (head pose position) */
  readonly eye: Float64Array
  /** the head's up axis (unit) */
  readonly up: Float64Array
  /** face direction above the horizontal, degrees (−90 face down) */
  pitchDeg: number
  /** the body's forward line: horizontal unit vector */
  readonly fwd: Float64Array
  /** the body's right: horizontal unit vector perpendicular to fwd */
  readonly right: Float64Array
  /** palm centres, left at [0..2], right at [3..5] */
  readonly palm: Float64Array
  /** 1 when the hand's palm is usable this frame (sensed, or held over under the tracking rules) */
  readonly palmOk: Uint8Array
  /** unit hand quaternions, left [0..3], right [4..7] (for the orientation-only measure) */
  readonly handQ: Float64Array
  /** 1 when the hand's orientation is real this frame */
  readonly handQOk: Uint8Array
  /** the palms' average over the last 0.5 s (cat-cow form) */
  readonly palmAvg: Float64Array
}

/** The stretch's reference, taken over the first still second in the gate. */
export interface Baseline {
  ready: boolean
  readonly eye: Float64Array
  readonly palm: Float64Array
  readonly fwd: Float64Array
  readonly right: Float64Array
  pitchDeg: number
  readonly handQ: Float64Array
  /** the belly hand (0 left, 1 right) of pelvic tilt and bridge; −1 while unknown */
  belly: number
  /** hamstring hip point: baseline eye 0.055 H back along the forward line, 0.05 H above the floor */
  readonly hip: Float64Array
  /** hamstring: baseline eye-to-hip distance, metres */
  eyeHipM: number
}

/** The verdict on one frame. */
export interface Judgement {
  gate: boolean
  form: boolean
  /** measure from start 0 to target 1 (cat-cow: negative for cat, positive for cow); not yet capped */
  progress: number
  /** the hand the gate used as belly hand (pelvic tilt, bridge), −1 if none */
  belly: number
}

/** Allocates a BodyView. */
export function createBodyView(): BodyView {
  return {
    H: 1,
    eye: new Float64Array(3),
    up: new Float64Array(3),
    pitchDeg: 0,
    fwd: new Float64Array(3),
    right: new Float64Array(3),
    palm: new Float64Array(6),
    palmOk: new Uint8Array(2),
    handQ: new Float64Array(8),
    handQOk: new Uint8Array(2),
    palmAvg: new Float64Array(6),
  }
}

/** Allocates an empty Baseline. */
export function createBaseline(): Baseline {
  return {
    ready: false,
    eye: new Float64Array(3),
    palm: new Float64Array(6),
    fwd: new Float64Array(3),
    right: new Float64Array(3),
    pitchDeg: 0,
    handQ: new Float64Array(8),
    belly: -1,
    hip: new Float64Array(3),
    eyeHipM: 0,
  }
}

/** Allocates a Judgement. */
export function createJudgement(): Judgement {
  return { gate: false, form: false, progress: 0, belly: -1 }
}

/** Lying on the back: eye ≤ 0.16 H and face pitch ≥ +30°. */
function lying(v: BodyView): boolean {
  return v.eye[1]! <= 0.16 * v.H && v.pitchDeg >= 30
}

function palmY(v: BodyView, h: number): number {
  return v.palm[h * 3 + 1]!
}

function bothPalmsOk(v: BodyView): boolean {
  return v.palmOk[0] === 1 && v.palmOk[1] === 1
}

function bothPalmsYIn(v: BodyView, lo: number, hi: number): boolean {
  const l = palmY(v, 0)
  const r = palmY(v, 1)
  return l >= lo && l <= hi && r >= lo && r <= hi
}

function palmEyeDist(v: BodyView, h: number): number {
  const o = h * 3
  const dx = v.palm[o]! - v.eye[0]!
  const dy = v.palm[o + 1]! - v.eye[1]!
  const dz = v.palm[o + 2]! - v.eye[2]!
  return Math.sqrt(dx * dx + dy * dy + dz * dz)
}

function midEyeDist(v: BodyView): number {
  const dx = (v.palm[0]! + v.palm[3]!) / 2 - v.eye[0]!
  const dy = (v.palm[1]! + v.palm[4]!) / 2 - v.eye[1]!
  const dz = (v.palm[2]! + v.palm[5]!) / 2 - v.eye[2]!
  return Math.sqrt(dx * dx + dy * dy + dz * dz)
}

/** Horizontal component of (p − eye) along the unit horizontal direction d. */
function alongFromEye(v: BodyView, px: number, pz: number, d: Float64Array): number {
  return (px - v.eye[0]!) * d[0]! + (pz - v.eye[2]!) * d[2]!
}

/** The belly-hand gate of pelvic tilt and bridge for hand h. */
function bellyHandFits(v: BodyView, h: number): boolean {
  if (v.palmOk[h] !== 1) return false
  const H = v.H
  const y = palmY(v, h)
  const d = palmEyeDist(v, h)
  return y >= 0.08 * H && y <= 0.3 * H && d >= 0.2 * H && d <= 0.45 * H
}

/**
 * Judges one frame of stretch `code` on side `sideSign` (+1 right, −1 left, 0 two-sided)
 * into j. Gates and forms read the current view; measures that need the
 * baseline report 0 until it is ready.
 */
export function judgeStretch(
  code: number,
  sideSign: number,
  v: BodyView,
  b: Baseline,
  j: Judgement,
): void {
  const H = v.H
  j.gate = false
  j.form = true
  j.progress = 0
  j.belly = -1
  switch (code) {
    case CHILDS_POSE: {
      if (!bothPalmsOk(v)) return
      j.gate =
        v.pitchDeg <= -40 &&
        v.eye[1]! <= 0.45 * H &&
        palmY(v, 0) <= ON_FLOOR_H * H &&
        palmY(v, 1) <= ON_FLOOR_H * H
      // Eye 0.35 H → max(0.075 H, 0.11 m): the headset keeps the face 0.09 m off the floor.
      const eyeTarget = Math.max(0.075 * H, 0.11)
      const lower = (0.35 * H - v.eye[1]!) / (0.35 * H - eyeTarget)
      const ahead = alongFromEye(
        v,
        (v.palm[0]! + v.palm[3]!) / 2,
        (v.palm[2]! + v.palm[5]!) / 2,
        v.fwd,
      )
      const reach = (ahead + 0.1 * H) / (0.32 * H)
      j.progress = (lower + reach) / 2
      return
    }
    case CHILDS_POSE_SIDE: {
      if (!bothPalmsOk(v)) return
      j.gate =
        v.pitchDeg <= -60 &&
        v.eye[1]! <= 0.2 * H &&
        palmY(v, 0) <= ON_FLOOR_H * H &&
        palmY(v, 1) <= ON_FLOOR_H * H
      const mx = (v.palm[0]! + v.palm[3]!) / 2
      const mz = (v.palm[2]! + v.palm[5]!) / 2
      const ahead = alongFromEye(v, mx, mz, v.fwd)
      const across = alongFromEye(v, mx, mz, v.right) * (sideSign === 0 ? 1 : sideSign)
      j.progress = Math.atan2(across, ahead) / (30 * DEG)
      return
    }
    case KNEE_TO_CHEST:
    case GLUTE_STRETCH: {
      if (!bothPalmsOk(v)) return
      j.gate =
        lying(v) &&
        palmY(v, 0) >= 0.1 * H &&
        palmY(v, 1) >= 0.1 * H &&
        palmEyeDist(v, 0) <= 0.45 * H &&
        palmEyeDist(v, 1) <= 0.45 * H
      const d = midEyeDist(v)
      j.progress =
        code === KNEE_TO_CHEST ? (0.34 * H - d) / (0.11 * H) : (0.355 * H - d) / (0.095 * H)
      return
    }
    case SUPINE_TWIST: {
      if (!bothPalmsOk(v)) return
      // The knees drop to `side`: that hand rests on the top knee, the other arm lies out.
      const s = sideSign === 0 ? -1 : sideSign
      const knee = s > 0 ? 1 : 0
      const out = 1 - knee
      const ko = knee * 3
      const oo = out * 3
      // Sideways from the midline (the head's up axis through the eyes), toward the outstretched side.
      const outLat = alongFromEye(v, v.palm[oo]!, v.palm[oo + 2]!, v.right) * -s
      const kneeLat = alongFromEye(v, v.palm[ko]!, v.palm[ko + 2]!, v.right) * -s
      j.gate =
        lying(v) &&
        palmY(v, out) <= ON_FLOOR_H * H &&
        outLat >= 0.3 * H &&
        palmY(v, knee) >= 0.1 * H &&
        kneeLat <= 0
      j.form = palmY(v, out) <= 0.06 * H
      // Angle of the knee hand about the long axis (0.05 H above the floor), from straight up toward the side.
      const lateral = -kneeLat
      const above = palmY(v, knee) - 0.05 * H
      j.progress = (Math.atan2(lateral, above) / DEG - 4) / 53
      return
    }
    case HIP_FLEXOR: {
      if (!bothPalmsOk(v)) return
      j.gate =
        v.eye[1]! >= 0.55 * H &&
        v.eye[1]! <= 0.8 * H &&
        v.pitchDeg >= -30 &&
        v.pitchDeg <= 20 &&
        bothPalmsYIn(v, 0.28 * H, 0.42 * H)
      const mx = (v.palm[0]! + v.palm[3]!) / 2
      const mz = (v.palm[2]! + v.palm[5]!) / 2
      // No leaning forward: the head stays within 0.1 H of the hands along the forward line.
      j.form = Math.abs(alongFromEye(v, mx, mz, v.fwd)) <= 0.1 * H
      if (!b.ready) return
      const bx = (b.palm[0]! + b.palm[3]!) / 2
      const bz = (b.palm[2]! + b.palm[5]!) / 2
      j.progress = ((mx - bx) * b.fwd[0]! + (mz - bz) * b.fwd[2]!) / (0.057 * H)
      return
    }
    case HAMSTRING_STRETCH: {
      if (!bothPalmsOk(v)) return
      j.gate =
        v.eye[1]! >= 0.2 * H &&
        v.eye[1]! <= 0.5 * H &&
        v.pitchDeg <= 0 &&
        palmY(v, 0) <= 0.15 * H &&
        palmY(v, 1) <= 0.15 * H
      if (!b.ready) return
      // Back long: the eye-to-hip distance keeps ≥ 90 % of its baseline.
      const dx = v.eye[0]! - b.hip[0]!
      const dy = v.eye[1]! - b.hip[1]!
      const dz = v.eye[2]! - b.hip[2]!
      j.form = Math.sqrt(dx * dx + dy * dy + dz * dz) >= 0.9 * b.eyeHipM
      const mx = (v.palm[0]! + v.palm[3]!) / 2 - (b.palm[0]! + b.palm[3]!) / 2
      const mz = (v.palm[2]! + v.palm[5]!) / 2 - (b.palm[2]! + b.palm[5]!) / 2
      j.progress = (mx * b.fwd[0]! + mz * b.fwd[2]!) / (0.25 * H)
      return
    }
    case CAT_COW: {
      if (!bothPalmsOk(v)) return
      const minAhead = 0.1 * H
      j.gate =
        v.eye[1]! >= 0.55 * H &&
        v.eye[1]! <= 0.85 * H &&
        bothPalmsYIn(v, 0.45 * H, 0.62 * H) &&
        alongFromEye(v, v.palm[0]!, v.palm[2]!, v.fwd) >= minAhead &&
        alongFromEye(v, v.palm[3]!, v.palm[5]!, v.fwd) >= minAhead
      if (!b.ready) return
      // The hands stay on the counter: their 0.5 s average within 0.04 m of the baseline.
      for (let h = 0; h < 2; h++) {
        const o = h * 3
        const dx = v.palmAvg[o]! - b.palm[o]!
        const dy = v.palmAvg[o + 1]! - b.palm[o + 1]!
        const dz = v.palmAvg[o + 2]! - b.palm[o + 2]!
        if (dx * dx + dy * dy + dz * dz > CAT_COW_HAND_DRIFT_M * CAT_COW_HAND_DRIFT_M)
          j.form = false
      }
      // Head pitch from neutral counts only with the eyes moving the same way: a nod does not.
      const dPitch = v.pitchDeg - b.pitchDeg
      const dEye = v.eye[1]! - b.eye[1]!
      const shift = CAT_COW_EYE_SHIFT_H * H
      if ((dPitch < 0 && dEye <= -shift) || (dPitch > 0 && dEye >= shift)) {
        j.progress = dPitch / CAT_COW_PITCH_DEG
      }
      return
    }
    case PELVIC_TILT:
    case BRIDGE: {
      let h = b.belly
      if (h < 0) h = bellyHandFits(v, 0) ? 0 : bellyHandFits(v, 1) ? 1 : -1
      if (h < 0) return
      j.belly = h
      j.gate = lying(v) && bellyHandFits(v, h)
      if (!b.ready) return
      if (code === BRIDGE) {
        j.progress = (palmY(v, h) - b.palm[h * 3 + 1]!) / (0.085 * H)
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
      return
    }
  }
}

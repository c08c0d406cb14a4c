/**
 * A plain, frame-by-frame reading of docs/product.md's measures, written
 * independently of the engine, used to check that the synthetic generator
 * produces the postures it claims (gate geometry and progress) before the
 * engine is judged on them.
 */
import { palmFromGrip, palmFromWrist, statureFromEyeHeight } from '../../src/core/bodyModel.ts'
import { rotateVec } from '../../src/core/vec.ts'
import type { StretchId } from '../../src/core/stretches.ts'

/** One parsed frame line with everything tracked. */
export interface ParsedFrame {
  t: number
  head: number[]
  left: number[]
  right: number[]
}

/** Frame lines of a trace text (events, header and bad lines left out). */
export function parseFrames(text: string): ParsedFrame[] {
  const out: ParsedFrame[] = []
  const lines = text.split('\n')
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (!line.startsWith('{"t":') || line.includes('"event"')) continue
    try {
      const o = JSON.parse(line) as ParsedFrame
      if (o.head && o.left && o.right) out.push(o)
    } catch {
      // malformed lines are the reader's business
    }
  }
  return out
}

/** The frame nearest to time t. */
export function frameAt(frames: ParsedFrame[], t: number): ParsedFrame {
  let best = frames[0]!
  for (const f of frames) if (Math.abs(f.t - t) < Math.abs(best.t - t)) best = f
  return best
}

/** What a frame shows, in body terms (metres, degrees). */
export interface Reading {
  H: number
  eye: number[]
  pitchDeg: number
  /** horizontal unit forward line */
  fwd: number[]
  /** horizontal unit toward the person's left */
  left: number[]
  palmL: number[]
  palmR: number[]
  /** palm normal of each hand (direction the palm faces) */
  normalL: number[]
  normalR: number[]
}

/** Reads a frame with controller grips (or tracked wrists when `hands`). */
export function readFrame(f: ParsedFrame, eyeHeight: number, hands = false): Reading {
  const H = statureFromEyeHeight(eyeHeight)
  const face = [0, 0, 0]
  const up = [0, 0, 0]
  rotateVec(face, 0, f.head, 3, 0, 0, -1)
  rotateVec(up, 0, f.head, 3, 0, 1, 0)
  const pitchDeg = (Math.asin(Math.max(-1, Math.min(1, face[1]!))) * 180) / Math.PI
  const lying = pitchDeg > 45
  const src = Math.abs(pitchDeg) > 45 ? up : face
  const n = Math.hypot(src[0]!, src[2]!)
  const fwd = [src[0]! / n, 0, src[2]! / n]
  // upright or face down: left = Up × fwd; face up (crown = fwd): left = fwd × Up
  const left = lying ? [-fwd[2]!, 0, fwd[0]!] : [fwd[2]!, 0, -fwd[0]!]
  const palmL = [0, 0, 0]
  const palmR = [0, 0, 0]
  const normalL = [0, 0, 0]
  const normalR = [0, 0, 0]
  if (hands) {
    palmFromWrist(palmL, 0, f.left, 0, H)
    palmFromWrist(palmR, 0, f.right, 0, H)
    rotateVec(normalL, 0, f.left, 3, 0, -1, 0)
    rotateVec(normalR, 0, f.right, 3, 0, -1, 0)
  } else {
    palmFromGrip(palmL, 0, f.left, 0, 'left')
    palmFromGrip(palmR, 0, f.right, 0, 'right')
    rotateVec(normalL, 0, f.left, 3, 1, 0, 0)
    rotateVec(normalR, 0, f.right, 3, -1, 0, 0)
  }
  return { H, eye: f.head.slice(0, 3), pitchDeg, fwd, left, palmL, palmR, normalL, normalR }
}

const mid = (a: number[], b: number[]): number[] => [
  (a[0]! + b[0]!) / 2,
  (a[1]! + b[1]!) / 2,
  (a[2]! + b[2]!) / 2,
]
const dist = (a: number[], b: number[]): number =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!)
const along = (p: number[], o: number[], d: number[]): number =>
  (p[0]! - o[0]!) * d[0]! + (p[2]! - o[2]!) * d[2]!
const DEG = 180 / Math.PI

/**
 * Progress of docs/product.md's measure (0 start → 1 target) in reading r; `base` is
 * the reading at the baseline for the measures taken from it; `side` is the
 * stretch's side (sign of the side-dependent measures).
 */
export function progressOf(
  stretch: StretchId,
  r: Reading,
  base: Reading,
  side: 'left' | 'right' | null,
): number {
  const H = r.H
  const m = mid(r.palmL, r.palmR)
  const sg = side === 'right' ? -1 : 1
  switch (stretch) {
    case 'childs-pose': {
      const low = Math.max(0.075 * H, 0.11)
      const pe = (0.35 * H - r.eye[1]!) / (0.35 * H - low)
      const ph = (along(m, r.eye, r.fwd) + 0.1 * H) / (0.32 * H)
      return (pe + ph) / 2
    }
    case 'childs-pose-side': {
      const a = Math.atan2(sg * along(m, r.eye, r.left), along(m, r.eye, r.fwd)) * DEG
      return a / 30
    }
    case 'knee-to-chest':
      return (0.34 * H - dist(r.eye, m)) / (0.11 * H)
    case 'glute-stretch':
      return (0.355 * H - dist(r.eye, m)) / (0.095 * H)
    case 'supine-twist': {
      const knee = side === 'right' ? r.palmR : r.palmL
      const lat = sg * along(knee, r.eye, r.left)
      const a = Math.atan2(lat, knee[1]! - 0.05 * H) * DEG
      return (a - 4) / 53
    }
    case 'hip-flexor':
      return along(m, mid(base.palmL, base.palmR), base.fwd) / (0.057 * H)
    case 'hamstring-stretch':
      return along(m, mid(base.palmL, base.palmR), base.fwd) / (0.25 * H)
    case 'cat-cow':
      return (r.pitchDeg - base.pitchDeg) / 25
    case 'pelvic-tilt': {
      // the belly hand is the right one in the generator's default; angle of its palm normal
      // about the lateral axis, positive when the back of the hand turns toward the head
      const n0 = base.normalR
      const n1 = r.normalR
      const f0 = along(n0, [0, 0, 0], base.fwd)
      const f1 = along(n1, [0, 0, 0], base.fwd)
      const a0 = Math.atan2(-f0, -n0[1]!)
      const a1 = Math.atan2(-f1, -n1[1]!)
      return ((a1 - a0) * DEG) / 14
    }
    case 'bridge':
      return (r.palmR[1]! - base.palmR[1]!) / (0.085 * H)
  }
}

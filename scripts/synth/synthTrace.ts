/**
 * The synthetic pose-trace generator: from the body model and the key poses of
 * postures.ts it plays a session (lead-in standing, get into each stretch,
 * settle, move to a chosen fraction of the target, hold or repeat, come out;
 * per side for one-sided stretches) and writes spec-conformant JSON Lines
 * (docs/pose-trace.md) with its own serialiser (String(n) numbers),
 * independent of the app's codec so it can test it.
 *
 * Realism knobs: stature, frame rate, uneven timestamps and timestamp jitter, mat
 * position and heading, tremor (band-limited, 2–10 Hz unless told, RMS mm), a
 * second slower wobble, breathing sway (0.25 Hz), slow drift, sensor jitter,
 * controllers or tracked wrists, exact per-repetition timing; faults: null /
 * emulated / frozen poses, gaps, visibility, pause, reset, pain, input switches,
 * equal timestamps, and malformed lines. Deterministic for a seed.
 *
 * Every knob added after the first version draws from its own, newly seeded
 * random stream and leaves the others untouched, so a config that does not use
 * it gives the same trace, bit for bit, as before.
 */
import { STRETCHES, type StretchId } from '../../src/core/stretches.ts'
import { statureFromEyeHeight } from '../../src/core/bodyModel.ts'
import { createRng, type Rng } from './prng.ts'
import {
  DEG,
  add,
  gripFromPalm,
  headQuat,
  lerp,
  lerp3,
  normalize,
  orthonormalTo,
  quatMul,
  quatRotate,
  wristFromPalm,
  type Quat,
  type Vec3,
} from './geometry.ts'
import {
  breakForm,
  idlePose,
  stretchPose,
  type IdlePosture,
  type KeyPose,
  type PoseOptions,
  type SynthSide,
} from './postures.ts'

/**
 * The exact timing (and reach) of one repetition, in seconds. Every movement eases
 * with smoothstep, u²(3 − 2u) of the elapsed fraction u, so progress along a
 * movement from 0 to the fraction f is f·u²(3 − 2u): `repWindow` in sweep.ts turns
 * this into the time spent above a threshold.
 */
export interface RepTiming {
  /**
   * from the start posture to the fraction; cat-cow: from neutral to the cat, and
   * again from neutral to the cow
   */
  up: number
  /**
   * still at the fraction: pelvic tilt and bridge, the pause at the top; cat-cow, the
   * hold at the cat and again at the cow
   */
  top: number
  /** from the fraction back to the start posture (cat-cow: from the cat, and from the cow, to neutral) */
  down: number
  /** still at the start posture after the repetition, before the next one (or the end of the set) */
  rest: number
  /** cat-cow: still at neutral between the cat and the cow (default 0) */
  mid?: number
  /** this repetition's fraction of the target (default the step's `fraction`) */
  fraction?: number
}

/** One stretch of a synthetic session. */
export interface StretchStep {
  stretch: StretchId
  /** sides to perform for a one-sided stretch (default left then right); ignored when two-sided */
  sides?: ('left' | 'right')[]
  /** fraction of the target reached: 1 good, ~0.5 partial, 0 = the start posture held */
  fraction?: number
  /** seconds held at the fraction, per side (hold stretches; default 31) */
  holdSeconds?: number
  /** repetitions performed (repetition stretches; default the catalogue's) */
  reps?: number
  /** nominal seconds per repetition cycle (default 6) */
  repSeconds?: number
  /** each cycle's length is scaled by a random factor in [1 − j, 1 + j] */
  tempoJitter?: number
  /** pelvic tilt / bridge: seconds paused at the top (default 2) */
  pauseSeconds?: number
  /**
   * exact timing of each repetition: the i-th repetition follows repTimings[i] (the
   * last entry for any beyond the list). Given, it replaces repSeconds, tempoJitter and
   * pauseSeconds (the cycle is then up, top, down, rest; cat-cow: up to the cat, top,
   * down, mid, up to the cow, top, down, rest); absent, the cycles are as before.
   */
  repTimings?: RepTiming[]
  /** cat-cow: pitch the head without moving the eyes */
  nod?: boolean
  /**
   * this cycle (0-based) is broken off: up to the fraction, 0.6 s there, back down,
   * then 2.5 s still at the start (room for a reset's new baseline)
   */
  interruptCycle?: number
  /** cat-cow: only this half of each cycle is done (the other stays neutral) */
  onlyHalf?: 'cat' | 'cow'
  bellyHand?: 'left' | 'right'
  /** targets written into the stretch event (absent = docs/product.md defaults) */
  targets?: { holdSeconds?: number; reps?: number }
  /** seconds from the previous posture into the start posture (default 2.5) */
  approachSeconds?: number
  /**
   * seconds still at the start posture before the movement (the first repetition, or
   * the move to the hold) begins (default 2.5)
   */
  settleSeconds?: number
  /** hold stretches: seconds from the start posture to the fraction (default 3) */
  moveSeconds?: number
  /** hold stretches: seconds from the fraction back to the start posture (default 2) */
  outSeconds?: number
}

/** An idle stretch of time in one posture (negative controls). */
export interface IdleStep {
  idle: IdlePosture
  seconds: number
}

/** A pose of the trace, by name. */
export type PoseName = 'head' | 'left' | 'right'

/** Something going wrong during the recording. Times are seconds of trace time. */
export type Fault =
  | { kind: 'null' | 'emulated' | 'frozen'; pose: PoseName; from: number; to: number }
  | { kind: 'gap'; from: number; to: number }
  | { kind: 'visibility'; state: 'visible-blurred' | 'hidden'; from: number; to: number }
  | { kind: 'pause'; from: number; to: number }
  | { kind: 'reset'; at: number; yawDeg?: number; dx?: number; dz?: number }
  | { kind: 'pain'; at: number }
  | { kind: 'input'; at: number; hand: 'left' | 'right'; input: 'controller' | 'hand' }
  | { kind: 'equal-t'; at: number }
  /** the stretch's form condition fails over the span (0.3 s ramps): see postures.breakForm */
  | { kind: 'form'; from: number; to: number }

/** A malformed line inserted after the first frame at or after `at` (or, truncated, at the end). */
export type MalformedKind =
  | 'bad-json'
  | 'nan-string'
  | 'null-in-pose'
  | 'short-pose'
  | 'bad-quaternion'
  | 't-backwards'
  | 'missing-head'
  | 'missing-t'
  | 'truncated-last'

/** Everything a synthetic trace is made from. */
export interface SynthConfig {
  seed?: number
  /** standing eye height (m); stature H = eye / 0.93 (default 1.62) */
  eyeHeight?: number
  /** frames per second (default 90) */
  rate?: number
  /** ±25 % frame intervals and an occasional dropped frame */
  unevenTiming?: boolean
  /**
   * each frame's time is its nominal time (frameIndex / rate, or the uneven clock's)
   * plus a uniform offset in ±timingJitterMs milliseconds, and the pose is the one at
   * that time; times stay ≥ 0 and strictly increasing (an offset that would break
   * the order is clamped 1 µs after the previous frame). Default 0: no jitter. Its
   * own random stream.
   */
  timingJitterMs?: number
  /** mat position on the floor (m) and heading (degrees about +Y) */
  mat?: { x: number; z: number; headingDeg: number }
  /** the platform's floor estimate is off by this much (m, ±0.05 allowed) */
  floorOffsetM?: number
  input?: 'controller' | 'hand'
  /**
   * tremor of the head and both hands, 3-D RMS in mm (default 1.5): per point and axis a
   * sum of 8 sinusoids with frequencies drawn uniformly in `tremorHz`, continuous in time
   * so every frame rate samples the same motion
   */
  tremorMm?: number
  /** the band (Hz) of `tremorMm` and `holdTremorMm` (default [2, 10]) */
  tremorHz?: [number, number]
  /**
   * a second band-limited positional wobble of the head and both hands, in 3-D: 3-D RMS
   * in mm (default 0: none), built like the tremor in the band `wobbleHz`; its own random
   * stream
   */
  wobbleMm?: number
  /** the band (Hz) of `wobbleMm` (default [1, 3.5]) */
  wobbleHz?: [number, number]
  /**
   * extra tremor (3-D RMS mm, in `tremorHz`) only while holding or repeating (from each
   * side's holdStart to holdEnd, 0.5 s ramps): a hold that gets shaky, after a steady
   * baseline
   */
  holdTremorMm?: number
  /**
   * breathing sway amplitude, mm (default 0): every point moves by this much up and down
   * (and 0.3 of it along the mat's Z), sinusoidally, each point with its own small phase
   */
  breathingMm?: number
  /** breathing rate, Hz (default 0.25) */
  breathingHz?: number
  /** slow drift, mm per minute (default 0) */
  driftMmPerMin?: number
  /** sensor jitter, 3-D RMS in mm per frame (default 1) */
  jitterMm?: number
  /** scales every quaternion (0.995–1.005 tests the reader's normalisation) */
  quatScale?: number
  /** seconds standing before the first step (default 1) */
  leadInSeconds?: number
  steps: (StretchStep | IdleStep)[]
  /** put the stretch in the header instead of writing stretch events */
  header?: {
    stretch: StretchId
    side?: 'left' | 'right'
    targets?: { holdSeconds?: number; reps?: number }
  }
  faults?: Fault[]
  malformed?: { kind: MalformedKind; at: number }[]
}

/** Timeline marks of one stretch side, seconds of trace time. */
export interface SideMarks {
  stretch: StretchId
  side: SynthSide
  start: number
  settleStart: number
  moveStart: number
  /** hold stretches: reaches the fraction; repetition stretches: first cycle starts */
  holdStart: number
  /** hold stretches: starts coming out; repetition stretches: last cycle ends */
  holdEnd: number
  /** repetition stretches: [start, end] of each cycle */
  cycles: [number, number][]
  end: number
}

/** A frame or event as the generator emits it (before serialising). */
export type SynthRecord =
  | {
      kind: 'frame'
      t: number
      poses: [number[] | null, number[] | null, number[] | null]
      emulated: PoseName[]
      input: { left: 'controller' | 'hand'; right: 'controller' | 'hand' } | null
    }
  | { kind: 'event'; t: number; line: Record<string, unknown> }
  | { kind: 'raw'; line: string; last?: boolean }

type PoseRef =
  | { kind: 'idle'; posture: IdlePosture }
  | { kind: 'stretch'; stretch: StretchId; side: SynthSide; s: number; opts: PoseOptions }

interface Segment {
  t0: number
  t1: number
  a: PoseRef
  b: PoseRef
}

interface Plan {
  segments: Segment[]
  events: { t: number; line: Record<string, unknown> }[]
  marks: SideMarks[]
  duration: number
}

const isIdle = (s: StretchStep | IdleStep): s is IdleStep => 'idle' in s

/** The deterministic timeline of a config: segments, stretch events and marks (no noise). */
export function planSynthTrace(config: SynthConfig): Plan {
  const rng = createRng((config.seed ?? 1) * 7919 + 17)
  const segments: Segment[] = []
  const events: Plan['events'] = []
  const marks: SideMarks[] = []
  let t = 0
  let cur: PoseRef = { kind: 'idle', posture: 'standing' }
  const hold = (ref: PoseRef, seconds: number): void => {
    if (seconds <= 0) return
    segments.push({ t0: t, t1: t + seconds, a: ref, b: ref })
    t += seconds
  }
  const move = (to: PoseRef, seconds: number): void => {
    if (seconds <= 0) {
      cur = to
      return
    }
    segments.push({ t0: t, t1: t + seconds, a: cur, b: to })
    t += seconds
    cur = to
  }
  if (config.steps.length > 0 && isIdle(config.steps[0]!)) {
    cur = { kind: 'idle', posture: config.steps[0].idle }
  }
  hold(cur, config.leadInSeconds ?? 1)
  for (const step of config.steps) {
    if (isIdle(step)) {
      const ref: PoseRef = { kind: 'idle', posture: step.idle }
      if (cur.kind !== 'idle' || cur.posture !== step.idle) move(ref, 2.5)
      hold(ref, step.seconds)
      continue
    }
    const def = STRETCHES[step.stretch]
    const sides: SynthSide[] = def.sided ? (step.sides ?? ['left', 'right']) : [null]
    const opts: PoseOptions = {}
    if (step.nod) opts.nod = true
    if (step.bellyHand) opts.bellyHand = step.bellyHand
    const fraction = step.fraction ?? 1
    for (const side of sides) {
      const start = t
      if (!config.header) {
        const line: Record<string, unknown> = { event: 'stretch', stretch: step.stretch }
        if (side) line.side = side
        if (step.targets) line.targets = step.targets
        events.push({ t, line })
      }
      const at = (s: number): PoseRef => ({ kind: 'stretch', stretch: step.stretch, side, s, opts })
      move(at(0), step.approachSeconds ?? 2.5)
      const settleStart = t
      hold(at(0), step.settleSeconds ?? 2.5)
      const moveStart = t
      const cycles: [number, number][] = []
      let holdStart: number
      let holdEnd: number
      if (def.dose.kind === 'hold') {
        move(at(fraction), step.moveSeconds ?? 3)
        holdStart = t
        hold(at(fraction), step.holdSeconds ?? 31)
        holdEnd = t
        move(at(0), step.outSeconds ?? 2)
      } else {
        holdStart = t
        const n = step.reps ?? def.dose.reps
        const jitter = step.tempoJitter ?? 0
        const timings = step.repTimings
        for (let i = 0; i < n; i++) {
          const c0 = t
          if (timings && timings.length > 0) {
            const rt = timings[Math.min(i, timings.length - 1)]!
            const f = rt.fraction ?? fraction
            if (i === step.interruptCycle) {
              move(at(step.stretch === 'cat-cow' ? -f : f), rt.up)
              hold(cur, 0.6)
              move(at(0), rt.down)
              hold(at(0), 2.5)
            } else if (step.stretch === 'cat-cow') {
              const cat = step.onlyHalf === 'cow' ? 0 : -f
              const cow = step.onlyHalf === 'cat' ? 0 : f
              move(at(cat), rt.up)
              hold(at(cat), rt.top)
              move(at(0), rt.down)
              hold(at(0), rt.mid ?? 0)
              move(at(cow), rt.up)
              hold(at(cow), rt.top)
              move(at(0), rt.down)
              hold(at(0), rt.rest)
            } else {
              move(at(f), rt.up)
              hold(at(f), rt.top)
              move(at(0), rt.down)
              hold(at(0), rt.rest)
            }
            cycles.push([c0, t])
            continue
          }
          const k = ((step.repSeconds ?? 6) / 6) * (1 + jitter * (2 * rng.uniform() - 1))
          if (i === step.interruptCycle) {
            move(at(step.stretch === 'cat-cow' ? -fraction : fraction), 1.2 * k)
            hold(cur, 0.6)
            move(at(0), 1.2 * k)
            hold(at(0), 2.5)
          } else if (step.stretch === 'cat-cow') {
            const cat = step.onlyHalf === 'cow' ? 0 : -fraction
            const cow = step.onlyHalf === 'cat' ? 0 : fraction
            move(at(cat), 1.2 * k)
            hold(at(cat), 0.6 * k)
            move(at(0), 1.0 * k)
            move(at(cow), 1.2 * k)
            hold(at(cow), 0.6 * k)
            move(at(0), 1.0 * k)
            hold(at(0), 0.4 * k)
          } else {
            move(at(fraction), 1.2 * k)
            hold(at(fraction), step.pauseSeconds ?? 2)
            move(at(0), 1.2 * k)
            hold(at(0), 1.6 * k)
          }
          cycles.push([c0, t])
        }
        holdEnd = t
        hold(at(0), 1)
      }
      marks.push({
        stretch: step.stretch,
        side,
        start,
        settleStart,
        moveStart,
        holdStart,
        holdEnd,
        cycles,
        end: t,
      })
    }
  }
  hold(cur, 0.5)
  return { segments, events, marks, duration: t }
}

const smooth = (u: number): number => u * u * (3 - 2 * u)

function sameMotion(a: PoseRef, b: PoseRef): boolean {
  if (a.kind === 'idle' || b.kind === 'idle') return a.kind === b.kind && a === b
  return (
    a.stretch === b.stretch &&
    a.side === b.side &&
    a.opts.nod === b.opts.nod &&
    a.opts.bellyHand === b.opts.bellyHand
  )
}

function evalRef(ref: PoseRef, H: number): KeyPose {
  return ref.kind === 'idle'
    ? idlePose(ref.posture, H)
    : stretchPose(ref.stretch, ref.side, ref.s, H, ref.opts)
}

function blendPoses(a: KeyPose, b: KeyPose, u: number): KeyPose {
  const face = normalize(lerp3(a.face, b.face, u))
  const up = orthonormalTo(lerp3(a.up, b.up, u), face)
  const hand = (i: 0 | 1): { palm: Vec3; normal: Vec3; finger: Vec3 } => {
    const normal = normalize(lerp3(a.normal[i], b.normal[i], u))
    return {
      palm: lerp3(a.palm[i], b.palm[i], u),
      normal,
      finger: orthonormalTo(lerp3(a.finger[i], b.finger[i], u), normal),
    }
  }
  const l = hand(0)
  const r = hand(1)
  return {
    eye: lerp3(a.eye, b.eye, u),
    face,
    up,
    palm: [l.palm, r.palm],
    normal: [l.normal, r.normal],
    finger: [l.finger, r.finger],
  }
}

function segmentAt(plan: Plan, t: number): Segment {
  const segs = plan.segments
  let lo = 0
  let hi = segs.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (segs[mid]!.t0 <= t) lo = mid
    else hi = mid - 1
  }
  return segs[lo]!
}

/** The noise-free key pose at trace time t. */
export function poseAt(plan: Plan, t: number, H: number): KeyPose {
  return poseInSegment(segmentAt(plan, t), t, H)
}

/** The noise-free key pose at trace time t, which lies in `seg`. */
function poseInSegment(seg: Segment, t: number, H: number): KeyPose {
  const u = seg.t1 > seg.t0 ? smooth(Math.min(1, Math.max(0, (t - seg.t0) / (seg.t1 - seg.t0)))) : 1
  if (seg.a === seg.b) return evalRef(seg.a, H)
  if (sameMotion(seg.a, seg.b) && seg.a.kind === 'stretch' && seg.b.kind === 'stretch') {
    return stretchPose(seg.a.stretch, seg.a.side, lerp(seg.a.s, seg.b.s, u), H, seg.a.opts)
  }
  return blendPoses(evalRef(seg.a, H), evalRef(seg.b, H), u)
}

/** Band-limited wobble: a sum of sinusoids, continuous in time so every frame rate samples the same motion. */
interface Wobble {
  f: Float64Array
  ph: Float64Array
  amp: number
}

function makeWobble(rng: Rng, n: number, loHz: number, hiHz: number, rmsPerAxis: number): Wobble {
  const f = new Float64Array(n)
  const ph = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    f[i] = rng.range(loHz, hiHz) * 2 * Math.PI
    ph[i] = rng.range(0, 2 * Math.PI)
  }
  return { f, ph, amp: rmsPerAxis * Math.sqrt(2 / n) }
}

function wobbleAt(w: Wobble, t: number): number {
  const f = w.f
  const ph = w.ph
  let s = 0
  for (let i = 0; i < f.length; i++) s += Math.sin(f[i]! * t + ph[i]!)
  return s * w.amp
}

const round = (x: number, k: number): number => Math.round(x * k) / k

/** Whether t lies in one of the [from, to) spans stored as a flat list. */
function inSpan(spans: number[], t: number): boolean {
  for (let i = 0; i < spans.length; i += 2) if (t >= spans[i]! && t < spans[i + 1]!) return true
  return false
}

/** Whether t lies strictly inside one of the (from, to) spans. */
function inOpenSpan(spans: number[], t: number): boolean {
  for (let i = 0; i < spans.length; i += 2) if (t > spans[i]! && t < spans[i + 1]!) return true
  return false
}

/** The palm-to-device inverse for one hand. */
function handDevice(
  kp: KeyPose,
  i: 0 | 1,
  input: 'controller' | 'hand',
  H: number,
): { p: Vec3; q: Quat } {
  return input === 'hand'
    ? wristFromPalm(kp.palm[i], kp.normal[i], kp.finger[i], H)
    : gripFromPalm(kp.palm[i], kp.normal[i], kp.finger[i], i === 0 ? 'left' : 'right')
}

/** The three device poses (head, left, right) of a key pose. */
function devicesOf(
  kp: KeyPose,
  inputs: readonly ['controller' | 'hand', 'controller' | 'hand'],
  H: number,
): { p: Vec3; q: Quat }[] {
  return [
    { p: kp.eye, q: headQuat(kp.face, kp.up) },
    handDevice(kp, 0, inputs[0], H),
    handDevice(kp, 1, inputs[1], H),
  ]
}

// Scratch of the per-frame arithmetic (the generator runs single-threaded and never re-enters).
// The expressions below are those of geometry.ts (add, quatRotate, quatMul, quatFromRotVec),
// written on scalars so a frame allocates only what it hands out: same operations, same
// order, so the same bits.
const _p = new Float64Array(3)
const _q = new Float64Array(4)
const _r = new Float64Array(4)

/** _p ← rotate _p by the unit quaternion q, then add d (geometry.ts quatRotate, then add). */
function rotateAddP(q: Quat, d: Vec3): void {
  const qx = q[0]
  const qy = q[1]
  const qz = q[2]
  const qw = q[3]
  const v0 = _p[0]!
  const v1 = _p[1]!
  const v2 = _p[2]!
  const tx = 2 * (qy * v2 - qz * v1)
  const ty = 2 * (qz * v0 - qx * v2)
  const tz = 2 * (qx * v1 - qy * v0)
  _p[0] = v0 + qw * tx + (qy * tz - qz * ty) + d[0]
  _p[1] = v1 + qw * ty + (qz * tx - qx * tz) + d[1]
  _p[2] = v2 + qw * tz + (qx * ty - qy * tx) + d[2]
}

/** _q ← a · _q (geometry.ts quatMul with b = _q), a given as four numbers. */
function preMulQ(a0: number, a1: number, a2: number, a3: number): void {
  const b0 = _q[0]!
  const b1 = _q[1]!
  const b2 = _q[2]!
  const b3 = _q[3]!
  _q[0] = a0 * b3 + a3 * b0 + a1 * b2 - a2 * b1
  _q[1] = a1 * b3 + a3 * b1 + a2 * b0 - a0 * b2
  _q[2] = a2 * b3 + a3 * b2 + a0 * b1 - a1 * b0
  _q[3] = a3 * b3 - a0 * b0 - a1 * b1 - a2 * b2
}

/** _r ← the quaternion of the rotation vector (w0, w1, w2) (geometry.ts quatFromRotVec). */
function rotVecQ(w0: number, w1: number, w2: number): void {
  const a = Math.sqrt(w0 * w0 + w1 * w1 + w2 * w2)
  if (a < 1e-15) {
    _r[0] = 0
    _r[1] = 0
    _r[2] = 0
    _r[3] = 1
    return
  }
  const s = Math.sin(a / 2) / a
  _r[0] = w0 * s
  _r[1] = w1 * s
  _r[2] = w2 * s
  _r[3] = Math.cos(a / 2)
}

/** Generates the records of a config in trace order, passing each to `sink`. Returns the plan's marks. */
export function synthRecords(config: SynthConfig, sink: (r: SynthRecord) => void): SideMarks[] {
  const plan = planSynthTrace(config)
  const H = statureFromEyeHeight(config.eyeHeight ?? 1.62)
  const seed = config.seed ?? 1
  const rng = createRng(seed)
  const timingRng = createRng(seed * 31 + 5)
  const rate = config.rate ?? 90
  const tremorAxis = (config.tremorMm ?? 1.5) / 1000 / Math.sqrt(3)
  const [tremorLo, tremorHi] = config.tremorHz ?? [2, 10]
  const jitterAxis = (config.jitterMm ?? 1) / 1000 / Math.sqrt(3)
  const breath = (config.breathingMm ?? 0) / 1000
  const breathW = 2 * Math.PI * (config.breathingHz ?? 0.25)
  const drift = (config.driftMmPerMin ?? 0) / 1000 / 60
  const quatScale = config.quatScale ?? 1
  const heading = (config.mat?.headingDeg ?? 0) * DEG
  const matQ: Quat = [0, Math.sin(heading / 2), 0, Math.cos(heading / 2)]
  const matP: Vec3 = [config.mat?.x ?? 0, config.floorOffsetM ?? 0, config.mat?.z ?? 0]
  const tremor: Wobble[] = []
  const holdTremor: Wobble[] = []
  const holdAxis = (config.holdTremorMm ?? 0) / 1000 / Math.sqrt(3)
  const holdSpans = plan.marks.flatMap((m) => [m.holdStart, m.holdEnd])
  const holdEnvelope = (t: number): number => {
    for (let i = 0; i < holdSpans.length; i += 2) {
      const a = holdSpans[i]!
      const b = holdSpans[i + 1]!
      if (t > a && t < b) return Math.min(1, (t - a) / 0.5, (b - t) / 0.5)
    }
    return 0
  }
  const turn: Wobble[] = []
  const driftDir: Vec3[] = []
  const breathPhase: number[] = []
  for (let i = 0; i < 9; i++) tremor.push(makeWobble(rng, 8, tremorLo, tremorHi, tremorAxis))
  for (let i = 0; i < 9; i++) turn.push(makeWobble(rng, 3, 1, 6, 0.1 * DEG))
  const holdRng = createRng(seed * 13 + 3)
  for (let i = 0; i < 9; i++) holdTremor.push(makeWobble(holdRng, 8, tremorLo, tremorHi, holdAxis))
  for (let i = 0; i < 3; i++) {
    driftDir.push(normalize([rng.gaussian(), rng.gaussian() * 0.3, rng.gaussian()]))
    breathPhase.push(rng.range(-0.3, 0.3))
  }
  // Later knobs: each its own stream, drawn only when used (older configs stay bit-identical).
  const wobbleAxis = (config.wobbleMm ?? 0) / 1000 / Math.sqrt(3)
  const wobble: Wobble[] = []
  if (wobbleAxis > 0) {
    const [lo, hi] = config.wobbleHz ?? [1, 3.5]
    const wobbleRng = createRng(seed * 61 + 23)
    for (let i = 0; i < 9; i++) wobble.push(makeWobble(wobbleRng, 8, lo, hi, wobbleAxis))
  }
  const timingJitterS = (config.timingJitterMs ?? 0) / 1000
  const jitterRng = timingJitterS > 0 ? createRng(seed * 131 + 71) : null
  const faults = config.faults ?? []
  const inputs: ['controller' | 'hand', 'controller' | 'hand'] = [
    config.input ?? 'controller',
    config.input ?? 'controller',
  ]
  const lastInput: [string, string] = ['controller', 'controller']
  const held: (number[] | null)[] = [null, null, null]
  const frozen: (number[] | null)[] = [null, null, null]
  let resetQ: Quat = [0, 0, 0, 1]
  let resetP: Vec3 = [0, 0, 0]
  const appliedResets = new Set<Fault>()
  const pendingEvents: { t: number; line: Record<string, unknown> }[] = [...plan.events]
  for (const f of faults) {
    if (f.kind === 'visibility') {
      pendingEvents.push({ t: f.from, line: { event: 'visibility', state: f.state } })
      pendingEvents.push({ t: f.to, line: { event: 'visibility', state: 'visible' } })
    } else if (f.kind === 'pause') {
      pendingEvents.push({ t: f.from, line: { event: 'pause' } })
      pendingEvents.push({ t: f.to, line: { event: 'resume' } })
    } else if (f.kind === 'reset') {
      pendingEvents.push({ t: f.at, line: { event: 'reset' } })
    } else if (f.kind === 'pain') {
      pendingEvents.push({ t: f.at, line: { event: 'pain' } })
    }
  }
  pendingEvents.sort((a, b) => a.t - b.t)
  const malformed = (config.malformed ?? [])
    .filter((m) => m.kind !== 'truncated-last')
    .sort((a, b) => a.at - b.at)
  const truncatedLast = (config.malformed ?? []).some((m) => m.kind === 'truncated-last')
  let mi = 0
  let ei = 0
  let lastFrameT = 0
  let clock = 0
  const poseNames: PoseName[] = ['head', 'left', 'right']
  // fault spans per pose and kind, looked up per frame without closures
  const spans = poseNames.map((name) => {
    const of = (kind: string): number[] =>
      faults.flatMap((f) =>
        f.kind === kind && 'pose' in f && f.pose === name ? [f.from, f.to] : [],
      )
    return { frozen: of('frozen'), emulated: of('emulated'), null: of('null') }
  })
  const gaps = faults.flatMap((f) => (f.kind === 'gap' ? [f.from, f.to] : []))
  const equalTs = faults.flatMap((f) => (f.kind === 'equal-t' ? [f.at] : []))
  const formSpans = faults.flatMap((f) => (f.kind === 'form' ? [f.from, f.to] : []))
  const formAmount = (t: number): number => {
    for (let i = 0; i < formSpans.length; i += 2) {
      const a = formSpans[i]!
      const b = formSpans[i + 1]!
      if (t > a && t < b) return Math.min(1, (t - a) / 0.3, (b - t) / 0.3)
    }
    return 0
  }

  /** Device pose p, q of point i at time t, with noise, in the world (mat, then resets); rounded. */
  const toWorld = (p: Vec3, q: Quat, i: number, t: number): number[] => {
    const b = breath * Math.sin(breathW * t + breathPhase[i]!)
    const env = holdAxis > 0 ? holdEnvelope(t) : 0
    const o = i * 3
    const dd = driftDir[i]!
    // noise in the same order (and with the same random draws) as ever: x, y, z, then turn
    let nx =
      wobbleAt(tremor[o]!, t) +
      (env > 0 ? env * wobbleAt(holdTremor[o]!, t) : 0) +
      jitterAxis * rng.gaussian() +
      drift * t * dd[0]
    let ny =
      wobbleAt(tremor[o + 1]!, t) +
      (env > 0 ? env * wobbleAt(holdTremor[o + 1]!, t) : 0) +
      jitterAxis * rng.gaussian() +
      b +
      drift * t * dd[1]
    let nz =
      wobbleAt(tremor[o + 2]!, t) +
      (env > 0 ? env * wobbleAt(holdTremor[o + 2]!, t) : 0) +
      jitterAxis * rng.gaussian() +
      0.3 * b +
      drift * t * dd[2]
    if (wobble.length > 0) {
      nx += wobbleAt(wobble[o]!, t)
      ny += wobbleAt(wobble[o + 1]!, t)
      nz += wobbleAt(wobble[o + 2]!, t)
    }
    _p[0] = p[0] + nx
    _p[1] = p[1] + ny
    _p[2] = p[2] + nz
    const w0 = wobbleAt(turn[o]!, t) + 0.02 * DEG * rng.gaussian()
    const w1 = wobbleAt(turn[o + 1]!, t) + 0.02 * DEG * rng.gaussian()
    const w2 = wobbleAt(turn[o + 2]!, t) + 0.02 * DEG * rng.gaussian()
    rotVecQ(w0, w1, w2)
    _q[0] = q[0]
    _q[1] = q[1]
    _q[2] = q[2]
    _q[3] = q[3]
    preMulQ(_r[0]!, _r[1]!, _r[2]!, _r[3]!)
    rotateAddP(matQ, matP)
    preMulQ(matQ[0], matQ[1], matQ[2], matQ[3])
    rotateAddP(resetQ, resetP)
    preMulQ(resetQ[0], resetQ[1], resetQ[2], resetQ[3])
    const flip = _q[3]! < 0
    return [
      round(_p[0]!, 1e5),
      round(_p[1]!, 1e5),
      round(_p[2]!, 1e5),
      round((flip ? -_q[0]! : _q[0]!) * quatScale, 1e6),
      round((flip ? -_q[1]! : _q[1]!) * quatScale, 1e6),
      round((flip ? -_q[2]! : _q[2]!) * quatScale, 1e6),
      round((flip ? -_q[3]! : _q[3]!) * quatScale, 1e6),
    ]
  }

  const flushEvents = (upTo: number): void => {
    while (ei < pendingEvents.length && pendingEvents[ei]!.t <= upTo) {
      const e = pendingEvents[ei++]!
      const et = Math.max(e.t, lastFrameT)
      sink({ kind: 'event', t: round(et, 1e6), line: e.line })
    }
  }

  // The devices of a still segment do not change: computed once per segment and input.
  let stillSeg: Segment | null = null
  let stillInputs = ''
  let stillDevices: { p: Vec3; q: Quat }[] = []

  let t = 0
  let frameIndex = 0
  while (t <= plan.duration) {
    for (const f of faults) {
      if (f.kind === 'reset' && f.at <= t && !appliedResets.has(f)) {
        appliedResets.add(f)
        const yaw = (f.yawDeg ?? 25) * DEG
        const q: Quat = [0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2)]
        resetQ = quatMul(q, resetQ)
        resetP = add(quatRotate(q, resetP), [f.dx ?? 0.4, 0, f.dz ?? -0.3])
      }
      if (f.kind === 'input' && f.at <= t) inputs[f.hand === 'left' ? 0 : 1] = f.input
    }
    flushEvents(t)
    const inGap = inOpenSpan(gaps, t)
    if (!inGap) {
      const seg = segmentAt(plan, t)
      const form = formSpans.length > 0 ? formAmount(t) : 0
      let devices: { p: Vec3; q: Quat }[]
      if (seg.a === seg.b && form === 0) {
        const key = inputs[0] + inputs[1]
        if (seg !== stillSeg || key !== stillInputs) {
          stillSeg = seg
          stillInputs = key
          stillDevices = devicesOf(poseInSegment(seg, t, H), inputs, H)
        }
        devices = stillDevices
      } else {
        const kp = poseInSegment(seg, t, H)
        if (form > 0 && seg.b.kind === 'stretch') {
          breakForm(kp, seg.b.stretch, seg.b.side, form, H)
        }
        devices = devicesOf(kp, inputs, H)
      }
      const poses: [number[] | null, number[] | null, number[] | null] = [null, null, null]
      const emulated: PoseName[] = []
      for (let i = 0; i < 3; i++) {
        const name = poseNames[i]!
        let pose = toWorld(devices[i]!.p, devices[i]!.q, i, t)
        if (inSpan(spans[i]!.frozen, t)) {
          if (!frozen[i]) frozen[i] = held[i] ?? pose
          pose = frozen[i]!.slice()
        } else {
          frozen[i] = null
        }
        if (inSpan(spans[i]!.emulated, t)) {
          const last = held[i] ?? pose
          pose = [last[0]!, last[1]!, last[2]!, pose[3]!, pose[4]!, pose[5]!, pose[6]!]
          emulated.push(name)
        } else if (inSpan(spans[i]!.null, t)) {
          poses[i] = null
          continue
        } else {
          held[i] = pose
        }
        poses[i] = pose
      }
      let input: { left: 'controller' | 'hand'; right: 'controller' | 'hand' } | null = null
      if (inputs[0] !== lastInput[0] || inputs[1] !== lastInput[1]) {
        input = { left: inputs[0], right: inputs[1] }
        lastInput[0] = inputs[0]
        lastInput[1] = inputs[1]
      }
      const ft = round(t, 1e6)
      sink({ kind: 'frame', t: ft, poses, emulated, input })
      lastFrameT = ft
      for (let k = 0; k < equalTs.length; k++) {
        if (Math.abs(equalTs[k]! - t) < 0.5 / rate) {
          sink({ kind: 'frame', t: ft, poses, emulated, input: null })
          break
        }
      }
      while (mi < malformed.length && malformed[mi]!.at <= t) {
        const m = malformed[mi++]!
        sink({ kind: 'raw', line: malformedLine(m.kind, ft, poses) })
      }
    }
    const prevT = t
    frameIndex++
    if (config.unevenTiming) {
      let dt = (1 / rate) * (1 + 0.25 * (2 * timingRng.uniform() - 1))
      if (timingRng.uniform() < 0.02) dt += 1 / rate
      clock += dt
      t = clock
    } else {
      t = frameIndex / rate
    }
    if (jitterRng) {
      t += timingJitterS * (2 * jitterRng.uniform() - 1)
      if (t < 0) t = 0
      if (round(t, 1e6) <= round(prevT, 1e6)) t = round(prevT, 1e6) + 1e-6
    }
  }
  flushEvents(Number.POSITIVE_INFINITY)
  if (truncatedLast) {
    sink({ kind: 'raw', line: '{"t":' + String(round(t, 1e6)) + ',"head":[0.1,1.2', last: true })
  }
  return plan.marks
}

function poseText(p: number[] | null): string {
  if (!p) return 'null'
  return '[' + p.map((n) => String(n)).join(',') + ']'
}

function malformedLine(kind: MalformedKind, t: number, poses: (number[] | null)[]): string {
  const head = (poses[0] ?? [0, 1.5, 0, 0, 0, 0, 1]).map((n) => String(n))
  const tt = String(t)
  switch (kind) {
    case 'bad-json':
      return '{"t":' + tt + ',"head":[' + head.join(',') + '],"left":nul'
    case 'nan-string':
      return (
        '{"t":' + tt + ',"head":["NaN",' + head.slice(1).join(',') + '],"left":null,"right":null}'
      )
    case 'null-in-pose':
      return (
        '{"t":' +
        tt +
        ',"head":[' +
        head.slice(0, 3).join(',') +
        ',null,0,0,1],"left":null,"right":null}'
      )
    case 'short-pose':
      return '{"t":' + tt + ',"head":[' + head.slice(0, 6).join(',') + '],"left":null,"right":null}'
    case 'bad-quaternion':
      return (
        '{"t":' +
        tt +
        ',"head":[' +
        head.slice(0, 3).join(',') +
        ',0,0,0,1.5],"left":null,"right":null}'
      )
    case 't-backwards':
      return (
        '{"t":' +
        String(Math.max(0, t - 0.5)) +
        ',"head":[' +
        head.join(',') +
        '],"left":null,"right":null}'
      )
    case 'missing-head':
      return '{"t":' + tt + ',"left":null,"right":null}'
    case 'missing-t':
      return '{"head":[' + head.join(',') + '],"left":null,"right":null}'
    case 'truncated-last':
      return '{"t":' + tt + ',"head":[0.1'
  }
}

/** One record as a JSON line (no trailing newline); numbers via String(n). */
export function recordLine(r: SynthRecord): string {
  if (r.kind === 'raw') return r.line
  if (r.kind === 'event') {
    return JSON.stringify({ t: r.t, ...r.line })
  }
  let s =
    '{"t":' +
    String(r.t) +
    ',"head":' +
    poseText(r.poses[0]) +
    ',"left":' +
    poseText(r.poses[1]) +
    ',"right":' +
    poseText(r.poses[2])
  if (r.emulated.length > 0) s += ',"emulated":' + JSON.stringify(r.emulated)
  if (r.input) s += ',"input":' + JSON.stringify(r.input)
  return s + '}'
}

/** The header line of a config. */
export function headerLine(config: SynthConfig): string {
  const h: Record<string, unknown> = {
    format: 'pose-trace',
    version: 1,
    recordedAt: '2026-11-23T07:00:00.000Z',
    source: 'synthetic',
    device: 'stretchcoach synthetic generator',
    refreshRate: config.rate ?? 90,
    calibration: { eyeHeight: config.eyeHeight ?? 1.62 },
  }
  if (config.header) {
    h.stretch = config.header.stretch
    if (config.header.side) h.side = config.header.side
    if (config.header.targets) h.targets = config.header.targets
  }
  return JSON.stringify(h)
}

/** A whole synthetic trace as JSONL text, with its timeline marks. */
export function synthTrace(config: SynthConfig): {
  text: string
  marks: SideMarks[]
  frames: number
} {
  const lines: string[] = [headerLine(config)]
  let frames = 0
  let truncated: string | null = null
  const marks = synthRecords(config, (r) => {
    if (r.kind === 'frame') frames++
    if (r.kind === 'raw' && r.last) truncated = r.line
    else lines.push(recordLine(r))
  })
  const text = lines.join('\n') + '\n' + (truncated ?? '')
  return { text, marks, frames }
}

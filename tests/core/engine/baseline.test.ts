// baseline (docs/product.md "The ten stretches": the mean over the first second in
// which the gate holds and the head and the needed hands each move less than
// 1.5 cm): a user still for a second gets the mean of that second as their
// reference, found STILL_LAG_S after it ends and reported once; a real
// movement over the second takes none, while tremor and breathing sway do
// not prevent one; a frame out of the gate (or a change of belly hand)
// restarts the search; the same motion gives the same baseline at any frame
// rate; a `rest` stretch's baseline is replaced by a later still second well
// below it; restartBaseline forgets it; after a reset of the reference space
// the baseline is carried across; a flood of frames never breaks it.
// Driven as engine.ts's stepEngine does: rememberHead, pushHistory with the
// frame's meta (H_T, H_COUNT_DT, H_FLAGS, H_USABLE, H_HELD, H_SENSED), then
// stepBaselineWindow.
import { describe, expect, it } from 'vitest'
import {
  BASELINE_SECONDS,
  BASELINE_STILL_M,
  createBaseline,
  createBaselineWindow,
  REBASELINE_PROGRESS,
  rememberHead,
  resetBaselineSpace,
  restartBaseline,
  STILL_AVERAGE_S,
  STILL_LAG_S,
  stepBaselineWindow,
  type Baseline,
  type BaselineWindow,
} from '../../../src/core/engine/baseline.ts'
import { createBodyView, type BodyView } from '../../../src/core/engine/bodyView.ts'
import {
  clearHistory,
  createFrameHistory,
  F_HEAD,
  F_STILL_OK,
  H_COUNT_DT,
  H_FLAGS,
  H_HELD,
  H_SENSED,
  H_T,
  H_USABLE,
  pushHistory,
  recordOf,
  type FrameHistory,
} from '../../../src/core/engine/frameHistory.ts'
import { createJudgement, type Judgement } from '../../../src/core/engine/stretchRules.ts'

const TAU = 2 * Math.PI
const H = 1.75

/** A tiny seeded LCG, in [0, 1). */
function lcg(seed: number): () => number {
  let s = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b9) >>> 0
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
  for (let k = 0; k < 4; k++) next()
  return next
}

/** Where the points are: eye, left palm, right palm (x y z each, metres). */
type Points = number[]
/** The points at time t. */
type Motion = (t: number) => Points

/** Kneeling on all fours, facing −z: the eye, the left and right palms. */
const HOME: Points = [0.1, 0.62, -0.3, 0.25, 0.05, -0.75, -0.05, 0.05, -0.75]
/** A still body. */
const still =
  (p: Points = HOME): Motion =>
  () =>
    p
/** p plus the offsets of each motion. */
const plus =
  (base: Motion, ...offsets: Motion[]): Motion =>
  (t) =>
    offsets.reduce((acc, f) => {
      const o = f(t)
      return acc.map((x, i) => x + o[i]!)
    }, base(t))
/** Only point `p` (0 eye, 1 left, 2 right) moves, along axis `axis` by f(t). */
const along =
  (p: number, axis: number, f: (t: number) => number): Motion =>
  (t) => {
    const o = new Array<number>(9).fill(0)
    o[p * 3 + axis] = f(t)
    return o
  }
/** Every point moves by f(t) along axis. */
const allAlong =
  (axis: number, f: (t: number) => number): Motion =>
  (t) => {
    const o = new Array<number>(9).fill(0)
    for (let p = 0; p < 3; p++) o[p * 3 + axis] = f(t)
    return o
  }
/** Seeded tremor of every coordinate, `rms` metres RMS per point (3-D), 8–12 Hz. */
function tremor(rms: number, seed: number): Motion {
  const r = lcg(seed)
  const a = (rms / Math.sqrt(3)) * Math.SQRT2 // per-axis amplitude of a sine with that 3-D RMS
  const waves = Array.from({ length: 9 }, () => [8 + 4 * r(), TAU * r()] as const)
  return (t) => waves.map(([f, ph]) => a * Math.sin(TAU * f * t + ph))
}

interface FrameOpts {
  /** F_STILL_OK (default true: tracked, in the gate, the needed points sensed) */
  stillOk?: boolean
  belly?: number
  progress?: number
  /** H_SENSED (default both) */
  sensed?: number
}

interface Rig {
  readonly w: BaselineWindow
  readonly b: Baseline
  readonly h: FrameHistory
  readonly v: BodyView
  readonly j: Judgement
  readonly meta: Float64Array
  /** the stretch takes its belly hand from the gate (pelvic tilt, bridge) */
  bellyHand: boolean
  prevT: number
  /** each time stepBaselineWindow returned a frame: the frame's t, and the t of the frame fed when it did */
  readonly taken: { n: number; frameT: number; atT: number }[]
  /** every frame fed: its t and points, for the expected means */
  readonly fed: { t: number; p: Points }[]
}

function rig(bellyHand = false): Rig {
  const v = createBodyView(H)
  return {
    w: createBaselineWindow(),
    b: createBaseline(),
    h: createFrameHistory(),
    v,
    j: createJudgement(),
    meta: new Float64Array(6),
    bellyHand,
    prevT: Number.NaN,
    taken: [],
    fed: [],
  }
}

/** The head's pose besides the eye: facing −z, face 20° down, right +x; hands flat. */
function setView(v: BodyView, p: Points): void {
  v.eye.set(p.slice(0, 3))
  v.palm.set(p.slice(3, 9))
  v.pitchDeg = -20
  v.fwd.set([0, 0, -1])
  v.right.set([1, 0, 0])
  v.palmOk.set([1, 1])
  v.handQ.set([0, 0, 0, 1, 0, 0, 0, 1])
  v.handQOk.set([1, 1])
}

/** One frame at t as stepEngine feeds it; what stepBaselineWindow returned. */
function step(r: Rig, t: number, motion: Motion, o: FrameOpts = {}): number {
  const p = motion(t)
  setView(r.v, p)
  rememberHead(r.w, r.b, r.v)
  r.meta[H_T] = t
  r.meta[H_COUNT_DT] = Number.isNaN(r.prevT) ? 0 : t - r.prevT
  r.meta[H_FLAGS] = F_HEAD | (o.stillOk === false ? 0 : F_STILL_OK)
  r.meta[H_USABLE] = 3
  r.meta[H_HELD] = 0
  r.meta[H_SENSED] = o.sensed ?? 3
  r.prevT = t
  r.j.gate = o.stillOk !== false
  r.j.form = true
  r.j.progress = o.progress ?? 0
  r.j.belly = o.belly ?? -1
  pushHistory(r.h, r.meta, r.v, r.j)
  r.fed.push({ t, p })
  const n = stepBaselineWindow(r.w, r.b, r.h, r.v, r.bellyHand)
  if (n >= 0) r.taken.push({ n, frameT: r.h.data[recordOf(n) + H_T]!, atT: t })
  return n
}

/** Feeds frames at hz from t0 to t1 (inclusive), with optional ±jitter (s); the values stepBaselineWindow returned. */
function run(
  r: Rig,
  hz: number,
  t0: number,
  t1: number,
  motion: Motion,
  opts: (t: number) => FrameOpts = () => ({}),
  jitter = 0,
  seed = 1,
): number[] {
  const rand = lcg(seed)
  const out: number[] = []
  for (let k = 0; t0 + k / hz <= t1 + 1e-9; k++) {
    const t = t0 + k / hz + (jitter ? (2 * rand() - 1) * jitter : 0)
    out.push(step(r, t, motion, opts(t)))
  }
  return out
}

/** The mean of the points fed with t in [from, to]. */
function meanFed(r: Rig, from: number, to: number): Points {
  const sum = new Array<number>(9).fill(0)
  let n = 0
  for (const f of r.fed) {
    if (f.t < from - 1e-9 || f.t > to + 1e-9) continue
    for (let i = 0; i < 9; i++) sum[i] = sum[i]! + f.p[i]!
    n++
  }
  return sum.map((s) => s / n)
}

/** The baseline's eye and palms as 9 numbers. */
const basePoints = (b: Baseline): Points => [...b.eye, ...b.palm]

/** Largest coordinate difference (m). */
const maxDiff = (a: Points, b: Points) => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)))

/** Expects the baseline to be the mean of the still second that ended at the frame returned, within 1 mm. */
function expectMeanOfItsSecond(r: Rig): void {
  const last = r.taken[r.taken.length - 1]!
  expect(
    maxDiff(basePoints(r.b), meanFed(r, last.frameT - BASELINE_SECONDS, last.frameT)),
  ).toBeLessThan(0.001)
}

describe('baseline', () => {
  it('pins the rule: one second, 1.5 cm, positions averaged over 0.5 s, judged 0.25 s behind', () => {
    expect([BASELINE_SECONDS, BASELINE_STILL_M, STILL_AVERAGE_S, STILL_LAG_S]).toEqual([
      1, 0.015, 0.5, 0.25,
    ])
  })

  describe('a still second', () => {
    it('a user still (2 mm of jitter) for 1 s + STILL_LAG_S gets the mean of that second, reported exactly once', () => {
      const r = rig()
      const rand = lcg(3)
      const motion: Motion = () => HOME.map((x) => x + 0.002 * (rand() - 0.5))
      const got = run(r, 90, 10, 14, motion)
      expect(got.filter((n) => n >= 0)).toHaveLength(1)
      expect(got.filter((n) => n !== -1 && n < 0)).toHaveLength(0)
      expect(r.taken).toHaveLength(1)
      const { frameT, atT } = r.taken[0]!
      // the second ends one second after stillness began, and is seen STILL_LAG_S later
      expect(frameT).toBeCloseTo(11, 1)
      expect(Math.abs(frameT - 11)).toBeLessThanOrEqual(1 / 90 + 1e-9)
      expect(Math.abs(atT - (frameT + STILL_LAG_S))).toBeLessThanOrEqual(1 / 90 + 1e-9)
      expect(r.b.ready).toBe(true)
      expectMeanOfItsSecond(r)
      expect(maxDiff(basePoints(r.b), HOME)).toBeLessThan(0.001)
      // the rest of what the stretches read from it
      expect(Array.from(r.b.fwd)).toEqual([0, 0, -1])
      expect(Array.from(r.b.right)).toEqual([1, 0, 0])
      expect(r.b.pitchDeg).toBeCloseTo(-20, 9)
      expect(Array.from(r.b.handQ)).toEqual([0, 0, 0, 1, 0, 0, 0, 1])
      expect(r.b.hip[0]).toBeCloseTo(r.b.eye[0]!, 9)
      expect(r.b.hip[1]).toBeCloseTo(0.05 * H, 9)
      expect(r.b.hip[2]).toBeCloseTo(r.b.eye[2]! + 0.055 * H, 9)
    })

    it('not before: no baseline on any frame before 1 s + STILL_LAG_S of stillness', () => {
      const r = rig()
      for (let k = 0; k / 90 < BASELINE_SECONDS + STILL_LAG_S - 1.5 / 90; k++) {
        expect(step(r, 5 + k / 90, still())).toBe(-1)
        expect(r.b.ready).toBe(false)
      }
    })

    it('the frame number returned is the one ending the still second (the frames after it were judged without one)', () => {
      const r = rig()
      run(r, 72, 0, 3, still())
      const { n, frameT } = r.taken[0]!
      expect(r.h.data[recordOf(n) + H_T]).toBe(frameT)
      // the frames after it: the look-behind's worth
      expect(r.fed.filter((f) => f.t > frameT && f.t <= r.taken[0]!.atT)).toHaveLength(
        Math.round(STILL_LAG_S * 72),
      )
    })

    it('a user who settles for a second and a little then moves 10 cm gets the still second, not the movement', () => {
      const r = rig()
      // still from 0 to 1.1 s, then the head and hands move 10 cm forward over 0.3 s
      const move = allAlong(2, (t) => (t < 1.1 ? 0 : -0.1 * Math.min(1, (t - 1.1) / 0.3)))
      run(r, 90, 0, 3, plus(still(), move))
      expect(r.taken).toHaveLength(1)
      // found while the user was already moving
      expect(r.taken[0]!.atT).toBeGreaterThan(1.1)
      expect(maxDiff(basePoints(r.b), HOME)).toBeLessThan(0.001)
    })
  })

  describe('moving, tremor, breathing', () => {
    it('a slow drift of 4 cm over the second (head, or a needed hand) takes no baseline', () => {
      for (const p of [0, 1, 2]) {
        const r = rig()
        run(
          r,
          90,
          0,
          8,
          plus(
            still(),
            along(p, 0, (t) => 0.04 * t),
          ),
        )
        expect(r.b.ready, `point ${p}`).toBe(false)
        expect(r.taken).toHaveLength(0)
      }
    })

    it('a drift that stops: one baseline, of a second ending after the drift stopped, close to where the user settled', () => {
      const r = rig()
      run(
        r,
        90,
        0,
        6,
        plus(
          still(),
          allAlong(1, (t) => -0.04 * Math.min(t, 3)),
        ),
      )
      expect(r.taken).toHaveLength(1)
      expect(r.taken[0]!.frameT).toBeGreaterThan(3)
      expectMeanOfItsSecond(r)
      expect(Math.abs(r.b.eye[1]! - (HOME[1]! - 0.12))).toBeLessThan(BASELINE_STILL_M)
    })

    // docs/product.md: "the head and the needed hands each move less than 1.5 cm". The reading
    // (docs/engine.md): over the second, each point's averaged positions stay within 1.5 cm
    // of one position, so deep breathing (2 cm up and down) still finds a still second at
    // any phase, while a steady movement of 3.5 cm over the second is no still second.
    it('a steady drift of 3.5 cm over the second takes no baseline; breathing sway of 2 cm at 0.2 Hz takes one at any phase', () => {
      const drifting = rig()
      run(
        drifting,
        90,
        0,
        8,
        plus(
          still(),
          along(0, 0, (t) => 0.035 * t),
        ),
      )
      expect(drifting.b.ready).toBe(false)
      for (const phase of [0, 1, 2, 3, 4, 5]) {
        const r = rig()
        const sway = allAlong(1, (t) => 0.02 * Math.sin(TAU * 0.2 * t + phase))
        run(r, 90, 0, 4, plus(still(), sway))
        expect(r.taken, `phase ${phase}`).toHaveLength(1)
        expect(r.taken[0]!.frameT, `phase ${phase}`).toBeLessThan(1.6)
        expectMeanOfItsSecond(r)
      }
    })

    it('a tremor of 6 mm RMS at 8–12 Hz on every point takes one, its mean within 1 mm', () => {
      for (const seed of [1, 2, 3, 4]) {
        const r = rig()
        run(r, 90, 0, 3, plus(still(), tremor(0.006, seed)))
        expect(r.taken, `seed ${seed}`).toHaveLength(1)
        expect(r.taken[0]!.frameT).toBeCloseTo(1, 1)
        expectMeanOfItsSecond(r)
        expect(maxDiff(basePoints(r.b), HOME)).toBeLessThan(0.001)
      }
    })

    it('stillness is judged on averaged positions: a 12 mm RMS tremor (extremes 3.4 cm apart) still takes one', () => {
      const shake = along(0, 0, (t) => 0.012 * Math.SQRT2 * Math.sin(TAU * 9.3 * t))
      // the premise: the raw positions spread over more than twice 1.5 cm
      expect(2 * 0.012 * Math.SQRT2).toBeGreaterThan(2 * BASELINE_STILL_M)
      const r = rig()
      run(r, 90, 0, 3, plus(still(), shake))
      expect(r.taken).toHaveLength(1)
      expectMeanOfItsSecond(r)
    })

    it('breathing sway of 1 cm at 0.25 Hz (head and hands) takes one: the mean of the frames of its second', () => {
      for (const phase of [0, 1, 2, 3]) {
        const r = rig()
        const sway = allAlong(1, (t) => 0.01 * Math.sin(TAU * 0.25 * t + phase))
        run(r, 90, 0, 4, plus(still(), sway))
        expect(r.taken, `phase ${phase}`).toHaveLength(1)
        expect(r.taken[0]!.frameT).toBeCloseTo(1, 1)
        expectMeanOfItsSecond(r)
      }
    })
  })

  describe('what restarts the search', () => {
    it('a frame out of the gate (no F_STILL_OK) inside the second restarts it: the second starts after it', () => {
      const r = rig()
      run(r, 90, 0, 4, still(), (t) => ({ stillOk: !(t >= 0.6 && t < 0.65) }))
      expect(r.taken).toHaveLength(1)
      const { frameT, atT } = r.taken[0]!
      expect(frameT).toBeGreaterThanOrEqual(0.65 + BASELINE_SECONDS)
      expect(frameT).toBeLessThanOrEqual(0.65 + BASELINE_SECONDS + 2 / 90)
      expect(atT).toBeCloseTo(frameT + STILL_LAG_S, 1)
    })

    it('a single frame out of the gate is enough; frames out of the gate never start one', () => {
      const r = rig()
      const once = 0.6
      run(r, 90, 0, 1.8, still(), (t) => ({ stillOk: Math.abs(t - once) > 1 / 180 }))
      expect(r.b.ready).toBe(false)
      const never = rig()
      run(never, 90, 0, 5, still(), () => ({ stillOk: false }))
      expect(never.b.ready).toBe(false)
    })

    it('belly-hand stretches: a change of belly hand restarts it, and the baseline keeps the new one', () => {
      const r = rig(true)
      run(r, 90, 0, 4, still(), (t) => ({ belly: t < 0.6 ? 0 : 1 }))
      expect(r.taken).toHaveLength(1)
      expect(r.taken[0]!.frameT).toBeGreaterThanOrEqual(0.6 + BASELINE_SECONDS - 1e-9)
      expect(r.taken[0]!.frameT).toBeLessThanOrEqual(0.6 + BASELINE_SECONDS + 2 / 90)
      expect(r.b.belly).toBe(1)
      // the same belly hand all along: the first second
      const same = rig(true)
      run(same, 90, 0, 4, still(), () => ({ belly: 0 }))
      expect(same.taken[0]!.frameT).toBeCloseTo(1, 1)
      expect(same.b.belly).toBe(0)
    })

    it('belly-hand stretches: the other hand may move (only the head and the belly hand must be still)', () => {
      const wave = along(2, 2, (t) => 0.1 * Math.sin(TAU * 0.5 * t))
      const r = rig(true)
      run(r, 90, 0, 3, plus(still(), wave), () => ({ belly: 0 }))
      expect(r.taken).toHaveLength(1)
      const moving = rig(true)
      run(moving, 90, 0, 3, plus(still(), wave), () => ({ belly: 1 }))
      expect(moving.b.ready).toBe(false)
    })
  })

  describe('frame rate', () => {
    /** Kneeling down into place over 1 s, then still with breathing sway and tremor. */
    const settle: Motion = plus(
      still(),
      allAlong(1, (t) => 0.2 * (1 - Math.min(1, t))),
      allAlong(1, (t) => 0.008 * Math.sin(TAU * 0.25 * t)),
      tremor(0.004, 9),
    )

    it('the same motion at 60 and 120 Hz takes the baseline at the same moment (within 2 frames) and value (within 1 mm)', () => {
      for (const jitter of [0, 0.002]) {
        const at60 = rig()
        const at120 = rig()
        run(at60, 60, 0, 5, settle, undefined, jitter, 5)
        run(at120, 120, 0, 5, settle, undefined, jitter, 6)
        expect(at60.taken).toHaveLength(1)
        expect(at120.taken).toHaveLength(1)
        expect(Math.abs(at60.taken[0]!.atT - at120.taken[0]!.atT)).toBeLessThanOrEqual(2 / 60)
        expect(Math.abs(at60.taken[0]!.frameT - at120.taken[0]!.frameT)).toBeLessThanOrEqual(2 / 60)
        expect(maxDiff(basePoints(at60.b), basePoints(at120.b))).toBeLessThan(0.001)
        expectMeanOfItsSecond(at60)
        expectMeanOfItsSecond(at120)
      }
    })

    it('72, 90 and 144 Hz agree with 60 Hz too', () => {
      const ref = rig()
      run(ref, 60, 0, 5, settle)
      for (const hz of [72, 90, 144]) {
        const r = rig()
        run(r, hz, 0, 5, settle)
        expect(r.taken, `${hz} Hz`).toHaveLength(1)
        expect(Math.abs(r.taken[0]!.atT - ref.taken[0]!.atT)).toBeLessThanOrEqual(2 / 60)
        expect(maxDiff(basePoints(r.b), basePoints(ref.b))).toBeLessThan(0.001)
      }
    })
  })

  describe('rest stretches: a later still second well below replaces it', () => {
    /** Still at HOME until 3 s, then 6 cm lower (moving over 0.5 s), still there. */
    const lower = plus(
      still(),
      allAlong(1, (t) => -0.06 * Math.min(1, Math.max(0, (t - 3) / 0.5))),
    )
    const LOW = HOME.map((x, i) => (i % 3 === 1 ? x - 0.06 : x))

    it(`a still second at progress ≤ ${REBASELINE_PROGRESS} replaces it with its mean (the call returns −1)`, () => {
      for (const progress of [-0.3, REBASELINE_PROGRESS, -0.8]) {
        const r = rig()
        run(r, 90, 0, 3, lower)
        expect(r.b.ready).toBe(true)
        expect(maxDiff(basePoints(r.b), HOME)).toBeLessThan(0.001)
        const after = run(r, 90, 3 + 1 / 90, 7, lower, (t) => ({
          progress: t < 3.5 ? 0 : progress,
        }))
        expect(maxDiff(basePoints(r.b), LOW), `progress ${progress}`).toBeLessThan(0.001)
        expect(after.every((n) => n === -1)).toBe(true)
        expect(r.taken).toHaveLength(1)
      }
    })

    it('a still second at progress 0 or −0.1 does not replace it', () => {
      for (const progress of [0, -0.1, -0.2]) {
        const r = rig()
        run(r, 90, 0, 7, lower, (t) => ({ progress: t < 3.5 ? 0 : progress }))
        expect(maxDiff(basePoints(r.b), HOME), `progress ${progress}`).toBeLessThan(0.001)
      }
    })

    it('notBefore: the replacing window starts after the previous take', () => {
      // Still, with the eye drifting 0.5 cm/s along x (within the stillness), progress −0.5
      // all along: every window is below, so each take is replaced by the next still second
      // that does not overlap it. The mean of a window of a steady drift is its middle.
      const speed = 0.005
      const r = rig()
      const takes: { mid: number; atT: number }[] = []
      let last = Number.NaN
      for (let k = 0; k / 90 <= 4.5; k++) {
        const t = k / 90
        step(
          r,
          t,
          plus(
            still(),
            along(0, 0, (s) => speed * s),
          ),
          { progress: -0.5 },
        )
        if (r.b.ready && r.b.eye[0] !== last) {
          last = r.b.eye[0]!
          takes.push({ mid: (last - HOME[0]!) / speed, atT: t })
        }
      }
      expect(takes.length).toBeGreaterThanOrEqual(3)
      expect(takes[0]!.mid).toBeCloseTo(0.5, 1)
      for (let i = 1; i < takes.length; i++) {
        const prevEnd = takes[i - 1]!.mid + BASELINE_SECONDS / 2
        const start = takes[i]!.mid - BASELINE_SECONDS / 2
        // starts after the previous window ended, and not later than a frame or two after
        expect(start, `take ${i}`).toBeGreaterThan(prevEnd)
        expect(start - prevEnd).toBeLessThanOrEqual(2.5 / 90)
      }
    })
  })

  describe('restart and reset', () => {
    it('restartBaseline forgets it: the next still second takes a new one', () => {
      const r = rig()
      run(r, 90, 0, 3, still())
      expect(r.b.ready).toBe(true)
      restartBaseline(r.w, r.b)
      clearHistory(r.h)
      expect(r.b.ready).toBe(false)
      expect(r.b.belly).toBe(-1)
      const elsewhere = HOME.map((x, i) => x + (i % 3 === 2 ? -0.2 : 0.05))
      const got = run(r, 90, 3 + 1 / 90, 6, still(elsewhere))
      expect(got.filter((n) => n >= 0)).toHaveLength(1)
      expect(r.taken).toHaveLength(2)
      // a full second after the restart, plus the look-behind
      expect(r.taken[1]!.atT).toBeCloseTo(3 + BASELINE_SECONDS + STILL_LAG_S, 1)
      expect(maxDiff(basePoints(r.b), elsewhere)).toBeLessThan(0.001)
    })

    /** A right-handed turn about +Y by `deg`: x' = x cos + z sin, z' = −x sin + z cos. */
    function turn(p: Points, deg: number, shift: [number, number, number]): Points {
      const c = Math.cos((deg * Math.PI) / 180)
      const s = Math.sin((deg * Math.PI) / 180)
      const out: number[] = []
      for (let i = 0; i < p.length; i += 3) {
        out.push(
          p[i]! * c + p[i + 2]! * s + shift[0],
          p[i + 1]! + shift[1],
          -p[i]! * s + p[i + 2]! * c + shift[2],
        )
      }
      return out
    }

    it('a reset with a baseline carries it across: the space turned 90° about +Y and moved, heights kept', () => {
      const r = rig()
      run(r, 90, 0, 3, still())
      const before = basePoints(r.b)
      const hipBefore = Array.from(r.b.hip)
      expect(resetBaselineSpace(r.w, r.b)).toBe(true)
      clearHistory(r.h)
      expect(r.b.ready).toBe(true)
      // the next head pose, in the new space: the same body, turned and moved
      const shift: [number, number, number] = [1.3, 0, -0.7]
      const moved = turn(HOME, 90, shift)
      setView(r.v, moved)
      const [fx, , fz] = turn([0, 0, -1], 90, [0, 0, 0])
      const [rx, , rz] = turn([1, 0, 0], 90, [0, 0, 0])
      r.v.fwd.set([fx!, 0, fz!])
      r.v.right.set([rx!, 0, rz!])
      rememberHead(r.w, r.b, r.v)
      expect(maxDiff(basePoints(r.b), turn(before, 90, shift))).toBeLessThan(1e-9)
      // heights kept
      expect(r.b.eye[1]).toBeCloseTo(before[1]!, 12)
      expect(r.b.palm[1]).toBeCloseTo(before[4]!, 12)
      expect(r.b.palm[4]).toBeCloseTo(before[7]!, 12)
      expect(r.b.fwd[0]).toBeCloseTo(fx!, 9)
      expect(r.b.fwd[2]).toBeCloseTo(fz!, 9)
      expect(r.b.right[0]).toBeCloseTo(rx!, 9)
      expect(r.b.right[2]).toBeCloseTo(rz!, 9)
      expect(maxDiff(Array.from(r.b.hip), turn(hipBefore, 90, shift))).toBeLessThan(1e-9)
      // the hands' orientation turned with the space: q' = q_yaw · q (identity → the yaw itself)
      const h = Math.SQRT1_2
      for (let k = 0; k < 4; k++) {
        expect(r.b.handQ[k]).toBeCloseTo([0, h, 0, h][k]!, 9)
        expect(r.b.handQ[4 + k]).toBeCloseTo([0, h, 0, h][k]!, 9)
      }
      // mapped once: later head poses do not move it again
      const mapped = basePoints(r.b)
      run(r, 90, 3.1, 3.5, still(moved), () => ({ stillOk: false }))
      expect(basePoints(r.b)).toEqual(mapped)
    })

    it('any turn: −30° about +Y and a shift carry the baseline the same way as the body', () => {
      const r = rig()
      run(r, 90, 0, 3, still())
      const before = basePoints(r.b)
      expect(resetBaselineSpace(r.w, r.b)).toBe(true)
      clearHistory(r.h)
      const shift: [number, number, number] = [-0.4, 0, 2]
      setView(r.v, turn(HOME, -30, shift))
      const [fx, , fz] = turn([0, 0, -1], -30, [0, 0, 0])
      r.v.fwd.set([fx!, 0, fz!])
      rememberHead(r.w, r.b, r.v)
      expect(maxDiff(basePoints(r.b), turn(before, -30, shift))).toBeLessThan(1e-9)
      // the user 5 cm ahead of the baseline is 5 cm ahead of it after the reset too
      const ahead = turn(turn(HOME, 0, [0, 0, -0.05]), -30, shift)
      const d = [0, 1, 2].map((k) => ahead[k]! - r.b.eye[k]!)
      expect(d[0]! * r.b.fwd[0]! + d[2]! * r.b.fwd[2]!).toBeCloseTo(0.05, 9)
    })

    it('a reset without a baseline forgets the search: a new one is taken afresh', () => {
      const r = rig()
      run(r, 90, 0, 0.8, still())
      expect(resetBaselineSpace(r.w, r.b)).toBe(false)
      clearHistory(r.h)
      expect(r.b.ready).toBe(false)
      const moved = turn(HOME, 90, [1, 0, 1])
      run(r, 90, 0.8 + 1 / 90, 1.8, still(moved))
      // the 0.8 s before the reset do not count toward the second
      expect(r.b.ready).toBe(false)
      run(r, 90, 1.8 + 1 / 90, 3, still(moved))
      expect(r.b.ready).toBe(true)
      expect(maxDiff(basePoints(r.b), moved)).toBeLessThan(0.001)
    })
  })

  describe('a flood of frames', () => {
    it('1000 Hz for 3 s never throws; 90 Hz afterwards still takes a baseline of the still second', () => {
      const r = rig()
      const shaky = plus(still(), tremor(0.003, 4))
      expect(() => run(r, 1000, 0, 3, shaky)).not.toThrow()
      const t0 = 3 + 1 / 90
      const got = run(r, 90, t0, 6, shaky)
      expect(got.filter((n) => n >= 0)).toHaveLength(1)
      expect(r.b.ready).toBe(true)
      // the ring still holds flood frames for a while (their window may be cut once more and
      // start again): within two windows of the flood ending
      expect(r.taken[r.taken.length - 1]!.atT).toBeLessThanOrEqual(
        t0 + 2 * (BASELINE_SECONDS + STILL_LAG_S) + 2 / 90,
      )
      expect(maxDiff(basePoints(r.b), HOME)).toBeLessThan(0.001)
    })

    it('a flood in the middle of a rest stretch: nothing throws, the baseline stays', () => {
      const r = rig()
      run(r, 90, 0, 2, still())
      expect(() => run(r, 2000, 2.001, 3, still(), () => ({ progress: -0.5 }))).not.toThrow()
      expect(r.b.ready).toBe(true)
      expect(maxDiff(basePoints(r.b), HOME)).toBeLessThan(0.001)
    })
  })
})

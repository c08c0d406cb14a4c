// repCounter (docs/product.md "Scoring"): a repetition counts when the measure
// reaches ≥ 60 % of its target and falls back below 20 %, taking 2–15 s,
// once, at about the moment it settles below 20 %, with its peak as its
// amplitude; pelvic tilt and bridge also need ≥ 0.8 s in all above 80 %;
// cat-cow needs a cat and a cow in either order, and neutral between them
// does not end it. Half movements, tremor, wobble and brief dips never add or
// split a repetition, whatever the frame rate (the filter works on time); a
// moment out of the gate or form keeps the repetition in flight up to
// REP_LAPSE_S. Driven as engine.ts does: t, counted seconds and progress into
// c.num, then stepReps (in the pose) or lapseReps (out of the gate or form).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createRepCounter,
  dropRep,
  lapseReps,
  R_AMPLITUDE,
  R_DT,
  R_FILTERED,
  R_INPUT,
  R_T,
  REP_END,
  REP_FILTER_S,
  REP_LAPSE_S,
  REP_MAX_S,
  REP_MIN_S,
  REP_REACH,
  REP_SETTLE_S,
  REP_TOP,
  REP_TOP_S,
  stepReps,
  type RepCounter,
} from '../../../src/core/engine/repCounter.ts'

const TAU = 2 * Math.PI

/** The measure (progress, signed for cat-cow) at time t. */
type Signal = (t: number) => number

/** A tiny seeded LCG (Numerical Recipes constants, the seed scrambled so nearby seeds differ), in [0, 1). */
function lcg(seed: number): () => number {
  let s = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b9) >>> 0
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
  for (let k = 0; k < 4; k++) next()
  return next
}

const smooth = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x))

/** A measure through keyframes [t, value], eased (smoothstep) between them, flat outside them. */
function keys(...k: (readonly [number, number])[]): Signal {
  return (t) => {
    if (t <= k[0]![0]) return k[0]![1]
    for (let i = 1; i < k.length; i++) {
      const [t0, v0] = k[i - 1]!
      const [t1, v1] = k[i]!
      if (t <= t1) return t1 > t0 ? v0 + (v1 - v0) * smooth((t - t0) / (t1 - t0)) : v1
    }
    return k[k.length - 1]![1]
  }
}

/** One repetition from rest at t0: `up` s to `peak`, `top` s there, `down` s back to 0. */
function rep(t0: number, up: number, top: number, down: number, peak = 1): Signal {
  return keys([t0, 0], [t0 + up, peak], [t0 + up + top, peak], [t0 + up + top + down, 0])
}

/** The clean repetition of the brief: smoothstep up 1.5 s, 1.2 s at the top, down 1.5 s, from t = 1. */
const CLEAN = rep(1, 1.5, 1.2, 1.5, 0.9)

/** The first t (1 ms steps) in [from, to] at which s passes `level` going up (`up`) or down. */
function crossing(s: Signal, level: number, up: boolean, from = 0, to = 60): number {
  for (let t = from; t <= to; t += 0.001) if (up ? s(t) >= level : s(t) < level) return t
  return Number.NaN
}

/** Seconds (1 ms steps) in [from, to] during which `inside` holds for s(t). */
function timeWhere(s: Signal, inside: (x: number) => boolean, from = 0, to = 60): number {
  let n = 0
  for (let t = from; t < to; t += 0.001) if (inside(s(t))) n++
  return n / 1000
}

interface Feed {
  hz: number
  /** last frame at or before this t */
  until: number
  /** uniform timestamp jitter, ± seconds */
  jitter?: number
  seed?: number
  needTop?: boolean
  catCow?: boolean
  /** frames out of the gate or form: lapseReps instead of stepReps */
  out?: (t: number) => boolean
  /** called before each frame (e.g. to dropRep at a given t) */
  before?: (c: RepCounter, t: number) => void
}

interface Counted {
  t: number
  amplitude: number
}

/** Feeds s at o.hz from t = 0 as engine.ts does (progress capped, not signed unless cat-cow); the repetitions counted. */
function feed(s: Signal, o: Feed, c: RepCounter = createRepCounter()): Counted[] {
  const rand = lcg(o.seed ?? 7)
  const out: Counted[] = []
  let prev = Number.NaN
  for (let n = 0; n / o.hz <= o.until; n++) {
    const t = n / o.hz + (o.jitter ? (2 * rand() - 1) * o.jitter : 0)
    o.before?.(c, t)
    c.num[R_T] = t
    c.num[R_DT] = Number.isNaN(prev) ? 0 : t - prev
    prev = t
    if (o.out?.(t)) {
      lapseReps(c)
      continue
    }
    const p = Math.min(1.2, Math.max(-1.2, s(t)))
    c.num[R_INPUT] = o.catCow ? p : Math.max(0, p)
    if (stepReps(c, o.needTop ?? false, o.catCow ?? false)) {
      out.push({ t, amplitude: c.num[R_AMPLITUDE]! })
    }
  }
  return out
}

const RATES = [60, 72, 90, 120] as const

describe('repCounter', () => {
  it('pins the rule of docs/product.md: reach 60 %, end below 20 %, 2–15 s, 0.8 s above 80 %', () => {
    expect([REP_REACH, REP_END, REP_TOP, REP_MIN_S, REP_MAX_S, REP_TOP_S]).toEqual([
      0.6, 0.2, 0.8, 2, 15, 0.8,
    ])
  })

  describe('a clean repetition', () => {
    const fall = crossing(CLEAN, REP_END, false, 3)

    it('counts once, when it has settled below 20 %, with its peak as amplitude', () => {
      const got = feed(CLEAN, { hz: 90, until: 10 })
      expect(got).toHaveLength(1)
      // the filter lags the measure by at most its time constant, the settling adds REP_SETTLE_S
      expect(got[0]!.t).toBeGreaterThanOrEqual(fall + REP_SETTLE_S)
      expect(got[0]!.t).toBeLessThanOrEqual(fall + REP_SETTLE_S + REP_FILTER_S + 3 / 90)
      expect(got[0]!.amplitude).toBeCloseTo(0.9, 2)
    })

    it('nothing counts before the measure has been below 20 % for REP_SETTLE_S', () => {
      const got = feed(CLEAN, { hz: 90, until: fall + REP_SETTLE_S - 0.02 })
      expect(got).toHaveLength(0)
    })

    it.each(RATES)(
      'the same at %i Hz, with ±2 ms timestamp jitter: one count, within two frames',
      (hz) => {
        const reference = feed(CLEAN, { hz: 1000, until: 10 })
        expect(reference).toHaveLength(1)
        for (const seed of [1, 2, 3]) {
          for (const jitter of [0, 0.002]) {
            const got = feed(CLEAN, { hz, until: 10, jitter, seed })
            expect(got, `seed ${seed}, jitter ${jitter}`).toHaveLength(1)
            expect(Math.abs(got[0]!.t - reference[0]!.t)).toBeLessThanOrEqual(2 / hz + jitter)
            expect(got[0]!.amplitude).toBeCloseTo(0.9, 2)
          }
        }
      },
    )

    it('the amplitude is capped at the target', () => {
      const got = feed(rep(1, 1.5, 1.2, 1.5, 1.2), { hz: 90, until: 10 })
      expect(got).toHaveLength(1)
      expect(got[0]!.amplitude).toBe(1)
    })

    it('back-to-back repetitions each count once', () => {
      const s: Signal = (t) => CLEAN(t) + CLEAN(t - 5) + CLEAN(t - 10)
      const got = feed(s, { hz: 72, until: 20 })
      expect(got.map((g) => g.t - got[0]!.t)).toEqual([
        0,
        expect.closeTo(5, 1),
        expect.closeTo(10, 1),
      ])
    })
  })

  describe('what never counts', () => {
    it('a movement that stays below 60 % (57 %, a long one)', () => {
      expect(feed(rep(1, 1.5, 2, 1.5, 0.57), { hz: 90, until: 10 })).toHaveLength(0)
      // the same shape reaching 65 % counts: the threshold, not the shape, decides
      expect(feed(rep(1, 1.5, 2, 1.5, 0.65), { hz: 90, until: 10 })).toHaveLength(1)
    })

    it(`shorter than ${REP_MIN_S} s from leaving 20 % to falling back below it`, () => {
      const short = rep(1, 0.8, 0.5, 0.8)
      const span = crossing(short, REP_END, false, 1.5) - crossing(short, REP_END, true)
      expect(span).toBeCloseTo(1.64, 1)
      expect(feed(short, { hz: 90, until: 8 })).toHaveLength(0)
      const justLonger = rep(1, 1, 1, 1)
      expect(
        crossing(justLonger, REP_END, false, 2) - crossing(justLonger, REP_END, true),
      ).toBeCloseTo(2.43, 1)
      expect(feed(justLonger, { hz: 90, until: 8 })).toHaveLength(1)
    })

    it('the length runs from leaving 20 % to the crossing back below it, not to the count: 1.85 s no, 2.15 s yes', () => {
      const span = (s: Signal) => crossing(s, REP_END, false, 2) - crossing(s, REP_END, true)
      const under = rep(1, 0.9, 0.57, 0.9)
      const over = rep(1, 0.9, 0.87, 0.9)
      expect(span(under)).toBeCloseTo(1.85, 1)
      expect(span(over)).toBeCloseTo(2.15, 1)
      for (const hz of RATES) {
        expect(feed(under, { hz, until: 8 }), `${hz} Hz`).toHaveLength(0)
        expect(feed(over, { hz, until: 8 }), `${hz} Hz`).toHaveLength(1)
      }
    })

    it(`longer than ${REP_MAX_S} s does not count, 14.3 s does; the next repetition counts again`, () => {
      const long = rep(1, 1.5, 13.5, 1.5)
      expect(crossing(long, REP_END, false, 10) - crossing(long, REP_END, true)).toBeCloseTo(
        15.64,
        1,
      )
      expect(feed(long, { hz: 90, until: 25 })).toHaveLength(0)
      const thenOne: Signal = (t) => long(t) + CLEAN(t - 19)
      expect(feed(thenOne, { hz: 90, until: 30 }).map((g) => g.t)).toEqual([
        expect.closeTo(24.1, 0),
      ])
      const fine = rep(1, 1.5, 12.2, 1.5)
      expect(crossing(fine, REP_END, false, 10) - crossing(fine, REP_END, true)).toBeCloseTo(
        14.34,
        1,
      )
      expect(feed(fine, { hz: 90, until: 25 })).toHaveLength(1)
    })

    // The 15 s limit is on the repetition's length (to its crossing below 20 %), not on the
    // REP_SETTLE_S waited after it.
    it('a repetition taking 14.9 s counts: the limit is on its length, not on the settling after it', () => {
      const s = rep(1, 1.5, 12.75, 1.5)
      expect(crossing(s, REP_END, false, 10) - crossing(s, REP_END, true)).toBeCloseTo(14.89, 1)
      expect(feed(s, { hz: 90, until: 25 })).toHaveLength(1)
    })
  })

  describe('pelvic tilt and bridge: the pause at the top', () => {
    // peak 0.84: only the plateau and the very top of the ramps are above 80 %
    const brief = rep(1, 1.5, 0.2, 1.5, 0.84)
    const paused = rep(1, 1.5, 0.7, 1.5, 0.84)

    it(`less than ${REP_TOP_S} s in all above 80 % does not count; the same movement counts without the rule`, () => {
      expect(timeWhere(brief, (x) => x > REP_TOP)).toBeLessThan(0.65)
      expect(feed(brief, { hz: 90, until: 8, needTop: true })).toHaveLength(0)
      expect(feed(brief, { hz: 90, until: 8, needTop: false })).toHaveLength(1)
    })

    it('a second or more above 80 % counts, at 60 and 120 Hz', () => {
      expect(timeWhere(paused, (x) => x > REP_TOP)).toBeGreaterThanOrEqual(1)
      for (const hz of [60, 120]) {
        const got = feed(paused, { hz, until: 8, needTop: true, jitter: 0.002 })
        expect(got, `${hz} Hz`).toHaveLength(1)
        expect(got[0]!.amplitude).toBeCloseTo(0.84, 2)
      }
    })

    it('the time above 80 % adds up over the repetition (two short pauses with a sag between)', () => {
      const twoPauses = keys(
        [1, 0],
        [2.5, 0.84],
        [2.8, 0.84],
        [3.1, 0.7],
        [3.4, 0.84],
        [3.7, 0.84],
        [5.2, 0],
      )
      // each pause alone is short of 0.8 s, both together are over it
      expect(timeWhere(twoPauses, (x) => x > REP_TOP, 0, 3.1)).toBeLessThan(0.65)
      expect(timeWhere(twoPauses, (x) => x > REP_TOP, 3.1, 9)).toBeLessThan(0.65)
      expect(timeWhere(twoPauses, (x) => x > REP_TOP)).toBeGreaterThan(1)
      expect(feed(twoPauses, { hz: 90, until: 9, needTop: true })).toHaveLength(1)
    })
  })

  describe('noise cannot cross a threshold twice', () => {
    /** A seeded tremor (8–12 Hz) and wobble (1–3.5 Hz), each 3–5 % of the range. */
    function noise(seed: number): Signal {
      const r = lcg(seed)
      const ft = 8 + 4 * r()
      const fw = 1 + 2.5 * r()
      const pt = TAU * r()
      const pw = TAU * r()
      const at = 0.03 + 0.02 * r()
      const aw = 0.03 + 0.02 * r()
      return (t) => at * Math.sin(TAU * ft * t + pt) + aw * Math.sin(TAU * fw * t + pw)
    }
    /** Down through 20 % (noise all along). */
    const through = rep(1, 1.5, 1.2, 1.5)
    /** The descent lingers a second at the 20 % level, the wobble taking it across again and again. */
    const lingering = keys([1, 0], [2.5, 1], [3.7, 1], [4.7, 0.2], [5.7, 0.2], [6.2, 0])
    const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1)

    it('a repetition with tremor and wobble through its descent counts once, at the moment the clean one would', () => {
      const fall = crossing(through, REP_END, false, 3)
      for (const hz of RATES) {
        for (const seed of SEEDS) {
          const n = noise(seed)
          const s: Signal = (t) => through(t) + n(t)
          const got = feed(s, { hz, until: 10 })
          expect(got, `seed ${seed} at ${hz} Hz`).toHaveLength(1)
          // settled below 20 % as the clean one (see 'a clean repetition'); the wobble left in
          // the filtered measure moves its crossing by a few hundredths of a second
          expect(got[0]!.t).toBeGreaterThanOrEqual(fall + REP_SETTLE_S - 0.05)
          expect(got[0]!.t).toBeLessThanOrEqual(fall + REP_SETTLE_S + REP_FILTER_S + 3 / hz + 0.05)
        }
      }
    })

    it('lingering at 20 % with wobble (the raw measure crossing it several times) still counts once', () => {
      for (const seed of SEEDS) {
        const n = noise(seed)
        const s: Signal = (t) => lingering(t) + n(t)
        // the premise: the measure itself falls below 20 % more than once
        let falls = 0
        for (let t = 3, above = true; t < 8; t += 0.001) {
          const nowAbove = s(t) >= REP_END
          if (above && !nowAbove) falls++
          above = nowAbove
        }
        expect(falls, `seed ${seed}`).toBeGreaterThan(1)
        for (const hz of RATES)
          expect(feed(s, { hz, until: 10 }), `seed ${seed} at ${hz} Hz`).toHaveLength(1)
      }
    })

    it('the filter works on time: the same noisy repetitions at 60 and 120 Hz count the same, at the same moments', () => {
      for (const seed of SEEDS) {
        const n = noise(seed)
        const s: Signal = (t) => through(t) + lingering(t - 6) + CLEAN(t - 13) + n(t)
        const at60 = feed(s, { hz: 60, until: 20, jitter: 0.002, seed })
        const at120 = feed(s, { hz: 120, until: 20, jitter: 0.002, seed })
        expect(at60, `seed ${seed}`).toHaveLength(3)
        expect(at120, `seed ${seed}`).toHaveLength(3)
        for (let k = 0; k < 3; k++)
          expect(Math.abs(at60[k]!.t - at120[k]!.t)).toBeLessThanOrEqual(0.05)
      }
    })

    it(`the low-pass has the time constant REP_FILTER_S (${REP_FILTER_S} s) at any frame rate`, () => {
      // a step from 0 to 1 at t = 1: one time constant later the filtered measure is at
      // 1 − 1/e, within what it moves in one frame (a filter per frame would miss it at some rate)
      for (const hz of [30, 60, 72, 90, 120, 500]) {
        const c = createRepCounter()
        let last = 0
        for (let n = 0; n / hz <= 1 + REP_FILTER_S + 1e-9; n++) {
          last = n / hz
          c.num[R_T] = last
          c.num[R_DT] = n === 0 ? 0 : 1 / hz
          c.num[R_INPUT] = last >= 1 ? 1 : 0
          stepReps(c, false, false)
        }
        expect(last).toBeGreaterThan(1 + REP_FILTER_S - 1 / hz)
        const want = 1 - Math.exp(-(last - 1) / REP_FILTER_S)
        const oneFrame = Math.exp(-(last - 1) / REP_FILTER_S) / REP_FILTER_S / hz
        expect(Math.abs(c.num[R_FILTERED]! - want), `${hz} Hz`).toBeLessThanOrEqual(oneFrame)
      }
    })

    it(`a dip below 20 % shorter than REP_SETTLE_S mid-repetition does not split it; a longer one does`, () => {
      /** Up, top, a quick dip to 5 % held `hold` s, up again, top, down: two halves of over 2 s each. */
      const dipped = (hold: number) =>
        keys(
          [1, 0],
          [2.5, 1],
          [3.3, 1],
          [3.7, 0.05],
          [3.7 + hold, 0.05],
          [4.1 + hold, 1],
          [4.9 + hold, 1],
          [6.4 + hold, 0],
        )
      /** How long the filtered measure stays below 20 % in the dip. */
      const belowInDip = (s: Signal, hz: number) => {
        const c = createRepCounter()
        let below = 0
        const count = (k: RepCounter, t: number) => {
          if (t > 3 && k.num[R_FILTERED]! < REP_END) below += 1 / hz
        }
        feed(s, { hz, until: 5, before: count }, c)
        return below
      }
      for (const hz of RATES) {
        const brief = dipped(0)
        expect(belowInDip(brief, hz)).toBeLessThan(REP_SETTLE_S)
        const one = feed(brief, { hz, until: 10 })
        expect(one, `${hz} Hz`).toHaveLength(1)
        const long = dipped(0.3)
        expect(belowInDip(long, hz)).toBeGreaterThan(REP_SETTLE_S + 0.1)
        expect(feed(long, { hz, until: 10 }), `${hz} Hz`).toHaveLength(2)
      }
    })
  })

  describe('cat-cow', () => {
    const cat = (t0: number, peak = 1) =>
      keys([t0, 0], [t0 + 1, -peak], [t0 + 1.5, -peak], [t0 + 2.5, 0])
    const cow = (t0: number, peak = 1) =>
      keys([t0, 0], [t0 + 1, peak], [t0 + 1.5, peak], [t0 + 2.5, 0])
    const sum =
      (...s: Signal[]): Signal =>
      (t) =>
        s.reduce((a, f) => a + f(t), 0)
    const opts = { hz: 90, until: 30, catCow: true } as const

    it('a cat then a cow counts one, after the cow, amplitude the mean of the two peaks', () => {
      const got = feed(sum(cat(1, 0.8), cow(3.5)), opts)
      expect(got).toHaveLength(1)
      expect(got[0]!.t).toBeGreaterThan(6)
      expect(got[0]!.amplitude).toBeCloseTo(0.9, 2)
    })

    it('a cow then a cat counts one', () => {
      const got = feed(sum(cow(1), cat(3.5)), opts)
      expect(got).toHaveLength(1)
      expect(got[0]!.t).toBeGreaterThan(6)
    })

    it('a cat, a second at neutral, then a cow counts one: neutral between the phases does not end it', () => {
      const s = sum(cat(1), cow(4.5))
      expect(timeWhere(s, (x) => Math.abs(x) < REP_END, 3, 5.5)).toBeGreaterThan(1)
      const got = feed(s, opts)
      expect(got).toHaveLength(1)
      expect(got[0]!.t).toBeGreaterThan(7)
      // at 60 and 120 Hz with jitter too
      for (const hz of [60, 120]) expect(feed(s, { ...opts, hz, jitter: 0.002 })).toHaveLength(1)
    })

    it('a cat alone never counts, nor two cats, nor a cow alone', () => {
      expect(feed(cat(1), opts)).toHaveLength(0)
      expect(feed(sum(cat(1), cat(4.5)), opts)).toHaveLength(0)
      expect(feed(cow(1), opts)).toHaveLength(0)
    })

    it('a half cat (50 %) then a full cow is only a cow: nothing counts', () => {
      expect(feed(sum(cat(1, 0.5), cow(3.5)), opts)).toHaveLength(0)
    })

    it('cat → cow → cat → cow without settling at neutral counts 2, the first as the second cat starts', () => {
      const s = keys(
        [1, 0],
        [2, -1],
        [2.5, -1],
        [3.5, 1],
        [4, 1],
        [5, -1],
        [5.5, -1],
        [6.5, 1],
        [7, 1],
        [8, 0],
      )
      // each pass through neutral takes less than the settling time
      for (const [from, to] of [
        [2.5, 4],
        [4, 5.5],
        [5.5, 7],
      ] as const) {
        expect(timeWhere(s, (x) => Math.abs(x) < REP_END, from, to)).toBeLessThan(REP_SETTLE_S)
      }
      for (const hz of RATES) {
        const got = feed(s, { ...opts, hz })
        expect(got, `${hz} Hz`).toHaveLength(2)
        expect(got[0]!.t).toBeGreaterThan(4)
        expect(got[0]!.t).toBeLessThan(5.5)
      }
    })

    it('cat and cow more than 15 s apart do not count', () => {
      expect(feed(sum(cat(1), cow(15)), opts)).toHaveLength(0)
    })
  })

  describe('out of the gate or form', () => {
    const s = rep(1, 1.5, 1.2, 1.5)
    const clean = feed(s, { hz: 90, until: 10 })

    it(`a lapse shorter than REP_LAPSE_S (${REP_LAPSE_S} s) keeps the repetition: it counts, at the same moment`, () => {
      expect(clean).toHaveLength(1)
      for (const [from, to] of [
        [1.9, 2.2],
        [2.6, 3.0],
        [3.4, 3.8],
      ] as const) {
        const got = feed(s, { hz: 90, until: 10, out: (t) => t >= from && t < to })
        expect(got, `lapse ${from}–${to}`).toHaveLength(1)
        expect(got[0]!.t).toBeCloseTo(clean[0]!.t, 1)
      }
    })

    it('a lapse longer than REP_LAPSE_S drops the repetition in flight (no count)', () => {
      // 0.6 s out of the form at the top; what is left of the movement afterwards is under 2 s
      const got = feed(s, { hz: 90, until: 10, out: (t) => t >= 2.9 && t < 3.5 })
      expect(got).toHaveLength(0)
      // and the next repetition counts again
      const twice: Signal = (t) => s(t) + s(t - 6)
      expect(feed(twice, { hz: 90, until: 15, out: (t) => t >= 2.9 && t < 3.5 })).toHaveLength(1)
    })

    it('dropRep drops the repetition in flight (no count), and the next one counts', () => {
      const twice: Signal = (t) => s(t) + s(t - 6)
      let dropped = false
      const got = feed(twice, {
        hz: 90,
        until: 15,
        before: (c, t) => {
          if (!dropped && t >= 3.5) {
            dropRep(c)
            dropped = true
          }
        },
      })
      expect(got).toHaveLength(1)
      expect(got[0]!.t).toBeGreaterThan(10)
    })

    // A repetition dropped (a long lapse, or dropRep: a reset, a new stretch) leaves the user
    // at the top; the next repetition may start only once the measure is below 20 %, so
    // the top plus the descent is not counted as a whole repetition.
    it('a long lapse at the top drops the repetition: the top and the descent after it do not count', () => {
      const longTop = rep(1, 1.5, 3, 1.5) // top 2.5–5.5 s
      const got = feed(longTop, { hz: 90, until: 10, out: (t) => t >= 2.6 && t < 3.2 })
      expect(got).toHaveLength(0)
    })

    it('dropRep at the top (a reset mid-repetition): the top and the descent after it do not count', () => {
      const longTop = rep(1, 1.5, 3, 1.5)
      let dropped = false
      const got = feed(longTop, {
        hz: 90,
        until: 10,
        before: (c, t) => {
          if (!dropped && t >= 3) {
            dropRep(c)
            dropped = true
          }
        },
      })
      expect(got).toHaveLength(0)
    })
  })

  describe('ten repetitions with random timings within the rule', () => {
    /** One repetition's timing: up, top, down, rest at 0 after it (s), peak (fraction of target). */
    interface Timing {
      up: number
      top: number
      down: number
      rest: number
      peak: number
    }
    const timing = fc.record({
      up: fc.double({ min: 0.8, max: 2.5, noNaN: true }),
      top: fc.double({ min: 1.2, max: 3, noNaN: true }),
      down: fc.double({ min: 0.8, max: 2.5, noNaN: true }),
      rest: fc.double({ min: 0.3, max: 3, noNaN: true }),
      peak: fc.double({ min: 0.85, max: 1.2, noNaN: true }),
    })

    function sequence(ts: Timing[]): [Signal, number] {
      const k: [number, number][] = [[0.5, 0]]
      let t = 0.5
      for (const r of ts) {
        k.push(
          [(t += r.up), r.peak],
          [(t += r.top), r.peak],
          [(t += r.down), 0],
          [(t += r.rest), 0],
        )
      }
      return [keys(...k), t]
    }

    it('counts 10 at any rate, with jitter, with or without the pause rule (fast-check)', () => {
      fc.assert(
        fc.property(
          fc.array(timing, { minLength: 10, maxLength: 10 }),
          fc.constantFrom(...RATES),
          fc.integer({ min: 1, max: 1 << 30 }),
          fc.boolean(),
          (ts, hz, seed, needTop) => {
            const [s, end] = sequence(ts)
            const got = feed(s, { hz, until: end + 1, jitter: 0.002, seed, needTop })
            expect(got).toHaveLength(10)
            for (let k = 0; k < 10; k++)
              expect(got[k]!.amplitude).toBeCloseTo(Math.min(1, ts[k]!.peak), 2)
          },
        ),
        { seed: 20261123, numRuns: 60 },
      )
    })

    it('counts 10 cat-cows in random order and timing, with or without a pause at neutral (seeded LCG)', () => {
      for (let seed = 1; seed <= 25; seed++) {
        const r = lcg(seed)
        const u = (lo: number, hi: number) => lo + (hi - lo) * r()
        const k: [number, number][] = [[0.5, 0]]
        let t = 0.5
        for (let n = 0; n < 10; n++) {
          const first = r() < 0.5 ? -1 : 1
          const p1 = first * u(0.7, 1.2)
          const p2 = -first * u(0.7, 1.2)
          k.push([(t += u(1, 1.5)), p1], [(t += u(0.2, 1)), p1])
          if (r() < 0.5) k.push([(t += u(1, 1.5)), 0], [(t += u(0, 1.5)), 0])
          k.push([(t += u(1, 1.5)), p2], [(t += u(0.2, 1)), p2], [(t += u(1, 1.5)), 0])
          k.push([(t += u(0.5, 2)), 0])
        }
        const hz = RATES[seed % RATES.length]!
        const got = feed(keys(...k), { hz, until: t + 1, jitter: 0.002, seed, catCow: true })
        expect(got, `seed ${seed} at ${hz} Hz`).toHaveLength(10)
      }
    })
  })
})

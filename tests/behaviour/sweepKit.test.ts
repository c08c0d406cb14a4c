// The instruments of issue 9 checked before the engine is judged with them: the generator's
// new knobs (timing jitter, wobble, tremor band, exact repetition timing) do what they say and
// leave older configs as they were; every drawn repetition keeps its margins to docs/product.md's
// rule, and the literal rule counts every one on the noise-free frames; the sweep's direct
// path into the engine gives scoreTraceText's result to the bit.
import { describe, expect, it } from 'vitest'
import {
  planSynthTrace,
  synthRecords,
  synthTrace,
  type SynthConfig,
  type SynthRecord,
} from '../../scripts/synth/synthTrace.ts'
import {
  breathLift,
  FAIR_SEEDS,
  REP_MARGIN,
  REP_STRETCHES,
  REP_SWEEP_CASES,
  SWEEP_RANGES,
  drawRepCase,
  fairnessConfig,
  repCaseConfig,
  repSweep,
  repSweepParallel,
  repWindow,
  runConfig,
  runRepCase,
  smoothInverse,
} from '../../scripts/synth/sweep.ts'
import { scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import { STRETCH_IDS } from '../../src/core/stretches.ts'

type Frame = SynthRecord & { kind: 'frame' }

function frames(config: SynthConfig): Frame[] {
  const out: Frame[] = []
  synthRecords(config, (r) => {
    if (r.kind === 'frame') out.push(r)
  })
  return out
}

const still = (extra: Partial<SynthConfig>): SynthConfig => ({
  seed: 41,
  leadInSeconds: 0,
  jitterMm: 0,
  tremorMm: 0,
  steps: [{ idle: 'lying', seconds: 20 }],
  ...extra,
})

/** 3-D RMS (mm) of point i's position about its mean. */
function rmsMm(fs: Frame[], i: number): number {
  const m = [0, 0, 0]
  for (const f of fs) for (let k = 0; k < 3; k++) m[k]! += f.poses[i]![k]! / fs.length
  let s = 0
  for (const f of fs) for (let k = 0; k < 3; k++) s += (f.poses[i]![k]! - m[k]!) ** 2
  return Math.sqrt(s / fs.length) * 1000
}

/** Mean crossings of the mean per second along x, over the three points. */
function crossingsPerSecond(fs: Frame[]): number {
  let total = 0
  for (let i = 0; i < 3; i++) {
    const mean = fs.reduce((a, f) => a + f.poses[i]![0]!, 0) / fs.length
    let n = 0
    for (let j = 1; j < fs.length; j++) {
      if (fs[j - 1]!.poses[i]![0]! - mean < 0 !== fs[j]!.poses[i]![0]! - mean < 0) n++
    }
    total += n / (fs[fs.length - 1]!.t - fs[0]!.t)
  }
  return total / 3
}

describe('generator knobs of issue 9', () => {
  it('leave a config without them as it was: explicit defaults give the same trace', () => {
    for (const stretch of ['bridge', 'cat-cow', 'childs-pose'] as const) {
      const base: SynthConfig = {
        seed: 17,
        tremorMm: 3,
        holdTremorMm: 2,
        breathingMm: 5,
        unevenTiming: true,
        steps: [{ stretch, reps: 2, holdSeconds: 4 }],
      }
      const explicit: SynthConfig = {
        ...base,
        tremorHz: [2, 10],
        wobbleMm: 0,
        wobbleHz: [1, 3.5],
        timingJitterMs: 0,
      }
      expect(synthTrace(explicit).text).toBe(synthTrace(base).text)
    }
  })

  it('timingJitterMs: each frame within ±j ms of its grid time, strictly increasing', () => {
    for (const rate of [60, 120]) {
      const fs = frames(still({ rate, timingJitterMs: 2 }))
      let off = 0
      for (let i = 1; i < fs.length; i++) {
        expect(fs[i]!.t).toBeGreaterThan(fs[i - 1]!.t)
        const d = fs[i]!.t - i / rate
        expect(Math.abs(d)).toBeLessThanOrEqual(0.002 + 1e-6)
        off = Math.max(off, Math.abs(d))
      }
      expect(off, 'the offsets use the range').toBeGreaterThan(0.0015)
    }
  })

  it('wobbleMm: a 3-D RMS of that size in the wobbleHz band; tremorHz moves the tremor band', () => {
    const wob = frames(still({ wobbleMm: 5 }))
    for (let i = 0; i < 3; i++) expect(rmsMm(wob, i)).toBeGreaterThan(3.5)
    for (let i = 0; i < 3; i++) expect(rmsMm(wob, i)).toBeLessThan(6.5)
    // a sine of f Hz crosses its mean 2f times a second: 1–3.5 Hz
    const slow = crossingsPerSecond(wob)
    expect(slow).toBeGreaterThan(2)
    expect(slow).toBeLessThan(7)
    const fast = crossingsPerSecond(frames(still({ tremorMm: 5, tremorHz: [8, 12], rate: 120 })))
    expect(fast).toBeGreaterThan(14)
    expect(fast).toBeLessThan(26)
    const none = frames(still({}))
    expect(rmsMm(none, 0)).toBeLessThan(0.5)
  })

  it('repTimings: each repetition takes exactly its up, top, down and rest (cat-cow: twice)', () => {
    const reps = [
      { up: 1.1, top: 0.9, down: 1.3, rest: 0.4 },
      { up: 2, top: 2.5, down: 0.7, rest: 1.6, fraction: 0.93 },
    ]
    for (const stretch of ['pelvic-tilt', 'bridge', 'cat-cow'] as const) {
      const plan = planSynthTrace({
        steps: [{ stretch, reps: 3, repTimings: reps, settleSeconds: 1.3 }],
      })
      const m = plan.marks[0]!
      expect(m.moveStart - m.settleStart).toBeCloseTo(1.3, 9)
      const took = m.cycles.map(([a, b]) => b - a)
      const k = stretch === 'cat-cow' ? 2 : 1
      expect(took[0]).toBeCloseTo(k * (1.1 + 0.9 + 1.3) + 0.4, 9)
      expect(took[1]).toBeCloseTo(k * (2 + 2.5 + 0.7) + 1.6, 9)
      expect(took[2], 'the last entry repeats').toBeCloseTo(took[1]!, 9)
    }
  })
})

describe('the repetition sweep draw', () => {
  it('smoothInverse inverts the easing', () => {
    for (let y = 0; y <= 1; y += 0.05) {
      const u = smoothInverse(y)
      expect(u * u * (3 - 2 * u)).toBeCloseTo(y, 12)
    }
  })

  it.each(REP_STRETCHES)(
    '%s: every drawn case is in range, every repetition within the margins',
    (stretch) => {
      const R = SWEEP_RANGES
      for (let i = 0; i < REP_SWEEP_CASES + 60; i++) {
        const c = drawRepCase(stretch, i)
        expect(c.statureM).toBeGreaterThanOrEqual(R.statureM[0])
        expect(c.statureM).toBeLessThanOrEqual(R.statureM[1])
        expect(R.rates).toContain(c.rate)
        expect(c.settleSeconds).toBeGreaterThanOrEqual(R.settleSeconds[0])
        expect(c.settleSeconds).toBeLessThanOrEqual(R.settleSeconds[1])
        expect(c.reps.length).toBeGreaterThanOrEqual(R.reps[0])
        expect(c.reps.length).toBeLessThanOrEqual(R.reps[1])
        for (const rt of c.reps) {
          expect(rt.fraction).toBeGreaterThanOrEqual(R.fraction[stretch][0])
          expect(rt.fraction).toBeLessThanOrEqual(stretch === 'bridge' ? 1 + breathLift(c) : 1)
          expect(repWindow(stretch, rt, 0.2).seconds).toBeLessThanOrEqual(
            REP_MARGIN.maxSeconds + 1e-9,
          )
          expect(repWindow(stretch, rt, 0.3).seconds).toBeGreaterThanOrEqual(REP_MARGIN.minSeconds)
          if (stretch !== 'cat-cow') {
            expect(rt.top).toBeGreaterThanOrEqual(R.topSeconds[0])
            expect(rt.top).toBeLessThanOrEqual(R.topSeconds[1])
            expect(repWindow(stretch, rt).topSeconds).toBeGreaterThanOrEqual(REP_MARGIN.topSeconds)
          }
        }
      }
    },
  )

  it.each(REP_STRETCHES)(
    '%s: on the noise-free frames the literal rule counts every repetition',
    (stretch) => {
      for (let i = 0; i < 24; i++) {
        const c = drawRepCase(stretch, i * 13)
        const run = runRepCase(c, true)
        expect(run.rule.count, `case ${c.index}: ${run.rule.rejected.join('; ')}`).toBe(
          c.reps.length,
        )
        // the drawn margins hold on the frames (±2 ms timestamps, 0.1° orientation tremor left)
        expect(run.rule.minSeconds).toBeGreaterThanOrEqual(REP_MARGIN.minSeconds - 0.2)
        expect(run.rule.maxSeconds).toBeLessThanOrEqual(REP_MARGIN.maxSeconds + 0.2)
      }
    },
    120_000,
  )

  it('the direct path into the engine gives scoreTraceText’s result to the bit', () => {
    const configs: SynthConfig[] = [
      ...REP_STRETCHES.flatMap((s) => [
        repCaseConfig(drawRepCase(s, 1)),
        repCaseConfig(drawRepCase(s, 2)),
      ]),
      ...STRETCH_IDS.map((id) => fairnessConfig(id, 1.45, 0.55, FAIR_SEEDS[0])),
      ...STRETCH_IDS.slice(0, 4).map((id) => fairnessConfig(id, 2.05, 1, FAIR_SEEDS[1], 'shaky')),
    ]
    for (const config of configs) {
      const text = scoreTraceText(synthTrace(config).text)
      expect(text.ok).toBe(true)
      expect(runConfig(config).results).toStrictEqual(text.ok ? text.results : null)
    }
  }, 120_000)

  it('the sweep shared out among child processes gives the same cases as in one process', async () => {
    const one = repSweep('bridge', 5)
    const two = await repSweepParallel('bridge', 5, 2)
    expect(JSON.parse(JSON.stringify(two))).toStrictEqual(JSON.parse(JSON.stringify(one)))
  }, 120_000)
})

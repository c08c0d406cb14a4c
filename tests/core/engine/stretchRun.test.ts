// stretchRun (docs/pose-trace.md "The result", docs/product.md "Scoring"): targets
// (docs/product.md's defaults unless the user chose valid ones), the stretch's score
// as the mean over its sides (a side not performed counts 0) unless the trace
// names one side, completion over the sides in scope and never with pain, and
// the tracked fraction in [0, 1].
import { describe, expect, it } from 'vitest'
import {
  addRangeSample,
  createSideScore,
  type SideScore,
} from '../../../src/core/engine/sideScore.ts'
import {
  buildResult,
  createRun,
  ENGINE_VERSION,
  R_TRACKED,
  retarget,
  sideOfSlot,
  touchRun,
  type Run,
} from '../../../src/core/engine/stretchRun.ts'
import { STRETCH_IDS, type StretchId } from '../../../src/core/stretches.ts'

const code = (id: StretchId) => STRETCH_IDS.indexOf(id)

/** A side held `seconds` at full range with 1 mm RMS (stability 1). */
function heldSide(seconds: number): SideScore {
  const s = createSideScore()
  s.holdSeconds = seconds
  s.arg[0] = 1
  s.arg[1] = seconds
  addRangeSample(s)
  s.stabSumSq = 0.001 ** 2 * 100
  s.stabCount = 100
  return s
}

function run(id: StretchId, named: [boolean, boolean], completed: [boolean, boolean]): Run {
  const r = createRun(code(id), 0, null, null)
  r.named = named
  r.completed = completed
  r.endT = 60
  r.num[R_TRACKED] = 45
  return r
}

describe('stretchRun: targets', () => {
  it('defaults: 30 s holds, 10 pelvic tilts, 8 bridges, 8 cat-cows', () => {
    for (const id of STRETCH_IDS) {
      const r = createRun(code(id), 3, null, null)
      if (id === 'pelvic-tilt') expect([r.hold, r.targetReps]).toEqual([false, 10])
      else if (id === 'bridge' || id === 'cat-cow')
        expect([r.hold, r.targetReps]).toEqual([false, 8])
      else expect([r.hold, r.targetHold]).toEqual([true, 30])
      expect(r.startT).toBe(3)
      expect(r.endT).toBe(3)
    }
  })

  it('the user’s targets, when valid', () => {
    expect(createRun(code('childs-pose'), 0, 20, null).targetHold).toBe(20)
    expect(createRun(code('bridge'), 0, null, 5).targetReps).toBe(5)
    expect(createRun(code('bridge'), 0, null, 5.7).targetReps).toBe(5)
  })

  it('invalid targets fall back to the defaults', () => {
    for (const bad of [0, -5, NaN, Infinity, -Infinity]) {
      expect(createRun(code('supine-twist'), 0, bad, null).targetHold, String(bad)).toBe(30)
    }
    for (const bad of [0, 0.5, -2, NaN, Infinity]) {
      expect(createRun(code('pelvic-tilt'), 0, null, bad).targetReps, String(bad)).toBe(10)
    }
  })

  it('retarget changes valid targets and ignores invalid ones', () => {
    const r = createRun(code('cat-cow'), 0, null, null)
    retarget(r, null, 6)
    expect(r.targetReps).toBe(6)
    retarget(r, null, NaN)
    retarget(r, null, 0)
    expect(r.targetReps).toBe(6)
    const h = createRun(code('hip-flexor'), 0, null, null)
    retarget(h, 25, null)
    expect(h.targetHold).toBe(25)
    retarget(h, -1, null)
    retarget(h, Infinity, null)
    expect(h.targetHold).toBe(25)
  })

  it('touchRun only moves the end later, ignores non-finite times and a missing run', () => {
    const r = createRun(code('childs-pose'), 10, null, null)
    touchRun(r, 12)
    touchRun(r, 11)
    touchRun(r, NaN)
    touchRun(r, Infinity)
    expect(r.endT).toBe(12)
    expect(() => touchRun(null, 5)).not.toThrow()
  })

  it('sides: both for two-sided stretches, left then right for one-sided ones', () => {
    const two = createRun(code('cat-cow'), 0, null, null)
    expect([sideOfSlot(two, 0), sideOfSlot(two, 1)]).toEqual(['both', 'both'])
    const one = createRun(code('knee-to-chest'), 0, null, null)
    expect([sideOfSlot(one, 0), sideOfSlot(one, 1)]).toEqual(['left', 'right'])
  })
})

describe('stretchRun: the result', () => {
  it('two sides: the score is their mean; completed when both are', () => {
    // 30 s full: round(100 × 1 × 1) = 100; 15 s full: round(100 × 0.5 × 1) = 50
    const res = buildResult(
      run('knee-to-chest', [true, true], [true, false]),
      [heldSide(30), heldSide(15)],
      -1,
    )
    expect(res.sides.left!.score).toBe(100)
    expect(res.sides.right!.score).toBe(50)
    expect(res.score).toBe(75)
    expect(res.completed).toBe(false)
    const done = buildResult(
      run('knee-to-chest', [true, true], [true, true]),
      [heldSide(30), heldSide(30)],
      -1,
    )
    expect(done.score).toBe(100)
    expect(done.completed).toBe(true)
  })

  it('a side not performed counts 0 and the stretch is not completed', () => {
    const res = buildResult(
      run('supine-twist', [true, false], [true, false]),
      [heldSide(30), createSideScore()],
      -1,
    )
    expect(Object.keys(res.sides)).toEqual(['left'])
    expect(res.score).toBe(50)
    expect(res.completed).toBe(false)
    // 20 s of 30 at range 1, stability 1: 67; the mean with the missing side, 33.5, rounds to 34
    const r2 = buildResult(
      run('glute-stretch', [false, true], [false, true]),
      [createSideScore(), heldSide(20)],
      -1,
    )
    expect(r2.sides.right!.score).toBe(67)
    expect(r2.score).toBe(34)
  })

  it('a trace that names one side is scored on that side alone', () => {
    const res = buildResult(
      run('hamstring-stretch', [false, true], [false, true]),
      [createSideScore(), heldSide(20)],
      1,
    )
    expect(res.score).toBe(67)
    expect(res.completed).toBe(true)
    expect(Object.keys(res.sides)).toEqual(['right'])
  })

  it('a trace that names one side but holds only the other is not completed', () => {
    const res = buildResult(
      run('hamstring-stretch', [false, true], [false, true]),
      [createSideScore(), heldSide(30)],
      0,
    )
    expect(res.completed).toBe(false)
  })

  it('a named side that holds both sides is scored on both', () => {
    const res = buildResult(
      run('hamstring-stretch', [true, true], [true, true]),
      [heldSide(30), heldSide(15)],
      0,
    )
    expect(res.score).toBe(75)
  })

  it('a two-sided stretch is its one side, `both`', () => {
    const res = buildResult(
      run('childs-pose', [true, false], [true, false]),
      [heldSide(30), createSideScore()],
      -1,
    )
    expect(Object.keys(res.sides)).toEqual(['both'])
    expect(res.score).toBe(100)
    expect(res.completed).toBe(true)
    expect(res.sides.both!.reps).toBeNull()
    expect(res.sides.both!.holdSeconds).toBe(30)
  })

  it('repetition stretches report repetitions, no hold time', () => {
    const r = run('bridge', [true, false], [true, false])
    const s = createSideScore()
    s.holdSeconds = 99
    s.reps = 8
    for (let i = 0; i < 8; i++) s.peaks[i] = 0.9
    s.peakCount = 8
    const res = buildResult(r, [s, createSideScore()], -1)
    expect(res.sides.both!.reps).toBe(8)
    expect(res.sides.both!.holdSeconds).toBe(0)
    expect(res.sides.both!.range).toBeCloseTo(0.9, 12)
    // stability 0 (nothing measured): round(100 × 1 × 0.54)
    expect(res.score).toBe(54)
  })

  it('pain: the score of what was held is kept, never completed', () => {
    const r = run('knee-to-chest', [true, true], [true, true])
    r.pain = true
    const res = buildResult(r, [heldSide(30), heldSide(30)], -1)
    expect(res.pain).toBe(true)
    expect(res.completed).toBe(false)
    expect(res.score).toBe(100)
  })

  it('nothing performed: score 0, not completed', () => {
    const res = buildResult(
      run('hip-flexor', [false, false], [false, false]),
      [createSideScore(), createSideScore()],
      -1,
    )
    expect(res.score).toBe(0)
    expect(res.completed).toBe(false)
    expect(res.sides).toEqual({})
  })

  it('trackedFraction = tracked time / stretch time, within [0, 1]', () => {
    const sides = [heldSide(30), heldSide(30)] as const
    const r = run('childs-pose', [true, false], [true, false])
    expect(buildResult(r, sides, -1).trackedFraction).toBeCloseTo(0.75, 12)
    r.num[R_TRACKED] = 61
    expect(buildResult(r, sides, -1).trackedFraction).toBe(1)
    r.num[R_TRACKED] = -1
    expect(buildResult(r, sides, -1).trackedFraction).toBe(0)
    r.num[R_TRACKED] = NaN
    expect(buildResult(r, sides, -1).trackedFraction).toBe(0)
    r.endT = r.startT
    r.num[R_TRACKED] = 0
    expect(buildResult(r, sides, -1).trackedFraction).toBe(0)
  })

  it('carries the stretch id, the engine version and the skipped frames', () => {
    const r = run('cat-cow', [true, false], [false, false])
    r.skipped = 4
    const res = buildResult(r, [createSideScore(), createSideScore()], -1)
    expect(res.stretch).toBe('cat-cow')
    expect(res.engineVersion).toBe(ENGINE_VERSION)
    expect(res.skippedFrames).toBe(4)
  })
})

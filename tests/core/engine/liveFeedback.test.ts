// liveFeedback (docs/product.md "Live feedback shows hold, range and stability
// during the hold"): hold time, repetitions and completion follow every update;
// range, stability and score are recomputed at most every 0.1 s, at once when a
// repetition counts or the side completes, and whenever refreshLiveFigures asks.
import { describe, expect, it } from 'vitest'
import {
  createLiveFigures,
  L_T,
  LIVE_FIGURES_S,
  refreshLiveFigures,
  updateLiveTotals,
  type LiveFigures,
} from '../../../src/core/engine/liveFeedback.ts'
import {
  addPeak,
  addRangeSample,
  createSideScore,
  type SideScore,
} from '../../../src/core/engine/sideScore.ts'
import { createRun, type Run } from '../../../src/core/engine/stretchRun.ts'
import { STRETCH_IDS, type StretchId } from '../../../src/core/stretches.ts'

function runOf(id: StretchId): Run {
  return createRun(STRETCH_IDS.indexOf(id), 0, null, null)
}

/** One second more held at progress p. */
function hold(side: SideScore, p: number, seconds = 1): void {
  side.holdSeconds += seconds
  side.arg[0] = p
  side.arg[1] = seconds
  addRangeSample(side)
}

function update(f: LiveFigures, t: number, run: Run, side: SideScore, slot = 0): void {
  f.num[L_T] = t
  updateLiveTotals(f, run, side, slot)
}

/** A hold stretch whose figures were just computed at t = 5 (3 s held at progress 0.8). */
function started(): [LiveFigures, Run, SideScore] {
  const f = createLiveFigures()
  const run = runOf('childs-pose')
  const side = createSideScore()
  refreshLiveFigures(f)
  hold(side, 0.8, 3)
  update(f, 5, run, side)
  return [f, run, side]
}

describe('liveFeedback', () => {
  it('a fresh update shows hold, range and score of the side', () => {
    const [f] = started()
    expect(f.live.holdSeconds).toBe(3)
    expect(f.live.range).toBeCloseTo(0.8, 4)
    // 3 of 30 s at range 0.8, no stability yet: 100 × 0.1 × 0.48
    expect(f.live.score).toBe(5)
    expect(f.live.reps).toBe(0)
  })

  it(`hold time follows every update; range, stability and score at most every ${LIVE_FIGURES_S} s`, () => {
    expect(LIVE_FIGURES_S).toBe(0.1)
    const [f, run, side] = started()
    hold(side, 1, 27)
    update(f, 5.05, run, side)
    expect(f.live.holdSeconds).toBe(30)
    expect(f.live.range).toBeCloseTo(0.8, 4)
    expect(f.live.score).toBe(5)
    update(f, 5.09, run, side)
    expect(f.live.range).toBeCloseTo(0.8, 4)
    update(f, 5.11, run, side)
    expect(f.live.range).toBe(1)
    expect(f.live.score).toBe(60)
  })

  // KNOWN BUG (reported, not fixed): the "at once when the side completes" clause compares
  // live.score with side.score, but side.score is only written by computeSideFigures, which
  // updateLiveTotals calls and copies into live.score: the two are always equal, so completing
  // never forces an update and the figures on the completing frame can be up to 0.1 s old.
  it.fails('the side completing updates the figures at once', () => {
    const [f, run, side] = started()
    hold(side, 1, 27)
    run.completed[0] = true
    update(f, 5.01, run, side)
    expect(f.live.completed).toBe(true)
    expect(f.live.range).toBe(1)
    expect(f.live.score).toBe(60)
  })

  it('completion follows every update, on the side slot asked for', () => {
    const [f, run, side] = started()
    run.completed[1] = true
    update(f, 5.01, run, side, 0)
    expect(f.live.completed).toBe(false)
    update(f, 5.02, run, side, 1)
    expect(f.live.completed).toBe(true)
  })

  it('a counted repetition updates the figures at once; reps follow every update', () => {
    const f = createLiveFigures()
    const run = runOf('cat-cow')
    const side = createSideScore()
    refreshLiveFigures(f)
    update(f, 1, run, side)
    expect(f.live.reps).toBe(0)
    expect(f.live.range).toBe(0)
    side.reps = 1
    side.arg[0] = 0.9
    addPeak(side)
    update(f, 1.01, run, side)
    expect(f.live.reps).toBe(1)
    expect(f.live.range).toBeCloseTo(0.9, 12)
    // 1 of 8 repetitions at 0.9: 100 × 0.125 × 0.54
    expect(f.live.score).toBe(7)
    expect(f.live.holdSeconds).toBe(0)
  })

  it('refreshLiveFigures forces the next update', () => {
    const [f, run, side] = started()
    hold(side, 1, 27)
    refreshLiveFigures(f)
    update(f, 5.01, run, side)
    expect(f.live.range).toBe(1)
  })

  it('time going back does not freeze the figures', () => {
    const [f, run, side] = started()
    hold(side, 1, 27)
    update(f, 4.5, run, side)
    expect(f.live.range).toBe(1)
  })

  it('a hold stretch shows no repetitions, a repetition stretch no hold time', () => {
    const [f, run, side] = started()
    side.reps = 4
    update(f, 6, run, side)
    expect(f.live.reps).toBe(0)
    const reps = runOf('bridge')
    const s2 = createSideScore()
    s2.holdSeconds = 12
    update(f, 7, reps, s2)
    expect(f.live.holdSeconds).toBe(0)
  })
})

// Issue 4: repetitions. The exact count at varied tempo; no count for half
// movements, nods or noise; the pause at the top (pelvic tilt, bridge), both
// phases (cat-cow) and the 2–15 s window of docs/product.md's Scoring.
import { describe, expect, it } from 'vitest'
import { scoreOne, theSide } from './scoreSynth.ts'

const REP_STRETCHES = ['pelvic-tilt', 'bridge', 'cat-cow'] as const

describe.each(REP_STRETCHES)('%s', (id) => {
  const header = { header: { stretch: id } }

  it.each([
    { reps: 7, repSeconds: 4.5, tempoJitter: 0.3 },
    { reps: 5, repSeconds: 9, tempoJitter: 0.2 },
    { reps: 9, repSeconds: 6, tempoJitter: 0.45 },
  ])('counts exactly $reps at $repSeconds s ± $tempoJitter', (p) => {
    const r = scoreOne({ seed: 301 + p.reps, ...header, steps: [{ stretch: id, ...p }] })
    expect(theSide(r).reps).toBe(p.reps)
  })

  it('counts the exact number at 72 and 120 Hz with uneven frames and tracked hands', () => {
    for (const rate of [72, 120]) {
      const r = scoreOne({
        seed: 310,
        rate,
        unevenTiming: true,
        input: 'hand',
        ...header,
        steps: [{ stretch: id, reps: 6, tempoJitter: 0.3 }],
      })
      expect(theSide(r).reps, `${rate} Hz`).toBe(6)
    }
  })

  it('does not count half movements (50 % of the target)', () => {
    const r = scoreOne({ seed: 311, ...header, steps: [{ stretch: id, reps: 6, fraction: 0.5 }] })
    expect(theSide(r).reps).toBe(0)
    expect(r.score).toBe(0)
  })

  it('does not count noise: a still body with strong tremor and breathing', () => {
    const r = scoreOne({
      seed: 312,
      tremorMm: 8,
      breathingMm: 6,
      ...header,
      steps: [{ stretch: id, reps: 6, fraction: 0 }],
    })
    expect(theSide(r).reps).toBe(0)
    expect(r.completed).toBe(false)
  })

  it('completes at the target count and scores full range', () => {
    const r = scoreOne({ seed: 313, ...header, steps: [{ stretch: id }] })
    expect(r.completed).toBe(true)
    expect(theSide(r).range).toBeGreaterThan(0.9)
  })

  it('a user target of fewer reps completes with that many', () => {
    const r = scoreOne({
      seed: 314,
      header: { stretch: id, targets: { reps: 4 } },
      steps: [{ stretch: id, reps: 4 }],
    })
    expect(theSide(r).reps).toBe(4)
    expect(r.completed).toBe(true)
  })
})

describe('pelvic tilt and bridge need the pause at the top', () => {
  it.each(['pelvic-tilt', 'bridge'] as const)(
    '%s: no count without a pause, a count with 1.2 s',
    (id) => {
      const none = scoreOne({
        seed: 320,
        header: { stretch: id },
        steps: [{ stretch: id, reps: 5, repSeconds: 4.5, pauseSeconds: 0 }],
      })
      expect(theSide(none).reps).toBe(0)
      const short = scoreOne({
        seed: 320,
        header: { stretch: id },
        steps: [{ stretch: id, reps: 5, repSeconds: 4.5, pauseSeconds: 1.2 }],
      })
      expect(theSide(short).reps).toBe(5)
    },
  )

  it.each(['pelvic-tilt', 'bridge'] as const)(
    '%s: 70 % of the target never counts (needs 80 % to pause)',
    (id) => {
      const r = scoreOne({
        seed: 321,
        header: { stretch: id },
        steps: [{ stretch: id, reps: 5, fraction: 0.7 }],
      })
      expect(theSide(r).reps).toBe(0)
    },
  )

  it.each(['pelvic-tilt', 'bridge'] as const)(
    '%s: a repetition outside 2–15 s does not count',
    (id) => {
      const fast = scoreOne({
        seed: 322,
        header: { stretch: id },
        steps: [{ stretch: id, reps: 5, repSeconds: 1.5, pauseSeconds: 0.9 }],
      })
      expect(theSide(fast).reps).toBe(0)
      const slow = scoreOne({
        seed: 322,
        header: { stretch: id },
        steps: [{ stretch: id, reps: 2, pauseSeconds: 16 }],
      })
      expect(theSide(slow).reps).toBe(0)
    },
  )

  it.each(['pelvic-tilt', 'bridge'] as const)('%s: the belly hand may be either hand', (id) => {
    const r = scoreOne({
      seed: 323,
      header: { stretch: id },
      steps: [{ stretch: id, reps: 4, bellyHand: 'left' }],
    })
    expect(theSide(r).reps).toBe(4)
  })
})

describe('cat-cow', () => {
  it('does not count nods (head pitch without the eyes moving)', () => {
    const r = scoreOne({
      seed: 330,
      header: { stretch: 'cat-cow' },
      steps: [{ stretch: 'cat-cow', reps: 6, nod: true }],
    })
    expect(theSide(r).reps).toBe(0)
  })

  it.each(['cat', 'cow'] as const)('needs both phases: %s alone does not count', (half) => {
    const r = scoreOne({
      seed: 331,
      header: { stretch: 'cat-cow' },
      steps: [{ stretch: 'cat-cow', reps: 6, onlyHalf: half }],
    })
    expect(theSide(r).reps).toBe(0)
  })

  it('stability is that of the counter hands: shaky hands lower it', () => {
    const steady = scoreOne({
      seed: 332,
      tremorMm: 1,
      header: { stretch: 'cat-cow' },
      steps: [{ stretch: 'cat-cow', reps: 5 }],
    })
    const shaky = scoreOne({
      seed: 332,
      tremorMm: 1,
      holdTremorMm: 7,
      header: { stretch: 'cat-cow' },
      steps: [{ stretch: 'cat-cow', reps: 5 }],
    })
    expect(theSide(shaky).reps).toBe(5)
    expect(theSide(shaky).stability).toBeLessThan(theSide(steady).stability - 0.2)
  })
})

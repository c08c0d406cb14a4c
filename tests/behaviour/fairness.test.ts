// Issue 4: fairness. The same relative pose at statures 1.50, 1.75 and 1.95 m,
// the same movement at 72, 90 and 120 Hz (and uneven frames), on a mat turned
// and moved anywhere on the floor, with controllers or tracked hands: scores
// within 5 points.
import { describe, expect, it } from 'vitest'
import { STRETCH_IDS } from '../../src/core/stretches.ts'
import { leftOnly, oneSide, scoreOne } from './scoreSynth.ts'
import type { SynthConfig } from '../../scripts/synth/synthTrace.ts'

function spread(scores: number[]): number {
  return Math.max(...scores) - Math.min(...scores)
}

describe.each(STRETCH_IDS)('%s', (id) => {
  const run = (extra: Partial<SynthConfig>, seed = 201): number => {
    const r = scoreOne({
      seed,
      ...oneSide(id),
      ...extra,
      steps: [{ stretch: id, holdSeconds: 12, tempoJitter: 0.15, ...leftOnly(id) }],
    })
    return r.score
  }

  it('statures 1.50, 1.75 and 1.95 m score within 5 points', () => {
    const scores = [1.5, 1.75, 1.95].map((h) => run({ eyeHeight: 0.93 * h }))
    expect(Math.min(...scores)).toBeGreaterThan(20)
    expect(spread(scores), String(scores)).toBeLessThanOrEqual(5)
  })

  it('72, 90 and 120 Hz, and uneven frame times, score within 5 points', () => {
    const scores = [
      run({ rate: 72 }),
      run({ rate: 90 }),
      run({ rate: 120 }),
      run({ rate: 90, unevenTiming: true }),
    ]
    expect(Math.min(...scores)).toBeGreaterThan(20)
    expect(spread(scores), String(scores)).toBeLessThanOrEqual(5)
  })

  it('a mat turned and moved anywhere on the floor scores within 5 points', () => {
    const scores = [
      run({}),
      run({ mat: { x: 3.2, z: -2.5, headingDeg: 137 } }),
      run({ mat: { x: -4.1, z: 1.3, headingDeg: -100 }, floorOffsetM: 0.03 }),
      run({ mat: { x: 0.7, z: 5, headingDeg: 181 }, floorOffsetM: -0.03 }),
    ]
    expect(Math.min(...scores)).toBeGreaterThan(20)
    expect(spread(scores), String(scores)).toBeLessThanOrEqual(5)
  })

  it('tracked hands (wrist joints) score within 5 points of controllers', () => {
    const scores = [run({ input: 'controller' }), run({ input: 'hand' })]
    expect(Math.min(...scores)).toBeGreaterThan(20)
    expect(spread(scores), String(scores)).toBeLessThanOrEqual(5)
  })
})

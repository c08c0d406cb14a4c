/**
 * Issue 9, item 1: the repetition sweep of one stretch as a test. Shared by
 * repSweep.pelvic-tilt.test.ts, repSweep.bridge.test.ts and repSweep.cat-cow.test.ts (one
 * file per stretch); the traces are scripts/synth/sweep.ts's, the same that `npm run sweep`
 * reports on. Vitest gives this 2-core machine one worker, so each file shares its cases out
 * among child processes, one per core (repSweepParallel).
 */
import { describe, expect, it } from 'vitest'
import {
  REP_SWEEP_CASES,
  describeRun,
  repSweepParallel,
  type RepStretchId,
} from '../../scripts/synth/sweep.ts'

/** Defines the sweep test of one repetition stretch. */
export function defineRepSweep(stretch: RepStretchId): void {
  describe(`${stretch}: repetition sweep (issue 9)`, () => {
    it(
      `counts exactly the repetitions performed in ${REP_SWEEP_CASES} seeded random traces`,
      { timeout: 600_000 },
      async () => {
        const { cases, leftOut } = await repSweepParallel(stretch)
        expect(cases).toHaveLength(REP_SWEEP_CASES)
        // the literal rule refuses a case only when noise eats its margin: a few at most
        expect(
          leftOut.length,
          'cases left out because the rule itself does not count them:\n' +
            leftOut.map(describeRun).join('\n'),
        ).toBeLessThanOrEqual(REP_SWEEP_CASES / 10)
        const wrong = cases.filter((s) => s.run.counted !== s.run.performed)
        const errors = new Map<number, number>()
        for (const s of cases) {
          const e = s.run.counted - s.run.performed
          errors.set(e, (errors.get(e) ?? 0) + 1)
        }
        const summary =
          `${stretch}: ${wrong.length} of ${cases.length} traces miscounted; count error ` +
          '(engine − performed): ' +
          [...errors.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([e, n]) => `${e > 0 ? '+' : ''}${e}: ${n}`)
            .join(', ') +
          '\n' +
          wrong.map(describeRun).join('\n')
        expect(wrong.length, summary).toBe(0)
      },
    )
  })
}

// Stability as docs/product.md defines it: the RMS of 3-D displacement in the
// 0.7–15 Hz band, pooled over the head and the needed hands, 1 at ≤ 1 mm and 0
// at ≥ 20 mm, linear between, computed on time (the frame rate does not change it).
import { describe, expect, it } from 'vitest'
import { oneSide, leftOnly, scoreOne, theSide } from './scoreSynth.ts'
import type { StretchId } from '../../src/core/stretches.ts'

/** Expected stability for in-band tremor of `mm` (3-D RMS) on every point, plus a little sensor jitter. */
function expected(mm: number): number {
  const rms = Math.sqrt(mm * mm + 0.3 * 0.3)
  return Math.min(1, Math.max(0, 1 - (rms - 1) / 19))
}

describe.each(['childs-pose', 'knee-to-chest', 'hip-flexor'] as StretchId[])('%s', (id) => {
  it.each([72, 90, 120])(
    'tremor of 4 and 9 mm RMS maps onto the 1–20 mm scale at %s Hz',
    (rate) => {
      for (const mm of [4, 9]) {
        const s = theSide(
          scoreOne({
            seed: 1001,
            rate,
            tremorMm: 0.2,
            holdTremorMm: mm,
            jitterMm: 0.5,
            ...oneSide(id),
            steps: [{ stretch: id, holdSeconds: 16, ...leftOnly(id) }],
          }),
        )
        expect(Math.abs(s.stability - expected(mm)), `${mm} mm: ${s.stability}`).toBeLessThan(0.04)
      }
    },
  )
})

// The coach's per-frame path (timeline sampling, gaze, breath + FK, as in the avatar's useFrame)
// allocates nothing per frame: 10⁶ frames in a forked `node --expose-gc` run with
// no GC and grow the heap by less than 64 KB (tests/support/heapProbe.ts).
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { HEAP_GROWTH_LIMIT_BYTES, runHeapChild } from '../../support/heapProbe.ts'

describe('coach allocation', () => {
  it('10⁶ timeline samples with FK grow the heap by less than 64 KB, without a GC', () => {
    const out = runHeapChild(fileURLToPath(new URL('./allocation.child.ts', import.meta.url)), [
      '1000000',
    ])
    expect(out.frames).toBe(1_000_000)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes, `rounds: ${out.rounds.join(', ')}`).toBeLessThan(
      HEAP_GROWTH_LIMIT_BYTES,
    )
  }, 240_000)
})

// The engine allocates nothing per frame: 10⁶ frames of a mixed workload in a
// forked `node --expose-gc` grow the heap by less than 64 KB, with no GC
// running meanwhile (a GC would hide allocation from the heap figure).
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { HEAP_GROWTH_LIMIT_BYTES, runHeapChild } from '../support/heapProbe.ts'

const child = fileURLToPath(new URL('./allocation.child.ts', import.meta.url))

describe('engine allocation', () => {
  it('10⁶ frames grow the heap by less than 64 KB, without a GC', () => {
    const out = runHeapChild(child, ['1000000', 'engine'])
    expect(out.frames).toBe(1_000_000)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes, `rounds: ${out.rounds.join(', ')}`).toBeLessThan(
      HEAP_GROWTH_LIMIT_BYTES,
    )
  }, 240_000)

  it('recording each frame as well (within a storage chunk) allocates nothing either', () => {
    const out = runHeapChild(child, ['1000000', 'recorder'])
    expect(out.frames).toBe(1_000_000)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes, `rounds: ${out.rounds.join(', ')}`).toBeLessThan(
      HEAP_GROWTH_LIMIT_BYTES,
    )
  }, 240_000)
})

// The runner's per-frame path (phase clock + engine) allocates nothing per
// frame: 10⁶ frames in a forked `node --expose-gc`, held child's pose and
// standing before the gate, run with no GC, fire no edge and grow the heap by
// less than 64 KB (tests/support/heapProbe.ts).
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { HEAP_GROWTH_LIMIT_BYTES, runHeapChild, type HeapProbe } from '../../support/heapProbe.ts'

type RunnerProbe = HeapProbe & { edges: number; phase: string; holdSeconds: number }
const child = fileURLToPath(new URL('./runnerAllocation.child.ts', import.meta.url))

describe('runner allocation', () => {
  it('10⁶ frames holding child’s pose: no GC, no edge, under 64 KB', () => {
    const out = runHeapChild<RunnerProbe>(child, ['1000000', 'hold'])
    expect(out.frames).toBe(1_000_000)
    expect(out.phase).toBe('hold')
    expect(out.holdSeconds).toBeGreaterThan(10_000)
    expect(out.edges).toBe(0)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes, `rounds: ${out.rounds.join(', ')}`).toBeLessThan(
      HEAP_GROWTH_LIMIT_BYTES,
    )
  }, 240_000)

  it('10⁶ frames standing, waiting to get into position: no GC, no edge, under 64 KB', () => {
    const out = runHeapChild<RunnerProbe>(child, ['1000000', 'standing'])
    expect(out.phase).toBe('getIntoPosition')
    expect(out.holdSeconds).toBe(0)
    expect(out.edges).toBe(0)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes, `rounds: ${out.rounds.join(', ')}`).toBeLessThan(
      HEAP_GROWTH_LIMIT_BYTES,
    )
  }, 240_000)
})

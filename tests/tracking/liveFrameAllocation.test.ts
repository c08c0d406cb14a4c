// The headset's one frame path (stepLiveFrame: XR frame → poses → runner and
// engine → cues → coach → placement → boxes) allocates nothing per frame:
// 10⁶ fake XR frames in a forked `node --expose-gc`, run with no GC and a heap
// growth under 64 KB (tests/support/heapProbe.ts), while the user holds
// child's pose, while the user is being measured standing (judged every 0.1 s;
// the one allocation of a finished measurement happens once a session), and while the
// coach demonstrates (moving on every frame). A GC every few seconds is a
// visible stutter in a headset. To see which part allocates, run the child by
// hand with a part name (see its header).
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { HEAP_GROWTH_LIMIT_BYTES, runHeapChild, type HeapProbe } from '../support/heapProbe.ts'

type LiveProbe = HeapProbe & {
  mode: string
  edges: number
  phase: string
  coachPhase: string | null
  holdSeconds: number
  segments: [number, number]
  calibrations: number
  calibrating: boolean
  placed: boolean
  coachBox: number[]
}
const child = fileURLToPath(new URL('./liveFrameAllocation.child.ts', import.meta.url))

function expectNoAllocation(out: LiveProbe): void {
  expect(out.frames).toBe(1_000_000)
  expect(out.edges).toBe(0)
  expect(out.placed).toBe(true)
  expect(out.coachBox.every(Number.isFinite)).toBe(true)
  expect(out.gcs, `GCs in the quietest round; growth per round: ${out.rounds.join(', ')}`).toBe(0)
  expect(out.growthBytes, `rounds: ${out.rounds.join(', ')}`).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES)
}

describe('live frame allocation', () => {
  it('10⁶ frames holding child’s pose: no GC, under 64 KB', () => {
    const out = runHeapChild<LiveProbe>(child, ['1000000', 'hold'])
    expect(out.phase).toBe('hold')
    expect(out.coachPhase).toBe('hold')
    expect(out.holdSeconds).toBeGreaterThan(10_000)
    expectNoAllocation(out)
  }, 240_000)

  it('10⁶ frames of the standing calibration, the user never still enough: no GC, under 64 KB', () => {
    const out = runHeapChild<LiveProbe>(child, ['1000000', 'calibrate'])
    // the window is judged every 0.1 s (thousands of times a round) and never passes
    expect(out.calibrations).toBe(0)
    expect(out.calibrating).toBe(true)
    expect(out.coachPhase).toBeNull()
    expectNoAllocation(out)
  }, 240_000)

  it('10⁶ frames of the coach demonstrating, moving on every frame: no GC, under 64 KB', () => {
    const out = runHeapChild<LiveProbe>(child, ['1000000', 'demonstrate'])
    expect(out.phase).toBe('demonstrate')
    expect(out.coachPhase).toBe('demonstrate')
    // the coach went on through its route during the measured frames
    expect(out.segments[1]).toBeGreaterThan(out.segments[0])
    expectNoAllocation(out)
  }, 240_000)
})

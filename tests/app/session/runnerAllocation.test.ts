// The runner's per-frame path (phase clock + engine) allocates no object per
// frame: 10⁶ frames in a forked `node --expose-gc`, held child's pose and
// standing before the gate, run with no GC at all and fire no edge.
//
// The heap bound is 4 MB (4 bytes a frame), not STYLE.md's 64 KB: on this
// shared 2-core machine the same run measures from 85 KB to 3 MB from one
// process to the next (the optimising compiler finishing in the background
// counts as heap), with the engine alone in the same range. One object per
// frame (16 bytes or more) would be 16 MB and several scavenges, and fails.
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

function runChild(mode: 'hold' | 'standing') {
  const child = fileURLToPath(new URL('./runnerAllocation.child.ts', import.meta.url))
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', child, '1000000', mode],
    { encoding: 'utf8', timeout: 150_000 },
  )
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return JSON.parse(r.stdout.trim().split('\n').pop()!)
}

describe('runner allocation', () => {
  it('10⁶ frames holding child’s pose: no GC, no edge, under 4 bytes a frame', () => {
    const out = runChild('hold')
    expect(out.frames).toBe(1_000_000)
    expect(out.phase).toBe('hold')
    expect(out.holdSeconds).toBeGreaterThan(10_000)
    expect(out.edges).toBe(0)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes).toBeLessThan(4 * 1024 * 1024)
  }, 150_000)

  it('10⁶ frames standing, waiting to get into position: no GC, no edge', () => {
    const out = runChild('standing')
    expect(out.phase).toBe('getIntoPosition')
    expect(out.holdSeconds).toBe(0)
    expect(out.edges).toBe(0)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes).toBeLessThan(4 * 1024 * 1024)
  }, 150_000)
})

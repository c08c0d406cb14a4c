// The engine allocates nothing per frame: 10⁶ frames of a mixed workload in a
// forked `node --expose-gc` grow the heap by less than 64 KB, with no GC
// running meanwhile (a GC would hide allocation from the heap figure).
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

function runChild(mode: string): { frames: number; growthBytes: number; gcs: number } {
  const child = fileURLToPath(new URL('./allocation.child.ts', import.meta.url))
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', child, '1000000', mode],
    { encoding: 'utf8', timeout: 120_000 },
  )
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return JSON.parse(r.stdout.trim().split('\n').pop()!)
}

describe('engine allocation', () => {
  it('10⁶ frames grow the heap by less than 64 KB, without a GC', () => {
    const out = runChild('engine')
    expect(out.frames).toBe(1_000_000)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes).toBeLessThan(64 * 1024)
  }, 120_000)

  it('recording each frame as well (within a storage chunk) allocates nothing either', () => {
    const out = runChild('recorder')
    expect(out.frames).toBe(1_000_000)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes).toBeLessThan(64 * 1024)
  }, 120_000)
})

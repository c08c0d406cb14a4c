// The engine allocates nothing per frame: 10⁶ frames of a mixed workload in a
// forked `node --expose-gc` grow the heap by less than 64 KB, with no GC
// running meanwhile (a GC would hide allocation from the heap figure).
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

describe('engine allocation', () => {
  it('10⁶ frames grow the heap by less than 64 KB, without a GC', () => {
    const child = fileURLToPath(new URL('./allocation.child.ts', import.meta.url))
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, '1000000'], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      frames: number
      growthBytes: number
      gcs: number
    }
    expect(out.frames).toBe(1_000_000)
    expect(out.gcs).toBe(0)
    expect(out.growthBytes).toBeLessThan(64 * 1024)
  }, 120_000)
})

// The engine's number fields that take fractions are double fields from the start
// (DOUBLE_FIELD): storing a fraction must not change an object's V8 shape, which
// would throw away the optimised per-frame code minutes into a trace
// (docs/performance.md, The command line). Checked with V8's own %HaveSameMap in a
// forked `node --allow-natives-syntax`.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const child = fileURLToPath(new URL('./doubleField.child.ts', import.meta.url))

describe('double fields from the start', () => {
  it('a fraction stored into any of them keeps the object’s shape', () => {
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', child], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.status, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, boolean>
    // the probe can fail: a field that starts as a whole number changes shape
    expect(out.control).toBe(false)
    const { control: _control, ...objects } = out
    expect(objects).toEqual({
      run: true,
      baseline: true,
      baselineWindow: true,
      judgement: true,
      sideScore: true,
      live: true,
      bodyView: true,
      traceReader: true,
    })
  }, 60_000)
})

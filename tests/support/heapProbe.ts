/**
 * Allocation checks for the per-frame paths, shared by every allocation test.
 *
 * A child script (run in a forked `node --expose-gc --import tsx`) warms its
 * workload up, then calls `probeHeap`, which measures several rounds with no GC
 * in between and keeps the smallest heap growth. Why the smallest: a real
 * per-frame allocation grows the heap in every round (10⁶ frames × 16 bytes is
 * 16 MB), while the optimising compiler finishing in the background, or a
 * busy machine delaying it, shows up in one round only. On a machine busy
 * with other tests it can take longer than three rounds, so the probe goes on,
 * up to MAX_ROUNDS, until a round is quiet (no GC, growth under the limit):
 * per-frame allocation keeps every round loud however many there are. The test
 * side (`runHeapChild`) spawns the child and parses its one JSON line.
 */
import { spawnSync } from 'node:child_process'
import { PerformanceObserver } from 'node:perf_hooks'

/** What one probe found: the quietest round's growth and GC count, and every round's growth. */
export interface HeapProbe {
  frames: number
  growthBytes: number
  gcs: number
  rounds: number[]
  nsPerFrame: number
}

/** The per-frame budget every allocation test asserts (the per-frame path allocates nothing): growth over 10⁶ frames. */
export const HEAP_GROWTH_LIMIT_BYTES = 64 * 1024

/** Most rounds a probe measures while none has been quiet. */
export const MAX_ROUNDS = 8

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Runs `run(frames)` in `rounds` measured rounds (after `prepare()`, outside the
 * measurement, when given), and more up to MAX_ROUNDS while none was quiet, and
 * reports the round with the least heap growth.
 * Call only in a process started with --expose-gc.
 */
export async function probeHeap(
  run: (frames: number) => void,
  frames: number,
  options: { rounds?: number; prepare?: () => void } = {},
): Promise<HeapProbe> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with node --expose-gc')
  let gcs = 0
  const obs = new PerformanceObserver((list) => {
    gcs += list.getEntries().length
  })
  obs.observe({ entryTypes: ['gc'] })
  const rounds: { growth: number; gcs: number; ms: number }[] = []
  const least = options.rounds ?? 3
  const quiet = (r: { growth: number; gcs: number }) =>
    r.gcs === 0 && r.growth < HEAP_GROWTH_LIMIT_BYTES
  for (let i = 0; i < MAX_ROUNDS && (i < least || !rounds.some(quiet)); i++) {
    options.prepare?.()
    gc()
    gc()
    await sleep(100)
    gcs = 0
    const before = process.memoryUsage().heapUsed
    const t0 = performance.now()
    run(frames)
    const ms = performance.now() - t0
    const growth = process.memoryUsage().heapUsed - before
    await sleep(20)
    rounds.push({ growth, gcs, ms })
  }
  obs.disconnect()
  // A quiet round, when there is one, is the answer: rounds of equal growth can
  // differ in a GC that a busy machine's timing set off (the memory reducer).
  const quietRounds = rounds.filter(quiet)
  const pool = quietRounds.length > 0 ? quietRounds : rounds
  const best = pool.reduce((a, b) =>
    b.growth < a.growth || (b.growth === a.growth && b.gcs < a.gcs) ? b : a,
  )
  return {
    frames,
    growthBytes: best.growth,
    gcs: best.gcs,
    rounds: rounds.map((r) => r.growth),
    nsPerFrame: (best.ms * 1e6) / frames,
  }
}

/** Prints a probe (plus extra fields) as the child's one JSON line. */
export function reportHeap(probe: HeapProbe, extra: Record<string, unknown> = {}): void {
  process.stdout.write(JSON.stringify({ ...probe, ...extra }) + '\n')
}

/** Runs a heap-probe child script with --expose-gc and returns its JSON line. */
export function runHeapChild<T = HeapProbe>(childPath: string, args: string[] = []): T {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', childPath, ...args], {
    encoding: 'utf8',
    timeout: 240_000,
  })
  if (r.status !== 0 || r.stderr) {
    throw new Error(`heap probe ${childPath} failed (exit ${r.status}): ${r.stderr}`)
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T
}

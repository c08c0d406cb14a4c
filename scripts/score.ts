/**
 * Command-line replay (pose-trace spec): `node bin/stretchcoach-score.mjs <files...>`
 * (also `npx stretchcoach-score` and `npm run -s score -- <files...>`).
 * stdout: one JSON line per stretch found, in argument order, each with `file`.
 * A refused file prints `<file>:<line>: <reason>` on stderr, the others are still
 * scored, and the exit code is then 2 (otherwise 0). Gzip is recognised by its
 * magic bytes and inflated with node:zlib in 1 MB chunks that go straight to the
 * streaming reader as bytes (feedTraceBytes: frame lines are never decoded to text).
 * bin/stretchcoach-score.mjs runs a bundle of this file (tsx's start-up alone costs
 * more than scoring an hour).
 */
import { readFileSync } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { isGzip, type TraceOutcome } from '../src/core/trace/scoreTrace.ts'
import { createTraceReader, endTraceReader, feedTraceBytes } from '../src/core/trace/traceReader.ts'

const CHUNK = 1 << 20

/** Scores one file's bytes: plain, or gzip inflated chunk by chunk into the reader. */
function scoreBytes(bytes: Buffer, file: string): Promise<TraceOutcome> {
  const reader = createTraceReader(file)
  if (!isGzip(bytes)) {
    feedTraceBytes(reader, bytes)
    return Promise.resolve(endTraceReader(reader))
  }
  return new Promise((resolve) => {
    // Inflating runs on libuv's thread pool; parsing runs here. The 'data' handler
    // only queues the chunk and returns, so the next chunk inflates while this one
    // is parsed (on 2 cores the two overlap instead of taking turns).
    const queue: Buffer[] = []
    let got = 0
    let ended = false
    let failed = false
    let scheduled = false
    const drain = (): void => {
      scheduled = false
      const chunk = queue.shift()
      if (chunk !== undefined) feedTraceBytes(reader, chunk)
      if (queue.length > 0) schedule()
      else if (ended) {
        if (failed && got === 0) resolve({ ok: false, line: 1, reason: 'not a readable gzip file' })
        else resolve(endTraceReader(reader))
      }
    }
    const schedule = (): void => {
      if (scheduled) return
      scheduled = true
      setImmediate(drain)
    }
    const gunzip = createGunzip({ chunkSize: CHUNK })
    gunzip.on('data', (chunk: Buffer) => {
      got += chunk.length
      queue.push(chunk)
      schedule()
    })
    gunzip.on('end', () => {
      ended = true
      schedule()
    })
    gunzip.on('error', () => {
      // A damaged or cut-off gzip: what came out is scored (a cut line is a skipped frame).
      failed = true
      ended = true
      schedule()
    })
    gunzip.end(bytes)
  })
}

/** Scores every file in order; returns the process exit code. */
export async function main(files: readonly string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: stretchcoach-score <trace.jsonl[.gz]>...\n')
    return 2
  }
  let code = 0
  for (const file of files) {
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch (err) {
      const why = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable'
      process.stderr.write(file + ':1: cannot read the file (' + why + ')\n')
      code = 2
      continue
    }
    const outcome = await scoreBytes(bytes, file)
    if (!outcome.ok) {
      process.stderr.write(file + ':' + outcome.line + ': ' + outcome.reason + '\n')
      code = 2
      continue
    }
    let out = ''
    for (const r of outcome.results) out += JSON.stringify(r) + '\n'
    if (out) process.stdout.write(out)
  }
  return code
}

process.exitCode = await main(process.argv.slice(2))

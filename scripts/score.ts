/**
 * Command-line replay (pose-trace spec): `node bin/stretchcoach-score.mjs <files...>`
 * (also `npx stretchcoach-score` and `npm run -s score -- <files...>`).
 * stdout: one JSON line per stretch found, in argument order, each with `file`,
 * written as each stretch closes. A refused file prints `<file>:<line>: <reason>` on
 * stderr, the others are still scored, and the exit code is then 2 (otherwise 0);
 * results a file gave before a refusal later in it stay printed.
 *
 * Memory stays bounded whatever the input: files are read in 1 MiB chunks straight
 * into the streaming reader (scoreFile.ts) and results leave as they are produced.
 * bin/stretchcoach-score.mjs runs a bundle of this file (tsx's start-up alone costs
 * more than scoring an hour).
 */
import { writeSync } from 'node:fs'
import type { StretchResult } from '../src/core/result.ts'
import { errorCode, scoreFile } from './scoreFile.ts'

/** Results are gathered into writes of about this many characters. */
const OUT_PIECE = 1 << 16

let outText = ''
/** stdout's reader went away (EPIPE): results are no longer written */
let outputGone = false
/** what a full non-blocking stdout is waited on with, 1 ms at a time */
const sleeper = new Int32Array(new SharedArrayBuffer(4))

/** Takes each result as its stretch closes: it leaves in the next write (OUT_PIECE). */
function writeResult(result: StretchResult): void {
  outText += JSON.stringify(result) + '\n'
  if (outText.length >= OUT_PIECE) flushResults()
}

/**
 * Writes the gathered results to fd 1 synchronously. process.stdout would queue what a
 * slow pipe has not taken yet (without limit: a trace of a million stretch events makes
 * a gigabyte of results), so it is never touched; a write that blocks is what keeps
 * memory bounded. A stdout that another process left non-blocking is waited on.
 */
function flushResults(): void {
  if (outText.length === 0) return
  let bytes = Buffer.from(outText)
  outText = ''
  while (bytes.length > 0 && !outputGone) {
    try {
      bytes = bytes.subarray(writeSync(1, bytes))
    } catch (err) {
      if (errorCode(err) === 'EAGAIN') Atomics.wait(sleeper, 0, 0, 1)
      else outputGone = true
    }
  }
}

/** Scores every file in order; returns the process exit code. */
export async function main(files: readonly string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: stretchcoach-score <trace.jsonl[.gz]>...\n')
    return 2
  }
  let code = 0
  for (const file of files) {
    const outcome = await scoreFile(file, writeResult)
    // this file's results, before its refusal if it has one
    flushResults()
    if (!outcome.ok) {
      process.stderr.write(file + ':' + outcome.line + ': ' + outcome.reason + '\n')
      code = 2
    }
  }
  return code
}

process.exitCode = await main(process.argv.slice(2))

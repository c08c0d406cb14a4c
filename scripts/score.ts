/**
 * Command-line replay (pose-trace spec): `npm run -s score -- <files...>`.
 * stdout: one JSON line per stretch found, in argument order, each with `file`.
 * A refused file prints `<file>:<line>: <reason>` on stderr, the others are still
 * scored, and the exit code is then 2 (otherwise 0). Gzip is recognised by its
 * magic bytes and inflated with node:zlib (faster here than DecompressionStream).
 */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { isGzip, scoreTraceText } from '../src/core/trace/scoreTrace.ts'

function readText(path: string): string {
  const raw = readFileSync(path)
  const bytes = isGzip(raw) ? gunzipSync(raw) : raw
  return bytes.toString('utf8')
}

/** Scores every file; returns the process exit code. */
export function main(files: readonly string[]): number {
  let code = 0
  const out: string[] = []
  for (const file of files) {
    let text: string
    try {
      text = readText(file)
    } catch (err) {
      const why =
        err instanceof Error && 'code' in err
          ? String((err as { code: unknown }).code)
          : 'unreadable'
      process.stderr.write(file + ':1: cannot read the file (' + why + ')\n')
      code = 2
      continue
    }
    const outcome = scoreTraceText(text, file)
    if (!outcome.ok) {
      process.stderr.write(file + ':' + outcome.line + ': ' + outcome.reason + '\n')
      code = 2
      continue
    }
    for (const r of outcome.results) out.push(JSON.stringify(r))
  }
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n')
  if (files.length === 0) {
    process.stderr.write('usage: npm run -s score -- <trace.jsonl[.gz]>...\n')
    return 2
  }
  return code
}

process.exitCode = main(process.argv.slice(2))

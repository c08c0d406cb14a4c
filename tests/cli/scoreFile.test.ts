// The command line's file reader (scripts/scoreFile.ts): a read that fails mid-way
// refuses the file at the line reached, plain or gzip, and what was handed over
// before stays handed over; results leave as their stretch closes, not at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { synthTrace } from '../../scripts/synth/synthTrace.ts'
import { scoreFile, type ReadBytes } from '../../scripts/scoreFile.ts'
import { scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import type { StretchResult } from '../../src/core/result.ts'

let dir = ''
let text = ''

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stretchcoach-file-'))
  // several megabytes: the reader sees a few chunks before the failing read
  text = synthTrace({
    seed: 616,
    steps: [
      { stretch: 'childs-pose', holdSeconds: 60 },
      { stretch: 'supine-twist', holdSeconds: 60 },
      { stretch: 'knee-to-chest', holdSeconds: 60 },
    ],
  }).text
  writeFileSync(join(dir, 'a.trace.jsonl'), text)
  // stored, not compressed: the gzip file is as long as the text, so it takes several reads
  writeFileSync(join(dir, 'a.trace.jsonl.gz'), gzipSync(text, { level: 0 }))
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** fs.readSync that fails with EIO from the `failAt`-th call on. */
function failingRead(failAt: number): ReadBytes {
  let calls = 0
  return (fd, buffer, offset, length, position) => {
    if (++calls >= failAt) throw Object.assign(new Error('i/o error'), { code: 'EIO' })
    return readSync(fd, buffer, offset, length, position)
  }
}

describe('scoreFile', () => {
  it.each(['a.trace.jsonl', 'a.trace.jsonl.gz'])(
    '%s: a read error mid-way refuses the file at the line reached',
    async (name) => {
      const got: StretchResult[] = []
      const out = await scoreFile(join(dir, name), (r) => got.push(r), failingRead(4))
      expect(out.ok).toBe(false)
      if (out.ok) return
      expect(out.reason).toBe('cannot read the file (EIO)')
      // three 1 MiB reads were read: the line reached is well into the file, not line 1
      const lines = text.split('\n').length
      expect(out.line).toBeGreaterThan(1000)
      expect(out.line).toBeLessThan(lines)
      // what closed before the failure stays handed over: the child's pose at least
      expect(got.map((r) => r.stretch)).toContain('childs-pose')
    },
  )

  it.each(['a.trace.jsonl', 'a.trace.jsonl.gz'])(
    '%s: read whole, the results are the app reader’s, handed over one by one',
    async (name) => {
      const got: StretchResult[] = []
      const file = join(dir, name)
      const out = await scoreFile(file, (r) => got.push(r))
      expect(out).toEqual({ ok: true, results: [] })
      const whole = scoreTraceText(text, file)
      expect(whole.ok && got).toEqual(whole.ok && whole.results)
    },
  )
})

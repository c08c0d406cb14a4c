// Both real recordings of tests/fixtures/real-motion/ (a scripted Quest 2 session
// and a fast rhythm game), scored as each of the ten stretches: never
// complete, score 20 or less, and the Vive file's bad frames are counted.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { STRETCH_IDS, STRETCHES } from '../../src/core/stretches.ts'
import { scoreTrace, scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import { allFinite } from './scoreSynth.ts'

const DIR = fileURLToPath(new URL('../fixtures/real-motion', import.meta.url))
const FILES = ['quest2-scripted-movement.trace.jsonl.gz', 'beatsaber-vive-play.trace.jsonl.gz']

/** The recording with a stretch written into its header (and the left side for one-sided). */
function asStretch(text: string, id: string, sided: boolean): string {
  const nl = text.indexOf('\n')
  const header = JSON.parse(text.slice(0, nl)) as Record<string, unknown>
  header.stretch = id
  if (sided) header.side = 'left'
  return JSON.stringify(header) + text.slice(nl)
}

describe.each(FILES)('%s', (file) => {
  const text = gunzipSync(readFileSync(resolve(DIR, file))).toString('utf8')

  it.each(STRETCH_IDS)('scored as %s: never completes, scores 20 or less', (id) => {
    const out = scoreTraceText(asStretch(text, id, STRETCHES[id].sided), file)
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.results).toHaveLength(1)
    const r = out.results[0]!
    expect(r.completed).toBe(false)
    expect(r.score).toBeLessThanOrEqual(20)
    expect(allFinite(r)).toBe(true)
    if (file.startsWith('beatsaber')) expect(r.skippedFrames).toBeGreaterThan(0)
  })

  it('the gzip bytes score as the text does', async () => {
    const marked = asStretch(text, 'childs-pose', false)
    const gz = await scoreTrace(new Uint8Array(gzipSync(marked)), file)
    expect(gz).toEqual(scoreTraceText(marked, file))
  })

  it('without a stretch named, the file is refused on line 1', () => {
    const out = scoreTraceText(text, file)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.line).toBe(1)
  })
})

/**
 * Scores a whole pose trace (plain JSON Lines, or gzip recognised by its magic
 * bytes 1f 8b, not by the name) with the streaming reader. Runs in the browser
 * and in Node (DecompressionStream and TextDecoder exist in both).
 */
import {
  createTraceReader,
  endTraceReader,
  feedTraceText,
  type TraceOutcome,
} from './traceReader.ts'

export type { TraceOutcome } from './traceReader.ts'

/** Whether bytes start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/** Scores a trace held as text (already decompressed). */
export function scoreTraceText(text: string, file?: string): TraceOutcome {
  const reader = createTraceReader(file)
  feedTraceText(reader, text)
  return endTraceReader(reader)
}

/** Scores a trace's bytes: plain or gzip by magic bytes, decoded as UTF-8 chunk by chunk. */
export async function scoreTrace(bytes: Uint8Array, file?: string): Promise<TraceOutcome> {
  const reader = createTraceReader(file)
  const decoder = new TextDecoder('utf-8')
  if (!isGzip(bytes)) {
    feedTraceText(reader, decoder.decode(bytes))
    return endTraceReader(reader)
  }
  let got = 0
  try {
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes)
        controller.close()
      },
    })
    const stream = source.pipeThrough(
      new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    )
    const it = stream.getReader()
    for (;;) {
      const { done, value } = await it.read()
      if (done) break
      got += value.length
      feedTraceText(reader, decoder.decode(value, { stream: true }))
    }
  } catch {
    // A damaged or cut-off gzip: what was decompressed is scored (a cut last line is a
    // skipped frame); nothing at all means the file cannot be read.
    if (got === 0) return { ok: false, line: 1, reason: 'not a readable gzip file' }
  }
  feedTraceText(reader, decoder.decode())
  return endTraceReader(reader)
}

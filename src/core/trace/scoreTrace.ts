/**
 * Scores a whole pose trace (plain JSON Lines, or gzip recognised by its magic
 * bytes 1f 8b, not by the name) with the streaming reader. Runs in the browser
 * and in Node (DecompressionStream and TextDecoder exist in both).
 */
import { GZIP_UNREADABLE, isGzip } from './gzipMember.ts'
import {
  createTraceReader,
  endTraceReader,
  failTraceReader,
  feedTraceText,
  type TraceOutcome,
} from './traceReader.ts'

export type { TraceOutcome } from './traceReader.ts'
export { isGzip } from './gzipMember.ts'

/** Bytes decoded per step: the text of a large file is never one string. */
const DECODE_CHUNK = 1 << 20

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
    for (let o = 0; o < bytes.length && reader.refusal === null; o += DECODE_CHUNK) {
      const piece = bytes.subarray(o, o + DECODE_CHUNK)
      feedTraceText(reader, decoder.decode(piece, { stream: true }))
    }
    feedTraceText(reader, decoder.decode())
    return endTraceReader(reader)
  }
  // Browsers' DecompressionStream refuses a bad checksum or length, a cut-off end, and
  // anything after the gzip member (a second member too): the command line refuses the
  // same files (gzipMember.ts).
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
      if (reader.refusal !== null) {
        await it.cancel()
        return endTraceReader(reader)
      }
    }
  } catch {
    return failTraceReader(reader, GZIP_UNREADABLE + ': it is damaged or cut short')
  }
  // Node's DecompressionStream (before Node 24) reads on past the member: a second member
  // and trailing zeros. The length in the last four bytes is then not the length that
  // came out, unless what came before inflated to nothing.
  const n = bytes.length
  const isize =
    (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0
  if (isize !== got % 0x100000000) {
    return failTraceReader(reader, GZIP_UNREADABLE + ': data follows the end of the gzip data')
  }
  feedTraceText(reader, decoder.decode())
  return endTraceReader(reader)
}

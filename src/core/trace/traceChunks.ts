/**
 * Reading a trace file chunk by chunk into the streaming reader, shared by the
 * command line (scripts/scoreFile.ts, node:fs reads and node:zlib's raw inflater)
 * and the replay page's worker (src/services/replay/replayScore.ts, Blob reads and
 * DecompressionStream('deflate-raw')): the same 1 MiB chunks, the same look at the
 * first bytes (gzip by its magic), the same plain loop and the same gzip header and
 * trailer rules (gzipMember.ts). Only the inflater differs between the two.
 */
import {
  GZIP_UNREADABLE,
  createGzipHeaderReader,
  gzipEndProblem,
  readGzipHeader,
} from './gzipMember.ts'
import {
  endTraceReader,
  failTraceReader,
  feedTraceBytes,
  type TraceOutcome,
  type TraceReader,
} from './traceReader.ts'

/** Bytes read (and handed to the reader) per step. */
export const TRACE_CHUNK = 1 << 20

/**
 * Reads the next chunk (up to TRACE_CHUNK bytes) of the file, into `into` when given
 * (the result may be a view of it) or into a fresh array; empty at the end.
 */
export type NextChunk = (into?: Uint8Array) => Uint8Array

/** The first chunk, at least two bytes unless the file is shorter (a pipe may give one byte first: the magic needs two). */
export function readFirstChunk(next: NextChunk): Uint8Array {
  let first = next()
  while (first.length === 1) {
    const more = next()
    if (more.length === 0) break
    const both = new Uint8Array(first.length + more.length)
    both.set(first)
    both.set(more, first.length)
    first = both
  }
  return first
}

/**
 * Feeds a plain (not gzip) file to the reader, `first` and then every later chunk,
 * until the end or a refusal, and ends the reader. Later chunks are read into one
 * buffer: the reader copies the little it keeps (an unfinished line).
 */
export function readPlainChunks(
  next: NextChunk,
  first: Uint8Array,
  reader: TraceReader,
): TraceOutcome {
  const buf = new Uint8Array(TRACE_CHUNK)
  for (let chunk = first; chunk.length > 0 && reader.refusal === null; chunk = next(buf)) {
    feedTraceBytes(reader, chunk)
  }
  return endTraceReader(reader)
}

/** Where a gzip file's compressed data starts, once its header has been read. */
export interface GzipDataStart {
  /** file offset of the compressed data */
  offset: number
  /** the bytes of the compressed data already read (the rest of the chunk the header ended in) */
  rest: Uint8Array
}

/**
 * Reads a gzip header from `first` and the chunks after it: where the compressed data
 * starts, or the refused outcome (a damaged header, or a file cut short in it).
 */
export function readGzipStart(
  next: NextChunk,
  first: Uint8Array,
  reader: TraceReader,
): GzipDataStart | TraceOutcome {
  const header = createGzipHeaderReader()
  let offset = 0 // file offset of `chunk`
  let chunk = first
  let at = readGzipHeader(header, chunk)
  while (at === -1) {
    offset += chunk.length
    chunk = next()
    if (chunk.length === 0) return failTraceReader(reader, GZIP_UNREADABLE + ': it is cut short')
    at = readGzipHeader(header, chunk)
  }
  if (at === -2) return failTraceReader(reader, header.problem)
  return { offset: offset + at, rest: chunk.subarray(at) }
}

/** Whether readGzipStart gave the outcome of a refusal rather than where the data starts. */
export function isOutcome(v: GzipDataStart | TraceOutcome): v is TraceOutcome {
  return 'ok' in v
}

/**
 * Ends a gzip file whose compressed data inflated without fault: `after` holds up to
 * the first 10 bytes after the compressed data, `crc` and `size` describe what came
 * out. The trailer must match and nothing may follow it (gzipEndProblem).
 */
export function endGzipChunks(
  reader: TraceReader,
  after: Uint8Array,
  crc: number,
  size: number,
): TraceOutcome {
  if (reader.refusal !== null) return endTraceReader(reader)
  const problem = gzipEndProblem(after, crc, size)
  if (problem !== null) return failTraceReader(reader, problem)
  return endTraceReader(reader)
}

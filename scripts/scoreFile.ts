/**
 * Reads one trace file for the command line (scripts/score.ts) into the streaming
 * reader, in bounded memory whatever the file holds: 1 MiB chunks go straight to it
 * as bytes (feedTraceBytes: frame lines are never decoded to text), and gzip is
 * inflated by node:zlib's raw inflater no further ahead than the reader has got, its
 * container (header, CRC-32, length, nothing after it) checked by
 * src/core/trace/gzipMember.ts. A read error, at the start or mid-way, refuses the
 * file at the line reached. The chunking, the plain loop and the gzip header and trailer
 * rules are shared with the replay page's worker (src/core/trace/traceChunks.ts); the
 * inflater is node:zlib's here.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import * as zlib from 'node:zlib'
import type { StretchResult } from '../src/core/result.ts'
import { crc32 as crc32Js, GZIP_UNREADABLE, isGzip } from '../src/core/trace/gzipMember.ts'
import {
  endGzipChunks,
  isOutcome,
  readFirstChunk,
  readGzipStart,
  readPlainChunks,
  TRACE_CHUNK as CHUNK,
} from '../src/core/trace/traceChunks.ts'
import {
  createTraceReader,
  endTraceReader,
  failTraceReader,
  feedTraceBytes,
  type TraceOutcome,
  type TraceReader,
} from '../src/core/trace/traceReader.ts'
/** Inflated chunks waiting for the reader before the inflater is paused. */
const MAX_QUEUED = 2

/** node:zlib's CRC-32 (native, Node 20.15+), else the plain one. */
const crc32: (data: Uint8Array, crc: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data, crc) => zlib.crc32(data, crc)
    : (data, crc) => crc32Js(crc, data)

/** fs.readSync's shape: how the file is read (a test makes it fail mid-way). */
export type ReadBytes = (
  fd: number,
  buffer: Uint8Array,
  offset: number,
  length: number,
  position: null,
) => number

/** Reads the next chunk (up to CHUNK bytes) into `into`, or into a fresh buffer; empty at the end. */
type NextChunk = (into?: Uint8Array) => Buffer

export function errorCode(err: unknown): string {
  return err instanceof Error && 'code' in err ? String(err.code) : 'unreadable'
}

function cannotRead(err: unknown): string {
  return 'cannot read the file (' + errorCode(err) + ')'
}

/**
 * Scores one file, plain or gzip (by its magic bytes): each result goes to `onResult`
 * as its stretch closes; the outcome says whether the file was refused, and where.
 */
export async function scoreFile(
  file: string,
  onResult: (result: StretchResult) => void,
  read: ReadBytes = readSync,
): Promise<TraceOutcome> {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (err) {
    return { ok: false, line: 1, reason: cannotRead(err) }
  }
  const next: NextChunk = (into) => {
    const buf = into ?? Buffer.allocUnsafe(CHUNK)
    return Buffer.from(buf.buffer, buf.byteOffset, read(fd, buf, 0, CHUNK, null))
  }
  const reader = createTraceReader(file, onResult)
  try {
    const first = readFirstChunk(next)
    return isGzip(first)
      ? await scoreGzip(next, first, reader)
      : readPlainChunks(next, first, reader)
  } catch (err) {
    return failTraceReader(reader, cannotRead(err))
  } finally {
    closeSync(fd)
  }
}

/** What comes out of the raw inflater, on its way to the reader. */
interface Inflow {
  crc: number
  size: number
  /** the compressed data ended ('end') */
  ended: boolean
  error: Error | null
  /** resolves once the inflater ended or failed and every chunk it gave has been read */
  readonly settled: Promise<void>
}

/**
 * Passes the inflater's output to the reader. A chunk is only queued in the 'data'
 * handler and read on the next turn, so the inflater (on libuv's thread pool) makes the
 * next one meanwhile; past MAX_QUEUED chunks it is paused, and zlib then stops too:
 * a gzip bomb never inflates further ahead than the reader has got.
 */
function feedInflated(inflater: zlib.InflateRaw, reader: TraceReader): Inflow {
  const queue: Buffer[] = []
  let scheduled = false
  let finished = false
  let settle = (): void => {}
  const flow: Inflow = {
    crc: 0,
    size: 0,
    ended: false,
    error: null,
    settled: new Promise<void>((resolve) => {
      settle = resolve
    }),
  }
  const drain = (): void => {
    scheduled = false
    const chunk = queue.shift()
    if (chunk !== undefined && reader.refusal === null) feedTraceBytes(reader, chunk)
    if (queue.length < MAX_QUEUED && inflater.isPaused()) inflater.resume()
    if (queue.length > 0) schedule()
    else if (finished) settle()
  }
  const schedule = (): void => {
    if (scheduled) return
    scheduled = true
    setImmediate(drain)
  }
  inflater.on('data', (chunk: Buffer) => {
    flow.crc = crc32(chunk, flow.crc)
    flow.size += chunk.length
    queue.push(chunk)
    if (queue.length >= MAX_QUEUED) inflater.pause()
    schedule()
  })
  inflater.on('end', () => {
    flow.ended = true
    finished = true
    schedule()
  })
  inflater.on('error', (err) => {
    flow.error = err
    finished = true
    schedule()
  })
  return flow
}

/** Resolves when the inflater has taken what was written (or ended, failed or closed). */
function inflaterRoom(inflater: zlib.InflateRaw): Promise<void> {
  if (!inflater.writableNeedDrain || inflater.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      for (const name of ['drain', 'end', 'error', 'close'] as const) inflater.off(name, done)
      resolve()
    }
    for (const name of ['drain', 'end', 'error', 'close'] as const) inflater.on(name, done)
  })
}

/** Why zlib gave up on the compressed data. */
function inflateProblem(err: Error): string {
  const code = errorCode(err)
  if (code === 'Z_BUF_ERROR') return GZIP_UNREADABLE + ': it is cut short'
  return GZIP_UNREADABLE + ': its compressed data is damaged (' + err.message + ')'
}

/**
 * Scores a gzip file: header read here, the compressed data inflated by a raw inflater
 * (which stops at its end: a second member or trailing bytes are not inflated but
 * found after it), the trailer checked against what came out. The file is read
 * sequentially (a pipe works too) and no further ahead than the inflater has got.
 */
async function scoreGzip(
  next: NextChunk,
  first: Uint8Array,
  reader: TraceReader,
): Promise<TraceOutcome> {
  const start = readGzipStart(next, first, reader)
  if (isOutcome(start)) return start
  const inflater = zlib.createInflateRaw({ chunkSize: CHUNK })
  try {
    return await inflateRest(next, reader, inflater, start.offset, start.rest)
  } finally {
    inflater.destroy()
  }
}

/**
 * Inflates the compressed data that starts at file offset `dataStart` (its first bytes,
 * up to where the file has been read, in `rest`), then checks what follows it.
 */
async function inflateRest(
  next: NextChunk,
  reader: TraceReader,
  inflater: zlib.InflateRaw,
  dataStart: number,
  rest: Uint8Array,
): Promise<TraceOutcome> {
  const flow = feedInflated(inflater, reader)
  // The last chunks read, with their file offsets: the trailer lies among them (the
  // inflater ends inside the last chunk written, or right at its end).
  const recent: { offset: number; bytes: Uint8Array }[] = [{ offset: dataStart, bytes: rest }]
  let end = dataStart + rest.length
  if (rest.length > 0) inflater.write(rest)
  for (;;) {
    await inflaterRoom(inflater)
    if (flow.ended || flow.error !== null || reader.refusal !== null) break
    const chunk = next()
    if (chunk.length === 0) {
      inflater.end()
      break
    }
    recent.push({ offset: end, bytes: chunk })
    if (recent.length > 3) recent.shift()
    end += chunk.length
    inflater.write(chunk)
  }
  if (reader.refusal !== null) return endTraceReader(reader)
  await flow.settled
  if (flow.error !== null) return failTraceReader(reader, inflateProblem(flow.error))
  if (reader.refusal !== null) return endTraceReader(reader)
  // The 8-byte trailer, and 2 more: anything after it is refused, a second member by name.
  const tailStart = dataStart + inflater.bytesWritten
  const tail = new Uint8Array(10)
  let got = 0
  /** copies what `bytes` (at file offset `from`) holds of the tail still missing */
  const take = (bytes: Uint8Array, from: number): void => {
    const a = Math.max(tailStart + got, from)
    const b = Math.min(tailStart + tail.length, from + bytes.length)
    if (a !== tailStart + got || b <= a) return
    tail.set(bytes.subarray(a - from, b - from), got)
    got += b - a
  }
  for (const r of recent) take(r.bytes, r.offset)
  if (got === 0 && recent[0]!.offset > tailStart) {
    // cannot happen: the file is read no further ahead than the inflater
    return failTraceReader(reader, cannotRead(null))
  }
  while (got < tail.length && end <= tailStart + got) {
    const chunk = next()
    if (chunk.length === 0) break
    take(chunk, end)
    end += chunk.length
  }
  return endGzipChunks(reader, tail.subarray(0, got), flow.crc, flow.size)
}

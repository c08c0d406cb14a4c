/**
 * What the replay page's worker does (replayWorker.ts), as a plain function the
 * tests run directly: reads a trace file in 1 MiB chunks through the command line's
 * steps (src/core/trace/traceChunks.ts) into the same streaming reader, so its results
 * equal `npm run -s score` on the same file; posts progress as bytes are read; and
 * keeps, from the engine's live feedback and the frames it consumed, a compact track
 * for the page: a timeline at TIMELINE_HZ (progress, in the pose, hold seconds,
 * steadiness, stretch and side) and the ghost's poses at GHOST_HZ, in typed arrays
 * that are transferred, never re-parsed on the page.
 *
 * gzip: the header and trailer are the command line's (gzipMember.ts); the compressed
 * data goes through DecompressionStream('deflate-raw') instead of node:zlib. The
 * trailer of a well-formed file is its last 8 bytes, so the inflater is given what
 * lies before them.
 */
import type { LiveFeedback } from '../../core/engine/engine.ts'
import { crc32, GZIP_UNREADABLE, isGzip } from '../../core/trace/gzipMember.ts'
import {
  endGzipChunks,
  isOutcome,
  readFirstChunk,
  readGzipStart,
  readPlainChunks,
  TRACE_CHUNK,
  type NextChunk,
} from '../../core/trace/traceChunks.ts'
import {
  createTraceReader,
  endTraceReader,
  failTraceReader,
  feedTraceBytes,
  type TraceOutcome,
  type TraceReader,
} from '../../core/trace/traceReader.ts'
import type { PoseFrame } from '../../core/poseFrame.ts'
import type { StretchResult } from '../../core/result.ts'
import { STRETCH_IDS, type StretchId } from '../../core/stretches.ts'

/** Timeline samples per second of trace time. */
export const TIMELINE_HZ = 10
/** Ghost samples per second of trace time. */
export const GHOST_HZ = 30
/** Numbers per ghost sample: head x y z qx qy qz qw, left x y z, right x y z. */
export const GHOST_STRIDE = 13
/** ghostTracked bits */
export const TRACKED_HEAD = 1
export const TRACKED_LEFT = 2
export const TRACKED_RIGHT = 4
/** `stretch` of a sample taken before any stretch began */
export const NO_STRETCH = 255
/** `side` codes of a timeline sample */
export const SIDE_CODES = ['both', 'left', 'right'] as const
export const NO_SIDE = 3

/** The bytes of a file, read synchronously (a Blob through FileReaderSync in the worker; a buffer in tests). */
export interface ByteSource {
  readonly size: number
  /** `length` bytes from `offset` (fewer at the end), into `into` when given */
  read(offset: number, length: number, into?: Uint8Array): Uint8Array
}

/** One run of the same stretch and side in the trace, in trace seconds. */
export interface ReplaySegment {
  stretch: StretchId
  side: 'left' | 'right' | 'both' | null
  start: number
  end: number
}

/** What the page draws from: typed arrays (transferred) and a few segments. */
export interface ReplayTrack {
  /** trace time of each timeline sample */
  timeT: Float64Array
  /** LiveFeedback.progress, 0–1.2 */
  progress: Float32Array
  /** LiveFeedback.inPose, 0 or 1 */
  inPose: Uint8Array
  /** LiveFeedback.holdSeconds */
  hold: Float32Array
  /** LiveFeedback.stability, 0–1 */
  stability: Float32Array
  /** index into STRETCH_IDS, or NO_STRETCH */
  stretch: Uint8Array
  /** index into SIDE_CODES, or NO_SIDE */
  side: Uint8Array
  /** trace time of each ghost sample */
  ghostT: Float64Array
  /** GHOST_STRIDE numbers per ghost sample */
  ghost: Float32Array
  /** TRACKED_* bits per ghost sample */
  ghostTracked: Uint8Array
  segments: ReplaySegment[]
  /** trace time of the last frame the engine took */
  durationS: number
}

/** What the page sends the worker. */
export interface ReplayRequest {
  file: Blob
  name: string
}

/** What the worker sends back: progress (any number), then one `done`. */
export type ReplayMessage =
  | { type: 'progress'; read: number; total: number }
  | { type: 'done'; ok: true; name: string; results: StretchResult[]; track: ReplayTrack }
  | { type: 'done'; ok: false; name: string; line: number; reason: string; message: string }

/** The command line's text for a refused file: `<file>:<line>: <reason>`. */
export function refusalText(name: string, line: number, reason: string): string {
  return name + ':' + line + ': ' + reason
}

/** The buffers of a track, for postMessage's transfer list. */
export function trackTransfer(t: ReplayTrack): ArrayBuffer[] {
  return [
    t.timeT,
    t.progress,
    t.inPose,
    t.hold,
    t.stability,
    t.stretch,
    t.side,
    t.ghostT,
    t.ghost,
    t.ghostTracked,
  ].map((a) => a.buffer as ArrayBuffer)
}

/** Growable typed arrays of the track, doubled as they fill. */
class TrackBuilder {
  n = 0
  g = 0
  nextSample = 0
  nextGhost = 0
  timeT = new Float64Array(1024)
  progress = new Float32Array(1024)
  inPose = new Uint8Array(1024)
  hold = new Float32Array(1024)
  stability = new Float32Array(1024)
  stretch = new Uint8Array(1024)
  side = new Uint8Array(1024)
  ghostT = new Float64Array(1024)
  ghost = new Float32Array(1024 * GHOST_STRIDE)
  ghostTracked = new Uint8Array(1024)
  segments: ReplaySegment[] = []
  lastT = 0

  frame(f: PoseFrame, live: LiveFeedback): void {
    const t = f.t
    this.lastT = t
    if (t >= this.nextSample) {
      this.nextSample = (Math.floor(t * TIMELINE_HZ) + 1) / TIMELINE_HZ
      this.sample(t, live)
    }
    if (t >= this.nextGhost) {
      this.nextGhost = (Math.floor(t * GHOST_HZ) + 1) / GHOST_HZ
      this.ghostSample(f)
    }
  }

  private sample(t: number, live: LiveFeedback): void {
    if (this.n === this.timeT.length) {
      const cap = this.n * 2
      this.timeT = grow(this.timeT, new Float64Array(cap))
      this.progress = grow(this.progress, new Float32Array(cap))
      this.inPose = grow(this.inPose, new Uint8Array(cap))
      this.hold = grow(this.hold, new Float32Array(cap))
      this.stability = grow(this.stability, new Float32Array(cap))
      this.stretch = grow(this.stretch, new Uint8Array(cap))
      this.side = grow(this.side, new Uint8Array(cap))
    }
    const i = this.n++
    this.timeT[i] = t
    this.progress[i] = live.progress
    this.inPose[i] = live.inPose ? 1 : 0
    this.hold[i] = live.holdSeconds
    this.stability[i] = live.stability
    this.stretch[i] = live.stretch === null ? NO_STRETCH : STRETCH_IDS.indexOf(live.stretch)
    this.side[i] = live.side === null ? NO_SIDE : SIDE_CODES.indexOf(live.side)
    const seg = this.segments[this.segments.length - 1]
    if (live.stretch === null) return
    if (seg && seg.stretch === live.stretch && seg.side === live.side) seg.end = t
    else this.segments.push({ stretch: live.stretch, side: live.side, start: t, end: t })
  }

  private ghostSample(f: PoseFrame): void {
    if (this.g === this.ghostT.length) {
      const cap = this.g * 2
      this.ghostT = grow(this.ghostT, new Float64Array(cap))
      this.ghost = grow(this.ghost, new Float32Array(cap * GHOST_STRIDE))
      this.ghostTracked = grow(this.ghostTracked, new Uint8Array(cap))
    }
    const i = this.g++
    this.ghostT[i] = f.t
    const p = f.poses
    const o = i * GHOST_STRIDE
    for (let k = 0; k < 7; k++) this.ghost[o + k] = p[k]!
    for (let k = 0; k < 3; k++) this.ghost[o + 7 + k] = p[7 + k]!
    for (let k = 0; k < 3; k++) this.ghost[o + 10 + k] = p[14 + k]!
    this.ghostTracked[i] =
      (f.tracked[0] === 1 ? TRACKED_HEAD : 0) |
      (f.tracked[1] === 1 ? TRACKED_LEFT : 0) |
      (f.tracked[2] === 1 ? TRACKED_RIGHT : 0)
  }

  build(): ReplayTrack {
    const n = this.n
    const g = this.g
    const last = this.segments[this.segments.length - 1]
    if (last) last.end = this.lastT
    return {
      timeT: this.timeT.slice(0, n),
      progress: this.progress.slice(0, n),
      inPose: this.inPose.slice(0, n),
      hold: this.hold.slice(0, n),
      stability: this.stability.slice(0, n),
      stretch: this.stretch.slice(0, n),
      side: this.side.slice(0, n),
      ghostT: this.ghostT.slice(0, g),
      ghost: this.ghost.slice(0, g * GHOST_STRIDE),
      ghostTracked: this.ghostTracked.slice(0, g),
      segments: this.segments,
      durationS: this.lastT,
    }
  }
}

function grow<T extends Float64Array | Float32Array | Uint8Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/**
 * Reads the file at `src` and posts progress and then the outcome: the results (with
 * the track) or the refusal as the command line words it. Never throws.
 */
export async function scoreReplay(
  src: ByteSource,
  name: string,
  post: (m: ReplayMessage) => void,
): Promise<void> {
  const results: StretchResult[] = []
  const reader = createTraceReader(name, (r) => results.push(r))
  const track = new TrackBuilder()
  reader.onFrame = (f) => track.frame(f, reader.engine!.live)
  let outcome: TraceOutcome
  try {
    outcome = await readSource(src, reader, (read) =>
      post({ type: 'progress', read, total: src.size }),
    )
  } catch (err) {
    outcome = failTraceReader(reader, 'cannot read the file (' + errorName(err) + ')')
  }
  if (!outcome.ok) {
    post({
      type: 'done',
      ok: false,
      name,
      line: outcome.line,
      reason: outcome.reason,
      message: refusalText(name, outcome.line, outcome.reason),
    })
    return
  }
  post({ type: 'done', ok: true, name, results, track: track.build() })
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'unreadable'
}

/** The file read in order, as the shared steps want it; `limit` stops reads at the gzip trailer. */
interface Sequential {
  next: NextChunk
  pos: number
  limit: number
}

function sequential(src: ByteSource, onRead: (read: number) => void): Sequential {
  const s: Sequential = {
    pos: 0,
    limit: src.size,
    next: (into) => {
      const n = Math.min(TRACE_CHUNK, s.limit - s.pos)
      if (n <= 0) return new Uint8Array(0)
      const bytes = src.read(s.pos, n, into)
      s.pos += bytes.length
      onRead(s.pos)
      return bytes
    },
  }
  return s
}

async function readSource(
  src: ByteSource,
  reader: TraceReader,
  onRead: (read: number) => void,
): Promise<TraceOutcome> {
  const seq = sequential(src, onRead)
  const first = readFirstChunk(seq.next)
  if (!isGzip(first)) return readPlainChunks(seq.next, first, reader)
  const start = readGzipStart(seq.next, first, reader)
  if (isOutcome(start)) return start
  // A well-formed file ends with its 8-byte trailer: the inflater gets what lies before.
  const dataEnd = Math.max(start.offset, src.size - 8)
  seq.limit = dataEnd
  const rest = start.rest.subarray(0, Math.max(0, dataEnd - start.offset))
  const flow = { crc: 0, size: 0 }
  const problem = await inflateInto(seq, rest, reader, flow)
  if (problem !== null) {
    if (reader.refusal !== null) return endTraceReader(reader)
    const reason = problem === JUNK ? await junkProblem(src, start.offset, flow.size) : problem
    return failTraceReader(reader, reason)
  }
  onRead(src.size)
  return endGzipChunks(reader, src.read(dataEnd, 10), flow.crc, flow.size)
}

/** inflateInto's word for data after the end of the compressed data (browsers refuse it). */
const JUNK = 'junk'

/**
 * Compressed bytes per write to the inflater. A browser drops what one write inflated
 * to when it refuses the data after it (bytes past the end of the compressed data), so
 * small writes keep what such a file loses to a few lines at most.
 */
const INFLATE_PIECE = 16 * 1024

/** What `Promise.race` gives when the inflater has nothing more ready yet. */
const NOTHING_READY = Promise.resolve(null)
/** What `Promise.race` gives when a write to the inflater went through. */
const WRITTEN = 'written' as const

/**
 * Inflates the compressed data (rest, then the chunks up to seq.limit) into the
 * reader, a piece at a time, taking everything each piece inflated to before the
 * next: the browser's inflater then never holds output it could lose, and a file
 * cut short gives the reader every line the command line's zlib gives it. Returns
 * null when it inflated to its end, JUNK when bytes followed its end, or the refusal.
 */
async function inflateInto(
  seq: Sequential,
  rest: Uint8Array,
  reader: TraceReader,
  flow: { crc: number; size: number },
): Promise<string | null> {
  const ds = new DecompressionStream('deflate-raw')
  const writer = ds.writable.getWriter()
  const out = ds.readable.getReader()
  const readNext = () => {
    const p = out.read()
    // a refusal is read where it is awaited; until then it is not "unhandled"
    p.catch(() => {})
    return p
  }
  let pending = readNext()
  const feed = (value: Uint8Array): string | null => {
    flow.crc = crc32(flow.crc, value)
    flow.size += value.length
    feedTraceBytes(reader, value)
    return reader.refusal !== null ? reader.refusal.reason : null
  }
  // Once a write has resolved, what it inflated to is queued: take it all (a read of a
  // queued piece is already settled, so it wins the race against NOTHING_READY).
  const takeReady = async (): Promise<string | null> => {
    for (;;) {
      const got = await Promise.race([pending, NOTHING_READY])
      if (got === null || got.done) return null
      pending = readNext()
      const refused = feed(got.value)
      if (refused !== null) return refused
    }
  }
  try {
    for (let chunk = rest; chunk.length > 0; chunk = seq.next()) {
      for (let i = 0; i < chunk.length; i += INFLATE_PIECE) {
        const written = writer
          .write(chunk.subarray(i, i + INFLATE_PIECE) as Uint8Array<ArrayBuffer>)
          .then(() => WRITTEN)
        // read while the write waits (an inflater that works off the thread waits for room)
        for (;;) {
          const got = await Promise.race([pending, written])
          if (got === WRITTEN || got.done) break
          pending = readNext()
          const refused = feed(got.value)
          if (refused !== null) {
            await out.cancel().catch(() => {})
            return refused
          }
        }
        const refused = await takeReady()
        if (refused !== null) {
          await out.cancel().catch(() => {})
          return refused
        }
      }
    }
    const closing = writer.close()
    closing.catch(() => {})
    for (;;) {
      const got = await pending
      if (got.done) break
      pending = readNext()
      const refused = feed(got.value)
      if (refused !== null) {
        await out.cancel().catch(() => {})
        return refused
      }
    }
    await closing
    return null
  } catch (err) {
    return inflateProblem(err)
  }
}

/** The command line's words for what the inflater refused (scripts/scoreFile.ts inflateProblem). */
function inflateProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  if (/junk/i.test(message)) return JUNK
  if (/truncat|unexpected end/i.test(message) || (err as { code?: unknown }).code === 'Z_BUF_ERROR')
    return GZIP_UNREADABLE + ': it is cut short'
  // Chromium words it "The compressed data was not valid: <zlib's message>."
  const zlib = /not valid: (.*?)\.?$/.exec(message)
  return GZIP_UNREADABLE + ': its compressed data is damaged (' + (zlib ? zlib[1] : message) + ')'
}

/**
 * Bytes followed the compressed data. Browsers drop what the last write inflated to
 * when they refuse it, so the trailer cannot be found by its checksum as the command
 * line finds it; a gzip header (1f 8b 08) whose 4 bytes before it are a length no
 * shorter than what came out is taken for a second member, in the command line's words.
 */
async function junkProblem(src: ByteSource, from: number, size: number): Promise<string> {
  for (let at = from + 8; at < src.size; at += TRACE_CHUNK) {
    const bytes = src.read(at - 4, TRACE_CHUNK + 7)
    for (
      let i = bytes.indexOf(0x1f, 4);
      i >= 0 && i + 3 <= bytes.length;
      i = bytes.indexOf(0x1f, i + 1)
    ) {
      if (bytes[i + 1] !== 0x8b || bytes[i + 2] !== 8) continue
      const isize =
        (bytes[i - 4]! | (bytes[i - 3]! << 8) | (bytes[i - 2]! << 16) | (bytes[i - 1]! << 24)) >>> 0
      if (isize >= size % 0x100000000)
        return (
          GZIP_UNREADABLE + ': a second gzip member follows (concatenated gzip files are not read)'
        )
    }
    await Promise.resolve()
  }
  return GZIP_UNREADABLE + ': data follows the end of the gzip data'
}

/** A ByteSource over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  }
}

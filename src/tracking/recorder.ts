/**
 * Records a live session as a pose trace (docs/pose-trace.md): the header,
 * the session's events (a `stretch` event at the start of every stretch and
 * side, visibility, pause, resume, reset, pain), and every frame the
 * engine consumed. Frames are copied as raw doubles into preallocated chunks
 * (recordFrame allocates nothing but a new chunk every CHUNK_FRAMES frames),
 * and only the download writes them out with the codec's writer, so the file
 * holds the very numbers the engine consumed and replays to the live result
 * to the bit. Raw motion stays in memory until the user downloads it
 * (docs/product.md, Qualities).
 *
 * Call recordFrame and recordEvent right after the engine got the same frame or
 * event, with the same `t` (seconds since the session's first frame).
 */
import { createPoseFrame, POSE_COUNT, POSE_STRIDE, type PoseFrame } from '../core/poseFrame.ts'
import type { SessionEvent } from '../core/engine/events.ts'
import type { TraceSink } from '../core/session/runner.ts'
import {
  createTraceWriter,
  formatEventLine,
  formatHeaderLine,
  writeFrame,
  type TraceHeader,
} from '../core/trace/traceWriter.ts'

/** Doubles stored per frame: t, 3 × 7 pose numbers, one of packed flags (tracked, emulated, input bits). */
const FRAME_DOUBLES = 1 + POSE_COUNT * POSE_STRIDE + 1
/** Frames per storage chunk (≈ 45 s at 90 Hz, 754 KB). */
export const CHUNK_FRAMES = 4096

/** A session's trace in memory: header, frame chunks, and event lines with their place among the frames. */
export interface TraceRecorder {
  readonly header: TraceHeader
  readonly chunks: Float64Array[]
  /** frames recorded */
  frames: number
  /** event lines, each written after `eventAfter[i]` frames */
  readonly eventLines: string[]
  readonly eventAfter: number[]
}

/** Starts a recording with its header (recordedAt = the first frame's UTC time, eye height calibrated). */
export function createTraceRecorder(header: TraceHeader): TraceRecorder {
  return { header, chunks: [], frames: 0, eventLines: [], eventAfter: [] }
}

/** Stores the frame the engine just consumed: raw doubles, no allocation within a chunk. */
export function recordFrame(rec: TraceRecorder, frame: PoseFrame): void {
  const chunkIndex = Math.floor(rec.frames / CHUNK_FRAMES)
  if (chunkIndex === rec.chunks.length)
    rec.chunks.push(new Float64Array(CHUNK_FRAMES * FRAME_DOUBLES))
  const d = rec.chunks[chunkIndex]!
  let o = (rec.frames - chunkIndex * CHUNK_FRAMES) * FRAME_DOUBLES
  d[o++] = frame.t
  const p = frame.poses
  for (let k = 0; k < POSE_COUNT * POSE_STRIDE; k++) d[o++] = p[k]!
  let flags = 0
  for (let i = 0; i < POSE_COUNT; i++) {
    if (frame.tracked[i] === 1) flags |= 1 << i
    if (frame.emulated[i] === 1) flags |= 1 << (3 + i)
  }
  if (frame.input[0] === 1) flags |= 1 << 6
  if (frame.input[1] === 1) flags |= 1 << 7
  d[o] = flags
  rec.frames++
}

/** Stores an event (the one vocabulary of core/engine/events.ts) after the frames recorded so far. */
export function recordEvent(rec: TraceRecorder, ev: SessionEvent): void {
  rec.eventLines.push(formatEventLine(ev))
  rec.eventAfter.push(rec.frames)
}

/** The runner's sink that writes into this recording: frames and events in the order the engine took them. */
export function traceSink(rec: TraceRecorder): TraceSink {
  return {
    frame: (frame) => recordFrame(rec, frame),
    event: (ev) => recordEvent(rec, ev),
  }
}

/** Bytes of memory the recorded frames occupy. */
export function recordedBytes(rec: TraceRecorder): number {
  return rec.chunks.length * CHUNK_FRAMES * FRAME_DOUBLES * 8
}

/** Calls `emit` with every line of the trace in order (header, frames and events), without "\n". */
export function forEachTraceLine(rec: TraceRecorder, emit: (line: string) => void): void {
  emit(formatHeaderLine(rec.header))
  const writer = createTraceWriter()
  const frame = createPoseFrame()
  let e = 0
  for (let i = 0; i <= rec.frames; i++) {
    while (e < rec.eventLines.length && rec.eventAfter[e] === i) emit(rec.eventLines[e++]!)
    if (i === rec.frames) break
    const chunkIndex = Math.floor(i / CHUNK_FRAMES)
    const d = rec.chunks[chunkIndex]!
    let o = (i - chunkIndex * CHUNK_FRAMES) * FRAME_DOUBLES
    frame.t = d[o++]!
    for (let k = 0; k < POSE_COUNT * POSE_STRIDE; k++) frame.poses[k] = d[o++]!
    const flags = d[o]!
    for (let p = 0; p < POSE_COUNT; p++) {
      frame.tracked[p] = (flags >> p) & 1
      frame.emulated[p] = (flags >> (3 + p)) & 1
    }
    frame.input[0] = (flags >> 6) & 1
    frame.input[1] = (flags >> 7) & 1
    emit(writeFrame(writer, frame))
  }
}

/** The whole recording as JSON Lines text (every line ends with "\n"). */
export function recordedTraceText(rec: TraceRecorder): string {
  const parts: string[] = []
  forEachTraceLine(rec, (line) => parts.push(line))
  return parts.join('\n') + '\n'
}

/** The recording as a file body for a download (`.trace.jsonl`, UTF-8), built in parts of 4096 lines. */
export function recordedTraceBlob(rec: TraceRecorder): Blob {
  const parts: string[] = []
  let block: string[] = []
  forEachTraceLine(rec, (line) => {
    block.push(line)
    if (block.length === 4096) {
      parts.push(block.join('\n') + '\n')
      block = []
    }
  })
  if (block.length > 0) parts.push(block.join('\n') + '\n')
  return new Blob(parts, { type: 'application/x-ndjson' })
}

/** A file name from the header's recordedAt: `stretchcoach-2026-11-23T07-41-12Z.trace.jsonl`. */
export function traceFileName(rec: TraceRecorder): string {
  const stamp = rec.header.recordedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')
  const safe = /^[0-9TZ-]+$/.test(stamp) ? stamp : 'session'
  return 'stretchcoach-' + safe + '.trace.jsonl'
}

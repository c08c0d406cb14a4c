/**
 * Records a live session as a pose trace (../shared/spec/pose-trace.md): the
 * header, a `stretch` event at the start of every stretch and side, the
 * visibility / pause / resume / reset / pain events, and every frame line
 * written by the codec's writer from the very PoseFrame the engine consumed,
 * so replaying the recording gives the live result to the bit. Raw motion
 * stays in memory only, until the user downloads it (PRODUCT.md, Qualities).
 *
 * Call each record* function right after the engine got the same frame or
 * event, with the same `t` (seconds since the session's first frame). Recording
 * is opt-in and costs one string per frame; the engine path itself stays
 * allocation-free.
 */
import type { PoseFrame } from '../core/poseFrame.ts'
import type { StretchId } from '../core/stretches.ts'
import {
  createTraceWriter,
  formatEventLine,
  formatHeaderLine,
  writeFrame,
  type TraceHeader,
  type TraceWriter,
} from '../core/trace/traceWriter.ts'

/** Lines are gathered in blocks this long, then joined, to keep the object count low over an hour. */
const BLOCK_LINES = 2048

/** A session's trace in memory: joined blocks plus the block being filled. */
export interface TraceRecorder {
  readonly header: TraceHeader
  readonly writer: TraceWriter
  readonly blocks: string[]
  block: string[]
  /** frame lines written */
  frames: number
  /** event lines written */
  events: number
  /** UTF-16 code units held (≈ bytes of the ASCII text), newlines included */
  chars: number
}

/** Starts a recording with its header (recordedAt = the first frame's UTC time, eye height calibrated). */
export function createTraceRecorder(header: TraceHeader): TraceRecorder {
  const line = formatHeaderLine(header)
  return {
    header,
    writer: createTraceWriter(),
    blocks: [],
    block: [line],
    frames: 0,
    events: 0,
    chars: line.length + 1,
  }
}

function push(rec: TraceRecorder, line: string): void {
  rec.block.push(line)
  rec.chars += line.length + 1
  if (rec.block.length >= BLOCK_LINES) {
    rec.blocks.push(rec.block.join('\n') + '\n')
    rec.block = []
  }
}

/** Writes the frame the engine just consumed (null poses for untracked ones; `input` when it changes). */
export function recordFrame(rec: TraceRecorder, frame: PoseFrame): void {
  push(rec, writeFrame(rec.writer, frame))
  rec.frames++
}

/** A stretch (and side, for a one-sided one) starts at t seconds; targets only when not the defaults. */
export function recordStretch(
  rec: TraceRecorder,
  t: number,
  stretch: StretchId,
  side: 'left' | 'right' | null,
  targets?: { holdSeconds?: number; reps?: number },
): void {
  const event: {
    event: 'stretch'
    stretch: StretchId
    side?: 'left' | 'right'
    targets?: { holdSeconds?: number; reps?: number }
  } = { event: 'stretch', stretch }
  if (side) event.side = side
  if (targets && (targets.holdSeconds !== undefined || targets.reps !== undefined)) {
    event.targets = targets
  }
  push(rec, formatEventLine(t, event))
  rec.events++
}

/** The page's visibility changed at t seconds (anything but `visible` pauses scoring). */
export function recordVisibility(
  rec: TraceRecorder,
  t: number,
  state: 'visible' | 'visible-blurred' | 'hidden',
): void {
  push(rec, formatEventLine(t, { event: 'visibility', state }))
  rec.events++
}

/** The reference space was reset at t seconds (poses jump). */
export function recordReset(rec: TraceRecorder, t: number): void {
  push(rec, formatEventLine(t, { event: 'reset' }))
  rec.events++
}

/** The user paused at t seconds. */
export function recordPause(rec: TraceRecorder, t: number): void {
  push(rec, formatEventLine(t, { event: 'pause' }))
  rec.events++
}

/** The user resumed at t seconds. */
export function recordResume(rec: TraceRecorder, t: number): void {
  push(rec, formatEventLine(t, { event: 'resume' }))
  rec.events++
}

/** The user stopped for pain at t seconds: the current stretch ends. */
export function recordPain(rec: TraceRecorder, t: number): void {
  push(rec, formatEventLine(t, { event: 'pain' }))
  rec.events++
}

/** The whole recording as JSON Lines text (every line ends with "\n"). */
export function recordedTraceText(rec: TraceRecorder): string {
  const tail = rec.block.length > 0 ? rec.block.join('\n') + '\n' : ''
  return rec.blocks.join('') + tail
}

/** The recording as a file body for a download (`.trace.jsonl`, UTF-8). */
export function recordedTraceBlob(rec: TraceRecorder): Blob {
  return new Blob([recordedTraceText(rec)], { type: 'application/x-ndjson' })
}

/** A file name from the header's recordedAt: `stretchcoach-2026-11-23T07-41-12Z.trace.jsonl`. */
export function traceFileName(rec: TraceRecorder): string {
  const stamp = rec.header.recordedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')
  const safe = /^[0-9TZ-]+$/.test(stamp) ? stamp : 'session'
  return 'stretchcoach-' + safe + '.trace.jsonl'
}

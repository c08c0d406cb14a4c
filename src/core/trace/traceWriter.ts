/**
 * Writes pose-trace lines (pose-trace spec, version 1). Numbers use
 * JavaScript's shortest round-trip String(n), so the reader gets back the very
 * numbers the live engine consumed and a replay equals the live session to the
 * bit. Each function returns one line WITHOUT the trailing "\n".
 */
import type { SessionEvent } from '../engine/events.ts'
import { INPUT_HAND, type PoseFrame } from '../poseFrame.ts'
import type { StretchId } from '../stretches.ts'

/** The header line's fields. */
export interface TraceHeader {
  format: 'pose-trace'
  version: 1
  /** ISO 8601 UTC time of the first frame */
  recordedAt: string
  source: 'webxr' | 'emulated' | 'synthetic' | 'desktop'
  device?: string
  /** nominal display rate, Hz */
  refreshRate?: number
  /** standing eye height, metres */
  calibration: { eyeHeight: number }
  stretch?: StretchId
  side?: 'left' | 'right'
  targets?: { holdSeconds?: number; reps?: number }
}

/** Shortest round-trip text of a number; keeps −0; non-finite numbers (never valid) become 0. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '0'
  return Object.is(n, -0) ? '-0' : String(n)
}

/** The header line. */
export function formatHeaderLine(header: TraceHeader): string {
  return JSON.stringify(header)
}

/**
 * An event's line: `{"t":…,"event":…}` with the spec's fields (a stretch
 * event's `side` and `targets` only when set).
 */
export function formatEventLine(ev: SessionEvent): string {
  const head = '{"t":' + formatNumber(ev.t) + ',"event":"' + ev.kind + '"'
  switch (ev.kind) {
    case 'stretch': {
      let s = head + ',"stretch":' + JSON.stringify(ev.stretch)
      if (ev.side !== null) s += ',"side":"' + ev.side + '"'
      if (ev.holdSeconds !== null || ev.reps !== null) {
        const parts: string[] = []
        if (ev.holdSeconds !== null) parts.push('"holdSeconds":' + formatNumber(ev.holdSeconds))
        if (ev.reps !== null) parts.push('"reps":' + formatNumber(ev.reps))
        s += ',"targets":{' + parts.join(',') + '}'
      }
      return s + '}'
    }
    case 'visibility':
      return head + ',"state":"' + ev.state + '"}'
    default:
      return head + '}'
  }
}

function formatPose(frame: PoseFrame, i: number): string {
  if (frame.tracked[i] !== 1) return 'null'
  const p = frame.poses
  const o = i * 7
  for (let k = 0; k < 7; k++) if (!Number.isFinite(p[o + k]!)) return 'null'
  let s = '['
  for (let k = 0; k < 7; k++) s += (k > 0 ? ',' : '') + formatNumber(p[o + k]!)
  return s + ']'
}

const POSE_NAMES = ['head', 'left', 'right'] as const

/**
 * A frame line. `emulated` is written only when some tracked pose is emulated;
 * `input` only when it differs from the previous frame's (prevInputLeft/Right,
 * INPUT_CONTROLLER or INPUT_HAND; absent means controllers, as at a trace's start).
 */
export function formatFrameLine(frame: PoseFrame, prevInputLeft = 0, prevInputRight = 0): string {
  let s =
    '{"t":' +
    formatNumber(frame.t) +
    ',"head":' +
    formatPose(frame, 0) +
    ',"left":' +
    formatPose(frame, 1) +
    ',"right":' +
    formatPose(frame, 2)
  let em = ''
  for (let i = 0; i < 3; i++) {
    if (frame.tracked[i] === 1 && frame.emulated[i] === 1)
      em += (em ? ',' : '') + '"' + POSE_NAMES[i] + '"'
  }
  if (em) s += ',"emulated":[' + em + ']'
  const l = frame.input[0]!
  const r = frame.input[1]!
  if (l !== prevInputLeft || r !== prevInputRight) {
    s +=
      ',"input":{"left":"' +
      (l === INPUT_HAND ? 'hand' : 'controller') +
      '","right":"' +
      (r === INPUT_HAND ? 'hand' : 'controller') +
      '"}'
  }
  return s + '}'
}

/** Remembers the input in force so each frame line writes `input` only when it changes. */
export interface TraceWriter {
  readonly input: Uint8Array
}

/** A writer at the start of a trace (controllers in force). */
export function createTraceWriter(): TraceWriter {
  return { input: new Uint8Array(2) }
}

/** The frame line for `frame`, tracking the input in force. */
export function writeFrame(w: TraceWriter, frame: PoseFrame): string {
  const line = formatFrameLine(frame, w.input[0], w.input[1])
  w.input[0] = frame.input[0]!
  w.input[1] = frame.input[1]!
  return line
}

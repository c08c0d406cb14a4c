/**
 * Replays a pose trace in time: the preview's clock calls advanceReplay with
 * the trace time it has reached, and every line up to then goes, in file
 * order, through the codec's streaming reader into its engine, exactly as
 * `npm run -s score` reads it; the listener sees each frame the engine
 * consumed (to pose a ghost body) with the engine's live feedback, and each
 * event. The final result therefore equals the command line's, to the bit.
 */
import type { LiveFeedback } from '../core/engine/engine.ts'
import { createPoseFrame, type PoseFrame } from '../core/poseFrame.ts'
import {
  createTraceReader,
  endTraceReader,
  feedTraceText,
  QUAT_TOLERANCE,
  type TraceOutcome,
  type TraceReader,
} from '../core/trace/traceReader.ts'

/** What the preview hears while a trace plays. */
export interface ReplayListener {
  /** a frame the engine consumed; both objects are reused: read them now, keep nothing */
  frame?(frame: PoseFrame, live: LiveFeedback): void
  /** an event line (`stretch`, `visibility`, `reset`, `pause`, `resume`, `pain`, or unknown) at t seconds */
  event?(t: number, name: string): void
}

/** A trace being replayed. */
export interface TraceReplay {
  readonly reader: TraceReader
  readonly lines: readonly string[]
  /** trace time (s) at which each line is due; non-decreasing, so file order is kept */
  readonly due: Float64Array
  /** index of the next line to feed */
  next: number
  /** trace time of the last line, seconds */
  readonly durationSeconds: number
  readonly listener: ReplayListener
  /** the frame handed to the listener, filled from the accepted line */
  readonly frame: PoseFrame
  lastAcceptedT: number
  haveAccepted: boolean
  outcome: TraceOutcome | null
}

/** The `t` a line starts with (`{"t":<number>`), or NaN. */
function leadingT(line: string): number {
  if (!line.startsWith('{"t":')) return Number.NaN
  let end = 5
  while (end < line.length && line.charCodeAt(end) !== 44 && line.charCodeAt(end) !== 125) end++
  const t = Number(line.slice(5, end))
  return Number.isFinite(t) ? t : Number.NaN
}

/** Prepares a replay of a trace's text (already decompressed); nothing is fed yet. */
export function createTraceReplay(
  text: string,
  file?: string,
  listener: ReplayListener = {},
): TraceReplay {
  const lines = text.split('\n')
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  const due = new Float64Array(lines.length)
  let t = 0
  for (let i = 1; i < lines.length; i++) {
    const lt = leadingT(lines[i]!)
    if (lt > t) t = lt
    due[i] = t
  }
  return {
    reader: createTraceReader(file),
    lines,
    due,
    next: 0,
    durationSeconds: t,
    listener,
    frame: createPoseFrame(),
    lastAcceptedT: 0,
    haveAccepted: false,
    outcome: null,
  }
}

function readPose(frame: PoseFrame, i: number, v: unknown): boolean {
  if (v === null || v === undefined) {
    frame.tracked[i] = 0
    return true
  }
  if (!Array.isArray(v) || v.length !== 7) return false
  for (let k = 0; k < 7; k++) {
    const x: unknown = v[k]
    if (typeof x !== 'number' || !Number.isFinite(x)) return false
    frame.poses[i * 7 + k] = x
  }
  const o = i * 7 + 3
  const p = frame.poses
  const l = Math.sqrt(p[o]! ** 2 + p[o + 1]! ** 2 + p[o + 2]! ** 2 + p[o + 3]! ** 2)
  if (!(Math.abs(l - 1) <= QUAT_TOLERANCE)) return false
  frame.tracked[i] = 1
  return true
}

/**
 * Fills the listener's frame from a frame line when the spec's frame rules
 * accept it (valid JSON, `t` and `head`, poses null or 7 finite numbers with a
 * quaternion within 1 % of unit length, `t` not going back), as the reader does.
 */
function acceptForListener(r: TraceReplay, line: string): boolean {
  let o: unknown
  try {
    o = JSON.parse(line)
  } catch {
    return false
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false
  const rec = o as Record<string, unknown>
  if (typeof rec.t !== 'number' || !Number.isFinite(rec.t) || !('head' in rec)) return false
  if (r.haveAccepted && rec.t < r.lastAcceptedT) return false
  const f = r.frame
  if (!readPose(f, 0, rec.head) || !readPose(f, 1, rec.left) || !readPose(f, 2, rec.right)) {
    return false
  }
  f.t = rec.t
  f.emulated.fill(0)
  if (Array.isArray(rec.emulated)) {
    for (let i = 0; i < 3; i++) {
      if (f.tracked[i] === 1 && rec.emulated.includes(['head', 'left', 'right'][i])) {
        f.emulated[i] = 1
      }
    }
  }
  if (typeof rec.input === 'object' && rec.input !== null) {
    const inp = rec.input as Record<string, unknown>
    if (inp.left === 'hand' || inp.left === 'controller') f.input[0] = inp.left === 'hand' ? 1 : 0
    if (inp.right === 'hand' || inp.right === 'controller') {
      f.input[1] = inp.right === 'hand' ? 1 : 0
    }
  }
  r.lastAcceptedT = rec.t
  r.haveAccepted = true
  return true
}

function feedLine(r: TraceReplay, i: number): void {
  const line = r.lines[i]!
  feedTraceText(r.reader, line + '\n')
  if (i === 0 || r.reader.refusal !== null) return
  const listener = r.listener
  if (line.includes('"event"')) {
    if (listener.event) {
      try {
        const o = JSON.parse(line) as { t?: unknown; event?: unknown }
        if (typeof o.event === 'string') {
          listener.event(typeof o.t === 'number' ? o.t : r.due[i]!, o.event)
        }
      } catch {
        // not an event after all: the reader has counted it
      }
    }
    return
  }
  if (listener.frame && r.reader.engine && acceptForListener(r, line)) {
    listener.frame(r.frame, r.reader.engine.live)
  }
}

/**
 * Feeds every line due at or before `untilSeconds` of trace time. Returns
 * false once the whole trace has been fed (or the file was refused).
 */
export function advanceReplay(r: TraceReplay, untilSeconds: number): boolean {
  while (r.next < r.lines.length && r.reader.refusal === null) {
    if (r.next > 0 && r.due[r.next]! > untilSeconds) return true
    feedLine(r, r.next)
    r.next++
  }
  return false
}

/** Feeds what is left and returns the outcome (the same object on later calls). */
export function finishReplay(r: TraceReplay): TraceOutcome {
  if (r.outcome) return r.outcome
  advanceReplay(r, Number.POSITIVE_INFINITY)
  r.outcome = endTraceReader(r.reader)
  return r.outcome
}

/** The engine's live feedback while replaying (null before the header has been read). */
export function replayLive(r: TraceReplay): LiveFeedback | null {
  return r.reader.engine ? r.reader.engine.live : null
}

/**
 * Replays a pose trace in time: the preview's clock calls advanceReplay with
 * the trace time it has reached, and every line up to then goes, in file
 * order, through the codec's streaming reader into its engine, exactly as
 * `npm run -s score` reads it; the listener sees each frame the engine
 * consumed (to pose a ghost body) with the engine's live feedback, and each
 * event. The final result therefore equals the command line's, to the bit.
 */
import type { LiveFeedback } from '../core/engine/engine.ts'
import type { PoseFrame } from '../core/poseFrame.ts'
import {
  createTraceReader,
  endTraceReader,
  feedTraceText,
  MAX_JUMP_SECONDS,
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
  // each line keeps its "\n" (a last line without one stays pending in the reader until the end)
  const lines: string[] = []
  for (let a = 0; a < text.length;) {
    const nl = text.indexOf('\n', a)
    const b = nl < 0 ? text.length : nl + 1
    lines.push(text.slice(a, b))
    a = b
  }
  const lineT = new Float64Array(lines.length)
  for (let i = 1; i < lines.length; i++) lineT[i] = leadingT(lines[i]!)
  const due = new Float64Array(lines.length)
  let t = 0
  for (let i = 1; i < lines.length; i++) {
    const lt = lineT[i]!
    // A lone jump of more than MAX_JUMP_SECONDS is a bad frame to the reader: it must not
    // hold back the rest of the trace either (the reader's look-ahead, in time).
    if (lt > t && !(lt - t > MAX_JUMP_SECONDS && !jumpContinues(lineT, i))) t = lt
    due[i] = t
  }
  const reader = createTraceReader(file)
  const frame = listener.frame
  if (frame) reader.onFrame = (f) => frame(f, reader.engine!.live)
  return {
    reader,
    lines,
    due,
    next: 0,
    durationSeconds: t,
    listener,
    outcome: null,
  }
}

/** Whether the next line with a time (after line i) is at or after line i's. */
function jumpContinues(lineT: Float64Array, i: number): boolean {
  for (let k = i + 1; k < lineT.length; k++) {
    const t = lineT[k]!
    if (!Number.isNaN(t)) return t >= lineT[i]!
  }
  return false
}

function feedLine(r: TraceReplay, i: number): void {
  const line = r.lines[i]!
  const reader = r.reader
  // frames reach the listener through reader.onFrame, as the engine consumes them (a
  // frame held back by the reader's look-ahead arrives with the line after it)
  feedTraceText(reader, line)
  if (i === 0 || reader.refusal !== null || reader.engine === null) return
  const listener = r.listener
  if (listener.event && line.includes('"event"')) {
    try {
      const o = JSON.parse(line) as { t?: unknown; event?: unknown }
      if (typeof o.event === 'string') {
        listener.event(typeof o.t === 'number' ? o.t : r.due[i]!, o.event)
      }
    } catch {
      // not an event after all: the reader has counted it
    }
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

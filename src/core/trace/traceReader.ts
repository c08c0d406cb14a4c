/**
 * Streaming reader of pose traces (pose-trace spec, version 1): text (or UTF-8
 * bytes, feedTraceBytes) arrives in chunks of any size, each complete line is
 * validated and fed straight to a scoring engine. Every bad-input rule of the
 * spec is here: whole-file refusals name the line; bad frame lines are skipped
 * and counted. Nothing here throws on any input, and memory stays bounded
 * whatever the input: at most one line of MAX_LINE_BYTES is held, one frame is
 * held back (a jump of more than MAX_JUMP_SECONDS), and with onResult no
 * result is kept.
 */
import { isValidEyeHeight } from '../bodyModel.ts'
import {
  applyEngineEvent,
  createEngine,
  engineSkippedFrame,
  engineTraceSide,
  finishEngine,
  stepEngine,
  type Engine,
} from '../engine/engine.ts'
import { DOUBLE_FIELD } from '../engine/doubleField.ts'
import { stretchEvent, type SessionEvent } from '../engine/events.ts'
import {
  copyPoseFrame,
  createPoseFrame,
  INPUT_CONTROLLER,
  INPUT_HAND,
  type PoseFrame,
} from '../poseFrame.ts'
import type { StretchResult } from '../result.ts'
import { isStretchId, type StretchId } from '../stretches.ts'
import {
  KEY_ALL,
  SCAN_OK,
  scanFrameBytes,
  scanFrameLine,
  type ScanResult,
} from './frameLineScanner.ts'

/**
 * What reading a whole trace gives: one result per stretch run, in order, or a refusal
 * naming the line (pose-trace.md, Bad input). A reader given onResult hands each result
 * over as its stretch closes and ends with `results` empty; a refusal that comes later
 * (a stretch event naming an unknown stretch, a damaged gzip) does not take back what
 * was handed over.
 */
export type TraceOutcome =
  { ok: true; results: StretchResult[] } | { ok: false; line: number; reason: string }

/** Quaternions within this relative error of unit length are normalised; others make the frame bad. */
export const QUAT_TOLERANCE = 0.01

/**
 * A line longer than this (bytes before its LF; a real frame line is under 1 KB) is
 * skipped and counted without being kept: its bytes are dropped until its LF.
 */
export const MAX_LINE_BYTES = 1 << 20

/**
 * A line after the header that holds more values than this, counted as the commas and
 * opening brackets outside strings (a frame line has about 30), is skipped and counted
 * without being parsed: JSON.parse of a 1 MiB line of nested arrays or tiny objects
 * takes tens of milliseconds and tens of megabytes, line after line.
 */
export const MAX_LINE_VALUES = 10_000

/**
 * A frame more than this many seconds after the last accepted frame (after 0 for the
 * first) is held back until the next frame: one that continues from it makes it a long
 * gap (untracked time), one before it makes it a bad frame, skipped and counted.
 */
export const MAX_JUMP_SECONDS = 600

/** A reader in progress. */
export interface TraceReader {
  file: string | undefined
  line: number
  pending: string
  /** the start of an unfinished last line fed as bytes (feedTraceBytes), in pieces */
  readonly pendingBytes: Uint8Array[]
  /** bytes in pendingBytes */
  pendingLength: number
  /** the unfinished last line passed MAX_LINE_BYTES: what is left of it is dropped up to its LF */
  overlong: boolean
  engine: Engine | null
  /** receives each result as its stretch closes (createTraceReader), or null: endTraceReader returns them */
  readonly onResult: ((result: StretchResult) => void) | null
  /** called with each frame the engine consumed, right after it did (the replay poses a ghost body from it) */
  onFrame: ((frame: PoseFrame) => void) | null
  refusal: { line: number; reason: string } | null
  headerStretch: StretchId | null
  headerSide: 'left' | 'right' | null
  headerHold: number | null
  headerReps: number | null
  headerApplied: boolean
  stretchNamed: boolean
  haveFrame: boolean
  /** frames the engine consumed (valid, in order) */
  acceptedFrames: number
  /** t of the last frame the engine consumed */
  lastT: number
  readonly frame: PoseFrame
  readonly scan: ScanResult
  /** input in force (0 controller, 1 hand) per hand; frames change it only when accepted */
  readonly input: Uint8Array
  readonly pendingInput: Uint8Array
  /** a frame that jumped more than MAX_JUMP_SECONDS ahead, waiting for the next one (holding) */
  holding: boolean
  readonly held: PoseFrame
  /** the input the held frame brings in */
  readonly heldInput: Uint8Array
}

/**
 * Starts reading a trace; `file` is copied into every result. With `onResult` each result
 * goes there as its stretch closes (memory stays flat however many a trace holds) and
 * endTraceReader returns none; without it endTraceReader returns them all.
 */
export function createTraceReader(
  file?: string,
  onResult?: (result: StretchResult) => void,
): TraceReader {
  const r: TraceReader = {
    file,
    line: 0,
    pending: '',
    pendingBytes: [],
    pendingLength: 0,
    overlong: false,
    engine: null,
    onResult:
      onResult === undefined
        ? null
        : file === undefined
          ? onResult
          : (res: StretchResult) => onResult({ file, ...res }),
    onFrame: null,
    refusal: null,
    headerStretch: null,
    headerSide: null,
    headerHold: null,
    headerReps: null,
    headerApplied: false,
    stretchNamed: false,
    haveFrame: false,
    acceptedFrames: 0,
    lastT: DOUBLE_FIELD, // frame times: see there
    frame: createPoseFrame(),
    scan: { keys: 0 },
    input: new Uint8Array(2),
    pendingInput: new Uint8Array(2),
    holding: false,
    held: createPoseFrame(),
    heldInput: new Uint8Array(2),
  }
  r.lastT = 0
  return r
}

function refuse(r: TraceReader, line: number, reason: string): void {
  if (r.refusal === null) r.refusal = { line, reason }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function readTargets(v: unknown): { hold: number | null; reps: number | null } {
  if (!isObject(v)) return { hold: null, reps: null }
  const hold =
    typeof v.holdSeconds === 'number' && Number.isFinite(v.holdSeconds) && v.holdSeconds > 0
      ? v.holdSeconds
      : null
  const reps = typeof v.reps === 'number' && Number.isFinite(v.reps) && v.reps >= 1 ? v.reps : null
  return { hold, reps }
}

function readSide(v: unknown): 'left' | 'right' | null {
  return v === 'left' || v === 'right' ? v : null
}

function readHeader(r: TraceReader, text: string): void {
  let h: unknown
  try {
    h = JSON.parse(text)
  } catch {
    refuse(r, 1, 'the header is not valid JSON (the first line must be the pose-trace header)')
    return
  }
  if (!isObject(h)) {
    refuse(r, 1, 'the header is missing: the first line must be a JSON object')
    return
  }
  if (h.format !== 'pose-trace') {
    refuse(
      r,
      1,
      h.format === undefined
        ? 'the header is missing ("format": "pose-trace" not found on the first line)'
        : 'wrong format: expected "pose-trace"',
    )
    return
  }
  if (h.version !== 1) {
    refuse(r, 1, 'unsupported version: expected 1')
    return
  }
  const cal = h.calibration
  const eye = isObject(cal) ? cal.eyeHeight : undefined
  if (typeof eye !== 'number') {
    refuse(r, 1, 'calibration.eyeHeight is missing')
    return
  }
  if (!isValidEyeHeight(eye)) {
    refuse(r, 1, 'calibration.eyeHeight ' + String(eye) + ' m is outside 0.5–2.3 m')
    return
  }
  if (h.stretch !== undefined) {
    if (!isStretchId(h.stretch)) {
      refuse(r, 1, 'unknown stretch id ' + JSON.stringify(h.stretch).slice(0, 60))
      return
    }
    r.headerStretch = h.stretch
    r.stretchNamed = true
  }
  r.headerSide = readSide(h.side)
  const targets = readTargets(h.targets)
  r.headerHold = targets.hold
  r.headerReps = targets.reps
  r.engine =
    r.onResult === null
      ? createEngine({ eyeHeightM: eye })
      : createEngine({ eyeHeightM: eye, onResult: r.onResult })
  // A header side says the whole trace holds that one side: scored on it alone.
  if (r.headerStretch !== null && r.headerSide !== null) {
    engineTraceSide(r.engine, r.headerStretch, r.headerSide)
  }
}

/** The header's stretch acts as a stretch event at the first frame's (or event's) time. */
function applyHeader(r: TraceReader, engine: Engine, t: number): void {
  if (r.headerApplied) return
  r.headerApplied = true
  if (r.headerStretch !== null)
    applyEngineEvent(
      engine,
      stretchEvent(t, r.headerStretch, r.headerSide, r.headerHold, r.headerReps),
    )
}

function readPoseValue(frame: PoseFrame, i: number, v: unknown): boolean {
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
  frame.tracked[i] = 1
  return true
}

/** Whether the line holds more than MAX_LINE_VALUES values (see there), found without parsing it. */
function hasTooManyValues(text: string): boolean {
  let n = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if ((c === 44 || c === 91 || c === 123) && ++n > MAX_LINE_VALUES) return true
  }
  return false
}

/** Handles a line that is not the header with JSON.parse: events, and frames the scanner passed on. */
function readGenericLine(r: TraceReader, engine: Engine, text: string): void {
  if (hasTooManyValues(text)) {
    engineSkippedFrame(engine)
    return
  }
  let o: unknown
  try {
    o = JSON.parse(text)
  } catch {
    engineSkippedFrame(engine)
    return
  }
  if (!isObject(o)) {
    engineSkippedFrame(engine)
    return
  }
  if (typeof o.event === 'string') {
    readEvent(r, engine, o, o.event)
    return
  }
  const frame = r.frame
  if (
    typeof o.t !== 'number' ||
    !Number.isFinite(o.t) ||
    !('head' in o) ||
    !('left' in o) ||
    !('right' in o)
  ) {
    engineSkippedFrame(engine)
    return
  }
  frame.t = o.t
  frame.emulated.fill(0)
  if (
    !readPoseValue(frame, 0, o.head) ||
    !readPoseValue(frame, 1, o.left) ||
    !readPoseValue(frame, 2, o.right)
  ) {
    engineSkippedFrame(engine)
    return
  }
  if (Array.isArray(o.emulated)) {
    for (const name of o.emulated) {
      if (name === 'head') frame.emulated[0] = 1
      else if (name === 'left') frame.emulated[1] = 1
      else if (name === 'right') frame.emulated[2] = 1
    }
  }
  r.pendingInput[0] = r.input[0]!
  r.pendingInput[1] = r.input[1]!
  if (isObject(o.input)) {
    for (let h = 0; h < 2; h++) {
      const v = o.input[h === 0 ? 'left' : 'right']
      if (v === 'hand') r.pendingInput[h] = INPUT_HAND
      else if (v === 'controller') r.pendingInput[h] = INPUT_CONTROLLER
    }
  }
  acceptFrame(r, engine)
}

/** An event line as the session vocabulary (events.ts), or null for one readers ignore. */
function eventOf(o: Record<string, unknown>, event: string, t: number): SessionEvent | null {
  switch (event) {
    case 'visibility': {
      const s = o.state
      return s === 'visible' || s === 'visible-blurred' || s === 'hidden'
        ? { kind: 'visibility', t, state: s }
        : null
    }
    case 'reset':
    case 'pause':
    case 'resume':
    case 'pain':
      return { kind: event, t }
    default:
      return null
  }
}

function readEvent(
  r: TraceReader,
  engine: Engine,
  o: Record<string, unknown>,
  event: string,
): void {
  // NaN when the event has no usable time: it then takes the last frame's
  const given = typeof o.t === 'number' && Number.isFinite(o.t) ? o.t : Number.NaN
  if (event === 'stretch') {
    if (!isStretchId(o.stretch)) {
      refuse(
        r,
        r.line,
        'unknown stretch id ' +
          (JSON.stringify(o.stretch) ?? 'undefined').slice(0, 60) +
          ' in a stretch event',
      )
      return
    }
    // The event comes after a held frame: its time tells whether the jump goes on.
    if (r.holding) settleHeld(r, engine, given)
    r.stretchNamed = true
    r.headerApplied = true
    const targets = readTargets(o.targets)
    applyEngineEvent(
      engine,
      stretchEvent(
        Number.isNaN(given) ? r.lastT : given,
        o.stretch,
        readSide(o.side),
        targets.hold,
        targets.reps,
      ),
    )
    return
  }
  // Readers ignore events they do not know: such a line settles no held frame.
  if (r.holding && eventOf(o, event, 0) !== null) settleHeld(r, engine, given)
  const t = Number.isNaN(given) ? r.lastT : given
  applyHeader(r, engine, t)
  const ev = eventOf(o, event, t)
  if (ev !== null) applyEngineEvent(engine, ev)
}

/**
 * Applies the frame rules to r.frame (quaternion length, t order, the jump look-ahead)
 * and steps the engine with what they let through.
 */
function acceptFrame(r: TraceReader, engine: Engine): void {
  const frame = r.frame
  const p = frame.poses
  for (let i = 0; i < 3; i++) {
    if (frame.tracked[i] !== 1) {
      frame.emulated[i] = 0
      continue
    }
    const o = i * 7 + 3
    const l = Math.sqrt(
      p[o]! * p[o]! + p[o + 1]! * p[o + 1]! + p[o + 2]! * p[o + 2]! + p[o + 3]! * p[o + 3]!,
    )
    // Within 1 % the engine normalises it (it does so live too, so live and replay agree).
    if (!(Math.abs(l - 1) <= QUAT_TOLERANCE)) {
      engineSkippedFrame(engine)
      return
    }
  }
  if (r.holding) settleHeld(r, engine, frame.t)
  // Order is judged against the last frame the engine consumed (a lone jump never was).
  if (r.haveFrame && frame.t < r.lastT) {
    engineSkippedFrame(engine)
    return
  }
  if (frame.t - (r.haveFrame ? r.lastT : 0) > MAX_JUMP_SECONDS) {
    // One absurd timestamp must not end the trace (every later frame would be "going
    // back"), nor may a real long gap be lost: the next frame decides (settleHeld).
    copyPoseFrame(r.held, frame)
    r.heldInput[0] = r.pendingInput[0]!
    r.heldInput[1] = r.pendingInput[1]!
    r.holding = true
    return
  }
  consumeFrame(r, engine, frame, r.pendingInput)
}

/**
 * The held frame meets what follows it, at time t (NaN for an event without a time):
 * at or after the held frame the jump is continued, a long gap, and the engine consumes
 * it; before it (or NaN) it was one bad timestamp, skipped and counted.
 */
function settleHeld(r: TraceReader, engine: Engine, t: number): void {
  r.holding = false
  if (t >= r.held.t) consumeFrame(r, engine, r.held, r.heldInput)
  else engineSkippedFrame(engine)
}

/** Steps the engine with an accepted frame, bringing in the input it carries. */
function consumeFrame(r: TraceReader, engine: Engine, frame: PoseFrame, input: Uint8Array): void {
  r.input[0] = input[0]!
  r.input[1] = input[1]!
  frame.input[0] = r.input[0]!
  frame.input[1] = r.input[1]!
  applyHeader(r, engine, frame.t)
  r.haveFrame = true
  r.lastT = frame.t
  r.acceptedFrames++
  stepEngine(engine, frame)
  if (r.onFrame !== null) r.onFrame(frame)
}

/** A line longer than MAX_LINE_BYTES ended (its bytes were not kept): skipped and counted. */
function skipLongLine(r: TraceReader): void {
  if (r.refusal !== null) return
  r.line++
  if (r.line === 1) {
    refuse(r, 1, 'the first line is longer than 1 MiB: it is not a pose-trace header')
    return
  }
  if (r.engine !== null) engineSkippedFrame(r.engine)
}

/** UTF-8 length of s[start, end), counted only up to just past `limit`. */
function utf8LengthOver(s: string, start: number, end: number, limit: number): boolean {
  let n = 0
  for (let p = start; p < end && n <= limit; p++) {
    const c = s.charCodeAt(p)
    if (c < 0x80) n++
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && p + 1 < end) {
      const d = s.charCodeAt(p + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4
        p++
      } else n += 3
    } else n += 3
  }
  return n > limit
}

/** Whether the text line s[start, end) is longer than MAX_LINE_BYTES in UTF-8, as the file holds it. */
function textLineTooLong(s: string, start: number, end: number): boolean {
  const units = end - start
  // every UTF-16 unit is at least one byte and at most three
  if (units > MAX_LINE_BYTES) return true
  if (units * 3 <= MAX_LINE_BYTES) return false
  return utf8LengthOver(s, start, end, MAX_LINE_BYTES)
}

function readLine(r: TraceReader, s: string, start: number, end: number): void {
  if (r.refusal !== null) return
  if (textLineTooLong(s, start, end)) {
    skipLongLine(r)
    return
  }
  r.line++
  if (end > start && s.charCodeAt(end - 1) === 13) end--
  if (r.line === 1) {
    let a = start
    if (s.charCodeAt(a) === 0xfeff) a++
    readHeader(r, s.slice(a, end))
    return
  }
  const engine = r.engine
  if (engine === null) return
  // Blank lines carry nothing: not a frame, not counted.
  let blank = true
  for (let p = start; p < end; p++) {
    const c = s.charCodeAt(p)
    if (c !== 32 && c !== 9) {
      blank = false
      break
    }
  }
  if (blank) return
  readBody(r, engine, s, start, end)
}

/** A line after the header that is not blank (CR already cut off): a frame or an event. */
function readBody(r: TraceReader, engine: Engine, s: string, start: number, end: number): void {
  if (scanFrameLine(s, start, end, r.frame, r.scan) === SCAN_OK) {
    takeScannedFrame(r, engine)
    return
  }
  readGenericLine(r, engine, s.slice(start, end))
}

/** A frame line the scanner read into r.frame and r.scan: checks its keys and t, then the frame rules. */
function takeScannedFrame(r: TraceReader, engine: Engine): void {
  if (r.scan.keys !== KEY_ALL || !Number.isFinite(r.frame.t)) {
    engineSkippedFrame(engine)
    return
  }
  r.pendingInput[0] = r.input[0]!
  r.pendingInput[1] = r.input[1]!
  acceptFrame(r, engine)
}

let utf8: TextDecoder | null = null

/**
 * One line's bytes as text: UTF-8 with U+FFFD for bad bytes, like the command line's
 * decoder, keeping a U+FEFF (line 1 drops it itself). Decoding each line alone gives
 * the same text as decoding the whole stream: no UTF-8 sequence spans a LF byte.
 */
function decodeLine(b: Uint8Array, start: number, end: number): string {
  utf8 ??= new TextDecoder('utf-8', { ignoreBOM: true })
  return utf8.decode(b.subarray(start, end))
}

/**
 * readLine over one line's bytes b[start, end): frame lines the byte scanner reads in
 * full go to the engine as they are, anything else is decoded and read as text. The
 * byte scanner accepts a subset of what the text scanner accepts and writes the same
 * numbers, so a line it gives up on and the text scanner then reads ends with the
 * frame exactly as the text path alone leaves it.
 */
function readLineBytes(r: TraceReader, b: Uint8Array, start: number, end: number): void {
  if (r.refusal !== null) return
  const engine = r.engine
  if (r.line === 0 || engine === null) {
    const text = decodeLine(b, start, end)
    readLine(r, text, 0, text.length)
    return
  }
  r.line++
  if (end > start && b[end - 1] === 13) end--
  let blank = true
  for (let p = start; p < end; p++) {
    const c = b[p]!
    if (c !== 32 && c !== 9) {
      blank = false
      break
    }
  }
  if (blank) return
  if (scanFrameBytes(b, start, end, r.frame, r.scan) === end) {
    takeScannedFrame(r, engine)
    return
  }
  const text = decodeLine(b, start, end)
  readBody(r, engine, text, 0, text.length)
}

/** The pending pieces and `tail` as one array (the pieces are emptied). */
function joinPendingBytes(r: TraceReader, tail: Uint8Array): Uint8Array {
  const line = new Uint8Array(r.pendingLength + tail.length)
  let o = 0
  for (const piece of r.pendingBytes) {
    line.set(piece, o)
    o += piece.length
  }
  line.set(tail, o)
  dropPendingBytes(r)
  return line
}

function dropPendingBytes(r: TraceReader): void {
  r.pendingBytes.length = 0
  r.pendingLength = 0
}

/**
 * Keeps b[start, end), the start of a line whose LF has not come yet; once the line
 * passes MAX_LINE_BYTES nothing more of it is kept.
 */
function holdPendingBytes(r: TraceReader, b: Uint8Array, start: number, end: number): void {
  if (r.overlong) return
  if (r.pendingLength + (end - start) > MAX_LINE_BYTES) {
    dropPendingBytes(r)
    r.overlong = true
    return
  }
  r.pendingBytes.push(b.slice(start, end))
  r.pendingLength += end - start
}

/**
 * Feeds the next chunk of UTF-8 bytes: the same trace as feedTraceText would get
 * decoded, with the same outcome, but frame lines are scanned as bytes and never
 * decoded. Complete lines are read at once, a partial last line is copied and waits
 * (up to MAX_LINE_BYTES: past that it is dropped up to its LF, a skipped frame).
 * Feed one reader either bytes or text, not both.
 */
export function feedTraceBytes(r: TraceReader, bytes: Uint8Array): void {
  if (r.refusal !== null || bytes.length === 0) return
  // A subclass (Node's Buffer) seen next to plain arrays would make every byte read
  // in the scanner polymorphic: read all of them through a plain view.
  const chunk =
    bytes.constructor === Uint8Array
      ? bytes
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let pos = 0
  if (r.overlong || r.pendingLength > 0) {
    const nl = chunk.indexOf(10)
    if (nl < 0) {
      holdPendingBytes(r, chunk, 0, chunk.length)
      return
    }
    if (r.overlong || r.pendingLength + nl > MAX_LINE_BYTES) {
      r.overlong = false
      dropPendingBytes(r)
      skipLongLine(r)
    } else {
      const first = joinPendingBytes(r, chunk.subarray(0, nl))
      readLineBytes(r, first, 0, first.length)
    }
    pos = nl + 1
  }
  // Lines up to the last LF are whole. A frame line among them (after the header) is
  // scanned where it lies, and the scan finds its LF: no separate search for it.
  const last = chunk.lastIndexOf(10)
  const frame = r.frame
  const scan = r.scan
  while (pos <= last) {
    if (r.refusal !== null) return
    const engine = r.engine
    if (chunk[pos] === 123 && r.line > 0 && engine !== null) {
      const nl = scanFrameBytes(chunk, pos, last, frame, scan)
      if (nl >= 0 && nl - pos <= MAX_LINE_BYTES) {
        r.line++
        takeScannedFrame(r, engine)
        pos = nl + 1
        continue
      }
    }
    const nl = chunk.indexOf(10, pos)
    if (nl - pos > MAX_LINE_BYTES) skipLongLine(r)
    else readLineBytes(r, chunk, pos, nl)
    pos = nl + 1
  }
  if (pos < chunk.length && r.refusal === null) holdPendingBytes(r, chunk, pos, chunk.length)
}

/**
 * Feeds the next chunk of text; complete lines are read at once, a partial last line
 * waits (up to MAX_LINE_BYTES in UTF-8: past that it is dropped up to its LF, a skipped
 * frame).
 */
export function feedTraceText(r: TraceReader, chunk: string): void {
  if (r.refusal !== null || chunk.length === 0) return
  let pos = 0
  if (r.overlong || r.pending.length > 0) {
    const nl = chunk.indexOf('\n')
    if (nl < 0) {
      holdPendingText(r, chunk, 0)
      return
    }
    if (r.overlong || r.pending.length + nl > MAX_LINE_BYTES) {
      r.overlong = false
      r.pending = ''
      skipLongLine(r)
    } else {
      const first = r.pending + chunk.slice(0, nl)
      r.pending = ''
      readLine(r, first, 0, first.length)
    }
    pos = nl + 1
  }
  for (;;) {
    const nl = chunk.indexOf('\n', pos)
    if (nl < 0) break
    readLine(r, chunk, pos, nl)
    pos = nl + 1
  }
  if (pos < chunk.length && r.refusal === null) holdPendingText(r, chunk, pos)
}

/** The text counterpart of holdPendingBytes (lengths in UTF-16 units, each at least a byte). */
function holdPendingText(r: TraceReader, chunk: string, start: number): void {
  if (r.overlong) return
  if (r.pending.length + (chunk.length - start) > MAX_LINE_BYTES) {
    r.pending = ''
    r.overlong = true
    return
  }
  r.pending += start === 0 ? chunk : chunk.slice(start)
}

/**
 * The line a transport failure is reported at: the lines read so far, and the one
 * under way when its start has come (at least 1).
 */
export function traceLineReached(r: TraceReader): number {
  const partial = r.overlong || r.pendingLength > 0 || r.pending.length > 0
  return Math.max(1, r.line + (partial ? 1 : 0))
}

/**
 * Ends a trace whose bytes could not all be read (a damaged or cut gzip, a read error):
 * refused at the line reached, unless a refusal came first. Results already handed to
 * onResult stay handed over; the stretch under way gets none.
 */
export function failTraceReader(r: TraceReader, reason: string): TraceOutcome {
  if (r.refusal === null) refuse(r, traceLineReached(r), reason)
  dropPendingBytes(r)
  r.pending = ''
  r.overlong = false
  r.holding = false
  return { ok: false, line: r.refusal!.line, reason: r.refusal!.reason }
}

/**
 * Ends the trace: reads a last unterminated line (a truncated one is a skipped frame),
 * settles a held frame (nothing continues it: skipped) and scores. The results are
 * returned, or, for a reader given onResult, handed over as the last stretch closes.
 */
export function endTraceReader(r: TraceReader): TraceOutcome {
  if (r.overlong) {
    r.overlong = false
    skipLongLine(r)
  }
  if (r.pendingLength > 0) {
    const last = joinPendingBytes(r, new Uint8Array(0))
    readLineBytes(r, last, 0, last.length)
  }
  if (r.pending.length > 0) {
    const last = r.pending
    r.pending = ''
    readLine(r, last, 0, last.length)
  }
  if (r.refusal === null && r.line === 0) refuse(r, 1, 'the file is empty')
  if (r.refusal === null && r.engine === null) refuse(r, 1, 'the header is missing')
  if (r.refusal === null && !r.stretchNamed) {
    refuse(
      r,
      1,
      'no stretch is named: neither the header nor any stretch event says which stretch this is',
    )
  }
  if (r.refusal !== null) return { ok: false, line: r.refusal.line, reason: r.refusal.reason }
  const engine = r.engine!
  if (r.holding) settleHeld(r, engine, Number.NaN)
  // A named stretch with no usable frame still gets its (zero) result.
  applyHeader(r, engine, r.lastT)
  const results = finishEngine(engine)
  const file = r.file
  return {
    ok: true,
    results: file === undefined ? results : results.map((res) => ({ file, ...res })),
  }
}

/**
 * A hand-written scanner for the common shape of a pose-trace frame line,
 * `{"t":…,"head":[7 numbers]|null,"left":…,"right":…,"emulated":[…]}`, that
 * fills a PoseFrame without building objects: JSON.parse per line would cost
 * about half a second on a one-hour trace. Anything it does not fully
 * understand (other keys, escapes, `input`, odd numbers) it hands back as
 * SCAN_FALLBACK, and the reader parses that line with JSON.parse instead, so
 * both paths accept exactly the same lines.
 */
import type { PoseFrame } from '../poseFrame.ts'

/** The line was read into the frame and the key flags. */
export const SCAN_OK = 0
/** Use JSON.parse for this line. */
export const SCAN_FALLBACK = 1

/** Which keys the scanned line held (bit flags in ScanResult.keys). */
export const KEY_T = 1
/** See KEY_T. */
export const KEY_HEAD = 2
/** See KEY_T. */
export const KEY_LEFT = 4
/** See KEY_T. */
export const KEY_RIGHT = 8
/** A frame line needs all four keys (pose-trace spec: t, head, left, right are required). */
export const KEY_ALL = 15

/** What a scan found besides the poses it wrote into the frame. */
export interface ScanResult {
  keys: number
}

const C_QUOTE = 34
const C_COMMA = 44
const C_MINUS = 45
const C_PLUS = 43
const C_DOT = 46
const C_0 = 48
const C_9 = 57
const C_COLON = 58
const C_LBRACKET = 91
const C_RBRACKET = 93
const C_BACKSLASH = 92
const C_LBRACE = 123
const C_RBRACE = 125
const C_E = 101
const C_UPPER_E = 69
const C_N = 110

/** Exact powers of ten (every one up to 1e22 is a double exactly). */
const POW10 = new Float64Array(23)
for (let i = 0; i < 23; i++) POW10[i] = Number('1e' + i)

// Scanner position and last number: module state, the scan runs to completion.
// The number lives in a typed array: a double stored in a module `let` is boxed
// (a heap allocation) on every store.
let _pos = 0
const _num = new Float64Array(1)

function skipWs(s: string, end: number): void {
  while (_pos < end) {
    const c = s.charCodeAt(_pos)
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return
    _pos++
  }
}

/**
 * Reads a JSON number at _pos into _num[0]. With at most 15 digits in all and no
 * exponent it is m / 10^k, both exact, so the division rounds correctly (the
 * classic fast path); anything longer goes to Number() on the slice, exact too.
 */
function readNumber(s: string, end: number): boolean {
  const start = _pos
  let p = start
  let c = p < end ? s.charCodeAt(p) : 0
  const neg = c === C_MINUS
  if (neg) c = ++p < end ? s.charCodeAt(p) : 0
  const intStart = p
  let mant = 0
  while (c >= C_0 && c <= C_9) {
    mant = mant * 10 + (c - C_0)
    c = ++p < end ? s.charCodeAt(p) : 0
  }
  const intDigits = p - intStart
  // JSON: at least one digit, and no leading zero such as 01.
  if (intDigits === 0 || (intDigits > 1 && s.charCodeAt(intStart) === C_0)) return false
  let frac = 0
  if (c === C_DOT) {
    c = ++p < end ? s.charCodeAt(p) : 0
    const fracStart = p
    while (c >= C_0 && c <= C_9) {
      mant = mant * 10 + (c - C_0)
      c = ++p < end ? s.charCodeAt(p) : 0
    }
    frac = p - fracStart
    if (frac === 0) return false
  }
  if (c === C_E || c === C_UPPER_E) {
    c = ++p < end ? s.charCodeAt(p) : 0
    if (c === C_PLUS || c === C_MINUS) c = ++p < end ? s.charCodeAt(p) : 0
    const expStart = p
    while (c >= C_0 && c <= C_9) c = ++p < end ? s.charCodeAt(p) : 0
    if (p === expStart) return false
    _pos = p
    const n = Number(s.slice(start, p))
    _num[0] = n
    return Number.isFinite(n)
  }
  _pos = p
  if (intDigits + frac <= 15) {
    const v = mant / POW10[frac]!
    _num[0] = neg ? -v : v
    return true
  }
  const n = Number(s.slice(start, p))
  _num[0] = n
  return Number.isFinite(n)
}

/** Reads `null` or `[7 numbers]` into pose i of the frame. */
function readPose(s: string, end: number, frame: PoseFrame, i: number): boolean {
  const c = s.charCodeAt(_pos)
  if (c === C_N) {
    if (s.startsWith('null', _pos)) {
      _pos += 4
      frame.tracked[i] = 0
      return true
    }
    return false
  }
  if (c !== C_LBRACKET) return false
  _pos++
  const o = i * 7
  for (let k = 0; k < 7; k++) {
    skipWs(s, end)
    if (!readNumber(s, end)) return false
    frame.poses[o + k] = _num[0]!
    skipWs(s, end)
    const sep = s.charCodeAt(_pos)
    if (k < 6 ? sep !== C_COMMA : sep !== C_RBRACKET) return false
    _pos++
  }
  frame.tracked[i] = 1
  return true
}

/**
 * A line with more keys than this, or more names in `emulated`, goes to JSON.parse (a
 * frame has five keys and three poses), so that the reader's count of a line's values
 * (MAX_LINE_VALUES) holds for every line: these scanners would read any number of
 * repeated keys or names without cost, JSON.parse not.
 */
const MAX_SCANNED_NAMES = 8

/** Reads the `emulated` array of pose names. */
function readEmulated(s: string, end: number, frame: PoseFrame): boolean {
  if (s.charCodeAt(_pos) !== C_LBRACKET) return false
  _pos++
  skipWs(s, end)
  if (s.charCodeAt(_pos) === C_RBRACKET) {
    _pos++
    return true
  }
  for (let names = 1; names <= MAX_SCANNED_NAMES; names++) {
    skipWs(s, end)
    if (s.charCodeAt(_pos) !== C_QUOTE) return false
    const a = _pos + 1
    const b = s.indexOf('"', a)
    if (b < 0 || b >= end) return false
    for (let p = a; p < b; p++) if (s.charCodeAt(p) === C_BACKSLASH) return false
    const len = b - a
    if (len === 4 && s.startsWith('head', a)) frame.emulated[0] = 1
    else if (len === 4 && s.startsWith('left', a)) frame.emulated[1] = 1
    else if (len === 5 && s.startsWith('right', a)) frame.emulated[2] = 1
    _pos = b + 1
    skipWs(s, end)
    const c = s.charCodeAt(_pos)
    _pos++
    if (c === C_RBRACKET) return true
    if (c !== C_COMMA) return false
  }
  return false
}

/** A frame line says which points are tracked or emulated: none until it does. */
function clearFlags(frame: PoseFrame): void {
  frame.tracked[0] = 0
  frame.tracked[1] = 0
  frame.tracked[2] = 0
  frame.emulated[0] = 0
  frame.emulated[1] = 0
  frame.emulated[2] = 0
}

/**
 * Scans s[start, end) as a frame line into `frame` (t, poses, tracked, emulated;
 * input is left alone) and `out.keys`. Returns SCAN_OK or SCAN_FALLBACK; on
 * fallback the frame may be partly written and must be refilled.
 */
export function scanFrameLine(
  s: string,
  start: number,
  end: number,
  frame: PoseFrame,
  out: ScanResult,
): number {
  _pos = start
  out.keys = 0
  clearFlags(frame)
  skipWs(s, end)
  if (s.charCodeAt(_pos) !== C_LBRACE) return SCAN_FALLBACK
  _pos++
  skipWs(s, end)
  if (s.charCodeAt(_pos) === C_RBRACE) return SCAN_FALLBACK
  for (let key = 1; ; key++) {
    if (key > MAX_SCANNED_NAMES) return SCAN_FALLBACK
    skipWs(s, end)
    if (s.charCodeAt(_pos) !== C_QUOTE) return SCAN_FALLBACK
    const a = _pos + 1
    const b = s.indexOf('"', a)
    if (b < 0 || b >= end) return SCAN_FALLBACK
    const len = b - a
    _pos = b + 1
    skipWs(s, end)
    if (s.charCodeAt(_pos) !== C_COLON) return SCAN_FALLBACK
    _pos++
    skipWs(s, end)
    if (len === 1 && s.charCodeAt(a) === 116) {
      if (!readNumber(s, end)) return SCAN_FALLBACK
      frame.t = _num[0]!
      out.keys |= KEY_T
    } else if (len === 4 && s.startsWith('head', a)) {
      if (!readPose(s, end, frame, 0)) return SCAN_FALLBACK
      out.keys |= KEY_HEAD
    } else if (len === 4 && s.startsWith('left', a)) {
      if (!readPose(s, end, frame, 1)) return SCAN_FALLBACK
      out.keys |= KEY_LEFT
    } else if (len === 5 && s.startsWith('right', a)) {
      if (!readPose(s, end, frame, 2)) return SCAN_FALLBACK
      out.keys |= KEY_RIGHT
    } else if (len === 8 && s.startsWith('emulated', a)) {
      if (!readEmulated(s, end, frame)) return SCAN_FALLBACK
    } else {
      return SCAN_FALLBACK
    }
    skipWs(s, end)
    const c = s.charCodeAt(_pos)
    _pos++
    if (c === C_RBRACE) break
    if (c !== C_COMMA) return SCAN_FALLBACK
  }
  skipWs(s, end)
  return _pos >= end ? SCAN_OK : SCAN_FALLBACK
}

// --- The same scanner over UTF-8 bytes (the command line reads gzip output without
// decoding it to text). It accepts a strict subset of what scanFrameLine accepts:
// ASCII keys and values only, numbers without an exponent and with at most 15 digits,
// and then writes exactly what scanFrameLine would (the same m / 10^k rounding).
// Everything else it leaves to the text path (-1): the reader decodes that line and
// reads it as text, so both paths give the same frames for every line. It also finds
// the end of the line itself (a line holds no LF byte): the reader needs no separate
// search for it.

/** Last number read by readNumberBytes (a typed array: no boxed double per store). */
const _bnum = new Float64Array(1)

/**
 * The value of the digits in b[intStart, p) (a dot among them is skipped) with `frac`
 * after the dot, when there are 10 to 15: summed in a double (exact below 2^53) and
 * divided as readNumber does. Returns false for more than 15 digits.
 */
function readLongNumber(
  b: Uint8Array,
  intStart: number,
  p: number,
  frac: number,
  neg: boolean,
): boolean {
  let mant = 0
  let digits = 0
  for (let q = intStart; q < p; q++) {
    const c = b[q]!
    if (c === C_DOT) continue
    mant = mant * 10 + (c - C_0)
    digits++
  }
  if (digits > 15) return false
  const v = mant / POW10[frac]!
  _bnum[0] = neg ? -v : v
  return true
}

/**
 * Reads a JSON number at b[p] into _bnum[0] and returns the position after it, or -1
 * when this scanner leaves it to the text path (not a JSON number, an exponent, or
 * more than 15 digits). Up to 9 digits the mantissa is summed as an int32 (a
 * double's multiply-add chain costs twice as much per digit); the value is the same
 * exact integer either way, divided by the same exact power of ten.
 */
function readNumberBytes(b: Uint8Array, p: number, end: number): number {
  let c = p < end ? b[p]! : 0
  const neg = c === C_MINUS
  if (neg) c = ++p < end ? b[p]! : 0
  const intStart = p
  let m = 0
  while (c >= C_0 && c <= C_9) {
    m = (Math.imul(m, 10) + (c - C_0)) | 0
    c = ++p < end ? b[p]! : 0
  }
  const intDigits = p - intStart
  if (intDigits === 0 || (intDigits > 1 && b[intStart] === C_0)) return -1
  let frac = 0
  if (c === C_DOT) {
    c = ++p < end ? b[p]! : 0
    const fracStart = p
    while (c >= C_0 && c <= C_9) {
      m = (Math.imul(m, 10) + (c - C_0)) | 0
      c = ++p < end ? b[p]! : 0
    }
    frac = p - fracStart
    if (frac === 0) return -1
  }
  if (c === C_E || c === C_UPPER_E) return -1
  if (intDigits + frac > 9) return readLongNumber(b, intStart, p, frac, neg) ? p : -1
  const v = m / POW10[frac]!
  _bnum[0] = neg ? -v : v
  return p
}

/** Skips spaces, tabs and CRs (not LF: that ends the line). */
function skipWsBytes(b: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = b[p]!
    if (c !== 32 && c !== 9 && c !== 13) return p
    p++
  }
  return p
}

/** Reads `null` or `[7 numbers]` at b[p] into pose i; returns the position after it or -1. */
function readPoseBytes(b: Uint8Array, p: number, end: number, frame: PoseFrame, i: number): number {
  const c = p < end ? b[p]! : 0
  if (c === C_N) {
    if (p + 4 <= end && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) {
      frame.tracked[i] = 0
      return p + 4
    }
    return -1
  }
  if (c !== C_LBRACKET) return -1
  p++
  const poses = frame.poses
  const o = i * 7
  for (let k = 0; k < 7; k++) {
    p = readNumberBytes(b, skipWsBytes(b, p, end), end)
    if (p < 0) return -1
    poses[o + k] = _bnum[0]!
    p = skipWsBytes(b, p, end)
    const sep = p < end ? b[p]! : 0
    if (k < 6 ? sep !== C_COMMA : sep !== C_RBRACKET) return -1
    p++
  }
  frame.tracked[i] = 1
  return p
}

/** Whether b[a, a + name.length) holds the ASCII `name`. */
function bytesAre(b: Uint8Array, a: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (b[a + k] !== name.charCodeAt(k)) return false
  return true
}

/** Reads the `emulated` array of pose names at b[p]; returns the position after it or -1. */
function readEmulatedBytes(b: Uint8Array, p: number, end: number, frame: PoseFrame): number {
  if (p >= end || b[p] !== C_LBRACKET) return -1
  p = skipWsBytes(b, p + 1, end)
  if (p < end && b[p] === C_RBRACKET) return p + 1
  for (let names = 1; names <= MAX_SCANNED_NAMES; names++) {
    p = skipWsBytes(b, p, end)
    if (p >= end || b[p] !== C_QUOTE) return -1
    const a = p + 1
    let q = a
    while (q < end) {
      const c = b[q]!
      if (c === C_QUOTE) break
      if (c === C_BACKSLASH || c >= 0x80 || c < 0x20) return -1
      q++
    }
    if (q >= end) return -1
    const len = q - a
    if (len === 4 && bytesAre(b, a, 'head')) frame.emulated[0] = 1
    else if (len === 4 && bytesAre(b, a, 'left')) frame.emulated[1] = 1
    else if (len === 5 && bytesAre(b, a, 'right')) frame.emulated[2] = 1
    p = skipWsBytes(b, q + 1, end)
    const c = p < end ? b[p]! : 0
    p++
    if (c === C_RBRACKET) return p
    if (c !== C_COMMA) return -1
  }
  return -1
}

// --- The compact frame line every writer produces (traceWriter.ts, the synthetic
// generator): `{"t":…,"head":…,"left":…,"right":…}`, optionally `,"emulated":[…]` before
// the brace, no spaces. Most of a trace's bytes are such lines, so scanFrameBytes tries
// this form first: the keys are compared as fixed byte strings and the numbers are read
// without checking for the end of the array at every byte (a compact line is at most
// COMPACT_LINE_MAX bytes, and the caller makes sure that many are there). It accepts a
// subset of what the general byte scanner accepts and writes the same values; on
// anything else it gives up (-1) and the general scanner reads the line from its start.

/**
 * Bytes that must follow a line's start for the compact scan: the longest compact line
 * without `emulated` ({"t": 5, t 17, the keys 25, three poses of 7 numbers of up to 17
 * characters 3 × 127, } and LF 2) and the longest `emulated` (35).
 */
const COMPACT_LINE_MAX = 5 + 17 + 25 + 3 * 127 + 2 + 35

// The keys between the values, compared byte by byte in straight-line code.

/** Whether b holds `,"head":` at p. */
function headKeyAt(b: Uint8Array, p: number): boolean {
  return (
    b[p] === 44 &&
    b[p + 1] === 34 &&
    b[p + 2] === 104 &&
    b[p + 3] === 101 &&
    b[p + 4] === 97 &&
    b[p + 5] === 100 &&
    b[p + 6] === 34 &&
    b[p + 7] === 58
  )
}

/** Whether b holds `,"left":` at p. */
function leftKeyAt(b: Uint8Array, p: number): boolean {
  return (
    b[p] === 44 &&
    b[p + 1] === 34 &&
    b[p + 2] === 108 &&
    b[p + 3] === 101 &&
    b[p + 4] === 102 &&
    b[p + 5] === 116 &&
    b[p + 6] === 34 &&
    b[p + 7] === 58
  )
}

/** Whether b holds `,"right":` at p. */
function rightKeyAt(b: Uint8Array, p: number): boolean {
  return (
    b[p] === 44 &&
    b[p + 1] === 34 &&
    b[p + 2] === 114 &&
    b[p + 3] === 105 &&
    b[p + 4] === 103 &&
    b[p + 5] === 104 &&
    b[p + 6] === 116 &&
    b[p + 7] === 34 &&
    b[p + 8] === 58
  )
}

/** Whether b holds `,"emulated":` at p. */
function emulatedKeyAt(b: Uint8Array, p: number): boolean {
  return (
    b[p] === 44 &&
    b[p + 1] === 34 &&
    bytesAre(b, p + 2, 'emulated') &&
    b[p + 10] === 34 &&
    b[p + 11] === 58
  )
}

/**
 * Reads a number of at most 15 digits, without exponent, at b[p] into out[i] (the value
 * readNumberBytes gives); returns the position after it, or -1. The caller checks the
 * byte there. No end check: an accepted number lies within the compact line, and
 * whatever stops a digit run (the line's LF, or undefined past the array) is no digit.
 * Nine digits are summed as an int32, two per step in the fraction (half the chain of
 * dependent multiply-adds); longer numbers are summed again by readLongNumber.
 */
function readCompactNumber(b: Uint8Array, p: number, out: Float64Array, i: number): number {
  let c = b[p]!
  const neg = c === C_MINUS
  if (neg) c = b[++p]!
  const intStart = p
  let m = 0
  while (c >= C_0 && c <= C_9) {
    m = (Math.imul(m, 10) + (c - C_0)) | 0
    c = b[++p]!
  }
  const intDigits = p - intStart
  if (intDigits === 0 || (intDigits > 1 && b[intStart] === C_0)) return -1
  let frac = 0
  if (c === C_DOT) {
    const fracStart = ++p
    for (;;) {
      const d1 = b[p]! - C_0
      if (d1 < 0 || d1 > 9) break
      const d2 = b[p + 1]! - C_0
      if (d2 < 0 || d2 > 9) {
        m = (Math.imul(m, 10) + d1) | 0
        p++
        break
      }
      m = (Math.imul(m, 100) + Math.imul(d1, 10) + d2) | 0
      p += 2
    }
    frac = p - fracStart
    if (frac === 0) return -1
  }
  if (intDigits + frac <= 9) {
    // m is exact: at most 9 digits fit an int32
    const v = m / POW10[frac]!
    out[i] = neg ? -v : v
    return p
  }
  if (!readLongNumber(b, intStart, p, frac, neg)) return -1
  out[i] = _bnum[0]!
  return p
}

/**
 * readCompactNumber for a frame's time, which has ten digits or more after 1000 s
 * (six after the point): the integer and fraction digits are summed apart, each an
 * exact int32, and joined into the mantissa mi·10^frac + mf (under 10^15, an exact
 * double), so the digits are read once instead of again by readLongNumber. The same
 * m / 10^k results.
 */
function readCompactTime(b: Uint8Array, p: number, out: Float64Array, i: number): number {
  let c = b[p]!
  const neg = c === C_MINUS
  if (neg) c = b[++p]!
  const intStart = p
  let mi = 0
  while (c >= C_0 && c <= C_9) {
    mi = (Math.imul(mi, 10) + (c - C_0)) | 0
    c = b[++p]!
  }
  const intDigits = p - intStart
  if (intDigits === 0 || (intDigits > 1 && b[intStart] === C_0)) return -1
  let frac = 0
  let mf = 0
  if (c === C_DOT) {
    const fracStart = ++p
    for (;;) {
      const d1 = b[p]! - C_0
      if (d1 < 0 || d1 > 9) break
      const d2 = b[p + 1]! - C_0
      if (d2 < 0 || d2 > 9) {
        mf = (Math.imul(mf, 10) + d1) | 0
        p++
        break
      }
      mf = (Math.imul(mf, 100) + Math.imul(d1, 10) + d2) | 0
      p += 2
    }
    frac = p - fracStart
    if (frac === 0) return -1
  }
  if (intDigits > 9 || frac > 9 || intDigits + frac > 15) {
    if (!readLongNumber(b, intStart, p, frac, neg)) return -1
    out[i] = _bnum[0]!
    return p
  }
  // Both parts are exact int32s and the mantissa mi·10^frac + mf, under 10^15, is an exact
  // double: the same m / 10^k as readNumberBytes and readLongNumber divide.
  const v = (mi * POW10[frac]! + mf) / POW10[frac]!
  out[i] = neg ? -v : v
  return p
}

/** Reads `null` or a compact `[7 numbers]` at b[p] into pose i; returns the position after it or -1. */
function readCompactPose(b: Uint8Array, p: number, frame: PoseFrame, i: number): number {
  const c = b[p]!
  if (c === C_N) {
    if (b[p + 1] !== 117 || b[p + 2] !== 108 || b[p + 3] !== 108) return -1
    frame.tracked[i] = 0
    return p + 4
  }
  if (c !== C_LBRACKET) return -1
  const poses = frame.poses
  const o = i * 7
  p++
  for (let k = 0; k < 6; k++) {
    p = readCompactNumber(b, p, poses, o + k)
    if (p < 0 || b[p] !== C_COMMA) return -1
    p++
  }
  p = readCompactNumber(b, p, poses, o + 6)
  if (p < 0 || b[p] !== C_RBRACKET) return -1
  frame.tracked[i] = 1
  return p + 1
}

/**
 * Reads a compact frame line at b[start] (COMPACT_LINE_MAX bytes must follow): returns
 * the index of its LF with the frame and `out.keys` written as scanFrameBytes writes
 * them, or -1 (the frame may be partly written).
 */
function scanCompactFrame(b: Uint8Array, start: number, frame: PoseFrame, out: ScanResult): number {
  // {"t":
  if (
    b[start] !== C_LBRACE ||
    b[start + 1] !== C_QUOTE ||
    b[start + 2] !== 116 ||
    b[start + 3] !== C_QUOTE ||
    b[start + 4] !== C_COLON
  )
    return -1
  clearFlags(frame)
  let p = readCompactTime(b, start + 5, _bnum, 0)
  if (p < 0 || !headKeyAt(b, p)) return -1
  frame.t = _bnum[0]!
  p = readCompactPose(b, p + 8, frame, 0)
  if (p < 0 || !leftKeyAt(b, p)) return -1
  p = readCompactPose(b, p + 8, frame, 1)
  if (p < 0 || !rightKeyAt(b, p)) return -1
  p = readCompactPose(b, p + 9, frame, 2)
  if (p < 0) return -1
  if (b[p] !== C_RBRACE) {
    if (!emulatedKeyAt(b, p)) return -1
    p = readEmulatedBytes(b, p + 12, start + COMPACT_LINE_MAX, frame)
    if (p < 0 || b[p] !== C_RBRACE) return -1
  }
  if (b[p + 1] !== 10) return -1
  out.keys = KEY_ALL
  return p + 1
}

/**
 * scanFrameLine over UTF-8 bytes: scans the line that starts at b[start] and ends at
 * the first LF byte before `end`, or at `end`. When it reads that line in full it
 * writes the frame and `out.keys` exactly as scanFrameLine would for the decoded line
 * and returns where the line ends (the LF's index, or `end`). Otherwise it returns -1:
 * read the decoded line as text (the frame may be partly written, and only with
 * numbers scanFrameLine writes too).
 */
export function scanFrameBytes(
  b: Uint8Array,
  start: number,
  end: number,
  frame: PoseFrame,
  out: ScanResult,
): number {
  if (start + COMPACT_LINE_MAX <= end) {
    const nl = scanCompactFrame(b, start, frame, out)
    if (nl >= 0 && nl <= end) return nl
  }
  let keys = 0
  out.keys = 0
  clearFlags(frame)
  let p = skipWsBytes(b, start, end)
  if (p >= end || b[p] !== C_LBRACE) return -1
  p = skipWsBytes(b, p + 1, end)
  if (p < end && b[p] === C_RBRACE) return -1
  for (let key = 1; ; key++) {
    if (key > MAX_SCANNED_NAMES) return -1
    p = skipWsBytes(b, p, end)
    if (p >= end || b[p] !== C_QUOTE) return -1
    const a = p + 1
    let q = a
    // the key names this scanner knows are at most 8 letters
    while (q < end && q - a <= 8) {
      const c = b[q]!
      if (c === C_QUOTE || c < 0x20) break
      q++
    }
    if (q >= end || b[q] !== C_QUOTE) return -1
    const len = q - a
    p = skipWsBytes(b, q + 1, end)
    if (p >= end || b[p] !== C_COLON) return -1
    p = skipWsBytes(b, p + 1, end)
    const k0 = b[a]
    if (len === 1 && k0 === 116) {
      p = readNumberBytes(b, p, end)
      if (p < 0) return -1
      frame.t = _bnum[0]!
      keys |= KEY_T
    } else if (len === 4 && k0 === 104 && bytesAre(b, a, 'head')) {
      p = readPoseBytes(b, p, end, frame, 0)
      if (p < 0) return -1
      keys |= KEY_HEAD
    } else if (len === 4 && k0 === 108 && bytesAre(b, a, 'left')) {
      p = readPoseBytes(b, p, end, frame, 1)
      if (p < 0) return -1
      keys |= KEY_LEFT
    } else if (len === 5 && k0 === 114 && bytesAre(b, a, 'right')) {
      p = readPoseBytes(b, p, end, frame, 2)
      if (p < 0) return -1
      keys |= KEY_RIGHT
    } else if (len === 8 && k0 === 101 && bytesAre(b, a, 'emulated')) {
      p = readEmulatedBytes(b, p, end, frame)
      if (p < 0) return -1
    } else {
      return -1
    }
    p = skipWsBytes(b, p, end)
    const c = p < end ? b[p]! : 0
    p++
    if (c === C_RBRACE) break
    if (c !== C_COMMA) return -1
  }
  p = skipWsBytes(b, p, end)
  if (p < end && b[p] !== 10) return -1
  out.keys = keys
  return p
}

/**
 * The gzip container of a trace file (RFC 1952), for a reader that inflates the
 * compressed data itself with a raw inflater (the command line, node:zlib): the
 * header is read and checked as zlib checks it, the trailer (CRC-32 and length) is
 * checked against what came out, and nothing may follow it. That is what browsers'
 * DecompressionStream('gzip') accepts (the Compression standard makes any data after
 * the end an error, a second member included), so the command line and the app accept
 * the same files. Plain code: runs in Node and the browser, no eval.
 */

/** Every gzip refusal starts so: `<file>:<line>: not a readable gzip file: <why>`. */
export const GZIP_UNREADABLE = 'not a readable gzip file'

/** Whether bytes start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

const CRC_TABLE = new Int32Array(256)
for (let n = 0; n < 256; n++) {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  CRC_TABLE[n] = c
}

/** CRC-32 (the gzip one) of b[start, end) continued from `crc` (0 to start). */
export function crc32(crc: number, b: Uint8Array, start = 0, end = b.length): number {
  let c = ~crc
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}

const FHCRC = 2
const FEXTRA = 4
const FNAME = 8
const FCOMMENT = 16
/** flag bits RFC 1952 reserves: zlib refuses a header that sets one */
const FRESERVED = 0xe0

const S_FIXED = 0
const S_XLEN = 1
const S_EXTRA = 2
const S_NAME = 3
const S_COMMENT = 4
const S_HCRC = 5
const S_DONE = 6
const S_BAD = 7

/** A gzip header being read; it may arrive in pieces (a file name has no length limit). */
export interface GzipHeaderReader {
  state: number
  /** bytes of the current fixed-size part read so far */
  got: number
  flags: number
  extraLength: number
  /** CRC-32 of the header bytes so far (for FHCRC) */
  crc: number
  hcrc: number
  /** header bytes read, in all */
  length: number
  /** why the header was refused (state S_BAD) */
  problem: string
}

/** Starts reading a gzip header. */
export function createGzipHeaderReader(): GzipHeaderReader {
  return {
    state: S_FIXED,
    got: 0,
    flags: 0,
    extraLength: 0,
    crc: 0,
    hcrc: 0,
    length: 0,
    problem: '',
  }
}

function bad(h: GzipHeaderReader, why: string): number {
  h.state = S_BAD
  h.problem = GZIP_UNREADABLE + ': ' + why
  return -2
}

/**
 * Reads header bytes from b[start, ...): returns where the compressed data starts in b
 * once the header is complete, -1 when it needs more bytes, -2 when it is refused
 * (h.problem says why).
 */
export function readGzipHeader(h: GzipHeaderReader, b: Uint8Array, start = 0): number {
  let p = start
  while (p < b.length || h.state === S_DONE || h.state === S_BAD) {
    switch (h.state) {
      case S_FIXED: {
        const c = b[p]!
        if (h.got === 0 && c !== 0x1f) return bad(h, 'no gzip magic')
        if (h.got === 1 && c !== 0x8b) return bad(h, 'no gzip magic')
        if (h.got === 2 && c !== 8) return bad(h, 'unknown compression method')
        if (h.got === 3) {
          if ((c & FRESERVED) !== 0) return bad(h, 'unknown header flags set')
          h.flags = c
        }
        if (++h.got === 10) enterNext(h, S_FIXED)
        break
      }
      case S_XLEN:
        h.extraLength |= b[p]! << (8 * h.got)
        if (++h.got === 2) enterNext(h, S_XLEN)
        break
      case S_EXTRA:
        if (++h.got === h.extraLength) enterNext(h, S_EXTRA)
        break
      case S_NAME:
      case S_COMMENT:
        if (b[p] === 0) enterNext(h, h.state)
        break
      case S_HCRC:
        h.hcrc |= b[p]! << (8 * h.got)
        if (++h.got === 2) {
          if (h.hcrc !== (h.crc & 0xffff)) return bad(h, 'header checksum mismatch')
          h.state = S_DONE
        }
        break
      case S_DONE:
        return p
      default:
        return -2
    }
    // the header CRC covers every byte before the CRC itself (the flags are known from byte 3)
    if (h.length < 10 || ((h.flags & FHCRC) !== 0 && (h.state !== S_HCRC || h.got === 0)))
      h.crc = crc32(h.crc, b, p, p + 1)
    h.length++
    p++
  }
  return -1
}

/** Moves on from the part `from` that just ended to the next part the flags call for. */
function enterNext(h: GzipHeaderReader, from: number): void {
  h.got = 0
  const f = h.flags
  if (from < S_XLEN && (f & FEXTRA) !== 0) h.state = S_XLEN
  else if (from < S_EXTRA && (f & FEXTRA) !== 0 && h.extraLength > 0) h.state = S_EXTRA
  else if (from < S_NAME && (f & FNAME) !== 0) h.state = S_NAME
  else if (from < S_COMMENT && (f & FCOMMENT) !== 0) h.state = S_COMMENT
  else if (from < S_HCRC && (f & FHCRC) !== 0) h.state = S_HCRC
  else h.state = S_DONE
}

/**
 * Checks what follows the compressed data: `after` holds up to its first 10 bytes
 * (fewer when the file ends sooner); `crc` and `size` are the CRC-32 and the length of
 * everything inflated. Returns null for a good end (the trailer matches and the file
 * ends there), or why the file is refused.
 */
export function gzipEndProblem(after: Uint8Array, crc: number, size: number): string | null {
  if (after.length < 8)
    return GZIP_UNREADABLE + ': it is cut short (the checksum at its end is missing)'
  const word = (o: number) =>
    (after[o]! | (after[o + 1]! << 8) | (after[o + 2]! << 16) | (after[o + 3]! << 24)) >>> 0
  if (word(0) !== crc >>> 0)
    return GZIP_UNREADABLE + ': its checksum (CRC-32) does not match the data'
  if (word(4) !== size % 0x100000000)
    return GZIP_UNREADABLE + ': its length field does not match the data'
  if (after.length > 8) {
    return after.length >= 10 && after[8] === 0x1f && after[9] === 0x8b
      ? GZIP_UNREADABLE + ': a second gzip member follows (concatenated gzip files are not read)'
      : GZIP_UNREADABLE + ': data follows the end of the gzip data'
  }
  return null
}

// PNG reading and writing for the build scripts and the browser tests' image
// checks: 8-bit, non-interlaced images as RGBA bytes. Plain JavaScript, so that
// scripts run by plain node (scripts/copy-xr-profiles.mjs) can use it too.
import { deflateSync, inflateSync } from 'node:zlib'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

// Its own CRC-32: core's (src/core/trace/gzipMember.ts) is TypeScript, which
// plain node cannot import, and node:zlib's crc32 needs Node 20.15.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** Channels per pixel by PNG colour type (3, palette, is one index). */
const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

/**
 * Decodes an 8-bit, non-interlaced PNG (any colour type) to RGBA, or returns
 * null for anything else (16-bit, interlaced, damaged).
 * @param {Uint8Array} png
 * @returns {{ width: number, height: number, rgba: Uint8Array } | null}
 */
export function decodePng(png) {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength)
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return null
  let width = 0
  let height = 0
  let depth = 0
  let type = -1
  let interlace = 0
  let palette = null
  let alpha = null
  const idat = []
  for (let at = 8; at + 8 <= b.length;) {
    const length = b.readUInt32BE(at)
    const name = b.toString('latin1', at + 4, at + 8)
    const data = b.subarray(at + 8, at + 8 + length)
    if (name === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      depth = data[8]
      type = data[9]
      interlace = data[12]
    } else if (name === 'PLTE') palette = data
    else if (name === 'tRNS') alpha = data
    else if (name === 'IDAT') idat.push(data)
    else if (name === 'IEND') break
    at += 12 + length
  }
  const channels = CHANNELS[type]
  if (depth !== 8 || interlace !== 0 || channels === undefined || width === 0 || height === 0)
    return null
  if (type === 3 && palette === null) return null
  let raw
  try {
    raw = inflateSync(Buffer.concat(idat))
  } catch {
    return null
  }
  const stride = width * channels
  if (raw.length < height * (stride + 1)) return null
  // Undo each row's filter in place (bytes per pixel = channels at 8 bits).
  const rows = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const src = y * (stride + 1) + 1
    const row = y * stride
    const up = row - stride
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[row + x - channels] : 0
      const u = y > 0 ? rows[up + x] : 0
      const c = y > 0 && x >= channels ? rows[up + x - channels] : 0
      let v = raw[src + x]
      if (filter === 1) v += a
      else if (filter === 2) v += u
      else if (filter === 3) v += (a + u) >> 1
      else if (filter === 4) {
        const p = a + u - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - u)
        const pc = Math.abs(p - c)
        v += pa <= pb && pa <= pc ? a : pb <= pc ? u : c
      } else if (filter !== 0) return null
      rows[row + x] = v & 0xff
    }
  }
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    const o = i * 4
    if (type === 3) {
      const k = rows[i]
      rgba[o] = palette[k * 3] ?? 0
      rgba[o + 1] = palette[k * 3 + 1] ?? 0
      rgba[o + 2] = palette[k * 3 + 2] ?? 0
      rgba[o + 3] = alpha !== null && k < alpha.length ? alpha[k] : 255
    } else if (type === 0 || type === 4) {
      const g = rows[i * channels]
      rgba[o] = rgba[o + 1] = rgba[o + 2] = g
      rgba[o + 3] = type === 4 ? rows[i * 2 + 1] : 255
    } else {
      rgba[o] = rows[i * channels]
      rgba[o + 1] = rows[i * channels + 1]
      rgba[o + 2] = rows[i * channels + 2]
      rgba[o + 3] = type === 6 ? rows[i * 4 + 3] : 255
    }
  }
  return { width, height, rgba }
}

function pngChunk(name, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(name, 4, 'latin1')
  Buffer.from(data).copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/**
 * Encodes RGBA pixels as an 8-bit RGBA PNG (no row filter, zlib level 9).
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba
 * @returns {Buffer}
 */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  const stride = width * 4
  const raw = Buffer.alloc(height * (stride + 1))
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1)
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

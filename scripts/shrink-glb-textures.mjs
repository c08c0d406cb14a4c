// Shrinks the PNG textures embedded in a binary glTF (.glb) to at most a given
// size, for scripts/copy-xr-profiles.mjs. The Quest 3 controller models
// (meta-quest-touch-plus) carry one 2048² texture each; uploading the two took
// 130-150 ms inside one headset frame as the controllers first showed (software
// WebGL here), and each is 21 MB of GPU memory with its mipmaps. A controller
// covers a small part of the view, so 512² loses nothing a user would see.
// Plain JavaScript (it runs before the build, under plain node); PNGs only
// (8-bit, not interlaced, any colour type): JPEG textures are copied as they are.
import { deflateSync, inflateSync } from 'node:zlib'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const GLB_MAGIC = 0x46546c67 // "glTF"
const CHUNK_JSON = 0x4e4f534a
const CHUNK_BIN = 0x004e4942

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
 * Decodes an 8-bit, non-interlaced PNG to RGBA, or returns null for anything
 * else (16-bit, interlaced, damaged), which is then left as it is.
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
 * Encodes RGBA pixels as an 8-bit PNG: RGB when every pixel is opaque, else RGBA.
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba
 */
export function encodePng(width, height, rgba) {
  let opaque = true
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) opaque = false
  const channels = opaque ? 3 : 4
  const stride = width * channels
  const raw = Buffer.alloc(height * (stride + 1))
  for (let y = 0; y < height; y++) {
    // filter 2 (up): flat texture areas become runs of zeros that deflate well
    raw[y * (stride + 1)] = y > 0 ? 2 : 0
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const v = rgba[(y * width + x) * 4 + c]
        const above = y > 0 ? rgba[((y - 1) * width + x) * 4 + c] : 0
        raw[y * (stride + 1) + 1 + x * channels + c] = (v - above) & 0xff
      }
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = opaque ? 2 : 6
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * Halves an RGBA image (2×2 box average) until neither side exceeds `max`;
 * sides must stay whole, so an odd side stops the halving.
 * @param {{ width: number, height: number, rgba: Uint8Array }} image
 * @param {number} max
 */
export function shrinkImage(image, max) {
  let { width, height, rgba } = image
  while ((width > max || height > max) && width % 2 === 0 && height % 2 === 0) {
    const w = width / 2
    const h = height / 2
    const out = new Uint8Array(w * h * 4)
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const a = (2 * y * width + 2 * x) * 4
        const b = a + width * 4
        for (let c = 0; c < 4; c++) {
          out[(y * w + x) * 4 + c] =
            (rgba[a + c] + rgba[a + 4 + c] + rgba[b + c] + rgba[b + 4 + c] + 2) >> 2
        }
      }
    }
    width = w
    height = h
    rgba = out
  }
  return { width, height, rgba }
}

const align4 = (n) => (n + 3) & ~3

/**
 * The .glb with every embedded PNG texture larger than `max` on a side
 * shrunk to fit; anything else byte for byte as it was. Returns the input
 * itself when nothing needed shrinking.
 * @param {Uint8Array} glb
 * @param {number} max
 * @returns {Uint8Array}
 */
export function shrinkGlbTextures(glb, max) {
  const b = Buffer.from(glb.buffer, glb.byteOffset, glb.byteLength)
  if (b.length < 20 || b.readUInt32LE(0) !== GLB_MAGIC) return glb
  const jsonLength = b.readUInt32LE(12)
  if (b.readUInt32LE(16) !== CHUNK_JSON) return glb
  const json = JSON.parse(b.toString('utf8', 20, 20 + jsonLength))
  const binAt = 20 + jsonLength
  if (binAt + 8 > b.length || b.readUInt32LE(binAt + 4) !== CHUNK_BIN) return glb
  const bin = b.subarray(binAt + 8, binAt + 8 + b.readUInt32LE(binAt))
  const views = json.bufferViews ?? []
  const replaced = new Map()
  for (const image of json.images ?? []) {
    if (image.bufferView === undefined || image.mimeType !== 'image/png') continue
    const view = views[image.bufferView]
    if (!view || (view.buffer ?? 0) !== 0) continue
    const at = view.byteOffset ?? 0
    const decoded = decodePng(bin.subarray(at, at + view.byteLength))
    if (!decoded || (decoded.width <= max && decoded.height <= max)) continue
    const small = shrinkImage(decoded, max)
    replaced.set(image.bufferView, encodePng(small.width, small.height, small.rgba))
  }
  if (replaced.size === 0) return glb
  // The binary chunk again, view by view in their order in it, each on a 4-byte boundary.
  const order = views
    .map((v, i) => i)
    .filter((i) => (views[i].buffer ?? 0) === 0)
    .sort((i, j) => (views[i].byteOffset ?? 0) - (views[j].byteOffset ?? 0))
  const parts = []
  let length = 0
  for (const i of order) {
    const v = views[i]
    const at = v.byteOffset ?? 0
    const bytes = replaced.get(i) ?? bin.subarray(at, at + v.byteLength)
    const start = align4(length)
    if (start > length) parts.push(Buffer.alloc(start - length))
    parts.push(bytes)
    v.byteOffset = start
    v.byteLength = bytes.length
    length = start + bytes.length
  }
  const padded = align4(length)
  if (padded > length) parts.push(Buffer.alloc(padded - length))
  json.buffers[0].byteLength = length
  const newBin = Buffer.concat(parts)
  let text = Buffer.from(JSON.stringify(json), 'utf8')
  if (text.length % 4 !== 0) text = Buffer.concat([text, Buffer.alloc(4 - (text.length % 4), 0x20)])
  const out = Buffer.alloc(12 + 8 + text.length + 8 + newBin.length)
  out.writeUInt32LE(GLB_MAGIC, 0)
  out.writeUInt32LE(2, 4)
  out.writeUInt32LE(out.length, 8)
  out.writeUInt32LE(text.length, 12)
  out.writeUInt32LE(CHUNK_JSON, 16)
  text.copy(out, 20)
  out.writeUInt32LE(newBin.length, 20 + text.length)
  out.writeUInt32LE(CHUNK_BIN, 24 + text.length)
  newBin.copy(out, 28 + text.length)
  return out
}

// Shrinks the PNG textures embedded in a binary glTF (.glb) to at most a given
// size, for scripts/copy-xr-profiles.mjs. The Quest 3 controller models
// (meta-quest-touch-plus) carry one 2048² texture each; uploading the two took
// 130-150 ms inside one headset frame as the controllers first showed (software
// WebGL here), and each is 21 MB of GPU memory with its mipmaps. A controller
// covers a small part of the view, so 512² loses nothing a user would see.
// Plain JavaScript (it runs before the build, under plain node); PNGs only
// (8-bit, not interlaced, any colour type; scripts/png.mjs): JPEG textures are
// copied as they are.
import { decodePng, encodePng } from './png.mjs'

const GLB_MAGIC = 0x46546c67 // "glTF"
const CHUNK_JSON = 0x4e4f534a
const CHUNK_BIN = 0x004e4942

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

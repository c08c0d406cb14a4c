import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodePng, encodePng } from '../../scripts/png.mjs'
import { shrinkGlbTextures, shrinkImage } from '../../scripts/shrink-glb-textures.mjs'

const PROFILES = 'node_modules/@webxr-input-profiles/assets/dist/profiles'

interface Glb {
  json: {
    images: { bufferView: number; mimeType: string }[]
    bufferViews: { byteOffset?: number; byteLength: number }[]
    buffers: { byteLength: number }[]
  }
  bin: Uint8Array
}

function readGlb(bytes: Uint8Array): Glb {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  expect(view.getUint32(0, true)).toBe(0x46546c67)
  expect(view.getUint32(8, true)).toBe(bytes.byteLength)
  const jsonLength = view.getUint32(12, true)
  const json = JSON.parse(
    new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength)),
  ) as Glb['json']
  const binLength = view.getUint32(20 + jsonLength, true)
  const bin = bytes.subarray(28 + jsonLength, 28 + jsonLength + binLength)
  return { json, bin }
}

function viewBytes(g: Glb, i: number): Uint8Array {
  const v = g.json.bufferViews[i]!
  const at = v.byteOffset ?? 0
  return g.bin.subarray(at, at + v.byteLength)
}

function mean(rgba: Uint8Array, channel: number): number {
  let sum = 0
  for (let i = channel; i < rgba.length; i += 4) sum += rgba[i]!
  return sum / (rgba.length / 4)
}

describe('controller textures shrunk on the way into public/', () => {
  it("the Quest 3 controller's 2048² palette texture becomes 512², the same picture, everything else byte for byte", () => {
    const original = new Uint8Array(readFileSync(`${PROFILES}/meta-quest-touch-plus/left.glb`))
    const before = readGlb(original)
    const shrunk = shrinkGlbTextures(original, 512)
    const after = readGlb(shrunk)
    expect(shrunk.byteLength).toBeLessThan(original.byteLength)

    const imageView = after.json.images[0]!.bufferView
    const big = decodePng(viewBytes(before, imageView))!
    const small = decodePng(viewBytes(after, imageView))!
    expect([big.width, big.height]).toEqual([2048, 2048])
    expect([small.width, small.height]).toEqual([512, 512])
    // the same picture: each channel's mean within half a level
    for (let c = 0; c < 4; c++)
      expect(Math.abs(mean(small.rgba, c) - mean(big.rgba, c))).toBeLessThan(0.5)

    // geometry and every other view unchanged, each on a 4-byte boundary, inside the chunk
    expect(after.json.bufferViews).toHaveLength(before.json.bufferViews.length)
    after.json.bufferViews.forEach((v, i) => {
      expect((v.byteOffset ?? 0) % 4).toBe(0)
      expect((v.byteOffset ?? 0) + v.byteLength).toBeLessThanOrEqual(
        after.json.buffers[0]!.byteLength,
      )
      if (i !== imageView) expect(Buffer.compare(viewBytes(after, i), viewBytes(before, i))).toBe(0)
    })
    expect(after.json.buffers[0]!.byteLength).toBeLessThanOrEqual(after.bin.byteLength)
  })

  it('a model whose textures are 512² already is handed back as it is', () => {
    const glb = new Uint8Array(readFileSync(`${PROFILES}/meta-quest-touch-pro/left.glb`))
    expect(shrinkGlbTextures(glb, 512)).toBe(glb)
  })

  it('PNGs round-trip as RGBA; a 2×2 box halves a 4×4 image', () => {
    const rgba = new Uint8Array(4 * 4 * 4)
    for (let i = 0; i < 16; i++)
      rgba.set([i * 16, 255 - i * 16, (i * 37) % 256, i < 8 ? 255 : 128], i * 4)
    expect(decodePng(encodePng(4, 4, rgba))!.rgba).toEqual(rgba)

    const half = shrinkImage({ width: 4, height: 4, rgba }, 2)
    expect([half.width, half.height]).toEqual([2, 2])
    // top-left output pixel: pixels 0, 1, 4, 5 averaged (rounded)
    expect(half.rgba[0]).toBe(Math.round((0 + 16 + 64 + 80) / 4))
  })

  it('anything it cannot read (not a PNG, damaged data) is left alone', () => {
    expect(decodePng(new Uint8Array([1, 2, 3]))).toBeNull()
    const png = encodePng(2, 2, new Uint8Array(16).fill(200))
    const damaged = Uint8Array.from(png)
    damaged.fill(0, 40, 50)
    expect(decodePng(damaged)).toBeNull()
  })
})

// The gzip container (gzipMember.ts, what the command line checks around node:zlib's
// raw inflater) reads headers as zlib does and refuses a bad trailer or anything after
// it; the app's scoreTrace (DecompressionStream) refuses the same damaged files at
// every size: a bad checksum or length, a cut-off end, trailing bytes, a second member.
import { describe, expect, it } from 'vitest'
import { crc32 as zlibCrc32, gunzipSync, gzipSync, deflateRawSync } from 'node:zlib'
import {
  crc32,
  createGzipHeaderReader,
  GZIP_UNREADABLE,
  gzipEndProblem,
  readGzipHeader,
} from '../../../src/core/trace/gzipMember.ts'
import { scoreTrace } from '../../../src/core/trace/scoreTrace.ts'
import { synthTrace } from '../../../scripts/synth/synthTrace.ts'
import { rng } from '../engine/poseKit.ts'

/** A gzip file with the header fields `flags` asks for (FHCRC right or wrong). */
function gzipWith(data: Uint8Array, flags: number, rand: () => number, goodHcrc = true) {
  const head: number[] = [0x1f, 0x8b, 8, flags, 1, 2, 3, 4, 0, 3]
  const bytes = (n: number) => Array.from({ length: n }, () => 1 + Math.floor(rand() * 255))
  if (flags & 4) {
    const n = Math.floor(rand() * 300)
    head.push(n & 255, n >> 8, ...bytes(n))
  }
  if (flags & 8) head.push(...bytes(Math.floor(rand() * 200)), 0)
  if (flags & 16) head.push(...bytes(Math.floor(rand() * 200)), 0)
  if (flags & 2) {
    const c = (crc32(0, new Uint8Array(head)) & 0xffff) ^ (goodHcrc ? 0 : 1)
    head.push(c & 255, c >> 8)
  }
  const trailer = new Uint8Array(8)
  const view = new DataView(trailer.buffer)
  view.setUint32(0, zlibCrc32(data), true)
  view.setUint32(4, data.length, true)
  return {
    file: Buffer.concat([Buffer.from(head), deflateRawSync(data), trailer]),
    headLength: head.length,
  }
}

describe('gzip header', () => {
  it('is read as zlib reads it, whatever the flags and however it arrives', () => {
    const rand = rng(40)
    const data = new TextEncoder().encode('{"t":0}\n'.repeat(50))
    for (let i = 0; i < 300; i++) {
      const flags = Math.floor(rand() * 32) | (i % 50 === 0 ? 0x20 << (i % 3) : 0)
      const good = rand() < 0.8
      const { file, headLength } = gzipWith(data, flags, rand, good)
      let zlibOk = true
      try {
        gunzipSync(file)
      } catch {
        zlibOk = false
      }
      const h = createGzipHeaderReader()
      let at = -1
      let offset = 0
      while (at === -1 && offset < file.length) {
        const n = 1 + Math.floor(rand() * 40)
        at = readGzipHeader(h, file.subarray(offset, offset + n))
        if (at >= 0) at += offset
        offset += n
      }
      expect(at >= 0, 'flags ' + flags).toBe(zlibOk)
      if (zlibOk) expect(at).toBe(headLength)
      else expect(h.problem.startsWith(GZIP_UNREADABLE + ': ')).toBe(true)
    }
  })

  it('refuses a wrong magic or method', () => {
    for (const head of [[0x1f, 0x8c], [0x1e], [0x1f, 0x8b, 7]]) {
      const h = createGzipHeaderReader()
      expect(readGzipHeader(h, new Uint8Array(head))).toBe(-2)
    }
  })
})

describe('gzip end', () => {
  const data = new TextEncoder().encode('trace\n'.repeat(1000))
  const gz = gzipSync(data)
  const trailer = gz.subarray(gz.length - 8)
  const crc = zlibCrc32(data)

  it('crc32 is the gzip CRC-32', () => {
    expect(crc32(0, data)).toBe(crc)
    expect(crc32(crc32(0, data, 0, 100), data, 100)).toBe(crc)
  })

  it('a matching trailer at the very end is the only good end', () => {
    expect(gzipEndProblem(trailer, crc, data.length)).toBeNull()
    const cases: [Uint8Array, RegExp][] = [
      [trailer.subarray(0, 5), /cut short/],
      [new Uint8Array(0), /cut short/],
      [Buffer.concat([trailer, Buffer.from([0])]), /data follows/],
      [Buffer.concat([trailer, gz.subarray(0, 2)]), /second gzip member/],
    ]
    for (const [after, why] of cases) expect(gzipEndProblem(after, crc, data.length)).toMatch(why)
    expect(gzipEndProblem(trailer, crc ^ 1, data.length)).toMatch(/checksum/)
    expect(gzipEndProblem(trailer, crc, data.length + 1)).toMatch(/length/)
    // the length field is the length modulo 2^32
    expect(gzipEndProblem(trailer, crc, data.length + 2 ** 32)).toBeNull()
  })
})

describe('the app reader (scoreTrace) refuses damaged gzip at every size', () => {
  const text = synthTrace({
    seed: 41,
    header: { stretch: 'childs-pose' },
    steps: [{ stretch: 'childs-pose', holdSeconds: 40 }],
  }).text
  // about 1 MB inflated: before, damage was judged by what had come out
  const gz = gzipSync(text)
  const small = gzipSync(text.slice(0, text.indexOf('\n', 3000) + 1))

  function damaged(file: Buffer): [string, Buffer][] {
    const crc = Buffer.from(file)
    crc[crc.length - 8]! ^= 0x55
    const len = Buffer.from(file)
    len[len.length - 2]! ^= 1
    return [
      ['a bad checksum', crc],
      ['a bad length', len],
      ['trailing garbage', Buffer.concat([file, Buffer.from('garbage\n')])],
      ['trailing zeros', Buffer.concat([file, Buffer.alloc(16)])],
      ['a second member', Buffer.concat([file, gzipSync('{"t":1,"event":"pain"}\n')])],
      ['the same member twice', Buffer.concat([file, file])],
      ['cut in half', file.subarray(0, file.length >> 1)],
      ['cut before the trailer', file.subarray(0, file.length - 8)],
      ['cut inside the trailer', file.subarray(0, file.length - 3)],
    ]
  }

  for (const [size, file] of [
    ['1 MB', gz],
    ['3 KB', small],
  ] as const) {
    it.each(damaged(file))(`${size}: %s`, async (_name, bytes) => {
      const out = await scoreTrace(new Uint8Array(bytes), 'f.gz')
      expect(out.ok).toBe(false)
      if (out.ok) return
      expect(out.reason.startsWith(GZIP_UNREADABLE + ': ')).toBe(true)
      expect(out.line).toBeGreaterThanOrEqual(1)
    })
  }

  it('the undamaged file scores', async () => {
    for (const file of [gz, small]) expect((await scoreTrace(new Uint8Array(file))).ok).toBe(true)
  })

  it('cut anywhere: refused, never scored', async () => {
    const rand = rng(42)
    for (let i = 0; i < 40; i++) {
      const at = 1 + Math.floor(rand() * (gz.length - 1))
      const out = await scoreTrace(new Uint8Array(gz.subarray(0, at)))
      expect(out.ok, 'cut at ' + at).toBe(false)
    }
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { drawIcon, iconFiles } from '../../scripts/build-icons.ts'

describe('the app icons (scripts/build-icons.ts)', () => {
  it('are the committed files, byte for byte (drawn by the script, nothing downloaded)', () => {
    for (const [name, bytes] of iconFiles()) {
      expect(readFileSync(join('public', 'icons', name)).equals(bytes), name).toBe(true)
    }
  })

  it('are PNGs of the size they claim, and the maskable one fills the whole square', () => {
    for (const [name, bytes] of iconFiles()) {
      if (!name.endsWith('.png')) continue
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
      const size = Number(/(\d+)\.png$/.exec(name)![1])
      expect(bytes.readUInt32BE(16)).toBe(size)
      expect(bytes.readUInt32BE(20)).toBe(size)
    }
    const maskable = drawIcon(64, true)
    const plain = drawIcon(64, false)
    // corner pixel: opaque when maskable (the platform crops it), transparent on the rounded one
    expect(maskable[3]).toBe(255)
    expect(plain[3]).toBe(0)
  })
})

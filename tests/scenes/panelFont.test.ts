// The headset panel's subset font (docs/panel-font.md): every character a panel
// text needs is in the committed font, and the font's glyphs lie in its atlas
// without overlapping. Reads only the committed files: no WebP tools needed.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PANEL_FONT_FAMILIES, PANEL_FONT_URL } from '../../src/scenes/session/panelFont.ts'
import {
  describeMissing,
  missingGlyphs,
  panelGlyphs,
  panelTexts,
  sourceTexts,
} from '../../src/scenes/session/panelTexts.ts'

const FONTS = new URL('../../public/fonts/', import.meta.url)
const PANEL_SOURCE = new URL('../../src/scenes/session/CoachingPanel.tsx', import.meta.url)

interface Glyph {
  id: number
  char: string
  x: number
  y: number
  width: number
  height: number
}
interface FontJson {
  pages: string[]
  chars: Glyph[]
  info: { charset: string[]; size: number }
  common: { scaleW: number; scaleH: number; lineHeight: number }
  distanceField: { fieldType: string; distanceRange: number }
  kernings: { first: number; second: number; amount: number }[]
}

/** Width and height of a lossless WebP, from its RIFF / VP8L header. */
function webpSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.toString('latin1', 0, 4)).toBe('RIFF')
  expect(bytes.toString('latin1', 8, 12)).toBe('WEBP')
  // lossless, simple format: the MSDF channels must come back exactly
  expect(bytes.toString('latin1', 12, 16)).toBe('VP8L')
  expect(bytes[20]).toBe(0x2f)
  const bits = bytes.readUInt32LE(21)
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
}

/** The font files the panel loads (every weight of every family it is given). */
function panelFontFiles(): string[] {
  const files = Object.values(PANEL_FONT_FAMILIES).flatMap((weights) =>
    Object.values(weights ?? {}),
  )
  return files.map((url) => {
    expect(typeof url).toBe('string')
    return String(url).replace(import.meta.env.BASE_URL, '')
  })
}

function readFont(file: string): FontJson {
  return JSON.parse(readFileSync(new URL(file.replace(/^fonts\//, ''), FONTS), 'utf8')) as FontJson
}

describe('the headset panel font', () => {
  const texts = panelTexts()
  const files = panelFontFiles()

  it('is loaded from public/fonts, relative to the app base', () => {
    expect(PANEL_FONT_URL.startsWith(import.meta.env.BASE_URL)).toBe(true)
    expect(files.length).toBeGreaterThan(0)
    for (const f of files) {
      expect(f).toMatch(/^fonts\/panel-[a-z-]+\.json$/)
      expect(existsSync(new URL(f.replace(/^fonts\//, ''), FONTS))).toBe(true)
    }
  })

  it('the panel texts are found: its own words, the session words, names, achievements, numbers', () => {
    const all = new Set(texts.map((t) => t.text))
    for (const t of [
      'Stop: pain',
      'Take your time. Press Resume, or A or X, to carry on.',
      "Cannot stand? Type your height in the app's settings on the page.",
      'Watch the coach',
      'Right side',
      'Rest and breathe. Next: Supported cat-cow.',
      "Child's pose with side reach",
      'Welcome back',
      '600',
      '1.75',
    ])
      expect(all, t).toContain(t)
    // styles, comparisons and imports are not drawn
    for (const t of ['bold', '#ffffff', 'calibrating', 'flex-end', '../../core/stretches.ts'])
      expect(all, t).not.toContain(t)
  })

  it.each(files)('%s has every glyph the panel texts need', (file) => {
    const font = readFont(file)
    const available = new Set(font.chars.map((c) => c.char))
    expect(missingGlyphs(texts, available).map(describeMissing)).toEqual([])
    // and nothing else: the subset is exactly the texts' characters
    expect([...available].sort()).toEqual([...panelGlyphs(texts)].sort())
  })

  it.each(files)('%s: its glyphs lie inside its atlas, 1 px or more apart', (file) => {
    const font = readFont(file)
    expect(font.pages).toHaveLength(1)
    expect(font.pages[0]).toMatch(/^panel-[a-z-]+\.webp$/)
    expect(font.distanceField.fieldType).toBe('msdf')
    const { width, height } = webpSize(readFileSync(new URL(font.pages[0]!, FONTS)))
    expect([font.common.scaleW, font.common.scaleH]).toEqual([width, height])
    expect(font.info.charset).toEqual(font.chars.map((c) => c.char))
    const rects = font.chars.filter((g) => g.width > 0 && g.height > 0)
    for (const g of rects) {
      expect(g.x, g.char).toBeGreaterThanOrEqual(0)
      expect(g.y, g.char).toBeGreaterThanOrEqual(0)
      expect(g.x + g.width, g.char).toBeLessThanOrEqual(width)
      expect(g.y + g.height, g.char).toBeLessThanOrEqual(height)
    }
    const touching: string[] = []
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i]!
        const b = rects[j]!
        // grown by the 1 px gutter, a must still not overlap b
        const apart =
          a.x + a.width + 1 <= b.x ||
          b.x + b.width + 1 <= a.x ||
          a.y + a.height + 1 <= b.y ||
          b.y + b.height + 1 <= a.y
        if (!apart) touching.push(`${a.char} ${b.char}`)
      }
    expect(touching).toEqual([])
    const ids = new Set(font.chars.map((c) => c.id))
    for (const k of font.kernings) expect(ids.has(k.first) && ids.has(k.second)).toBe(true)
  })

  it('a text with a character the font lacks fails, named with its character', () => {
    const font = readFont(files[0]!)
    const available = new Set(font.chars.map((c) => c.char))
    const missing = missingGlyphs([{ where: 'a new line', text: 'Donate 5 €' }], available)
    expect(missing.map(describeMissing)).toEqual(['"€" (U+20AC) in "Donate 5 €" (a new line)'])
  })

  it('a new panel literal with such a character is caught from the source', () => {
    const font = readFont(files[0]!)
    const available = new Set(font.chars.map((c) => c.char))
    const source = readFileSync(PANEL_SOURCE, 'utf8')
    expect(source).toContain('label="Skip"')
    const edited = source.replace('label="Skip"', 'label="Skip »"')
    const missing = missingGlyphs(sourceTexts('CoachingPanel.tsx', edited), available)
    expect(missing).toHaveLength(1)
    expect(missing[0]!.char).toBe('»')
    expect(missing[0]!.text).toBe('Skip »')
  })
})

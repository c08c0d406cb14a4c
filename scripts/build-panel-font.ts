/**
 * `npm run build:font`: the headset panel's font, subset to the glyphs the
 * panel's texts use (docs/panel-font.md).
 *
 * Reads Inter from @pmndrs/msdfonts (MSDF, BMFont-style JSON with an inline
 * lossless WebP page), collects every text the panel can show
 * (src/scenes/session/panelTexts.ts), fails when a text needs a glyph the
 * font lacks, and writes public/fonts/panel-<weight>.json and .webp: only
 * those glyphs, copied pixel for pixel into a new, tightly packed atlas.
 *
 * `--check` only checks the committed files against the texts (no WebP tools
 * needed; the unit test does the same). Building needs Debian's `webp`
 * package (dwebp, cwebp). The output is the same bytes on every run.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inter } from '@pmndrs/msdfonts/inter'
import {
  describeMissing,
  missingGlyphs,
  panelGlyphs,
  panelTexts,
  type PanelText,
} from '../src/scenes/session/panelTexts.ts'

/** The Inter weights the panel ships (see docs/panel-font.md for why one). */
const WEIGHTS: readonly Weight[] = ['medium']
type Weight = keyof typeof inter
const OUT_DIR = new URL('../public/fonts/', import.meta.url)
/** Atlas widths tried: the smallest power-of-two atlas wins, the squarer one on a tie. */
const WIDTHS = [512, 256, 128]
/**
 * Black pixels between glyph rectangles and along the atlas edges, as the
 * original page has (its background is black): bilinear samples at a
 * rectangle's edge never reach a neighbour.
 */
const GUTTER = 1

type SourceFont = (typeof inter)[Weight]
type Glyph = SourceFont['chars'][number]

interface Image {
  width: number
  height: number
  /** RGB, row-major */
  rgb: Uint8Array
}

function fail(lines: string[]): never {
  for (const l of lines) console.error(l)
  process.exit(1)
}

/** Exits 1, naming text and character, when a text needs a glyph `available` lacks. */
function checkTexts(texts: readonly PanelText[], available: ReadonlySet<string>, font: string) {
  const missing = missingGlyphs(texts, available)
  if (missing.length > 0)
    fail([
      `${font} has no glyph for ${missing.length} character(s) the panel needs:`,
      ...missing.map((m) => '  ' + describeMissing(m)),
    ])
}

function decodePam(pam: Buffer): Image {
  const end = pam.indexOf('ENDHDR\n')
  if (!pam.subarray(0, 3).equals(Buffer.from('P7\n')) || end < 0) throw new Error('not a PAM file')
  const header: Record<string, string> = {}
  for (const line of pam.subarray(3, end).toString('latin1').split('\n')) {
    const [k, ...v] = line.trim().split(/\s+/)
    if (k) header[k] = v.join(' ')
  }
  const width = Number(header.WIDTH)
  const height = Number(header.HEIGHT)
  const depth = Number(header.DEPTH)
  if (Number(header.MAXVAL) !== 255 || (depth !== 3 && depth !== 4))
    throw new Error(`unexpected PAM header ${JSON.stringify(header)}`)
  const data = pam.subarray(end + 7)
  const rgb = new Uint8Array(width * height * 3)
  for (let i = 0; i < width * height; i++) {
    if (depth === 4 && data[i * 4 + 3] !== 255) throw new Error('the font page has transparency')
    rgb[i * 3] = data[i * depth]!
    rgb[i * 3 + 1] = data[i * depth + 1]!
    rgb[i * 3 + 2] = data[i * depth + 2]!
  }
  return { width, height, rgb }
}

function encodePam(img: Image): Buffer {
  const header = `P7\nWIDTH ${img.width}\nHEIGHT ${img.height}\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n`
  return Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(img.rgb)])
}

function dwebp(webp: Buffer, dir: string): Image {
  const file = join(dir, 'in.webp')
  writeFileSync(file, webp)
  const pam = execFileSync('dwebp', ['-quiet', '-pam', file, '-o', '-'], {
    maxBuffer: 1 << 28,
  })
  return decodePam(pam)
}

function cwebp(img: Image, dir: string): Buffer {
  const input = join(dir, 'out.pam')
  const output = join(dir, 'out.webp')
  writeFileSync(input, encodePam(img))
  execFileSync('cwebp', [
    '-quiet',
    '-lossless',
    '-exact',
    '-z',
    '9',
    '-metadata',
    'none',
    input,
    '-o',
    output,
  ])
  return readFileSync(output)
}

interface Placed {
  glyph: Glyph
  x: number
  y: number
}

/** Shelf packing, tallest first, GUTTER px apart and from the edges; null when a glyph is wider than `width`. */
function pack(
  glyphs: readonly Glyph[],
  width: number,
): { placed: Placed[]; height: number } | null {
  const order = [...glyphs].sort((a, b) => b.height - a.height || b.width - a.width || a.id - b.id)
  const placed: Placed[] = []
  // x, y: where the next glyph may start; shelf: the current shelf's tallest glyph
  let x = GUTTER
  let y = GUTTER
  let shelf = 0
  for (const g of order) {
    if (g.width === 0 || g.height === 0) {
      placed.push({ glyph: g, x: 0, y: 0 })
      continue
    }
    if (GUTTER + g.width + GUTTER > width) return null
    if (x + g.width + GUTTER > width) {
      y += shelf + GUTTER
      x = GUTTER
      shelf = 0
    }
    placed.push({ glyph: g, x, y })
    x += g.width + GUTTER
    shelf = Math.max(shelf, g.height)
  }
  return { placed, height: y + shelf + GUTTER }
}

function nextPowerOfTwo(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}

/** The subset font of one weight: its JSON (without the page name) and its atlas. */
function subset(font: SourceFont, page: Image, chars: ReadonlySet<string>) {
  const glyphs = font.chars.filter((g) => chars.has(g.char))
  let best: { placed: Placed[]; width: number; height: number } | null = null
  for (const width of WIDTHS) {
    const p = pack(glyphs, width)
    if (!p) continue
    const height = nextPowerOfTwo(p.height)
    if (!best || width * height < best.width * best.height)
      // ties keep the wider (squarer) one
      best = { placed: p.placed, width, height }
  }
  if (!best) throw new Error('the glyphs do not fit any atlas width')
  const atlas: Image = {
    width: best.width,
    height: best.height,
    rgb: new Uint8Array(best.width * best.height * 3),
  }
  // each glyph's rectangle, pixel for pixel; everything else stays black
  for (const { glyph: g, x, y } of best.placed) {
    if (g.x + g.width > page.width || g.y + g.height > page.height)
      throw new Error(`glyph "${g.char}" lies outside the original page`)
    for (let row = 0; row < g.height; row++) {
      const s = ((g.y + row) * page.width + g.x) * 3
      atlas.rgb.set(page.rgb.subarray(s, s + g.width * 3), ((y + row) * atlas.width + x) * 3)
    }
  }
  const newChars = best.placed
    .map(({ glyph: g, x, y }) => ({ ...g, x, y }))
    .sort((a, b) => a.id - b.id)
  const ids = new Set(newChars.map((c) => c.id))
  const kernings = font.kernings
    .filter((k) => ids.has(k.first) && ids.has(k.second))
    .sort((a, b) => a.first - b.first || a.second - b.second)
  const json = {
    chars: newChars,
    info: { ...font.info, charset: newChars.map((c) => c.char) },
    common: { ...font.common, scaleW: atlas.width, scaleH: atlas.height, pages: 1 },
    distanceField: font.distanceField,
    kernings,
  }
  return { json, atlas }
}

/** JSON with one glyph or kerning pair per line: compact, and readable in a diff. */
function formatJson(value: Record<string, unknown>): string {
  const parts = Object.entries(value).map(([k, v]) => {
    if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object')
      return `${JSON.stringify(k)}:[\n${v.map((e) => JSON.stringify(e)).join(',\n')}\n]`
    return `${JSON.stringify(k)}:${JSON.stringify(v)}`
  })
  return `{\n${parts.join(',\n')}\n}\n`
}

function committedGlyphs(weight: string): Set<string> {
  const file = new URL(`panel-${weight}.json`, OUT_DIR)
  const json = JSON.parse(readFileSync(file, 'utf8')) as { chars: { char: string }[] }
  return new Set(json.chars.map((c) => c.char))
}

function main(): void {
  const texts = panelTexts()
  const needed = panelGlyphs(texts)
  if (process.argv.includes('--check')) {
    for (const weight of WEIGHTS)
      checkTexts(texts, committedGlyphs(weight), `public/fonts/panel-${weight}.json`)
    console.log(`public/fonts: every panel text (${texts.length}) has its ${needed.length} glyphs`)
    return
  }
  mkdirSync(OUT_DIR, { recursive: true })
  const dir = mkdtempSync(join(tmpdir(), 'panel-font-'))
  try {
    for (const weight of WEIGHTS) {
      const font = inter[weight]
      checkTexts(
        texts,
        new Set(font.chars.map((c) => c.char)),
        `Inter ${weight} (@pmndrs/msdfonts)`,
      )
      const [, base64] = font.pages[0]!.split(',')
      const page = dwebp(Buffer.from(base64!, 'base64'), dir)
      if (page.width !== font.common.scaleW || page.height !== font.common.scaleH)
        throw new Error(
          `Inter ${weight}: the page is ${page.width}×${page.height}, not scaleW×scaleH`,
        )
      const { json, atlas } = subset(font, page, new Set(needed))
      const webp = cwebp(atlas, dir)
      // lossless, exactly: the MSDF channels are distances, not colours
      const back = dwebp(webp, dir)
      if (!Buffer.from(back.rgb).equals(Buffer.from(atlas.rgb)))
        throw new Error(`Inter ${weight}: the WebP did not keep the atlas exactly`)
      const name = `panel-${weight}`
      writeFileSync(new URL(`${name}.webp`, OUT_DIR), webp)
      writeFileSync(
        new URL(`${name}.json`, OUT_DIR),
        formatJson({ pages: [`${name}.webp`], ...json }),
      )
      console.log(
        `public/fonts/${name}: ${json.chars.length} of ${font.chars.length} glyphs, ` +
          `${json.kernings.length} kerning pairs, atlas ${atlas.width}×${atlas.height}, ${webp.length} B WebP`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main()

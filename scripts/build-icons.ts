/**
 * `npm run build:icons`: draws the app's icons from shapes in code (nothing
 * downloaded) and writes public/icons/: PNGs for the web app manifest (192,
 * 512, and a maskable 512 whose figure keeps inside the 80 % safe circle), an
 * Apple touch icon and an SVG favicon of the same drawing. Deterministic: a
 * rerun writes the same bytes (tests/scripts/icons.test.ts checks the PNGs).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { encodePng } from './png.mjs'

/** Colours of the drawing (the theme colour is the page's <meta name="theme-color">). */
export const ICON_COLOURS = {
  background: [0x1f, 0x3a, 0x4d],
  figure: [0xf4, 0xf1, 0xe8],
  mat: [0x7f, 0xd1, 0xb9],
} as const

type Rgb = readonly [number, number, number]

/** A shape in unit coordinates (0–1, y down): a capsule (thick segment) or a disc. */
type Shape =
  | { kind: 'capsule'; ax: number; ay: number; bx: number; by: number; r: number; colour: Rgb }
  | { kind: 'disc'; x: number; y: number; r: number; colour: Rgb }

/** A person in child's pose on a mat, seen from the side: the routine's first stretch. */
export const FIGURE: readonly Shape[] = [
  { kind: 'capsule', ax: 0.12, ay: 0.7, bx: 0.88, by: 0.7, r: 0.03, colour: ICON_COLOURS.mat },
  { kind: 'capsule', ax: 0.5, ay: 0.61, bx: 0.8, by: 0.61, r: 0.05, colour: ICON_COLOURS.figure },
  { kind: 'capsule', ax: 0.5, ay: 0.6, bx: 0.74, by: 0.46, r: 0.065, colour: ICON_COLOURS.figure },
  {
    kind: 'capsule',
    ax: 0.74,
    ay: 0.46,
    bx: 0.58,
    by: 0.35,
    r: 0.075,
    colour: ICON_COLOURS.figure,
  },
  { kind: 'capsule', ax: 0.58, ay: 0.35, bx: 0.4, by: 0.46, r: 0.07, colour: ICON_COLOURS.figure },
  { kind: 'capsule', ax: 0.42, ay: 0.48, bx: 0.15, by: 0.6, r: 0.035, colour: ICON_COLOURS.figure },
  { kind: 'disc', x: 0.32, y: 0.54, r: 0.075, colour: ICON_COLOURS.figure },
]

function shapeDistance(s: Shape, x: number, y: number): number {
  if (s.kind === 'disc') return Math.hypot(x - s.x, y - s.y) - s.r
  const dx = s.bx - s.ax
  const dy = s.by - s.ay
  const t = Math.max(0, Math.min(1, ((x - s.ax) * dx + (y - s.ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - s.ax - t * dx, y - s.ay - t * dy) - s.r
}

function roundedSquareDistance(x: number, y: number, radius: number): number {
  const qx = Math.abs(x - 0.5) - (0.5 - radius)
  const qy = Math.abs(y - 0.5) - (0.5 - radius)
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius
}

/**
 * RGBA pixels of the icon at `size` px. `maskable`: a full-bleed background and
 * the figure scaled into the safe circle; otherwise a rounded square on transparency.
 */
export function drawIcon(size: number, maskable: boolean): Uint8Array {
  const px = new Uint8Array(size * size * 4)
  const scale = maskable ? 0.78 : 1
  const aa = 1 / size
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const u = (i + 0.5) / size
      const v = (j + 0.5) / size
      const bgCover = maskable
        ? 1
        : Math.max(0, Math.min(1, 0.5 - roundedSquareDistance(u, v, 0.2) / aa))
      let [r, g, b] = ICON_COLOURS.background as Rgb
      // the figure in its own coordinates (scaled about the centre for maskable)
      const fu = (u - 0.5) / scale + 0.5
      const fv = (v - 0.5) / scale + 0.5
      for (const s of FIGURE) {
        const cover = Math.max(0, Math.min(1, 0.5 - shapeDistance(s, fu, fv) / (aa / scale)))
        if (cover > 0) {
          r += (s.colour[0] - r) * cover
          g += (s.colour[1] - g) * cover
          b += (s.colour[2] - b) * cover
        }
      }
      const o = (j * size + i) * 4
      px[o] = Math.round(r)
      px[o + 1] = Math.round(g)
      px[o + 2] = Math.round(b)
      px[o + 3] = Math.round(bgCover * 255)
    }
  }
  return px
}

const hex = (c: Rgb): string => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('')

/** The same drawing as SVG (the favicon). */
export function iconSvg(): string {
  const shapes = FIGURE.map((s) =>
    s.kind === 'disc'
      ? `<circle cx="${s.x * 64}" cy="${s.y * 64}" r="${s.r * 64}" fill="${hex(s.colour)}"/>`
      : `<line x1="${s.ax * 64}" y1="${s.ay * 64}" x2="${s.bx * 64}" y2="${s.by * 64}" stroke="${hex(s.colour)}" stroke-width="${s.r * 128}" stroke-linecap="round"/>`,
  )
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="${0.2 * 64}" fill="${hex(ICON_COLOURS.background)}"/>` +
    shapes.join('') +
    `</svg>\n`
  )
}

/** The files written, name → bytes (the manifest names them in vite.config.ts). */
export function iconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  files.set('icon-192.png', encodePng(192, 192, drawIcon(192, false)))
  files.set('icon-512.png', encodePng(512, 512, drawIcon(512, false)))
  files.set('icon-maskable-512.png', encodePng(512, 512, drawIcon(512, true)))
  files.set('apple-touch-icon-180.png', encodePng(180, 180, drawIcon(180, true)))
  files.set('favicon.svg', Buffer.from(iconSvg()))
  return files
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join('public', 'icons')
  mkdirSync(dir, { recursive: true })
  for (const [name, bytes] of iconFiles()) {
    writeFileSync(join(dir, name), bytes)
    console.log(`${join(dir, name)}  ${bytes.length} bytes`)
  }
}

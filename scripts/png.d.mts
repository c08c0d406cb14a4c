// Types of scripts/png.mjs (plain JavaScript: scripts run by plain node use it).

/** An image as RGBA bytes, row by row from the top. */
export interface RgbaImage {
  width: number
  height: number
  rgba: Uint8Array
}

/** An 8-bit, non-interlaced PNG (any colour type) as RGBA, or null for anything else or damaged. */
export function decodePng(png: Uint8Array): RgbaImage | null

/** RGBA pixels as an 8-bit RGBA PNG (no row filter, zlib level 9). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer

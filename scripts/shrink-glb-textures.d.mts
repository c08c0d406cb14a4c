// Types of scripts/shrink-glb-textures.mjs (plain JavaScript: it runs before the build).

/** An image as RGBA bytes, row by row from the top. */
export interface RgbaImage {
  width: number
  height: number
  rgba: Uint8Array
}

/** An 8-bit, non-interlaced PNG as RGBA, or null for anything else. */
export function decodePng(png: Uint8Array): RgbaImage | null

/** RGBA pixels as an 8-bit PNG: RGB when every pixel is opaque, else RGBA. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array

/** Halved (2×2 box) until neither side exceeds `max`, or a side is odd. */
export function shrinkImage(image: RgbaImage, max: number): RgbaImage

/** The .glb with its PNG textures over `max` on a side shrunk; the input itself when none was. */
export function shrinkGlbTextures(glb: Uint8Array, max: number): Uint8Array

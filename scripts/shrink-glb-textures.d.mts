// Types of scripts/shrink-glb-textures.mjs (plain JavaScript: it runs before the build).
import type { RgbaImage } from './png.mjs'

/** Halved (2×2 box) until neither side exceeds `max`, or a side is odd. */
export function shrinkImage(image: RgbaImage, max: number): RgbaImage

/** The .glb with its PNG textures over `max` on a side shrunk; the input itself when none was. */
export function shrinkGlbTextures(glb: Uint8Array, max: number): Uint8Array

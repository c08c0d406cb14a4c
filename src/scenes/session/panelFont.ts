/**
 * The headset panel's font: Inter Medium from @pmndrs/msdfonts, subset to the
 * glyphs the panel's texts use (public/fonts/panel-medium.json and .webp, made
 * by `npm run build:font`; docs/panel-font.md). One weight for every panel
 * text: uikit picks the nearest weight, so bold and normal text both draw
 * Medium. Given to the panel's root container, it replaces uikit's default
 * family (all four Inter weights in one 276 kB module) — that module is then
 * never imported.
 *
 * The URL is relative to the app's base, as the coach model's is; uikit loads
 * the JSON with fetch and its page (named relative to the JSON) as a texture,
 * both only when the panel's first text mounts.
 */
import type { FontFamilies } from '@react-three/uikit'

/** The subset font's JSON (BMFont-style MSDF, one lossless WebP page beside it). */
export const PANEL_FONT_URL = `${import.meta.env.BASE_URL}fonts/panel-medium.json`

/** The panel's font families: one family, one weight. */
export const PANEL_FONT_FAMILIES: FontFamilies = {
  inter: { medium: PANEL_FONT_URL },
}

/**
 * The Playwright `test` every browser test uses. An automatic fixture records
 * every request and every console error / uncaught page error, and after the
 * test fails it when a request left the page's origin or any error was logged.
 * A Content-Security-Policy violation is logged as a console error by a script
 * added to every page, so any violation fails the test too.
 *
 * Usage: `import { test, expect, canvasPixelStats } from './helpers/guard'`.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { decodePng as readPng } from '../../../scripts/png.mjs'

/** What the guard saw during one test; tests may read it through the `guard` fixture. */
export interface GuardLog {
  /** every request URL, in order */
  requests: string[]
  /** requests whose origin differs from the app's (data: and blob: URLs are local) */
  offOrigin: string[]
  /** console.error messages and uncaught page errors */
  errors: string[]
}

function isLocalUrl(url: string, appOrigin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true
  try {
    return new URL(url).origin === appOrigin
  } catch {
    return false
  }
}

export const test = base.extend<{ guard: GuardLog }>({
  guard: [
    async ({ page, baseURL }, use, testInfo) => {
      const appOrigin = new URL(baseURL ?? 'http://localhost/').origin
      const log: GuardLog = { requests: [], offOrigin: [], errors: [] }
      page.on('request', (req) => {
        const url = req.url()
        log.requests.push(url)
        if (!isLocalUrl(url, appOrigin)) log.offOrigin.push(url)
      })
      page.on('console', (msg) => {
        if (msg.type() === 'error') {
          const loc = msg.location()
          log.errors.push(`console.error: ${msg.text()} (${loc.url}:${loc.lineNumber})`)
        }
      })
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(
            `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
          )
        })
      })
      page.on('pageerror', (err) => {
        log.errors.push(`page error: ${err.message}`)
      })
      await use(log)
      testInfo.annotations.push({ type: 'requests', description: String(log.requests.length) })
      expect(log.offOrigin, `requests that left ${appOrigin}`).toEqual([])
      expect(log.errors, 'console errors / page errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/** Pixel statistics of an element's screenshot. */
export interface PixelStats {
  /** mean pixel luminance (Rec. 709 weights), 0–255 */
  mean: number
  /** standard deviation of pixel luminance, 0–255: about 0 for a blank canvas */
  std: number
  /** number of distinct RGB colours */
  distinctColours: number
  width: number
  height: number
}

/** Screenshots the element matched by `selector` and returns its pixel statistics. */
export async function canvasPixelStats(page: Page, selector: string): Promise<PixelStats> {
  return pixelStats(await canvasImage(page, selector))
}

/**
 * A page screenshot clipped to the element's box. Unlike locator.screenshot it does
 * not wait for the element to be "stable" across animation frames, which a canvas
 * that keeps rendering on a busy CPU may never be.
 */
async function elementPng(page: Page, selector: string): Promise<Buffer> {
  const el = page.locator(selector).first()
  await el.waitFor({ state: 'visible' })
  const box = await el.boundingBox()
  if (!box) throw new Error(`${selector} has no box on the page`)
  return page.screenshot({ clip: box, animations: 'disabled' })
}

/** A decoded image: 8-bit RGBA, row-major. */
export interface DecodedImage {
  width: number
  height: number
  rgba: Uint8Array
}

/** Luminance statistics and the distinct-colour count of a decoded image. */
export function pixelStats(img: DecodedImage): PixelStats {
  const n = img.width * img.height
  let sum = 0
  let sumSq = 0
  const colours = new Set<number>()
  for (let i = 0; i < n; i++) {
    const r = img.rgba[i * 4]!
    const g = img.rgba[i * 4 + 1]!
    const b = img.rgba[i * 4 + 2]!
    const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b
    sum += luma
    sumSq += luma * luma
    colours.add((r << 16) | (g << 8) | b)
  }
  const count = n
  const mean = count > 0 ? sum / count : 0
  const variance = count > 0 ? Math.max(0, sumSq / count - mean * mean) : 0
  return {
    mean,
    std: Math.sqrt(variance),
    distinctColours: colours.size,
    width: img.width,
    height: img.height,
  }
}

/** A screenshot decoded (scripts/png.mjs); throws when it is not an 8-bit PNG. */
export function decodePng(buf: Buffer): DecodedImage {
  const img = readPng(buf)
  if (!img) throw new Error('not an 8-bit, non-interlaced PNG, or damaged')
  return img
}

/** Screenshots the element matched by `selector` and decodes it. */
export async function canvasImage(page: Page, selector: string): Promise<DecodedImage> {
  return decodePng(await elementPng(page, selector))
}

/** Fraction (0–1) of pixels whose RGB differs by more than `tolerance` in some channel. */
export function imageDifference(a: DecodedImage, b: DecodedImage, tolerance = 24): number {
  if (a.width !== b.width || a.height !== b.height) return 1
  const n = a.width * a.height
  let changed = 0
  for (let i = 0; i < n; i++) {
    const o = i * 4
    if (
      Math.abs(a.rgba[o]! - b.rgba[o]!) > tolerance ||
      Math.abs(a.rgba[o + 1]! - b.rgba[o + 1]!) > tolerance ||
      Math.abs(a.rgba[o + 2]! - b.rgba[o + 2]!) > tolerance
    )
      changed++
  }
  return n > 0 ? changed / n : 0
}

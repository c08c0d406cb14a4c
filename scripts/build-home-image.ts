/**
 * `npm run build:home-image`: the still picture of the coach on the home page
 * (public/images/coach-home.jpg), taken from the built app's own desktop
 * preview (the coach in the child's pose it holds, seen from the side), so the
 * home page shows the coach without loading three.js. Run it again when the
 * coach's model or poses change, and commit the picture.
 */
import { writeFileSync, mkdirSync } from 'node:fs'
import type { Browser } from '@playwright/test'
import { buildApp, withServedApp } from './builtApp.ts'

const OUT_DIR = 'dist-home-image'
const PORT = 4391
/** The picture's proportions (the home page shows it at most 20rem wide; taken at twice the pixels, for sharp screens). */
const HOME_IMAGE_SIZE = { width: 640, height: 400 } as const
const TARGET = 'public/images/coach-home.jpg'

async function main(): Promise<void> {
  await buildApp(OUT_DIR)
  await withServedApp(OUT_DIR, PORT, takePicture)
}

async function takePicture(browser: Browser): Promise<void> {
  const page = await browser.newPage({
    viewport: { width: 1100, height: 700 },
    deviceScaleFactor: 2,
    reducedMotion: 'reduce',
  })
  await page.goto(`http://localhost:${PORT}/#/preview?stretch=childs-pose`)
  await page.locator('.view3d[data-ready="true"]').waitFor({ timeout: 60_000 })
  await page.getByRole('button', { name: 'Show the held pose' }).click()
  await page.getByRole('button', { name: 'Side', exact: true }).click()
  // the preview draws on demand: give the last frame time to land
  await page.waitForTimeout(1500)
  const canvas = (await page.locator('.canvas-wrap canvas').boundingBox())!
  // where the coach's demonstration lies on the page (the preview's test hook): the held pose
  // lies along the floor, at the bottom of it, across its whole width
  const [left, , right, bottom] = await page.evaluate(() =>
    Array.from(window.stretchcoachPreviewView!.coachScreenBox),
  )
  const w = Math.min(canvas.width, (right! - left!) * 1.15)
  const h = (w * HOME_IMAGE_SIZE.height) / HOME_IMAGE_SIZE.width
  const x = Math.max(canvas.x, Math.min((left! + right!) / 2 - w / 2, canvas.x + canvas.width - w))
  const y = Math.max(canvas.y, Math.min(bottom! + h * 0.08 - h, canvas.y + canvas.height - h))
  const jpeg = await page.screenshot({
    type: 'jpeg',
    quality: 78,
    clip: { x, y, width: w, height: h },
  })
  mkdirSync('public/images', { recursive: true })
  writeFileSync(TARGET, jpeg)
  console.log(`${TARGET}: ${(jpeg.length / 1024).toFixed(1)} kB`)
}

await main()

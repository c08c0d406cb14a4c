/**
 * The coach's body in the desktop preview (issue 13): every stretch at its
 * held pose from the front and the side, and the face close up, as
 * screenshots under tests/e2e/screenshots/coach-body/ to be looked at (joints
 * without creases or gaps, hands and feet in place, the face and hair). The
 * checks here are what a picture must at least show: the coach's own model
 * loaded, a coach drawn with the skin and clothing colours, front and side
 * being different pictures, and a face with dark eyes on light skin.
 */
import type { Page } from '@playwright/test'
import { STRETCH_IDS } from '../../src/core/stretches'
import {
  canvasImage,
  decodePng,
  expect,
  imageDifference,
  test,
  type DecodedImage,
} from './helpers/guard'
import { PREVIEW_CANVAS, pressView, readView } from './helpers/previewView'

const SHOTS = 'tests/e2e/screenshots/coach-body'
const CANVAS = PREVIEW_CANVAS

/** Share of pixels near an sRGB colour (each channel within `tol`). */
function share(img: DecodedImage, rgb: [number, number, number], tol: number): number {
  let n = 0
  const total = img.width * img.height
  for (let i = 0; i < total; i++) {
    const o = i * 4
    if (
      Math.abs(img.rgba[o]! - rgb[0]) <= tol &&
      Math.abs(img.rgba[o + 1]! - rgb[1]) <= tol &&
      Math.abs(img.rgba[o + 2]! - rgb[2]) <= tol
    ) {
      n++
    }
  }
  return n / total
}

/** Share of pixels that look like lit skin: warm, red over green over blue. */
function skinShare(img: DecodedImage): number {
  let n = 0
  const total = img.width * img.height
  for (let i = 0; i < total; i++) {
    const o = i * 4
    const r = img.rgba[o]!
    const g = img.rgba[o + 1]!
    const b = img.rgba[o + 2]!
    if (r > 120 && r - g > 20 && g - b > 12 && r - b < 140) n++
  }
  return n / total
}

async function openPreview(page: Page, id: string) {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await page.goto(`./#/preview?stretch=${id}`)
  await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
  await expect(page.getByLabel('Stretch')).toHaveValue(id)
}

test.describe('the coach body in the preview', () => {
  test.slow()

  test('every stretch at its held pose, from the front and the side', async ({ page, guard }) => {
    test.setTimeout(240_000)
    for (const id of STRETCH_IDS) {
      await openPreview(page, id)
      await page.getByRole('button', { name: 'Show the held pose' }).click()
      await expect(page.getByTestId('coach-play')).toHaveText('Play')
      const clip = (await page.locator('.canvas-wrap').boundingBox())!
      const first = await canvasImage(page, CANVAS)
      const { image: front } = await pressView(page, 'Front', first, 0.02)
      await page.screenshot({ path: `${SHOTS}/${id}-front.png`, clip })
      const { image: side } = await pressView(page, 'Side', front, 0.02)
      await page.screenshot({ path: `${SHOTS}/${id}-side.png`, clip })
      expect(imageDifference(front, side), `${id}: front and side differ`).toBeGreaterThan(0.02)
      for (const img of [front, side]) {
        // skin (face, arms, hands) is in sight in both views
        expect(skinShare(img), `${id}: skin in sight`).toBeGreaterThan(0.001)
      }
    }
    expect(guard.requests.some((u) => u.endsWith('/models/coach.glb'))).toBe(true)
  })
})

test.describe('the coach face in the preview', () => {
  test.slow()
  // a sharper picture of a small thing: twice the pixels
  test.use({ deviceScaleFactor: 2 })

  test('the face close up: eyes, brows, nose, mouth and hair', async ({ page }) => {
    await openPreview(page, 'cat-cow')
    // the start of the demonstration: standing, facing the camera
    await page.getByTestId('coach-scrub').fill('0')
    const before = await canvasImage(page, CANVAS)
    await pressView(page, 'Front', before, 0.02)
    const canvas = (await page.locator(CANVAS).boundingBox())!
    // the head's height: the top of the coach's body spheres (standing) less a head's half
    const headY = await page.evaluate(() => {
      const sph = window.stretchcoachPreviewView!.coachSpheres
      let top = 0
      for (let i = 0; i < sph.length; i += 4) top = Math.max(top, sph[i + 1]! + sph[i + 3]!)
      return top - 0.11
    })
    // pan (right-drag) until the view turns about the head; a drag may fall short, so measure and repeat
    const cx = canvas.x + canvas.width / 2
    const cy = canvas.y + canvas.height / 2
    for (let i = 0; i < 4; i++) {
      const s = await readView(page)
      const dist = Math.hypot(
        s.camera[0]! - s.target[0]!,
        s.camera[1]! - s.target[1]!,
        s.camera[2]! - s.target[2]!,
      )
      const perPixel = (2 * dist * Math.tan((45 * Math.PI) / 360)) / canvas.height
      const dy = (headY - s.target[1]!) / perPixel
      if (Math.abs(dy) < 4) break
      await page.mouse.move(cx, cy - dy / 2)
      await page.mouse.down({ button: 'right' })
      await page.mouse.move(cx, cy + dy / 2, { steps: 8 })
      await page.mouse.up({ button: 'right' })
      await expect.poll(async () => (await readView(page)).frames).toBeGreaterThan(s.frames)
    }
    const wrap = page.locator('.canvas-wrap')
    await wrap.focus()
    for (let i = 0; i < 14; i++) await wrap.press('+')
    await page.waitForTimeout(500)
    // the head sits a little above the point the view turns about once zoomed in
    const side = Math.round(canvas.height * 0.36)
    const headClip = {
      x: cx - side / 2,
      y: cy - 0.04 * canvas.height - side / 2,
      width: side,
      height: side,
    }
    const png = await page.screenshot({ path: `${SHOTS}/face-front.png`, clip: headClip })
    const face = decodePng(png)
    // a face fills the view: mostly skin, with dark irises and the hair's brown
    expect(skinShare(face)).toBeGreaterThan(0.1)
    // the hair's dark brown, and the irises and brows
    expect(share(face, [45, 28, 20], 35)).toBeGreaterThan(0.05)
  })
})

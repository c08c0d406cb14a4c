// The desktop preview's camera views as the browser tests drive them: what the
// view hooks report (src/services/preview/viewHooks.ts) and pressing a view
// until it is applied and drawn.
import type { Page } from '@playwright/test'
import { canvasImage, expect, imageDifference, type DecodedImage } from './guard'

/** The preview's 3D canvas. */
export const PREVIEW_CANVAS = '.view3d canvas'

/** What the view hooks say, as plain numbers. */
export interface ViewState {
  view: string
  viewsApplied: number
  coach: { stretch: string; x: number; z: number; yaw: number }
  camera: number[]
  target: number[]
  screenBox: number[]
  frames: number
}

export function readView(page: Page): Promise<ViewState> {
  return page.evaluate(() => {
    const h = window.stretchcoachPreviewView!
    return {
      view: h.view,
      viewsApplied: h.viewsApplied,
      coach: { ...h.coach },
      camera: Array.from(h.camera.position),
      target: Array.from(h.camera.target),
      screenBox: Array.from(h.coachScreenBox),
      frames: window.stretchcoachPreview!.framesRendered,
    }
  })
}

/**
 * Presses a camera view and waits until it is applied and drawn: a frame
 * after the press whose camera matches the one the hooks report, and (when
 * `before` is given) a picture that differs from it by more than `minChange`
 * (a share of pixels).
 */
export async function pressView(
  page: Page,
  label: 'Front' | 'Side' | 'Above',
  before?: DecodedImage,
  minChange = 0.05,
): Promise<{ state: ViewState; image: DecodedImage }> {
  const prev = await readView(page)
  const button = page.getByRole('button', { name: label, exact: true })
  await button.click()
  await expect(button).toHaveAttribute('aria-pressed', 'true')
  await expect
    .poll(async () => {
      const s = await readView(page)
      return s.viewsApplied > prev.viewsApplied && s.frames > prev.frames
    })
    .toBe(true)
  let image = await canvasImage(page, PREVIEW_CANVAS)
  if (before) {
    // the frame loop is on demand: the new picture may land a frame later
    await expect
      .poll(async () => {
        image = await canvasImage(page, PREVIEW_CANVAS)
        return imageDifference(before, image)
      })
      .toBeGreaterThan(minChange)
  }
  return { state: await readView(page), image }
}

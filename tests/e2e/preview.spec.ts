/**
 * The desktop preview's camera views, layout and address (issue 10):
 * "Front" and "Side" show the coach's front and profile for the stretch on
 * show (a mat stretch and cat-cow at the counter), the controls never cover
 * the coach at 1280×800 or 390×844, and `#/preview?stretch=<id>` opens a stretch
 * and follows the one picked.
 *
 * The views are checked against the coach as placed through
 * window.stretchcoachPreviewView (src/services/preview/viewHooks.ts): where the
 * coach stands and faces, the camera after the last frame drawn, and the box
 * the coach's demonstration fills projected onto the page.
 */
import type { Page } from '@playwright/test'
import { canvasImage, expect, imageDifference, test } from './helpers/guard'
import { PREVIEW_CANVAS, pressView, readView, type ViewState } from './helpers/previewView'

const SHOTS = 'tests/e2e/screenshots'
const CANVAS = PREVIEW_CANVAS

/**
 * The camera's direction seen from the coach, in the coach's own terms:
 * `ahead` = cosine between the horizontal line coach → camera and where the
 * coach faces (1: straight in front, 0: beside, −1: behind).
 */
function aheadOfCoach(s: ViewState): number {
  const fx = Math.sin(s.coach.yaw)
  const fz = Math.cos(s.coach.yaw)
  const dx = s.camera[0]! - s.target[0]!
  const dz = s.camera[2]! - s.target[2]!
  const len = Math.hypot(dx, dz)
  return len > 1e-6 ? (dx * fx + dz * fz) / len : 0
}

/** Opens the preview at `address` (still coach: reduced motion) and waits for its first frame. */
async function openPreview(page: Page, address: string) {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await page.goto(address)
  await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
}

interface Box {
  x: number
  y: number
  width: number
  height: number
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function screenBox(s: ViewState): Box {
  const [l, t, r, b] = s.screenBox as [number, number, number, number]
  return { x: l, y: t, width: r - l, height: b - t }
}

/** The coach's projected box is inside the canvas and no control covers any of it. */
async function expectCoachUncovered(page: Page, s: ViewState) {
  const coach = screenBox(s)
  const canvas = (await page.locator(CANVAS).boundingBox())!
  expect(coach.width).toBeGreaterThan(40)
  expect(coach.height).toBeGreaterThan(40)
  // inside the canvas (a pixel of rounding allowed)
  expect(coach.x).toBeGreaterThanOrEqual(canvas.x - 1)
  expect(coach.y).toBeGreaterThanOrEqual(canvas.y - 1)
  expect(coach.x + coach.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1)
  expect(coach.y + coach.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1)
  for (const sel of ['.coach-controls', 'nav.view-bar', 'nav.view-bar .group']) {
    const box = (await page.locator(sel).boundingBox())!
    expect(overlap(coach, box), `${sel} covers the coach`).toBe(0)
  }
}

test.describe('desktop preview camera views', () => {
  // The CPU-rendered canvas is slow to screenshot on a busy machine.
  test.slow()

  for (const id of ['knee-to-chest', 'cat-cow'] as const) {
    test(`${id}: Front faces the coach, Side shows its profile, at 1280×800`, async ({ page }) => {
      await openPreview(page, `./#/preview?stretch=${id}`)
      await expect(page.getByLabel('Stretch')).toHaveValue(id)
      const opened = await readView(page)
      expect(opened.coach.stretch).toBe(id)
      // The preview opens on the profile: the view that shows a stretch's shape best.
      expect(opened.view).toBe('side')
      const first = await canvasImage(page, CANVAS)

      const front = await pressView(page, 'Front', first)
      expect(front.state.view).toBe('front')
      // straight in front of the coach (its face and chest), looking down a little
      expect(aheadOfCoach(front.state)).toBeGreaterThan(0.95)
      expect(front.state.camera[1]!).toBeGreaterThan(front.state.target[1]!)
      await expectCoachUncovered(page, front.state)
      await page.screenshot({ path: `${SHOTS}/preview-${id}-front.png` })

      const side = await pressView(page, 'Side', front.image)
      expect(Math.abs(aheadOfCoach(side.state))).toBeLessThan(0.1)
      await expectCoachUncovered(page, side.state)
      // Front and Side are different pictures of the same coach
      expect(imageDifference(front.image, side.image)).toBeGreaterThan(0.1)
      await page.screenshot({ path: `${SHOTS}/preview-${id}-side.png` })

      // both views stay inside the room's walls (back wall z = −3, left wall x = −3)
      for (const s of [front.state, side.state]) {
        expect(s.camera[0]!).toBeGreaterThan(-3)
        expect(s.camera[2]!).toBeGreaterThan(-3)
        expect(s.camera[1]!).toBeLessThan(2.7)
      }
    })
  }

  test('cat-cow: Front moves the camera from any view, and follows the coach to the counter', async ({
    page,
  }) => {
    await openPreview(page, './#/preview?stretch=knee-to-chest')
    const matFront = await pressView(page, 'Front', await canvasImage(page, CANVAS))
    // Front stays pressed when the stretch changes: the camera follows the coach to the counter.
    await page.getByLabel('Stretch').selectOption('cat-cow')
    await expect.poll(async () => (await readView(page)).coach.stretch).toBe('cat-cow')
    await expect
      .poll(async () => {
        const s = await readView(page)
        return s.coach.stretch === 'cat-cow' ? aheadOfCoach(s) : -2
      })
      .toBeGreaterThan(0.95)
    const counterFront = await readView(page)
    expect(counterFront.view).toBe('front')
    expect(
      Math.hypot(
        counterFront.camera[0]! - matFront.state.camera[0]!,
        counterFront.camera[2]! - matFront.state.camera[2]!,
      ),
    ).toBeGreaterThan(1)
    const atCounter = await canvasImage(page, CANVAS)

    // Turn the view away with the keyboard, then press Front (already the active view): it comes back.
    await page.getByRole('img', { name: /3D preview of the coach/ }).focus()
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight')
    await expect
      .poll(async () => imageDifference(atCounter, await canvasImage(page, CANVAS)))
      .toBeGreaterThan(0.05)
    const turned = await readView(page)
    expect(aheadOfCoach(turned)).toBeLessThan(0.9)
    const again = await pressView(page, 'Front')
    expect(aheadOfCoach(again.state)).toBeGreaterThan(0.95)
    for (let c = 0; c < 3; c++)
      expect(again.state.camera[c]!).toBeCloseTo(counterFront.camera[c]!, 3)
    await expect
      .poll(async () => imageDifference(atCounter, await canvasImage(page, CANVAS)))
      .toBeLessThan(0.02)

    // Side, then Front again: the camera moves each time.
    const side = await pressView(page, 'Side', again.image)
    expect(Math.abs(aheadOfCoach(side.state))).toBeLessThan(0.1)
    const front = await pressView(page, 'Front', side.image)
    expect(aheadOfCoach(front.state)).toBeGreaterThan(0.95)
  })

  for (const id of ['childs-pose', 'cat-cow'] as const) {
    test(`390×844 (a phone): the controls leave the coach in view, ${id}`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 })
      await openPreview(page, `./#/preview?stretch=${id}`)
      let before = await canvasImage(page, CANVAS)
      for (const label of ['Front', 'Side', 'Above'] as const) {
        // Side is already shown: pressing it applies it again, the same picture
        const { state, image } = await pressView(page, label, label === 'Side' ? undefined : before)
        await expectCoachUncovered(page, state)
        // the controls are on the page, not scrolled away under the canvas
        await expect(page.getByTestId('coach-play')).toBeInViewport()
        await expect(page.getByLabel('Stretch')).toBeInViewport()
        if (label !== 'Above')
          await page.screenshot({ path: `${SHOTS}/preview-390-${id}-${label.toLowerCase()}.png` })
        before = image
      }
    })
  }
})

test.describe('preview address', () => {
  test.slow()

  test('#/preview?stretch=cat-cow opens cat-cow; picking a stretch writes it into the address', async ({
    page,
  }) => {
    await openPreview(page, './#/preview?stretch=cat-cow')
    await expect(page.getByLabel('Stretch')).toHaveValue('cat-cow')
    await expect(page.getByTestId('coach-status')).toContainText('Repetition 1 of 8')
    await expect(page.getByRole('alert')).toHaveCount(0)
    // no reload when the address changes: a marker on window survives
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7))
    await page.getByLabel('Stretch').selectOption('bridge')
    await expect.poll(() => page.url()).toMatch(/#\/preview\?stretch=bridge$/)
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7)
    // the copied address opens the same stretch
    const copied = page.url()
    await page.goto('about:blank')
    await openPreview(page, copied)
    await expect(page.getByLabel('Stretch')).toHaveValue('bridge')
    // an address edited by hand takes effect without a reload
    await page.evaluate(() => (window.location.hash = '#/preview?stretch=hamstring-stretch'))
    await expect(page.getByLabel('Stretch')).toHaveValue('hamstring-stretch')
    await expect.poll(async () => (await readView(page)).coach.stretch).toBe('hamstring-stretch')
  })

  test('an unknown stretch in the address is named in a message and the default stretch is shown', async ({
    page,
  }) => {
    await openPreview(page, './#/preview?stretch=cobra-pose')
    const alert = page.getByRole('alert')
    await expect(alert).toContainText('There is no stretch "cobra-pose"')
    await expect(alert).toContainText("showing Child's pose")
    await expect(page.getByLabel('Stretch')).toHaveValue('childs-pose')
    // the address is left as it was until a stretch is picked; then the message goes
    expect(page.url()).toContain('stretch=cobra-pose')
    await page.getByLabel('Stretch').selectOption('knee-to-chest')
    await expect(alert).toHaveCount(0)
    await expect.poll(() => page.url()).toMatch(/#\/preview\?stretch=knee-to-chest$/)
  })

  test('?stretch= in the page query (before the hash) works too', async ({ page }) => {
    await openPreview(page, './?stretch=supine-twist#/preview')
    await expect(page.getByLabel('Stretch')).toHaveValue('supine-twist')
    // picking another moves the stretch into the hash route and out of the query
    await page.getByLabel('Stretch').selectOption('childs-pose')
    await expect.poll(() => page.url()).toMatch(/\/#\/preview\?stretch=childs-pose$/)
  })
})

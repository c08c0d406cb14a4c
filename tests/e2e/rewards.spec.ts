/**
 * The streak rewards reach the 3D views. A two-week history (best streak 13
 * days) is imported; in the progress view "Beach at dusk" and "Violet coach"
 * are chosen while the locked rewards cannot be; the preview then shows the
 * beach around the coach (its room, the sky) and the coach in violet: the
 * scenes' hooks say what they applied and the pictures before and after
 * differ where they should. Each environment draws under the app's CSP, and
 * in the headset within the draw-call and triangle budgets.
 */
import type { Page } from '@playwright/test'
import { canvasImage, expect, imageDifference, test, type DecodedImage } from './helpers/guard'
import { headsetQuery, startHeadsetRoutine, headsetShot } from './helpers/headset'

const FIXTURE = new URL('./fixtures/two-weeks-v2.backup.json', import.meta.url).pathname
const SHOTS = 'tests/e2e/screenshots'
const CANVAS = '[data-testid=preview-canvas]'
const PREVIEW = './#/preview?stretch=childs-pose'

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' })

interface Applied {
  environment: string
  coachClothing: string | null
}

async function applied(page: Page): Promise<Applied> {
  return page.evaluate(() => {
    const h = window.stretchcoachRewards!
    return { environment: h.environment, coachClothing: h.coachClothing }
  })
}

/** Opens the preview on a still coach (reduced motion) and waits until the rewards are applied and drawn. */
async function openPreview(page: Page, want: Applied): Promise<DecodedImage> {
  await page.goto(PREVIEW)
  await page.reload()
  await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
  await expect.poll(() => applied(page)).toEqual(want)
  // the colour is set after the model loads, and asks for a frame: wait for one
  await expect
    .poll(() => page.evaluate(() => window.stretchcoachPreview!.framesRendered))
    .toBeGreaterThan(0)
  // the frame loop is on demand: wait until two pictures in a row agree
  let image = await canvasImage(page, CANVAS)
  await expect
    .poll(async () => {
      const next = await canvasImage(page, CANVAS)
      const d = imageDifference(image, next)
      image = next
      return d
    })
    .toBeLessThan(0.002)
  return image
}

/** The coach's box on the canvas picture (pixels), from the preview's hooks. */
async function coachBox(page: Page): Promise<[number, number, number, number]> {
  const canvas = (await page.locator(CANVAS).boundingBox())!
  const b = await page.evaluate(() => Array.from(window.stretchcoachPreviewView!.coachScreenBox))
  return [
    Math.max(0, Math.floor(b[0]! - canvas.x)),
    Math.max(0, Math.floor(b[1]! - canvas.y)),
    Math.min(canvas.width, Math.ceil(b[2]! - canvas.x)),
    Math.min(canvas.height, Math.ceil(b[3]! - canvas.y)),
  ]
}

/** Hue in degrees (0–360) and saturation (0–1) of a pixel. */
function hueSat(img: DecodedImage, i: number): [number, number] {
  const r = img.rgba[i * 4]! / 255
  const g = img.rgba[i * 4 + 1]! / 255
  const b = img.rgba[i * 4 + 2]! / 255
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  const d = max - min
  if (d === 0) return [0, 0]
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4
  h *= 60
  if (h < 0) h += 360
  return [h, max === 0 ? 0 : d / max]
}

/**
 * Pixels that changed between two pictures, inside and outside a box, and
 * among the changed ones inside, how many went from a hue in `from` to one in `to`.
 */
function changes(
  a: DecodedImage,
  b: DecodedImage,
  box: [number, number, number, number],
  from: [number, number],
  to: [number, number],
) {
  let inside = 0
  let outside = 0
  let shifted = 0
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = y * a.width + x
      const o = i * 4
      const changed =
        Math.abs(a.rgba[o]! - b.rgba[o]!) > 24 ||
        Math.abs(a.rgba[o + 1]! - b.rgba[o + 1]!) > 24 ||
        Math.abs(a.rgba[o + 2]! - b.rgba[o + 2]!) > 24
      if (!changed) continue
      const isIn = x >= box[0] && x < box[2] && y >= box[1] && y < box[3]
      if (!isIn) {
        outside++
        continue
      }
      inside++
      const [ha, sa] = hueSat(a, i)
      const [hb, sb] = hueSat(b, i)
      if (sa > 0.2 && sb > 0.2 && ha >= from[0] && ha <= from[1] && hb >= to[0] && hb <= to[1])
        shifted++
    }
  }
  return { inside, outside, shifted }
}

/** The mean colour of the top tenth of a picture (the sky, or the wall in the studio). */
function topColour(img: DecodedImage): [number, number, number] {
  const rows = Math.floor(img.height / 10)
  const sum = [0, 0, 0]
  for (let i = 0; i < rows * img.width; i++)
    for (let c = 0; c < 3; c++) sum[c]! += img.rgba[i * 4 + c]!
  return sum.map((s) => Math.round(s / (rows * img.width))) as [number, number, number]
}

test('a 13-day best streak: Beach at dusk and Violet coach chosen, shown in the preview; locked rewards cannot be picked', async ({
  page,
}) => {
  test.setTimeout(180_000)
  // 20:30 in Berlin on Mon 23 Nov 2026, the last day of the history
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.emulateMedia({ reducedMotion: 'reduce' })

  // before: the quiet studio and the teal coach
  await page.goto('./')
  const studioTeal = await openPreview(page, { environment: 'studio', coachClothing: '#1f8a8a' })
  await page.screenshot({ path: `${SHOTS}/rewards-preview-before.png` })

  await page.goto('./#/progress')
  await expect(page.locator('[data-testid=progress][data-ready=true]')).toBeVisible()
  const room = page.getByRole('group', { name: 'Room' })
  const colour = page.getByRole('group', { name: 'Coach colour' })
  // with no history only the defaults are open
  await expect(room.getByRole('radio', { name: 'Quiet studio' })).toBeChecked()
  await expect(room.getByRole('radio', { name: 'Morning garden' })).toBeDisabled()
  await page.getByLabel('Import a backup…').setInputFiles(FIXTURE)
  await expect(page.getByTestId('import-plan')).toBeVisible()
  await page.getByRole('button', { name: 'Add to my history' }).click()
  await expect(page.getByTestId('notice')).toContainText('Imported and saved')

  for (const name of ['Quiet studio', 'Morning garden', 'Beach at dusk'])
    await expect(room.getByRole('radio', { name })).toBeEnabled()
  for (const name of ['Mountain hut', 'Northern lights'])
    await expect(room.getByRole('radio', { name })).toBeDisabled()
  for (const name of ['Teal coach', 'Coral coach', 'Violet coach'])
    await expect(colour.getByRole('radio', { name })).toBeEnabled()
  for (const name of ['Gold coach', 'Midnight coach'])
    await expect(colour.getByRole('radio', { name })).toBeDisabled()
  await expect(page.locator('[data-reward=mountain]')).toContainText(
    'locked: reach a 14-day streak to earn it',
  )
  await expect(page.locator('[data-reward=beach]')).toContainText('unlocked')

  // a locked one cannot be picked: forced clicks change nothing
  await room.getByRole('radio', { name: 'Northern lights' }).click({ force: true })
  await colour.getByRole('radio', { name: 'Gold coach' }).click({ force: true })
  await expect(room.getByRole('radio', { name: 'Northern lights' })).not.toBeChecked()
  await expect(room.getByRole('radio', { name: 'Quiet studio' })).toBeChecked()
  await expect(colour.getByRole('radio', { name: 'Teal coach' })).toBeChecked()

  await room.getByRole('radio', { name: 'Beach at dusk' }).check()
  await expect(room.getByRole('radio', { name: 'Quiet studio' })).not.toBeChecked()
  await expect(page.locator('[data-reward=beach]')).toContainText('unlocked, in use')
  await page.getByTestId('rewards').screenshot({ path: `${SHOTS}/rewards-choices.png` })

  // the room changed, the coach did not
  const beachTeal = await openPreview(page, { environment: 'beach', coachClothing: '#1f8a8a' })
  expect(imageDifference(studioTeal, beachTeal)).toBeGreaterThan(0.3)
  const [r0, g0, b0] = topColour(studioTeal)
  const [r1, g1, b1] = topColour(beachTeal)
  // the studio's pale wall gives way to the dusk sky: darker, and warmer or more violet than green
  expect(r1 + g1 + b1).toBeLessThan(r0 + g0 + b0 - 60)
  expect(Math.max(r1, b1)).toBeGreaterThan(g1)

  await page.goto('./#/progress')
  await expect(page.locator('[data-testid=progress][data-ready=true]')).toBeVisible()
  await colour.getByRole('radio', { name: 'Violet coach' }).check()
  await expect(colour.getByRole('radio', { name: 'Violet coach' })).toBeChecked()
  await expect(room.getByRole('radio', { name: 'Beach at dusk' })).toBeChecked()

  // the coach's clothing changed from teal to violet; the room around it did not
  const beachViolet = await openPreview(page, { environment: 'beach', coachClothing: '#7657c9' })
  await page.screenshot({ path: `${SHOTS}/rewards-preview-after.png` })
  const box = await coachBox(page)
  const c = changes(beachTeal, beachViolet, box, [150, 215], [225, 300])
  const boxArea = (box[2] - box[0]) * (box[3] - box[1])
  expect(c.inside).toBeGreaterThan(boxArea * 0.03)
  expect(c.shifted).toBeGreaterThan(c.inside * 0.5)
  expect(c.outside).toBeLessThan(boxArea * 0.01)
})

const ENVIRONMENTS = ['studio', 'garden', 'beach', 'mountain', 'aurora'] as const

async function storeChoice(page: Page, roomEnvironment: string, coachColour: string) {
  await page.evaluate(
    ([roomEnvironment, coachColour]) => {
      const key = 'stretchcoach-settings'
      const old = JSON.parse(localStorage.getItem(key) ?? '{"state":{},"version":2}') as {
        state: Record<string, unknown>
        version: number
      }
      old.state.roomEnvironment = roomEnvironment
      old.state.coachColour = coachColour
      localStorage.setItem(key, JSON.stringify(old))
    },
    [roomEnvironment, coachColour],
  )
}

test('each environment draws in the preview under the CSP, each unlike the others', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await page.goto('./')
  const pictures: DecodedImage[] = []
  for (const id of ENVIRONMENTS) {
    // as a stored choice (the unlocking is the first test's): the view reads it as it is
    await storeChoice(page, id, 'coral')
    const img = await openPreview(page, { environment: id, coachClothing: '#e0664f' })
    await page.locator(CANVAS).screenshot({ path: `${SHOTS}/rewards-env-${id}.png` })
    for (const other of pictures) expect(imageDifference(other, img)).toBeGreaterThan(0.2)
    pictures.push(img)
  }
})

test('in the headset (VR) an environment stays within 50 draw calls and 100 k triangles per frame; passthrough shows none of it', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto('./')
  for (const id of ['mountain', 'aurora'] as const) {
    await storeChoice(page, id, 'violet')
    await page.goto(headsetQuery())
    await startHeadsetRoutine(page)
    await page.waitForFunction(() => window.stretchcoachXR!.frameCount > 30)
    const seen = await page.evaluate(() => ({
      calls: window.stretchcoachXR!.render.calls,
      triangles: window.stretchcoachXR!.render.triangles,
      scene: window.stretchcoachXR!.describeScene?.() ?? [],
      applied: window.stretchcoachRewards!,
    }))
    expect(seen.applied.environment).toBe(id)
    expect(seen.applied.coachClothing).toBe('#7657c9')
    expect(seen.scene.some((d) => d.includes(`virtual-room/backdrop-${id} `))).toBe(true)
    expect(seen.calls).toBeLessThanOrEqual(50)
    expect(seen.triangles).toBeLessThanOrEqual(100_000)
    console.log(`headset ${id}: ${seen.calls} draw calls, ${seen.triangles} triangles`)
    await headsetShot(page, `${SHOTS}/rewards-headset-${id}.png`)
    await page.setViewportSize({ width: 1280, height: 800 })
  }
  // passthrough: the real room shows; none of the chosen one is drawn
  await page.goto('./?emulate=quest3&mode=ar&holdSeconds=4')
  await startHeadsetRoutine(page, { mode: 'ar' })
  await page.waitForFunction(() => window.stretchcoachXR!.frameCount > 30)
  const ar = await page.evaluate(() => ({
    roomVisible: window.stretchcoachXR!.roomVisible,
    scene: window.stretchcoachXR!.describeScene?.() ?? [],
  }))
  expect(ar.roomVisible).toBe(false)
  expect(ar.scene.filter((d) => d.includes('backdrop') || d.includes('virtual-room'))).toEqual([])
  expect(ar.scene.some((d) => d.includes('mat-outline'))).toBe(true)
})

// Offline after the first visit: the service worker precaches every file of the
// app, so with the network off a reload still shows the home page, the preview
// draws the coach and an emulated headset session starts.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, canvasPixelStats } from './helpers/guard'
import { headsetQuery, startHeadsetRoutine } from './helpers/headset'

test.use({ serviceWorkers: 'allow' })
test.describe.configure({ timeout: 180_000 })

/** Waits until the service worker is active (it is after it has cached every file); counts the cached files. */
async function waitForOfflineCopy(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready
    if (!reg.active) throw new Error('no active service worker')
    const names = await caches.keys()
    let n = 0
    for (const name of names) n += (await (await caches.open(name)).keys()).length
    return n
  })
}

test('after a first visit the app opens, previews and starts a headset session offline', async ({
  page,
  context,
}) => {
  await page.goto(headsetQuery())
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  const cached = await waitForOfflineCopy(page)
  expect(cached, 'files in the offline copy').toBeGreaterThan(40)

  await context.setOffline(true)
  expect(await page.evaluate(() => navigator.onLine)).toBe(false)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'StretchCoach XR' })).toBeVisible()
  await expect(page.locator('[data-stretch]')).toHaveCount(10)

  await page.goto('./#/preview')
  await expect(page.locator('.canvas-wrap canvas')).toBeVisible()
  await expect
    .poll(async () => (await canvasPixelStats(page, '.canvas-wrap canvas')).std, {
      timeout: 30_000,
    })
    .toBeGreaterThan(8)
  await page.screenshot({ path: 'tests/e2e/screenshots/offline-preview.png' })

  await page.goto(headsetQuery())
  await startHeadsetRoutine(page, { routine: 'Morning mobility' })
  const frames = await page.evaluate(() => window.stretchcoachXR?.frameCount ?? 0)
  expect(frames).toBeGreaterThan(2)
  await context.setOffline(false)
})

test('a new version says "Update ready" and waits for the user, never in the session view', async ({
  page,
}) => {
  const swPath = join(process.env.OUT_DIR || 'dist', 'sw.js')
  const original = readFileSync(swPath, 'utf8')
  try {
    await page.goto('./')
    await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
    await waitForOfflineCopy(page)
    await page.reload()
    await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
    const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)
    expect(firstWorker).toContain('sw.js')
    await expect(page.getByRole('status', { name: 'Update ready' })).toHaveCount(0)

    // A new build lands on the server while the person is in a headset session.
    await page.goto(headsetQuery())
    await startHeadsetRoutine(page, { routine: 'Morning mobility' })
    writeFileSync(swPath, original + '\n// a new version\n')
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update()
    })
    await expect
      .poll(() =>
        page.evaluate(
          async () => (await navigator.serviceWorker.getRegistration())?.waiting != null,
        ),
      )
      .toBe(true)
    await page.waitForTimeout(500)
    await expect(page.getByRole('status', { name: 'Update ready' })).toHaveCount(0)
    expect(
      await page.evaluate(() => window.stretchcoachXR?.sessionMode),
      'the session goes on',
    ).toBe('immersive-vr')
    // Ending the session shows the wrap-up; until its check-out is saved, still no offer.
    await page.getByRole('button', { name: 'End session' }).click()
    const wrap = page.getByTestId('wrap-up')
    await expect(wrap).toBeVisible()
    await page.waitForTimeout(500)
    await expect(page.getByRole('status', { name: 'Update ready' })).toHaveCount(0)
    await wrap.getByRole('radio', { name: '1', exact: true }).check()
    await wrap.getByRole('button', { name: 'Save check-in' }).click()
    await expect(wrap.getByRole('status')).toContainText('Session saved.')

    // Now the app offers it; nothing changes until "Update now".
    const banner = page.getByRole('status', { name: 'Update ready' })
    await expect(banner).toBeVisible()
    await expect(banner).toContainText('Update ready')
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.screenshot({ path: 'tests/e2e/screenshots/update-ready.png' })
    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Update now' }).click(),
    ])
    await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.waiting,
    )
    expect(waiting ?? null).toBeNull()
    await expect(page.getByRole('status', { name: 'Update ready' })).toHaveCount(0)
  } finally {
    writeFileSync(swPath, original)
  }
})

// The guard and the pixel measure must be able to fail: these tests prove it.
import { canvasPixelStats, expect, test } from './helpers/guard'

test('pixel statistics call a blank canvas blank', async ({ page }) => {
  await page.setContent(
    '<canvas id="c" width="300" height="200" style="background:#dfe7e3"></canvas>',
  )
  const s = await canvasPixelStats(page, '#c')
  expect(s.width).toBe(300)
  expect(s.std).toBeLessThan(1)
  expect(s.distinctColours).toBeLessThanOrEqual(2)
})

test('the guard records a request to another origin', async ({ page, guard }) => {
  await page.route('http://off-origin.invalid/**', (route) => route.abort())
  await page.goto('./')
  await page.evaluate(() => {
    const img = document.createElement('img')
    img.alt = ''
    img.src = 'http://off-origin.invalid/pixel.png'
    document.body.append(img)
  })
  await expect.poll(() => guard.offOrigin).toEqual(['http://off-origin.invalid/pixel.png'])
  expect(guard.requests).toContain('http://off-origin.invalid/pixel.png')
  // Seen and checked: clear the logs so that the guard's own after-test check passes.
  guard.offOrigin.length = 0
  guard.errors.length = 0
})

test('the guard records console errors and uncaught page errors', async ({ page, guard }) => {
  await page.goto('./')
  await page.evaluate(() => {
    console.error('deliberate error')
    setTimeout(() => {
      throw new Error('deliberate throw')
    }, 0)
  })
  await expect.poll(() => guard.errors.length).toBe(2)
  expect(guard.errors[0]).toContain('deliberate error')
  expect(guard.errors[1]).toContain('deliberate throw')
  guard.errors.length = 0
})

import { test, expect, canvasPixelStats } from './helpers/guard'

const SHOTS = 'tests/e2e/screenshots'

/** Three postures: kneeling, lying and standing at the counter. */
const CASES = [
  { id: 'childs-pose', caption: 'Lower your forehead toward the mat and breathe slowly.' },
  { id: 'knee-to-chest', caption: 'Draw that knee in toward your chest and keep it there.' },
  { id: 'cat-cow', caption: null },
] as const

test.describe('coach in the desktop preview', () => {
  test('demonstrates three stretches: held pose, caption, countdown, side; screenshots in profile', async ({
    page,
    guard,
  }) => {
    await page.goto('./#/preview')
    await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
    // the rigged model came from the app's own files
    await expect.poll(() => guard.requests.some((u) => u.endsWith('/models/coach.glb'))).toBe(true)
    const picker = page.getByLabel('Stretch')
    await expect(picker).toBeVisible()
    const means: number[] = []
    for (const c of CASES) {
      await picker.selectOption(c.id)
      await page.getByRole('button', { name: 'Show the held pose' }).click()
      await expect(page.getByTestId('coach-play')).toHaveText('Play')
      if (c.caption) {
        await expect(page.getByTestId('coach-caption')).toContainText(c.caption)
        await expect(page.getByTestId('coach-countdown')).toContainText(/Hold \d+ s/)
      } else {
        await expect(page.getByTestId('coach-status')).toContainText('Repetition 1 of 8')
      }
      // the Side camera shows the coach in profile, wherever it stands for the stretch
      await page.getByRole('button', { name: 'Side', exact: true }).click()
      const canvas = page.locator('.canvas-wrap')
      await canvas.focus()
      for (let i = 0; i < 2; i++) await canvas.press('+')
      await page.waitForTimeout(300)
      await page.screenshot({ path: `${SHOTS}/coach-${c.id}-page.png` })
      // the 3D view alone (the controls sit beside it), for the README
      const clip = (await canvas.boundingBox())!
      await page.screenshot({ path: `${SHOTS}/coach-${c.id}.png`, clip })
      const stats = await canvasPixelStats(page, '.canvas-wrap canvas')
      expect(stats.distinctColours).toBeGreaterThan(200)
      means.push(stats.mean)
    }
    // three different postures draw three different pictures
    expect(new Set(means.map((m) => Math.round(m * 10))).size).toBe(3)
  })

  test('plays, pauses and scrubs; the side switches for a one-sided stretch', async ({ page }) => {
    await page.goto('./#/preview')
    await expect(page.locator('.view3d[data-ready="true"]')).toBeVisible()
    await page.getByLabel('Stretch').selectOption('knee-to-chest')
    const play = page.getByTestId('coach-play')
    if ((await play.textContent()) === 'Play') await play.click()
    await expect(play).toHaveAttribute('aria-pressed', 'true')
    const scrub = page.getByTestId('coach-scrub')
    const v0 = Number(await scrub.inputValue())
    await expect.poll(async () => Number(await scrub.inputValue())).toBeGreaterThan(v0 + 0.5)
    await play.click()
    await expect(play).toHaveAttribute('aria-pressed', 'false')
    const paused = await scrub.inputValue()
    await page.waitForTimeout(600)
    expect(await scrub.inputValue()).toBe(paused)
    // scrub near the end: the right side is shown
    const max = Number(await scrub.getAttribute('max'))
    await scrub.fill(String(Math.round(max * 0.72)))
    await expect(page.getByTestId('coach-status')).toContainText('Right side')
    await scrub.fill('30')
    await expect(page.getByTestId('coach-status')).toContainText('Left side')
  })
})

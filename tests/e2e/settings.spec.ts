/**
 * The home page's settings: sound, voice and vibration switches, the volume,
 * the test sound (synthesized: no request, no console error, even in headless
 * Chromium without voices), the last measurement with "Forget it", the typed
 * height with its error; everything kept across a reload; usable by keyboard
 * and at 390 px wide; axe finds no WCAG A/AA violation in the section.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './helpers/guard'

const KEY = 'stretchcoach-settings'

async function stored(page: Page): Promise<Record<string, unknown>> {
  const raw = await page.evaluate((k) => localStorage.getItem(k), KEY)
  return raw ? (JSON.parse(raw) as { state: Record<string, unknown> }).state : {}
}

async function openSettings(page: Page) {
  await page.goto('./')
  const settings = page.getByRole('region', { name: 'Settings' })
  await expect(settings).toBeVisible()
  return settings
}

test('sound and voice settings change, play a test sound, and survive a reload', async ({
  page,
}) => {
  let settings = await openSettings(page)
  const volume = settings.getByRole('slider', { name: 'Volume' })
  await expect(volume).toHaveValue('70')
  await expect(settings.getByText('70 %')).toBeVisible()
  await volume.fill('40')
  await expect(settings.getByText('40 %')).toBeVisible()
  await volume.focus()
  await page.keyboard.press('ArrowRight')
  await expect(volume).toHaveValue('45')

  await settings.getByRole('button', { name: 'Play a test sound' }).click()

  for (const name of [
    'Speak the steps',
    'Vibrate the controllers',
    'Breathing sound during holds',
  ]) {
    await settings.getByRole('checkbox', { name }).uncheck()
  }
  // Keyboard: Space toggles the focused checkbox.
  await settings.getByRole('checkbox', { name: 'Mute all sounds' }).focus()
  await page.keyboard.press('Space')
  await expect(settings.getByRole('checkbox', { name: 'Mute all sounds' })).toBeChecked()
  await expect(settings.getByRole('button', { name: 'Play a test sound' })).toBeDisabled()

  expect(await stored(page)).toMatchObject({
    soundVolume: 0.45,
    soundMuted: true,
    voicePrompts: false,
    vibration: false,
    breathingSound: false,
  })

  await page.reload()
  settings = page.getByRole('region', { name: 'Settings' })
  await expect(settings.getByRole('slider', { name: 'Volume' })).toHaveValue('45')
  await expect(settings.getByRole('checkbox', { name: 'Mute all sounds' })).toBeChecked()
  await expect(settings.getByRole('checkbox', { name: 'Speak the steps' })).not.toBeChecked()
  await expect(
    settings.getByRole('checkbox', { name: 'Vibrate the controllers' }),
  ).not.toBeChecked()
  await expect(
    settings.getByRole('checkbox', { name: 'Breathing sound during holds' }),
  ).not.toBeChecked()
})

test('the last measurement can be forgotten; a typed height is checked, saved and cleared', async ({
  page,
}) => {
  // A version-1 blob, as the app wrote before: the calibration carries over.
  await page.addInitScript((k) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1')
      localStorage.setItem(k, JSON.stringify({ state: { calibratedEyeHeightM: 1.62 }, version: 1 }))
    }
  }, KEY)
  let settings = await openSettings(page)
  await expect(settings).toContainText('stand tall for two seconds')
  await expect(settings).toContainText('Last measured: eyes at 1.62 m (height about 1.74 m)')
  await settings.getByRole('button', { name: 'Forget it' }).click()
  await expect(settings).toContainText('Not measured yet.')
  expect((await stored(page)).calibratedEyeHeightM).toBeNull()

  await settings
    .getByRole('checkbox', { name: "I can't stand to be measured: use my typed height" })
    .check()
  expect((await stored(page)).measureStanding).toBe(false)

  const height = settings.getByRole('spinbutton', { name: 'Your height (cm)' })
  for (const bad of ['90', '250', '']) {
    await height.fill(bad)
    await settings.getByRole('button', { name: 'Save height' }).click()
    await expect(settings.getByRole('alert')).toContainText('from 100 to 240')
    await expect(height).toHaveAttribute('aria-invalid', 'true')
    expect((await stored(page)).typedStatureM ?? null).toBeNull()
  }

  await height.fill('174')
  await height.press('Enter')
  await expect(settings.getByRole('alert')).toHaveCount(0)
  await expect(settings).toContainText('Saved: 174 cm.')
  expect((await stored(page)).typedStatureM).toBe(1.74)

  await page.reload()
  settings = page.getByRole('region', { name: 'Settings' })
  await expect(settings.getByRole('spinbutton', { name: 'Your height (cm)' })).toHaveValue('174')
  await expect(
    settings.getByRole('checkbox', { name: "I can't stand to be measured: use my typed height" }),
  ).toBeChecked()
  await settings.getByRole('button', { name: 'Clear height' }).click()
  await expect(settings.getByRole('spinbutton', { name: 'Your height (cm)' })).toHaveValue('')
  await expect(settings.getByRole('spinbutton', { name: 'Your height (cm)' })).toBeFocused()
  expect((await stored(page)).typedStatureM).toBeNull()
})

test('the settings fit 390 px and pass axe', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  const settings = await openSettings(page)
  await settings.getByRole('spinbutton', { name: 'Your height (cm)' }).fill('12')
  await settings.getByRole('button', { name: 'Save height' }).click()
  await expect(settings.getByRole('alert')).toBeVisible()
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
  const box = await settings.boundingBox()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width).toBeLessThanOrEqual(390)
  const axe = await new AxeBuilder({ page })
    .include('section.settings')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  await page.screenshot({ path: 'tests/e2e/screenshots/settings-390.png', fullPage: false })
})

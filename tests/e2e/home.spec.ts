// The home page's one way to start: the launcher's routine (preselected from
// the address), the red flags with the urgent-care signs, then the pain
// check-in with nothing chosen. The headset part after "Save and start" is
// covered by the session specs.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './helpers/guard'

const SHOTS = 'tests/e2e/screenshots'

/** Opens the home page with a query and waits for its ready signal (the headset check answered). */
async function openHome(page: Page, query: string) {
  await page.goto(`./${query}`)
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
}

/** axe's serious and critical findings inside `selector`, as short lines. */
async function axeProblems(page: Page, selector: string): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include(selector).analyze()
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('one start button beside the coach; the routines say what they hold; progress is one click away', async ({
  page,
}) => {
  await openHome(page, '?emulate=quest3')
  await expect(page.getByRole('button', { name: 'Start in headset', exact: true })).toHaveCount(0)
  const start = page.getByRole('button', { name: 'Start routine in headset', exact: true })
  await expect(start).toBeEnabled()
  // The launcher shares the first screen with the coach; the progress view is one click away.
  const order = await page.evaluate(() => {
    const coach = document.querySelector('[data-testid="home-coach"]')!
    const launcher = document.querySelector('.session-launcher')!
    return (coach.compareDocumentPosition(launcher) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
  })
  expect(order).toBe(true)
  await expect(page.locator('[data-testid="progress"]')).toHaveCount(0)
  await page.getByRole('link', { name: 'Progress', exact: true }).click()
  await expect(page.locator('[data-testid=progress][data-ready=true]')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible()
  await page.getByRole('link', { name: '← Home' }).click()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  for (const name of ['Morning mobility', 'Evening activation', 'All ten']) {
    await expect(page.getByRole('radio', { name, exact: true })).toBeVisible()
  }
  await expect(page.getByRole('radio', { name: 'Morning mobility', exact: true })).toBeChecked()
  await expect(
    page.getByRole('radio', { name: 'Morning mobility', exact: true }),
  ).toHaveAccessibleDescription(/^About \d+ min: Child's pose, /)
  await expect(
    page.getByRole('checkbox', { name: 'Record this session', exact: true }),
  ).not.toBeChecked()
  await expect(page.getByRole('combobox', { name: 'Hold each stretch for' })).toHaveValue('30')
  expect(await axeProblems(page, '.session-launcher')).toEqual([])
  await page.locator('.session-launcher').screenshot({ path: `${SHOTS}/home-launcher.png` })
})

for (const size of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`the coach, the streak and the start action are in the first screen at ${size.width}×${size.height}, with no three.js loaded`, async ({
    page,
    guard,
  }) => {
    await page.setViewportSize(size)
    await openHome(page, '')
    const img = page.getByTestId('home-coach')
    await expect(img).toHaveAccessibleName(/coach/)
    // loaded, and wholly inside the first screen
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0))
      .toBe(true)
    const box = (await img.boundingBox())!
    expect(box.width).toBeGreaterThan(size.width < 600 ? 100 : 250)
    expect(box.y + box.height).toBeLessThanOrEqual(size.height)
    // today's streak and the primary way to start (no headset here: the desktop routine), unscrolled
    const streak = page.getByTestId('streak')
    await expect(streak).toContainText('day streak')
    const start = page.getByRole('button', { name: 'Practise on this computer' })
    await expect(start).toHaveClass(/start-button/)
    for (const el of [streak, start]) {
      const b = (await el.boundingBox())!
      expect(b.y).toBeGreaterThanOrEqual(0)
      expect(b.y + b.height).toBeLessThanOrEqual(size.height)
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    // the picture is a file, not a 3D view: nothing of three.js came with the home page
    expect(guard.requests.some((u) => /\/(Room|PreviewPage|PracticePage)-/.test(u))).toBe(false)
    expect(await page.locator('canvas').count()).toBe(0)
    await page.screenshot({ path: `${SHOTS}/home-first-screen-${size.width}.png` })

    // With a headset, its start button is the primary one, in the same place.
    await openHome(page, '?emulate=quest3')
    const headset = page.getByRole('button', { name: 'Start routine in headset' })
    await expect(headset).toHaveClass(/start-button/)
    const hb = (await headset.boundingBox())!
    expect(hb.y + hb.height).toBeLessThanOrEqual(size.height)
  })
}

test('?routine= checks that routine', async ({ page }) => {
  await openHome(page, '?emulate=quest3&routine=evening-activation')
  await expect(page.getByRole('radio', { name: 'Evening activation', exact: true })).toBeChecked()
  await expect(page.getByRole('radio', { name: 'Morning mobility', exact: true })).not.toBeChecked()
})

test('?stretch= offers that stretch alone, first and checked', async ({ page }) => {
  await openHome(page, '?emulate=quest3&stretch=childs-pose')
  const only = page.getByRole('radio', { name: "Child's pose only", exact: true })
  await expect(only).toBeChecked()
  await expect(page.getByRole('radio').first()).toHaveAccessibleName("Child's pose only")
  await expect(page.getByRole('radio', { name: 'Morning mobility', exact: true })).not.toBeChecked()
})

test('an unknown stretch shows an alert and changes nothing else', async ({ page }) => {
  await openHome(page, '?emulate=quest3&stretch=nope')
  await expect(page.getByRole('alert').filter({ hasText: 'Unknown stretch "nope"' })).toBeVisible()
  await expect(page.getByRole('radio')).toHaveCount(3)
  await expect(page.getByRole('radio', { name: 'Morning mobility', exact: true })).toBeChecked()
  await expect(page.getByRole('button', { name: 'Start routine in headset' })).toBeEnabled()
})

test('without a headset the start button is disabled and the note says where to open the page', async ({
  page,
}) => {
  // Headless Chromium's own navigator.xr supports no immersive session.
  await openHome(page, '')
  await expect(page.getByRole('button', { name: 'Start routine in headset' })).toBeDisabled()
  await expect(
    page.getByRole('button', { name: 'Start routine in headset' }),
  ).toHaveAccessibleDescription(/headset browser/)
  await expect(page.getByRole('link', { name: 'Desktop preview' })).toBeVisible()
})

test('first start: the red flags with the urgent-care signs, then the check-in with nothing chosen', async ({
  page,
}) => {
  await openHome(page, '?emulate=quest3')
  await page.getByRole('button', { name: 'Start routine in headset' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { name: 'Before your first session' })).toBeVisible()
  const clinician = dialog.getByRole('list', { name: /doctor or physiotherapist/ })
  await expect(clinician.getByRole('listitem')).toHaveCount(4)
  await expect(clinician).toContainText('leg')
  await expect(clinician).toContainText('tingling')
  const urgent = dialog.getByRole('list', { name: /urgent medical care/ })
  await expect(urgent.getByRole('listitem')).toHaveCount(3)
  await expect(urgent).toContainText('bladder or bowels')
  await expect(urgent).toContainText('groin')
  await expect(urgent).toContainText('thighs')
  await expect(urgent).toContainText('fever')
  await expect(urgent).toContainText('weight')
  const proceed = dialog.getByRole('button', { name: 'Continue' })
  await expect(proceed).toBeDisabled()
  await expect(dialog.getByRole('button', { name: 'Not now' })).toBeEnabled()
  expect(await axeProblems(page, '.session-dialog')).toEqual([])
  await dialog.getByRole('checkbox').check()
  await expect(proceed).toBeEnabled()
  await page.screenshot({ path: `${SHOTS}/home-red-flags.png` })
  await proceed.click()

  await expect(dialog.getByRole('heading', { name: 'Before you start' })).toBeVisible()
  // Focus stays in the dialog when its content changes.
  await expect(dialog.getByRole('heading', { name: 'Before you start' })).toBeFocused()
  const ratings = dialog.getByRole('radio')
  await expect(ratings).toHaveCount(11)
  for (let n = 0; n <= 10; n++) {
    await expect(dialog.getByRole('radio', { name: String(n), exact: true })).not.toBeChecked()
  }
  const saveAndStart = dialog.getByRole('button', { name: 'Save and start' })
  await expect(saveAndStart).toBeDisabled()
  await expect(dialog.getByRole('button', { name: 'Skip check-in and start' })).toBeEnabled()
  await dialog.getByRole('radio', { name: '2', exact: true }).check()
  await expect(saveAndStart).toBeEnabled()
  expect(await axeProblems(page, '.session-dialog')).toEqual([])
  await page.screenshot({ path: `${SHOTS}/home-check-in.png` })

  // Cancel leaves everything as it was: still on the home page, nothing started.
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  expect(new URL(page.url()).hash).toBe('')

  // The acknowledgement is remembered: the next start goes straight to the check-in, cleared.
  await page.reload()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  await page.getByRole('button', { name: 'Start routine in headset' }).click()
  await expect(dialog.getByRole('heading', { name: 'Before you start' })).toBeVisible()
  await expect(dialog.getByRole('radio', { name: '2', exact: true })).not.toBeChecked()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('"Not now" closes the red flags without acknowledging them', async ({ page }) => {
  await openHome(page, '?emulate=quest3')
  await page.getByRole('button', { name: 'Start routine in headset' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Not now' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await page.getByRole('button', { name: 'Start routine in headset' }).click()
  await expect(dialog.getByRole('heading', { name: 'Before your first session' })).toBeVisible()
})

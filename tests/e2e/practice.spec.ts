// The routine on a computer with no headset: "Practise on this computer" is the home
// page's primary action; the red flags and the pain check-in come first as for the
// headset; the coach leads Morning mobility in the 3D room with short test holds
// (?holdSeconds=2), the timers run, each stretch is marked done; then the wrap-up and
// the check-out, and the home page counts today, lists the stretches as followed on
// desktop and keeps them out of the score charts.
import type { Page } from '@playwright/test'
import { test, expect } from './helpers/guard'

test.describe.configure({ timeout: 180_000 })

/** Through the red flags (first time) and the check-in, to the desktop routine. */
async function startOnDesktop(page: Page, pain: number | null): Promise<void> {
  const start = page.getByRole('button', { name: 'Practise on this computer' })
  await expect(start).toBeEnabled()
  await start.click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { name: 'Before your first session' })).toBeVisible()
  await dialog.getByRole('checkbox').check()
  await dialog.getByRole('button', { name: 'Continue' }).click()
  await expect(dialog.getByRole('heading', { name: 'Before you start' })).toBeVisible()
  await expect(dialog).toContainText('on this computer')
  if (pain === null) await dialog.getByRole('button', { name: 'Skip check-in and start' }).click()
  else {
    await dialog.getByRole('radio', { name: String(pain), exact: true }).check()
    await dialog.getByRole('button', { name: 'Save and start' }).click()
  }
  await expect(page).toHaveURL(/#\/practice/)
  await expect(page.locator('.practice[data-ready="true"]')).toBeVisible()
}

test('Morning mobility on the desktop: five stretches marked done count today, followed on desktop, out of the score charts', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('./?routine=morning-mobility&holdSeconds=2')
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  // No headset in this browser: following on the screen is the primary action, the headset's is off.
  await expect(page.getByRole('button', { name: 'Start routine in headset' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Practise on this computer' })).toHaveClass(
    /start-button/,
  )
  await expect(page.getByRole('radio', { name: 'Morning mobility' })).toBeChecked()
  await startOnDesktop(page, 2)

  const panel = page.getByTestId('practice-panel')
  const step = panel.locator('.practice-step')
  const timer = page.getByTestId('practice-timer')
  const done = page.getByRole('button', { name: 'Mark as done' })
  const names = [
    "Child's pose",
    'Supported cat-cow',
    'Knee-to-chest stretch',
    'Supine spinal twist',
    "Child's pose with side reach",
  ]
  for (let i = 0; i < names.length; i++) {
    await expect(panel.locator('.practice-stretch')).toContainText(names[i]!, { timeout: 20_000 })
    await expect(panel).toContainText(`stretch ${i + 1} of 5`)
    if (i === 0) {
      // The coach demonstrates, then the user gets into position, then the timer runs the hold.
      await expect(step).toHaveAttribute('data-phase', 'demonstrate')
      await expect(step).toHaveAttribute('data-phase', 'hold', { timeout: 15_000 })
      await expect(timer).toHaveText(/^0:0[12]$/)
      await expect(page.locator('.practice-pacer')).toBeVisible()
      await page.screenshot({ path: 'tests/e2e/screenshots/practice-hold.png' })
      // The hold ends when its timer runs out, and waits for the user's word.
      await expect(step).toHaveAttribute('data-confirming', 'true', { timeout: 10_000 })
      await expect(timer).toHaveText('Done?')
    } else if (names[i] === 'Supported cat-cow') {
      // Repetitions follow the coach's count; the user may mark the stretch done early.
      await expect(step).toHaveAttribute('data-phase', 'reps', { timeout: 20_000 })
      await expect(timer).toHaveText(/^\d of 8$/)
      // the coach moves at its counter, in view
      await page.screenshot({ path: 'tests/e2e/screenshots/practice-cat-cow.png' })
    } else {
      await expect(step).toHaveAttribute('data-confirming', 'true', { timeout: 30_000 })
    }
    await done.click()
    // after the last one the wrap-up takes the panel's place
    if (i < names.length - 1)
      await expect(page.getByTestId('practice-saved')).toHaveAttribute('data-save', 'saved')
  }

  // The wrap-up: five stretches marked done, saved; the check-out ends the session.
  const wrap = page.getByTestId('practice-wrap-up')
  await expect(wrap).toContainText('5 of 5 stretches marked done')
  await expect(wrap.locator('li[data-outcome="completed"][data-save="saved"]')).toHaveCount(5)
  await wrap.getByRole('radio', { name: '1', exact: true }).check()
  await wrap.getByRole('button', { name: 'Save check-in' }).click()
  await expect(wrap).toContainText('Session saved.')
  await wrap.getByRole('link', { name: 'Done' }).click()

  // Home: today counts, the stretches are listed as followed on desktop, and no score is charted.
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  await expect(page.getByTestId('streak')).toContainText('Today counts')
  // the first session's achievements are celebrated where the user lands: the home page
  await expect(page.getByTestId('celebration')).toContainText(/new achievement/)
  // the progress view: the calendar marks today as counted, its five stretches followed on desktop
  await page.getByRole('link', { name: 'Progress', exact: true }).click()
  const today = page.locator('.calendar td[aria-current="date"]')
  await expect(today).toHaveAttribute('data-state', 'counted')
  await expect(today).toHaveAttribute('data-desktop', '5')
  await expect(today).toContainText('5 followed on desktop')
  const sessions = page.getByTestId('sessions')
  await expect(sessions).toContainText('followed on desktop')
  await expect(sessions.getByText('followed on desktop')).toHaveCount(5)
  await expect(sessions).not.toContainText(/score \d/)
  const table = page.getByTestId('trend-table')
  await expect(table.locator('tbody tr')).toHaveCount(1)
  // the week shows the pain check-ins, no measured stretch and no score
  const cells = table.locator('tbody tr td')
  await expect(cells.nth(0)).toHaveText('0')
  await expect(cells.nth(1)).toHaveText('–')
  await expect(cells.nth(2)).toHaveText('–')
})

test('on the desktop, a skipped stretch and a stop for pain are saved as such, and the coach stays in view at 390 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('./?stretch=knee-to-chest&holdSeconds=3')
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  await startOnDesktop(page, null)
  const panel = page.getByTestId('practice-panel')
  const step = panel.locator('.practice-step')
  await expect(panel.locator('.practice-stretch')).toContainText('Knee-to-chest stretch')
  // the panel sits below the 3D view on a phone: it never covers the coach
  const canvas = await page.getByTestId('practice-canvas').boundingBox()
  const box = await panel.boundingBox()
  expect(canvas && box && box.y >= canvas.y + canvas.height - 1).toBe(true)
  // Left side first, then the switch; pause stops the timer.
  await expect(step).toHaveAttribute('data-phase', 'hold', { timeout: 15_000 })
  await expect(panel.locator('.practice-side')).toContainText('Left side')
  await page.getByRole('button', { name: 'Pause' }).click()
  const timer = page.getByTestId('practice-timer')
  const before = await timer.getAttribute('data-seconds-left')
  await page.waitForTimeout(1200)
  expect(await timer.getAttribute('data-seconds-left')).toBe(before)
  await page.screenshot({ path: 'tests/e2e/screenshots/practice-phone.png' })
  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(panel.locator('.practice-side')).toContainText('Right side', { timeout: 15_000 })
  // Stop for pain on the right side: saved as stopped for pain, no celebration.
  await page.getByRole('button', { name: 'Stop: pain' }).click()
  const wrap = page.getByTestId('practice-wrap-up')
  await expect(wrap).toHaveAttribute('data-pain-stop', 'true')
  await expect(wrap.locator('li[data-outcome="stopped-for-pain"][data-save="saved"]')).toHaveCount(
    1,
  )
  await wrap.getByRole('button', { name: 'Skip' }).click()
  await wrap.getByRole('link', { name: 'Done' }).click()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  // A pain stop freezes today rather than breaking anything
  await expect(page.getByTestId('streak')).not.toContainText('Today counts')
  await page.getByRole('link', { name: 'Progress', exact: true }).click()
  await expect(page.getByTestId('sessions')).toContainText('followed on desktop')
  await expect(page.getByTestId('sessions')).toContainText(/stopped for pain/i)

  // Again, marking the stretch skipped during its demonstration.
  await page.goto('./?stretch=bridge&holdSeconds=3')
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  const start = page.getByRole('button', { name: 'Practise on this computer' })
  await start.click()
  await page.getByRole('dialog').getByRole('button', { name: 'Skip check-in and start' }).click()
  await expect(page.locator('.practice[data-ready="true"]')).toBeVisible()
  await page.getByRole('button', { name: 'Mark as skipped' }).click()
  const wrap2 = page.getByTestId('practice-wrap-up')
  await expect(wrap2.locator('li[data-outcome="skipped"][data-save="saved"]')).toHaveCount(1)
  await wrap2.getByRole('button', { name: 'Skip' }).click()
  await wrap2.getByRole('link', { name: 'Done' }).click()
  await page.getByRole('link', { name: 'Progress', exact: true }).click()
  await expect(page.getByTestId('sessions')).toContainText(/skipped/i)
})

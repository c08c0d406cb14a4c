// Routines the user builds: a name and stretches in their order, the length shown while building,
// refusals said beside their field, saved on this device (a reload keeps them), started on the
// desktop like any other, renamed and deleted (history keeps the name the session had), and a
// damaged saved value kept aside with a plain warning while the app starts as usual.
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { test, expect } from './helpers/guard'

test.describe.configure({ timeout: 180_000 })

const KEY = 'stretchcoach-own-routines'

async function home(page: Page, query = '?holdSeconds=1'): Promise<void> {
  await page.goto(`./${query}#/`)
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
}

function builder(page: Page): Locator {
  return page.getByRole('dialog', { name: /Build your own routine|^Edit / })
}

test('build a routine of three stretches, refuse bad names, keep it over a reload, start it on the desktop, rename and delete it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await home(page)
  const build = page.getByRole('button', { name: 'Build your own routine' })
  await build.click()
  const dialog = builder(page)
  await expect(dialog).toBeVisible()
  const name = dialog.getByRole('textbox', { name: 'Name' })
  await expect(name).toBeFocused()
  const length = dialog.getByTestId('builder-length')
  await expect(length).toHaveText('Add at least one stretch.')

  // Added in another order, then moved: Bridge, cat-cow, knee-to-chest.
  await dialog.getByRole('button', { name: 'Add Knee-to-chest stretch' }).click()
  await dialog.getByRole('button', { name: 'Add Bridge' }).click()
  await dialog.getByRole('button', { name: 'Add Supported cat-cow' }).click()
  await dialog.getByRole('button', { name: 'Add Pelvic tilts' }).click()
  await dialog.getByRole('button', { name: 'Remove Pelvic tilts' }).click()
  await dialog.getByRole('button', { name: 'Move Bridge up' }).click()
  // at the top its Up is off: focus stays with Bridge, on its Down
  await expect(dialog.getByRole('button', { name: 'Move Bridge up' })).toBeDisabled()
  await expect(dialog.getByRole('button', { name: 'Move Bridge down' })).toBeFocused()
  await dialog.getByRole('button', { name: 'Move Supported cat-cow up' }).click()
  const chosen = dialog.locator('.builder-chosen .builder-stretch')
  await expect(chosen).toHaveText(['Bridge', 'Supported cat-cow', 'Knee-to-chest stretch'])
  await expect(length).toHaveText(
    /^About \d+ min: Bridge, Supported cat-cow, Knee-to-chest stretch \(with 30 s holds\)$/,
  )
  const summary = (await length.textContent())!.replace(/ \(with 30 s holds\)$/, '')
  // the added stretches are no longer offered
  await expect(dialog.getByRole('button', { name: 'Add Bridge' })).toHaveCount(0)

  // Refusals: each says why beside the name, and nothing is saved.
  const save = dialog.getByRole('button', { name: 'Save routine' })
  await save.click()
  await expect(dialog.getByRole('alert')).toHaveText('Give your routine a name.')
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await expect(name).toBeFocused()
  await name.fill('  morning MOBILITY ')
  await save.click()
  await expect(dialog.getByRole('alert')).toHaveText(
    '"Morning mobility" is a built-in routine: choose another name.',
  )
  await name.fill('Desk break')
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await page.screenshot({ path: 'tests/e2e/screenshots/own-routines-builder-1280.png' })
  await save.click()
  await expect(dialog).toBeHidden()

  // The new routine is chosen, labelled by its name, its length and stretches under it.
  const desk = page.getByRole('radio', { name: 'Desk break' })
  await expect(desk).toBeChecked()
  await expect(desk).toBeFocused()
  await expect(desk).toHaveAccessibleDescription(summary)
  await expect(page.getByTestId('launcher-chosen')).toContainText('Desk break')
  await page.getByRole('group', { name: 'Routine' }).screenshot({
    path: 'tests/e2e/screenshots/own-routines-choices.png',
  })

  // A second one with the same name in other letters is refused.
  await build.click()
  await builder(page).getByRole('textbox', { name: 'Name' }).fill('desk BREAK')
  await builder(page).getByRole('button', { name: 'Add Bridge' }).click()
  await builder(page).getByRole('button', { name: 'Save routine' }).click()
  await expect(builder(page).getByRole('alert')).toHaveText(
    'You already have a routine called "Desk break": choose another name.',
  )
  await builder(page).getByRole('button', { name: 'Cancel' }).click()
  await expect(builder(page)).toBeHidden()
  await expect(build).toBeFocused()

  // A reload keeps it; the address can preselect it.
  const id = await desk.getAttribute('value')
  expect(id).toMatch(/^own:[0-9a-f-]{36}$/)
  await page.reload()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  await expect(page.getByRole('radio', { name: 'Desk break' })).toHaveAccessibleDescription(summary)
  await home(page, `?routine=${id}&holdSeconds=1`)
  await expect(page.getByRole('radio', { name: 'Desk break' })).toBeChecked()
  await expect(page.getByRole('alert')).toHaveCount(0)

  // Started on this computer: the practice page names it and counts three stretches.
  await page.getByRole('button', { name: 'Practise on this computer' }).click()
  const check = page.getByRole('dialog')
  await expect(check.getByRole('heading', { name: 'Before your first session' })).toBeVisible()
  await check.getByRole('checkbox').check()
  await check.getByRole('button', { name: 'Continue' }).click()
  await expect(check).toContainText('Desk break, about')
  await check.getByRole('button', { name: 'Skip check-in and start' }).click()
  await expect(page).toHaveURL(/#\/practice/)
  await expect(page.locator('.practice[data-ready="true"]')).toBeVisible()
  const panel = page.getByTestId('practice-panel')
  const names = ['Bridge', 'Supported cat-cow', 'Knee-to-chest stretch']
  for (let i = 0; i < 3; i++) {
    await expect(panel).toContainText(`Desk break · stretch ${i + 1} of 3`)
    await expect(panel.locator('.practice-stretch')).toContainText(names[i]!)
    await page.getByRole('button', { name: 'Mark as skipped' }).click()
  }
  const wrap = page.getByTestId('practice-wrap-up')
  await expect(wrap.locator('li[data-outcome="skipped"][data-save="saved"]')).toHaveCount(3)
  await wrap.getByRole('button', { name: 'Skip' }).click()
  await wrap.getByRole('link', { name: 'Done' }).click()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()

  // Rename: the radio follows; the builder opens with what was saved.
  await page.getByRole('button', { name: 'Edit Desk break' }).click()
  const edit = builder(page)
  await expect(edit.getByRole('heading', { name: 'Edit “Desk break”' })).toBeVisible()
  await expect(edit.locator('.builder-chosen .builder-stretch')).toHaveText(names)
  await edit.getByRole('textbox', { name: 'Name' }).fill('Lunch stretch')
  await edit.getByRole('button', { name: 'Save routine' }).click()
  await expect(edit).toBeHidden()
  await expect(page.getByRole('radio', { name: 'Lunch stretch' })).toBeChecked()
  await expect(page.getByRole('radio', { name: 'Desk break' })).toHaveCount(0)

  // Delete asks first; "Keep it" keeps it, then it goes and a built-in routine is chosen.
  await page.getByRole('button', { name: 'Delete Lunch stretch' }).click()
  await expect(page.getByRole('button', { name: 'Yes, delete Lunch stretch' })).toBeFocused()
  await page.getByRole('button', { name: 'Keep it' }).click()
  await expect(page.getByRole('button', { name: 'Delete Lunch stretch' })).toBeFocused()
  await page.getByRole('button', { name: 'Delete Lunch stretch' }).click()
  await page.getByRole('button', { name: 'Yes, delete Lunch stretch' }).click()
  await expect(page.getByRole('radio', { name: 'Lunch stretch' })).toHaveCount(0)
  await expect(page.getByRole('radio', { name: 'Morning mobility' })).toBeChecked()
  await expect(page.getByRole('button', { name: 'Build your own routine' })).toBeFocused()
  // axe finds nothing serious in the routine choices
  const axe = await new AxeBuilder({ page }).include('fieldset.routine-choices').analyze()
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => v.id)).toEqual([])
  await page.reload()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  await expect(page.getByRole('radio', { name: 'Lunch stretch' })).toHaveCount(0)
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(
    '{"version":1,"routines":[]}',
  )

  // History keeps the name the routine had when the session ran.
  await page.goto('./#/progress')
  const sessions = page.getByTestId('sessions')
  await expect(sessions.locator('li.session h3').first()).toContainText('Desk break')
})

test('the builder fits a phone and a laptop', async ({ page }) => {
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height })
    await home(page)
    await page.getByRole('button', { name: 'Build your own routine' }).click()
    const dialog = builder(page)
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Evening wind-down')
    for (const s of ['Bridge', 'Supported cat-cow', 'Knee-to-chest stretch'])
      await dialog.getByRole('button', { name: `Add ${s}` }).click()
    // the dialog stays inside the screen's width, and nothing in it runs past its edge
    const box = (await dialog.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(width)
    const overflow = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `tests/e2e/screenshots/own-routines-builder-${width}.png` })
    // axe finds nothing serious in the builder
    const axe = await new AxeBuilder({ page }).include('dialog.routine-builder').analyze()
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    )
    // Escape closes it, nothing saved, and focus is back on the button that opened it
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('button', { name: 'Build your own routine' })).toBeFocused()
    await expect(page.getByRole('radio', { name: 'Evening wind-down' })).toHaveCount(0)
  }
})

test('a damaged saved routine is kept aside with a plain warning; the others and the built-in routines still start', async ({
  page,
}) => {
  const good = {
    id: 'own:good-1',
    name: 'Desk break',
    stretches: ['bridge', 'cat-cow'],
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
  }
  const bad = { id: 'own:bad-1', name: '', stretches: ['bridge', 'no-such-stretch'] }
  const stored = JSON.stringify({ version: 1, routines: [good, bad] })
  await page.addInitScript(
    ([k, v]) => {
      // only before the first load: what the app writes afterwards must stay
      if (sessionStorage.getItem('seeded') === null) {
        localStorage.setItem(k!, v!)
        sessionStorage.setItem('seeded', '1')
      }
    },
    [KEY, stored],
  )
  await home(page)
  await expect(page.getByRole('alert')).toHaveText(
    '1 saved routine could not be read and was kept aside; your other routines are fine.',
  )
  await expect(page.getByRole('radio', { name: 'Morning mobility' })).toBeChecked()
  await expect(page.getByRole('radio', { name: 'Desk break' })).toBeVisible()
  // the damaged entry is kept, untouched, under a key of its own
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('stretchcoach-own-routines-kept-aside:'))
      .map((k) => localStorage.getItem(k)),
  )
  expect(kept).toEqual([JSON.stringify(bad)])

  // A value that is not JSON at all: kept aside whole, the built-in routines still start.
  await page.evaluate((k) => localStorage.setItem(k, '{"version":1,"routines":[{"id"'), KEY)
  await page.reload()
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('could not be read and were kept aside')
  await expect(page.getByRole('radio', { name: 'Desk break' })).toHaveCount(0)
  await page.getByRole('radio', { name: 'Evening activation' }).check()
  await page.getByRole('button', { name: 'Practise on this computer' }).click()
  const check = page.getByRole('dialog')
  await check.getByRole('checkbox').check()
  await check.getByRole('button', { name: 'Continue' }).click()
  await check.getByRole('button', { name: 'Skip check-in and start' }).click()
  await expect(page.locator('.practice[data-ready="true"]')).toBeVisible()
  await expect(page.getByTestId('practice-panel')).toContainText(
    'Evening activation · stretch 1 of 5',
  )
  const keptNow = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('stretchcoach-own-routines-kept-aside:'))
      .map((k) => localStorage.getItem(k))
      .sort(),
  )
  expect(keptNow).toEqual([JSON.stringify(bad), '{"version":1,"routines":[{"id"'].sort())
})

test('an own routine runs in the headset (emulated): preselected by the address, its first stretch coached, its name on the wrap-up', async ({
  page,
}) => {
  const mine = {
    id: 'own:headset-1',
    name: 'Floor only',
    stretches: ['pelvic-tilt', 'bridge'],
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
  }
  await page.addInitScript(
    ([k, v]) => {
      if (sessionStorage.getItem('seeded') === null) {
        localStorage.setItem(k!, v!)
        sessionStorage.setItem('seeded', '1')
      }
    },
    [KEY, JSON.stringify({ version: 1, routines: [mine] })],
  )
  await page.goto(`./?emulate=quest3&mode=vr&holdSeconds=8&eyeHeight=1.6&routine=${mine.id}`)
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
  await expect(page.getByRole('radio', { name: 'Floor only' })).toBeChecked()
  await page.getByRole('button', { name: 'Start routine in headset' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('checkbox').check()
  await dialog.getByRole('button', { name: 'Continue' }).click()
  await expect(dialog).toContainText('Floor only, about')
  // software WebGL on a shared machine: a small view while in XR (as session.spec.ts does)
  await page.setViewportSize({ width: 480, height: 300 })
  await dialog.getByRole('button', { name: 'Skip check-in and start' }).click()
  await page.waitForFunction(
    () =>
      window.stretchcoachXR?.sessionMode === 'immersive-vr' && window.stretchcoachXR.frameCount > 2,
  )
  await expect(page.getByTestId('session-live')).toHaveAttribute('data-stretch', 'pelvic-tilt')
  await page.getByRole('button', { name: 'End session' }).click()
  await page.waitForFunction(() => window.stretchcoachXR?.sessionsEnded === 1, undefined, {
    timeout: 15_000,
  })
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(page.getByTestId('wrap-up').locator('.wrapup-routine')).toHaveText('Floor only')
})

test('a routine saved in one tab appears in another open tab, and its deletion too', async ({
  page,
  context,
}) => {
  await home(page)
  const other = await context.newPage()
  await other.goto('./?holdSeconds=1#/')
  await expect(other.locator('main.home[data-ready="true"]')).toBeVisible()
  await page.getByRole('button', { name: 'Build your own routine' }).click()
  await builder(page).getByRole('textbox', { name: 'Name' }).fill('Shared')
  await builder(page).getByRole('button', { name: 'Add Bridge' }).click()
  await builder(page).getByRole('button', { name: 'Save routine' }).click()
  await expect(page.getByRole('radio', { name: 'Shared' })).toBeChecked()
  await expect(other.getByRole('radio', { name: 'Shared' })).toBeVisible()
  await expect(other.getByRole('radio', { name: 'Shared' })).toHaveAccessibleDescription(
    /^About \d+ min: Bridge$/,
  )
  await other.getByRole('button', { name: 'Delete Shared' }).click()
  await other.getByRole('button', { name: 'Yes, delete Shared' }).click()
  await expect(page.getByRole('radio', { name: 'Shared' })).toHaveCount(0)
  // the tab that had it chosen falls back to the first routine
  await expect(page.getByRole('radio', { name: 'Morning mobility' })).toBeChecked()
  await other.close()
})

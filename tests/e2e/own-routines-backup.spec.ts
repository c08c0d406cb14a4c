// Own routines travel with the backup: a routine built on one device is in the exported file;
// a new device (a browser context of its own: empty storage) imports the file on the progress
// page, sees in the plan how many routines it adds and which is renamed, and then finds them
// among the home page's routine choices. A damaged routine in the file is skipped and said.
import { readFileSync, writeFileSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import { test, expect } from './helpers/guard'

test.describe.configure({ timeout: 180_000 })

const SHOTS = 'tests/e2e/screenshots'
const KEY = 'stretchcoach-own-routines'
const DESK_SUMMARY = /^About \d+ min: Bridge, Supported cat-cow, Knee-to-chest stretch$/

async function home(page: Page): Promise<void> {
  await page.goto('./?holdSeconds=1#/')
  await expect(page.locator('main.home[data-ready="true"]')).toBeVisible()
}

async function progress(page: Page): Promise<void> {
  await page.goto('./#/progress')
  await expect(page.locator('[data-testid=progress][data-ready=true]')).toBeVisible()
}

async function build(page: Page, name: string, stretches: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Build your own routine' }).click()
  const dialog = page.getByRole('dialog', { name: 'Build your own routine' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
  for (const s of stretches)
    await dialog.getByRole('button', { name: `Add ${s}`, exact: true }).click()
  await dialog.getByRole('button', { name: 'Save routine' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('radio', { name, exact: true })).toBeChecked()
}

/**
 * A second device: a context of its own, so its localStorage and IndexedDB start empty. The
 * guard fixture watches only the test's page, so this page gets the same checks here: no
 * request off the app's origin, no console error, page error or CSP violation.
 */
async function newDevice(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' })
  const page = await context.newPage()
  const origin = new URL(baseURL).origin
  const problems: string[] = []
  page.on('request', (req) => {
    const url = req.url()
    if (!/^(data|blob|about):/.test(url) && new URL(url).origin !== origin)
      problems.push(`off-origin request: ${url}`)
  })
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`)
    })
  })
  return { context, page, problems }
}

test('a routine built on one device comes back on a new device from the backup', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await home(page)
  await build(page, 'Desk break', ['Bridge', 'Supported cat-cow', 'Knee-to-chest stretch'])
  await build(page, 'Night', ["Child's pose"])
  const desk = page.getByRole('radio', { name: 'Desk break' })
  await expect(desk).toHaveAccessibleDescription(DESK_SUMMARY)
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), KEY)

  // Export on the progress page: the file carries the routines as stored.
  await progress(page)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export backup (JSON)' }).click()
  const file = await (await download).path()
  const exported = JSON.parse(readFileSync(file, 'utf8'))
  expect(exported.version).toBe(2)
  expect(exported.ownRoutines).toEqual(stored.routines)
  expect(exported.ownRoutines.map((r: { name: string }) => r.name)).toEqual(['Desk break', 'Night'])

  // A new device that already has a routine called "night".
  const other = await newDevice(browser, baseURL!)
  const device = other.page
  await device.setViewportSize({ width: 1280, height: 800 })
  await home(device)
  await expect(device.getByRole('radio', { name: 'Desk break' })).toHaveCount(0)
  await build(device, 'night', ['Bridge'])

  // A damaged third routine in the file: skipped and said, the rest imports.
  const withDamage = testInfo.outputPath('with-damaged-routine.json')
  writeFileSync(
    withDamage,
    JSON.stringify({
      ...exported,
      ownRoutines: [...exported.ownRoutines, { id: 'own:broken', name: '', stretches: [] }],
    }),
  )
  await progress(device)
  await device.getByLabel('Import a backup…').setInputFiles(withDamage)
  const plan = device.getByTestId('import-plan')
  await expect(plan).toBeVisible()
  await expect(plan.locator('#import-plan-title')).toHaveText(
    'This backup has no history new to this device.',
  )
  const said = device.getByTestId('import-plan-routines')
  await expect(said).toContainText(
    'It will add 2 own routines ("Night" as "Night (imported)", since you already have a routine of that name).',
  )
  await expect(said).toContainText(
    'Own routine number 3 in the backup is damaged (no valid name) and is skipped.',
  )
  await plan.screenshot({ path: `${SHOTS}/own-routines-backup-plan.png` })
  // nothing is stored before the user confirms
  await home(device)
  await expect(device.getByRole('radio', { name: 'Desk break' })).toHaveCount(0)

  await progress(device)
  await device.getByLabel('Import a backup…').setInputFiles(withDamage)
  await device.getByRole('button', { name: 'Add to my history' }).click()
  await expect(device.getByTestId('notice')).toContainText(
    'Imported and saved: 0 records added. Added 2 own routines',
  )
  await expect(device.getByTestId('import-plan')).toHaveCount(0)

  // Listed among the home page's routine choices, with their stretches.
  await home(device)
  const choices = device.getByRole('group', { name: 'Routine' })
  await expect(choices.getByRole('radio', { name: 'Desk break' })).toHaveAccessibleDescription(
    DESK_SUMMARY,
  )
  await expect(
    choices.getByRole('radio', { name: 'Night (imported)' }),
  ).toHaveAccessibleDescription(/^About \d+ min: Child's pose$/)
  await expect(choices.getByRole('radio', { name: 'night', exact: true })).toBeVisible()
  await choices.screenshot({ path: `${SHOTS}/own-routines-backup-choices.png` })
  // kept over a reload, under the ids they had
  await device.reload()
  await expect(device.locator('main.home[data-ready="true"]')).toBeVisible()
  await expect(choices.getByRole('radio', { name: 'Desk break' })).toHaveAttribute(
    'value',
    stored.routines[0].id,
  )

  // The same file again adds nothing: the routines already here stay as they are.
  await progress(device)
  await device.getByLabel('Import a backup…').setInputFiles(withDamage)
  await expect(device.getByTestId('import-plan-routines')).toContainText(
    '2 own routines already here stay as they are.',
  )
  await expect(device.getByRole('button', { name: 'Add to my history' })).toBeDisabled()

  await other.context.close()
  expect(other.problems).toEqual([])
})

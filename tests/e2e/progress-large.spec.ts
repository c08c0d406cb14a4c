/**
 * Large and far-apart histories in the built app: a backup dated 0100-01-01
 * and 9999-12-31 is refused and changes nothing; a stored history spanning
 * 2020-01-01 … now (and two impossible dates left by an older version) starts
 * quickly with bounded charts and tables; 100,000 check-ins import without
 * freezing the page (no task over 200 ms, progress shown) and start again fast.
 */
import { writeFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './helpers/guard'
import { DB, storeCounts } from './helpers/storage'
import { checkInAt, checkInBackup } from './fixtures/largeBackup'

const SHOTS = 'tests/e2e/screenshots'
const NOW = '2026-11-23T19:30:00Z'

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' })

/** What the page-side recorders keep (times in ms of page time). */
interface Recorded {
  __longTasks: { start: number; duration: number }[]
  __readyAt: number | null
  /** every progress line shown, in order */
  __workTexts: string[]
  /** when each step of the progress line began ('none' when it is gone) */
  __steps: [string, number][]
}

/** Page-side recorders: long tasks, the time the progress section became ready, and every progress line shown. */
async function instrument(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Recorded
    w.__longTasks = []
    w.__readyAt = null
    w.__workTexts = []
    w.__steps = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
    new MutationObserver(() => {
      if (w.__readyAt === null && document.querySelector('[data-testid=progress][data-ready=true]'))
        w.__readyAt = performance.now()
      const line = document.querySelector('[data-testid=work-progress]')?.textContent
      if (line && w.__workTexts[w.__workTexts.length - 1] !== line) w.__workTexts.push(line)
      const step =
        document.querySelector('[data-testid=work-progress]')?.getAttribute('data-step') ?? 'none'
      if (w.__steps[w.__steps.length - 1]?.[0] !== step)
        w.__steps.push([step, Math.round(performance.now())])
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  })
}

async function ready(page: Page): Promise<void> {
  await expect(page.locator('[data-testid=progress][data-ready=true]')).toBeVisible()
}

/** Long tasks (ms) that started at or after `since` (page time). */
async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate(
    (t) =>
      (window as unknown as Recorded).__longTasks
        .filter((e) => e.start >= t)
        .map((e) => Math.round(e.duration)),
    since,
  )
}

function backupOf(checkIns: Record<string, unknown>[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'stretchcoach-progress-backup',
      version: 1,
      exportedAt: NOW,
      results: [],
      sessions: [],
      checkIns,
      unlocks: [],
    }),
  )
}

const at = (date: string) => Date.parse(`${date}T10:00:00Z`)

test('a backup dated 0100-01-01 and 9999-12-31 is refused with a clear message and changes nothing', async ({
  page,
}) => {
  await page.clock.install({ time: new Date(NOW) })
  await page.goto('./#/progress')
  await ready(page)
  await page.getByTestId('pain-checkin').getByRole('radio', { name: '3', exact: true }).check()
  await page.getByRole('button', { name: 'Save check-in' }).click()
  await expect(page.getByTestId('notice')).toHaveText('Saved: pain 3 of 10.')

  const far = [
    checkInAt(0, at('0100-01-01')),
    checkInAt(1, at('2026-11-20')),
    checkInAt(2, at('9999-12-31')),
  ]
  await page.getByLabel('Import a backup…').setInputFiles({
    name: 'far-apart.json',
    mimeType: 'application/json',
    buffer: backupOf(far),
  })
  const error = page.getByTestId('import-error')
  await expect(error).toContainText("The backup's pain check-in number 1 (id ci-0000000)")
  await expect(error).toContainText('impossible date, 0100-01-01')
  await expect(error).toContainText('Nothing was imported')
  await expect(page.getByTestId('import-plan')).toHaveCount(0)
  await error.screenshot({ path: `${SHOTS}/progress-import-far-dates.png` })

  // The future date alone is refused too, naming it.
  await page.getByLabel('Import a backup…').setInputFiles({
    name: 'future.json',
    mimeType: 'application/json',
    buffer: backupOf(far.slice(1)),
  })
  await expect(error).toContainText(
    'pain check-in number 2 (id ci-0000002) has an impossible date, 9999-12-31',
  )
  await expect(error).toContainText('more than two days after 2026-11-23')
  expect(await storeCounts(page)).toMatchObject({ checkIns: 1, results: 0, quarantine: 0 })
  await page.reload()
  await ready(page)
  expect(await storeCounts(page)).toMatchObject({ checkIns: 1, results: 0, quarantine: 0 })
})

test('a stored history from 2020-01-01 to now, far apart, starts in under 2 s with bounded charts and tables', async ({
  page,
}) => {
  await instrument(page)
  await page.clock.install({ time: new Date(NOW) })
  await page.goto('./#/progress')
  await ready(page)
  // Stored as an older version (which checked no dates) could have left it:
  // a few check-ins years apart, and two impossible dates.
  const dates = ['2020-01-01', '2020-01-02', '2021-07-14', '2023-03-01', '2026-11-16', '2026-11-23']
  const rows = [
    ...dates.map((d, i) => checkInAt(i, at(d), 2 + (i % 5))),
    checkInAt(90, at('0100-01-01')),
    checkInAt(91, at('9999-12-31')),
  ]
  await page.evaluate(
    ({ name, rows }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => {
          const tx = req.result.transaction(['checkIns'], 'readwrite')
          for (const r of rows) tx.objectStore('checkIns').put(r)
          tx.oncomplete = () => {
            req.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    { name: DB, rows },
  )
  await page.reload()
  await ready(page)
  const readyAt = await page.evaluate(() => (window as unknown as Recorded).__readyAt!)
  console.log(`far-apart start: progress ready ${Math.round(readyAt)} ms after navigation`)
  expect(readyAt).toBeLessThan(2000)
  await expect(page.getByTestId('notice')).toContainText('1 damaged record was set aside')
  await expect(page.getByTestId('notice')).toContainText(
    '1 record dated more than two days ahead was set aside until then',
  )
  expect(await storeCounts(page)).toMatchObject({ checkIns: 6, quarantine: 2 })

  // The latest window: 2026 only; older data one step back each, over the gaps.
  await expect(page.locator('.calendar td[data-date]')).toHaveCount(42)
  await page.getByText('The numbers behind the charts').click()
  const table = page.getByTestId('trend-table')
  await expect(table.locator('tbody tr')).toHaveCount(2)
  await expect(page.getByTestId('trend-span')).toHaveText(
    'Weeks of Mon 16 Nov 2026 to Mon 23 Nov 2026',
  )
  await expect(page.locator('[data-chart] canvas')).toHaveCount(3)
  await page.getByTestId('progress').screenshot({ path: `${SHOTS}/progress-far-apart.png` })
  const older = page.getByRole('button', { name: '← Older weeks' })
  await older.click()
  await expect(page.getByTestId('trend-span')).toHaveText(
    'Weeks of Mon 27 Feb 2023 to Mon 27 Feb 2023',
  )
  await older.click()
  await expect(page.getByTestId('trend-span')).toHaveText(
    'Weeks of Mon 12 Jul 2021 to Mon 12 Jul 2021',
  )
  await older.click()
  await expect(page.getByTestId('trend-span')).toHaveText(
    'Weeks of Mon 30 Dec 2019 to Mon 30 Dec 2019',
  )
  // 2020-01-01 and 2020-01-02 (pain 2 and 3) share the week of Monday 30 December 2019.
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await expect(table.locator('tbody tr').first().locator('td').last()).toHaveText('2.5')
  await expect(older).toBeDisabled()
  await page.locator('.trend-table').screenshot({ path: `${SHOTS}/progress-far-apart-oldest.png` })
  await page.getByRole('button', { name: 'Newer weeks →' }).click()
  await expect(page.getByTestId('trend-span')).toHaveText(
    'Weeks of Mon 12 Jul 2021 to Mon 12 Jul 2021',
  )
})

test('100,000 check-ins import without freezing the page, with progress shown, and start again fast', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000)
  await instrument(page)
  // Real time here: the file's dates run up to yesterday.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  // A file on disk: Playwright hands a path to the browser as a real file
  // (a buffer would be decoded by script in the page, itself a long task).
  const file = testInfo.outputPath('large.backup.json')
  writeFileSync(file, checkInBackup(100_000, '2020-01-01', yesterday))
  await page.goto('./#/progress')
  await ready(page)
  const t0 = await page.evaluate(() => performance.now())
  await page.getByLabel('Import a backup…').setInputFiles(file)
  await expect(page.getByTestId('import-plan')).toContainText('100,000 pain check-ins', {
    timeout: 60_000,
  })
  const t1 = await page.evaluate(() => performance.now())
  await page.getByRole('button', { name: 'Add to my history' }).click()
  const saving = page.locator('[data-testid=work-progress][data-step=saving]')
  await expect(saving).toBeVisible({ timeout: 30_000 })
  await saving.screenshot({ path: `${SHOTS}/progress-import-saving.png` })
  await expect(page.getByTestId('notice')).toHaveText('Imported and saved: 100000 records added.', {
    timeout: 120_000,
  })
  const t2 = await page.evaluate(() => performance.now())
  const tasks = await longTasksSince(page, t0)
  const seen = await page.evaluate(() => (window as unknown as Recorded).__workTexts)
  console.log(
    `100k import: checked in ${Math.round(t1 - t0)} ms, saved and reloaded in ${Math.round(t2 - t1)} ms; long tasks (ms): ${JSON.stringify(tasks)}; progress lines: ${seen.length}, e.g. ${JSON.stringify(seen.slice(0, 2))}`,
  )
  const steps = await page.evaluate(() => (window as unknown as Recorded).__steps)
  const taskTimes = await page.evaluate(
    (t) =>
      (window as unknown as Recorded).__longTasks
        .filter((e) => e.start >= t)
        .map((e) => [Math.round(e.start), Math.round(e.duration)]),
    t0,
  )
  console.log(
    `100k import: steps (page ms) ${JSON.stringify(steps)}; long tasks [start, ms] ${JSON.stringify(taskTimes)}`,
  )
  expect(seen.some((s) => /^Checking [\d,]+ of 100,000 records…/.test(s))).toBe(true)
  expect(seen.some((s) => /^Saving [\d,]+ of 100,000 records…/.test(s))).toBe(true)
  expect(Math.max(0, ...tasks), 'longest task during the import (ms)').toBeLessThan(200)
  expect(await storeCounts(page)).toMatchObject({ checkIns: 100_000, quarantine: 0 })
  await page.getByText('The numbers behind the charts').click()
  const rows = await page.getByTestId('trend-table').locator('tbody tr').count()
  expect(rows).toBeGreaterThan(0)
  expect(rows).toBeLessThanOrEqual(26)
  await expect(page.locator('[data-chart] canvas')).toHaveCount(3)
  await page.getByTestId('progress').screenshot({ path: `${SHOTS}/progress-100k.png` })

  // A later start reads and checks the 100,000 records in batches.
  await page.reload()
  await ready(page)
  const startAt = await page.evaluate(() => (window as unknown as Recorded).__readyAt!)
  const startTasks = await page.evaluate(() =>
    (window as unknown as Recorded).__longTasks.map((e) => [
      Math.round(e.start),
      Math.round(e.duration),
    ]),
  )
  const startSteps = await page.evaluate(() => (window as unknown as Recorded).__steps)
  console.log(
    `100k start: progress ready ${Math.round(startAt)} ms after navigation; long tasks [start, ms]: ${JSON.stringify(startTasks)}; steps ${JSON.stringify(startSteps)}`,
  )
  await expect(page.getByTestId('notice')).toBeEmpty()
  expect(startAt).toBeLessThan(10_000)
})

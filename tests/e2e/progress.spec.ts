/**
 * The progress home page in the built app: import two weeks, see streak,
 * calendar, achievements, charts and sessions; the next local date puts the
 * streak at risk, not lost; reload changes nothing; export → delete all →
 * import gives the same page; axe finds no serious violation in it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './helpers/guard'

const FIXTURE = new URL('./fixtures/two-weeks.backup.json', import.meta.url).pathname
const SHOTS = 'tests/e2e/screenshots'

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' })

async function ready(page: Page): Promise<void> {
  await expect(page.locator('[data-testid=progress][data-ready=true]')).toBeVisible()
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Import a backup…').setInputFiles(path)
  await expect(page.getByTestId('import-plan')).toBeVisible()
  await page.getByRole('button', { name: 'Add to my history' }).click()
  await expect(page.getByTestId('notice')).toContainText('Imported and saved')
}

/** What a person reads in the progress sections (celebrations and notices left out). */
async function pageText(page: Page): Promise<string[]> {
  return [
    await page.getByTestId('streak').innerText(),
    await page.getByTestId('calendar').innerText(),
    await page.getByTestId('achievements').innerText(),
    await page.getByTestId('rewards').innerText(),
    await page.getByTestId('sessions').innerText(),
  ]
}

test('two weeks imported: streak, calendar, achievements, charts, sessions; next day at risk; export, delete, import', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./')
  await ready(page)
  await expect(page.getByTestId('streak-current')).toHaveText('0')

  await page.getByLabel('Import a backup…').setInputFiles(FIXTURE)
  await expect(page.getByTestId('import-plan')).toContainText(
    '106 stretches, 22 sessions and 43 pain check-ins',
  )
  await page.getByRole('button', { name: 'Add to my history' }).click()
  await expect(page.getByTestId('notice')).toContainText('Imported and saved: 171 records added.')

  await expect(page.getByTestId('streak-current')).toHaveText('13')
  await expect(page.getByTestId('streak')).toHaveAttribute('data-at-risk', 'false')
  await expect(page.getByTestId('streak')).toContainText('Today counts')
  await expect(page.locator('[data-date="2026-11-15"]')).toHaveAttribute('data-state', 'frozen')
  await expect(page.locator('[data-date="2026-11-10"]')).toHaveAttribute('data-state', 'double')
  await expect(page.locator('[data-date="2026-11-11"]')).toHaveAttribute('data-state', 'counted')
  await expect(page.locator('.calendar [data-state=double]')).toHaveCount(8)
  await expect(page.locator('.calendar [data-state=counted]')).toHaveCount(5)
  await expect(page.locator('[data-achievement][data-earned=true]')).toHaveCount(12)
  await expect(page.locator('[data-achievement=streak-7]')).toHaveAttribute('data-earned', 'true')
  await expect(page.locator('[data-achievement=streak-14]')).toContainText('How to earn')
  await expect(page.getByTestId('celebration')).toContainText('12 new achievements')
  // Confetti (a canvas canvas-confetti adds to <body>) without reduced motion.
  await expect(page.locator('body > canvas')).toHaveCount(1)
  await expect(page.locator('[data-chart] canvas')).toHaveCount(3)
  await expect(page.locator('[data-session]')).toHaveCount(8)
  await expect(page.locator('[data-reward=beach]')).toContainText('unlocked')
  await page.screenshot({ path: `${SHOTS}/progress-imported.png`, fullPage: true })
  await page.evaluate(() => window.scrollTo(0, 0))
  const box = (await page.getByTestId('progress').boundingBox())!
  await page.screenshot({
    path: `${SHOTS}/progress-top.png`,
    fullPage: true,
    clip: { x: box.x, y: box.y, width: box.width, height: 1300 },
  })
  await page.getByTestId('charts').screenshot({ path: `${SHOTS}/progress-charts.png` })
  await page.getByTestId('calendar').screenshot({ path: `${SHOTS}/progress-calendar.png` })
  await page
    .locator('[data-session]')
    .first()
    .screenshot({ path: `${SHOTS}/progress-session.png` })
  await page.getByTestId('achievements').screenshot({ path: `${SHOTS}/progress-achievements.png` })
  await page.locator('.data-controls').screenshot({ path: `${SHOTS}/progress-data.png` })

  const axe = await new AxeBuilder({ page }).analyze()
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  console.log(`axe serious/critical: ${summary.length === 0 ? 'none' : summary.join(' | ')}`)
  const inProgress = await Promise.all(
    bad.flatMap((v) =>
      v.nodes.map((n) =>
        page
          .locator(`[data-testid=progress] ${String(n.target[0])}`)
          .count()
          .catch(() => 0),
      ),
    ),
  )
  expect(
    inProgress.reduce((a, b) => a + b, 0),
    summary.join('\n'),
  ).toBe(0)

  // The next local date (Tue 24 Nov, 10:00 in Berlin): at risk, not lost.
  await page.clock.setSystemTime(new Date('2026-11-24T09:00:00Z'))
  await page.clock.runFor(31_000)
  await expect(page.getByTestId('streak')).toHaveAttribute('data-at-risk', 'true')
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  await expect(page.getByTestId('streak')).toContainText(
    'At risk: complete 5 more different stretches today',
  )
  const before = await pageText(page)
  await page.reload()
  await ready(page)
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  await expect(page.getByTestId('celebration')).toHaveCount(0)
  expect(await pageText(page)).toEqual(before)
  await page.getByTestId('streak').screenshot({ path: `${SHOTS}/progress-next-day-at-risk.png` })

  // Export, delete everything, import the export: the same page again.
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export backup (JSON)' }).click()
  const file = await (await download).path()
  const exported = JSON.parse(readFileSync(file, 'utf8'))
  expect(exported.results).toHaveLength(106)
  expect(exported.unlocks).toHaveLength(12)
  // The version 1 fixture comes back out as version 2: measured, target not recorded.
  expect(exported.version).toBe(2)
  expect(exported.results[0]).toMatchObject({ schemaVersion: 2, source: 'headset', targets: null })

  await page.getByRole('button', { name: 'Delete all my data…' }).click()
  await page.getByRole('button', { name: 'Yes, delete everything' }).click()
  await expect(page.getByTestId('streak-current')).toHaveText('0')
  await expect(page.locator('[data-session]')).toHaveCount(0)
  await expect(page.locator('[data-achievement][data-earned=true]')).toHaveCount(0)

  await importFile(page, file)
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  expect(await pageText(page)).toEqual(before)
  await expect(page.getByTestId('celebration')).toHaveCount(0)

  // Importing the same file again adds nothing.
  await page.getByLabel('Import a backup…').setInputFiles(file)
  await expect(page.getByTestId('import-plan')).toContainText('nothing new')
  await expect(page.getByRole('button', { name: 'Add to my history' })).toBeDisabled()
})

test('a bad import file changes nothing and says why', async ({ page }) => {
  await page.goto('./')
  await ready(page)
  await importFile(page, FIXTURE)
  // the history reloads in batches after the import: count once its sessions are shown
  await expect(page.locator('[data-session]').first()).toBeVisible()
  const before = await page.locator('[data-session]').count()
  const broken = JSON.parse(readFileSync(FIXTURE, 'utf8'))
  broken.results[3].result.score = 'lots'
  await page.getByLabel('Import a backup…').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  })
  await expect(page.getByTestId('import-error')).toContainText('stretch number 4 is damaged')
  await page.getByLabel('Import a backup…').setInputFiles({
    name: 'x.json',
    mimeType: 'application/json',
    buffer: Buffer.from('not json'),
  })
  await expect(page.getByTestId('import-error')).toContainText('not a StretchCoach backup')
  await expect(page.locator('[data-session]')).toHaveCount(before)
})

test('reduced motion: the celebration shows without confetti', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./')
  await ready(page)
  await importFile(page, FIXTURE)
  await expect(page.getByTestId('celebration')).toBeVisible()
  await page.waitForTimeout(500)
  // canvas-confetti draws on a canvas it adds to <body>; the charts' canvases live in the section.
  await expect(page.locator('body > canvas')).toHaveCount(0)
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByTestId('celebration')).toHaveCount(0)
})

test('a wrong entry is deleted with the keyboard, after a confirmation', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./')
  await ready(page)
  await importFile(page, FIXTURE)
  const firstSession = page.locator('[data-session]').first()
  await expect(firstSession.locator('[data-result]')).toHaveCount(5)
  await firstSession
    .getByRole('button', { name: /^Delete / })
    .first()
    .focus()
  await page.keyboard.press('Enter')
  // The safe choice has the focus; one step back is the destructive one.
  await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(page.getByRole('button', { name: 'Yes, delete' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('notice')).toHaveText('Entry deleted.')
  await expect(firstSession.locator('[data-result]')).toHaveCount(4)
  await expect(page.getByTestId('streak')).toContainText('4 different stretches done')
  await expect(page.getByTestId('streak')).toHaveAttribute('data-at-risk', 'true')
  await page.reload()
  await ready(page)
  await expect(page.locator('[data-session]').first().locator('[data-result]')).toHaveCount(4)
})

/** A version 2 stamp in Berlin of a UTC instant on 23 or 16 Nov 2026 (same local date at these hours). */
function stamp(utc: string) {
  return { utc, timeZone: 'Europe/Berlin', localDate: utc.slice(0, 10) }
}

test('a routine followed on the desktop: counts the date, listed without a score, out of the charts, in the CSV', async ({
  page,
}, testInfo) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  const morning = ['childs-pose', 'cat-cow', 'knee-to-chest', 'supine-twist', 'childs-pose-side']
  const results = morning.map((stretch, i) => ({
    schemaVersion: 2,
    id: `desk-${i}`,
    sessionId: 'desk-session',
    routineId: 'morning-mobility',
    stretch,
    source: 'desktop',
    // the cat-cow is skipped: five stretches done need the measured one of the 16th
    outcome: stretch === 'cat-cow' ? 'skipped' : 'completed',
    targets:
      stretch === 'cat-cow' ? { holdSeconds: null, reps: 8 } : { holdSeconds: 30, reps: null },
    result: null,
    followed:
      stretch === 'cat-cow'
        ? { both: { seconds: 14, reps: 3 } }
        : stretch === 'knee-to-chest' ||
            stretch === 'supine-twist' ||
            stretch === 'childs-pose-side'
          ? { left: { seconds: 30, reps: null }, right: { seconds: 30, reps: null } }
          : { both: { seconds: 30, reps: null } },
    at: stamp(`2026-11-23T07:${10 + i * 3}:00.000Z`),
  }))
  const measured = {
    schemaVersion: 2,
    id: 'measured-1',
    sessionId: 'headset-session',
    routineId: 'stretch:bridge',
    stretch: 'bridge',
    source: 'headset',
    outcome: 'completed',
    targets: { holdSeconds: null, reps: 8 },
    result: {
      stretch: 'bridge',
      engineVersion: 'fixture-2',
      completed: true,
      sides: { both: { holdSeconds: 0, reps: 8, range: 0.8, stability: 0.9, score: 84 } },
      score: 84,
      trackedFraction: 1,
      skippedFrames: 0,
      pain: false,
    },
    followed: null,
    at: stamp('2026-11-16T18:00:00.000Z'),
  }
  const session = (id: string, routineId: string, start: string, end: string, source: string) => ({
    schemaVersion: 2,
    id,
    routineId,
    start: stamp(start),
    end: stamp(end),
    painBefore: 4,
    painAfter: 3,
    stoppedForPain: false,
    source,
  })
  const file = testInfo.outputPath('desktop.backup.json')
  writeFileSync(
    file,
    JSON.stringify({
      format: 'stretchcoach-progress-backup',
      version: 2,
      exportedAt: '2026-11-23T19:00:00.000Z',
      results: [measured, ...results],
      sessions: [
        session(
          'headset-session',
          'stretch:bridge',
          '2026-11-16T17:55:00.000Z',
          '2026-11-16T18:01:00.000Z',
          'headset',
        ),
        session(
          'desk-session',
          'morning-mobility',
          '2026-11-23T07:05:00.000Z',
          '2026-11-23T07:30:00.000Z',
          'desktop',
        ),
      ],
      checkIns: [],
      unlocks: [],
    }),
  )
  await page.goto('./')
  await ready(page)
  await importFile(page, file)

  // Four followed stretches marked done: the date does not count yet, a measured fifth would.
  await expect(page.getByTestId('streak-current')).toHaveText('0')
  await expect(page.getByTestId('streak')).toContainText('today: 4 different stretches done')
  await expect(page.locator('[data-achievement=first-stretch]')).toHaveAttribute(
    'data-earned',
    'true',
  )
  await expect(page.locator('[data-achievement=first-routine]')).toHaveAttribute(
    'data-earned',
    'false',
  )

  const desk = page.locator('[data-session="desk-session"]')
  await expect(desk.locator('[data-source=desktop]')).toHaveCount(5)
  await expect(desk.locator('[data-result="desk-0"]')).toContainText(
    "Child's pose — followed on desktop",
  )
  await expect(desk.locator('[data-result="desk-0"]')).toContainText('done')
  await expect(desk.locator('[data-result="desk-0"]')).toContainText('target 30 s')
  await expect(desk.locator('[data-result="desk-1"]')).toContainText('skipped')
  await expect(desk.locator('[data-result="desk-1"]')).toContainText(
    '3 reps with the coach; target 8 reps',
  )
  await expect(desk.locator('.result-score')).toHaveCount(0)
  await expect(desk).not.toContainText(/score \d/)
  await expect(page.locator('[data-result="measured-1"]')).toContainText('score 84')

  // The charts' table: only the measured week, with its one stretch.
  const table = page.getByTestId('trend-table')
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await expect(table.locator('tbody tr')).toContainText('Mon 16 Nov 2026')

  const csvDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download CSV' }).click()
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').split('\r\n')
  expect(csv[0]).toContain(',source,status,target')
  expect(csv.filter((l) => l.includes(',followed on desktop,'))).toHaveLength(5)
  expect(csv.find((l) => l.includes('Supported cat-cow'))).toMatch(
    /,followed on desktop,skipped,8 reps$/,
  )
  expect(csv.find((l) => l.includes('Bridge'))).toMatch(/,84,.*,headset,completed,8 reps$/)

  await desk.screenshot({ path: `${SHOTS}/progress-desktop-session.png` })

  // A measured fifth stretch that day makes it count (any source).
  const fifth = testInfo.outputPath('fifth.backup.json')
  writeFileSync(
    fifth,
    JSON.stringify({
      format: 'stretchcoach-progress-backup',
      version: 2,
      exportedAt: '2026-11-23T19:00:00.000Z',
      results: [{ ...measured, id: 'measured-2', at: stamp('2026-11-23T18:00:00.000Z') }],
      sessions: [],
      checkIns: [],
      unlocks: [],
    }),
  )
  await importFile(page, fifth)
  await expect(page.getByTestId('streak-current')).toHaveText('1')
})

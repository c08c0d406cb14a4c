/**
 * The trend charts from day one (issue 14): one week, one day and gaps of
 * weeks of data, imported from slices of the two-week fixture. uPlot draws on
 * a canvas, so each figure carries what uPlot drew (its scales' ranges, the
 * points, the x tick labels it was given, the axis labels) as data attributes;
 * the tests check those, check that each point is painted inside uPlot's plot
 * area on screen, read the table under each chart, and take screenshots.
 *
 * Run: OUT_DIR=dist-charts E2E_PORT=4351 node scripts/run-e2e.mjs tests/e2e/charts.spec.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type { Page, TestInfo } from '@playwright/test'
import { checkInBackup } from './fixtures/largeBackup'
import { decodePng, expect, test } from './helpers/guard'

const FIXTURE = new URL('./fixtures/two-weeks.backup.json', import.meta.url).pathname
const SHOTS = 'tests/e2e/screenshots'

// Reduced motion: no confetti over the charts after an import.
test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB', reducedMotion: 'reduce' })

interface Stamp {
  localDate: string
}
interface Backup {
  results: {
    at: Stamp
    result: {
      completed: boolean
      pain: boolean
      score: number
      sides: Record<string, { range: number }>
    }
  }[]
  sessions: { start: Stamp }[]
  checkIns: { at: Stamp; pain: number }[]
}

const full = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Backup

/** The fixture's records on the dates `keep` accepts, as a backup file; its path. */
function slice(testInfo: TestInfo, name: string, keep: (date: string) => boolean): string {
  const b = {
    ...full,
    results: full.results.filter((r) => keep(r.at.localDate)),
    sessions: full.sessions.filter((s) => keep(s.start.localDate)),
    checkIns: full.checkIns.filter((c) => keep(c.at.localDate)),
  }
  const path = testInfo.outputPath(`${name}.backup.json`)
  writeFileSync(path, JSON.stringify(b))
  return path
}

/** The week's means computed here from the backup (measured, completed stretches; check-ins). */
function means(keep: (date: string) => boolean): Record<'score' | 'rangePct' | 'pain', number> {
  const rs = full.results.filter(
    (r) => keep(r.at.localDate) && r.result.completed && !r.result.pain,
  )
  const cs = full.checkIns.filter((c) => keep(c.at.localDate))
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  const ranges = rs.map((r) => mean(Object.values(r.result.sides).map((s) => s.range)))
  return {
    score: Math.round(mean(rs.map((r) => r.result.score)) * 10) / 10,
    rangePct: Math.round(mean(ranges) * 1000) / 10,
    pain: Math.round(mean(cs.map((c) => c.pain)) * 10) / 10,
  }
}

async function openProgress(page: Page): Promise<void> {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./')
  // The progress section may live in a view of its own, one click named "Progress" away.
  const link = page
    .getByRole('link', { name: 'Progress', exact: true })
    .or(page.getByRole('button', { name: 'Progress', exact: true }))
  if ((await link.count()) > 0) await link.first().click()
  await expect(page.locator('[data-testid=progress][data-ready=true]')).toBeVisible()
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Import a backup…').setInputFiles(path)
  await expect(page.getByTestId('import-plan')).toBeVisible()
  await page.getByRole('button', { name: 'Add to my history' }).click()
  await expect(page.getByTestId('notice')).toContainText('Imported and saved')
}

interface Drawn {
  xMin: number
  xMax: number
  yMin: number
  yMax: number
  points: [number, number][]
  xTicks: string[]
  xLabel: string
  yLabel: string
}

const KEYS = ['score', 'rangePct', 'pain'] as const
const UNITS = { score: 'Score (0–100)', rangePct: 'Range (%)', pain: 'Pain (0–10)' }
const COLOURS = {
  score: [0x1f, 0x5f, 0x7a],
  rangePct: [0x2f, 0x7d, 0x4f],
  pain: [0xa3, 0x36, 0x1f],
}

async function drawn(page: Page, key: string): Promise<Drawn> {
  const fig = page.locator(`figure[data-chart=${key}]`)
  await expect(fig).toHaveAttribute('data-x-ticks', /\[/)
  return fig.evaluate((el) => {
    const d = (el as HTMLElement).dataset
    return {
      xMin: Number(d.xMin),
      xMax: Number(d.xMax),
      yMin: Number(d.yMin),
      yMax: Number(d.yMax),
      points: JSON.parse(d.points!) as [number, number][],
      xTicks: JSON.parse(d.xTicks!) as string[],
      xLabel: d.xLabel!,
      yLabel: d.yLabel!,
    }
  })
}

/**
 * Each point lies strictly inside the scales' ranges, and on screen the
 * series' colour is painted at that place inside uPlot's plot area (.u-over
 * covers exactly the plot area).
 */
async function expectPointsInside(page: Page, key: (typeof KEYS)[number], d: Drawn): Promise<void> {
  const overEl = page.locator(`figure[data-chart=${key}] .u-over`)
  await overEl.scrollIntoViewIfNeeded()
  const over = (await overEl.boundingBox())!
  const shot = decodePng(await page.screenshot())
  const scale = shot.width / page.viewportSize()!.width
  for (const [x, y] of d.points) {
    expect(x).toBeGreaterThan(d.xMin)
    expect(x).toBeLessThan(d.xMax)
    expect(y).toBeGreaterThan(d.yMin)
    expect(y).toBeLessThan(d.yMax)
    const px = over.x + ((x - d.xMin) / (d.xMax - d.xMin)) * over.width
    const py = over.y + (1 - (y - d.yMin) / (d.yMax - d.yMin)) * over.height
    expect(px).toBeGreaterThan(over.x + 3)
    expect(px).toBeLessThan(over.x + over.width - 3)
    // the point (7 px across) in the series' colour, found within 2 px of where the scales put it
    let found = false
    for (let dy = -2; dy <= 2 && !found; dy++)
      for (let dx = -2; dx <= 2 && !found; dx++) {
        const o = (Math.round((py + dy) * scale) * shot.width + Math.round((px + dx) * scale)) * 4
        const c = COLOURS[key]
        found = [0, 1, 2].every((k) => Math.abs(shot.rgba[o + k]! - c[k]!) < 40)
      }
    expect(found, `${key} point at ${Math.round(px)},${Math.round(py)} painted`).toBe(true)
  }
}

/**
 * Labelled axes, points inside the plot, no repeated tick label. `weeks`: the
 * label of every week shown; a narrow chart may label only every k-th week
 * (chartAxes.ts), always the newest. `all`: every week is labelled.
 */
async function expectReadable(
  page: Page,
  weeks: string[],
  pointsPerChart: number,
  all = true,
): Promise<void> {
  await expect(page.locator('[data-chart] canvas')).toHaveCount(3)
  for (const key of KEYS) {
    const d = await drawn(page, key)
    expect(d.xLabel).toBe('Week of')
    expect(d.yLabel).toBe(UNITS[key])
    if (all) expect(d.xTicks).toEqual(weeks)
    else expect(weeks.filter((w) => d.xTicks.includes(w))).toEqual(d.xTicks)
    expect(d.xTicks.at(-1)).toBe(weeks.at(-1))
    expect(new Set(d.xTicks).size, 'no repeated tick labels').toBe(d.xTicks.length)
    expect(d.points).toHaveLength(pointsPerChart)
    await expectPointsInside(page, key, d)
  }
}

const inWeek = (d: string) => d >= '2026-11-16' && d <= '2026-11-22'

test('one week of data: one labelled week, each point inside its plot, a table under each chart', async ({
  page,
}, testInfo) => {
  await openProgress(page)
  await importFile(page, slice(testInfo, 'one-week', inWeek))
  await expectReadable(page, ['16 Nov'], 1)
  const want = means(inWeek)
  for (const key of KEYS) {
    const d = await drawn(page, key)
    expect(d.points[0]![1], key).toBe(want[key])
  }
  // the table behind each chart: named by its caption, the week and the same figure
  const score = page.getByTestId('chart-table-score')
  await score.getByText('Table: mean score (0–100), by week').click()
  await expect(score.locator('caption')).toHaveText('Mean score (0–100), by week')
  await expect(score.locator('thead')).toContainText('Week of')
  await expect(score.locator('thead')).toContainText('Score (0–100)')
  await expect(score.locator('tbody tr')).toHaveCount(1)
  await expect(score.locator('tbody th')).toHaveText('Mon, 16 Nov 2026')
  await expect(score.locator('tbody td')).toHaveText(String(want.score))
  const pain = page.getByTestId('chart-table-pain')
  await pain.locator('summary').click()
  await expect(pain.locator('tbody td')).toHaveText(String(want.pain))
  await page.getByTestId('charts').screenshot({ path: `${SHOTS}/charts-one-week.png` })
})

test('one day of data: the same, its week labelled once and the point inside', async ({
  page,
}, testInfo) => {
  const oneDay = (d: string) => d === '2026-11-17'
  await openProgress(page)
  await importFile(page, slice(testInfo, 'one-day', oneDay))
  await expectReadable(page, ['16 Nov'], 1)
  const want = means(oneDay)
  for (const key of KEYS) expect((await drawn(page, key)).points[0]![1], key).toBe(want[key])
  await expect(page.getByTestId('trend-table').locator('tbody tr')).toHaveCount(1)
  await page.getByTestId('charts').screenshot({ path: `${SHOTS}/charts-one-day.png` })
})

test('a week without data between two: a gap in each chart, its week still on the axis and in the table', async ({
  page,
}, testInfo) => {
  await openProgress(page)
  await importFile(
    page,
    slice(testInfo, 'gap', (d) => !inWeek(d)),
  )
  await expectReadable(page, ['9 Nov', '16 Nov', '23 Nov'], 2)
  // the empty week keeps its place: the two points are two weeks apart, not joined side by side
  const [a, b] = (await drawn(page, 'pain')).points
  expect(b![0] - a![0]).toBe(14 * 86_400)
  const range = page.getByTestId('chart-table-rangePct')
  await range.locator('summary').click()
  await expect(range.locator('tbody tr')).toHaveCount(3)
  await expect(range.locator('tbody tr').nth(1)).toHaveText(/Mon, 16 Nov 2026\s*no data/)
  await page.getByTestId('charts').screenshot({ path: `${SHOTS}/charts-gap.png` })
})

test('26 weeks of check-ins: every k-th week labelled, the newest always, labels apart on screen', async ({
  page,
}, testInfo) => {
  const file = testInfo.outputPath('half-year.backup.json')
  // Monday 25 May to Sunday 22 November 2026: 26 weeks, one window
  writeFileSync(file, checkInBackup(120, '2026-05-25', '2026-11-22'))
  await openProgress(page)
  await importFile(page, file)
  const fig = page.locator('figure[data-chart=pain]')
  await expect(fig).toHaveAttribute('data-x-ticks', /\[/)
  const d = await drawn(page, 'pain')
  const at = JSON.parse((await fig.getAttribute('data-x-tick-values'))!) as number[]
  expect(d.points).toHaveLength(26)
  expect(d.xTicks.length).toBeGreaterThan(2)
  expect(d.xTicks.length).toBeLessThan(26)
  expect(d.xTicks.at(-1)).toBe('16 Nov')
  expect(new Set(d.xTicks).size).toBe(d.xTicks.length)
  await expectPointsInside(page, 'pain', d)
  // on screen: neighbouring labels (centred on their ticks) never touch
  const over = (await fig.locator('.u-over').boundingBox())!
  const widths = await page.evaluate((labels) => {
    const ctx = document.createElement('canvas').getContext('2d')!
    ctx.font = '12px system-ui, sans-serif'
    return labels.map((l) => ctx.measureText(l).width)
  }, d.xTicks)
  const px = at.map((x) => ((x - d.xMin) / (d.xMax - d.xMin)) * over.width)
  for (let i = 1; i < px.length; i++)
    expect(px[i]! - px[i - 1]!, `${d.xTicks[i - 1]} | ${d.xTicks[i]}`).toBeGreaterThan(
      (widths[i - 1]! + widths[i]!) / 2 + 4,
    )
  await fig.screenshot({ path: `${SHOTS}/charts-26-weeks.png` })
})

test.describe('in US English on a phone', () => {
  test.use({ locale: 'en-US', viewport: { width: 390, height: 844 } })
  test('the two weeks: month first, no repeated or overlapping labels', async ({ page }) => {
    await openProgress(page)
    await importFile(page, FIXTURE)
    await expectReadable(page, ['Nov 9', 'Nov 16', 'Nov 23'], 3)
    await page.getByTestId('charts').screenshot({ path: `${SHOTS}/charts-en-us-phone.png` })
  })
})

/**
 * The physiotherapist's report in the built app: a two-week version 2 history
 * imported, the report reached from the progress view; its figures equal the
 * ones worked out here from the backup file itself (per side, with plain
 * arithmetic, not the app's code); it prints to PDF at A4 and Letter, and at
 * the A4 content width in print media nothing is clipped or runs off the
 * right edge; the downloaded HTML is one file without script or outside
 * reference that says the same; a backwards period is refused and changes
 * nothing else.
 */
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './helpers/guard'

const FIXTURE = new URL('./fixtures/two-weeks-v2.backup.json', import.meta.url).pathname
const SHOTS = 'tests/e2e/screenshots'

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' })

interface SideJson {
  holdSeconds: number
  reps: number | null
  range: number
  stability: number
}
interface ResultJson {
  stretch: string
  source: 'headset' | 'desktop'
  outcome: string
  targets: { holdSeconds: number | null; reps: number | null } | null
  result: { sides: Record<string, SideJson | undefined> } | null
  followed: Record<string, unknown> | null
  at: { localDate: string; utc: string }
}
interface SessionJson {
  source: 'headset' | 'desktop'
  start: { localDate: string }
  painBefore: number | null
  painAfter: number | null
}
const backup = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
  results: ResultJson[]
  sessions: SessionJson[]
}

const round1 = (x: number) => Math.round(x * 10) / 10
/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC arithmetic: whole calendar days). */
const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000
const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10)
/** Monday of the date's week (1970-01-01 was a Thursday). */
const monday = (d: string) => dateOf(dayNo(d) - ((dayNo(d) + 3) % 7))

/** What the report must say for the period, computed from the file. */
function expected(from: string, to: string) {
  const inside = (d: string) => d >= from && d <= to
  const results = backup.results.filter((r) => inside(r.at.localDate))
  const sides = new Map<
    string,
    {
      n: number
      got: number
      range: number
      stab: number
      withT: number
      hit: number
      reps: boolean
    }
  >()
  for (const r of results) {
    if (r.source !== 'headset' || r.outcome === 'skipped' || r.outcome === 'stopped-for-pain')
      continue
    for (const [side, s] of Object.entries(r.result!.sides)) {
      if (!s) continue
      const key = `${r.stretch}/${side}`
      const reps = s.reps !== null
      const a = sides.get(key) ?? { n: 0, got: 0, range: 0, stab: 0, withT: 0, hit: 0, reps }
      const got = reps ? s.reps! : s.holdSeconds
      a.n += 1
      a.got += got
      a.range += s.range
      a.stab += s.stability
      const goal = r.targets ? (reps ? r.targets.reps : r.targets.holdSeconds) : null
      if (goal !== null) {
        a.withT += 1
        if (got >= goal) a.hit += 1
      }
      sides.set(key, a)
    }
  }
  // counted dates: five or more different stretches completed (any source)
  const done = new Map<string, Set<string>>()
  for (const r of results) {
    if (r.outcome !== 'completed') continue
    const s = done.get(r.at.localDate) ?? new Set<string>()
    s.add(r.stretch)
    done.set(r.at.localDate, s)
  }
  const counted = [...done].filter(([, s]) => s.size >= 5).map(([d]) => dayNo(d))
  counted.sort((a, b) => a - b)
  let best = 0
  let run = 0
  counted.forEach((d, i) => {
    run = i > 0 && counted[i - 1] === d - 1 ? run + 1 : 1
    best = Math.max(best, run)
  })
  const sessions = backup.sessions.filter((s) => inside(s.start.localDate))
  const weeks = new Map<string, { b: number; nb: number; a: number; na: number }>()
  for (const s of sessions) {
    const w = weeks.get(monday(s.start.localDate)) ?? { b: 0, nb: 0, a: 0, na: 0 }
    if (s.painBefore !== null) {
      w.b += s.painBefore
      w.nb += 1
    }
    if (s.painAfter !== null) {
      w.a += s.painAfter
      w.na += 1
    }
    weeks.set(monday(s.start.localDate), w)
  }
  return {
    sides,
    counted: counted.length,
    best,
    sessions: sessions.length,
    headsetSessions: sessions.filter((s) => s.source === 'headset').length,
    measured: results.filter((r) => r.source === 'headset').length,
    desktop: results.filter((r) => r.source === 'desktop').length,
    painStops: results.filter((r) => r.outcome === 'stopped-for-pain'),
    weeks,
  }
}

async function importTwoWeeks(page: Page): Promise<void> {
  await page.goto('./')
  // The progress view: on the home page, or one click away on "Progress" (issue 14's contract).
  const progress = page.locator('[data-testid=progress][data-ready=true]')
  const link = page
    .getByRole('link', { name: 'Progress', exact: true })
    .or(page.getByRole('button', { name: 'Progress', exact: true }))
  await expect(progress.or(link).first()).toBeVisible()
  if (!(await progress.isVisible())) await link.first().click()
  await expect(progress).toBeVisible()
  await page.getByLabel('Import a backup…').setInputFiles(FIXTURE)
  await expect(page.getByTestId('import-plan')).toBeVisible()
  await page.getByRole('button', { name: 'Add to my history' }).click()
  await expect(page.getByTestId('notice')).toContainText('Imported and saved')
}

async function openReport(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Report for your physiotherapist' }).click()
  await expect(page).toHaveURL(/#\/report$/)
  await expect(page.locator('[data-testid=report-page][data-ready=true]')).toBeVisible()
}

test('the report of an imported two weeks: figures per side from the file, PDF, no clipping, HTML download', async ({
  page,
}) => {
  // 20:30 in Berlin on Mon 23 Nov 2026, the last day of the history
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await importTwoWeeks(page)
  await openReport(page)

  // The default period: the 28 days ending today.
  await expect(page.getByLabel('First date', { exact: true })).toHaveValue('2026-10-27')
  await expect(page.getByLabel('Last date', { exact: true })).toHaveValue('2026-11-23')
  const e = expected('2026-10-27', '2026-11-23')
  const summary = page.getByTestId('report-summary')
  await expect(summary).toContainText(
    `In the 4 weeks from 27 Oct to 23 Nov 2026 you did your stretches on ${e.counted} of 28 days`,
  )
  await expect(summary).toContainText(`your longest streak was ${e.best} days`)
  await expect(summary).toContainText(
    `${e.measured} stretches were measured in the headset and ${e.desktop} were followed on the desktop`,
  )
  expect(e.painStops).toHaveLength(1)
  const stop = e.painStops[0]!
  const stopSide = stop.result!.sides.right ? 'right' : 'left'
  const stopDay = Number(stop.at.localDate.slice(8))
  await expect(summary).toContainText(
    `one stretch was stopped for pain (knee-to-chest stretch, ${stopSide}, ${stopDay} Nov)`,
  )

  const adherence = page.getByTestId('report-adherence')
  await expect(adherence.locator('[data-fact=counted] td')).toHaveText(
    new RegExp(`^${e.counted} of 28`),
  )
  await expect(adherence.locator('[data-fact=best-streak] td')).toHaveText(`${e.best} days`)
  await expect(adherence.locator('[data-fact=sessions] td')).toHaveText(
    `${e.sessions} (${e.headsetSessions} in the headset, ${e.sessions - e.headsetSessions} on the desktop)`,
  )
  await expect(adherence.locator('[data-fact=measured] td')).toHaveText(
    new RegExp(`^${e.measured} \\(`),
  )
  await expect(adherence.locator('[data-fact=desktop] td')).toHaveText(
    new RegExp(`^${e.desktop} \\(`),
  )

  // Every measured side, left and right apart.
  // child's pose and cat-cow on one side, three stretches on each of two
  expect(e.sides.size).toBe(8)
  for (const [key, a] of e.sides) {
    const [stretch, side] = key.split('/')
    const row = page.locator(`tr[data-stretch="${stretch}"][data-side="${side}"]`)
    const unit = a.reps ? 'reps' : 's'
    await expect(row.locator('[data-field=achieved]'), key).toHaveText(
      `${round1(a.got / a.n)} ${unit}`,
    )
    await expect(row.locator('[data-field=range]'), key).toHaveText(
      `${Math.round((a.range / a.n) * 100)} %`,
    )
    await expect(row.locator('[data-field=steadiness]'), key).toHaveText(
      `${Math.round((a.stab / a.n) * 100)} %`,
    )
    await expect(row.locator('[data-field=reached]'), key).toHaveText(`${a.hit} of ${a.withT}`)
  }
  // The two sides of one stretch differ (nothing merged), and the old records' target reads "not recorded".
  const left = e.sides.get('knee-to-chest/left')!
  const right = e.sides.get('knee-to-chest/right')!
  expect(Math.round((left.range / left.n) * 100)).not.toBe(
    Math.round((right.range / right.n) * 100),
  )
  await expect(
    page.locator('tr[data-stretch="knee-to-chest"][data-side="left"] [data-field=target]'),
  ).toHaveText('30 s, target not recorded')

  // The pain stop, with its side.
  await expect(
    page.locator(`[data-painstop="knee-to-chest"][data-date="${stop.at.localDate}"]`),
  ).toContainText(stopSide)
  // Pain before and after, the week's means.
  for (const [week, w] of e.weeks) {
    const row = page.getByTestId('report-pain-weeks').locator(`tr[data-week="${week}"]`)
    await expect(row.locator('[data-field=before]'), week).toHaveText(String(round1(w.b / w.nb)))
    await expect(row.locator('[data-field=after]'), week).toHaveText(String(round1(w.a / w.na)))
  }
  await expect(page.getByTestId('report-sessions').locator('tbody tr')).toHaveCount(e.sessions)
  await expect(page.getByTestId('pain-chart')).toBeVisible()

  await page.screenshot({ path: `${SHOTS}/report-screen.png` })

  // Paper: a PDF at A4 and at Letter.
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format })
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(20_000)
  }

  // At the A4 content width (180 mm ≈ 680 px) in print media, nothing clipped or past the edge.
  await page.setViewportSize({ width: 680, height: 1000 })
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.report-controls')).toBeHidden()
  // Paper shows the whole period: every session's row is laid out, none paged away or hidden.
  const laidOut = await page
    .getByTestId('report-sessions')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.filter((r) => r.getClientRects().length > 0).length)
  expect(laidOut).toBe(e.sessions)
  const overflow = await page.evaluate(() => {
    const edge = document.documentElement.clientWidth
    const bad: string[] = []
    for (const el of document.querySelectorAll<HTMLElement | SVGElement>(
      '[data-testid=report], [data-testid=report] *',
    )) {
      const name = `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}[${el.textContent?.slice(0, 30) ?? ''}]`
      const r = el.getBoundingClientRect()
      if (r.width > 0 && r.right > edge + 0.5) bad.push(`${name} ends at ${r.right} > ${edge}`)
      if (el instanceof HTMLElement) {
        if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
          bad.push(`${name} scrolls: ${el.scrollWidth} > ${el.clientWidth}`)
      } else if (el.ownerSVGElement) {
        // Inside a chart, the viewport is what clips: every mark stays within its svg.
        const box = el.ownerSVGElement.getBoundingClientRect()
        if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5))
          bad.push(`${name} outside its chart: ${r.left}…${r.right} of ${box.left}…${box.right}`)
        if (r.height > 0 && (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5))
          bad.push(`${name} outside its chart: ${r.top}…${r.bottom} of ${box.top}…${box.bottom}`)
      }
    }
    return bad
  })
  expect(overflow, overflow.slice(0, 10).join('\n')).toEqual([])
  await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true })
  await page.emulateMedia({ media: 'screen' })
  await page.setViewportSize({ width: 1280, height: 800 })

  // One self-contained HTML file saying the same.
  const shownSummary = await summary.innerText()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report (HTML)' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('stretchcoach-report-2026-10-27-to-2026-11-23.html')
  const html = readFileSync((await download.path())!, 'utf8')
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/https?:\/\//i)
  expect(html).not.toMatch(/\s(src|href)=|url\(|@import/i)
  expect(html).toContain('@media print')
  expect(html).toContain('<svg')
  const file = await page.context().newPage()
  await file.setContent(html)
  await expect(file.getByTestId('report-summary')).toHaveText(shownSummary)
  await expect(
    file.locator('tr[data-stretch="knee-to-chest"][data-side="right"] [data-field=range]'),
  ).toHaveText(`${Math.round((right.range / right.n) * 100)} %`)
  await file.close()
})

test('a chosen period: figures of those dates only; a backwards period is refused and changes nothing', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await importTwoWeeks(page)
  await openReport(page)

  await page.getByLabel('First date', { exact: true }).fill('2026-11-16')
  const e = expected('2026-11-16', '2026-11-23')
  const summary = page.getByTestId('report-summary')
  await expect(summary).toContainText(
    `In the 8 days from 16 Nov to 23 Nov 2026 you did your stretches on ${e.counted} of 8 days`,
  )
  const a = e.sides.get('childs-pose-side/right')!
  await expect(
    page.locator('tr[data-stretch="childs-pose-side"][data-side="right"] [data-field=steadiness]'),
  ).toHaveText(`${Math.round((a.stab / a.n) * 100)} %`)
  // Only records from 16 Nov on carry targets here: no "not recorded".
  await expect(page.getByTestId('report')).not.toContainText('target not recorded')

  // axe finds nothing serious in the report page (controls, tables, the chart).
  const axe = await new AxeBuilder({ page }).include('[data-testid=report-page]').analyze()
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  )

  const before = await summary.innerText()
  await page.getByLabel('Last date', { exact: true }).fill('2026-11-10')
  await expect(page.getByTestId('report-period-error')).toHaveText(
    'The period ends before it starts: choose a last date on or after the first.',
  )
  await expect(summary).toHaveText(before)
})

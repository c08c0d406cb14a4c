/**
 * The progress home page in the built app: import two weeks, see streak,
 * calendar, achievements, charts and sessions; the next local date puts the
 * streak at risk, not lost; reload changes nothing; export → delete all →
 * import gives the same page; axe finds no serious violation in it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { STRETCHES, type StretchId } from '../../src/core/stretches.ts'
import { csvObjects } from '../core/history/rfc4180.ts'
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

/** Clicks a download button and gives the file's text as it is (BOM included). */
async function downloadCsv(page: Page, button: string): Promise<string> {
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: button, exact: true }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(
    /^stretchcoach-(stretches|sessions)-\d{4}-\d{2}-\d{2}\.csv$/,
  )
  return readFileSync(await file.path(), 'utf8')
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
  await page.goto('./#/progress')
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
  await page.goto('./#/progress')
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
  await page.goto('./#/progress')
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
  await page.goto('./#/progress')
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

/**
 * A version 2 backup: a morning routine followed on the desktop on the 23rd
 * (the cat-cow skipped, three one-sided stretches with both sides) and a
 * bridge measured in the headset on the 16th, each with its session and targets.
 */
function desktopBackup() {
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
  const backup = {
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
  }
  return { backup, measured }
}

test('a routine followed on the desktop: counts the date, listed without a score, out of the charts, in the CSV', async ({
  page,
}, testInfo) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  const { backup, measured } = desktopBackup()
  const file = testInfo.outputPath('desktop.backup.json')
  writeFileSync(file, JSON.stringify(backup))
  await page.goto('./#/progress')
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

  // The CSV in long form: a row per stretch per side, names, targets, statuses in words.
  const { rows } = csvObjects(await downloadCsv(page, 'Download CSV'))
  // the measured bridge (both) and the five followed: 2 two-sided, 3 one-sided (left and right)
  expect(rows).toHaveLength(1 + 2 + 3 * 2)
  const followed = rows.filter((r) => r.status === 'followed on desktop')
  expect(followed).toHaveLength(2 * 1 + 3 * 2 - 1) // all but the skipped cat-cow
  for (const r of followed) {
    expect(r).toMatchObject({
      routine: 'Morning mobility',
      score: '',
      'range %': '',
      target: '30 s',
    })
    expect(r).toMatchObject({ achieved: '30.0 s', 'pain before': '4', 'pain after': '3' })
  }
  expect(rows.filter((r) => r.stretch === 'Knee-to-chest stretch').map((r) => r.side)).toEqual([
    'left',
    'right',
  ])
  expect(rows.find((r) => r.stretch === 'Supported cat-cow')).toMatchObject({
    side: 'both',
    target: '8 reps',
    achieved: '3 reps',
    status: 'skipped',
    score: '',
  })
  expect(rows.find((r) => r.stretch === 'Bridge')).toMatchObject({
    date: '2026-11-16',
    time: '19:00',
    'time zone': 'Europe/Berlin',
    routine: 'Bridge only',
    side: 'both',
    target: '8 reps',
    achieved: '8 reps',
    'range %': '80',
    'steadiness %': '90',
    score: '84',
    status: 'completed',
  })
  const sessions = csvObjects(await downloadCsv(page, 'Download sessions CSV')).rows
  expect(
    sessions.map((r) => [
      r.kind,
      r.routine,
      r.source,
      r['stretches completed'],
      r['stretches total'],
    ]),
  ).toEqual([
    ['session', 'Bridge only', 'headset', '1', '1'],
    ['session', 'Morning mobility', 'desktop', '4', '5'],
  ])

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

/* eslint-disable @typescript-eslint/no-explicit-any -- backups read back from JSON files */
type Row = Record<string, string>
type AnyBackup = { results: any[]; sessions: any[] }

const V2_FIXTURE = new URL('./fixtures/two-weeks-v2.backup.json', import.meta.url).pathname
const ROUTINE_NAMES: Record<string, string> = {
  'morning-mobility': 'Morning mobility',
  'evening-activation': 'Evening activation',
  'stretch:bridge': 'Bridge only',
}
const OUTCOME_WORDS: Record<string, string> = {
  completed: 'completed',
  partial: 'partial',
  skipped: 'skipped',
  'stopped-for-pain': 'stopped for pain',
}
const berlinTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
const when = (at: { utc: string; localDate: string }) =>
  `${at.localDate} ${berlinTime.format(new Date(at.utc))}`

/** A stretch of a backup as version 2 holds it (a version 1 one: measured, target not recorded). */
function asV2(r: any): any {
  if (r.schemaVersion === 2) return r
  const sides = Object.values(r.result.sides) as any[]
  const outcome = r.result.pain
    ? 'stopped-for-pain'
    : r.result.completed
      ? 'completed'
      : sides.some((x) => x.holdSeconds > 0 || (x.reps ?? 0) > 0)
        ? 'partial'
        : 'skipped'
  return { ...r, stretch: r.result.stretch, source: 'headset', outcome, targets: null }
}

/** The rows the stretches CSV must hold for these backups, worked out from the files. */
function expectedStretchRows(backups: AnyBackup[]): Row[] {
  const sessions = new Map(backups.flatMap((b) => b.sessions.map((x) => [x.id, x])))
  const out: Row[] = []
  for (const raw of backups.flatMap((b) => b.results)) {
    const r = asV2(raw)
    const session = sessions.get(r.sessionId)
    const perSide = (r.result ? r.result.sides : r.followed) as Record<string, any>
    for (const side of ['left', 'right', 'both']) {
      const s = perSide[side]
      if (!s) continue
      const seconds: number = r.result ? s.holdSeconds : s.seconds
      const inReps = r.targets ? r.targets.reps !== null : s.reps !== null
      out.push({
        date: r.at.localDate,
        time: berlinTime.format(new Date(r.at.utc)),
        'time zone': 'Europe/Berlin',
        routine: ROUTINE_NAMES[r.routineId]!,
        stretch: STRETCHES[r.stretch as StretchId].name,
        side,
        target: !r.targets
          ? 'not recorded'
          : r.targets.holdSeconds !== null
            ? `${r.targets.holdSeconds} s`
            : `${r.targets.reps} reps`,
        achieved: inReps ? `${s.reps ?? 0} reps` : `${seconds.toFixed(1)} s`,
        'range %': r.result ? String(Math.round(s.range * 100)) : '',
        'steadiness %': r.result ? String(Math.round(s.stability * 100)) : '',
        score: r.result ? String(s.score) : '',
        status:
          r.source === 'desktop' && r.outcome === 'completed'
            ? 'followed on desktop'
            : OUTCOME_WORDS[r.outcome]!,
        'pain before': String(session?.painBefore ?? ''),
        'pain after': String(session?.painAfter ?? ''),
      })
    }
  }
  return out
}

/**
 * Downloads both CSVs and checks them against the backups: the stretches file
 * has exactly one row per side of every stretch, equal to the one worked out
 * from the file; the sessions file a row per session with its pain and counts.
 */
async function expectCsvsOf(page: Page, backups: AnyBackup[]): Promise<Row[]> {
  const { rows } = csvObjects(await downloadCsv(page, 'Download CSV')) // every row the header's width
  const sidesInFiles = backups
    .flatMap((b) => b.results)
    .reduce((n, r) => n + Object.keys(r.result ? r.result.sides : r.followed).length, 0)
  expect(rows).toHaveLength(sidesInFiles)
  const key = (r: Row) => `${r.date} ${r.time}|${r.stretch}|${r.side}`
  const byKey = new Map(rows.map((r) => [key(r), r]))
  expect(byKey.size, 'date, time, stretch and side name one row').toBe(rows.length)
  const expected = expectedStretchRows(backups)
  expect(expected).toHaveLength(rows.length)
  for (const want of expected) expect(byKey.get(key(want))).toEqual(want)
  const stamps = rows.map((r) => `${r.date} ${r.time}`)
  expect(stamps, 'oldest first').toEqual([...stamps].sort())

  // Every pain check-in of these files repeats its session's pain: a row per session, nothing else.
  const sessionRows = csvObjects(await downloadCsv(page, 'Download sessions CSV')).rows
  const sessions = backups.flatMap((b) => b.sessions)
  const results = backups.flatMap((b) => b.results.map(asV2))
  expect(sessionRows).toHaveLength(sessions.length)
  for (const s of sessions) {
    const own = results.filter((r) => r.sessionId === s.id)
    const row = sessionRows.find((r) => `${r.date} ${r.time}` === when(s.start))
    expect(row, s.id).toEqual({
      date: s.start.localDate,
      time: berlinTime.format(new Date(s.start.utc)),
      'time zone': 'Europe/Berlin',
      kind: 'session',
      routine: ROUTINE_NAMES[s.routineId],
      source: s.source ?? 'headset',
      'stretches completed': String(own.filter((r) => r.outcome === 'completed').length),
      'stretches total': String(own.length),
      'stopped for pain':
        s.stoppedForPain || own.some((r) => r.outcome === 'stopped-for-pain') ? 'yes' : 'no',
      'pain before': String(s.painBefore ?? ''),
      'pain after': String(s.painAfter ?? ''),
      'pain at check-in': '',
      ended: berlinTime.format(new Date(s.end.utc)),
    })
  }
  return rows
}
/* eslint-enable @typescript-eslint/no-explicit-any */

test('the CSV of the two-week backup (version 1) and a version 2 one with targets, parsed back: a row per side, targets, distinct statuses; a sessions row per session', async ({
  page,
}, testInfo) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  const twoWeeks = JSON.parse(readFileSync(FIXTURE, 'utf8'))
  const { backup } = desktopBackup()
  const desktopFile = testInfo.outputPath('desktop.backup.json')
  writeFileSync(desktopFile, JSON.stringify(backup))
  await page.goto('./#/progress')
  await ready(page)
  await importFile(page, FIXTURE)
  await importFile(page, desktopFile)
  await expect(page.getByTestId('notice')).toContainText('8 records added')

  const rows = await expectCsvsOf(page, [twoWeeks, backup])
  expect(rows.length).toBeGreaterThan(twoWeeks.results.length + backup.results.length)
  // "not recorded" exactly for the version 1 stretches; a hold or a count for the others.
  const v1Sides = rows.length - 9
  expect(rows.filter((r) => r.target === 'not recorded')).toHaveLength(v1Sides)
  expect(new Set(rows.filter((r) => r.target !== 'not recorded').map((r) => r.target))).toEqual(
    new Set(['30 s', '8 reps']),
  )
  expect(new Set(rows.map((r) => r.status))).toEqual(
    new Set(['completed', 'stopped for pain', 'skipped', 'followed on desktop']),
  )
})

test('the CSV of the version 2 two-week backup: left and right apart, targets, every status', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./#/progress')
  await ready(page)
  await importFile(page, V2_FIXTURE)
  const rows = await expectCsvsOf(page, [JSON.parse(readFileSync(V2_FIXTURE, 'utf8'))])
  expect(new Set(rows.map((r) => r.status))).toEqual(
    new Set(['completed', 'partial', 'skipped', 'stopped for pain', 'followed on desktop']),
  )
  expect(new Set(rows.map((r) => r.target))).toEqual(
    new Set(['not recorded', '30 s', '8 reps', '10 reps']),
  )
  // The same stretch's two sides, measured apart, stay apart (steadier right sides).
  const left = rows.filter((r) => r.side === 'left' && r.score !== '')
  const right = rows.filter((r) => r.side === 'right' && r.score !== '')
  expect(left.length).toBeGreaterThan(10)
  const differing = left.filter((l) => {
    const r = right.find((x) => x.date === l.date && x.time === l.time && x.stretch === l.stretch)
    return r !== undefined && r['steadiness %'] !== l['steadiness %']
  })
  expect(differing.length).toBeGreaterThan(10)
})

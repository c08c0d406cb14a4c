/**
 * The replay page (#/replay) in the built app, under the strict CSP: a trace picked
 * in the file input is scored in a worker with the command line's reader, so each
 * stretch's score on the page equals `node bin/stretchcoach-score.mjs` on the same
 * file; the ghost plays beside the coach and one scrubber moves it and the timeline's
 * cursor; a malformed file shows the command line's `<file>:<line>: <reason>` and the
 * results shown before stay; a one-hour gzip trace loads with the progress bar moving
 * and, from the first 3D frame on, no main-thread task over 200 ms.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { synthTrace, type StretchStep } from '../../scripts/synth/synthTrace.ts'
import type { StretchResult } from '../../src/core/result.ts'
import { STRETCHES } from '../../src/core/stretches.ts'
import { canvasImage, expect, imageDifference, test } from './helpers/guard'

const SHOTS = 'tests/e2e/screenshots'
const VIEW = '[data-testid=replay-view]'

let dir = ''
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stretchcoach-replay-e2e-'))
})
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** The command line on one file: its results and its stderr lines. */
function cli(file: string): { results: StretchResult[]; errors: string[]; status: number | null } {
  const r = spawnSync(process.execPath, ['bin/stretchcoach-score.mjs', file], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  return {
    results: r.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as StretchResult),
    errors: r.stderr.split('\n').filter((l) => l !== ''),
    status: r.status,
  }
}

function twoStretches(): string {
  return synthTrace({
    seed: 2024,
    steps: [
      { stretch: 'childs-pose', holdSeconds: 32 },
      { stretch: 'knee-to-chest', holdSeconds: 31, fraction: 0.7 },
    ],
  }).text
}

async function openReplay(page: Page): Promise<void> {
  await page.goto('./#/replay')
  await expect(page.locator(`${VIEW}[data-ready=true]`)).toBeVisible({ timeout: 30_000 })
}

test('two stretches: the page scores them as the command line does, and the ghost scrubs beside the coach', async ({
  page,
}) => {
  const file = join(dir, 'two.trace.jsonl')
  writeFileSync(file, twoStretches())
  const expected = cli(file)
  expect(expected.status).toBe(0)
  expect(expected.results.map((r) => r.stretch)).toEqual(['childs-pose', 'knee-to-chest'])

  await openReplay(page)
  await page.locator('[data-testid=replay-file]').setInputFiles(file)
  const items = page.locator('[data-stretch]')
  await expect(items).toHaveCount(2)
  for (let i = 0; i < 2; i++) {
    const r = expected.results[i]!
    await expect(items.nth(i)).toHaveAttribute('data-stretch', r.stretch)
    await expect(items.nth(i)).toHaveAttribute('data-score', String(r.score))
    // the per-side figures are the command line's, rounded for reading
    for (const side of Object.values(r.sides)) {
      await expect(items.nth(i)).toContainText('range ' + Math.round(side.range * 100) + ' %')
      await expect(items.nth(i)).toContainText(
        'steadiness ' + Math.round(side.stability * 100) + ' %',
      )
    }
  }
  const progress = page.locator('progress[data-testid=replay-progress]')
  await expect(progress).toHaveAccessibleName(/two\.trace\.jsonl/)

  // one scrubber moves the ghost, the coach and the timeline's cursor together
  const scrubber = page.getByRole('slider', { name: 'Replay time' })
  const cursor = page.locator('[data-testid=timeline-cursor]')
  await scrubber.fill('20')
  await expect(page.locator('[data-testid=replay-now]')).toContainText(
    STRETCHES['childs-pose'].name,
  )
  await page.waitForTimeout(300)
  const x20 = Number(await cursor.getAttribute('x1'))
  const shot20 = await canvasImage(page, '[data-testid=replay-canvas]')
  const max = Number(await scrubber.getAttribute('max'))
  await scrubber.fill(String(Math.round(max - 20)))
  await expect(page.locator('[data-testid=replay-now]')).toContainText(
    STRETCHES['knee-to-chest'].name,
  )
  await page.waitForTimeout(300)
  const xLate = Number(await cursor.getAttribute('x1'))
  expect(xLate).toBeGreaterThan(x20 + 300)
  const shotLate = await canvasImage(page, '[data-testid=replay-canvas]')
  expect(imageDifference(shot20, shotLate)).toBeGreaterThan(0.02)

  // the screenshot: in the first hold, the ghost beside the coach
  await scrubber.fill('22')
  await page.waitForTimeout(400)
  await page.screenshot({ path: `${SHOTS}/replay-ghost.png` })
})

test('a file dropped on the page is read like a picked one', async ({ page }) => {
  const text = twoStretches()
  const file = join(dir, 'dropped.trace.jsonl')
  writeFileSync(file, text)
  const expected = cli(file)
  await openReplay(page)
  const dt = await page.evaluateHandle((t) => {
    const d = new DataTransfer()
    d.items.add(new File([t], 'dropped.trace.jsonl'))
    return d
  }, text)
  await page.dispatchEvent('main.replay', 'dragover', { dataTransfer: dt })
  await page.dispatchEvent('main.replay', 'drop', { dataTransfer: dt })
  await expect(page.getByRole('heading', { name: 'Results of dropped.trace.jsonl' })).toBeVisible()
  expect(
    await page
      .locator('[data-stretch]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score')))),
  ).toEqual(expected.results.map((r) => r.score))
})

test('a malformed file shows the command line’s message, and the results shown before stay', async ({
  page,
}) => {
  const good = join(dir, 'good.trace.jsonl')
  const text = twoStretches()
  writeFileSync(good, text)
  const lines = text.split('\n')
  const at = lines.findIndex((l) => l.includes('"event":"stretch"') && l.includes('knee-to-chest'))
  expect(at).toBeGreaterThan(0)
  lines[at] = lines[at]!.replace('knee-to-chest', 'handstand')
  const bad = join(dir, 'bad.trace.jsonl')
  writeFileSync(bad, lines.join('\n'))
  const expected = cli(bad)
  expect(expected.status).toBe(2)
  const line = expected.errors[expected.errors.length - 1]!
  expect(line.startsWith(bad + ':')).toBe(true)
  const afterName = line.slice(bad.length)
  expect(afterName).toMatch(/^:\d+: unknown stretch id "handstand"/)

  await openReplay(page)
  await page.locator('[data-testid=replay-file]').setInputFiles(good)
  await expect(page.locator('[data-stretch]')).toHaveCount(2)
  const before = await page
    .locator('[data-stretch]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-score')))
  await page.locator('[data-testid=replay-file]').setInputFiles(bad)
  const alert = page.getByRole('alert')
  await expect(alert).toContainText(basename(bad) + afterName)
  // nothing else changed: the good file's results are still shown
  expect(
    await page
      .locator('[data-stretch]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-score'))),
  ).toEqual(before)
  await expect(page.getByRole('heading', { name: 'Results of good.trace.jsonl' })).toBeVisible()

  // a damaged gzip is refused too
  const gz = Buffer.from(gzipSync(text))
  gz[gz.length - 7]! ^= 0x5a
  const badGz = join(dir, 'crc.trace.jsonl.gz')
  writeFileSync(badGz, gz)
  const gzExpected = cli(badGz)
  const gzLine = gzExpected.errors[gzExpected.errors.length - 1]!
  await page.locator('[data-testid=replay-file]').setInputFiles(badGz)
  await expect(alert).toContainText(basename(badGz) + gzLine.slice(badGz.length))
})

test('a gzip file cut short is refused at the command line’s line, with its words', async ({
  page,
}) => {
  // the cut falls well past the first pieces the page inflates: every line the command
  // line's zlib reads before the cut must reach the page's reader too
  const gz = gzipSync(twoStretches())
  const file = join(dir, 'cut.trace.jsonl.gz')
  writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.7)))
  const expected = cli(file)
  expect(expected.status).toBe(2)
  const line = expected.errors[expected.errors.length - 1]!
  expect(line).toMatch(/:\d+: not a readable gzip file: it is cut short/)
  await openReplay(page)
  await page.locator('[data-testid=replay-file]').setInputFiles(file)
  await expect(page.getByRole('alert')).toContainText(basename(file) + line.slice(file.length))
})

test('a gzip file with a second member is refused with the command line’s reason', async ({
  page,
}) => {
  const text = twoStretches()
  const file = join(dir, 'two-members.trace.jsonl.gz')
  writeFileSync(file, Buffer.concat([gzipSync(text), gzipSync('{"t":999}\n')]))
  const expected = cli(file)
  expect(expected.status).toBe(2)
  const reason = expected.errors[expected.errors.length - 1]!.replace(/^.*?:\d+: /, '')
  expect(reason).toMatch(/second gzip member/)
  await openReplay(page)
  await page.locator('[data-testid=replay-file]').setInputFiles(file)
  // the browser drops what the last piece inflated to when it refuses it: the line reached
  // can be earlier than the command line's (docs/replay.md), the reason is the same
  await expect(page.getByRole('alert')).toHaveText(
    new RegExp('^two-members\\.trace\\.jsonl\\.gz:\\d+: ' + reason.replace(/[()]/g, '\\$&')),
  )
  await expect(page.locator('[data-stretch]')).toHaveCount(0)
})

test('a one-hour gzip trace: the progress bar moves, no long task from the first 3D frame on, the command line’s scores', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const ids = ['childs-pose', 'knee-to-chest', 'pelvic-tilt', 'cat-cow', 'supine-twist'] as const
  const steps: StretchStep[] = []
  for (let i = 0; i < 60; i++) {
    const id = ids[i % ids.length]!
    steps.push(
      id === 'pelvic-tilt' || id === 'cat-cow'
        ? { stretch: id, reps: 8 }
        : { stretch: id, holdSeconds: 28 },
    )
  }
  const trace = synthTrace({ seed: 3600, rate: 72, steps })
  const lastT = Number(/"t":([0-9.]+)/.exec(trace.text.slice(trace.text.lastIndexOf('{"t":')))![1])
  expect(lastT).toBeGreaterThan(3500)
  const file = join(dir, 'hour.trace.jsonl.gz')
  writeFileSync(file, gzipSync(trace.text, { level: 1 }))
  const expected = cli(file)
  expect(expected.status).toBe(0)

  await page.addInitScript(`
    window.__longTasks = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: false })
  `)
  await openReplay(page)
  const since = await page.evaluate(() => performance.now())
  await page.locator('[data-testid=replay-file]').setInputFiles(file)
  const progress = page.locator('progress[data-testid=replay-progress]')
  const seen = new Set<number>()
  for (let k = 0; k < 200 && seen.size < 4; k++) {
    const v = Number(await progress.getAttribute('value'))
    const max = Number(await progress.getAttribute('max'))
    if (v > 0 && v < max) seen.add(v)
    await page.waitForTimeout(100)
  }
  expect(seen.size, 'progress values seen while reading').toBeGreaterThanOrEqual(3)
  const items = page.locator('[data-stretch]')
  await expect(items).toHaveCount(expected.results.length, { timeout: 120_000 })
  const shownAt = await page.evaluate(() => performance.now())
  const scores = await items.evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-stretch'), e.getAttribute('data-score')]),
  )
  expect(scores).toEqual(expected.results.map((r) => [r.stretch, String(r.score)]))
  // scrub through the hour
  const scrubber = page.getByRole('slider', { name: 'Replay time' })
  for (const t of [600, 1800, 3000]) {
    await scrubber.fill(String(t))
    await page.waitForTimeout(150)
  }
  const long = await page.evaluate(
    (s) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
        .filter((e) => e.start + e.duration >= s)
        .map((e) => ({ at: Math.round(e.start - s), ms: Math.round(e.duration) })),
    since,
  )
  console.log(
    'results shown at',
    Math.round(shownAt - since),
    'ms; long tasks after the first 3D frame:',
    JSON.stringify(long),
  )
  expect(long.filter((e) => e.ms > 200)).toEqual([])
})

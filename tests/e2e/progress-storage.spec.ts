/**
 * Storage in the real browser: damaged records and a damaged store leave the
 * app running with the rest intact; a full quota says so and loses nothing; a
 * page closed right after "Saved" lost nothing; two tabs stay in step.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './helpers/guard'
import { DB, storeCounts } from './helpers/storage'

const FIXTURE = new URL('./fixtures/two-weeks.backup.json', import.meta.url).pathname
const SHOTS = 'tests/e2e/screenshots'

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' })

async function ready(page: Page): Promise<void> {
  await expect(page.locator('[data-testid=progress][data-ready=true]')).toBeVisible()
}

async function importFixture(page: Page): Promise<void> {
  await page.getByLabel('Import a backup…').setInputFiles(FIXTURE)
  await page.getByRole('button', { name: 'Add to my history' }).click()
  await expect(page.getByTestId('notice')).toContainText('Imported and saved')
}

test('corrupt records are set aside verbatim; the rest of the history is intact', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./#/progress')
  await ready(page)
  await importFixture(page)
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  // Damaged from a page of the same origin without the app: the app page, still
  // reloading after marking the import's celebrations shown, could otherwise read
  // them first and say so before the reload this test watches.
  await page.route('**/no-app.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>no app</title><link rel="icon" href="data:,">',
    }),
  )
  await page.goto('./no-app.html')
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => {
          const db = req.result
          const tx = db.transaction(['results', 'sessions'], 'readwrite')
          tx.objectStore('results').put({
            id: 'garbage-1',
            result: '\u0000💥',
            at: { utc: 'never' },
          })
          tx.objectStore('sessions').put({ id: 'garbage-2', schemaVersion: 1, start: 42 })
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    DB,
  )
  await page.goto('./#/progress')
  await ready(page)
  await expect(page.getByTestId('quarantine-note')).toContainText('2 records were set aside')
  await expect(page.getByTestId('notice')).toContainText('2 damaged records were set aside')
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  await expect(page.locator('[data-achievement][data-earned=true]')).toHaveCount(12)
  const counts = await storeCounts(page)
  expect(counts).toMatchObject({ results: 106, sessions: 22, checkIns: 43, quarantine: 2 })
  const raw = await page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => {
          const r = req.result.transaction('quarantine').objectStore('quarantine').getAll()
          r.onsuccess = () => resolve(r.result.map((e: { raw: unknown }) => e.raw))
        }
      }),
    DB,
  )
  expect(raw).toContainEqual({ id: 'garbage-1', result: '\u0000💥', at: { utc: 'never' } })
  // A second reload does not set them aside again or lose anything.
  await page.reload()
  await ready(page)
  await expect(page.getByTestId('quarantine-note')).toContainText('2 records were set aside')
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  await page.getByTestId('quarantine-note').screenshot({ path: `${SHOTS}/progress-quarantine.png` })
  // The backup carries them too, verbatim, so nothing is lost even if this device is.
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export backup (JSON)' }).click()
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'))
  expect(exported.setAside.map((e: { raw: unknown }) => e.raw)).toContainEqual({
    id: 'garbage-1',
    result: '\u0000💥',
    at: { utc: 'never' },
  })
  expect(exported.results).toHaveLength(106)
})

test('a corrupt whole store leaves the app running with a clear message and touches nothing', async ({
  page,
}) => {
  await page.addInitScript((name) => {
    if (localStorage.getItem('corrupted-for-test')) return
    localStorage.setItem('corrupted-for-test', '1')
    const req = indexedDB.open(name, 990)
    req.onupgradeneeded = () => {
      const s = req.result.createObjectStore('results')
      s.put('\u0000\uFFFFnot a record', 'k1')
      s.put(12345, 'k2')
    }
    req.onsuccess = () => req.result.close()
  }, DB)
  await page.goto('./#/progress')
  await ready(page)
  await expect(page.getByTestId('store-error')).toContainText('could not be opened')
  await expect(page.getByTestId('store-error')).toContainText('nothing has been changed or deleted')
  await expect(page.getByRole('button', { name: 'Save check-in' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Export backup (JSON)' })).toBeDisabled()
  expect((await storeCounts(page)).results).toBe(2)
  await page.screenshot({ path: `${SHOTS}/progress-store-unreadable.png` })
  // The home page still starts, and points at what needs a look.
  await page.getByRole('link', { name: '← Home' }).click()
  await expect(page.locator('[data-stretch]')).toHaveCount(10)
  await expect(page.getByTestId('today-trouble')).toContainText('Part of your history needs a look')
  await expect(page.getByRole('button', { name: 'Practise on this computer' })).toBeEnabled()
})

test('a full disk shows a clear message and loses nothing already saved', async ({ page }) => {
  // Chromium's CDP Storage.overrideQuotaForOrigin had no effect on IndexedDB
  // writes here, so the store is made to fail the way a full disk does: every
  // put/add throws the browser's QuotaExceededError while the flag is set.
  await page.addInitScript(() => {
    const w = window as unknown as { __fullDisk?: boolean; __quotaErrors?: number }
    w.__quotaErrors = 0
    for (const m of ['put', 'add'] as const) {
      const orig = IDBObjectStore.prototype[m]
      IDBObjectStore.prototype[m] = function (
        this: IDBObjectStore,
        ...args: [unknown, IDBValidKey?]
      ) {
        if (w.__fullDisk) {
          w.__quotaErrors! += 1
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        }
        return orig.apply(this, args)
      }
    }
  })
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./#/progress')
  await ready(page)
  await importFixture(page)
  await page.evaluate(() => ((window as unknown as { __fullDisk: boolean }).__fullDisk = true))
  // the check-in has no value until the user picks one: nothing to save yet
  await expect(page.getByTestId('pain-checkin').getByRole('radio', { checked: true })).toHaveCount(
    0,
  )
  await expect(page.getByRole('button', { name: 'Save check-in' })).toBeDisabled()
  await page.getByTestId('pain-checkin').getByRole('radio', { name: '4', exact: true }).check()
  await page.getByRole('button', { name: 'Save check-in' }).click()
  await expect(page.getByTestId('save-error')).toContainText('out of storage space')
  await expect(page.getByTestId('save-error')).toContainText('Everything saved before is safe')
  await page.getByTestId('save-error').screenshot({ path: `${SHOTS}/progress-quota.png` })
  // An import on a full disk adds nothing at all (one transaction).
  const other = JSON.parse(readFileSync(FIXTURE, 'utf8'))
  for (const k of ['results', 'sessions', 'checkIns'])
    for (const r of other[k]) r.id = 'copy-' + r.id
  await page.getByLabel('Import a backup…').setInputFiles({
    name: 'b.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(other)),
  })
  const errorsBefore = await page.evaluate(
    () => (window as unknown as { __quotaErrors: number }).__quotaErrors,
  )
  await page.getByRole('button', { name: 'Add to my history' }).click()
  // The check-in's message is still shown: wait for the import's own write to
  // fail and the import to finish before the disk has room again, or a write
  // still to come could succeed.
  await page.waitForFunction(
    (n) => (window as unknown as { __quotaErrors: number }).__quotaErrors > n,
    errorsBefore,
  )
  await expect(page.getByRole('button', { name: 'Add to my history' })).toBeEnabled()
  await expect(page.getByTestId('save-error')).toContainText('out of storage space')
  await page.evaluate(() => ((window as unknown as { __fullDisk: boolean }).__fullDisk = false))
  await page.reload()
  await ready(page)
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  expect(await storeCounts(page)).toMatchObject({ results: 106, sessions: 22, checkIns: 43 })
})

test('a page closed right after "Saved" lost nothing', async ({ page, context }) => {
  await page.goto('./#/progress')
  await ready(page)
  await page.getByTestId('pain-checkin').getByRole('radio', { name: '9', exact: true }).check()
  await page.getByRole('button', { name: 'Save check-in' }).click()
  await expect(page.getByTestId('notice')).toHaveText('Saved: pain 9 of 10.')
  await page.close()
  const again = await context.newPage()
  await again.goto('./#/progress')
  await ready(again)
  expect(await storeCounts(again)).toMatchObject({ checkIns: 1 })
  await again.getByLabel('Import a backup…').setInputFiles(FIXTURE)
  await again.getByRole('button', { name: 'Add to my history' }).click()
  await expect(again.getByTestId('notice')).toContainText('Imported and saved')
  await again.close()
  const third = await context.newPage()
  await third.goto('./#/progress')
  await ready(third)
  expect(await storeCounts(third)).toMatchObject({ results: 106, sessions: 22, checkIns: 44 })
})

test('two open tabs stay in step', async ({ page, context }) => {
  await page.goto('./#/progress')
  await ready(page)
  const other = await context.newPage()
  await other.goto('./#/progress')
  await ready(other)
  await importFixture(page)
  await expect(other.locator('[data-session]')).toHaveCount(8)
  await other.getByTestId('pain-checkin').getByRole('radio', { name: '2', exact: true }).check()
  await other.getByRole('button', { name: 'Save check-in' }).click()
  await expect(other.getByTestId('notice')).toHaveText('Saved: pain 2 of 10.')
  expect(await storeCounts(page)).toMatchObject({ results: 106, checkIns: 44 })
  await other.close()
})

test('records of an older schema (version 0) are migrated to version 2, shown and rewritten', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./#/progress')
  await ready(page)
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => {
          const tx = req.result.transaction(['results'], 'readwrite')
          const ids = [
            'childs-pose',
            'cat-cow',
            'knee-to-chest',
            'supine-twist',
            'childs-pose-side',
          ]
          ids.forEach((stretch, i) =>
            tx.objectStore('results').put({
              id: `v0-${i}`,
              sessionId: 'v0-session',
              routineId: 'morning-mobility',
              // version 0: a bare UTC time, no zone, no local date, no schemaVersion
              at: `2026-11-23T0${i}:30:00.000Z`,
              result: {
                stretch,
                engineVersion: 'proto-0',
                completed: true,
                sides: {
                  both: { holdSeconds: 30, reps: null, range: 0.8, stability: 0.7, score: 76 },
                },
                score: 76,
                trackedFraction: 1,
                skippedFrames: 0,
                pain: false,
              },
            }),
          )
          tx.oncomplete = () => {
            req.result.close()
            resolve()
          }
        }
      }),
    'stretchcoach-progress',
  )
  await page.reload()
  await ready(page)
  await expect(page.getByTestId('streak-current')).toHaveText('1')
  await expect(page.locator('[data-session]')).toHaveCount(1)
  await expect(page.getByTestId('quarantine-note')).toHaveCount(0)
  // Measured in the headset, but saved before targets were kept.
  await expect(page.locator('[data-result="v0-0"]')).toContainText('score 76')
  await expect(page.locator('[data-result="v0-0"]')).toContainText('target not recorded')
  const stored = await page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const req = indexedDB.open('stretchcoach-progress')
        req.onsuccess = () => {
          const r = req.result.transaction('results').objectStore('results').get('v0-0')
          r.onsuccess = () => resolve(r.result)
        }
      }),
  )
  expect(stored).toMatchObject({
    schemaVersion: 2,
    stretch: 'childs-pose',
    source: 'headset',
    outcome: 'completed',
    targets: null,
    followed: null,
    at: { utc: '2026-11-23T00:30:00.000Z', timeZone: 'Europe/Berlin', localDate: '2026-11-23' },
  })
})

test('a table deleted outside the app is noticed, not silently re-created: the user is told what to do and nothing else is lost', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./#/progress')
  await ready(page)
  await importFixture(page)
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  // Before the app opens the database again, a raw version upgrade deletes
  // the results table (as a cleanup tool or a broken extension might).
  await page.addInitScript((name) => {
    if (sessionStorage.getItem('results-deleted-for-test')) return
    sessionStorage.setItem('results-deleted-for-test', '1')
    const req = indexedDB.open(name, 11)
    req.onupgradeneeded = () => req.result.deleteObjectStore('results')
    req.onsuccess = () => req.result.close()
  }, DB)
  await page.reload()
  await ready(page)
  const warning = page.getByTestId('store-warning')
  await expect(warning).toContainText('the table of finished stretches was gone')
  await expect(warning).toContainText('Everything else that was stored is kept')
  await expect(warning).toContainText('Import a backup')
  expect(await storeCounts(page)).toMatchObject({ results: 0, sessions: 22, checkIns: 43 })
  await expect(page.locator('[data-session]')).toHaveCount(8)
  await warning.screenshot({ path: `${SHOTS}/progress-table-missing.png` })
  // The remedy works: the backup brings the stretches back, nothing is doubled.
  await importFixture(page)
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  expect(await storeCounts(page)).toMatchObject({ results: 106, sessions: 22, checkIns: 43 })
  // Still said after a restart until the user hides it; then gone for good.
  await page.reload()
  await ready(page)
  await expect(warning).toBeVisible()
  await page.getByRole('button', { name: 'I understand, hide this' }).click()
  await expect(warning).toHaveCount(0)
  await page.reload()
  await ready(page)
  await expect(page.getByTestId('streak-current')).toHaveText('13')
  await expect(warning).toHaveCount(0)
})

test('a set-aside record JSON cannot hold (a cycle, a BigInt) is described in the backup; every healthy record is in it', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-23T19:30:00Z') })
  await page.goto('./#/progress')
  await ready(page)
  await importFixture(page)
  // IndexedDB stores what structured clone copies: cycles and BigInts included.
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => {
          const db = req.result
          const raw: Record<string, unknown> = { id: 'loop-1', score: 12345678901234567890n }
          raw.self = raw
          const tx = db.transaction('quarantine', 'readwrite')
          tx.objectStore('quarantine').add({
            table: 'results',
            key: 'loop-1',
            raw,
            reason: 'failed the record check',
            at: '2026-11-20T10:00:00.000Z',
          })
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    DB,
  )
  await page.reload()
  await ready(page)
  await expect(page.getByTestId('quarantine-note')).toContainText('1 record was set aside')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export backup (JSON)' }).click()
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'))
  expect(file.results).toHaveLength(106)
  expect(file.sessions).toHaveLength(22)
  expect(file.checkIns).toHaveLength(43)
  expect(file.setAside).toHaveLength(1)
  expect(file.setAside[0]).toMatchObject({
    table: 'results',
    key: 'loop-1',
    reason: 'failed the record check',
    notCopied: expect.stringContaining('a BigInt at raw.score'),
  })
  expect(file.setAside[0].description).toContain('12345678901234567890n')
  expect(file.setAside[0].description).toContain('[cycle: contains itself]')
  const notice = page.getByTestId('notice')
  await expect(notice).toContainText('1 damaged record set aside on this device (results "loop-1")')
  await expect(notice).toContainText('the file describes it instead')
  await notice.screenshot({ path: `${SHOTS}/progress-export-described.png` })
})

test('storage that never answers: after 10 s the page says what to try, and the rest of the app works', async ({
  page,
}) => {
  // IndexedDB that takes every request and never replies.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      return {} as IDBOpenDBRequest
    }
    IDBFactory.prototype.databases = function () {
      return new Promise(() => {})
    }
  })
  await page.goto('./#/progress')
  await expect(page.getByText('Loading your history…')).toBeVisible()
  const error = page.getByTestId('store-error')
  await expect(error).toContainText('not answering', { timeout: 20_000 })
  await expect(error).toContainText('close other tabs of this app, restart the browser')
  await expect(error).toContainText('private browsing')
  await expect(error).toContainText('free some disk space')
  await expect(page.getByText('Loading your history…')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Save check-in' })).toBeDisabled()
  await error.screenshot({ path: `${SHOTS}/progress-not-answering.png` })
  await page.getByRole('link', { name: '← Home' }).click()
  await expect(page.locator('[data-stretch]')).toHaveCount(10)
  await page.getByRole('link', { name: 'Desktop preview' }).click()
  await expect(page.getByRole('heading', { name: 'Desktop preview' })).toBeVisible()
})

test('a tab closed while a save is unconfirmed asks first, and the next start finishes the save', async ({
  page,
  context,
}) => {
  // While the flag is set, a write to the check-ins never completes: the
  // transaction is kept busy, as on a slow disk.
  await page.addInitScript(() => {
    const orig = IDBDatabase.prototype.transaction
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      const tx = orig.apply(this, args)
      const names = typeof args[0] === 'string' ? [args[0]] : [...args[0]]
      if ((window as unknown as { __stall?: boolean }).__stall && args[1] === 'readwrite') {
        if (names.includes('checkIns')) {
          const store = tx.objectStore('checkIns')
          const spin = () => (store.count().onsuccess = spin)
          spin()
        }
      }
      return tx
    }
  })
  await page.goto('./#/progress')
  await ready(page)
  await page.evaluate(() => ((window as unknown as { __stall: boolean }).__stall = true))
  await page.getByTestId('pain-checkin').getByRole('radio', { name: '8', exact: true }).check()
  await page.getByRole('button', { name: 'Save check-in' }).click()
  await expect(page.getByRole('button', { name: 'Save check-in' })).toBeDisabled()
  let asked = ''
  page.on('dialog', (d) => {
    asked = d.type()
    void d.accept()
  })
  const closed = page.waitForEvent('close')
  await page.close({ runBeforeUnload: true })
  await closed
  expect(asked).toBe('beforeunload')
  const again = await context.newPage()
  await again.goto('./#/progress')
  await ready(again)
  await expect(again.getByTestId('notice')).toHaveText(
    'Saved 1 record that was still being written when the app last closed.',
  )
  expect(await storeCounts(again)).toMatchObject({ checkIns: 1 })
  await again.reload()
  await ready(again)
  expect(await storeCounts(again)).toMatchObject({ checkIns: 1 })
})

// Schema version 2 in storage, through the app's progress API over
// fake-indexeddb: a version 1 store opens and is rewritten as version 2, a
// stretch followed on the desktop saves and reads back (journalled like a
// measured one), and a version 1 backup file imports.
import { readFileSync } from 'node:fs'
import { Dexie } from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { computeStreaks } from '../../../src/core/history/streak.ts'
import { PROGRESS_DB_NAME, ProgressDb } from '../../../src/services/storage/progressDb.ts'
import type { FollowedInput } from '../../../src/services/storage/repository.ts'
import { asV1, checkIn, FIVE, rec, session } from '../../core/history/historyFixtures.ts'
import { memoryWebStorage } from '../memoryStorage.ts'

let nowMs = Date.parse('2026-11-24T07:30:00Z')
const clock = { nowMs: () => nowMs, timeZone: () => 'Europe/Berlin' }

/** One browser tab: a fresh copy of the storage modules over `factory`. */
async function newTab(factory: IDBFactory) {
  vi.stubGlobal('indexedDB', factory)
  vi.stubGlobal('IDBKeyRange', IDBKeyRange)
  Dexie.dependencies.indexedDB = factory
  Dexie.dependencies.IDBKeyRange = IDBKeyRange
  vi.resetModules()
  const progress = await import('../../../src/services/storage/progress.ts')
  const { useProgressStore } = await import('../../../src/services/storage/progressStore.ts')
  const start = (more: { timeoutMs?: number } = {}) =>
    progress.initProgress({ clock, indexedDB: factory, IDBKeyRange, ...more })
  return { progress, start, view: () => useProgressStore.getState() }
}

/** The rows as stored, read past the app. */
async function rawRows(factory: IDBFactory, table: string): Promise<Record<string, unknown>[]> {
  const db = new ProgressDb(PROGRESS_DB_NAME, { indexedDB: factory, IDBKeyRange })
  const rows = (await db.table(table).toArray()) as Record<string, unknown>[]
  db.close()
  return rows
}

function followed(sessionId: string, i: number): FollowedInput {
  return {
    sessionId,
    routineId: 'morning-mobility',
    stretch: FIVE[i]!,
    outcome: 'completed',
    targets: { holdSeconds: 30, reps: null },
    followed: { both: { seconds: 30, reps: null } },
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  nowMs = Date.parse('2026-11-24T07:30:00Z')
})

describe('a version 1 store', () => {
  it('opens: its records come back at version 2 and are rewritten, once', async () => {
    const factory = new IDBFactory()
    const seed = new ProgressDb(PROGRESS_DB_NAME, { indexedDB: factory, IDBKeyRange })
    const measured = rec('bridge', '2026-11-20T18:00:00Z', 'Europe/Berlin', {}, 's1', 'all-ten')
    const painStop = rec('cat-cow', '2026-11-20T18:05:00Z', 'Europe/Berlin', {
      pain: true,
      completed: false,
    })
    const s1 = session('s1', 'all-ten', '2026-11-20T17:55:00Z', 5, 3, 'Europe/Berlin')
    const c1 = checkIn(5, '2026-11-20T17:55:00Z', 'Europe/Berlin')
    await seed.table('results').bulkPut([asV1(measured), asV1(painStop)])
    const { source: _s, ...v1Session } = s1
    await seed.table('sessions').put({ ...v1Session, schemaVersion: 1 })
    await seed.table('checkIns').put({ ...c1, schemaVersion: 1 })
    await seed
      .table('unlocks')
      .put({ schemaVersion: 1, id: 'first-stretch', at: c1.at, shown: true })
    seed.close()

    const tab = await newTab(factory)
    await tab.start()
    const v = tab.view()
    expect(v.status).toBe('ready')
    expect(v.quarantined).toBe(0)
    const byId = new Map(v.history.results.map((r) => [r.id, r]))
    expect(byId.get(measured.id)).toEqual({ ...measured, targets: null })
    expect(byId.get(painStop.id)).toMatchObject({
      source: 'headset',
      outcome: 'stopped-for-pain',
      stretch: 'cat-cow',
    })
    expect(v.history.sessions).toEqual([s1])
    expect(v.history.checkIns).toEqual([c1])
    expect(v.unlocks.find((u) => u.id === 'first-stretch')).toMatchObject({
      schemaVersion: 2,
      shown: true,
    })

    // Rewritten: the stored rows are version 2 now, so the next start migrates nothing.
    for (const table of ['results', 'sessions', 'checkIns', 'unlocks'])
      for (const row of await rawRows(factory, table)) expect(row.schemaVersion, table).toBe(2)
    const { loadProgress } = await import('../../../src/services/storage/repository.ts')
    const db = new ProgressDb(PROGRESS_DB_NAME, { indexedDB: factory, IDBKeyRange })
    const again = await loadProgress(db, clock)
    db.close()
    expect(again.migrated).toBe(0)
    expect(again.history.results).toHaveLength(2)
  })
})

describe('a tab still running the version 1 app', () => {
  it('sets version 2 records aside as newer; this version brings them back and says so', async () => {
    const factory = new IDBFactory()
    const seed = new ProgressDb(PROGRESS_DB_NAME, { indexedDB: factory, IDBKeyRange })
    const kept = rec('bridge', '2026-11-20T18:00:00Z', 'Europe/Berlin')
    const taken = rec('cat-cow', '2026-11-20T18:05:00Z', 'Europe/Berlin')
    const s1 = session('s1', 'all-ten', '2026-11-20T17:55:00Z', 5, 3, 'Europe/Berlin', 'desktop')
    const future = { ...rec('hip-flexor', '2026-11-20T18:10:00Z'), schemaVersion: 3 }
    // What the version 1 app's load does with each version 2 row: moved, verbatim, with this reason.
    const asideByOldTab = (table: string, raw: { id: string; schemaVersion: number }) => ({
      table,
      key: raw.id,
      raw,
      reason: `written by a newer version of the app (schema ${raw.schemaVersion})`,
      at: '2026-11-21T08:00:00.000Z',
    })
    await seed.quarantine.bulkAdd([
      asideByOldTab('results', kept),
      asideByOldTab('results', taken),
      asideByOldTab('sessions', s1),
      asideByOldTab('results', future),
      { table: 'results', key: 'junk', raw: { id: 'junk' }, reason: 'result: bad', at: '' },
    ])
    // Meanwhile the cat-cow's id was stored again (say from a backup): it stays aside.
    const other = { ...rec('cat-cow', '2026-11-20T19:00:00Z', 'Europe/Berlin'), id: taken.id }
    await seed.table('results').put(other)
    seed.close()

    const tab = await newTab(factory)
    await tab.start()
    const v = tab.view()
    expect(v.history.results.map((r) => r.id).sort()).toEqual([kept.id, taken.id].sort())
    expect(v.history.results.find((r) => r.id === taken.id)).toEqual(other)
    expect(v.history.sessions).toEqual([s1])
    expect(v.quarantined).toBe(3)
    expect(v.notice?.text).toBe(
      '2 records that an older version of this app, still open in another tab, had set aside are back in your history. Reload or close that tab so it runs this version too.',
    )
    // The next start finds nothing new to bring back.
    const tab2 = await newTab(factory)
    await tab2.start()
    expect(tab2.view().notice).toBeNull()
    expect(tab2.view().quarantined).toBe(3)
    expect(tab2.view().history.results).toHaveLength(2)
  })
})

describe('recordFollowedStretch', () => {
  it('a desktop session: five stretches marked done save, read back after a restart and count the date', async () => {
    const factory = new IDBFactory()
    const tab = await newTab(factory)
    await tab.start()
    const s = await tab.progress.startSession('morning-mobility', 4, 'desktop')
    expect(s.ok && s.record.source).toBe('desktop')
    if (!s.ok) return
    const saved = []
    for (let i = 0; i < 5; i++) {
      nowMs += 120_000
      const out = await tab.progress.recordFollowedStretch(followed(s.record.id, i))
      expect(out.ok).toBe(true)
      if (out.ok) saved.push(out.record)
    }
    const skipped = await tab.progress.recordFollowedStretch({
      ...followed(s.record.id, 0),
      stretch: 'bridge',
      outcome: 'skipped',
      targets: { holdSeconds: null, reps: 8 },
      followed: { both: { seconds: 12, reps: 2 } },
    })
    expect(skipped.ok).toBe(true)
    expect((await tab.progress.endSession(s.record.id, 2, false)).ok).toBe(true)
    expect(saved[0]).toMatchObject({
      schemaVersion: 2,
      source: 'desktop',
      outcome: 'completed',
      stretch: 'childs-pose',
      result: null,
      followed: { both: { seconds: 30, reps: null } },
      targets: { holdSeconds: 30, reps: null },
      at: { timeZone: 'Europe/Berlin', localDate: '2026-11-24' },
    })

    const tab2 = await newTab(factory)
    await tab2.start()
    const v = tab2.view()
    expect(v.history.results).toHaveLength(6)
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)
    expect(v.history.results.filter((r) => r.outcome === 'completed').sort(byId)).toEqual(
      saved.sort(byId),
    )
    expect(v.history.sessions[0]).toMatchObject({ source: 'desktop', painAfter: 2 })
    const report = computeStreaks(v.history, nowMs, 'Europe/Berlin')
    expect(report.todayCounted).toBe(true)
    const unlocked = v.unlocks.map((u) => u.id)
    expect(unlocked).toEqual(expect.arrayContaining(['first-stretch', 'first-routine']))
    expect(unlocked).not.toContain('perfect-score')
  })

  it('bad input is refused with a message and changes nothing', async () => {
    const tab = await newTab(new IDBFactory())
    await tab.start()
    const good = followed('s', 0)
    for (const bad of [
      { ...good, stretch: 'handstand' },
      { ...good, outcome: 'partial' },
      { ...good, sessionId: '' },
      { ...good, targets: { holdSeconds: null, reps: null } },
      { ...good, followed: { both: { seconds: -3, reps: null } } },
      null,
    ]) {
      const out = await tab.progress.recordFollowedStretch(bad as FollowedInput)
      expect(out).toMatchObject({
        ok: false,
        reason: 'invalid',
        message: 'Not saved: the followed stretch was incomplete or malformed.',
      })
    }
    expect(tab.view().notice).toMatchObject({ kind: 'error' })
    expect(tab.view().history.results).toHaveLength(0)
    const badSession = await tab.progress.startSession('x', null, 'phone' as never)
    expect(badSession).toMatchObject({ ok: false, reason: 'invalid' })
    expect(tab.view().history.sessions).toHaveLength(0)
  })

  it('is journalled: cut off by a closing tab, it is written at the next start, once', async () => {
    const storage = memoryWebStorage()
    vi.stubGlobal('localStorage', storage)
    vi.stubGlobal('window', new EventTarget())
    const silent = {
      open: () => ({}) as IDBOpenDBRequest,
      databases: () => new Promise(() => {}),
    } as unknown as IDBFactory
    const tab1 = await newTab(silent)
    void tab1.start({ timeoutMs: 2_000_000_000 })
    void tab1.progress.recordFollowedStretch(followed('s-gone', 2))
    expect(storage.length).toBe(1)

    vi.stubGlobal('window', new EventTarget())
    const factory = new IDBFactory()
    const tab2 = await newTab(factory)
    await tab2.start()
    expect(tab2.view().history.results).toMatchObject([
      { source: 'desktop', stretch: 'knee-to-chest', sessionId: 's-gone' },
    ])
    expect(storage.length).toBe(0)
    const tab3 = await newTab(factory)
    await tab3.start()
    expect(tab3.view().history.results).toHaveLength(1)
  })
})

describe('backups', () => {
  const twoWeeks = readFileSync(
    new URL('../../e2e/fixtures/two-weeks.backup.json', import.meta.url),
    'utf8',
  )

  it('a version 1 file imports, migrated; the export is version 2 and imports again as nothing new', async () => {
    const file = JSON.parse(twoWeeks)
    expect(file.version).toBe(1)
    expect(file.results.every((r: { schemaVersion: number }) => r.schemaVersion === 1)).toBe(true)
    const factory = new IDBFactory()
    const tab = await newTab(factory)
    await tab.start()
    const plan = await tab.progress.prepareImport(twoWeeks)
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(await tab.progress.commitImport(plan.plan)).toBe(true)
    const v = tab.view()
    expect(v.history.results).toHaveLength(106)
    expect(v.history.sessions).toHaveLength(22)
    expect(v.history.checkIns).toHaveLength(43)
    expect(v.history.results.every((r) => r.source === 'headset' && r.targets === null)).toBe(true)
    expect(v.history.results.filter((r) => r.outcome === 'stopped-for-pain')).toHaveLength(1)
    expect(v.history.sessions.every((s) => s.source === 'headset')).toBe(true)
    for (const row of await rawRows(factory, 'results')) expect(row.schemaVersion).toBe(2)

    const text = await tab.progress.exportBackupText()
    const exported = JSON.parse(text!)
    expect(exported.version).toBe(2)
    expect(exported.results[0]).toMatchObject({ schemaVersion: 2, source: 'headset' })
    const again = await tab.progress.prepareImport(text!)
    expect(again.ok && again.plan.toAdd.results.length).toBe(0)
    expect(again.ok && again.plan.alreadyHere.results).toBe(106)
  })
})

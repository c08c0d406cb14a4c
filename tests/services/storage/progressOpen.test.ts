// No 'fake-indexeddb/auto': each test hands the app its own fake IndexedDB, so
// nothing can land in a shared global database by accident.
import { Dexie } from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  PROGRESS_DB_NAME,
  ProgressDb,
  readStoredLayout,
} from '../../../src/services/storage/progressDb.ts'
import * as repo from '../../../src/services/storage/repository.ts'
import { PROGRESS_CHANNEL } from '../../../src/services/storage/tabSync.ts'
import { HOLD_30, result } from '../../core/history/historyFixtures.ts'
import { memoryWebStorage } from '../memoryStorage.ts'

const clock = { nowMs: () => Date.parse('2026-11-23T07:30:00Z'), timeZone: () => 'Europe/Berlin' }
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * A fresh copy of the app's storage modules (one browser tab) whose IndexedDB
 * is `factory`: handed over as an option, and also made the global one (and
 * Dexie's default), so a version of the app without the option uses it too.
 */
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

/** An IndexedDB that never answers (what a wedged browser storage looks like). */
function silentFactory(): IDBFactory {
  return {
    open: () => ({}) as IDBOpenDBRequest,
    databases: () => new Promise(() => {}),
  } as unknown as IDBFactory
}

/** A raw IndexedDB version upgrade, as another program (or a cleanup) would do it. */
function rawUpgrade(
  factory: IDBFactory,
  change: (db: IDBDatabase, tx: IDBTransaction) => void,
  version?: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = factory.open(PROGRESS_DB_NAME)
    probe.onsuccess = () => {
      const v = version ?? probe.result.version + 1
      probe.result.close()
      const req = factory.open(PROGRESS_DB_NAME, v)
      req.onupgradeneeded = () => change(req.result, req.transaction!)
      req.onsuccess = () => {
        req.result.close()
        resolve()
      }
      req.onerror = () => reject(req.error)
    }
    probe.onerror = () => reject(probe.error)
  })
}

async function seeded(): Promise<IDBFactory> {
  const factory = new IDBFactory()
  const db = new ProgressDb(PROGRESS_DB_NAME, { indexedDB: factory, IDBKeyRange })
  await repo.saveResult(
    db,
    { sessionId: 's', routineId: 'r', result: result('bridge'), targets: HOLD_30 },
    clock,
  )
  await repo.saveSessionStart(db, { routineId: 'r', painBefore: 3 }, clock)
  db.close()
  return factory
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('opening: the stored layout is checked before Dexie adapts it', () => {
  it('a deleted table is noticed (not silently re-created), the rest is kept, and the message stays until dismissed', async () => {
    const factory = await seeded()
    await rawUpgrade(factory, (db) => db.deleteObjectStore('results'))
    const tab = await newTab(factory)
    await tab.start()
    const v = tab.view()
    expect(v.status).toBe('ready')
    expect(v.storeWarning).toContain('the table of finished stretches was gone')
    expect(v.storeWarning).toContain('Everything else that was stored is kept')
    expect(v.storeWarning).toContain('Import a backup')
    expect(v.history.sessions).toHaveLength(1)
    expect(v.history.checkIns).toHaveLength(1)
    expect(v.history.results).toHaveLength(0)

    const again = await newTab(factory)
    await again.start()
    expect(again.view().storeWarning).toContain('finished stretches')
    await again.progress.dismissStoreWarning()
    expect(again.view().storeWarning).toBeNull()

    const third = await newTab(factory)
    await third.start()
    expect(third.view().storeWarning).toBeNull()
    expect(third.view().history.sessions).toHaveLength(1)
  })

  it('a table re-created earlier (the version moved on without the app) is reported too', async () => {
    const factory = await seeded()
    // What the old app left behind: results deleted, then re-created empty by a Dexie repair.
    await rawUpgrade(factory, (db) => db.deleteObjectStore('results'))
    await rawUpgrade(factory, (db) => db.createObjectStore('results', { keyPath: 'id' }))
    const tab = await newTab(factory)
    await tab.start()
    expect(tab.view().storeWarning).toContain('changed outside the app')
    expect(tab.view().storeWarning).toContain('version 12')
  })

  it('a first start is no error and the check creates nothing', async () => {
    const factory = new IDBFactory()
    expect(await readStoredLayout(factory)).toEqual({ exists: false })
    expect(await factory.databases()).toEqual([])
    // Without databases(), the look opens and aborts: still nothing created.
    const bare = new IDBFactory()
    Object.defineProperty(bare, 'databases', { value: undefined })
    expect(await readStoredLayout(bare)).toEqual({ exists: false })
    expect(await IDBFactory.prototype.databases.call(bare)).toEqual([])
    const tab = await newTab(factory)
    await tab.start()
    expect(tab.view()).toMatchObject({ status: 'ready', storeWarning: null, loadError: null })
  })

  it('a foreign layout is refused before Dexie touches it: no table is added', async () => {
    const factory = new IDBFactory()
    await new Promise<void>((resolve) => {
      const req = factory.open(PROGRESS_DB_NAME, 990)
      req.onupgradeneeded = () => req.result.createObjectStore('results').put(12345, 'k2')
      req.onsuccess = () => {
        req.result.close()
        resolve()
      }
    })
    const tab = await newTab(factory)
    await tab.start()
    expect(tab.view().status).toBe('unavailable')
    expect(tab.view().loadError).toContain('unexpected layout of results')
    const layout = await readStoredLayout(factory)
    expect(layout).toMatchObject({ exists: true, version: 990, foreign: ['results'] })
    expect(layout.exists && layout.missing).toHaveLength(5)
  })
})

describe('storage that does not answer', () => {
  it('an open that never answers: after the timeout the page says what to try; saves answer at once', async () => {
    const tab = await newTab(silentFactory())
    void tab.start({ timeoutMs: 60 })
    await sleep(200)
    const v = tab.view()
    expect(v.status).toBe('unavailable')
    expect(v.loadError).toMatch(/not answering/)
    expect(v.loadError).toMatch(/close other tabs of this app, restart the browser/)
    expect(v.loadError).toMatch(/private browsing/)
    expect(v.loadError).toMatch(/free some disk space/)
    const t0 = performance.now()
    const out = await tab.progress.recordPainCheckIn(3)
    expect(out).toMatchObject({ ok: false, reason: 'unavailable' })
    expect(performance.now() - t0).toBeLessThan(50)
  })

  it('a database another connection keeps busy is said too, and the view recovers when it is free', async () => {
    const factory = await seeded()
    // Another connection keeps a read-write transaction busy on the tables.
    const holder = await new Promise<IDBDatabase>((resolve) => {
      const req = factory.open(PROGRESS_DB_NAME)
      req.onsuccess = () => resolve(req.result)
    })
    let holding = true
    const tx = holder.transaction(['results', 'sessions'], 'readwrite')
    const spin = () => {
      if (holding) tx.objectStore('results').get('none').onsuccess = spin
    }
    spin()
    const tab = await newTab(factory)
    void tab.start({ timeoutMs: 400 })
    await sleep(1200)
    expect(tab.view().status).toBe('unavailable')
    expect(tab.view().loadError).toMatch(/not answering/)
    holding = false
    await vi.waitFor(() => expect(tab.view()).toMatchObject({ status: 'ready', loadError: null }), {
      timeout: 3000,
    })
    expect(tab.view().history.results).toHaveLength(1)
    holder.close()
  })
})

describe('storage that does not answer: the first read', () => {
  it('an open that works but a first read that never ends still gives the message, not "Loading…"', async () => {
    vi.doMock('../../../src/services/storage/repository.ts', async (original) => ({
      ...(await original<typeof import('../../../src/services/storage/repository.ts')>()),
      loadProgress: () => new Promise(() => {}),
    }))
    const tab = await newTab(new IDBFactory())
    void tab.start({ timeoutMs: 60 })
    await sleep(30)
    expect(tab.view().status).toBe('loading')
    await sleep(200)
    expect(tab.view().status).toBe('unavailable')
    expect(tab.view().loadError).toMatch(/not answering.*close other tabs/)
    vi.doUnmock('../../../src/services/storage/repository.ts')
  })
})

describe('pending saves', () => {
  it('saves cut off by a closing tab: the tab asks first, and the next start writes them, once', async () => {
    const storage = memoryWebStorage()
    vi.stubGlobal('localStorage', storage)
    const win = new EventTarget()
    vi.stubGlobal('window', win)

    // Tab 1: its storage is stuck, so twenty check-ins stay unconfirmed.
    const tab1 = await newTab(silentFactory())
    void tab1.start({ timeoutMs: 2_000_000_000 })
    for (let i = 0; i < 20; i++) void tab1.progress.recordPainCheckIn(i % 11)
    const close = new Event('beforeunload', { cancelable: true })
    win.dispatchEvent(close)
    expect(close.defaultPrevented).toBe(true)

    // The tab is gone; the app starts again with working storage.
    const win2 = new EventTarget()
    vi.stubGlobal('window', win2)
    const factory = new IDBFactory()
    const tab2 = await newTab(factory)
    await tab2.start()
    expect(tab2.view().history.checkIns).toHaveLength(20)
    expect(
      tab2
        .view()
        .history.checkIns.map((c) => c.pain)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i % 11).sort((a, b) => a - b))
    expect(tab2.view().notice?.text).toBe(
      'Saved 20 records that were still being written when the app last closed.',
    )
    expect([...Array(storage.length)].map((_, i) => storage.key(i))).toEqual([])

    // A confirmed save leaves nothing behind and no question on closing.
    expect((await tab2.progress.recordPainCheckIn(2)).ok).toBe(true)
    const later = new Event('beforeunload', { cancelable: true })
    win2.dispatchEvent(later)
    expect(later.defaultPrevented).toBe(false)
    expect(storage.length).toBe(0)

    const tab3 = await newTab(factory)
    await tab3.start()
    expect(tab3.view().history.checkIns).toHaveLength(21)
  })

  it('a save still running in another open tab is left to it; once that tab is gone it is finished', async () => {
    vi.stubGlobal('localStorage', memoryWebStorage())
    // Web Locks as the browser keeps them: a page's locks go when the page goes.
    const held = new Map<string, () => void>()
    const locks = {
      request: (name: string, cb: () => Promise<void>) => {
        const gone = new Promise<void>((free) => held.set(name, free))
        return Promise.race([cb(), gone]).finally(() => held.delete(name))
      },
      query: async () => ({ held: [...held.keys()].map((name) => ({ name })) }),
    }
    vi.stubGlobal('navigator', { locks })
    const tab1 = await newTab(silentFactory())
    void tab1.start({ timeoutMs: 2_000_000_000 })
    void tab1.progress.recordPainCheckIn(6)
    await sleep(10)
    expect(held.size).toBe(1)
    const factory = new IDBFactory()
    const tab2 = await newTab(factory)
    await tab2.start()
    expect(tab2.view().history.checkIns).toHaveLength(0)
    for (const free of held.values()) free() // tab 1 closes
    const tab3 = await newTab(factory)
    await tab3.start()
    expect(tab3.view().history.checkIns.map((c) => c.pain)).toEqual([6])
    // A save that completes lets its lock go.
    expect((await tab3.progress.recordPainCheckIn(1)).ok).toBe(true)
    await sleep(10)
    expect(held.size).toBe(0)
  })

  it('an unreadable journal entry is set aside, not dropped and not written', async () => {
    const storage = memoryWebStorage()
    storage.setItem(
      'stretchcoach-pending-save:x',
      '{"v":1,"tab":"gone","at":1,"steps":[{"op":"add"',
    )
    storage.setItem(
      'stretchcoach-pending-save:y',
      JSON.stringify({
        v: 1,
        tab: 'gone',
        at: 2,
        steps: [{ op: 'add', kind: 'checkIns', record: { id: 'c', pain: 99 } }],
      }),
    )
    vi.stubGlobal('localStorage', storage)
    const factory = new IDBFactory()
    const tab = await newTab(factory)
    await tab.start()
    expect(tab.view().history.checkIns).toHaveLength(0)
    expect(tab.view().quarantined).toBe(2)
    expect(storage.length).toBe(0)
  })

  it('with two tabs saving, a save waits for one reload, not for every reload the other tab causes', async () => {
    const factory = await seeded()
    const tab = await newTab(factory)
    await tab.start()
    // The other tab saves non-stop: "changed" arrives faster than a reload takes.
    const other = new BroadcastChannel(PROGRESS_CHANNEL)
    let busy = true
    void (async () => {
      while (busy) {
        other.postMessage('changed')
        await sleep(1)
      }
    })()
    const t0 = performance.now()
    const out = await Promise.race([
      tab.progress.recordPainCheckIn(4),
      sleep(4000).then(() => null),
    ])
    const ms = performance.now() - t0
    busy = false
    other.close()
    expect(out).toMatchObject({ ok: true })
    expect(ms).toBeLessThan(2000)
  })
})

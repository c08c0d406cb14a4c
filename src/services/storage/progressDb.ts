/**
 * The IndexedDB database of progress, through Dexie. One row per record (a
 * finished stretch, a session, a pain check-in, an unlock): writes are puts of
 * single records, never a rewrite of the whole history. Rows that fail
 * validation are moved, verbatim, to `quarantine`.
 */
import { Dexie, type DexieOptions, type Table } from 'dexie'

/** The database name in the browser's IndexedDB. */
export const PROGRESS_DB_NAME = 'stretchcoach-progress'

/** A record set aside because it failed validation: kept exactly as it was read. */
export interface QuarantineEntry {
  qid?: number
  /** the table it came from */
  table: string
  /** its primary key there, as text */
  key: string
  /** the stored value, untouched */
  raw: unknown
  /** why it was set aside */
  reason: string
  /** ISO UTC instant it was set aside */
  at: string
}

/** A small key/value row for flags such as "persistence asked". */
export interface MetaEntry {
  key: string
  value: unknown
}

/** The progress database. Tables hold `unknown`: every row is validated on read. */
export class ProgressDb extends Dexie {
  results!: Table<unknown, string>
  sessions!: Table<unknown, string>
  checkIns!: Table<unknown, string>
  unlocks!: Table<unknown, string>
  quarantine!: Table<QuarantineEntry, number>
  meta!: Table<MetaEntry, string>

  constructor(name: string = PROGRESS_DB_NAME, options: DexieOptions = {}) {
    // 'strict' makes Chromium flush to disk before the transaction completes:
    // "Saved" is shown only after that.
    super(name, { chromeTransactionDurability: 'strict', ...options })
    this.version(1).stores({
      results: 'id',
      sessions: 'id',
      checkIns: 'id',
      unlocks: 'id',
      quarantine: '++qid',
      meta: 'key',
    })
  }
}

/** The IndexedDB version Dexie gives `version(1)` (it multiplies by ten). */
export const PROGRESS_DB_VERSION = 10

/** Each table this app creates, with its primary key as IndexedDB reports it. */
export const EXPECTED_TABLES: Readonly<
  Record<string, { keyPath: string; autoIncrement: boolean }>
> = {
  results: { keyPath: 'id', autoIncrement: false },
  sessions: { keyPath: 'id', autoIncrement: false },
  checkIns: { keyPath: 'id', autoIncrement: false },
  unlocks: { keyPath: 'id', autoIncrement: false },
  quarantine: { keyPath: 'qid', autoIncrement: true },
  meta: { keyPath: 'key', autoIncrement: false },
}

/** What is stored under the database's name, read before Dexie opens (and adapts) it. */
export type StoredLayout =
  /** no database yet: the first start */
  | { exists: false }
  | {
      exists: true
      /** IndexedDB's version number of the stored database */
      version: number
      /** tables of this app that are not there (Dexie would re-create them empty) */
      missing: string[]
      /** tables of this app that are there with another key (writes would fail) */
      foreign: string[]
    }

function closeQuietly(db: IDBDatabase): void {
  try {
    db.close()
  } catch {
    // already closed
  }
}

/**
 * Reads the stored database's version and tables with plain IndexedDB, before
 * Dexie opens it: Dexie silently re-creates a missing table (empty) while it
 * opens, so only this look first can tell the user a table was lost. Changes
 * nothing: a database that does not exist is not created (the request that
 * would create it is aborted), and an existing one is opened without a version,
 * so no upgrade runs.
 */
export async function readStoredLayout(
  factory: IDBFactory,
  name: string = PROGRESS_DB_NAME,
): Promise<StoredLayout> {
  // Where the browser can list databases, a first start needs no open at all.
  if (typeof factory.databases === 'function') {
    try {
      const list = await factory.databases()
      if (!list.some((d) => d.name === name)) return { exists: false }
    } catch {
      // fall through to the open below
    }
  }
  const idb = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const req = factory.open(name)
    req.onupgradeneeded = () => {
      // Only a database that does not exist yet asks for an upgrade here: abort,
      // so this look creates nothing (Dexie creates it properly next).
      req.transaction?.abort()
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = (ev) => {
      ev.preventDefault()
      if (req.error?.name === 'AbortError') resolve(null)
      else reject(req.error ?? new Error('IndexedDB refused to open'))
    }
    req.onblocked = () => {
      // Another tab is upgrading: the open goes on once it is done.
    }
  })
  if (!idb) return { exists: false }
  try {
    const names = [...idb.objectStoreNames]
    // Version 1 without tables is what an aborted first look can leave behind in
    // some browsers: nothing was ever stored.
    if (names.length === 0 && idb.version <= 1) return { exists: false }
    const expected = Object.keys(EXPECTED_TABLES)
    const present = expected.filter((n) => names.includes(n))
    const missing = expected.filter((n) => !names.includes(n))
    const foreign: string[] = []
    if (present.length > 0) {
      const tx = idb.transaction(present, 'readonly')
      for (const n of present) {
        const store = tx.objectStore(n)
        const want = EXPECTED_TABLES[n]!
        if (store.keyPath !== want.keyPath || store.autoIncrement !== want.autoIncrement)
          foreign.push(n)
      }
    }
    return { exists: true, version: idb.version, missing, foreign }
  } finally {
    closeQuietly(idb)
  }
}

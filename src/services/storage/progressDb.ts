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

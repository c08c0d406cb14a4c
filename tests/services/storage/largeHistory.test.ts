import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { planImport, type RecordSet } from '../../../src/core/history/backup.ts'
import { stampAt } from '../../../src/core/history/civilDate.ts'
import { SCHEMA_VERSION, type PainCheckInRecord } from '../../../src/core/history/records.ts'
import { checkBackupText } from '../../../src/services/storage/backupCheck.ts'
import { ProgressDb } from '../../../src/services/storage/progressDb.ts'
import * as repo from '../../../src/services/storage/repository.ts'
import { checkInBackup } from '../../e2e/fixtures/largeBackup.ts'

// Large histories and impossible dates in storage (fake-indexeddb): stored
// dates are checked like imported ones (set aside, never dropped), imports are
// written in bulk and reads checked in batches, both reporting progress.
const NOW = Date.parse('2026-11-23T19:30:00Z')
const DAY = 86_400_000
let nowMs = NOW
const clock: repo.Clock = { nowMs: () => nowMs, timeZone: () => 'Europe/Berlin' }

let n = 0
function freshDb(): ProgressDb {
  n += 1
  return new ProgressDb(`large-${n}`, { indexedDB: new IDBFactory(), IDBKeyRange })
}

function checkIns(count: number, firstMs = NOW - 400 * DAY): PainCheckInRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    schemaVersion: SCHEMA_VERSION,
    id: `c-${String(i).padStart(6, '0')}`,
    sessionId: null,
    pain: i % 11,
    moment: 'anytime',
    at: stampAt(firstMs + Math.floor(i / 20) * DAY, 'Europe/Berlin'),
  }))
}

/** Counts the write requests Dexie sends down (one per put/add, or one per bulk call). */
function countWrites(db: ProgressDb): { calls: number } {
  const count = { calls: 0 }
  db.use({
    stack: 'dbcore',
    name: 'count-writes',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name)
        return {
          ...t,
          mutate: (req) => {
            if (name !== 'meta') count.calls += 1
            return t.mutate(req)
          },
        }
      },
    }),
  })
  return count
}

const none = () => ({
  results: new Set<string>(),
  sessions: new Set<string>(),
  checkIns: new Set<string>(),
  unlocks: new Set<string>(),
})

function plan(records: Partial<RecordSet>) {
  return planImport(none(), { results: [], sessions: [], checkIns: [], unlocks: [], ...records })
}

describe('dates of stored records', () => {
  it('sets aside, verbatim, a stored record dated before 2020, ahead of now, or with a local date of no zone; the rest is intact', async () => {
    nowMs = NOW
    const db = freshDb()
    const good = checkIns(3)
    const early = {
      ...checkIns(1)[0]!,
      id: 'early',
      at: { utc: '0100-01-01T10:00:00.000Z', timeZone: 'UTC', localDate: '0100-01-01' },
    }
    const late = {
      ...checkIns(1)[0]!,
      id: 'late',
      at: stampAt(Date.parse('9999-12-31T10:00:00Z'), 'UTC'),
    }
    const odd = {
      ...checkIns(1)[0]!,
      id: 'odd',
      at: { utc: '2026-11-20T10:00:00.000Z', timeZone: 'Europe/Berlin', localDate: '2026-11-22' },
    }
    await db.table('checkIns').bulkPut([...good, early, late, odd])
    const loaded = await repo.loadProgress(db, clock)
    expect(loaded.history.checkIns).toEqual(good)
    expect(loaded.newlyQuarantined).toBe(3)
    expect(loaded.newlyDatedAhead).toBe(1)
    const q = await repo.listQuarantine(db)
    expect(q.map((e) => [e.key, e.reason])).toEqual([
      ['early', 'at: dated 0100-01-01, before 2020-01-01'],
      ['late', 'at: dated 9999-12-31, more than two days after 2026-11-23'],
      [
        'odd',
        'at: local date 2026-11-22 is not the date of 2026-11-20T10:00:00.000Z in any time zone',
      ],
    ])
    expect(q.map((e) => e.raw)).toEqual([early, late, odd])
    expect(await db.table('checkIns').count()).toBe(3)
    // A second start finds nothing new and keeps them apart.
    const again = await repo.loadProgress(db, clock)
    expect(again.newlyQuarantined).toBe(0)
    expect(again.quarantined).toBe(3)
  })

  it('brings back a record set aside only for its future date once the clock reaches it (a clock set back), never over a record with its id', async () => {
    nowMs = NOW
    const db = freshDb()
    const [a, b, c] = checkIns(3, NOW + 5 * DAY)
    await db.table('checkIns').bulkPut([a, b, c])
    nowMs = NOW
    const first = await repo.loadProgress(db, clock)
    expect(first.history.checkIns).toEqual([])
    expect(first.newlyDatedAhead).toBe(3)
    // Meanwhile a record with b's id arrives (say from an import): b must not replace it.
    const other = { ...checkIns(1)[0]!, id: b!.id }
    await db.table('checkIns').put(other)
    nowMs = NOW + 2 * DAY // still more than two days before them
    expect((await repo.loadProgress(db, clock)).history.checkIns).toEqual([other])
    expect(await db.quarantine.count()).toBe(3)
    nowMs = NOW + 3 * DAY + 2 * 3_600_000
    const later = await repo.loadProgress(db, clock)
    expect(later.history.checkIns.map((r) => r.id).sort()).toEqual([a!.id, b!.id, c!.id])
    expect(later.history.checkIns.find((r) => r.id === b!.id)).toEqual(other)
    expect(later.newlyQuarantined).toBe(0)
    expect(later.quarantined).toBe(1)
    expect((await repo.listQuarantine(db))[0]!.raw).toEqual(b)
    expect(await db.meta.get('setAsideUntil')).toBeUndefined()
    nowMs = NOW
  })
})

describe('large histories', () => {
  it('writes an import in bulk, in one transaction, reporting progress', async () => {
    const db = freshDb()
    const writes = countWrites(db)
    const list = checkIns(5000)
    const seen: [number, number][] = []
    const out = await repo.applyImport(db, plan({ checkIns: list }), (done, total) =>
      seen.push([done, total]),
    )
    expect(out.ok && out.record.checkIns).toHaveLength(5000)
    expect(await db.table('checkIns').count()).toBe(5000)
    // One request per SAVE_BATCH (500) records, not one per record.
    expect(repo.SAVE_BATCH).toBe(500)
    expect(writes.calls).toBe(10)
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => [k * 500, 5000]))
    // Ids already there (another tab) are left alone, never overwritten.
    const again = await repo.applyImport(
      db,
      plan({
        checkIns: [
          ...list.slice(0, 10),
          ...checkIns(2, NOW - DAY).map((r, i) => ({ ...r, id: `new-${i}` })),
        ],
      }),
    )
    expect(again.ok && again.record.checkIns.map((r) => r.id)).toEqual(['new-0', 'new-1'])
  })

  it('reads and checks a large history in batches, reporting progress, with everything in order', async () => {
    const db = freshDb()
    const list = checkIns(5000)
    await db.table('checkIns').bulkPut(list)
    const seen: [number, number][] = []
    const loaded = await repo.loadProgress(db, clock, (done, total) => seen.push([done, total]))
    expect(loaded.history.checkIns).toEqual(list)
    expect(seen).toEqual([
      [2000, 5000],
      [4000, 5000],
      [5000, 5000],
    ])
    // A small history reads in one batch and reports nothing.
    const small = freshDb()
    await small.table('checkIns').bulkPut(list.slice(0, 10))
    const quiet: number[] = []
    await repo.loadProgress(small, clock, (d) => quiet.push(d))
    expect(quiet).toEqual([])
  })

  it('upgrades a large version 1 store batch by batch: one write request per batch read, never one for the whole', async () => {
    const db = freshDb()
    const writes = countWrites(db)
    const list = checkIns(5000)
    await db.table('checkIns').bulkPut(list.map((c) => ({ ...c, schemaVersion: 1 })))
    writes.calls = 0
    const loaded = await repo.loadProgress(db, clock)
    expect(loaded.migrated).toBe(5000)
    expect(loaded.history.checkIns).toEqual(list)
    // 5000 rows read 2000 at a time: three bulk writes of the upgraded rows.
    expect(writes.calls).toBe(3)
    const stored = (await db.table('checkIns').toArray()) as { schemaVersion: number }[]
    expect(stored.every((r) => r.schemaVersion === SCHEMA_VERSION)).toBe(true)
    const again = await repo.loadProgress(db, clock)
    expect(again.migrated).toBe(0)
    expect(writes.calls).toBe(3)
  })

  it('checks a large backup here (no worker in tests) one batch per task, letting timers run between', async () => {
    const text = checkInBackup(5000, '2025-01-01', '2026-11-20')
    let ticks = 0
    const timer = setInterval(() => (ticks += 1), 0)
    const progress: number[] = []
    const out = await checkBackupText({ text, zone: 'UTC', nowMs: NOW }, (p) =>
      progress.push(p.checked),
    )
    clearInterval(timer)
    expect(out.ok && out.records.checkIns).toHaveLength(5000)
    expect(progress).toEqual([0, 1000, 2000, 3000, 4000, 5000])
    expect(ticks).toBeGreaterThanOrEqual(3)
    const bad = checkInBackup(3, '0100-01-01', '0100-01-03')
    expect(await checkBackupText({ text: bad, zone: 'UTC', nowMs: NOW })).toMatchObject({
      ok: false,
      message: expect.stringContaining('impossible date, 0100-01-01'),
    })
  })
})

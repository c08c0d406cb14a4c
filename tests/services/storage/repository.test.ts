import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { ProgressDb } from '../../../src/services/storage/progressDb.ts'
import * as repo from '../../../src/services/storage/repository.ts'
import { parseBackup, planImport, makeBackup } from '../../../src/core/history/backup.ts'
import { HOLD_30, rec, result } from '../../core/history/historyFixtures.ts'

const clock: repo.Clock = {
  nowMs: () => Date.parse('2026-11-23T21:30:00Z'),
  timeZone: () => 'Europe/Paris',
}

let n = 0
function freshDb(factory = new IDBFactory()): ProgressDb {
  n += 1
  return new ProgressDb(`test-${n}`, { indexedDB: factory, IDBKeyRange })
}

/** A DBCore middleware that fails every write with the browser's quota error. */
function failWritesWithQuota(db: ProgressDb): void {
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name)
        return {
          ...t,
          mutate: () =>
            Promise.reject(
              Object.assign(new Error('The quota has been exceeded.'), {
                name: 'QuotaExceededError',
              }),
            ),
        }
      },
    }),
  })
}

describe('progress repository (fake-indexeddb)', () => {
  it('saves a result stamped with instant, zone and local date, and reads it back after reopening', async () => {
    const factory = new IDBFactory()
    const db = freshDb(factory)
    const out = await repo.saveResult(
      db,
      {
        sessionId: 's1',
        routineId: 'morning-mobility',
        result: result('cat-cow'),
        targets: HOLD_30,
      },
      clock,
    )
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.record.at).toEqual({
      utc: '2026-11-23T21:30:00.000Z',
      timeZone: 'Europe/Paris',
      localDate: '2026-11-23',
    })
    db.close()
    const again = new ProgressDb(db.name, { indexedDB: factory, IDBKeyRange })
    const loaded = await repo.loadProgress(again, clock)
    expect(loaded.history.results).toEqual([out.record])
    expect(loaded.quarantined).toBe(0)
  })

  it('rejects a malformed result without writing anything', async () => {
    const db = freshDb()
    const bad = { ...result('bridge'), score: 140 }
    const out = await repo.saveResult(
      db,
      { sessionId: 's1', routineId: 'x', result: bad, targets: HOLD_30 },
      clock,
    )
    expect(out).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await db.table('results').count()).toBe(0)
    const out2 = await repo.saveResult(db, null as never, clock)
    expect(out2.ok).toBe(false)
  })

  it('sets a corrupt record aside verbatim, keeps the rest, and does not touch it again', async () => {
    const db = freshDb()
    const good = await repo.saveResult(
      db,
      { sessionId: 's1', routineId: 'x', result: result('bridge'), targets: HOLD_30 },
      clock,
    )
    const garbage = { id: 'broken', result: 'garbage', at: 12 }
    await db.table('results').put(garbage)
    await db.table('checkIns').put({ id: 'bad-pain', schemaVersion: 1, pain: 99 })
    const loaded = await repo.loadProgress(db, clock)
    expect(loaded.history.results.map((r) => r.id)).toEqual([good.ok ? good.record.id : ''])
    expect(loaded.newlyQuarantined).toBe(2)
    expect(loaded.quarantined).toBe(2)
    const q = await repo.listQuarantine(db)
    expect(q.map((e) => e.raw)).toContainEqual(garbage)
    expect(q.find((e) => e.key === 'broken')?.table).toBe('results')
    expect(await db.table('results').get('broken')).toBeUndefined()
    const second = await repo.loadProgress(db, clock)
    expect(second.newlyQuarantined).toBe(0)
    expect(second.quarantined).toBe(2)
    expect(second.history.results).toHaveLength(1)
  })

  it('migrates version 0 records (bare UTC times) to version 2 and writes them back', async () => {
    const db = freshDb()
    await db.table('results').put({
      id: 'old-1',
      sessionId: 's0',
      routineId: 'all-ten',
      result: result('hip-flexor'),
      at: '2026-03-01T23:30:00.000Z',
    })
    await db.table('sessions').put({
      id: 's0',
      routineId: 'all-ten',
      start: '2026-03-01T23:10:00.000Z',
      end: '2026-03-01T23:31:00.000Z',
      painBefore: 4,
      painAfter: 2,
      stoppedForPain: false,
    })
    await db.table('checkIns').put({ id: 'c0', pain: 4, at: '2026-03-01T23:10:00.000Z' })
    const loaded = await repo.loadProgress(db, clock)
    expect(loaded.migrated).toBe(3)
    expect(loaded.history.results[0]!.at).toEqual({
      utc: '2026-03-01T23:30:00.000Z',
      timeZone: 'Europe/Paris',
      localDate: '2026-03-02',
    })
    expect(loaded.history.sessions[0]!.end?.localDate).toBe('2026-03-02')
    expect(loaded.history.checkIns[0]).toMatchObject({
      schemaVersion: 2,
      moment: 'anytime',
      sessionId: null,
    })
    expect(loaded.history.results[0]).toMatchObject({
      source: 'headset',
      outcome: 'completed',
      targets: null,
    })
    expect(loaded.history.sessions[0]!.source).toBe('headset')
    const stored = (await db.table('results').get('old-1')) as { schemaVersion: number }
    expect(stored.schemaVersion).toBe(2)
    expect(loaded.quarantined).toBe(0)
  })

  it('a full quota shows a clear message and loses nothing already saved', async () => {
    const factory = new IDBFactory()
    const db = freshDb(factory)
    const first = await repo.saveResult(
      db,
      { sessionId: 's1', routineId: 'x', result: result('bridge'), targets: HOLD_30 },
      clock,
    )
    expect(first.ok).toBe(true)
    db.close()
    const full = new ProgressDb(db.name, { indexedDB: factory, IDBKeyRange })
    failWritesWithQuota(full)
    const second = await repo.saveResult(
      full,
      { sessionId: 's1', routineId: 'x', result: result('cat-cow'), targets: HOLD_30 },
      clock,
    )
    expect(second).toMatchObject({ ok: false, reason: 'quota' })
    if (!second.ok) expect(second.message).toMatch(/out of storage space.*saved before is safe/)
    const check = await repo.saveCheckIn(full, { pain: 3 }, clock)
    expect(check.ok).toBe(false)
    const loaded = await repo.loadProgress(full, clock)
    expect(loaded.history.results.map((r) => r.stretch)).toEqual(['bridge'])
  })

  it('sessions: start with pain before, end with pain after, both stored as check-ins', async () => {
    const db = freshDb()
    const s = await repo.saveSessionStart(
      db,
      { routineId: 'evening-activation', painBefore: 6 },
      clock,
    )
    expect(s.ok).toBe(true)
    if (!s.ok) return
    const e = await repo.saveSessionEnd(
      db,
      s.record.id,
      { painAfter: 3, stoppedForPain: false },
      clock,
    )
    expect(e.ok && e.record.painAfter).toBe(3)
    const loaded = await repo.loadProgress(db, clock)
    expect(loaded.history.sessions[0]).toMatchObject({ painBefore: 6, painAfter: 3 })
    expect(loaded.history.checkIns.map((c) => [c.moment, c.pain]).sort()).toEqual([
      ['after', 3],
      ['before', 6],
    ])
    expect(
      (await repo.saveSessionEnd(db, 'nope', { painAfter: 1, stoppedForPain: false }, clock)).ok,
    ).toBe(false)
    expect((await repo.saveSessionStart(db, { routineId: 'x', painBefore: 11 }, clock)).ok).toBe(
      false,
    )
  })

  it('import merges by id without duplicates, and a bad file changes nothing', async () => {
    const db = freshDb()
    const a = await repo.saveResult(
      db,
      { sessionId: 's1', routineId: 'x', result: result('bridge'), targets: HOLD_30 },
      clock,
    )
    const loaded = await repo.loadProgress(db, clock)
    const backupText = JSON.stringify(makeBackup(loaded.history, loaded.unlocks, clock.nowMs()))
    const parsed = parseBackup(backupText, 'UTC', clock.nowMs())
    expect(parsed.ok).toBe(true)
    if (!parsed.ok || !a.ok) return
    const extra = { ...rec('cat-cow', '2026-11-23T20:00:00Z'), id: 'other' }
    parsed.records.results.push(extra, extra)
    const plan = planImport(await repo.storedIds(db), parsed.records)
    expect(plan.toAdd.results.map((r) => r.id)).toEqual(['other'])
    expect(plan.alreadyHere.results).toBe(2)
    const applied = await repo.applyImport(db, plan)
    expect(applied.ok && applied.record.results).toHaveLength(1)
    expect(await db.table('results').count()).toBe(2)
    const again = await repo.applyImport(db, plan)
    expect(again.ok && again.record.results).toHaveLength(0)
    expect(await db.table('results').count()).toBe(2)
    const damaged = JSON.parse(backupText)
    damaged.results.push({ id: 'x', nonsense: true })
    const bad = parseBackup(JSON.stringify(damaged), 'UTC', clock.nowMs())
    expect(bad.ok).toBe(false)
    expect(parseBackup('{not json', 'UTC', clock.nowMs()).ok).toBe(false)
    expect(await db.table('results').count()).toBe(2)
  })

  it('an import that hits the quota adds nothing at all', async () => {
    const factory = new IDBFactory()
    const db = freshDb(factory)
    await repo.saveResult(
      db,
      { sessionId: 's1', routineId: 'x', result: result('bridge'), targets: HOLD_30 },
      clock,
    )
    const src = freshDb()
    for (const s of ['cat-cow', 'hip-flexor'] as const)
      await repo.saveResult(
        src,
        { sessionId: 's2', routineId: 'x', result: result(s), targets: HOLD_30 },
        clock,
      )
    const incoming = await repo.loadProgress(src, clock)
    const plan = planImport(await repo.storedIds(db), { ...incoming.history, unlocks: [] })
    db.close()
    const full = new ProgressDb(db.name, { indexedDB: factory, IDBKeyRange })
    failWritesWithQuota(full)
    const out = await repo.applyImport(full, plan)
    expect(out).toMatchObject({ ok: false, reason: 'quota' })
    expect((await repo.loadProgress(full, clock)).history.results).toHaveLength(1)
  })

  it('unlock events are stored once and marked shown once', async () => {
    const db = freshDb()
    expect((await repo.recordUnlocks(db, ['first-stretch'], clock))?.map((u) => u.shown)).toEqual([
      false,
    ])
    expect(await repo.recordUnlocks(db, ['first-stretch', 'all-ten'], clock)).toHaveLength(2)
    expect(await repo.markUnlocksShown(db, ['first-stretch'], clock)).toBe(true)
    const loaded = await repo.loadProgress(db, clock)
    expect(loaded.unlocks.map((u) => [u.id, u.shown]).sort()).toEqual([
      ['all-ten', false],
      ['first-stretch', true],
    ])
  })

  it('delete one entry, then delete everything', async () => {
    const db = freshDb()
    const a = await repo.saveResult(
      db,
      { sessionId: 's1', routineId: 'x', result: result('bridge'), targets: HOLD_30 },
      clock,
    )
    await repo.saveResult(
      db,
      { sessionId: 's1', routineId: 'x', result: result('cat-cow'), targets: HOLD_30 },
      clock,
    )
    if (a.ok) await repo.deleteResult(db, a.record.id)
    expect((await repo.loadProgress(db, clock)).history.results.map((r) => r.stretch)).toEqual([
      'cat-cow',
    ])
    await db.table('results').put({ id: 'junk' })
    await repo.loadProgress(db, clock)
    await repo.deleteAllData(db)
    const empty = await repo.loadProgress(db, clock)
    expect(empty.history.results).toHaveLength(0)
    expect(empty.quarantined).toBe(0)
  })
})

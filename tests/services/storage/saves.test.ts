import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { ProgressDb } from '../../../src/services/storage/progressDb.ts'
import * as repo from '../../../src/services/storage/repository.ts'
import {
  applySteps,
  prepareCheckIn,
  prepareResult,
  prepareSessionEnd,
  prepareSessionStart,
} from '../../../src/services/storage/saves.ts'
import { HOLD_30, result } from '../../core/history/historyFixtures.ts'

let t = Date.parse('2026-11-23T07:30:00Z')
const clock = { nowMs: () => t, timeZone: () => 'Europe/Berlin' }

function freshDb(): ProgressDb {
  return new ProgressDb('saves-test', { indexedDB: new IDBFactory(), IDBKeyRange })
}

describe('saves decided first, then written: running a journalled save again changes nothing', () => {
  it('each kind of save, replayed twice, stores each record once', async () => {
    const db = freshDb()
    const start = prepareSessionStart({ routineId: 'morning-mobility', painBefore: 4 }, clock)
    const res = prepareResult(
      {
        sessionId: start.ok ? start.record.id : '',
        routineId: 'r',
        result: result('bridge'),
        targets: HOLD_30,
      },
      clock,
    )
    const check = prepareCheckIn({ pain: 2 }, clock)
    t += 600_000
    const end = prepareSessionEnd(
      start.ok ? start.record.id : '',
      { painAfter: 1, stoppedForPain: false },
      clock,
    )
    if (!start.ok || !res.ok || !check.ok || !end.ok) throw new Error('prepared')
    for (const p of [start, res, check, end]) {
      expect(await applySteps(db, p.steps, clock)).toMatchObject({ ok: true })
      expect(await applySteps(db, p.steps, clock, { replay: true })).toMatchObject({
        ok: true,
        record: { added: 0 },
      })
    }
    const loaded = await repo.loadProgress(db, clock)
    expect(loaded.history.results).toHaveLength(1)
    expect(loaded.history.sessions).toHaveLength(1)
    expect(loaded.history.checkIns.map((c) => c.pain).sort()).toEqual([1, 2, 4])
    expect(loaded.history.sessions[0]!.end?.utc).toBe('2026-11-23T07:40:00.000Z')
  })

  it('an old journalled session end never undoes a later one; an end without its session adds nothing', async () => {
    const db = freshDb()
    const start = await repo.saveSessionStart(db, { routineId: 'r', painBefore: null }, clock)
    if (!start.ok) throw new Error('start')
    t += 60_000
    const first = prepareSessionEnd(
      start.record.id,
      { painAfter: null, stoppedForPain: true },
      clock,
    )
    t += 60_000
    const second = await repo.saveSessionEnd(
      db,
      start.record.id,
      { painAfter: 3, stoppedForPain: false },
      clock,
    )
    expect(second.ok).toBe(true)
    if (!first.ok) throw new Error('first')
    // The first end's journal entry is replayed late: the session is already ended.
    await applySteps(db, first.steps, clock, { replay: true })
    const s = (await repo.loadProgress(db, clock)).history.sessions[0]!
    expect(s).toMatchObject({ painAfter: 3, stoppedForPain: false })
    // An end for a session that is not stored adds nothing.
    const stray = prepareSessionEnd('gone', { painAfter: 5, stoppedForPain: false }, clock)
    if (!stray.ok) throw new Error('stray')
    expect(await applySteps(db, stray.steps, clock, { replay: true })).toMatchObject({
      ok: true,
      record: { added: 0, ended: null },
    })
    expect(
      await repo.saveSessionEnd(db, 'gone', { painAfter: 5, stoppedForPain: false }, clock),
    ).toMatchObject({
      ok: false,
      reason: 'invalid',
    })
  })
})

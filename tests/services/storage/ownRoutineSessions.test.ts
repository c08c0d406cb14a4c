// A session of a routine the user built keeps the routine's name in the history; others keep none.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { ProgressDb } from '../../../src/services/storage/progressDb.ts'
import * as repo from '../../../src/services/storage/repository.ts'
import { prepareSessionStart } from '../../../src/services/storage/saves.ts'

const clock = { nowMs: () => Date.parse('2026-11-23T07:30:00Z'), timeZone: () => 'Europe/Berlin' }

describe('session start with an own routine', () => {
  it('keeps the name of an own routine, trimmed', () => {
    const out = prepareSessionStart(
      { routineId: 'own:abc', painBefore: 2, source: 'desktop', routineName: ' Desk break ' },
      clock,
    )
    expect(out.ok && out.record.routineName).toBe('Desk break')
  })

  it('keeps no name for a built-in routine, and leaves out a name that cannot be stored', () => {
    const builtIn = prepareSessionStart(
      { routineId: 'morning-mobility', painBefore: null, routineName: 'Morning mobility' },
      clock,
    )
    expect(builtIn.ok && 'routineName' in builtIn.record).toBe(false)
    const long = prepareSessionStart(
      { routineId: 'own:abc', painBefore: null, routineName: 'x'.repeat(41) },
      clock,
    )
    // the session is still saved (it is what counts for the streak), as "Own routine"
    expect(long.ok).toBe(true)
    expect(long.ok && 'routineName' in long.record).toBe(false)
  })

  it('the name is stored and read back from IndexedDB with the session', async () => {
    const db = new ProgressDb('own-routine-sessions', { indexedDB: new IDBFactory(), IDBKeyRange })
    const out = await repo.saveSessionStart(
      db,
      { routineId: 'own:abc', painBefore: 3, source: 'desktop', routineName: 'Desk break' },
      clock,
    )
    expect(out.ok).toBe(true)
    const loaded = await repo.loadProgress(db, clock)
    expect(loaded.history.sessions.map((s) => [s.routineId, s.routineName])).toEqual([
      ['own:abc', 'Desk break'],
    ])
    db.close()
  })
})

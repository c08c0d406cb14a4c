// Importing routines from a backup goes through the store: re-read first, one write, the
// kept-aside rules and the 20 limit apply, another tab hears of it, a refusal changes nothing.
import { describe, expect, it } from 'vitest'
import type { StateStorage } from 'zustand/middleware'
import {
  createOwnRoutinesStore,
  KEPT_ASIDE_PREFIX,
  OWN_ROUTINES_KEY,
} from '../../src/services/ownRoutinesStore.ts'
import { OWN_ROUTINES_MAX, type OwnRoutine } from '../../src/core/ownRoutines.ts'

const T0 = '2026-12-06T10:00:00.000Z'
const OLD = '2026-11-01T08:00:00.000Z'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  const storage: StateStorage & { data: Map<string, string>; refuse: boolean } = {
    data,
    refuse: false,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (!storage.refuse) data.set(k, v)
    },
    removeItem: (k) => void data.delete(k),
  }
  return storage
}

function storeOver(storage: StateStorage, events: EventTarget | null = null) {
  let n = 0
  return createOwnRoutinesStore({ storage, events, newId: () => `id-${++n}`, nowIso: () => T0 })
}

function own(id: string, name: string): OwnRoutine {
  return { id: `own:${id}`, name, stretches: ['cat-cow', 'bridge'], createdAt: OLD, updatedAt: OLD }
}

function stored(storage: { data: Map<string, string> }): OwnRoutine[] {
  return JSON.parse(storage.data.get(OWN_ROUTINES_KEY)!).routines
}

describe('own routines store: import from a backup', () => {
  it('adds the routines with their ids and times, renames a clash, skips one already here', () => {
    const storage = memoryStorage()
    const store = storeOver(storage)
    expect(store.getState().save({ name: 'Desk break', stretches: ['bridge'] }).ok).toBe(true)
    const here = store.getState().routines[0]!
    const out = store
      .getState()
      .importRoutines([{ ...here, name: 'Other name' }, own('a', 'DESK BREAK'), own('b', 'Night')])
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.done.alreadyHere).toBe(1)
    expect(out.done.renamed).toEqual([{ from: 'DESK BREAK', to: 'DESK BREAK (imported)' }])
    const expected = [here, { ...own('a', 'DESK BREAK (imported)') }, own('b', 'Night')]
    expect(store.getState().routines).toEqual(expected)
    // written, and read back the same by a fresh store (another tab, a reload)
    expect(stored(storage)).toEqual(expected)
    expect(storeOver(storage).getState().routines).toEqual(expected)
  })

  it('reads the storage again first: a routine another tab saved meanwhile counts against names and the limit', () => {
    const storage = memoryStorage()
    const store = storeOver(storage)
    const other = storeOver(storage)
    other.getState().save({ name: 'Night', stretches: ['bridge'] })
    const out = store.getState().importRoutines([own('b', 'Night')])
    expect(out.ok && out.done.toAdd.map((r) => r.name)).toEqual(['Night (imported)'])
    expect(store.getState().routines.map((r) => r.name)).toEqual(['Night', 'Night (imported)'])
  })

  it('imports what fits in the 20 and counts the rest', () => {
    const storage = memoryStorage()
    const store = storeOver(storage)
    for (let i = 0; i < OWN_ROUTINES_MAX - 1; i++)
      expect(store.getState().save({ name: `Mine ${i}`, stretches: ['bridge'] }).ok).toBe(true)
    const out = store.getState().importRoutines([own('a', 'A'), own('b', 'B'), own('c', 'C')])
    expect(out).toMatchObject({ ok: true, done: { overLimit: 2 } })
    expect(store.getState().routines).toHaveLength(OWN_ROUTINES_MAX)
    expect(store.getState().routines.at(-1)!.name).toBe('A')
  })

  it('storage that will not take the write: refused with a message, nothing changed', () => {
    const storage = memoryStorage()
    const store = storeOver(storage)
    store.getState().save({ name: 'Desk break', stretches: ['bridge'] })
    const before = storage.data.get(OWN_ROUTINES_KEY)
    storage.refuse = true
    const out = store.getState().importRoutines([own('a', 'A')])
    expect(out).toEqual({
      ok: false,
      message:
        'Your own routines were not added: this browser would not store them (storage full or private mode).',
    })
    expect(store.getState().routines.map((r) => r.name)).toEqual(['Desk break'])
    expect(storage.data.get(OWN_ROUTINES_KEY)).toBe(before)
  })

  it('a damaged stored entry is kept aside before the write, and stays', () => {
    const storage = memoryStorage({
      [OWN_ROUTINES_KEY]: JSON.stringify({ version: 1, routines: [own('x', 'Kept'), { id: 5 }] }),
    })
    const store = storeOver(storage)
    const out = store.getState().importRoutines([own('a', 'A')])
    expect(out.ok).toBe(true)
    expect(stored(storage).map((r) => r.name)).toEqual(['Kept', 'A'])
    const aside = [...storage.data.entries()].filter(([k]) => k.startsWith(KEPT_ASIDE_PREFIX))
    expect(aside.map(([, v]) => v)).toEqual([JSON.stringify({ id: 5 })])
    expect(store.getState().warning).toMatch(/1 saved routine could not be read/)
  })

  it('another tab hears the import through the storage event', () => {
    const storage = memoryStorage()
    const events = new EventTarget()
    const here = storeOver(storage)
    const there = storeOver(storage, events)
    here.getState().importRoutines([own('a', 'A')])
    expect(there.getState().routines).toEqual([])
    const e = new Event('storage') as Event & { key: string }
    e.key = OWN_ROUTINES_KEY
    events.dispatchEvent(e)
    expect(there.getState().routines.map((r) => r.name)).toEqual(['A'])
  })
})

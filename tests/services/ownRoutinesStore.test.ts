import { describe, expect, it } from 'vitest'
import type { StateStorage } from 'zustand/middleware'
import {
  createOwnRoutinesStore,
  KEPT_ASIDE_PREFIX,
  OWN_ROUTINES_KEY,
} from '../../src/services/ownRoutinesStore.ts'
import { memoryStorage } from './memoryStorage.ts'

const T0 = '2026-12-06T10:00:00.000Z'

function storeOver(storage: StateStorage, events: EventTarget | null = null) {
  let n = 0
  return createOwnRoutinesStore({
    storage,
    events,
    newId: () => `id-${++n}`,
    nowIso: () => T0,
  })
}

function keptAside(storage: { data: Map<string, string> }): string[] {
  return [...storage.data.entries()]
    .filter(([k]) => k.startsWith(KEPT_ASIDE_PREFIX))
    .map(([, v]) => v)
}

const DESK = {
  id: 'own:desk',
  name: 'Desk break',
  stretches: ['hip-flexor', 'bridge'],
  createdAt: T0,
  updatedAt: T0,
}

describe('own routines store', () => {
  it('saves a new routine, and a second store over the same storage reads it back in order', () => {
    const storage = memoryStorage()
    const a = storeOver(storage)
    const out = a
      .getState()
      .save({ name: ' Desk break ', stretches: ['bridge', 'cat-cow', 'knee-to-chest'] })
    expect(out.ok).toBe(true)
    const b = storeOver(storage)
    expect(b.getState().routines).toEqual([
      {
        id: 'own:id-1',
        name: 'Desk break',
        stretches: ['bridge', 'cat-cow', 'knee-to-chest'],
        createdAt: T0,
        updatedAt: T0,
      },
    ])
    expect(b.getState().warning).toBeNull()
  })

  it('refuses a duplicate name with its message and stores nothing', () => {
    const storage = memoryStorage()
    const s = storeOver(storage)
    s.getState().save({ name: 'Desk break', stretches: ['bridge'] })
    const before = storage.data.get(OWN_ROUTINES_KEY)
    const out = s.getState().save({ name: 'desk BREAK', stretches: ['cat-cow'] })
    expect(out).toEqual({
      ok: false,
      field: 'name',
      message: 'You already have a routine called "Desk break": choose another name.',
    })
    expect(storage.data.get(OWN_ROUTINES_KEY)).toBe(before)
    expect(s.getState().routines).toHaveLength(1)
  })

  it('updates a routine in place (rename, reorder) and removes it', () => {
    const storage = memoryStorage()
    const s = storeOver(storage)
    s.getState().save({ name: 'First', stretches: ['bridge'] })
    s.getState().save({ name: 'Second', stretches: ['cat-cow'] })
    const out = s
      .getState()
      .save({ name: 'Renamed', stretches: ['pelvic-tilt', 'bridge'] }, 'own:id-1')
    expect(out.ok).toBe(true)
    expect(s.getState().routines.map((r) => [r.id, r.name, r.stretches])).toEqual([
      ['own:id-1', 'Renamed', ['pelvic-tilt', 'bridge']],
      ['own:id-2', 'Second', ['cat-cow']],
    ])
    expect(s.getState().remove('own:id-1')).toEqual({ ok: true })
    expect(
      storeOver(storage)
        .getState()
        .routines.map((r) => r.name),
    ).toEqual(['Second'])
    expect(s.getState().remove('own:id-1').ok).toBe(false)
  })

  it('resolves built-in, one-stretch and own routine ids', () => {
    const s = storeOver(
      memoryStorage({ [OWN_ROUTINES_KEY]: JSON.stringify({ version: 1, routines: [DESK] }) }),
    )
    expect(s.getState().resolveRoutine('morning-mobility')?.name).toBe('Morning mobility')
    expect(s.getState().resolveRoutine('stretch:bridge')?.stretches).toEqual(['bridge'])
    expect(s.getState().resolveRoutine('own:desk')).toMatchObject({
      id: 'own:desk',
      name: 'Desk break',
      stretches: ['hip-flexor', 'bridge'],
    })
    expect(s.getState().resolveRoutine('own:gone')).toBeNull()
  })

  it('keeps an unreadable entry aside under its own key, says so, and keeps it when saving again', () => {
    const bad = {
      id: 'own:bad',
      name: '',
      stretches: ['bridge', 'bridge'],
      createdAt: 'x',
      updatedAt: T0,
    }
    const storage = memoryStorage({
      [OWN_ROUTINES_KEY]: JSON.stringify({ version: 1, routines: [DESK, bad] }),
    })
    const s = storeOver(storage)
    expect(s.getState().routines.map((r) => r.id)).toEqual(['own:desk'])
    expect(s.getState().warning).toBe(
      '1 saved routine could not be read and was kept aside; your other routines are fine.',
    )
    expect(keptAside(storage)).toEqual([JSON.stringify(bad)])
    // Loading again does not keep it twice.
    storeOver(storage)
    expect(keptAside(storage)).toHaveLength(1)
    expect(s.getState().save({ name: 'New', stretches: ['cat-cow'] }).ok).toBe(true)
    expect(keptAside(storage)).toEqual([JSON.stringify(bad)])
    expect(
      storeOver(storage)
        .getState()
        .routines.map((r) => r.name),
    ).toEqual(['Desk break', 'New'])
  })

  it('counts several unreadable entries, and duplicate ids as unreadable', () => {
    const storage = memoryStorage({
      [OWN_ROUTINES_KEY]: JSON.stringify({
        version: 1,
        routines: [DESK, 7, { ...DESK, name: 'Twin' }],
      }),
    })
    const s = storeOver(storage)
    expect(s.getState().routines).toHaveLength(1)
    expect(s.getState().warning).toBe(
      '2 saved routines could not be read and were kept aside; your other routines are fine.',
    )
    expect(keptAside(storage)).toHaveLength(2)
  })

  it('keeps a value that is not JSON at all aside before anything is written over it', () => {
    const storage = memoryStorage({ [OWN_ROUTINES_KEY]: '{"version":1,"routines":[{"id":"own:x"' })
    const s = storeOver(storage)
    expect(s.getState().routines).toEqual([])
    expect(s.getState().warning).toMatch(/could not be read and were kept aside/)
    expect(keptAside(storage)).toEqual(['{"version":1,"routines":[{"id":"own:x"'])
    expect(s.getState().save({ name: 'Fresh', stretches: ['bridge'] }).ok).toBe(true)
    expect(keptAside(storage)).toEqual(['{"version":1,"routines":[{"id":"own:x"'])
  })

  it('writes nothing over an unreadable value it could not copy aside', () => {
    const storage = memoryStorage({ [OWN_ROUTINES_KEY]: 'garbage' })
    // A storage that refuses every new key (full quota), as safeLocalStorage would silently.
    const full: StateStorage = {
      getItem: storage.getItem,
      setItem: (k, v) => {
        if (storage.data.has(k)) storage.data.set(k, v)
      },
      removeItem: storage.removeItem,
    }
    const s = storeOver(full)
    const out = s.getState().save({ name: 'Fresh', stretches: ['bridge'] })
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.message).toMatch(/nothing is written over them/)
    expect(storage.data.get(OWN_ROUTINES_KEY)).toBe('garbage')
  })

  it('sees a routine another tab saved when the storage event arrives', () => {
    const storage = memoryStorage()
    const events = new EventTarget()
    const here = storeOver(storage, events)
    const other = storeOver(storage)
    other.getState().save({ name: 'From the other tab', stretches: ['bridge'] })
    expect(here.getState().routines).toEqual([])
    events.dispatchEvent(Object.assign(new Event('storage'), { key: 'stretchcoach-settings' }))
    expect(here.getState().routines).toEqual([])
    events.dispatchEvent(Object.assign(new Event('storage'), { key: OWN_ROUTINES_KEY }))
    expect(here.getState().routines.map((r) => r.name)).toEqual(['From the other tab'])
  })

  it('saves against what another tab stored, not a stale list', () => {
    const storage = memoryStorage()
    const here = storeOver(storage)
    const other = createOwnRoutinesStore({
      storage,
      events: null,
      newId: () => 'other',
      nowIso: () => T0,
    })
    other.getState().save({ name: 'Desk break', stretches: ['bridge'] })
    const out = here.getState().save({ name: 'Desk Break', stretches: ['cat-cow'] })
    expect(out.ok).toBe(false)
    expect(
      storeOver(storage)
        .getState()
        .routines.map((r) => r.name),
    ).toEqual(['Desk break'])
  })

  it('refuses to update a routine deleted meanwhile', () => {
    const storage = memoryStorage({
      [OWN_ROUTINES_KEY]: JSON.stringify({ version: 1, routines: [DESK] }),
    })
    const s = storeOver(storage)
    storage.data.set(OWN_ROUTINES_KEY, JSON.stringify({ version: 1, routines: [] }))
    const out = s.getState().save({ name: 'Desk', stretches: ['bridge'] }, 'own:desk')
    expect(out.ok).toBe(false)
    expect(storage.data.get(OWN_ROUTINES_KEY)).toBe(JSON.stringify({ version: 1, routines: [] }))
  })
})

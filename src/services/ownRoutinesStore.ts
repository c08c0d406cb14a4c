/**
 * The routines the user built, kept in localStorage (small data; the history
 * lives in IndexedDB) under `stretchcoach-own-routines` as
 * `{ version: 1, routines: [...] }`. Each entry is read on its own, against
 * the stored shape (readOwnRoutine: the zod schema's, without loading zod on
 * the home page); one that fails is copied, untouched, under a key of its own
 * (`stretchcoach-own-routines-kept-aside:<hash>`, never written over) and
 * the store says so in plain words; the other routines work as before. The
 * store does not use zustand's persist middleware: that would replace a value
 * it cannot parse with the next write, and a user's routines must not be lost
 * to one damaged byte. Another tab's changes arrive through the `storage` event.
 */
import { create } from 'zustand'
import type { StateStorage } from 'zustand/middleware'
import {
  OWN_ROUTINE_PREFIX,
  planOwnRoutinesImport,
  readOwnRoutine,
  resolveRoutine,
  validateOwnRoutine,
  type OwnRoutine,
  type OwnRoutineDraft,
  type OwnRoutinesImport,
  type OwnRoutineValidation,
} from '../core/ownRoutines.ts'
import type { Routine } from '../core/stretches.ts'
import { safeLocalStorage } from './safeLocalStorage.ts'

/** Where the routines live. */
export const OWN_ROUTINES_KEY = 'stretchcoach-own-routines'
/** Prefix of the keys an unreadable entry is kept under. */
export const KEPT_ASIDE_PREFIX = 'stretchcoach-own-routines-kept-aside:'
const STORED_VERSION = 1

/** What a removal gave. */
export type RemoveOutcome = { ok: true } | { ok: false; message: string }

/** What importing routines from a backup did: what was added, or why nothing was. */
export type ImportRoutinesOutcome =
  { ok: true; done: OwnRoutinesImport } | { ok: false; message: string }

/** The own routines and what can be done with them. */
export interface OwnRoutinesState {
  /** the readable routines, in the order they were first saved */
  routines: readonly OwnRoutine[]
  /** entries of the stored value that could not be read (each kept aside), or -1 when the whole value could not */
  unreadable: number
  /** plain words about what was kept aside, or null */
  warning: string | null
  /** creates (no id) or updates (the routine's id) one routine; refuses with a message and changes nothing */
  save: (draft: OwnRoutineDraft, id?: string) => OwnRoutineValidation
  /** deletes one routine */
  remove: (id: string) => RemoveOutcome
  /**
   * adds routines read from a backup, keeping their ids and times (see
   * planOwnRoutinesImport: same id skipped, a taken name suffixed, the 20
   * limit); one write, or a refusal that changes nothing
   */
  importRoutines: (incoming: readonly OwnRoutine[]) => ImportRoutinesOutcome
  /** any routine by id: built-in, `stretch:<id>`, or one of these */
  resolveRoutine: (id: string) => Routine | null
  /** reads the stored value again (another tab changed it) */
  reload: () => void
}

/** What the store needs from its surroundings (tests pass a Map and fixed clocks). */
export interface OwnRoutinesOptions {
  storage?: StateStorage
  /** where `storage` events arrive (the window), or null for none */
  events?: Pick<EventTarget, 'addEventListener'> | null
  newId?: () => string
  nowIso?: () => string
}

/** The warning for a number of unreadable entries, or -1 for a whole value that could not be read. */
export function keptAsideWarning(unreadable: number): string | null {
  if (unreadable === 0) return null
  if (unreadable < 0)
    return 'Your saved routines could not be read and were kept aside on this device; the built-in routines are fine.'
  return unreadable === 1
    ? '1 saved routine could not be read and was kept aside; your other routines are fine.'
    : `${unreadable} saved routines could not be read and were kept aside; your other routines are fine.`
}

// A short content hash names the kept-aside key, so the same entry met again is kept once.
function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

/** Stores `raw` under a kept-aside key of its own unless it already is; whether it is now kept. */
function keepAside(storage: StateStorage, raw: string): boolean {
  const base = KEPT_ASIDE_PREFIX + fnv1a(raw)
  for (let n = 0; n < 50; n++) {
    const key = n === 0 ? base : `${base}-${n}`
    const there = storage.getItem(key)
    if (typeof there !== 'string') {
      storage.setItem(key, raw)
      return storage.getItem(key) === raw
    }
    if (there === raw) return true
  }
  return false
}

interface Loaded {
  routines: OwnRoutine[]
  unreadable: number
  /** false when something unreadable could not be copied aside: then nothing may be written over it */
  safeToWrite: boolean
}

function load(storage: StateStorage): Loaded {
  const raw = storage.getItem(OWN_ROUTINES_KEY)
  if (typeof raw !== 'string') return { routines: [], unreadable: 0, safeToWrite: true }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return { routines: [], unreadable: -1, safeToWrite: keepAside(storage, raw) }
  }
  const entries: unknown =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as { routines?: unknown }).routines
      : parsed
  if (!Array.isArray(entries))
    return { routines: [], unreadable: -1, safeToWrite: keepAside(storage, raw) }
  const routines: OwnRoutine[] = []
  let unreadable = 0
  let safeToWrite = true
  for (const entry of entries) {
    const got = readOwnRoutine(entry)
    // Two entries with one id cannot both be edited or deleted: the second is kept aside.
    if (got.ok && !routines.some((r) => r.id === got.routine.id)) {
      routines.push(got.routine)
      continue
    }
    unreadable += 1
    if (!keepAside(storage, JSON.stringify(entry) ?? String(entry))) safeToWrite = false
  }
  return { routines, unreadable, safeToWrite }
}

const NOT_SAFE =
  'Not saved: your saved routines could not be read nor copied aside, so nothing is written over them.'

/** Creates the store over a storage (the app passes localStorage and the window; tests a Map). */
export function createOwnRoutinesStore(options: OwnRoutinesOptions = {}) {
  const storage = options.storage ?? safeLocalStorage
  const newId = options.newId ?? (() => crypto.randomUUID())
  const nowIso = options.nowIso ?? (() => new Date().toISOString())
  const events =
    options.events === undefined ? (typeof window === 'undefined' ? null : window) : options.events
  let safeToWrite = true

  const fromStorage = () => {
    const got = load(storage)
    safeToWrite = got.safeToWrite
    return {
      routines: got.routines,
      unreadable: got.unreadable,
      warning: keptAsideWarning(got.unreadable),
    }
  }

  const write = (routines: readonly OwnRoutine[]): boolean => {
    const text = JSON.stringify({ version: STORED_VERSION, routines })
    storage.setItem(OWN_ROUTINES_KEY, text)
    return storage.getItem(OWN_ROUTINES_KEY) === text
  }

  const store = create<OwnRoutinesState>()((set, get) => ({
    ...fromStorage(),
    save: (draft, id) => {
      // Read again first: another tab may have saved since.
      set(fromStorage())
      if (!safeToWrite) return { ok: false, field: 'routine', message: NOT_SAFE }
      const routines = get().routines
      if (id !== undefined && !routines.some((r) => r.id === id))
        return {
          ok: false,
          field: 'routine',
          message: 'Not saved: that routine is no longer on this device (deleted in another tab?).',
        }
      const out = validateOwnRoutine(draft, id ?? OWN_ROUTINE_PREFIX + newId(), routines, nowIso())
      if (!out.ok) return out
      const next = routines.some((r) => r.id === out.routine.id)
        ? routines.map((r) => (r.id === out.routine.id ? out.routine : r))
        : [...routines, out.routine]
      if (!write(next))
        return {
          ok: false,
          field: 'routine',
          message: 'Not saved: this browser would not store it (storage full or private mode).',
        }
      set({ routines: next })
      return out
    },
    remove: (id) => {
      set(fromStorage())
      if (!safeToWrite) return { ok: false, message: NOT_SAFE }
      const routines = get().routines
      if (!routines.some((r) => r.id === id))
        return { ok: false, message: 'That routine is no longer on this device.' }
      const next = routines.filter((r) => r.id !== id)
      if (!write(next))
        return {
          ok: false,
          message: 'Not deleted: this browser would not change its storage (private mode?).',
        }
      set({ routines: next })
      return { ok: true }
    },
    importRoutines: (incoming) => {
      set(fromStorage())
      if (!safeToWrite) return { ok: false, message: NOT_SAFE }
      const routines = get().routines
      const done = planOwnRoutinesImport(incoming, routines)
      if (done.toAdd.length === 0) return { ok: true, done }
      // Each one passes the builder's own checks too; the backup's times are kept.
      const next = [...routines]
      for (const r of done.toAdd) {
        const out = validateOwnRoutine(r, r.id, next, nowIso())
        if (!out.ok)
          return {
            ok: false,
            message: `Your own routines were not added: "${r.name}" from the backup was refused (${out.message})`,
          }
        next.push({ ...out.routine, createdAt: r.createdAt, updatedAt: r.updatedAt })
      }
      if (!write(next))
        return {
          ok: false,
          message:
            'Your own routines were not added: this browser would not store them (storage full or private mode).',
        }
      set({ routines: next })
      return { ok: true, done: { ...done, toAdd: next.slice(routines.length) } }
    },
    resolveRoutine: (id) => resolveRoutine(id, get().routines),
    reload: () => set(fromStorage()),
  }))

  events?.addEventListener('storage', (e) => {
    const key = (e as StorageEvent).key
    // null: the other tab cleared all of localStorage
    if (key === OWN_ROUTINES_KEY || key === null) store.getState().reload()
  })
  return store
}

/** A store of own routines (the app's, or a test's). */
export type OwnRoutinesStore = ReturnType<typeof createOwnRoutinesStore>

/** The app's own routines. */
export const useOwnRoutines = createOwnRoutinesStore()

/**
 * Whether the user has read the red flags, persisted in localStorage (a tiny
 * setting, fit for zustand's persist; the history lives in IndexedDB). Storage
 * that throws (private mode, full quota) never breaks the app: the
 * acknowledgement then lasts for this visit.
 */
import { create } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { safeLocalStorage } from './safeLocalStorage.ts'

/**
 * Bump when the red-flag text changes in substance: everyone reads it again.
 * 2: the signs that call for urgent care the same day were added.
 */
export const RED_FLAGS_VERSION = 2

/** The safety store's state. */
export interface SafetyState {
  /** the version of the red flags the user acknowledged, or 0 when never */
  redFlagsVersion: number
  /** ISO time of the acknowledgement, or null */
  acknowledgedAt: string | null
  /** records that the user read the current red flags */
  acknowledgeRedFlags: (nowIso: string) => void
}

/** Creates the store over a storage (the app passes localStorage; tests pass a Map). */
export function createSafetyStore(storage: StateStorage = safeLocalStorage) {
  return create<SafetyState>()(
    persist(
      (set) => ({
        redFlagsVersion: 0,
        acknowledgedAt: null,
        acknowledgeRedFlags: (nowIso) =>
          set({ redFlagsVersion: RED_FLAGS_VERSION, acknowledgedAt: nowIso }),
      }),
      {
        name: 'stretchcoach-safety',
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (s) => ({
          redFlagsVersion: s.redFlagsVersion,
          acknowledgedAt: s.acknowledgedAt,
        }),
        // Anything stored that is not what we wrote counts as never acknowledged.
        merge: (persisted, current) => {
          const p = persisted as { redFlagsVersion?: unknown; acknowledgedAt?: unknown } | null
          const v = p?.redFlagsVersion
          const at = p?.acknowledgedAt
          const ok =
            typeof v === 'number' && Number.isInteger(v) && v >= 1 && typeof at === 'string'
          return {
            ...current,
            redFlagsVersion: ok ? v : 0,
            acknowledgedAt: ok ? at.slice(0, 40) : null,
          }
        },
      },
    ),
  )
}

/** The app's safety store. */
export const useSafety = createSafetyStore()

/** Whether the current red flags were acknowledged. */
export function redFlagsAcknowledged(s: Pick<SafetyState, 'redFlagsVersion'>): boolean {
  return s.redFlagsVersion >= RED_FLAGS_VERSION
}

/** Whether the user confirmed an older version of the red flags (they are shown again, with a word why). */
export function redFlagsUpdated(s: Pick<SafetyState, 'redFlagsVersion'>): boolean {
  return s.redFlagsVersion > 0 && s.redFlagsVersion < RED_FLAGS_VERSION
}

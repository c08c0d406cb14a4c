import type { StateStorage } from 'zustand/middleware'

/**
 * localStorage for zustand's persist middleware that never throws: a private
 * mode or a full quota must not break the app; the value then lasts for this
 * visit only. For small settings only (the history lives in IndexedDB).
 */
export const safeLocalStorage: StateStorage = {
  getItem: (name) => {
    try {
      return globalThis.localStorage?.getItem(name) ?? null
    } catch {
      return null
    }
  },
  setItem: (name, value) => {
    try {
      globalThis.localStorage?.setItem(name, value)
    } catch {
      // quota or privacy mode: kept in memory for this visit
    }
  },
  removeItem: (name) => {
    try {
      globalThis.localStorage?.removeItem(name)
    } catch {
      // see setItem
    }
  },
}

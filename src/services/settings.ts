import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { safeLocalStorage } from './safeLocalStorage.ts'
import { isValidEyeHeight } from '../core/bodyModel.ts'

/** Standing eye height (m) used to size the coach and the room until a calibration is known. */
export const DEFAULT_EYE_HEIGHT_M = 1.6

/** Small user settings, persisted to localStorage (not the history: that lives in IndexedDB). */
export interface SettingsState {
  /** calibrated standing eye height in metres, or null when never calibrated */
  calibratedEyeHeightM: number | null
  /** stores a calibrated eye height; an invalid value is refused and changes nothing */
  setCalibratedEyeHeight: (eyeHeightM: number) => boolean
  /** forgets the calibration (the default eye height applies again) */
  clearCalibration: () => void
}

/** The settings store. */
export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      calibratedEyeHeightM: null,
      setCalibratedEyeHeight: (eyeHeightM) => {
        if (!isValidEyeHeight(eyeHeightM)) return false
        set({ calibratedEyeHeightM: eyeHeightM })
        return true
      },
      clearCalibration: () => set({ calibratedEyeHeightM: null }),
    }),
    {
      name: 'stretchcoach-settings',
      version: 1,
      storage: createJSONStorage(() => safeLocalStorage),
      partialize: (s) => ({ calibratedEyeHeightM: s.calibratedEyeHeightM }),
      // A stored value that is not a valid eye height is dropped, not trusted.
      merge: (persisted, current) => {
        const p = persisted as { calibratedEyeHeightM?: unknown } | null
        const v = p?.calibratedEyeHeightM
        return {
          ...current,
          calibratedEyeHeightM: typeof v === 'number' && isValidEyeHeight(v) ? v : null,
        }
      },
    },
  ),
)

/** The eye height (m) to size things with: the calibration when known, else the default. */
export function effectiveEyeHeightM(s: Pick<SettingsState, 'calibratedEyeHeightM'>): number {
  return s.calibratedEyeHeightM ?? DEFAULT_EYE_HEIGHT_M
}

/** React hook: the eye height (m) to size the coach and the room with. */
export function useEyeHeightM(): number {
  return useSettings(effectiveEyeHeightM)
}

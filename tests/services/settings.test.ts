import { describe, expect, it } from 'vitest'
import { DEFAULT_EYE_HEIGHT_M, effectiveEyeHeightM, useSettings } from '../../src/services/settings.ts'

describe('settings', () => {
  it('uses 1.60 m until a calibration is known', () => {
    useSettings.getState().clearCalibration()
    expect(DEFAULT_EYE_HEIGHT_M).toBe(1.6)
    expect(effectiveEyeHeightM(useSettings.getState())).toBe(1.6)
  })

  it('keeps a valid calibration and refuses bad ones without changing it', () => {
    expect(useSettings.getState().setCalibratedEyeHeight(1.72)).toBe(true)
    expect(effectiveEyeHeightM(useSettings.getState())).toBe(1.72)
    for (const bad of [Number.NaN, 0.2, 3, Number.POSITIVE_INFINITY]) {
      expect(useSettings.getState().setCalibratedEyeHeight(bad)).toBe(false)
    }
    expect(useSettings.getState().calibratedEyeHeightM).toBe(1.72)
    useSettings.getState().clearCalibration()
    expect(useSettings.getState().calibratedEyeHeightM).toBeNull()
  })

  it('drops a stored value that is not a valid eye height', async () => {
    const stored = new Map<string, string>()
    stored.set(
      'stretchcoach-settings',
      JSON.stringify({ state: { calibratedEyeHeightM: 'tall' }, version: 1 }),
    )
    const g = globalThis as { localStorage?: unknown }
    g.localStorage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
      removeItem: (k: string) => void stored.delete(k),
    }
    try {
      await useSettings.persist.rehydrate()
      expect(useSettings.getState().calibratedEyeHeightM).toBeNull()
      stored.set(
        'stretchcoach-settings',
        JSON.stringify({ state: { calibratedEyeHeightM: 1.55 }, version: 1 }),
      )
      await useSettings.persist.rehydrate()
      expect(useSettings.getState().calibratedEyeHeightM).toBe(1.55)
    } finally {
      delete g.localStorage
    }
  })
})

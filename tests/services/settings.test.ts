import { describe, expect, it } from 'vitest'
import {
  createSettingsStore,
  DEFAULT_EYE_HEIGHT_M,
  DEFAULT_SOUND_VOLUME,
  effectiveEyeHeightM,
  typedEyeHeightM,
  useSettings,
} from '../../src/services/settings.ts'
import { memoryStorage } from './memoryStorage.ts'

const KEY = 'stretchcoach-settings'

function stored(state: unknown, version = 2): Record<string, string> {
  return { [KEY]: JSON.stringify({ state, version }) }
}

const DEFAULTS = {
  calibratedEyeHeightM: null,
  soundVolume: 0.7,
  soundMuted: false,
  voicePrompts: true,
  vibration: true,
  breathingSound: true,
  typedStatureM: null,
  measureStanding: true,
}

function data(s: ReturnType<ReturnType<typeof createSettingsStore>['getState']>) {
  return {
    calibratedEyeHeightM: s.calibratedEyeHeightM,
    soundVolume: s.soundVolume,
    soundMuted: s.soundMuted,
    voicePrompts: s.voicePrompts,
    vibration: s.vibration,
    breathingSound: s.breathingSound,
    typedStatureM: s.typedStatureM,
    measureStanding: s.measureStanding,
  }
}

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
    stored.set(KEY, JSON.stringify({ state: { calibratedEyeHeightM: 'tall' }, version: 1 }))
    const g = globalThis as { localStorage?: unknown }
    g.localStorage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
      removeItem: (k: string) => void stored.delete(k),
    }
    try {
      await useSettings.persist.rehydrate()
      expect(useSettings.getState().calibratedEyeHeightM).toBeNull()
      stored.set(KEY, JSON.stringify({ state: { calibratedEyeHeightM: 1.55 }, version: 1 }))
      await useSettings.persist.rehydrate()
      expect(useSettings.getState().calibratedEyeHeightM).toBe(1.55)
    } finally {
      delete g.localStorage
    }
  })

  it('starts from the defaults', () => {
    const s = createSettingsStore(memoryStorage())
    expect(data(s.getState())).toEqual(DEFAULTS)
    expect(DEFAULT_SOUND_VOLUME).toBe(0.7)
  })

  it('clamps the volume and refuses a value that is not a finite number', () => {
    const s = createSettingsStore(memoryStorage())
    const { setSoundVolume } = s.getState()
    expect(setSoundVolume(0.35)).toBe(true)
    expect(s.getState().soundVolume).toBe(0.35)
    expect(setSoundVolume(1.8)).toBe(true)
    expect(s.getState().soundVolume).toBe(1)
    expect(setSoundVolume(-0.2)).toBe(true)
    expect(s.getState().soundVolume).toBe(0)
    setSoundVolume(0.5)
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '0.9']) {
      expect(setSoundVolume(bad as number)).toBe(false)
    }
    expect(s.getState().soundVolume).toBe(0.5)
  })

  it('switches each on/off setting, and ignores what is not a boolean', () => {
    const s = createSettingsStore(memoryStorage())
    const pairs = [
      ['soundMuted', 'setSoundMuted'],
      ['voicePrompts', 'setVoicePrompts'],
      ['vibration', 'setVibration'],
      ['breathingSound', 'setBreathingSound'],
      ['measureStanding', 'setMeasureStanding'],
    ] as const
    for (const [key, setter] of pairs) {
      const before = s.getState()[key]
      s.getState()[setter](!before)
      expect(s.getState()[key]).toBe(!before)
      s.getState()[setter]('yes' as unknown as boolean)
      s.getState()[setter](undefined as unknown as boolean)
      expect(s.getState()[key]).toBe(!before)
      s.getState()[setter](before)
      expect(s.getState()[key]).toBe(before)
    }
  })

  it('keeps a typed height of 1.0–2.4 m and refuses anything else without changing it', () => {
    const s = createSettingsStore(memoryStorage())
    expect(typedEyeHeightM(s.getState())).toBeNull()
    expect(s.getState().setTypedStature(1.74)).toBe(true)
    expect(s.getState().typedStatureM).toBe(1.74)
    expect(typedEyeHeightM(s.getState())).toBeCloseTo(1.74 * 0.93, 12)
    for (const bad of [0.99, 2.41, 174, -1.7, Number.NaN, Number.POSITIVE_INFINITY, '1.8']) {
      expect(s.getState().setTypedStature(bad as number)).toBe(false)
    }
    expect(s.getState().typedStatureM).toBe(1.74)
    expect(s.getState().setTypedStature(1)).toBe(true)
    expect(s.getState().setTypedStature(2.4)).toBe(true)
    s.getState().clearTypedStature()
    expect(s.getState().typedStatureM).toBeNull()
  })

  it('sizes from the calibration, else the typed height, else 1.6 m', () => {
    const s = createSettingsStore(memoryStorage())
    expect(effectiveEyeHeightM(s.getState())).toBe(1.6)
    s.getState().setTypedStature(1.8)
    expect(effectiveEyeHeightM(s.getState())).toBeCloseTo(1.674, 12)
    s.getState().setCalibratedEyeHeight(1.62)
    expect(effectiveEyeHeightM(s.getState())).toBe(1.62)
    s.getState().clearCalibration()
    expect(effectiveEyeHeightM(s.getState())).toBeCloseTo(1.674, 12)
    // Callers that know only the calibration still compile and work.
    expect(effectiveEyeHeightM({ calibratedEyeHeightM: null })).toBe(1.6)
  })

  it('persists every setting and reads it back', () => {
    const storage = memoryStorage()
    const a = createSettingsStore(storage)
    const s = a.getState()
    s.setSoundVolume(0.4)
    s.setSoundMuted(true)
    s.setVoicePrompts(false)
    s.setVibration(false)
    s.setBreathingSound(false)
    s.setTypedStature(1.66)
    s.setMeasureStanding(false)
    s.setCalibratedEyeHeight(1.5)
    expect(JSON.parse(storage.data.get(KEY)!).version).toBe(2)
    const b = createSettingsStore(storage)
    expect(data(b.getState())).toEqual({
      calibratedEyeHeightM: 1.5,
      soundVolume: 0.4,
      soundMuted: true,
      voicePrompts: false,
      vibration: false,
      breathingSound: false,
      typedStatureM: 1.66,
      measureStanding: false,
    })
  })

  it('loads garbage as the defaults, field by field, without throwing', () => {
    const garbage = {
      calibratedEyeHeightM: Number.NaN,
      soundVolume: -0.5,
      soundMuted: 'true',
      voicePrompts: 0,
      vibration: null,
      breathingSound: [],
      typedStatureM: 17_400,
      measureStanding: 'no',
    }
    for (const blob of [
      stored(garbage),
      stored({ ...garbage, soundVolume: 'loud', typedStatureM: '1.7' }),
      stored({ soundVolume: 7, typedStatureM: -1.7, calibratedEyeHeightM: 'tall' }),
      stored({ soundVolume: null, typedStatureM: 0.5 }),
      stored(null),
      stored('settings'),
      stored([1, 2, 3]),
      stored(garbage, 1),
      stored(garbage, 99),
      { [KEY]: JSON.stringify({ state: garbage, version: 'two' }) },
      { [KEY]: 'not json {' },
      { [KEY]: '42' },
      { [KEY]: 'null' },
    ]) {
      const s = createSettingsStore(memoryStorage(blob))
      expect(data(s.getState())).toEqual(DEFAULTS)
      // still a working store
      expect(s.getState().setSoundVolume(0.2)).toBe(true)
    }
  })

  it('keeps the valid fields of a partly damaged blob', () => {
    const s = createSettingsStore(
      memoryStorage(
        stored({ soundVolume: 0, soundMuted: 'x', vibration: false, typedStatureM: 2 }),
      ),
    )
    expect(data(s.getState())).toEqual({
      ...DEFAULTS,
      soundVolume: 0,
      vibration: false,
      typedStatureM: 2,
    })
  })

  it('migrates version 1, keeping the calibration', () => {
    const storage = memoryStorage(stored({ calibratedEyeHeightM: 1.58 }, 1))
    const s = createSettingsStore(storage)
    expect(data(s.getState())).toEqual({ ...DEFAULTS, calibratedEyeHeightM: 1.58 })
    const written = JSON.parse(storage.data.get(KEY)!)
    expect(written.version).toBe(2)
    expect(written.state.calibratedEyeHeightM).toBe(1.58)
    expect(written.state.soundVolume).toBe(0.7)
    const v1Bad = createSettingsStore(memoryStorage(stored({ calibratedEyeHeightM: 9 }, 1)))
    expect(v1Bad.getState().calibratedEyeHeightM).toBeNull()
  })
})

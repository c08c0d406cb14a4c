import { describe, expect, it } from 'vitest'
import {
  chosenReward,
  createSettingsStore,
  DEFAULT_COACH_COLOUR,
  DEFAULT_ROOM_ENVIRONMENT,
} from '../../src/services/settings.ts'
import { memoryStorage } from './memoryStorage.ts'

const KEY = 'stretchcoach-settings'

function stored(state: unknown): Record<string, string> {
  return { [KEY]: JSON.stringify({ state, version: 2 }) }
}

describe('settings: the chosen streak rewards', () => {
  it('start as the quiet studio and the teal coach', () => {
    const s = createSettingsStore(memoryStorage()).getState()
    expect(DEFAULT_ROOM_ENVIRONMENT).toBe('studio')
    expect(DEFAULT_COACH_COLOUR).toBe('teal')
    expect(s.roomEnvironment).toBe('studio')
    expect(s.coachColour).toBe('teal')
  })

  it('take an unlocked reward of either kind and keep it over a reload', () => {
    const storage = memoryStorage()
    const a = createSettingsStore(storage)
    expect(a.getState().chooseReward('beach', 13)).toBe(true)
    expect(a.getState().chooseReward('violet', 13)).toBe(true)
    expect(a.getState().roomEnvironment).toBe('beach')
    expect(a.getState().coachColour).toBe('violet')
    const b = createSettingsStore(storage).getState()
    expect(b.roomEnvironment).toBe('beach')
    expect(b.coachColour).toBe('violet')
  })

  it('refuse a locked or unknown reward and a best streak that is not a count, changing nothing', () => {
    const s = createSettingsStore(memoryStorage())
    s.getState().chooseReward('garden', 3)
    s.getState().chooseReward('coral', 3)
    for (const [id, best] of [
      ['beach', 6], // needs 7
      ['mountain', 13],
      ['aurora', 29],
      ['midnight', 99],
      ['gold', 13],
      ['lava', 500],
      ['', 500],
      ['beach', Number.NaN],
      ['beach', -1],
      ['beach', Number.POSITIVE_INFINITY],
    ] as const) {
      expect(s.getState().chooseReward(id, best)).toBe(false)
    }
    expect(s.getState().chooseReward(42 as unknown as string, 100)).toBe(false)
    expect(s.getState().roomEnvironment).toBe('garden')
    expect(s.getState().coachColour).toBe('coral')
    // at the milestone itself it unlocks
    expect(s.getState().chooseReward('midnight', 100)).toBe(true)
    expect(s.getState().coachColour).toBe('midnight')
  })

  it('read a stored id that is unknown, of the wrong kind or not a string as the default, field by field', () => {
    for (const [room, colour] of [
      ['lava', 'rainbow'],
      ['violet', 'beach'], // each the other kind's id
      [7, null],
      [{ id: 'beach' }, ['gold']],
    ] as const) {
      const s = createSettingsStore(
        memoryStorage(stored({ roomEnvironment: room, coachColour: colour, soundVolume: 0.3 })),
      ).getState()
      expect(s.roomEnvironment).toBe('studio')
      expect(s.coachColour).toBe('teal')
      expect(s.soundVolume).toBe(0.3)
    }
    const ok = createSettingsStore(
      memoryStorage(stored({ roomEnvironment: 'aurora', coachColour: 'gold' })),
    ).getState()
    expect(ok.roomEnvironment).toBe('aurora')
    expect(ok.coachColour).toBe('gold')
  })

  it('put back the default of a choice the best streak no longer unlocks (history deleted)', () => {
    const s = createSettingsStore(memoryStorage())
    s.getState().chooseReward('mountain', 20)
    s.getState().chooseReward('coral', 20)
    s.getState().settleRewards(20)
    expect(s.getState().roomEnvironment).toBe('mountain')
    s.getState().settleRewards(5)
    expect(s.getState().roomEnvironment).toBe('studio')
    expect(s.getState().coachColour).toBe('coral')
    s.getState().settleRewards(0)
    expect(s.getState().coachColour).toBe('teal')
    s.getState().chooseReward('garden', 3)
    s.getState().settleRewards(Number.NaN)
    expect(s.getState().roomEnvironment).toBe('garden')
  })

  it('chosenReward: the reward when known and unlocked, else the default of its kind', () => {
    expect(chosenReward('environment', 'beach').id).toBe('beach')
    expect(chosenReward('environment', 'beach', 7).id).toBe('beach')
    expect(chosenReward('environment', 'beach', 6).id).toBe('studio')
    expect(chosenReward('environment', 'violet').id).toBe('studio')
    expect(chosenReward('coach-colour', 'violet', 7).swatch).toBe('#7657c9')
    expect(chosenReward('coach-colour', undefined).id).toBe('teal')
  })
})

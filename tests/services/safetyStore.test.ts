// The red-flag acknowledgement, persisted through an injected in-memory storage.
import { describe, expect, it } from 'vitest'
import {
  createSafetyStore,
  RED_FLAGS_VERSION,
  redFlagsAcknowledged,
  redFlagsUpdated,
} from '../../src/services/safetyStore.ts'
import { isPainRating, RED_FLAGS, URGENT_FLAGS } from '../../src/app/safety/safetyTexts.ts'
import { memoryStorage } from './memoryStorage.ts'

describe('safety store', () => {
  it('starts unacknowledged, remembers an acknowledgement across a reload', () => {
    const storage = memoryStorage()
    const a = createSafetyStore(storage)
    expect(redFlagsAcknowledged(a.getState())).toBe(false)
    a.getState().acknowledgeRedFlags('2026-11-23T07:00:00.000Z')
    expect(redFlagsAcknowledged(a.getState())).toBe(true)
    const b = createSafetyStore(storage)
    expect(redFlagsAcknowledged(b.getState())).toBe(true)
    expect(b.getState().acknowledgedAt).toBe('2026-11-23T07:00:00.000Z')
  })

  it('a stored value that is not ours counts as never acknowledged', () => {
    for (const raw of [
      '{"state":{"redFlagsVersion":"1","acknowledgedAt":"x"},"version":1}',
      '{"state":{"redFlagsVersion":1},"version":1}',
      '{"state":null,"version":1}',
    ]) {
      const s = createSafetyStore(memoryStorage({ 'stretchcoach-safety': raw }))
      expect(redFlagsAcknowledged(s.getState())).toBe(false)
    }
    const s = createSafetyStore(memoryStorage({ 'stretchcoach-safety': 'not json' }))
    expect(s.getState().redFlagsVersion).toBe(0)
  })

  it('an older acknowledgement is asked again when the red flags change', () => {
    expect(redFlagsAcknowledged({ redFlagsVersion: RED_FLAGS_VERSION - 1 })).toBe(false)
  })

  it('version 2 (the urgent-care signs): an acknowledgement of version 1 is asked again', () => {
    expect(RED_FLAGS_VERSION).toBe(2)
    const storage = memoryStorage({
      'stretchcoach-safety':
        '{"state":{"redFlagsVersion":1,"acknowledgedAt":"2026-11-23T07:00:00.000Z"},"version":1}',
    })
    const s = createSafetyStore(storage)
    expect(redFlagsAcknowledged(s.getState())).toBe(false)
    expect(redFlagsUpdated(s.getState())).toBe(true)
    s.getState().acknowledgeRedFlags('2026-12-01T07:00:00.000Z')
    expect(redFlagsAcknowledged(s.getState())).toBe(true)
    expect(redFlagsUpdated(s.getState())).toBe(false)
    expect(JSON.parse(storage.data.get('stretchcoach-safety')!).state.redFlagsVersion).toBe(2)
    // A user who never confirmed any version reads them as new, not as updated.
    expect(redFlagsUpdated(createSafetyStore(memoryStorage()).getState())).toBe(false)
  })

  it('the red flags name the four signs of docs/product.md', () => {
    const text = RED_FLAGS.join(' ').toLowerCase()
    for (const word of ['leg', 'numbness', 'tingling', 'weakness', 'weeks', 'injury', 'illness']) {
      expect(text).toContain(word)
    }
  })

  it('the urgent-care signs name the three of docs/product.md', () => {
    const text = URGENT_FLAGS.join(' ').toLowerCase()
    for (const word of ['bladder', 'bowels', 'groin', 'thighs', 'numb', 'fever', 'weight']) {
      expect(text).toContain(word)
    }
  })

  it('pain ratings are integers 0–10', () => {
    expect(isPainRating(0)).toBe(true)
    expect(isPainRating(10)).toBe(true)
    expect(isPainRating(11)).toBe(false)
    expect(isPainRating(2.5)).toBe(false)
    expect(isPainRating('3')).toBe(false)
  })
})

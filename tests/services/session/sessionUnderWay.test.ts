import { describe, expect, it } from 'vitest'
import { sessionUnderWay, useSessionStore } from '../../../src/services/session/sessionStore.ts'

describe('sessionUnderWay (an update waits while it is true)', () => {
  const base = useSessionStore.getState()
  it('is true from the check-in until the check-out is saved', () => {
    expect(sessionUnderWay({ ...base, status: 'idle' })).toBe(false)
    for (const status of ['prepared', 'calibrating', 'running'] as const) {
      expect(sessionUnderWay({ ...base, status })).toBe(true)
    }
    const finished = { ...base, status: 'finished' as const }
    expect(sessionUnderWay({ ...finished, endSave: null })).toBe(true)
    expect(sessionUnderWay({ ...finished, endSave: 'saving' })).toBe(true)
    expect(sessionUnderWay({ ...finished, endSave: 'saved', pendingSaves: 1 })).toBe(true)
    expect(sessionUnderWay({ ...finished, endSave: 'saved', pendingSaves: 0 })).toBe(false)
    expect(sessionUnderWay({ ...finished, endSave: 'failed', pendingSaves: 0 })).toBe(false)
  })
})

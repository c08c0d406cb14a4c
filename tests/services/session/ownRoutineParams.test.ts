// ?routine=own:<id> preselects a routine the user saved on this device; an unknown one is an error.
import { describe, expect, it } from 'vitest'

describe('parseSessionParams with own routines', () => {
  it('resolves a saved own routine and refuses one not on this device', async () => {
    // The app's store reads localStorage (Node has none): a Map stands in before it loads.
    const data = new Map<string, string>()
    ;(globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    }
    const { useOwnRoutines } = await import('../../../src/services/ownRoutinesStore.ts')
    const { parseSessionParams } = await import('../../../src/services/session/sessionParams.ts')
    const saved = useOwnRoutines
      .getState()
      .save({ name: 'Desk break', stretches: ['bridge', 'cat-cow'] })
    expect(saved.ok).toBe(true)
    if (!saved.ok) return
    const p = parseSessionParams(`?routine=${saved.routine.id}`)
    expect(p.errors).toEqual([])
    expect(p.routine).toMatchObject({
      id: saved.routine.id,
      name: 'Desk break',
      stretches: ['bridge', 'cat-cow'],
    })
    const unknown = parseSessionParams('?routine=own:not-here')
    expect(unknown.routine).toBeNull()
    expect(unknown.errors).toEqual(['Unknown routine "own:not-here": choose a routine below.'])
  })
})

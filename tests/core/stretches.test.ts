import { describe, expect, it } from 'vitest'
import {
  isStretchId,
  ROUTINES,
  sidesOf,
  STRETCH_IDS,
  STRETCH_LIST,
  STRETCHES,
} from '../../src/core/stretches.ts'

describe('stretch catalogue', () => {
  it('holds the ten ids of the spec, each keyed by its own id', () => {
    expect(STRETCH_IDS).toHaveLength(10)
    for (const id of STRETCH_IDS) expect(STRETCHES[id].id).toBe(id)
    expect(STRETCH_LIST.map((s) => s.id)).toEqual([...STRETCH_IDS])
  })

  it('doses repetition stretches in reps and the rest as 30 s holds', () => {
    expect(STRETCHES['cat-cow'].dose).toEqual({ kind: 'reps', reps: 8 })
    expect(STRETCHES['pelvic-tilt'].dose).toEqual({ kind: 'reps', reps: 10 })
    expect(STRETCHES.bridge.dose).toEqual({ kind: 'reps', reps: 8 })
    expect(STRETCHES['childs-pose'].dose).toEqual({ kind: 'hold', holdSeconds: 30 })
  })

  it('does one-sided stretches left first', () => {
    expect(sidesOf('supine-twist')).toEqual(['left', 'right'])
    expect(sidesOf('childs-pose')).toEqual(['both'])
    const sided = STRETCH_LIST.filter((s) => s.sided).map((s) => s.id)
    expect(sided.sort()).toEqual(
      [
        'childs-pose-side',
        'glute-stretch',
        'hamstring-stretch',
        'hip-flexor',
        'knee-to-chest',
        'supine-twist',
      ].sort(),
    )
  })

  it('has the morning and evening routines of the product, which together make all ten', () => {
    const morning = ROUTINES.find((r) => r.id === 'morning-mobility')!
    const evening = ROUTINES.find((r) => r.id === 'evening-activation')!
    expect(morning.stretches).toEqual([
      'childs-pose',
      'cat-cow',
      'knee-to-chest',
      'supine-twist',
      'childs-pose-side',
    ])
    expect(evening.stretches).toEqual([
      'pelvic-tilt',
      'bridge',
      'hip-flexor',
      'glute-stretch',
      'hamstring-stretch',
    ])
    expect(new Set([...morning.stretches, ...evening.stretches]).size).toBe(10)
  })

  it('recognises only known ids', () => {
    expect(isStretchId('bridge')).toBe(true)
    expect(isStretchId('plank')).toBe(false)
    expect(isStretchId(3)).toBe(false)
  })
})

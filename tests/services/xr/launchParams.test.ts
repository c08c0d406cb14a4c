import { describe, expect, it } from 'vitest'
import { chooseSessionMode, parseLaunchParams } from '../../../src/services/xr/launchParams.ts'

describe('parseLaunchParams', () => {
  it('reads the emulated headset and the mode, case-insensitively', () => {
    expect(parseLaunchParams('?emulate=Quest3&mode=AR')).toEqual({
      emulate: 'quest3',
      mode: 'ar',
      errors: [],
    })
    expect(parseLaunchParams('?emulate=questpro').emulate).toBe('questpro')
    expect(parseLaunchParams('?emulate=quest2&mode=vr').mode).toBe('vr')
  })

  it('asks for nothing when the address says nothing', () => {
    expect(parseLaunchParams('')).toEqual({ emulate: null, mode: null, errors: [] })
  })

  it('turns unknown values into messages, keeping the rest', () => {
    const p = parseLaunchParams('?emulate=pico4&mode=vr')
    expect(p.emulate).toBeNull()
    expect(p.mode).toBe('vr')
    expect(p.errors).toHaveLength(1)
    expect(p.errors[0]).toContain('"pico4"')
    expect(p.errors[0]).toContain('quest3, quest2, questpro')
    const m = parseLaunchParams('?mode=xr')
    expect(m.mode).toBeNull()
    expect(m.errors[0]).toContain('Unknown mode')
  })

  it('never throws on hostile input and bounds what it echoes', () => {
    const long = 'x'.repeat(10_000)
    const p = parseLaunchParams(`?emulate=${long}&mode=%E0%A4%A`)
    expect(p.emulate).toBeNull()
    expect(p.errors[0]!.length).toBeLessThan(200)
    expect(() => parseLaunchParams('?%%%&&&==')).not.toThrow()
  })
})

describe('chooseSessionMode', () => {
  const both = { vr: true, ar: true }
  it('honours the mode asked for when supported', () => {
    expect(chooseSessionMode('vr', both)).toBe('immersive-vr')
    expect(chooseSessionMode('ar', both)).toBe('immersive-ar')
  })
  it('prefers passthrough when nothing is asked', () => {
    expect(chooseSessionMode(null, both)).toBe('immersive-ar')
    expect(chooseSessionMode(null, { vr: true, ar: false })).toBe('immersive-vr')
  })
  it('falls back to what is supported, or null', () => {
    expect(chooseSessionMode('ar', { vr: true, ar: false })).toBe('immersive-vr')
    expect(chooseSessionMode('vr', { vr: false, ar: true })).toBe('immersive-ar')
    expect(chooseSessionMode('vr', { vr: false, ar: false })).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import {
  isUserHoldSeconds,
  parseSessionParams,
} from '../../../src/services/session/sessionParams.ts'

describe('parseSessionParams', () => {
  it('reads the routine from the page query (and the hash, for old links)', () => {
    const p = parseSessionParams('?routine=evening-activation', '#/')
    expect(p.routine?.id).toBe('evening-activation')
    expect(p.errors).toEqual([])
    expect(p.testHoldSeconds).toBeNull()
    expect(parseSessionParams('', '#/session?routine=all-ten').routine?.id).toBe('all-ten')
  })

  it('one stretch is a routine of its own, both sides where it has two', () => {
    const p = parseSessionParams('?stretch=knee-to-chest', '')
    expect(p.routine?.id).toBe('stretch:knee-to-chest')
    expect(p.routine?.stretches).toEqual(['knee-to-chest'])
    expect(p.routine?.name).toBe('Knee-to-chest stretch only')
  })

  it('an unknown routine or stretch names none, with a message', () => {
    const p = parseSessionParams('?routine=%3Cscript%3E', '')
    expect(p.routine).toBeNull()
    expect(p.errors[0]).toMatch(/Unknown routine/)
    const s = parseSessionParams('?stretch=nope', '')
    expect(s.routine).toBeNull()
    expect(s.errors[0]).toMatch(/Unknown stretch/)
  })

  it('takes a test eye height only under emulation, and only a valid one', () => {
    expect(parseSessionParams('?eyeHeight=1.8', '').testEyeHeightM).toBeNull()
    expect(parseSessionParams('?emulate=quest3&eyeHeight=1.81', '').testEyeHeightM).toBe(1.81)
    const bad = parseSessionParams('?emulate=quest3&eyeHeight=9', '')
    expect(bad.testEyeHeightM).toBeNull()
    expect(bad.errors[0]).toMatch(/eyeHeight/)
  })

  it('takes a test hold only under emulation, and only 1–30 s', () => {
    expect(parseSessionParams('?holdSeconds=4', '#/session').testHoldSeconds).toBeNull()
    // the desktop routine measures nothing: its short holds need no emulation
    expect(parseSessionParams('?holdSeconds=4', '#/practice').desktopHoldSeconds).toBe(4)
    expect(parseSessionParams('?holdSeconds=0', '#/practice').desktopHoldSeconds).toBeNull()
    expect(parseSessionParams('?emulate=quest3&holdSeconds=4', '#/session').testHoldSeconds).toBe(4)
    const bad = parseSessionParams('?emulate=quest3&holdSeconds=9999', '#/session')
    expect(bad.testHoldSeconds).toBeNull()
    expect(bad.errors[0]).toMatch(/holdSeconds/)
    expect(parseSessionParams('?emulate=quest3&holdSeconds=abc', '#').testHoldSeconds).toBeNull()
  })

  it('user holds are 20–30 s', () => {
    expect(isUserHoldSeconds(20)).toBe(true)
    expect(isUserHoldSeconds(30)).toBe(true)
    expect(isUserHoldSeconds(19)).toBe(false)
    expect(isUserHoldSeconds(Number.NaN)).toBe(false)
    expect(isUserHoldSeconds('25')).toBe(false)
  })
})

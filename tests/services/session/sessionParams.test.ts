import { describe, expect, it } from 'vitest'
import { isUserHoldSeconds, parseSessionParams } from '../../../src/services/session/sessionParams.ts'

describe('parseSessionParams', () => {
  it('reads the routine from the hash', () => {
    const p = parseSessionParams('', '#/session?routine=evening-activation')
    expect(p.routine.id).toBe('evening-activation')
    expect(p.errors).toEqual([])
    expect(p.testHoldSeconds).toBeNull()
  })

  it('an unknown routine falls back to the first one with a message', () => {
    const p = parseSessionParams('', '#/session?routine=%3Cscript%3E')
    expect(p.routine.id).toBe('morning-mobility')
    expect(p.errors[0]).toMatch(/Unknown routine/)
  })

  it('takes a test hold only under emulation, and only 1–30 s', () => {
    expect(parseSessionParams('?holdSeconds=4', '#/session').testHoldSeconds).toBeNull()
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

// The calendar arithmetic is plain integer day counting; date-fns (what it
// replaced) is the oracle, over every date from 1900 to 2199 and random steps.
import { TZDate } from '@date-fns/tz'
import { addDays, differenceInCalendarDays, format } from 'date-fns'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addCivilDays,
  civilDaysBetween,
  isCivilDate,
  isoWeekdayIndex,
  isValidTimeZone,
} from '../../../src/core/history/civilDate.ts'

function utcDate(date: string): TZDate {
  const [y, m, d] = date.split('-').map(Number)
  return new TZDate(y!, m! - 1, d!, 'UTC')
}

const civil = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2199-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10))

describe('civil dates without date-fns in the loop', () => {
  it('adds days, counts days between and finds the weekday exactly as date-fns does', () => {
    fc.assert(
      fc.property(civil, civil, fc.integer({ min: -40_000, max: 40_000 }), (a, b, n) => {
        expect(addCivilDays(a, n)).toBe(format(addDays(utcDate(a), n), 'yyyy-MM-dd'))
        expect(civilDaysBetween(a, b)).toBe(differenceInCalendarDays(utcDate(b), utcDate(a)))
        expect(isoWeekdayIndex(a)).toBe((utcDate(a).getDay() + 6) % 7)
      }),
      { numRuns: 2000 },
    )
  })

  it('walks every date of a century in step with date-fns', () => {
    let d = '2000-01-01'
    let ref = utcDate(d)
    for (let i = 0; i < 100 * 366 && d < '2100-01-01'; i++) {
      expect(d).toBe(format(ref, 'yyyy-MM-dd'))
      expect(isCivilDate(d)).toBe(true)
      d = addCivilDays(d, 1)
      ref = addDays(ref, 1)
    }
  })

  it('knows real dates from impossible ones', () => {
    expect(isCivilDate('2024-02-29')).toBe(true)
    expect(isCivilDate('2000-02-29')).toBe(true)
    for (const bad of [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-1',
      42,
    ])
      expect(isCivilDate(bad)).toBe(false)
    expect(isCivilDate('0100-01-01')).toBe(true)
    expect(isCivilDate('9999-12-31')).toBe(true)
  })

  it('accepts zone names the runtime knows, again and again (cached), and nothing else', () => {
    for (let i = 0; i < 3; i++) {
      expect(isValidTimeZone('Europe/Berlin')).toBe(true)
      expect(isValidTimeZone('Mars/Olympus')).toBe(false)
    }
    expect(isValidTimeZone('')).toBe(false)
    expect(isValidTimeZone(7)).toBe(false)
  })
})

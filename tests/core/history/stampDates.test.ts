// Dates are checked on import and on read: a local date must be the date of
// its instant somewhere between UTC−12 and UTC+14, and no stamp may be before
// 2020-01-01 or more than two days after now. A file with one bad date is
// refused whole, naming the record and the date.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BACKUP_FORMAT,
  checkBackup,
  parseBackup,
  type CheckProgress,
} from '../../../src/core/history/backup.ts'
import { stampAt } from '../../../src/core/history/civilDate.ts'
import { readRecord, stampProblem } from '../../../src/core/history/records.ts'
import { checkIn, session } from './historyFixtures.ts'

const NOW = Date.parse('2026-11-23T19:30:00Z')
const HOUR = 3_600_000

function file(checkIns: unknown[]): string {
  return JSON.stringify({ format: BACKUP_FORMAT, version: 1, checkIns })
}

function withStamp(utc: string, timeZone: string, localDate: string) {
  return { ...checkIn(4, '2026-01-01T10:00:00Z'), at: { utc, timeZone, localDate } }
}

describe('stamp dates', () => {
  it('accepts what the app stamps, in any zone from UTC−12 to UTC+14, from 2020 to now', () => {
    const zones = [
      'Etc/GMT+12',
      'Pacific/Pago_Pago',
      'America/Los_Angeles',
      'UTC',
      'Europe/Berlin',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Pacific/Tongatapu',
      'Pacific/Kiritimati',
    ]
    const from = Date.parse('2020-01-01T14:00:00Z')
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: NOW + 47 * HOUR }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const stamp = stampAt(ms, zone)
          expect(stampProblem(stamp, NOW)).toBeNull()
          expect(
            readRecord('checkIns', { ...checkIn(3, '2026-01-01T10:00:00Z'), at: stamp }, 'UTC', NOW)
              .ok,
          ).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('does not require the named zone to agree (zone rules change), only some zone on Earth', () => {
    // 20:00 UTC is already the next day from UTC+4 on; Paris is UTC+1.
    expect(
      stampProblem({
        utc: '2026-03-10T20:00:00.000Z',
        timeZone: 'Europe/Paris',
        localDate: '2026-03-11',
      }),
    ).toBeNull()
    // 23:00 UTC is the same day down to UTC−12 and the next from UTC+1.
    expect(
      stampProblem({ utc: '2026-03-10T23:00:00.000Z', timeZone: 'UTC', localDate: '2026-03-10' }),
    ).toBeNull()
    expect(
      stampProblem({ utc: '2026-03-10T11:59:00.000Z', timeZone: 'UTC', localDate: '2026-03-09' }),
    ).toBeNull()
  })

  it('refuses a local date that is no date of the instant anywhere', () => {
    expect(
      stampProblem({ utc: '2026-03-10T12:00:00.000Z', timeZone: 'UTC', localDate: '2026-03-12' }),
    ).toEqual({
      date: '2026-03-12',
      reason: 'local date 2026-03-12 is not the date of 2026-03-10T12:00:00.000Z in any time zone',
    })
    // UTC−12 reaches back to the previous date only before 12:00 UTC, UTC+14 on to the next from 10:00 UTC.
    const at = (utc: string, localDate: string) =>
      stampProblem({ utc: `2026-03-10T${utc}:00.000Z`, timeZone: 'UTC', localDate })
    expect(at('11:59', '2026-03-09')).toBeNull()
    expect(at('12:00', '2026-03-09')).not.toBeNull()
    expect(at('10:00', '2026-03-11')).toBeNull()
    expect(at('09:59', '2026-03-11')).not.toBeNull()
  })

  it('refuses dates before 2020-01-01, and after now only by more than two days', () => {
    expect(
      stampProblem({ utc: '2019-12-31T12:00:00.000Z', timeZone: 'UTC', localDate: '2019-12-31' }),
    ).toEqual({
      date: '2019-12-31',
      reason: 'dated 2019-12-31, before 2020-01-01',
    })
    // New Year 2020 came first to UTC+14, while it was still 2019 in UTC.
    expect(
      stampProblem(stampAt(Date.parse('2019-12-31T10:00:00Z'), 'Pacific/Kiritimati')),
    ).toBeNull()
    expect(stampProblem(stampAt(NOW + 47 * HOUR, 'UTC'), NOW)).toBeNull()
    const ahead = stampAt(NOW + 49 * HOUR, 'UTC')
    expect(stampProblem(ahead, NOW)).toEqual({
      date: '2026-11-25',
      reason: 'dated 2026-11-25, more than two days after 2026-11-23',
      notBeforeMs: NOW + HOUR,
    })
    // Without a "now" (a write's own re-read) only the timeless checks apply.
    expect(stampProblem(ahead)).toBeNull()
  })

  it('checks every stamp of a record: a session end too', () => {
    const s = session('s1', 'morning-mobility', '2026-03-10T07:00:00Z', 4, 2)
    expect(readRecord('sessions', s, 'UTC', NOW).ok).toBe(true)
    const bad = {
      ...s,
      end: { ...s.end!, localDate: '0100-01-01', utc: '0100-01-01T07:15:00.000Z' },
    }
    expect(readRecord('sessions', bad, 'UTC', NOW)).toEqual({
      ok: false,
      reason: 'end: dated 0100-01-01, before 2020-01-01',
      date: '0100-01-01',
    })
    const v0 = { id: 'old', pain: 4, at: '2019-06-01T10:00:00.000Z' }
    expect(readRecord('checkIns', v0, 'UTC', NOW)).toMatchObject({ ok: false, date: '2019-06-01' })
  })
})

describe('a backup with impossible dates', () => {
  it('is refused whole, naming the record and the date (0100-01-01 and 9999-12-31)', () => {
    const far = [
      withStamp('2026-11-20T10:00:00.000Z', 'Europe/Berlin', '2026-11-20'),
      withStamp('0100-01-01T10:00:00.000Z', 'Europe/Berlin', '0100-01-01'),
      withStamp('9999-12-31T10:00:00.000Z', 'Europe/Berlin', '9999-12-31'),
    ]
    const out = parseBackup(file(far), 'UTC', NOW)
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.message).toContain(
      `The backup's pain check-in number 2 (id ${far[1]!.id}) has an impossible date, 0100-01-01`,
    )
    expect(out.message).toContain('before 2020-01-01')
    expect(out.message).toContain('Nothing was imported')
    const future = parseBackup(file([far[0], far[2]]), 'UTC', NOW)
    expect(future).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        'number 2 (id ' +
          far[2]!.id +
          ') has an impossible date, 9999-12-31 (at: dated 9999-12-31, more than two days after 2026-11-23)',
      ),
    })
    expect(future.ok || future.message).toContain(
      "If this device's date is wrong, correct it and try again",
    )
    const mismatch = parseBackup(
      file([withStamp('2026-11-20T10:00:00.000Z', 'Europe/Berlin', '2026-11-22')]),
      'UTC',
      NOW,
    )
    expect(mismatch).toMatchObject({
      ok: false,
      message: expect.stringContaining('impossible date, 2026-11-22'),
    })
    expect(parseBackup(file([far[0]]), 'UTC', NOW).ok).toBe(true)
  })

  it('is checked in batches, reporting progress, with the same outcome as in one go', () => {
    const list = Array.from({ length: 2500 }, (_, i) => ({
      ...checkIn(i % 11, '2026-11-20T10:00:00Z'),
      id: `c${i}`,
    }))
    const steps = checkBackup(file(list), 'UTC', NOW, 1000)
    const seen: CheckProgress[] = []
    let step = steps.next()
    while (!step.done) {
      seen.push(step.value)
      step = steps.next()
    }
    expect(seen).toEqual([
      { checked: 0, total: 2500 },
      { checked: 1000, total: 2500 },
      { checked: 2000, total: 2500 },
    ])
    expect(step.value).toEqual(parseBackup(file(list), 'UTC', NOW))
    expect(step.value.ok && step.value.records.checkIns).toHaveLength(2500)
  })
})

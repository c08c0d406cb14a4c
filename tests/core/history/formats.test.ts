import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ACHIEVEMENTS } from '../../../src/core/history/achievements.ts'
import {
  BACKUP_FORMAT,
  makeBackup,
  parseBackup,
  planImport,
} from '../../../src/core/history/backup.ts'
import { celebrationFor } from '../../../src/core/history/celebration.ts'
import {
  addCivilDays,
  civilDaysBetween,
  isCivilDate,
  isValidTimeZone,
} from '../../../src/core/history/civilDate.ts'
import { CSV_HEADER, csvCell, historyToCsv } from '../../../src/core/history/csv.ts'
import { dailyReminderIcs, foldIcsLine } from '../../../src/core/history/ics.ts'
import { migrateV0ToV1, readRecord } from '../../../src/core/history/records.ts'
import { isRewardUnlocked, STREAK_REWARDS } from '../../../src/core/history/rewards.ts'
import { weeklyTrends } from '../../../src/core/history/trends.ts'
import {
  pendingUnlocks,
  reduceUnlocks,
  changedUnlocks,
} from '../../../src/core/history/unlockQueue.ts'
import { asV1, checkIn, desktopRec, hist, rec, result, session } from './historyFixtures.ts'

describe('records: validation and the v0 → v1 → v2 migration', () => {
  it('reads a valid v2 record unchanged', () => {
    const r = rec('bridge', '2026-01-01T10:00:00Z', 'Europe/Paris')
    expect(readRecord('results', r, 'UTC')).toEqual({ ok: true, record: r, migrated: false })
  })

  it('migrates a v0 result: bare UTC time → stamp in the fallback zone', () => {
    const v0 = {
      id: 'a',
      sessionId: 's',
      routineId: 'all-ten',
      result: result('bridge'),
      at: '2026-01-01T23:30:00.000Z',
    }
    const out = readRecord('results', v0, 'Asia/Tokyo')
    expect(out.ok && out.migrated).toBe(true)
    expect(out.ok && out.record.at).toEqual({
      utc: '2026-01-01T23:30:00.000Z',
      timeZone: 'Asia/Tokyo',
      localDate: '2026-01-02',
    })
    expect(migrateV0ToV1('results', { ...v0, at: 'yesterday' }, 'UTC')).toBeNull()
  })

  it('never throws on garbage and says why', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.constantFrom('results', 'sessions', 'checkIns', 'unlocks') as fc.Arbitrary<'results'>,
        (raw, kind) => {
          const out = readRecord(kind, raw, 'UTC')
          if (!out.ok) expect(out.reason.length).toBeGreaterThan(0)
        },
      ),
    )
    expect(
      readRecord('results', { ...rec('bridge', '2026-01-01T10:00:00Z'), schemaVersion: 7 }, 'UTC'),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('newer') })
    expect(
      readRecord(
        'results',
        {
          ...rec('bridge', '2026-01-01T10:00:00Z'),
          at: {
            utc: '2026-01-01T10:00:00.000Z',
            timeZone: 'Mars/Olympus',
            localDate: '2026-01-01',
          },
        },
        'UTC',
      ).ok,
    ).toBe(false)
    expect(
      readRecord('checkIns', { ...checkIn(3, '2026-01-01T10:00:00Z'), pain: 11 }, 'UTC').ok,
    ).toBe(false)
  })

  it('civil dates: real dates only, calendar steps across month, year and leap day', () => {
    expect(isCivilDate('2028-02-29')).toBe(true)
    expect(isCivilDate('2026-02-29')).toBe(false)
    expect(isCivilDate('2026-13-01')).toBe(false)
    expect(addCivilDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addCivilDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(civilDaysBetween('2026-03-28', '2026-03-30')).toBe(2)
    expect(isValidTimeZone('Pacific/Kiritimati')).toBe(true)
    expect(isValidTimeZone('Nowhere/Else')).toBe(false)
  })
})

describe('unlock queue', () => {
  it('adds each id once, shows each once, and reports only the changed records', () => {
    const at = { utc: '2026-01-01T10:00:00.000Z', timeZone: 'UTC', localDate: '2026-01-01' }
    const q0 = { events: [] }
    const q1 = reduceUnlocks(q0, { type: 'earned', ids: ['a', 'b', 'a'], at })
    expect(q1.events.map((e) => e.id)).toEqual(['a', 'b'])
    expect(reduceUnlocks(q1, { type: 'earned', ids: ['a'], at })).toBe(q1)
    const q2 = reduceUnlocks(q1, { type: 'shown', ids: ['a'] })
    expect(pendingUnlocks(q2).map((e) => e.id)).toEqual(['b'])
    expect(changedUnlocks(q1, q2).map((e) => e.id)).toEqual(['a'])
    expect(reduceUnlocks(q2, { type: 'shown', ids: ['a'] })).toBe(q2)
  })

  it('every achievement has a celebration a headset can render: tune, colour, words', () => {
    for (const a of ACHIEVEMENTS) {
      const c = celebrationFor(a)
      expect(c.tune.length).toBeGreaterThan(1)
      for (const t of c.tune) expect(t.frequencyHz).toBeGreaterThan(200)
      expect(c.colour).toMatch(/^#[0-9a-f]{6}$/)
      expect(c.message).toContain(a.title)
    }
  })

  it('streak rewards unlock at their milestones', () => {
    expect(STREAK_REWARDS.filter((r) => isRewardUnlocked(r, 7)).map((r) => r.id)).toEqual([
      'studio',
      'garden',
      'beach',
      'teal',
      'coral',
      'violet',
    ])
    expect(
      STREAK_REWARDS.filter((r) => isRewardUnlocked(r, 0)).every((r) => r.streakDays === 0),
    ).toBe(true)
  })
})

const NOW = Date.parse('2026-12-01T00:00:00Z')

describe('backup', () => {
  it('round-trips and merges by id', () => {
    const h = hist([rec('bridge', '2026-01-01T10:00:00Z')], [checkIn(4, '2026-01-01T09:00:00Z')])
    const text = JSON.stringify(makeBackup(h, [], Date.parse('2026-01-02T00:00:00Z')))
    const parsed = parseBackup('\uFEFF' + text, 'UTC', NOW)
    expect(parsed.ok && parsed.records.results).toEqual(h.results)
    if (!parsed.ok) return
    const none = {
      results: new Set<string>(),
      sessions: new Set<string>(),
      checkIns: new Set<string>(),
      unlocks: new Set<string>(),
    }
    expect(planImport(none, parsed.records).toAdd.results).toHaveLength(1)
    const all = { ...none, results: new Set([h.results[0]!.id]) }
    expect(planImport(all, parsed.records).alreadyHere.results).toBe(1)
  })

  it('writes version 2 and reads it back whole: desktop stretches, sources, targets', () => {
    const h = hist(
      [
        rec('bridge', '2026-01-01T10:00:00Z', 'UTC', {}, 'h1', 'evening-activation'),
        desktopRec('hip-flexor', '2026-01-01T18:00:00Z', 'completed', 'UTC', 'd1', 'all-ten', {
          left: { seconds: 30, reps: null },
          right: { seconds: 30, reps: null },
        }),
        desktopRec(
          'cat-cow',
          '2026-01-01T18:05:00Z',
          'skipped',
          'UTC',
          'd1',
          'all-ten',
          {},
          {
            holdSeconds: null,
            reps: 8,
          },
        ),
      ],
      [checkIn(4, '2026-01-01T09:00:00Z')],
      [
        session('h1', 'evening-activation', '2026-01-01T09:55:00Z', 4, 2),
        session('d1', 'all-ten', '2026-01-01T17:55:00Z', 3, 3, 'UTC', 'desktop'),
      ],
    )
    const b = makeBackup(h, [], NOW)
    expect(b.version).toBe(2)
    const parsed = parseBackup(JSON.stringify(b), 'UTC', NOW)
    expect(parsed).toEqual({
      ok: true,
      records: { results: h.results, sessions: h.sessions, checkIns: h.checkIns, unlocks: [] },
      routines: { routines: [], problems: [] },
    })
  })

  it('imports a version 1 file of version 1 records, migrated; refuses a version 2 record that breaks the rules', () => {
    const measured = rec('bridge', '2026-01-01T10:00:00Z')
    const v1File = {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: '2026-01-02T00:00:00.000Z',
      results: [asV1(measured)],
      sessions: [{ ...session('s', 'all-ten', '2026-01-01T09:00:00Z', 3, 2), schemaVersion: 1 }],
      checkIns: [{ ...checkIn(2, '2026-01-01T09:00:00Z'), schemaVersion: 1 }],
      unlocks: [],
    }
    delete (v1File.sessions[0] as { source?: string }).source
    const parsed = parseBackup(JSON.stringify(v1File), 'UTC', NOW)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.records.results).toEqual([{ ...measured, targets: null }])
    expect(parsed.records.sessions[0]).toMatchObject({ schemaVersion: 2, source: 'headset' })
    expect(parsed.records.checkIns[0]!.schemaVersion).toBe(2)
    const scored = { ...desktopRec('bridge', '2026-01-01T10:00:00Z'), result: result('bridge') }
    const bad = parseBackup(
      JSON.stringify({ ...makeBackup(hist(), [], NOW), results: [scored] }),
      'UTC',
      NOW,
    )
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringContaining('stretch number 1 is damaged (result: a stretch followed'),
    })
  })

  it('carries set-aside records verbatim, and import ignores them', () => {
    const b = makeBackup(hist(), [], 0, [
      { table: 'results', key: 'x', raw: { junk: 1 }, reason: 'r', at: '' },
    ])
    expect(b.setAside).toHaveLength(1)
    const parsed = parseBackup(JSON.stringify(b), 'UTC', NOW)
    expect(parsed.ok && parsed.records.results).toEqual([])
    expect('setAside' in makeBackup(hist(), [], 0)).toBe(false)
  })

  it('refuses anything that is not a whole valid backup', () => {
    expect(parseBackup('[]', 'UTC', NOW).ok).toBe(false)
    expect(parseBackup(JSON.stringify({ format: 'other' }), 'UTC', NOW).ok).toBe(false)
    expect(
      parseBackup(JSON.stringify({ format: BACKUP_FORMAT, version: 99 }), 'UTC', NOW),
    ).toMatchObject({ ok: false, message: expect.stringContaining('newer') })
    expect(
      parseBackup(JSON.stringify({ format: BACKUP_FORMAT, version: 1, results: {} }), 'UTC', NOW)
        .ok,
    ).toBe(false)
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => parseBackup(s, 'UTC', NOW)).not.toThrow()
      }),
    )
  })
})

describe('CSV for a physiotherapist (the long form in detail: csvLongForm.test.ts)', () => {
  it('starts with a BOM, escapes formula cells and quotes separators', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('-2')).toBe("'-2")
    expect(csvCell('@me')).toBe("'@me")
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell(null)).toBe('')
    const h = hist(
      [rec('bridge', '2026-01-01T22:30:00Z', 'Europe/Berlin', {}, '=cmd|calc', '@routine')],
      [checkIn(7, '2026-01-01T08:00:00Z', 'Europe/Berlin')],
    )
    const csv = historyToCsv(h)
    expect(csv.startsWith(`\uFEFF${CSV_HEADER.join(',')}\r\n`)).toBe(true)
    // Check-ins go to the sessions file; the session id is no column of the stretches file.
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe(
      "2026-01-01,23:30,Europe/Berlin,'@routine,Bridge,both,30 s,30.0 s,90,80,80,completed,,",
    )
  })
})

describe('daily reminder .ics', () => {
  it('is a floating daily event with an alarm, CRLF and folded lines', () => {
    const ics = dailyReminderIcs('07:45', Date.parse('2026-11-23T22:30:00Z'), 'Asia/Tokyo', 'u1@x')!
    expect(ics).toContain('DTSTART:20261124T074500\r\n')
    expect(ics).toContain('RRULE:FREQ=DAILY\r\n')
    expect(ics).toContain('BEGIN:VALARM')
    expect(ics.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true)
    expect(dailyReminderIcs('25:00', 0, 'UTC', 'u')).toBeNull()
    expect(foldIcsLine('x'.repeat(160)).split('\r\n ')).toHaveLength(3)
  })
})

describe('weekly trends', () => {
  it('means per ISO week, pain stops left out, empty weeks as gaps', () => {
    const h = hist(
      [
        rec('bridge', '2026-11-02T10:00:00Z', 'UTC', { score: 60 }),
        rec('cat-cow', '2026-11-08T10:00:00Z', 'UTC', { score: 80 }),
        rec('hip-flexor', '2026-11-08T11:00:00Z', 'UTC', {
          pain: true,
          completed: false,
          score: 5,
        }),
        rec('bridge', '2026-11-16T10:00:00Z', 'UTC', { score: 90 }),
      ],
      [checkIn(6, '2026-11-03T10:00:00Z'), checkIn(4, '2026-11-04T10:00:00Z')],
    )
    const w = weeklyTrends(h)
    expect(w.map((x) => [x.weekStart, x.score, x.pain, x.stretches])).toEqual([
      ['2026-11-02', 70, 5, 2],
      ['2026-11-09', null, null, 0],
      ['2026-11-16', 90, null, 1],
    ])
  })
})

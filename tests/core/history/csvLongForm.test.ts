import { describe, expect, it } from 'vitest'
import { stampAt } from '../../../src/core/history/civilDate.ts'
import { CSV_HEADER, historyToCsv } from '../../../src/core/history/csv.ts'
import { readRecord, type StretchRecord } from '../../../src/core/history/records.ts'
import { SESSIONS_CSV_HEADER, sessionsToCsv } from '../../../src/core/history/sessionsCsv.ts'
import type { SideResult } from '../../../src/core/result.ts'
import type { StretchId } from '../../../src/core/stretches.ts'
import {
  asV1,
  checkIn,
  desktopRec,
  headsetRecord,
  hist,
  rec,
  result,
  session,
} from './historyFixtures.ts'
import { csvObjects, parseCsv } from './rfc4180.ts'

const BERLIN = 'Europe/Berlin'

function side(over: Partial<SideResult> = {}): SideResult {
  return { holdSeconds: 30, reps: null, range: 0.9, stability: 0.8, score: 80, ...over }
}

/** A one-sided stretch measured in the headset with its own figures per side. */
function sided(
  stretch: StretchId,
  utc: string,
  sides: { left?: SideResult; right?: SideResult },
  sessionId = 's1',
  routineId = 'evening-activation',
  completed = true,
): StretchRecord {
  return headsetRecord({
    id: `sided-${utc}`,
    sessionId,
    routineId,
    result: result(stretch, { sides, score: 0, completed }),
    at: stampAt(Date.parse(utc), BERLIN),
  })
}

const stretchRows = (csv: string) => csvObjects(csv).rows

describe('stretches CSV: the long form, one row per stretch per side', () => {
  it('has exactly the columns a physiotherapist reads, in order, with BOM and CRLF rows', () => {
    const csv = historyToCsv(hist([rec('bridge', '2026-03-02T07:30:00Z', BERLIN)]))
    expect(csv.startsWith('\uFEFFdate,time,time zone,routine,stretch,side,target,')).toBe(true)
    expect(csv.split('\r\n')).toHaveLength(3) // header, one row, and the empty rest after the last CRLF
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(parseCsv(csv)[0]).toEqual([
      'date',
      'time',
      'time zone',
      'routine',
      'stretch',
      'side',
      'target',
      'achieved',
      'range %',
      'steadiness %',
      'score',
      'status',
      'pain before',
      'pain after',
    ])
    expect(parseCsv(csv)[0]).toEqual([...CSV_HEADER])
  })

  it('a two-sided headset stretch is one row, side "both", in the stamp’s own zone and local time', () => {
    const h = hist(
      [rec('bridge', '2026-03-02T23:30:00Z', BERLIN, {}, 's1', 'evening-activation')],
      [],
      [session('s1', 'evening-activation', '2026-03-02T23:00:00Z', 5, 3, BERLIN)],
    )
    expect(parseCsv(historyToCsv(h))[1]).toEqual([
      '2026-03-03', // 00:30 in Berlin is already the next date
      '00:30',
      'Europe/Berlin',
      'Evening activation',
      'Bridge',
      'both',
      '30 s',
      '30.0 s',
      '90',
      '80',
      '80',
      'completed',
      '5',
      '3',
    ])
  })

  it('a one-sided stretch has a left and a right row, each with its own figures (never merged)', () => {
    const h = hist([
      sided('hip-flexor', '2026-03-02T18:00:00Z', {
        left: side({ holdSeconds: 28.44, range: 0.72, stability: 0.89, score: 74 }),
        right: side({ holdSeconds: 30, range: 0.95, stability: 0.99, score: 97 }),
      }),
    ])
    const rows = stretchRows(historyToCsv(h))
    expect(rows).toHaveLength(2)
    expect(rows.map((r) => [r.side, r.achieved, r['range %'], r['steadiness %'], r.score])).toEqual(
      [
        ['left', '28.4 s', '72', '89', '74'],
        ['right', '30.0 s', '95', '99', '97'],
      ],
    )
    for (const r of rows) {
      expect(r.stretch).toBe('Kneeling hip flexor stretch')
      expect(r.target).toBe('30 s')
    }
  })

  it('a side not performed has no row; repetitions are counted in reps', () => {
    const onlyLeft = sided(
      'knee-to-chest',
      '2026-03-02T18:00:00Z',
      { left: side({ holdSeconds: 12, score: 30 }) },
      's1',
      'morning-mobility',
      false,
    )
    const reps = headsetRecord({
      id: 'reps',
      sessionId: 's1',
      routineId: 'morning-mobility',
      result: result('cat-cow', {
        sides: { both: side({ holdSeconds: 0, reps: 6, score: 70 }) },
        completed: false,
        score: 70,
      }),
      at: stampAt(Date.parse('2026-03-02T18:05:00Z'), BERLIN),
      targets: { holdSeconds: null, reps: 8 },
    })
    const rows = stretchRows(historyToCsv(hist([onlyLeft, reps])))
    expect(rows.map((r) => [r.stretch, r.side, r.target, r.achieved, r.status])).toEqual([
      ['Knee-to-chest stretch', 'left', '30 s', '12.0 s', 'partial'],
      ['Supported cat-cow', 'both', '8 reps', '6 reps', 'partial'],
    ])
  })

  it('desktop rows: no score, range or steadiness; achieved is what the timers ran to; statuses in words', () => {
    const h = hist([
      desktopRec('knee-to-chest', '2026-02-01T10:00:00Z', 'completed', 'UTC', 'd1', 'all-ten', {
        left: { seconds: 30, reps: null },
        right: { seconds: 28.4, reps: null },
      }),
      desktopRec(
        'bridge',
        '2026-02-01T10:05:00Z',
        'skipped',
        'UTC',
        'd1',
        'all-ten',
        { both: { seconds: 0, reps: 2 } },
        { holdSeconds: null, reps: 8 },
      ),
      desktopRec('cat-cow', '2026-02-01T10:06:00Z', 'stopped-for-pain', 'UTC', 'd1', 'all-ten'),
      // skipped before its first side began: still there, a row per side with nothing achieved
      desktopRec('supine-twist', '2026-02-01T10:07:00Z', 'skipped', 'UTC', 'd1', 'all-ten', {}),
    ])
    const rows = stretchRows(historyToCsv(h))
    expect(rows.map((r) => [r.stretch, r.side, r.target, r.achieved, r.status, r.routine])).toEqual(
      [
        ['Knee-to-chest stretch', 'left', '30 s', '30.0 s', 'followed on desktop', 'All ten'],
        ['Knee-to-chest stretch', 'right', '30 s', '28.4 s', 'followed on desktop', 'All ten'],
        ['Bridge', 'both', '8 reps', '2 reps', 'skipped', 'All ten'],
        ['Supported cat-cow', 'both', '30 s', '4.0 s', 'stopped for pain', 'All ten'],
        ['Supine spinal twist', 'left', '30 s', '', 'skipped', 'All ten'],
        ['Supine spinal twist', 'right', '30 s', '', 'skipped', 'All ten'],
      ],
    )
    for (const r of rows) {
      expect([r.score, r['range %'], r['steadiness %']]).toEqual(['', '', ''])
    }
  })

  it('headset statuses stay distinct: completed, partial, skipped, stopped for pain', () => {
    const h = hist([
      rec('bridge', '2026-02-01T10:00:00Z'),
      rec('cat-cow', '2026-02-01T10:01:00Z', 'UTC', { completed: false }),
      rec('pelvic-tilt', '2026-02-01T10:02:00Z', 'UTC', {
        completed: false,
        sides: { both: side({ holdSeconds: 0, score: 0 }) },
      }),
      rec('childs-pose', '2026-02-01T10:03:00Z', 'UTC', { completed: false, pain: true }),
    ])
    expect(stretchRows(historyToCsv(h)).map((r) => r.status)).toEqual([
      'completed',
      'partial',
      'skipped',
      'stopped for pain',
    ])
  })

  it('a version 1 record (no target kept) reads "not recorded"; its hold is still in seconds', () => {
    const v1 = readRecord('results', asV1(rec('bridge', '2026-02-01T10:00:00Z')), 'UTC')
    expect(v1.ok).toBe(true)
    if (!v1.ok) return
    expect(v1.record.targets).toBeNull()
    const [row] = stretchRows(historyToCsv(hist([v1.record])))
    expect(row).toMatchObject({ target: 'not recorded', achieved: '30.0 s', score: '80' })
  })

  it('routines by name: built-in ones, single-stretch ones as the app names them, unknown ids as they are', () => {
    const h = hist([
      rec('bridge', '2026-02-01T10:00:00Z', 'UTC', {}, 's', 'morning-mobility'),
      rec('bridge', '2026-02-01T10:01:00Z', 'UTC', {}, 's', 'stretch:bridge'),
      rec('bridge', '2026-02-01T10:02:00Z', 'UTC', {}, 's', 'my-own-routine'),
      rec('bridge', '2026-02-01T10:03:00Z', 'UTC', {}, 's', 'stretch:not-a-stretch'),
    ])
    expect(stretchRows(historyToCsv(h)).map((r) => r.routine)).toEqual([
      'Morning mobility',
      'Bridge only',
      'my-own-routine',
      'stretch:not-a-stretch',
    ])
  })

  it('pain before and after come from the stretch’s session; empty when there is none or it has none', () => {
    const h = hist(
      [
        rec('bridge', '2026-02-01T10:00:00Z', 'UTC', {}, 'a'),
        rec('bridge', '2026-02-01T11:00:00Z', 'UTC', {}, 'b'),
        rec('bridge', '2026-02-01T12:00:00Z', 'UTC', {}, 'gone'),
      ],
      [],
      [
        session('a', 'all-ten', '2026-02-01T09:55:00Z', 6, 2),
        session('b', 'all-ten', '2026-02-01T10:55:00Z', 0, null),
      ],
    )
    expect(stretchRows(historyToCsv(h)).map((r) => [r['pain before'], r['pain after']])).toEqual([
      ['6', '2'],
      ['0', ''],
      ['', ''],
    ])
  })

  it('sorted by the instant, whatever the order stored and however the instant is written', () => {
    const late = rec('bridge', '2026-02-01T10:00:00.000Z')
    const early = { ...rec('cat-cow', '2026-02-01T09:00:00Z') }
    early.at = { ...early.at, utc: '2026-02-01T10:00:00Z' } // same second, written without ms: stays after `late`
    const first = rec('pelvic-tilt', '2026-02-01T08:00:00Z', 'Asia/Tokyo')
    const rows = stretchRows(historyToCsv(hist([late, early, first])))
    expect(rows.map((r) => r.stretch)).toEqual(['Pelvic tilts', 'Bridge', 'Supported cat-cow'])
    expect(rows[0]).toMatchObject({ time: '17:00', 'time zone': 'Asia/Tokyo' })
  })

  it('cells a spreadsheet could run stay text; commas and quotes in a name stay in one cell', () => {
    const h = hist([
      rec('bridge', '2026-02-01T10:00:00Z', 'UTC', {}, 's', '=HYPERLINK("http://x")'),
      rec('bridge', '2026-02-01T10:01:00Z', 'UTC', {}, 's', 'mine, "the long one"'),
      rec('bridge', '2026-02-01T10:02:00Z', 'UTC', {}, 's', '＋1;@SUM(A1)'),
    ])
    const csv = historyToCsv(h)
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"")",Bridge,`)
    const rows = stretchRows(csv)
    expect(rows.map((r) => r.routine)).toEqual([
      `'=HYPERLINK("http://x")`,
      'mine, "the long one"',
      `'＋1;'@SUM(A1)`,
    ])
  })

  it('a two-week mix parses back with every row the header’s width and one row per side', () => {
    const results: StretchRecord[] = []
    let expected = 0
    for (let d = 0; d < 14; d++) {
      const day = `2026-03-${String(d + 1).padStart(2, '0')}`
      results.push(rec('bridge', `${day}T07:00:00Z`, BERLIN, {}, `s${d}`, 'morning-mobility'))
      results.push(
        sided('hip-flexor', `${day}T07:05:00Z`, { left: side(), right: side() }, `s${d}`),
      )
      results.push(desktopRec('cat-cow', `${day}T19:00:00Z`, d % 3 === 0 ? 'skipped' : 'completed'))
      expected += 1 + 2 + 1
    }
    const { rows } = csvObjects(historyToCsv(hist(results)))
    expect(rows).toHaveLength(expected)
  })
})

describe('sessions CSV: sessions and the pain check-ins they do not already show', () => {
  it('one row per session, with counts, pain, stop and end; check-ins at any time in their own rows', () => {
    const s1 = session('s1', 'morning-mobility', '2026-03-02T06:30:00Z', 6, 4, BERLIN)
    const s2 = {
      ...session('s2', 'stretch:bridge', '2026-03-03T17:00:00Z', 3, null, BERLIN, 'desktop'),
      end: null,
    }
    const s3 = {
      ...session('s3', 'evening-activation', '2026-03-03T22:50:00Z', 8, 7, BERLIN),
      stoppedForPain: true,
    }
    const results = [
      rec('childs-pose', '2026-03-02T06:35:00Z', BERLIN, {}, 's1', 'morning-mobility'),
      rec(
        'cat-cow',
        '2026-03-02T06:38:00Z',
        BERLIN,
        { completed: false },
        's1',
        'morning-mobility',
      ),
      desktopRec('bridge', '2026-03-03T17:05:00Z', 'completed', BERLIN, 's2', 'stretch:bridge'),
      rec('pelvic-tilt', '2026-03-03T22:55:00Z', BERLIN, { pain: true, completed: false }, 's3'),
    ]
    const mirrored = [
      { ...checkIn(6, '2026-03-02T06:30:00Z', BERLIN), sessionId: 's1', moment: 'before' as const },
      { ...checkIn(4, '2026-03-02T06:45:00Z', BERLIN), sessionId: 's1', moment: 'after' as const },
    ]
    const anytime = checkIn(5, '2026-03-02T12:00:00Z', BERLIN)
    // a second "after" of s1 that says something else: kept, with its session's routine
    const later = {
      ...checkIn(2, '2026-03-02T08:00:00Z', BERLIN),
      sessionId: 's1',
      moment: 'after' as const,
    }
    const csv = sessionsToCsv(hist(results, [...mirrored, anytime, later], [s3, s2, s1]))
    const { header, rows } = csvObjects(csv)
    expect(header).toEqual([...SESSIONS_CSV_HEADER])
    expect(header).toEqual([
      'date',
      'time',
      'time zone',
      'kind',
      'routine',
      'source',
      'stretches completed',
      'stretches total',
      'stopped for pain',
      'pain before',
      'pain after',
      'pain at check-in',
      'ended',
    ])
    expect(rows.map((r) => Object.values(r))).toEqual([
      [
        '2026-03-02',
        '07:30',
        BERLIN,
        'session',
        'Morning mobility',
        'headset',
        '1',
        '2',
        'no',
        '6',
        '4',
        '',
        '07:45',
      ],
      [
        '2026-03-02',
        '09:00',
        BERLIN,
        'pain check-in (after)',
        'Morning mobility',
        '',
        '',
        '',
        '',
        '',
        '',
        '2',
        '',
      ],
      [
        '2026-03-02',
        '13:00',
        BERLIN,
        'pain check-in (anytime)',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '5',
        '',
      ],
      [
        '2026-03-03',
        '18:00',
        BERLIN,
        'session',
        'Bridge only',
        'desktop',
        '1',
        '1',
        'no',
        '3',
        '',
        '',
        'not ended',
      ],
      [
        '2026-03-03',
        '23:50',
        BERLIN,
        'session',
        'Evening activation',
        'headset',
        '0',
        '1',
        'yes',
        '8',
        '7',
        '',
        '2026-03-04 00:05', // ended after midnight: the date is said
      ],
    ])
  })

  it('a session ended in another zone says the zone; a routine name cannot run as a formula', () => {
    const s = session('s', '-2+3', '2026-03-02T06:30:00Z', null, null, BERLIN)
    s.end = stampAt(Date.parse('2026-03-02T06:50:00Z'), 'Europe/London')
    const csv = sessionsToCsv(hist([], [], [s]))
    expect(csv).toContain(`,session,'-2+3,headset,`)
    const [row] = csvObjects(csv).rows
    expect(row).toMatchObject({ routine: "'-2+3", ended: '06:50 Europe/London' })
  })
})

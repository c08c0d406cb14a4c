// The physiotherapist's report: every figure below was worked out by hand from
// the history built here (two ISO weeks, 2 Nov … 15 Nov 2026), side by side.
import { describe, expect, it } from 'vitest'
import { stampAt } from '../../../src/core/history/civilDate.ts'
import type {
  History,
  SessionRecord,
  StretchRecord,
  StretchTargets,
} from '../../../src/core/history/records.ts'
import {
  buildReport,
  defaultPeriod,
  periodProblem,
  type ReportSide,
} from '../../../src/core/history/report.ts'
import type { SideResult, StretchResult } from '../../../src/core/result.ts'
import type { StretchId } from '../../../src/core/stretches.ts'
import { checkIn, desktopRec, headsetRecord, HOLD_30, session } from './historyFixtures.ts'

let n = 0
function hold(holdSeconds: number, range: number, stability: number): SideResult {
  return { holdSeconds, reps: null, range, stability, score: 70 }
}
function reps(count: number, range: number, stability: number): SideResult {
  return { holdSeconds: 0, reps: count, range, stability, score: 70 }
}
/** A headset stretch with these sides, completed unless told, stamped at `utc` in `zone`. */
function measured(
  stretch: StretchId,
  utc: string,
  sides: StretchResult['sides'],
  opts: {
    completed?: boolean
    pain?: boolean
    targets?: StretchTargets | null
    zone?: string
  } = {},
): StretchRecord {
  n += 1
  return headsetRecord({
    id: `m-${n}`,
    sessionId: 's',
    routineId: 'custom',
    targets: opts.targets === undefined ? HOLD_30 : opts.targets,
    at: stampAt(Date.parse(utc), opts.zone ?? 'UTC'),
    result: {
      stretch,
      engineVersion: 't',
      completed: opts.completed ?? true,
      sides,
      score: 70,
      trackedFraction: 1,
      skippedFrames: 0,
      pain: opts.pain ?? false,
    },
  })
}
/** Five different stretches followed on the desktop and marked done on `date` (a counted date). */
function fiveDone(date: string): StretchRecord[] {
  const ids: StretchId[] = [
    'pelvic-tilt',
    'hip-flexor',
    'glute-stretch',
    'hamstring-stretch',
    'childs-pose-side',
  ]
  return ids.map((id, i) => desktopRec(id, `${date}T18:0${i}:00.000Z`))
}
const REPS_8: StretchTargets = { holdSeconds: null, reps: 8 }

function known(): History {
  const results: StretchRecord[] = [
    // counted dates: a run from 30 Oct to 4 Nov (3 of them in the period), 9–12 Nov, 13 Nov frozen
    ...['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'].flatMap(
      fiveDone,
    ),
    ...['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12'].flatMap(fiveDone),
    // knee-to-chest, left and right apart
    measured(
      'knee-to-chest',
      '2026-11-02T08:00:00.000Z',
      { left: hold(30, 0.8, 0.7), right: hold(20, 0.6, 0.9) },
      { completed: false },
    ),
    measured(
      'knee-to-chest',
      '2026-11-03T08:00:00.000Z',
      { left: hold(30, 0.9, 0.8), right: hold(30, 0.7, 0.96) },
      { targets: null },
    ),
    measured(
      'knee-to-chest',
      '2026-11-10T08:00:00.000Z',
      { left: hold(30, 1, 0.9), right: hold(25, 0.8, 0.99) },
      { completed: false },
    ),
    // bridge: 8 reps, then stopped for pain
    measured(
      'bridge',
      '2026-11-04T08:00:00.000Z',
      { both: reps(8, 0.5, 0.6) },
      { targets: REPS_8 },
    ),
    measured(
      'bridge',
      '2026-11-11T08:00:00.000Z',
      { both: reps(3, 0.4, 0.5) },
      { completed: false, pain: true, targets: REPS_8 },
    ),
    // stopped for pain on its second side
    measured(
      'supine-twist',
      '2026-11-12T08:00:00.000Z',
      { left: hold(30, 0.9, 0.9), right: hold(4, 0.3, 0.5) },
      { completed: false, pain: true },
    ),
    // skipped in the headset: nothing measured
    measured('hip-flexor', '2026-11-10T09:00:00.000Z', {}, { completed: false }),
    // stamped 2 Nov in Tokyo (1 Nov in UTC): in the period, target not recorded
    measured(
      'cat-cow',
      '2026-11-01T16:00:00.000Z',
      { both: reps(8, 0.6, 0.7) },
      { targets: null, zone: 'Asia/Tokyo' },
    ),
    // stamped 16 Nov in Tokyo (15 Nov in UTC) and 1 Nov in Los Angeles (2 Nov in UTC): outside
    measured(
      'cat-cow',
      '2026-11-15T16:00:00.000Z',
      { both: reps(2, 0.1, 0.1) },
      { targets: null, zone: 'Asia/Tokyo' },
    ),
    measured(
      'cat-cow',
      '2026-11-02T05:00:00.000Z',
      { both: reps(2, 0.1, 0.1) },
      { targets: null, zone: 'America/Los_Angeles' },
    ),
    // child's pose followed on the desktop: done, then skipped
    desktopRec('childs-pose', '2026-11-05T18:00:00.000Z'),
    desktopRec('childs-pose', '2026-11-06T18:00:00.000Z', 'skipped'),
  ]
  const stopped: SessionRecord = {
    ...session('s4', 'evening-activation', '2026-11-11T07:55:00.000Z', 5, null),
    stoppedForPain: true,
  }
  const sessions: SessionRecord[] = [
    session('s1', 'morning-mobility', '2026-11-02T07:00:00.000Z', 6, 4),
    session('s2', 'morning-mobility', '2026-11-03T07:00:00.000Z', 4, 3),
    session('s3', 'custom', '2026-11-10T07:00:00.000Z', 3, 1, 'UTC', 'desktop'),
    stopped,
    session('s-out', 'morning-mobility', '2026-11-20T07:00:00.000Z', 9, 9),
  ]
  return { results, sessions, checkIns: [checkIn(8, '2026-11-13T12:00:00.000Z')] }
}

const NOW = Date.parse('2026-11-20T12:00:00.000Z')

function side(r: ReturnType<typeof buildReport>, id: StretchId, s: string): ReportSide {
  const found = r.stretches.find((x) => x.stretch === id)?.sides.find((x) => x.side === s)
  if (!found) throw new Error(`no ${id} ${s}`)
  return found
}

describe('buildReport', () => {
  const report = buildReport(known(), '2026-11-02', '2026-11-15', 'UTC', NOW)

  it('keeps left and right apart: hold against the target, range and steadiness per side', () => {
    const left = side(report, 'knee-to-chest', 'left')
    const right = side(report, 'knee-to-chest', 'right')
    expect(left).toMatchObject({
      unit: 'seconds',
      measured: 3,
      achieved: 30,
      best: 30,
      rangePct: 90,
      steadinessPct: 80,
      withTarget: 2,
      reachedTarget: 2,
      targets: ['30 s', 'not recorded'],
    })
    expect(right).toMatchObject({
      measured: 3,
      achieved: 25,
      best: 30,
      rangePct: 70,
      steadinessPct: 95,
      withTarget: 2,
      reachedTarget: 0,
    })
    expect(
      report.stretches.find((s) => s.stretch === 'knee-to-chest')!.sides.map((s) => s.side),
    ).toEqual(['left', 'right'])
  })

  it('gives every side its weeks, an empty week as nulls', () => {
    expect(side(report, 'knee-to-chest', 'left').weeks).toEqual([
      { weekStart: '2026-11-02', measured: 2, achieved: 30, rangePct: 85, steadinessPct: 75 },
      { weekStart: '2026-11-09', measured: 1, achieved: 30, rangePct: 100, steadinessPct: 90 },
    ])
    expect(side(report, 'knee-to-chest', 'right').weeks).toEqual([
      { weekStart: '2026-11-02', measured: 2, achieved: 25, rangePct: 65, steadinessPct: 93 },
      { weekStart: '2026-11-09', measured: 1, achieved: 25, rangePct: 80, steadinessPct: 99 },
    ])
    expect(side(report, 'bridge', 'both').weeks[1]).toEqual({
      weekStart: '2026-11-09',
      measured: 0,
      achieved: null,
      rangePct: null,
      steadinessPct: null,
    })
  })

  it('counts repetitions for a repetition stretch; a pain stop enters no mean', () => {
    expect(side(report, 'bridge', 'both')).toMatchObject({
      unit: 'reps',
      measured: 1,
      achieved: 8,
      rangePct: 50,
      steadinessPct: 60,
      targets: ['8 reps'],
      reachedTarget: 1,
    })
    // supine twist was only a pain stop: its sides are listed with nothing measured
    expect(side(report, 'supine-twist', 'right')).toMatchObject({ measured: 0, achieved: null })
  })

  it('reads the period in stamped local dates, whatever the zone', () => {
    // only the stretch stamped 2 Nov in Tokyo: not 16 Nov in Tokyo, not 1 Nov in Los Angeles
    expect(side(report, 'cat-cow', 'both')).toMatchObject({
      measured: 1,
      achieved: 8,
      rangePct: 60,
      targets: ['not recorded'],
      withTarget: 0,
      reachedTarget: 0,
    })
    const tokyoDay = buildReport(known(), '2026-11-16', '2026-11-16', 'UTC', NOW)
    expect(tokyoDay.stretches.map((s) => s.stretch)).toEqual(['cat-cow'])
    const laDay = buildReport(known(), '2026-11-01', '2026-11-01', 'UTC', NOW)
    expect(side(laDay, 'cat-cow', 'both')).toMatchObject({ measured: 1, achieved: 2 })
  })

  it('counts desktop and measured stretches apart, and adherence over the period', () => {
    expect(report.adherence).toEqual({
      periodDays: 14,
      daysSoFar: 14,
      counted: 7,
      doubles: 0,
      frozen: 1,
      partial: 2,
      currentStreak: 0,
      currentIsToday: false,
      bestStreak: 4,
      sessions: { total: 4, headset: 3, desktop: 1 },
      measured: { total: 8, completed: 3, partial: 2, skipped: 1, stoppedForPain: 2 },
      desktop: { total: 37, completed: 36, partial: 0, skipped: 1, stoppedForPain: 0 },
    })
    expect(report.stretches.find((s) => s.stretch === 'childs-pose')!.desktop).toMatchObject({
      total: 2,
      completed: 1,
      skipped: 1,
    })
    expect(side(report, 'childs-pose', 'both')).toMatchObject({ measured: 0, desktopDone: 1 })
  })

  it('gives the streak as it stood at the end of a past period, and the live one when it reaches today', () => {
    // 9, 10, 11 Nov counted; the run started before 2 Nov counts only its dates in the period
    expect(buildReport(known(), '2026-11-02', '2026-11-11', 'UTC', NOW).adherence).toMatchObject({
      currentStreak: 3,
      bestStreak: 3,
    })
    expect(buildReport(known(), '2026-11-03', '2026-11-08', 'UTC', NOW).adherence).toMatchObject({
      currentStreak: 0,
      bestStreak: 2,
    })
    // today is 13 Nov (frozen-able, not passed yet): the live streak of 4 is at risk, not lost
    // (the stretch stamped 16 Nov in Tokyo would make 16 Nov today: left out here)
    const at = Date.parse('2026-11-13T20:00:00Z')
    const h = known()
    h.results = h.results.filter((r) => Date.parse(r.at.utc) <= at)
    const live = buildReport(
      h,
      '2026-11-07',
      '2026-11-13',
      'UTC',
      Date.parse('2026-11-13T20:00:00Z'),
    )
    expect(live.adherence).toMatchObject({ currentStreak: 4, currentIsToday: true, bestStreak: 4 })
  })

  it('lists every pain stop with its side, in order', () => {
    expect(report.painStops).toEqual([
      {
        date: '2026-11-11',
        time: '08:00',
        timeZone: 'UTC',
        stretch: 'bridge',
        name: 'Bridge',
        side: null,
        source: 'headset',
      },
      {
        date: '2026-11-12',
        time: '08:00',
        timeZone: 'UTC',
        stretch: 'supine-twist',
        name: 'Supine spinal twist',
        side: 'right',
        source: 'headset',
      },
    ])
  })

  it('gives pain before and after each session and its weekly means', () => {
    expect(
      report.sessions.map((s) => [
        s.id,
        s.routine,
        s.source,
        s.painBefore,
        s.painAfter,
        s.stoppedForPain,
      ]),
    ).toEqual([
      ['s1', 'Morning mobility', 'headset', 6, 4, false],
      ['s2', 'Morning mobility', 'headset', 4, 3, false],
      ['s3', 'Own routine', 'desktop', 3, 1, false],
      ['s4', 'Evening activation', 'headset', 5, null, true],
    ])
    expect(report.painWeeks).toEqual([
      { weekStart: '2026-11-02', before: 5, after: 3.5, sessions: 2 },
      { weekStart: '2026-11-09', before: 4, after: 1, sessions: 2 },
    ])
  })

  it('summarises the period in plain words from the figures', () => {
    expect(report.summary).toBe(
      'In the 2 weeks from 2 Nov to 15 Nov 2026 you did your stretches on 7 of 14 days ' +
        '(5 or more different stretches a day); your longest streak was 4 days; ' +
        '8 stretches were measured in the headset and 37 were followed on the desktop; ' +
        'steadiness in knee-to-chest stretch (left) rose from 75 % to 90 %; ' +
        'pain before sessions fell from 5 to 4; 2 stretches were stopped for pain ' +
        '(bridge, 11 Nov; supine spinal twist, right, 12 Nov).',
    )
  })

  it('says so when nothing was recorded, and counts only the days so far of a period reaching past today', () => {
    const empty = buildReport(
      { results: [], sessions: [], checkIns: [] },
      '2026-11-02',
      '2026-11-08',
      'UTC',
      NOW,
    )
    expect(empty.summary).toBe(
      'In the week from 2 Nov to 8 Nov 2026 no stretches or sessions were recorded.',
    )
    expect(empty.stretches).toEqual([])
    const ahead = buildReport(
      known(),
      '2026-11-09',
      '2026-11-22',
      'UTC',
      Date.parse('2026-11-16T20:00:00Z'),
    )
    expect(ahead.adherence).toMatchObject({ periodDays: 14, daysSoFar: 8, counted: 4 })
    expect(ahead.summary).toContain('on 4 of the 8 days so far')
  })
})

describe('the period', () => {
  it('defaults to the 28 days ending today', () => {
    expect(defaultPeriod('2026-12-06')).toEqual({ from: '2026-11-09', to: '2026-12-06' })
  })

  it('refuses a backwards, unreadable or over-long period with a clear reason', () => {
    expect(periodProblem('2026-11-10', '2026-11-09')).toMatch(/ends before it starts/)
    expect(periodProblem('2026-02-30', '2026-03-01')).toMatch(/first date/)
    expect(periodProblem('2026-01-01', '')).toMatch(/last date/)
    expect(periodProblem('2025-01-01', '2026-01-02')).toMatch(/at most 366 days/)
    expect(periodProblem('2025-01-01', '2026-01-01')).toBeNull()
    expect(() => buildReport(known(), '2026-11-10', '2026-11-09', 'UTC', NOW)).toThrow(RangeError)
  })
})

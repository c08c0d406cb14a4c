// Schema version 2 of the stored records: the pure migrations from versions 0
// and 1 of every kind, what a version 2 stretch record must agree with, and
// the outcome a headset result stands for.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  headsetOutcome,
  migrateV1ToV2,
  readRecord,
  SCHEMA_VERSION,
  stretchRecordSchema,
  type RecordKind,
} from '../../../src/core/history/records.ts'
import { STRETCH_IDS } from '../../../src/core/stretches.ts'
import type { StretchResult } from '../../../src/core/result.ts'
import { asV1, checkIn, desktopRec, rec, result, session } from './historyFixtures.ts'

const AT = '2026-05-04T09:30:00.000Z'
const STAMP = { utc: AT, timeZone: 'Europe/Berlin', localDate: '2026-05-04' }

/** One version 1 record of each kind, as the app stored them before version 2. */
const V1: Record<RecordKind, Record<string, unknown>> = {
  results: {
    schemaVersion: 1,
    id: 'r1',
    sessionId: 's1',
    routineId: 'morning-mobility',
    result: result('cat-cow', { completed: false }),
    at: STAMP,
  },
  sessions: {
    schemaVersion: 1,
    id: 's1',
    routineId: 'morning-mobility',
    start: STAMP,
    end: null,
    painBefore: 4,
    painAfter: null,
    stoppedForPain: false,
  },
  checkIns: {
    schemaVersion: 1,
    id: 'c1',
    sessionId: 's1',
    pain: 4,
    moment: 'before',
    at: STAMP,
  },
  unlocks: { schemaVersion: 1, id: 'first-stretch', at: STAMP, shown: true },
}

function read<K extends RecordKind>(kind: K, raw: unknown) {
  return readRecord(kind, raw, 'Asia/Tokyo')
}

describe('migration to version 2', () => {
  it('v1 → v2 of every kind: a stretch becomes headset, outcome from its result, target not recorded', () => {
    const r = read('results', V1.results)
    expect(r).toEqual({
      ok: true,
      migrated: true,
      record: {
        schemaVersion: 2,
        id: 'r1',
        sessionId: 's1',
        routineId: 'morning-mobility',
        stretch: 'cat-cow',
        source: 'headset',
        // completed: false with 30 s held on its side
        outcome: 'partial',
        targets: null,
        result: V1.results.result,
        followed: null,
        at: STAMP,
      },
    })
    expect(read('sessions', V1.sessions)).toEqual({
      ok: true,
      migrated: true,
      record: { ...V1.sessions, schemaVersion: 2, source: 'headset' },
    })
    expect(read('checkIns', V1.checkIns)).toEqual({
      ok: true,
      migrated: true,
      record: { ...V1.checkIns, schemaVersion: 2 },
    })
    expect(read('unlocks', V1.unlocks)).toEqual({
      ok: true,
      migrated: true,
      record: { ...V1.unlocks, schemaVersion: 2 },
    })
  })

  it('v0 → v2 of every kind, through version 1 (the zone of the device fixes the local date)', () => {
    const v0 = {
      results: {
        id: 'r0',
        sessionId: 's0',
        routineId: 'all-ten',
        result: result('bridge', { pain: true, completed: false }),
        at: '2026-03-01T23:30:00.000Z',
      },
      sessions: {
        id: 's0',
        routineId: 'all-ten',
        start: '2026-03-01T23:10:00.000Z',
        end: null,
        painBefore: 4,
        painAfter: null,
        stoppedForPain: true,
      },
      checkIns: { id: 'c0', pain: 8, at: '2026-03-01T23:10:00.000Z' },
      unlocks: { schemaVersion: 0, id: 'first-stretch', at: '2026-03-01T23:40:00.000Z' },
    }
    const r = read('results', v0.results)
    expect(r.ok && r.migrated).toBe(true)
    expect(r.ok && r.record).toMatchObject({
      schemaVersion: 2,
      stretch: 'bridge',
      source: 'headset',
      outcome: 'stopped-for-pain',
      targets: null,
      followed: null,
      at: { localDate: '2026-03-02', timeZone: 'Asia/Tokyo' },
    })
    const s = read('sessions', v0.sessions)
    expect(s.ok && s.migrated && s.record).toMatchObject({ schemaVersion: 2, source: 'headset' })
    const c = read('checkIns', v0.checkIns)
    expect(c.ok && c.migrated && c.record).toMatchObject({
      schemaVersion: 2,
      moment: 'anytime',
      sessionId: null,
    })
    const u = read('unlocks', v0.unlocks)
    expect(u.ok && u.migrated && u.record).toMatchObject({ schemaVersion: 2, shown: true })
  })

  it('a version 2 record reads back unchanged and is not rewritten', () => {
    for (const [kind, raw] of [
      ['results', rec('bridge', AT)],
      ['results', desktopRec('hip-flexor', AT, 'skipped')],
      ['sessions', session('s2', 'all-ten', AT, 3, 2, 'UTC', 'desktop')],
      ['checkIns', checkIn(3, AT)],
    ] as const) {
      expect(read(kind, raw)).toEqual({ ok: true, record: raw, migrated: false })
    }
  })

  it('every valid version 1 stretch migrates to a valid version 2 one with the same result', () => {
    const sideArb = fc.record({
      holdSeconds: fc.constantFrom(0, 3.5, 30),
      reps: fc.constantFrom(null, 0, 4),
      range: fc.double({ min: 0, max: 1, noNaN: true }),
      stability: fc.double({ min: 0, max: 1, noNaN: true }),
      score: fc.integer({ min: 0, max: 100 }),
    })
    const resultArb = fc.record({
      stretch: fc.constantFrom(...STRETCH_IDS),
      engineVersion: fc.constant('e-1'),
      completed: fc.boolean(),
      sides: fc.record({ left: sideArb, right: sideArb, both: sideArb }, { requiredKeys: [] }),
      score: fc.integer({ min: 0, max: 100 }),
      trackedFraction: fc.constant(1),
      skippedFrames: fc.constant(0),
      pain: fc.boolean(),
    }) as fc.Arbitrary<StretchResult>
    fc.assert(
      fc.property(resultArb, (res) => {
        const out = read('results', { ...V1.results, result: res })
        expect(out.ok).toBe(true)
        if (!out.ok) return
        expect(stretchRecordSchema.safeParse(out.record).success).toBe(true)
        expect(out.record.result).toEqual(res)
        expect(out.record.stretch).toBe(res.stretch)
        expect(out.record.outcome).toBe(headsetOutcome(res))
        // Reading the upgraded record again changes nothing.
        expect(read('results', out.record)).toEqual({
          ok: true,
          record: out.record,
          migrated: false,
        })
      }),
    )
  })

  it('a damaged version 1 record is refused with its version 1 reason, never half-migrated', () => {
    const bad = { ...V1.results, result: { ...(V1.results.result as object), score: 140 } }
    expect(read('results', bad)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('result.score'),
    })
    expect(read('sessions', { ...V1.sessions, painBefore: 11 })).toMatchObject({ ok: false })
  })

  it('migrateV1ToV2 is pure: the version 1 record is left as it was', () => {
    const v1 = structuredClone(V1.results) as Parameters<typeof migrateV1ToV2<'results'>>[1]
    const before = structuredClone(v1)
    migrateV1ToV2('results', v1)
    expect(v1).toEqual(before)
  })

  it('a record of a newer schema is refused as written by a newer version', () => {
    for (const kind of ['results', 'sessions', 'checkIns', 'unlocks'] as const) {
      expect(read(kind, { ...V1[kind], schemaVersion: 3 })).toEqual({
        ok: false,
        reason: 'written by a newer version of the app (schema 3)',
      })
    }
    expect(SCHEMA_VERSION).toBe(2)
  })
})

describe('version 2 stretch records: what is refused', () => {
  const headset = rec('bridge', AT)
  const desktop = desktopRec('bridge', AT)

  const refused = (raw: unknown, words: string) =>
    expect(read('results', raw)).toMatchObject({
      ok: false,
      reason: expect.stringContaining(words),
    })

  it('a desktop stretch with a score, or without the sides it followed', () => {
    refused({ ...desktop, result: result('bridge') }, 'no result (no score, range or steadiness)')
    refused({ ...desktop, followed: null }, 'followed')
  })

  it('a headset stretch without a result, or with followed sides', () => {
    refused({ ...headset, result: null }, 'result')
    refused({ ...headset, followed: { both: { seconds: 30, reps: null } } }, 'no followed sides')
  })

  it('an outcome that contradicts the result (pain stop or not, completed or not)', () => {
    refused({ ...headset, outcome: 'stopped-for-pain' }, 'outcome: is stopped-for-pain')
    const painStop = rec('bridge', AT, 'UTC', { pain: true, completed: false })
    expect(painStop.outcome).toBe('stopped-for-pain')
    refused({ ...painStop, outcome: 'partial' }, 'the result says stopped-for-pain')
    refused({ ...headset, outcome: 'skipped' }, 'the result says completed')
  })

  it('a stretch that is not the result’s stretch', () => {
    refused({ ...headset, stretch: 'cat-cow' }, 'stretch: is cat-cow but the result is of bridge')
  })

  it('a desktop stretch marked partial, an unknown source or outcome, a target of neither kind or both', () => {
    refused({ ...desktop, outcome: 'partial' }, 'done, skipped or stopped for pain')
    refused({ ...desktop, source: 'phone' }, 'source')
    refused({ ...desktop, outcome: 'half' }, 'outcome')
    refused({ ...desktop, targets: { holdSeconds: null, reps: null } }, 'either a hold')
    refused({ ...desktop, targets: { holdSeconds: 30, reps: 10 } }, 'either a hold')
    refused({ ...desktop, targets: { holdSeconds: -5, reps: null } }, 'targets.holdSeconds')
    refused(
      { ...desktop, followed: { both: { seconds: -1, reps: null } } },
      'followed.both.seconds',
    )
  })

  it('accepts a target not recorded, a desktop stretch stopped for pain, and one skipped before any side', () => {
    expect(read('results', { ...headset, targets: null }).ok).toBe(true)
    expect(read('results', desktopRec('bridge', AT, 'stopped-for-pain')).ok).toBe(true)
    expect(read('results', { ...desktopRec('bridge', AT, 'skipped'), followed: {} }).ok).toBe(true)
  })

  it('asV1 of a v2 record migrates back to the same record, target aside', () => {
    const out = read('results', asV1(headset))
    expect(out.ok && out.record).toEqual({ ...headset, targets: null })
  })
})

describe('headsetOutcome', () => {
  const side = (holdSeconds: number, reps: number | null) => ({
    holdSeconds,
    reps,
    range: 0.5,
    stability: 0.5,
    score: 10,
  })

  it('pain first, then completed, then partial when anything was held or counted, else skipped', () => {
    expect(headsetOutcome(result('bridge', { pain: true, completed: true }))).toBe(
      'stopped-for-pain',
    )
    expect(headsetOutcome(result('bridge', { pain: true, completed: false }))).toBe(
      'stopped-for-pain',
    )
    expect(headsetOutcome(result('bridge'))).toBe('completed')
    expect(
      headsetOutcome(result('bridge', { completed: false, sides: { both: side(0, 3) } })),
    ).toBe('partial')
    expect(
      headsetOutcome(
        result('knee-to-chest', {
          completed: false,
          sides: { left: side(0, null), right: side(12.5, null) },
        }),
      ),
    ).toBe('partial')
    expect(
      headsetOutcome(result('bridge', { completed: false, sides: { both: side(0, 0) } })),
    ).toBe('skipped')
    expect(headsetOutcome(result('bridge', { completed: false, sides: {} }))).toBe('skipped')
  })
})

/**
 * What progress storage keeps, as zod schemas with a version on every record:
 * a finished stretch, a session, a pain check-in, an achievement unlock. Every
 * record is validated when read; older versions are migrated here, as pure
 * functions: version 0 (no zone, no local date) → 1 → 2 (version 2 adds where
 * a stretch was done, its outcome and its target, so a stretch followed on the
 * desktop, which has no score, can be stored beside the measured ones).
 */
import '../zodConfig.ts'
import { z } from 'zod'
import { STRETCH_IDS } from '../stretches.ts'
import type { StretchResult } from '../result.ts'
import { isCivilDate, isValidTimeZone, stampAt, utcDateOf, type Stamp } from './civilDate.ts'

/** The record schema version written today (all four kinds). Bump it with a migration below. */
export const SCHEMA_VERSION = 2

/** Where a stretch was done: measured in the headset, or followed on the desktop (nothing measured). */
export type StretchSource = 'headset' | 'desktop'

/**
 * How a stretch ended. `completed`: the target was reached (headset) or the
 * user marked it done (desktop); `partial`: some hold time or repetitions were
 * measured but not the target (headset only); `skipped`: nothing done;
 * `stopped-for-pain`: the user stopped it for pain.
 */
export type StretchOutcome = 'completed' | 'partial' | 'skipped' | 'stopped-for-pain'

/** The target a stretch was done against (per side): a hold in seconds or a repetition count. */
export interface StretchTargets {
  holdSeconds: number | null
  reps: number | null
}

/** What the desktop timers ran to on one side: seconds the hold timer ran, or repetitions the coach did. */
export interface FollowedSide {
  seconds: number
  reps: number | null
}

/** A stamp: UTC instant, IANA zone, local date there (see civilDate.ts). */
export const stampSchema = z.object({
  utc: z.iso.datetime({ offset: false }),
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone'),
  localDate: z.string().refine(isCivilDate, 'not a YYYY-MM-DD date'),
})

/** No stamp is older than this: the app did not exist before, so an older date is damage or tampering. */
export const EARLIEST_STAMP_DATE = '2020-01-01'
/** How far a stamp may lie past the device's clock: a trip across the date line and a clock a little slow, no more. */
export const FUTURE_STAMP_TOLERANCE_MS = 2 * 24 * 60 * 60 * 1000
// Every zone's offset from UTC lies within UTC−12 … UTC+14. The named zone's
// own offset is not required: zone rules change, and old records must stay readable.
const WESTMOST_OFFSET_MS = -12 * 60 * 60 * 1000
const EASTMOST_OFFSET_MS = 14 * 60 * 60 * 1000

/** Why a stamp's dates cannot be right, naming the date. */
export interface StampProblem {
  /** the stamp's local date, YYYY-MM-DD */
  date: string
  /** plain words, e.g. "dated 0100-01-01, before 2020-01-01" */
  reason: string
  /** only for a stamp too far in the future: the instant (UTC ms) from which it is no longer */
  notBeforeMs?: number
}

/**
 * Checks a well-formed stamp's dates: its local date is the date of its
 * instant somewhere on Earth, it is not before 2020-01-01, and (when `nowMs`
 * is given) its instant is not more than two days after now.
 */
export function stampProblem(stamp: Stamp, nowMs?: number): StampProblem | null {
  const date = stamp.localDate
  if (date < EARLIEST_STAMP_DATE)
    return { date, reason: `dated ${date}, before ${EARLIEST_STAMP_DATE}` }
  const ms = Date.parse(stamp.utc)
  if (nowMs !== undefined && ms > nowMs + FUTURE_STAMP_TOLERANCE_MS)
    return {
      date,
      reason: `dated ${date}, more than two days after ${utcDateOf(nowMs)}`,
      notBeforeMs: ms - FUTURE_STAMP_TOLERANCE_MS,
    }
  // A UTC day is exactly 86 400 000 ms of JavaScript time (no leap seconds).
  const dayStart = Date.parse(`${date}T00:00:00Z`)
  if (ms + EASTMOST_OFFSET_MS < dayStart || ms + WESTMOST_OFFSET_MS >= dayStart + 86_400_000)
    return {
      date,
      reason: `local date ${date} is not the date of ${stamp.utc} in any time zone`,
    }
  return null
}

const unit = z.number().min(0).max(1)

/** One side of a result (src/core/result.ts SideResult). */
export const sideResultSchema = z.object({
  holdSeconds: z.number().min(0).max(86_400),
  reps: z.number().int().min(0).max(10_000).nullable(),
  range: unit,
  stability: unit,
  score: z.number().int().min(0).max(100),
})

/** The spec's result object (src/core/result.ts StretchResult). */
export const stretchResultSchema = z.object({
  file: z.string().max(4096).optional(),
  stretch: z.enum(STRETCH_IDS),
  engineVersion: z.string().min(1).max(64),
  completed: z.boolean(),
  sides: z.object({
    left: sideResultSchema.optional(),
    right: sideResultSchema.optional(),
    both: sideResultSchema.optional(),
  }),
  score: z.number().int().min(0).max(100),
  trackedFraction: unit,
  skippedFrames: z.number().int().min(0),
  pain: z.boolean(),
}) satisfies z.ZodType<StretchResult>

const idSchema = z.string().min(1).max(128)
const painSchema = z.number().int().min(0).max(10)

/** Where a stretch was done. */
export const stretchSourceSchema = z.enum(['headset', 'desktop']) satisfies z.ZodType<StretchSource>
/** How a stretch ended. */
export const stretchOutcomeSchema = z.enum([
  'completed',
  'partial',
  'skipped',
  'stopped-for-pain',
]) satisfies z.ZodType<StretchOutcome>

/** A stretch's target per side: exactly one of a hold (seconds) and a repetition count. */
export const stretchTargetsSchema = z
  .object({
    holdSeconds: z.number().positive().max(3600).nullable(),
    reps: z.number().int().min(1).max(1000).nullable(),
  })
  .refine(
    (t) => (t.holdSeconds === null) !== (t.reps === null),
    'a target is either a hold in seconds or a number of repetitions',
  ) satisfies z.ZodType<StretchTargets>

/** One side as followed on the desktop. */
export const followedSideSchema = z.object({
  seconds: z.number().min(0).max(86_400),
  reps: z.number().int().min(0).max(10_000).nullable(),
}) satisfies z.ZodType<FollowedSide>

/** The sides followed on the desktop (a stretch skipped before its first side started has none). */
export const followedSchema = z.object({
  left: followedSideSchema.optional(),
  right: followedSideSchema.optional(),
  both: followedSideSchema.optional(),
})

/**
 * The outcome a headset result stands for: a pain stop; completed; partial when
 * any side held for some time or counted a repetition; otherwise skipped.
 */
export function headsetOutcome(result: StretchResult): StretchOutcome {
  if (result.pain) return 'stopped-for-pain'
  if (result.completed) return 'completed'
  for (const side of Object.values(result.sides)) {
    if (side && (side.holdSeconds > 0 || (side.reps ?? 0) > 0)) return 'partial'
  }
  return 'skipped'
}

const stretchRecordCommon = {
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: idSchema,
  sessionId: idSchema,
  routineId: z.string().min(1).max(128),
  stretch: z.enum(STRETCH_IDS),
  outcome: stretchOutcomeSchema,
  /** null: the target was not recorded (every record from before version 2) */
  targets: stretchTargetsSchema.nullable(),
  at: stampSchema,
}

/** A stretch measured in the headset: the engine's result, nothing followed. */
const headsetStretchSchema = z.object({
  ...stretchRecordCommon,
  source: z.literal('headset'),
  result: stretchResultSchema,
  followed: z.null({ error: 'a stretch measured in the headset has no followed sides' }),
})

/** A stretch followed on the desktop: nothing measured, so no result (no score, range or steadiness). */
const desktopStretchSchema = z.object({
  ...stretchRecordCommon,
  source: z.literal('desktop'),
  result: z.null({
    error: 'a stretch followed on the desktop has no result (no score, range or steadiness)',
  }),
  followed: followedSchema,
})

/**
 * One finished stretch, stamped when it ended: measured in the headset (with
 * the engine's result) or followed on the desktop (with what its timers ran
 * to). The outcome must agree with the result, and the stretch with the
 * result's stretch; a desktop stretch is never `partial` (the user marks it
 * done or skipped, or stops it for pain).
 */
export const stretchRecordSchema = z
  .discriminatedUnion('source', [headsetStretchSchema, desktopStretchSchema])
  .superRefine((r, ctx) => {
    if (r.source === 'headset') {
      if (r.result.stretch !== r.stretch)
        ctx.addIssue({
          code: 'custom',
          path: ['stretch'],
          message: `is ${r.stretch} but the result is of ${r.result.stretch}`,
        })
      const expected = headsetOutcome(r.result)
      if (r.outcome !== expected)
        ctx.addIssue({
          code: 'custom',
          path: ['outcome'],
          message: `is ${r.outcome} but the result says ${expected}`,
        })
    } else if (r.outcome === 'partial') {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'a stretch followed on the desktop is done, skipped or stopped for pain',
      })
    }
  })

const sessionShape = {
  id: idSchema,
  routineId: z.string().min(1).max(128),
  start: stampSchema,
  end: stampSchema.nullable(),
  painBefore: painSchema.nullable(),
  painAfter: painSchema.nullable(),
  stoppedForPain: z.boolean(),
}

/**
 * One session: start and end stamps, routine, where it ran, pain before and
 * after (0–10), stopped for pain; for a routine the user built, its name then
 * (optional: sessions of built-in routines and older records have none, and
 * history still names an own routine after it is renamed or deleted).
 */
export const sessionRecordSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  ...sessionShape,
  source: stretchSourceSchema,
  routineName: z
    .string()
    .min(1)
    .max(40)
    .refine((s) => s.trim() === s, 'a routine name has no spaces at its ends')
    .optional(),
})

const checkInShape = {
  id: idSchema,
  sessionId: idSchema.nullable(),
  pain: painSchema,
  moment: z.enum(['before', 'after', 'anytime']),
  at: stampSchema,
}

/** A pain check-in (0–10), before or after a session or at any time. */
export const painCheckInRecordSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  ...checkInShape,
})

const unlockShape = {
  id: z.string().min(1).max(64),
  at: stampSchema,
  shown: z.boolean(),
}

/** An achievement unlock in the celebration queue: shown once, then `shown` is set. */
export const unlockRecordSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  ...unlockShape,
})

// Version 1, read only to migrate: no source, outcome or target on a stretch
// (every one was measured in the headset), no source on a session.
const V1_SCHEMAS = {
  results: z.object({
    schemaVersion: z.literal(1),
    id: idSchema,
    sessionId: idSchema,
    routineId: z.string().min(1).max(128),
    result: stretchResultSchema,
    at: stampSchema,
  }),
  sessions: z.object({ schemaVersion: z.literal(1), ...sessionShape }),
  checkIns: z.object({ schemaVersion: z.literal(1), ...checkInShape }),
  unlocks: z.object({ schemaVersion: z.literal(1), ...unlockShape }),
} as const

/** A version 1 record of each kind, as validated before its migration. */
export type V1RecordOfKind = { [K in RecordKind]: z.infer<(typeof V1_SCHEMAS)[K]> }

/** A stored finished stretch. */
export type StretchRecord = z.infer<typeof stretchRecordSchema>
/** A stored session. */
export type SessionRecord = z.infer<typeof sessionRecordSchema>
/** A stored pain check-in. */
export type PainCheckInRecord = z.infer<typeof painCheckInRecordSchema>
/** A stored achievement unlock. */
export type UnlockRecord = z.infer<typeof unlockRecordSchema>

/** The kinds of record, by the table they live in. */
export type RecordKind = 'results' | 'sessions' | 'checkIns' | 'unlocks'

/** The whole history in memory: what streaks, achievements and charts are computed from. */
export interface History {
  results: StretchRecord[]
  sessions: SessionRecord[]
  checkIns: PainCheckInRecord[]
}

/** An empty history. */
export function emptyHistory(): History {
  return { results: [], sessions: [], checkIns: [] }
}

const SCHEMAS = {
  results: stretchRecordSchema,
  sessions: sessionRecordSchema,
  checkIns: painCheckInRecordSchema,
  unlocks: unlockRecordSchema,
} as const

/** The record type stored under each kind. */
export interface RecordOfKind {
  results: StretchRecord
  sessions: SessionRecord
  checkIns: PainCheckInRecord
  unlocks: UnlockRecord
}

/**
 * What reading one raw record gave: the valid record (and whether it was
 * migrated), or why it was set aside; `date` is set when its dates were the
 * problem, and `notBeforeMs` when it is only dated too far after now.
 */
export type ReadOutcome<K extends RecordKind> =
  | { ok: true; record: RecordOfKind[K]; migrated: boolean }
  | { ok: false; reason: string; date?: string; notBeforeMs?: number }

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function v0Stamp(utc: unknown, fallbackZone: string): Stamp | null {
  if (typeof utc !== 'string') return null
  const ms = Date.parse(utc)
  if (!Number.isFinite(ms)) return null
  return stampAt(ms, fallbackZone)
}

/**
 * Version 0 → 1. Version 0 (the first prototype) kept times as bare UTC ISO
 * strings without the zone or the local date, and had no `schemaVersion`. The
 * zone it happened in is unknown, so the device's zone at migration time is the
 * honest best guess; the local date computed from it is then fixed for good.
 * Returns null when the input is not a version 0 record of that kind.
 */
export function migrateV0ToV1(
  kind: RecordKind,
  raw: Record<string, unknown>,
  fallbackZone: string,
): Record<string, unknown> | null {
  if ('schemaVersion' in raw && raw.schemaVersion !== 0) return null
  const { schemaVersion: _drop, ...rest } = raw
  switch (kind) {
    case 'results': {
      const at = v0Stamp(raw.at, fallbackZone)
      return at ? { ...rest, schemaVersion: 1, at } : null
    }
    case 'sessions': {
      const start = v0Stamp(raw.start, fallbackZone)
      const end = raw.end === null || raw.end === undefined ? null : v0Stamp(raw.end, fallbackZone)
      if (!start || (raw.end != null && !end)) return null
      return { ...rest, schemaVersion: 1, start, end }
    }
    case 'checkIns': {
      const at = v0Stamp(raw.at, fallbackZone)
      return at
        ? {
            ...rest,
            schemaVersion: 1,
            at,
            moment: raw.moment ?? 'anytime',
            sessionId: raw.sessionId ?? null,
          }
        : null
    }
    case 'unlocks': {
      const at = v0Stamp(raw.at, fallbackZone)
      return at ? { ...rest, schemaVersion: 1, at, shown: raw.shown ?? true } : null
    }
  }
}

/**
 * Version 1 → 2, of a record already valid as version 1. Every version 1
 * stretch was measured in the headset, so its source is `headset` and its
 * outcome is what its result says (headsetOutcome); its target was not kept,
 * so `targets` is null ("not recorded"). Sessions gain `source: 'headset'`;
 * check-ins and unlocks change only their version.
 */
export function migrateV1ToV2<K extends RecordKind>(
  kind: K,
  v1: V1RecordOfKind[K],
): RecordOfKind[K] {
  switch (kind) {
    case 'results': {
      const r = v1 as V1RecordOfKind['results']
      const out: StretchRecord = {
        schemaVersion: SCHEMA_VERSION,
        id: r.id,
        sessionId: r.sessionId,
        routineId: r.routineId,
        stretch: r.result.stretch,
        source: 'headset',
        outcome: headsetOutcome(r.result),
        targets: null,
        result: r.result,
        followed: null,
        at: r.at,
      }
      return out as RecordOfKind[K]
    }
    case 'sessions': {
      const out: SessionRecord = {
        ...(v1 as V1RecordOfKind['sessions']),
        schemaVersion: SCHEMA_VERSION,
        source: 'headset',
      }
      return out as RecordOfKind[K]
    }
    default:
      return { ...v1, schemaVersion: SCHEMA_VERSION } as RecordOfKind[K]
  }
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return 'invalid record'
  const path = first.path.length > 0 ? first.path.join('.') : 'record'
  return `${path}: ${first.message}`
}

/** The stamps a record carries, with their field names. */
function stampsOf(kind: RecordKind, record: RecordOfKind[RecordKind]): [string, Stamp][] {
  if (kind === 'sessions') {
    const s = record as SessionRecord
    return s.end
      ? [
          ['start', s.start],
          ['end', s.end],
        ]
      : [['start', s.start]]
  }
  return [['at', (record as StretchRecord | PainCheckInRecord | UnlockRecord).at]]
}

/**
 * Validates one raw stored value as a record of `kind`, migrating older
 * versions first (0 → 1 → 2; `migrated` is then true and storage writes the
 * upgraded record back), and checks its stamps' dates (stampProblem; the "not after
 * now" part only when `nowMs` is given). Never throws: anything unreadable
 * comes back with a reason.
 */
export function readRecord<K extends RecordKind>(
  kind: K,
  raw: unknown,
  fallbackZone: string,
  nowMs?: number,
): ReadOutcome<K> {
  if (!isPlainObject(raw)) return { ok: false, reason: 'not an object' }
  let candidate: Record<string, unknown> = raw
  let migrated = false
  const version = raw.schemaVersion
  if (version === undefined || version === 0) {
    const up = migrateV0ToV1(kind, raw, fallbackZone)
    if (!up) return { ok: false, reason: 'version 0 record with unreadable times' }
    candidate = up
    migrated = true
  } else if (typeof version === 'number' && version > SCHEMA_VERSION) {
    return { ok: false, reason: `written by a newer version of the app (schema ${version})` }
  }
  let record: RecordOfKind[K]
  if (candidate.schemaVersion === 1) {
    // Checked as what it claims to be, then upgraded (a pure step that yields a valid version 2).
    const old = V1_SCHEMAS[kind].safeParse(candidate)
    if (!old.success) return { ok: false, reason: describeIssues(old.error) }
    record = migrateV1ToV2(kind, old.data as V1RecordOfKind[K])
    migrated = true
  } else {
    const parsed = SCHEMAS[kind].safeParse(candidate)
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) }
    record = parsed.data as RecordOfKind[K]
  }
  for (const [field, stamp] of stampsOf(kind, record)) {
    const problem = stampProblem(stamp, nowMs)
    if (problem) return { ...problem, ok: false, reason: `${field}: ${problem.reason}` }
  }
  return { ok: true, record, migrated }
}

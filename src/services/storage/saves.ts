/**
 * Saving, in two halves. `prepare…` checks the input and decides the whole
 * save at once (records with their ids and stamps) as a list of steps, without
 * touching storage; `applySteps` writes the steps in one transaction. Because
 * everything is fixed before the write, the steps can be journalled
 * (pendingSaves.ts) and run again after the page died mid-write: every record
 * has an id, and a step adds only what is absent, so running it twice changes
 * nothing.
 */
import {
  followedSchema,
  headsetOutcome,
  readRecord,
  SCHEMA_VERSION,
  sessionRecordSchema,
  stretchResultSchema,
  stretchTargetsSchema,
} from '../../core/history/records.ts'
import { isOwnRoutineId } from '../../core/ownRoutines.ts'
import type {
  PainCheckInRecord,
  RecordKind,
  SessionRecord,
  StretchRecord,
  StretchSource,
} from '../../core/history/records.ts'
import { STRETCH_IDS } from '../../core/stretches.ts'
import { stampAt, type Stamp } from '../../core/history/civilDate.ts'
import type { ProgressDb } from './progressDb.ts'
import type { Clock, FollowedInput, ResultInput } from './repository.ts'
import { saveFailureFrom, type SaveOutcome } from './storageErrors.ts'

/** Adds one record unless a record with its id is already stored (never overwrites). */
export interface AddStep {
  op: 'add'
  kind: Exclude<RecordKind, 'unlocks'>
  record: StretchRecord | SessionRecord | PainCheckInRecord
}

/** Ends a session: its end stamp, pain after and whether it was stopped for pain, plus the check-in after. */
export interface EndStep {
  op: 'end'
  sessionId: string
  end: Stamp
  painAfter: number | null
  stoppedForPain: boolean
  checkIn: PainCheckInRecord | null
}

/** One write of a save. */
export type SaveStep = AddStep | EndStep

/** A save decided and ready to write, or why it was refused. */
export type PreparedSave<T> =
  { ok: true; steps: SaveStep[]; record: T } | { ok: false; reason: 'invalid'; message: string }

function newId(): string {
  return crypto.randomUUID()
}

function validPain(p: unknown): p is number {
  return typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 10
}

function validIds(input: { sessionId?: unknown; routineId?: unknown }): boolean {
  return (
    typeof input.sessionId === 'string' &&
    input.sessionId.length > 0 &&
    typeof input.routineId === 'string' &&
    input.routineId.length > 0
  )
}

/** One stretch measured in the headset, stamped now (UTC instant, zone, local date). */
export function prepareResult(input: ResultInput, clock: Clock): PreparedSave<StretchRecord> {
  const parsed = stretchResultSchema.safeParse(input?.result)
  const targets = stretchTargetsSchema.safeParse(input?.targets)
  if (!parsed.success || !targets.success || !validIds(input)) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'Not saved: the stretch result was incomplete or malformed.',
    }
  }
  const record: StretchRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: newId(),
    sessionId: input.sessionId.slice(0, 128),
    routineId: input.routineId.slice(0, 128),
    stretch: parsed.data.stretch,
    source: 'headset',
    outcome: headsetOutcome(parsed.data),
    targets: targets.data,
    result: parsed.data,
    followed: null,
    at: stampAt(clock.nowMs(), clock.timeZone()),
  }
  return { ok: true, steps: [{ op: 'add', kind: 'results', record }], record }
}

const FOLLOWED_OUTCOMES: readonly string[] = ['completed', 'skipped', 'stopped-for-pain']

/** One stretch followed on the desktop and marked done or skipped (or stopped for pain), stamped now. */
export function prepareFollowed(input: FollowedInput, clock: Clock): PreparedSave<StretchRecord> {
  const targets = stretchTargetsSchema.safeParse(input?.targets)
  const followed = followedSchema.safeParse(input?.followed)
  if (
    !targets.success ||
    !followed.success ||
    !validIds(input) ||
    !(STRETCH_IDS as readonly unknown[]).includes(input.stretch) ||
    !FOLLOWED_OUTCOMES.includes(input.outcome)
  ) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'Not saved: the followed stretch was incomplete or malformed.',
    }
  }
  const record: StretchRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: newId(),
    sessionId: input.sessionId.slice(0, 128),
    routineId: input.routineId.slice(0, 128),
    stretch: input.stretch,
    source: 'desktop',
    outcome: input.outcome,
    targets: targets.data,
    result: null,
    followed: followed.data,
    at: stampAt(clock.nowMs(), clock.timeZone()),
  }
  return { ok: true, steps: [{ op: 'add', kind: 'results', record }], record }
}

/** A session's start, headset unless told (and the pain-before check-in when given). */
export function prepareSessionStart(
  input: {
    routineId: string
    painBefore: number | null
    source?: StretchSource
    /** an own routine's name, kept so history can name it after a rename or deletion */
    routineName?: string
  },
  clock: Clock,
): PreparedSave<SessionRecord> {
  const source = input?.source ?? 'headset'
  if (source !== 'headset' && source !== 'desktop')
    return {
      ok: false,
      reason: 'invalid',
      message: 'Not saved: a session runs in the headset or on the desktop.',
    }
  if (
    typeof input?.routineId !== 'string' ||
    !input.routineId ||
    (input.painBefore !== null && !validPain(input.painBefore))
  ) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'Not saved: the session needs a routine and a pain level from 0 to 10.',
    }
  }
  const start = stampAt(clock.nowMs(), clock.timeZone())
  const session: SessionRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: newId(),
    routineId: input.routineId.slice(0, 128),
    start,
    end: null,
    painBefore: input.painBefore,
    painAfter: null,
    stoppedForPain: false,
    source,
  }
  // Only an own routine's name is kept (a built-in one is named by its id); a name
  // that is not a valid stored one is left out rather than refusing the session.
  const named = sessionRecordSchema.shape.routineName.safeParse(input.routineName?.trim())
  if (isOwnRoutineId(session.routineId) && named.success && named.data !== undefined)
    session.routineName = named.data
  const steps: SaveStep[] = [{ op: 'add', kind: 'sessions', record: session }]
  if (input.painBefore !== null) {
    const checkIn: PainCheckInRecord = {
      schemaVersion: SCHEMA_VERSION,
      id: newId(),
      sessionId: session.id,
      pain: input.painBefore,
      moment: 'before',
      at: start,
    }
    steps.push({ op: 'add', kind: 'checkIns', record: checkIn })
  }
  return { ok: true, steps, record: session }
}

/** A session's end: pain after (also a check-in) and whether it was stopped for pain. */
export function prepareSessionEnd(
  sessionId: string,
  input: { painAfter: number | null; stoppedForPain: boolean },
  clock: Clock,
): PreparedSave<EndStep> {
  if (
    typeof sessionId !== 'string' ||
    (input?.painAfter !== null && !validPain(input?.painAfter)) ||
    typeof input.stoppedForPain !== 'boolean'
  ) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'Not saved: the session end needs a pain level from 0 to 10.',
    }
  }
  const end = stampAt(clock.nowMs(), clock.timeZone())
  const step: EndStep = {
    op: 'end',
    sessionId,
    end,
    painAfter: input.painAfter,
    stoppedForPain: input.stoppedForPain,
    checkIn:
      input.painAfter === null
        ? null
        : {
            schemaVersion: SCHEMA_VERSION,
            id: newId(),
            sessionId,
            pain: input.painAfter,
            moment: 'after',
            at: end,
          },
  }
  return { ok: true, steps: [step], record: step }
}

/** A pain check-in (0–10), stamped now. */
export function prepareCheckIn(
  input: { pain: number; sessionId?: string | null; moment?: PainCheckInRecord['moment'] },
  clock: Clock,
): PreparedSave<PainCheckInRecord> {
  if (!validPain(input?.pain)) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'Not saved: pain is a whole number from 0 to 10.',
    }
  }
  const record: PainCheckInRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: newId(),
    sessionId: typeof input.sessionId === 'string' ? input.sessionId : null,
    pain: input.pain,
    moment: input.moment ?? 'anytime',
    at: stampAt(clock.nowMs(), clock.timeZone()),
  }
  return { ok: true, steps: [{ op: 'add', kind: 'checkIns', record }], record }
}

/** What a run of steps did. */
export interface Applied {
  /** records added (0 when a replay found everything already there) */
  added: number
  /** the session as stored after an end step; null when that session is not stored */
  ended?: SessionRecord | null
}

/**
 * Writes the steps in one transaction; resolves after it completed. A record
 * whose id is already stored is left as it is. An end step ends the session;
 * when `replay` is set (a journalled save run again) it ends only a session
 * that is still open, so an old journal never undoes a later end.
 */
export async function applySteps(
  db: ProgressDb,
  steps: readonly SaveStep[],
  clock: Clock,
  options: { replay?: boolean } = {},
): Promise<SaveOutcome<Applied>> {
  const tables = new Set<string>()
  for (const s of steps) {
    if (s.op === 'add') tables.add(s.kind)
    else tables.add('sessions').add('checkIns')
  }
  if (tables.size === 0) return { ok: true, record: { added: 0 } }
  const out: Applied = { added: 0 }
  const addIfAbsent = async (kind: string, record: { id: string }) => {
    const table = db.table(kind)
    if ((await table.get(record.id)) !== undefined) return
    await table.add(record)
    out.added += 1
  }
  try {
    await db.transaction('rw', [...tables], async () => {
      for (const s of steps) {
        if (s.op === 'add') {
          await addIfAbsent(s.kind, s.record)
          continue
        }
        const got = readRecord(
          'sessions',
          await db.table('sessions').get(s.sessionId),
          clock.timeZone(),
        )
        if (!got.ok) {
          out.ended = null
          continue
        }
        if (options.replay && got.record.end !== null) {
          out.ended = got.record
        } else {
          const saved: SessionRecord = {
            ...got.record,
            end: s.end,
            painAfter: s.painAfter,
            stoppedForPain: s.stoppedForPain,
          }
          await db.table('sessions').put(saved)
          out.ended = saved
        }
        if (s.checkIn) await addIfAbsent('checkIns', s.checkIn)
      }
    })
    return { ok: true, record: out }
  } catch (e) {
    return saveFailureFrom(e)
  }
}

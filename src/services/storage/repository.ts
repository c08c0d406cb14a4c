/**
 * Reading and writing progress records: pure-ish functions over a ProgressDb
 * (tests pass one backed by fake-indexeddb). Each write is one transaction and
 * resolves only after it completed; every read validates each record and sets
 * failing ones aside without touching the rest.
 */
import { readRecord, emptyHistory } from '../../core/history/records.ts'
import type {
  History,
  PainCheckInRecord,
  RecordKind,
  SessionRecord,
  FollowedSide,
  StretchRecord,
  StretchSource,
  StretchTargets,
  UnlockRecord,
} from '../../core/history/records.ts'
import type { StretchId } from '../../core/stretches.ts'
import { stampAt, isValidTimeZone } from '../../core/history/civilDate.ts'
import { reduceUnlocks, changedUnlocks } from '../../core/history/unlockQueue.ts'
import type { ImportPlan, RecordSet } from '../../core/history/backup.ts'
import { BACKUP_KINDS } from '../../core/history/backup.ts'
import type { StretchResult } from '../../core/result.ts'
import type { IndexableType } from 'dexie'
import type { ProgressDb, QuarantineEntry } from './progressDb.ts'
import { saveFailureFrom, type SaveOutcome } from './storageErrors.ts'
import {
  applySteps,
  prepareCheckIn,
  prepareFollowed,
  prepareResult,
  prepareSessionEnd,
  prepareSessionStart,
  type Applied,
  type PreparedSave,
} from './saves.ts'

/** Where time and the zone come from (tests pass a fixed one). */
export interface Clock {
  /** UTC ms since epoch */
  nowMs(): number
  /** the device's IANA zone now */
  timeZone(): string
}

/** The device clock and zone. */
export const systemClock: Clock = {
  nowMs: () => Date.now(),
  timeZone: () => {
    const z = Intl.DateTimeFormat().resolvedOptions().timeZone
    return isValidTimeZone(z) ? z : 'UTC'
  },
}

/** Everything read from the database. */
export interface LoadedProgress {
  history: History
  unlocks: UnlockRecord[]
  /** rows set aside so far (this load and earlier ones) */
  quarantined: number
  /** rows set aside by this load */
  newlyQuarantined: number
  /** rows of an older version (0 or 1) upgraded by this load */
  migrated: number
  /** of the rows set aside by this load, those only dated more than two days after now */
  newlyDatedAhead: number
  /** rows an older version of the app had set aside as "written by a newer version", back in the history */
  restoredNewer: number
}

const KINDS: readonly RecordKind[] = BACKUP_KINDS

function safeClone(raw: unknown): unknown {
  try {
    return structuredClone(raw)
  } catch {
    return String(raw)
  }
}

/** Rows read and checked per request: each batch is one short task, so a large history never freezes the page. */
export const LOAD_BATCH = 2000

/** How far a load or an import has come (records done, of all). */
export type ProgressReport = (done: number, total: number) => void

// The earliest instant (UTC ms) at which a record set aside only for being
// dated in the future becomes readable. Kept in `meta` so a start looks through
// the set-aside rows only when one may be due.
const SET_ASIDE_UNTIL = 'setAsideUntil'

// How many rows the quarantine held after the last look for rows an older
// version of the app set aside as newer: a start looks again only when the
// count has changed since (another tab, or this one, set something aside).
const NEWER_LOOKED_AT = 'setAsideNewerLookedAt'
const NEWER_REASON = /^written by a newer version of the app \(schema \d+\)$/

/** A set-aside row of a record that was only dated too far in the future. */
type FutureEntry = QuarantineEntry & { notBeforeMs?: number }

function isRecordKind(t: string): t is RecordKind {
  return (KINDS as readonly string[]).includes(t)
}

/**
 * Moves back the set-aside records that were only dated after now (a clock
 * set back, a slow device) once the clock has reached them, unless their id
 * is in use again. Runs only when `meta` says one is due; returns how many.
 */
async function restoreDue(db: ProgressDb, zone: string, nowMs: number): Promise<number> {
  const due = (await db.meta.get(SET_ASIDE_UNTIL))?.value
  if (typeof due !== 'number' || due > nowMs) return 0
  let next: number | null = null
  let restored = 0
  for (const entry of (await db.quarantine.toArray()) as FutureEntry[]) {
    if (typeof entry.notBeforeMs !== 'number') continue
    if (entry.notBeforeMs > nowMs || !isRecordKind(entry.table)) {
      if (entry.notBeforeMs > nowMs) next = Math.min(next ?? Infinity, entry.notBeforeMs)
      continue
    }
    const got = readRecord(entry.table, entry.raw, zone, nowMs)
    const table = db.table(entry.table)
    if (got.ok && (await table.get(entry.key)) === undefined) {
      // Back verbatim: the read below checks (and if need be migrates) it like any row.
      await table.add(entry.raw)
      await db.quarantine.delete(entry.qid!)
      restored += 1
    } else if (!got.ok && got.notBeforeMs !== undefined) {
      const later: FutureEntry = { ...entry, reason: got.reason, notBeforeMs: got.notBeforeMs }
      await db.quarantine.put(later)
      next = Math.min(next ?? Infinity, got.notBeforeMs)
    } else {
      // Damaged now, or its id is taken: it stays set aside for good.
      const { notBeforeMs: _drop, ...kept } = entry
      await db.quarantine.put(kept)
    }
  }
  if (next === null) await db.meta.delete(SET_ASIDE_UNTIL)
  else await db.meta.put({ key: SET_ASIDE_UNTIL, value: next })
  return restored
}

/**
 * Moves back the rows that a tab still running an older version of the app
 * set aside because their schema was newer than it knew (it reads a version 2
 * record as "written by a newer version" and sets every one aside), once this
 * version reads them, unless their id is in use again. Returns how many.
 */
async function restoreNewer(db: ProgressDb, zone: string, nowMs: number): Promise<number> {
  const count = await db.quarantine.count()
  const lookedAt = (await db.meta.get(NEWER_LOOKED_AT))?.value
  if (count === 0 || count === lookedAt) return 0
  let restored = 0
  for (const entry of await db.quarantine.toArray()) {
    if (!isRecordKind(entry.table) || !NEWER_REASON.test(entry.reason)) continue
    const got = readRecord(entry.table, entry.raw, zone, nowMs)
    const table = db.table(entry.table)
    if (!got.ok || (await table.get(entry.key)) !== undefined) continue
    // Back verbatim: the read that follows checks it like any row.
    await table.add(entry.raw)
    await db.quarantine.delete(entry.qid!)
    restored += 1
  }
  await db.meta.put({ key: NEWER_LOOKED_AT, value: count - restored })
  return restored
}

/**
 * Reads every table, validating each row (dates included: none before
 * 2020-01-01 or more than two days after the clock's now). Rows of an older
 * version (0 or 1) are migrated and written back, batch by batch; failing rows are moved verbatim to the quarantine
 * table in the same transaction (so a crash leaves either both or neither).
 * Rows dated only too far in the future come back on a later load once the
 * clock reaches them. If that transaction cannot run (e.g. storage full) the
 * load still returns the valid rows and leaves the bad ones where they are.
 *
 * Rows are read and checked `LOAD_BATCH` at a time: each batch is its own
 * short task (the transaction stays open between them because the next read
 * is asked for at once), and `onProgress` hears after each one when there is
 * more than one.
 */
export async function loadProgress(
  db: ProgressDb,
  clock: Clock = systemClock,
  onProgress?: ProgressReport,
): Promise<LoadedProgress> {
  const zone = clock.timeZone()
  const nowMs = clock.nowMs()
  const run = async (repair: boolean): Promise<LoadedProgress> => {
    const out: LoadedProgress = {
      history: emptyHistory(),
      unlocks: [],
      quarantined: 0,
      newlyQuarantined: 0,
      migrated: 0,
      newlyDatedAhead: 0,
      restoredNewer: 0,
    }
    if (repair) {
      await restoreDue(db, zone, nowMs)
      out.restoredNewer = await restoreNewer(db, zone, nowMs)
    }
    const setAside: FutureEntry[] = []
    let until: number | null = null
    const keysOf = new Map<RecordKind, IndexableType[]>()
    let total = 0
    for (const kind of KINDS) {
      const keys = await db.table(kind).toCollection().primaryKeys()
      keysOf.set(kind, keys)
      total += keys.length
    }
    let done = 0
    for (const kind of KINDS) {
      const table = db.table<unknown, IndexableType>(kind)
      const allKeys = keysOf.get(kind)!
      const badKeys: IndexableType[] = []
      for (let from = 0; from < allKeys.length; from += LOAD_BATCH) {
        const keys = allKeys.slice(from, from + LOAD_BATCH)
        // Inside one transaction the rows between the first and last key are exactly these.
        const values = await table
          .where(':id')
          .between(keys[0]!, keys[keys.length - 1]!, true, true)
          .toArray()
        if (values.length !== keys.length) throw new Error('the history changed while it was read')
        const upgraded: unknown[] = []
        for (let i = 0; i < values.length; i++) {
          const got = readRecord(kind, values[i], zone, nowMs)
          if (got.ok) {
            if (kind === 'unlocks') out.unlocks.push(got.record as UnlockRecord)
            else (out.history[kind] as unknown[]).push(got.record)
            if (got.migrated) upgraded.push(got.record)
          } else {
            badKeys.push(keys[i]!)
            const entry: FutureEntry = {
              table: kind,
              key: String(keys[i]),
              raw: safeClone(values[i]),
              reason: got.reason,
              at: new Date(nowMs).toISOString(),
            }
            if (got.notBeforeMs !== undefined) {
              entry.notBeforeMs = got.notBeforeMs
              until = Math.min(until ?? Infinity, got.notBeforeMs)
              out.newlyDatedAhead += 1
            }
            setAside.push(entry)
          }
        }
        // Written back with their batch: a whole older store upgraded at once
        // would be one long task on a large history.
        if (repair && upgraded.length > 0) await table.bulkPut(upgraded)
        out.migrated += upgraded.length
        done += keys.length
        if (onProgress && total > LOAD_BATCH) onProgress(done, total)
      }
      if (repair && badKeys.length > 0) await table.bulkDelete(badKeys)
    }
    if (repair && setAside.length > 0) await db.quarantine.bulkAdd(setAside)
    if (repair && until !== null) {
      const before = (await db.meta.get(SET_ASIDE_UNTIL))?.value
      const next = typeof before === 'number' ? Math.min(before, until) : until
      await db.meta.put({ key: SET_ASIDE_UNTIL, value: next })
    }
    out.newlyQuarantined = setAside.length
    out.quarantined = (await db.quarantine.count()) + (repair ? 0 : setAside.length)
    return out
  }
  const tables = [...KINDS, 'quarantine', 'meta']
  try {
    return await db.transaction('rw', tables, () => run(true))
  } catch {
    // Read-only fallback: show what is valid, move nothing.
    return await db.transaction('r', tables, () => run(false))
  }
}

/** The quarantined rows, for the "set aside" details and the backup. */
export async function listQuarantine(db: ProgressDb): Promise<QuarantineEntry[]> {
  return db.quarantine.toArray()
}

/** What the live session passes when a stretch measured in the headset finishes. */
export interface ResultInput {
  sessionId: string
  routineId: string
  result: StretchResult
  /** the target the stretch was done against (per side) */
  targets: StretchTargets
}

/** What the desktop routine passes when the user marks a followed stretch done or skipped (or stops for pain). */
export interface FollowedInput {
  sessionId: string
  routineId: string
  stretch: StretchId
  outcome: 'completed' | 'skipped' | 'stopped-for-pain'
  targets: StretchTargets
  /** what the desktop timers ran to, per side followed */
  followed: Partial<Record<'left' | 'right' | 'both', FollowedSide>>
}

// Each save is decided first, then written (saves.ts): progress.ts journals the
// decided steps in between so a save cut off by a closing page is finished later.
async function prepareAndApply<T>(
  db: ProgressDb,
  prepared: PreparedSave<T>,
  clock: Clock,
): Promise<SaveOutcome<T>> {
  if (!prepared.ok) return prepared
  const out = await applySteps(db, prepared.steps, clock)
  return out.ok ? { ok: true, record: prepared.record } : out
}

/**
 * Stores one finished stretch, stamped now (UTC instant, zone, local date).
 * Resolves after the transaction completed: only then may the UI say "Saved".
 * Never throws: an invalid result or a storage failure comes back as a reason.
 */
export async function saveResult(
  db: ProgressDb,
  input: ResultInput,
  clock: Clock = systemClock,
): Promise<SaveOutcome<StretchRecord>> {
  return prepareAndApply(db, prepareResult(input, clock), clock)
}

/**
 * Stores one stretch followed on the desktop (no score), stamped now. Resolves
 * after the transaction completed; never throws.
 */
export async function saveFollowed(
  db: ProgressDb,
  input: FollowedInput,
  clock: Clock = systemClock,
): Promise<SaveOutcome<StretchRecord>> {
  return prepareAndApply(db, prepareFollowed(input, clock), clock)
}

/** Starts a session, in the headset unless told (and stores the pain-before check-in when given). */
export async function saveSessionStart(
  db: ProgressDb,
  input: {
    routineId: string
    painBefore: number | null
    source?: StretchSource
    routineName?: string
  },
  clock: Clock = systemClock,
): Promise<SaveOutcome<SessionRecord>> {
  return prepareAndApply(db, prepareSessionStart(input, clock), clock)
}

/** Ends a session: its end stamp, pain after (also stored as a check-in), and whether it was stopped for pain. */
export async function saveSessionEnd(
  db: ProgressDb,
  sessionId: string,
  input: { painAfter: number | null; stoppedForPain: boolean },
  clock: Clock = systemClock,
): Promise<SaveOutcome<SessionRecord>> {
  const prepared = prepareSessionEnd(sessionId, input, clock)
  if (!prepared.ok) return prepared
  return endOutcome(await applySteps(db, prepared.steps, clock))
}

/** The outcome of an end step: the ended session, or "not in the history". */
export function endOutcome(out: SaveOutcome<Applied>): SaveOutcome<SessionRecord> {
  if (!out.ok) return out
  if (!out.record.ended)
    return {
      ok: false,
      reason: 'invalid',
      message: 'Not saved: that session is not in the history.',
    }
  return { ok: true, record: out.record.ended }
}

/** Stores a pain check-in (0–10), stamped now. */
export async function saveCheckIn(
  db: ProgressDb,
  input: { pain: number; sessionId?: string | null; moment?: PainCheckInRecord['moment'] },
  clock: Clock = systemClock,
): Promise<SaveOutcome<PainCheckInRecord>> {
  return prepareAndApply(db, prepareCheckIn(input, clock), clock)
}

/** Deletes one finished stretch (a wrong entry). */
export async function deleteResult(db: ProgressDb, id: string): Promise<SaveOutcome<string>> {
  try {
    await db.transaction('rw', ['results'], () => db.table('results').delete(id))
    return { ok: true, record: id }
  } catch (e) {
    return saveFailureFrom(e)
  }
}

/** Deletes everything: every table, the set-aside rows and the flags. */
export async function deleteAllData(db: ProgressDb): Promise<SaveOutcome<null>> {
  try {
    const tables = [...KINDS, 'quarantine', 'meta']
    await db.transaction('rw', tables, async () => {
      for (const t of tables) await db.table(t).clear()
    })
    return { ok: true, record: null }
  } catch (e) {
    return saveFailureFrom(e)
  }
}

/** The ids already stored, per kind (to plan an import). */
export async function storedIds(db: ProgressDb): Promise<{ [K in RecordKind]: Set<string> }> {
  const out = {
    results: new Set<string>(),
    sessions: new Set<string>(),
    checkIns: new Set<string>(),
    unlocks: new Set<string>(),
  }
  await db.transaction('r', [...KINDS], async () => {
    for (const kind of KINDS) {
      for (const k of await db.table(kind).toCollection().primaryKeys()) out[kind].add(String(k))
    }
  })
  return out
}

/**
 * Records written per request while importing: each batch is one short task
 * (1,000 made tasks of 50–90 ms on a busy 2-vCPU machine, now and then near
 * 200; 500 stays under 50 ms and the whole save takes as long).
 */
export const SAVE_BATCH = 500

/**
 * Applies an import plan in one transaction: adds only ids that are still
 * absent (another tab may have written meanwhile), never overwrites. On any
 * failure nothing is added. Records go in `SAVE_BATCH` at a time (bulkAdd);
 * the transaction stays open between batches because each next one is asked
 * for as soon as the last completes, and `onProgress` hears after each.
 */
export async function applyImport(
  db: ProgressDb,
  plan: ImportPlan,
  onProgress?: ProgressReport,
): Promise<SaveOutcome<RecordSet>> {
  const added: RecordSet = { results: [], sessions: [], checkIns: [], unlocks: [] }
  try {
    await db.transaction('rw', [...KINDS], async () => {
      const fresh: RecordSet = { results: [], sessions: [], checkIns: [], unlocks: [] }
      let total = 0
      for (const kind of KINDS) {
        if (plan.toAdd[kind].length === 0) continue
        const here = new Set((await db.table(kind).toCollection().primaryKeys()).map(String))
        const seen = new Set<string>()
        for (const r of plan.toAdd[kind]) {
          if (here.has(r.id) || seen.has(r.id)) continue
          seen.add(r.id)
          ;(fresh[kind] as unknown[]).push(r)
        }
        total += fresh[kind].length
      }
      let saved = 0
      for (const kind of KINDS) {
        const list = fresh[kind] as { id: string }[]
        for (let from = 0; from < list.length; from += SAVE_BATCH) {
          const batch = list.slice(from, from + SAVE_BATCH)
          await db.table(kind).bulkAdd(batch)
          saved += batch.length
          onProgress?.(saved, total)
        }
      }
      Object.assign(added, fresh)
    })
    return { ok: true, record: added }
  } catch (e) {
    return saveFailureFrom(e)
  }
}

/** Adds unlock events for newly earned achievements (one put each); returns the queue after. */
export async function recordUnlocks(
  db: ProgressDb,
  earnedIds: readonly string[],
  clock: Clock = systemClock,
): Promise<UnlockRecord[] | null> {
  try {
    return await db.transaction('rw', ['unlocks'], async () => {
      const events: UnlockRecord[] = []
      for (const raw of await db.table('unlocks').toArray()) {
        const got = readRecord('unlocks', raw, clock.timeZone())
        if (got.ok) events.push(got.record)
      }
      const before = { events }
      const after = reduceUnlocks(before, {
        type: 'earned',
        ids: earnedIds,
        at: stampAt(clock.nowMs(), clock.timeZone()),
      })
      for (const r of changedUnlocks(before, after)) await db.table('unlocks').put(r)
      return after.events
    })
  } catch {
    return null
  }
}

/** Marks unlock events as celebrated so they are never shown again. */
export async function markUnlocksShown(
  db: ProgressDb,
  ids: readonly string[],
  clock: Clock = systemClock,
): Promise<boolean> {
  try {
    await db.transaction('rw', ['unlocks'], async () => {
      const events: UnlockRecord[] = []
      for (const id of ids) {
        const got = readRecord('unlocks', await db.table('unlocks').get(id), clock.timeZone())
        if (got.ok) events.push(got.record)
      }
      const before = { events }
      for (const r of changedUnlocks(before, reduceUnlocks(before, { type: 'shown', ids })))
        await db.table('unlocks').put(r)
    })
    return true
  } catch {
    return false
  }
}

/** Reads a flag from the meta table (undefined when absent or unreadable). */
export async function readMeta(db: ProgressDb, key: string): Promise<unknown> {
  try {
    return (await db.meta.get(key))?.value
  } catch {
    return undefined
  }
}

/** Writes a flag to the meta table; false when it could not be written. */
export async function writeMeta(db: ProgressDb, key: string, value: unknown): Promise<boolean> {
  try {
    await db.transaction('rw', ['meta'], () => db.meta.put({ key, value }))
    return true
  } catch {
    return false
  }
}

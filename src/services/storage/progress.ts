/**
 * The progress API of the app. The live session calls `startSession`,
 * `recordResult` (once per finished stretch), `recordPainCheckIn` and
 * `endSession`; each resolves after the write completed and never throws.
 * The home page calls `initProgress` and the other actions. Every write
 * reloads the view and tells other tabs.
 */
import { earnedAchievementIds } from '../../core/history/achievements.ts'
import { makeBackup, planImport, type ImportPlan } from '../../core/history/backup.ts'
import { exportableSetAside } from '../../core/history/exportable.ts'
import type { PainCheckInRecord, SessionRecord, StretchRecord } from '../../core/history/records.ts'
import { checkBackupText } from './backupCheck.ts'
import { ProgressDb } from './progressDb.ts'
import { useProgressStore } from './progressStore.ts'
import * as repo from './repository.ts'
import type { Clock, ResultInput } from './repository.ts'
import type { SaveOutcome } from './storageErrors.ts'
import { openTabSync, type TabSync } from './tabSync.ts'
import { reportWork } from './workProgress.ts'

export type { ResultInput } from './repository.ts'
export type { SaveOutcome } from './storageErrors.ts'

let db: ProgressDb | null = null
let openFailure: string | null = null
let sync: TabSync | null = null
let clock: Clock = repo.systemClock
let noticeSeq = 0
let loading: Promise<void> | null = null
let reloadAgain = false

/** The channel to other tabs, opened on first need (the live session writes without the home page). */
function tabs(): TabSync {
  if (!sync) sync = openTabSync(() => void refreshProgress())
  return sync
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'unknown error'
}

function notice(kind: 'saved' | 'error' | 'info', text: string): void {
  noticeSeq += 1
  useProgressStore.setState({ notice: { kind, text, seq: noticeSeq } })
}

const EXPECTED_KEYS: Record<string, string> = {
  results: 'id',
  sessions: 'id',
  checkIns: 'id',
  unlocks: 'id',
  quarantine: 'qid',
  meta: 'key',
}

function foreignTables(d: ProgressDb): string[] {
  const idb = d.backendDB()
  const names = Object.keys(EXPECTED_KEYS)
  const missing = names.filter((n) => !idb.objectStoreNames.contains(n))
  if (missing.length > 0) return missing
  const tx = idb.transaction(names, 'readonly')
  return names.filter((n) => tx.objectStore(n).keyPath !== EXPECTED_KEYS[n])
}

async function openDb(): Promise<ProgressDb | null> {
  if (db) return db
  if (openFailure) return null
  try {
    const d = new ProgressDb()
    await d.open()
    // A store with foreign tables or keys (Dexie adapts to what it finds) would
    // fail at the first write: refuse it here, untouched, with a message.
    const foreign = foreignTables(d)
    if (foreign.length > 0) {
      d.close()
      throw new Error(`unexpected layout of ${foreign.join(', ')}`)
    }
    db = d
    return d
  } catch (e) {
    const detail = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'unknown error'
    openFailure = detail
    return null
  }
}

async function reload(): Promise<void> {
  const d = await openDb()
  if (!d) {
    useProgressStore.setState({
      status: 'unavailable',
      loadError: `Your saved progress could not be opened (${openFailure}). The app still works, but nothing can be saved or shown until this is fixed; nothing has been changed or deleted.`,
      loadedAtMs: clock.nowMs(),
    })
    return
  }
  try {
    // A large history is read in batches; the page shows how far it has come.
    const loaded = await repo
      .loadProgress(d, clock, (done, total) => reportWork({ step: 'reading', done, total }))
      .finally(() => reportWork(null))
    let unlocks = loaded.unlocks
    const earned = earnedAchievementIds(loaded.history, clock.nowMs(), clock.timeZone())
    const known = new Set(unlocks.map((u) => u.id))
    if (earned.some((id) => !known.has(id))) {
      const after = await repo.recordUnlocks(d, earned, clock)
      if (after) {
        unlocks = after
        tabs().announce()
      }
    }
    useProgressStore.setState({
      status: 'ready',
      history: loaded.history,
      unlocks,
      quarantined: loaded.quarantined,
      loadError: null,
      loadedAtMs: clock.nowMs(),
    })
    if (loaded.newlyQuarantined > 0) {
      const ahead = loaded.newlyDatedAhead
      const damaged = loaded.newlyQuarantined - ahead
      const parts: string[] = []
      if (damaged > 0)
        parts.push(`${damaged} damaged record${damaged === 1 ? ' was' : 's were'} set aside`)
      if (ahead > 0)
        parts.push(
          `${ahead} record${ahead === 1 ? ' dated more than two days ahead was' : 's dated more than two days ahead were'} set aside until then (if this device's date is wrong, correct it)`,
        )
      notice('info', `${parts.join('; ')}; the rest of your history is intact.`)
    }
  } catch (e) {
    useProgressStore.setState({
      status: 'unavailable',
      loadError: `Your saved progress could not be read (${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}). Nothing has been changed or deleted.`,
      loadedAtMs: clock.nowMs(),
    })
  }
}

/** Reloads the view from IndexedDB; concurrent calls coalesce into one more load. */
export function refreshProgress(): Promise<void> {
  if (loading) {
    reloadAgain = true
    return loading
  }
  loading = (async () => {
    do {
      reloadAgain = false
      await reload()
    } while (reloadAgain)
    loading = null
  })()
  return loading
}

/** Opens storage, loads the view and starts listening to other tabs. Safe to call more than once. */
export function initProgress(options: { clock?: Clock } = {}): Promise<void> {
  if (options.clock) clock = options.clock
  tabs()
  return refreshProgress()
}

async function afterWrite<T>(
  outcome: SaveOutcome<T>,
  savedText: string | null,
): Promise<SaveOutcome<T>> {
  if (outcome.ok) {
    tabs().announce()
    await refreshProgress()
    if (savedText) notice('saved', savedText)
  } else {
    notice('error', outcome.message)
  }
  return outcome
}

function unavailable<T>(): SaveOutcome<T> {
  const message = 'Not saved: your saved progress could not be opened on this device.'
  notice('error', message)
  return { ok: false, reason: 'unavailable', message }
}

async function askPersistenceOnce(d: ProgressDb): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return
  if ((await repo.readMeta(d, 'persistAsked')) === true) return
  if (!(await repo.writeMeta(d, 'persistAsked', true))) return
  try {
    await navigator.storage.persist()
  } catch {
    // A refusal leaves storage "best effort"; the backup button is the remedy.
  }
}

/** Records one finished stretch (the live session calls this at each stretch's end). */
export async function recordResult(input: ResultInput): Promise<SaveOutcome<StretchRecord>> {
  const d = await openDb()
  if (!d) return unavailable()
  return afterWrite(await repo.saveResult(d, input, clock), null)
}

/** Starts a session, with the pain check-in before it (0–10, or null when skipped). */
export async function startSession(
  routineId: string,
  painBefore: number | null,
): Promise<SaveOutcome<SessionRecord>> {
  const d = await openDb()
  if (!d) return unavailable()
  return afterWrite(await repo.saveSessionStart(d, { routineId, painBefore }, clock), null)
}

/** Ends a session with the pain check-in after it; asks for persistent storage after the first one. */
export async function endSession(
  sessionId: string,
  painAfter: number | null,
  stoppedForPain: boolean,
): Promise<SaveOutcome<SessionRecord>> {
  const d = await openDb()
  if (!d) return unavailable()
  const out = await afterWrite(
    await repo.saveSessionEnd(d, sessionId, { painAfter, stoppedForPain }, clock),
    'Session saved.',
  )
  if (out.ok) await askPersistenceOnce(d)
  return out
}

/** Records a pain check-in (0–10) at any time, or before/after a session. */
export async function recordPainCheckIn(
  pain: number,
  sessionId: string | null = null,
  moment: PainCheckInRecord['moment'] = 'anytime',
): Promise<SaveOutcome<PainCheckInRecord>> {
  const d = await openDb()
  if (!d) return unavailable()
  return afterWrite(
    await repo.saveCheckIn(d, { pain, sessionId, moment }, clock),
    `Saved: pain ${pain} of 10.`,
  )
}

/** Deletes one wrong entry. */
export async function deleteStretchEntry(id: string): Promise<boolean> {
  const d = await openDb()
  if (!d) return unavailable<string>().ok
  return (await afterWrite(await repo.deleteResult(d, id), 'Entry deleted.')).ok
}

/** Deletes all progress data on this device. */
export async function deleteEverything(): Promise<boolean> {
  const d = await openDb()
  if (!d) return unavailable<null>().ok
  return (
    await afterWrite(
      await repo.deleteAllData(d),
      'All your progress data was deleted from this device.',
    )
  ).ok
}

/** Marks celebrations as shown. */
export async function dismissCelebrations(ids: readonly string[]): Promise<void> {
  const d = await openDb()
  if (!d) return
  if (await repo.markUnlocksShown(d, ids, clock)) {
    tabs().announce()
    await refreshProgress()
  }
}

/** What "Export backup" made: the file's text and how many set-aside records it only describes, or why there is none. */
export type BackupExport =
  { ok: true; text: string; described: number } | { ok: false; message: string }

/**
 * The backup file's text (JSON) of everything stored. Never throws: a
 * set-aside record JSON cannot hold is described in the file instead, and the
 * page says which; the healthy records are always there in full.
 */
export async function exportBackup(): Promise<BackupExport> {
  const fail = (why: string): BackupExport => {
    const message = `The backup could not be made: ${why}. Nothing was changed; try again after reloading the page.`
    notice('error', message)
    return { ok: false, message }
  }
  const d = await openDb()
  if (!d) return fail('your saved progress could not be opened on this device')
  let loaded: repo.LoadedProgress
  try {
    loaded = await repo.loadProgress(d, clock)
  } catch (e) {
    return fail(`your saved progress could not be read (${errorText(e)})`)
  }
  let rows: unknown[] = []
  let setAsideUnread = false
  try {
    rows = await repo.listQuarantine(d)
  } catch {
    setAsideUnread = true
  }
  const carried = exportableSetAside(rows)
  let text: string
  try {
    text = JSON.stringify(
      makeBackup(loaded.history, loaded.unlocks, clock.nowMs(), carried.entries),
      null,
      1,
    )
  } catch (e) {
    return fail(errorText(e))
  }
  const notes: string[] = []
  const n = carried.described.length
  if (n > 0) {
    const named = carried.described
      .slice(0, 3)
      .map((r) => `${r.table} "${r.key.slice(0, 60)}"`)
      .join(', ')
    notes.push(
      `Backup made: every stretch, session, pain check-in and achievement is in it in full. ${n} damaged record${n === 1 ? '' : 's'} set aside on this device (${named}${n > 3 ? ` and ${n - 3} more` : ''}) could not be copied as ${n === 1 ? 'it was' : 'they were'}, so the file describes ${n === 1 ? 'it' : 'them'} instead.`,
    )
  }
  if (setAsideUnread)
    notes.push(
      'The damaged records set aside on this device could not be read, so they are not in the file; everything else is.',
    )
  if (notes.length > 0) notice('info', notes.join(' '))
  return { ok: true, text, described: n }
}

/** The backup file's text (JSON) of everything stored, or null when it could not be made. */
export async function exportBackupText(): Promise<string | null> {
  const out = await exportBackup()
  return out.ok ? out.text : null
}

/** Reads and plans an import (nothing is written yet). */
export async function prepareImport(
  text: string,
): Promise<{ ok: true; plan: ImportPlan } | { ok: false; message: string }> {
  // Checked in a worker (or in batches), so a large file never freezes the page.
  const parsed = await checkBackupText(
    { text, zone: clock.timeZone(), nowMs: clock.nowMs() },
    ({ checked, total }) => reportWork({ step: 'checking', done: checked, total }),
  ).finally(() => reportWork(null))
  if (!parsed.ok) return parsed
  const d = await openDb()
  if (!d)
    return {
      ok: false,
      message: 'Your saved progress could not be opened, so nothing can be imported.',
    }
  try {
    return { ok: true, plan: planImport(await repo.storedIds(d), parsed.records) }
  } catch (e) {
    return {
      ok: false,
      message: `The stored history could not be read (${e instanceof Error ? e.message : 'error'}).`,
    }
  }
}

/** Applies a planned import in one transaction (written in batches, progress shown). */
export async function commitImport(plan: ImportPlan): Promise<boolean> {
  const d = await openDb()
  if (!d) return unavailable<null>().ok
  const out = await repo
    .applyImport(d, plan, (done, total) => reportWork({ step: 'saving', done, total }))
    .finally(() => reportWork(null))
  if (out.ok) {
    const n =
      out.record.results.length +
      out.record.sessions.length +
      out.record.checkIns.length +
      out.record.unlocks.length
    return (await afterWrite(out, `Imported and saved: ${n} record${n === 1 ? '' : 's'} added.`)).ok
  }
  return (await afterWrite(out, null)).ok
}

/** The clock the view uses (the page needs "now" and the zone to compute today). */
export function progressClock(): Clock {
  return clock
}

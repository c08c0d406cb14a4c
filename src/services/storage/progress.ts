/**
 * The progress API of the app. The live session calls `startSession`,
 * `recordResult` (once per finished stretch), `recordPainCheckIn` and
 * `endSession`; the desktop routine calls `recordFollowedStretch` instead of
 * `recordResult`; each resolves after the write completed and never throws.
 * The home page calls `initProgress` and the other actions. Every write
 * reloads the view and tells other tabs. A save is journalled before it is
 * written (pendingSaves.ts) and the tab asks before closing while one is
 * unconfirmed; storage that does not answer in `STORAGE_TIMEOUT_MS` is said
 * so instead of loading for ever.
 */
import { earnedAchievementIds } from '../../core/history/achievements.ts'
import {
  describeRoutinesImport,
  makeBackup,
  planImport,
  type ImportPlan,
} from '../../core/history/backup.ts'
import { exportableSetAside } from '../../core/history/exportable.ts'
import type {
  PainCheckInRecord,
  SessionRecord,
  StretchRecord,
  StretchSource,
} from '../../core/history/records.ts'
import { useOwnRoutines, type OwnRoutinesStore } from '../ownRoutinesStore.ts'
import { checkBackupText, yieldToPage } from './backupCheck.ts'
import { openPendingSaves, type PendingSaves } from './pendingSaves.ts'
import {
  EXPECTED_TABLES,
  PROGRESS_DB_NAME,
  PROGRESS_DB_VERSION,
  ProgressDb,
  readStoredLayout,
  type StoredLayout,
} from './progressDb.ts'
import { useProgressStore } from './progressStore.ts'
import * as repo from './repository.ts'
import type { Clock, FollowedInput, ResultInput } from './repository.ts'
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
import type { SaveOutcome } from './storageErrors.ts'
import { openTabSync, type TabSync } from './tabSync.ts'
import { reportWork } from './workProgress.ts'

export type { FollowedInput, ResultInput } from './repository.ts'
export type { SaveOutcome } from './storageErrors.ts'

let db: ProgressDb | null = null
let openFailure: string | null = null
let sync: TabSync | null = null
let clock: Clock = repo.systemClock
let noticeSeq = 0
let reloadAgain = false
let loadsRunning = false
let loadsStarted = 0
let waiting: { after: number; done: () => void }[] = []

/** How long IndexedDB may take to open, or to give the first read, before the page says it is not answering. */
export const STORAGE_TIMEOUT_MS = 10_000
let timeoutMs = STORAGE_TIMEOUT_MS
let idbDeps: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}
let opening: Promise<ProgressDb | null> | null = null
/** the open took longer than the timeout and has not finished yet */
let openSlow = false
const TAB_ID = crypto.randomUUID()
let journal: PendingSaves | null = null
let unconfirmed = 0
/** The own routines a backup carries and an import adds to (tests pass their own). */
let ownRoutines: OwnRoutinesStore = useOwnRoutines

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

/** Resolves like `p`, or with `late()` when `p` takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number, late: () => T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(late()), ms)
    p.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      () => {
        clearTimeout(timer)
        resolve(late())
      },
    )
  })
}

function notAnsweringText(): string {
  const secs = Math.round(timeoutMs / 1000)
  return `Your saved progress is not answering: the browser's storage gave no reply in ${secs} second${secs === 1 ? '' : 's'}. The rest of the app works (previews and sessions), but nothing can be saved or shown here until storage answers. Try: close other tabs of this app, restart the browser, check that this site may store data (private browsing or strict privacy settings can block it), and free some disk space. Nothing has been changed or deleted.`
}

/** The journal of unconfirmed saves, opened on first need. */
function pending(): PendingSaves {
  if (!journal) journal = openPendingSaves(TAB_ID)
  return journal
}

function foreignTables(d: ProgressDb): string[] {
  const idb = d.backendDB()
  const names = Object.keys(EXPECTED_TABLES)
  const missing = names.filter((n) => !idb.objectStoreNames.contains(n))
  if (missing.length > 0) return missing
  const tx = idb.transaction(names, 'readonly')
  return names.filter((n) => tx.objectStore(n).keyPath !== EXPECTED_TABLES[n]!.keyPath)
}

// In `meta`: what the layout check found (shown until the user dismisses it),
// and the IndexedDB version the app last opened (a later, higher one means
// someone changed the layout in between).
const LAYOUT_NOTE = 'layoutNote'
const LAYOUT_SEEN = 'layoutSeenVersion'

interface LayoutNote {
  /** tables found missing (re-created empty) */
  tables: string[]
  /** the stored version when it was found */
  version: number
  at: string
}

function readNote(v: unknown): LayoutNote | null {
  const n = v as Partial<LayoutNote> | null
  if (!n || typeof n !== 'object' || !Array.isArray(n.tables) || typeof n.version !== 'number')
    return null
  return {
    tables: n.tables.filter((t): t is string => typeof t === 'string'),
    version: n.version,
    at: typeof n.at === 'string' ? n.at : '',
  }
}

const TABLE_WORDS: Record<string, string> = {
  results: 'finished stretches',
  sessions: 'sessions',
  checkIns: 'pain check-ins',
  unlocks: 'achievements',
  quarantine: 'set-aside damaged records',
  meta: 'app settings',
}

function layoutWarningText(note: LayoutNote): string {
  const what = note.tables.map((t) => TABLE_WORDS[t] ?? t)
  const list = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : what[0]
  const remedy =
    'If you have a backup file, use "Import a backup…" under Your data to bring the missing records back; what is already here is not duplicated.'
  if (what.length > 0)
    return `Part of your saved progress was missing when the app opened: the table of ${list} was gone (removed by the browser, an extension or a cleanup tool), so it starts again empty. Everything else that was stored is kept, and new ones are saved as usual. ${remedy}`
  return `Your saved progress was changed outside the app since it last opened (its layout is now at version ${note.version}), so a table may have been deleted and started again empty. Everything stored now is kept. ${remedy}`
}

/**
 * Compares what was stored before Dexie opened (`layout`) with what the app
 * expects, and keeps the finding in `meta` so it is shown until dismissed.
 * Changes no record: a missing table has already been re-created empty by
 * Dexie, which loses nothing that was still there.
 */
async function noteLayout(d: ProgressDb, layout: StoredLayout): Promise<void> {
  const nowVersion = d.backendDB().version
  const seen = await repo.readMeta(d, LAYOUT_SEEN)
  let note = readNote(await repo.readMeta(d, LAYOUT_NOTE))
  if (layout.exists) {
    const accepted = Math.max(PROGRESS_DB_VERSION, typeof seen === 'number' ? seen : 0)
    // Dexie's own schema upgrades land on multiples of ten; anything else above
    // what was accepted came from a repair or from outside the app.
    const changed = layout.version > accepted && layout.version % 10 !== 0
    if (layout.missing.length > 0 || changed) {
      note = {
        tables: [...new Set([...(note?.tables ?? []), ...layout.missing])],
        version: layout.version,
        at: new Date(clock.nowMs()).toISOString(),
      }
      await repo.writeMeta(d, LAYOUT_NOTE, note)
    }
  }
  if (seen !== nowVersion) await repo.writeMeta(d, LAYOUT_SEEN, nowVersion)
  useProgressStore.setState({ storeWarning: note ? layoutWarningText(note) : null })
}

/** Writes the saves other tabs left unconfirmed when they closed (each adds only what is absent). */
async function finishLeftBehind(d: ProgressDb): Promise<void> {
  let added = 0
  for (const entry of await pending().leftBehind(clock.timeZone())) {
    if (!entry.steps) {
      // Unreadable: set aside with the damaged records rather than dropped.
      try {
        await d.quarantine.add({
          table: 'pending saves',
          key: entry.key,
          raw: entry.text,
          reason: 'an unfinished save that could not be read',
          at: new Date(clock.nowMs()).toISOString(),
        })
        pending().forget(entry.key)
      } catch {
        // left in the journal for the next start
      }
      continue
    }
    const out = await applySteps(d, entry.steps, clock, { replay: true })
    if (out.ok) {
      added += out.record.added
      pending().forget(entry.key)
    }
  }
  if (added > 0) {
    tabs().announce()
    notice(
      'saved',
      `Saved ${added} record${added === 1 ? ' that was' : 's that were'} still being written when the app last closed.`,
    )
  }
}

/**
 * Opens the database. The stored layout is read first with plain IndexedDB,
 * because Dexie silently re-creates a missing table while it opens: a table
 * with a foreign key is refused untouched; a missing one is told to the user.
 */
async function openNow(): Promise<ProgressDb | null> {
  try {
    const factory = idbDeps.indexedDB ?? globalThis.indexedDB
    if (!factory) throw new Error('this browser offers no IndexedDB here')
    const layout = await readStoredLayout(factory, PROGRESS_DB_NAME)
    if (layout.exists && layout.foreign.length > 0)
      throw new Error(`unexpected layout of ${layout.foreign.join(', ')}`)
    const d = new ProgressDb(PROGRESS_DB_NAME, idbDeps)
    await d.open()
    // Dexie adapts to keys it finds; a foreign one would fail at the first write.
    const foreign = foreignTables(d)
    if (foreign.length > 0) {
      d.close()
      throw new Error(`unexpected layout of ${foreign.join(', ')}`)
    }
    // Another page upgrading the database closes this connection: the next use
    // opens it again through the checks above.
    d.on('versionchange', () => {
      if (db === d) db = null
    })
    await noteLayout(d, layout)
    await finishLeftBehind(d)
    db = d
    return d
  } catch (e) {
    openFailure = errorText(e)
    return null
  }
}

/**
 * The open database, or null when it cannot be opened or gives no answer
 * within the timeout (a late answer is taken when it comes, and the view
 * reloads).
 */
function openDb(): Promise<ProgressDb | null> {
  if (db) return Promise.resolve(db)
  if (openFailure) return Promise.resolve(null)
  if (!opening) {
    opening = openNow().then((d) => {
      opening = null
      if (openSlow) {
        openSlow = false
        void refreshProgress()
      }
      return d
    })
  }
  // Known to be slow: answer at once rather than make every save wait again.
  if (openSlow) return Promise.resolve(null)
  return within(opening, timeoutMs, () => {
    openSlow = true
    return null
  })
}

async function reload(): Promise<void> {
  const d = await openDb()
  if (!d) {
    useProgressStore.setState({
      status: 'unavailable',
      loadError: openSlow
        ? notAnsweringText()
        : `Your saved progress could not be opened (${openFailure}). The app still works, but nothing can be saved or shown until this is fixed; nothing has been changed or deleted.`,
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
    // A large history takes tens of milliseconds to sum up and as many to draw:
    // each in a task of its own.
    await yieldToPage()
    useProgressStore.setState({
      status: 'ready',
      history: loaded.history,
      unlocks,
      quarantined: loaded.quarantined,
      loadError: null,
      loadedAtMs: clock.nowMs(),
    })
    if (loaded.restoredNewer > 0) {
      const n = loaded.restoredNewer
      notice(
        'info',
        `${n} record${n === 1 ? '' : 's'} that an older version of this app, still open in another tab, had set aside ${n === 1 ? 'is' : 'are'} back in your history. Reload or close that tab so it runs this version too.`,
      )
    }
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

async function runLoads(): Promise<void> {
  loadsRunning = true
  while (reloadAgain) {
    reloadAgain = false
    const gen = ++loadsStarted
    // The first load says so when storage does not answer, instead of "Loading…" for ever.
    const slow = setTimeout(() => {
      if (useProgressStore.getState().status === 'loading')
        useProgressStore.setState({ status: 'unavailable', loadError: notAnsweringText() })
    }, timeoutMs)
    try {
      await reload()
    } finally {
      clearTimeout(slow)
    }
    const done = waiting.filter((w) => w.after < gen)
    waiting = waiting.filter((w) => w.after >= gen)
    for (const w of done) w.done()
  }
  loadsRunning = false
}

/**
 * Reloads the view from IndexedDB. Resolves once a load that started after the
 * call has finished; calls during a load share one more load. (A caller never
 * waits for the loads that later calls ask for: with two tabs saving, each
 * tab's "changed" used to extend the other's wait, load after load.)
 */
export function refreshProgress(): Promise<void> {
  const after = loadsStarted
  reloadAgain = true
  const p = new Promise<void>((done) => waiting.push({ after, done }))
  if (!loadsRunning) void runLoads()
  return p
}

/** Opens storage, loads the view and starts listening to other tabs. Safe to call more than once. */
export function initProgress(
  options: {
    clock?: Clock
    /** tests: another IndexedDB (fake-indexeddb) */
    indexedDB?: IDBFactory
    IDBKeyRange?: typeof IDBKeyRange
    /** tests: a shorter wait than STORAGE_TIMEOUT_MS */
    timeoutMs?: number
    /** tests: the own routines store backups read and import into */
    ownRoutines?: OwnRoutinesStore
  } = {},
): Promise<void> {
  if (options.clock) clock = options.clock
  if (options.ownRoutines) ownRoutines = options.ownRoutines
  if (options.indexedDB)
    idbDeps = { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange }
  if (options.timeoutMs) timeoutMs = options.timeoutMs
  tabs()
  return refreshProgress()
}

async function afterWrite<T>(
  outcome: SaveOutcome<T>,
  savedText: string | null,
): Promise<SaveOutcome<T>> {
  if (outcome.ok) {
    tabs().announce()
    // The write is done: a slow reload never holds back its answer.
    await within(refreshProgress(), timeoutMs, () => undefined)
    if (savedText) notice('saved', savedText)
  } else {
    notice('error', outcome.message)
  }
  return outcome
}

function notOpened<T>(): SaveOutcome<T> {
  const message = openSlow
    ? 'Not saved: your saved progress is not answering. Close other tabs of this app or restart the browser, then try again.'
    : 'Not saved: your saved progress could not be opened on this device.'
  return { ok: false, reason: 'unavailable', message }
}

function unavailable<T>(): SaveOutcome<T> {
  const out = notOpened<T>()
  if (!out.ok) notice('error', out.message)
  return out
}

function warnBeforeClose(e: BeforeUnloadEvent): void {
  // The browser asks "Leave site?" in its own words. preventDefault is the
  // standard; older browsers need returnValue set (read-only on a plain Event).
  e.preventDefault()
  try {
    e.returnValue = ''
  } catch {
    // not a BeforeUnloadEvent: preventDefault was enough
  }
}

/** Counts writes not yet confirmed; while there is one, closing the tab asks first. Returns the release. */
function holdUnload(): () => void {
  unconfirmed += 1
  if (unconfirmed === 1 && typeof window !== 'undefined')
    window.addEventListener('beforeunload', warnBeforeClose)
  let released = false
  return () => {
    if (released) return
    released = true
    unconfirmed -= 1
    if (unconfirmed === 0 && typeof window !== 'undefined')
      window.removeEventListener('beforeunload', warnBeforeClose)
  }
}

/**
 * Runs a decided save. Its steps go to the journal first, synchronously, so a
 * page closed at any later moment leaves them for the next start; the entry
 * goes once the write completed or was refused (the page then says so).
 */
async function save<T, R>(
  prepared: PreparedSave<T>,
  savedText: string | null,
  finish: (applied: SaveOutcome<Applied>, decided: T) => SaveOutcome<R>,
): Promise<SaveOutcome<R>> {
  if (!prepared.ok) return afterWrite(prepared, null)
  const id = crypto.randomUUID()
  const release = holdUnload()
  pending().add(id, prepared.steps)
  let out: SaveOutcome<R>
  try {
    const d = await openDb()
    out = d ? finish(await applySteps(d, prepared.steps, clock), prepared.record) : notOpened()
  } finally {
    pending().remove(id)
    release()
  }
  return afterWrite(out, savedText)
}

function withDecided<T>(applied: SaveOutcome<Applied>, decided: T): SaveOutcome<T> {
  return applied.ok ? { ok: true, record: decided } : applied
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

/** Records one stretch measured in the headset (the live session calls this at each stretch's end). */
export async function recordResult(input: ResultInput): Promise<SaveOutcome<StretchRecord>> {
  return save(prepareResult(input, clock), null, withDecided)
}

/**
 * Records one stretch followed on the desktop, once the user marked it done or
 * skipped (or stopped for pain): no score, range or steadiness, only what the
 * timers ran to. Journalled and written like `recordResult`.
 */
export async function recordFollowedStretch(
  input: FollowedInput,
): Promise<SaveOutcome<StretchRecord>> {
  return save(prepareFollowed(input, clock), null, withDecided)
}

/**
 * Starts a session, with the pain check-in before it (0–10, or null when
 * skipped), in the headset unless told; an own routine's name is kept with it.
 */
export async function startSession(
  routineId: string,
  painBefore: number | null,
  source: StretchSource = 'headset',
  routineName?: string,
): Promise<SaveOutcome<SessionRecord>> {
  return save(
    prepareSessionStart({ routineId, painBefore, source, routineName }, clock),
    null,
    withDecided,
  )
}

/** Ends a session with the pain check-in after it; asks for persistent storage after the first one. */
export async function endSession(
  sessionId: string,
  painAfter: number | null,
  stoppedForPain: boolean,
): Promise<SaveOutcome<SessionRecord>> {
  const out = await save(
    prepareSessionEnd(sessionId, { painAfter, stoppedForPain }, clock),
    'Session saved.',
    repo.endOutcome,
  )
  const d = out.ok ? await openDb() : null
  if (d) await askPersistenceOnce(d)
  return out
}

/** Records a pain check-in (0–10) at any time, or before/after a session. */
export async function recordPainCheckIn(
  pain: number,
  sessionId: string | null = null,
  moment: PainCheckInRecord['moment'] = 'anytime',
): Promise<SaveOutcome<PainCheckInRecord>> {
  return save(
    prepareCheckIn({ pain, sessionId, moment }, clock),
    `Saved: pain ${pain} of 10.`,
    withDecided,
  )
}

/** Deletes one wrong entry. */
export async function deleteStretchEntry(id: string): Promise<boolean> {
  const release = holdUnload()
  const d = await openDb()
  if (!d) {
    release()
    return unavailable<string>().ok
  }
  const out = await repo.deleteResult(d, id)
  release()
  return (await afterWrite(out, 'Entry deleted.')).ok
}

/** Deletes all progress data on this device. */
export async function deleteEverything(): Promise<boolean> {
  const release = holdUnload()
  const d = await openDb()
  if (!d) {
    release()
    return unavailable<null>().ok
  }
  const out = await repo.deleteAllData(d)
  release()
  return (await afterWrite(out, 'All your progress data was deleted from this device.')).ok
}

/** Hides the message about a missing table (it stays hidden until something new is found). */
export async function dismissStoreWarning(): Promise<void> {
  useProgressStore.setState({ storeWarning: null })
  const d = await openDb()
  if (d) await repo.writeMeta(d, LAYOUT_NOTE, null)
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
  // Read again: another tab may have changed the routines since this one did.
  ownRoutines.getState().reload()
  let text: string
  try {
    text = JSON.stringify(
      makeBackup(
        loaded.history,
        loaded.unlocks,
        clock.nowMs(),
        carried.entries,
        ownRoutines.getState().routines,
      ),
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
  ownRoutines.getState().reload()
  const routines = { backup: parsed.routines, existing: ownRoutines.getState().routines }
  try {
    return { ok: true, plan: planImport(await repo.storedIds(d), parsed.records, routines) }
  } catch (e) {
    return {
      ok: false,
      message: `The stored history could not be read (${e instanceof Error ? e.message : 'error'}).`,
    }
  }
}

/**
 * Applies a planned import: the records in one transaction (written in
 * batches, progress shown), then the own routines through their store (planned
 * again against what is stored now). Refused records change nothing, the
 * routines included; routines refused after the records were added are said
 * so, and importing the file again adds them (the records are then already here).
 */
export async function commitImport(plan: ImportPlan): Promise<boolean> {
  const d = await openDb()
  if (!d) return unavailable<null>().ok
  const out = await repo
    .applyImport(d, plan, (done, total) => reportWork({ step: 'saving', done, total }))
    .finally(() => reportWork(null))
  if (!out.ok) return (await afterWrite(out, null)).ok
  const n =
    out.record.results.length +
    out.record.sessions.length +
    out.record.checkIns.length +
    out.record.unlocks.length
  const records = `Imported and saved: ${n} record${n === 1 ? '' : 's'} added.`
  const incoming = plan.ownRoutines.incoming
  if (incoming.length === 0) return (await afterWrite(out, records)).ok
  const routines = ownRoutines.getState().importRoutines(incoming)
  if (!routines.ok) {
    await afterWrite(out, null)
    notice('error', `${records} ${routines.message}`)
    return false
  }
  const said = describeRoutinesImport({ plan: routines.done, problems: [] }, true)
  return (await afterWrite(out, [records, ...said].join(' '))).ok
}

/** The clock the view uses (the page needs "now" and the zone to compute today). */
export function progressClock(): Clock {
  return clock
}

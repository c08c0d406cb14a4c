/**
 * The JSON backup: everything progress storage holds, one file. Reading one
 * validates every record (migrating old versions) and rejects the whole file
 * on any problem, so a bad file changes nothing; merging adds by `id` only.
 */
import type { RecordKind, RecordOfKind, UnlockRecord } from './records.ts'
import { readRecord, type History } from './records.ts'
import { exportableSetAside } from './exportable.ts'
import {
  OWN_ROUTINES_MAX,
  planOwnRoutinesImport,
  readOwnRoutine,
  type OwnRoutine,
  type OwnRoutinesImport,
} from '../ownRoutines.ts'
import { ownRoutineSchema } from '../ownRoutineSchema.ts'

/** The `format` field that marks our backups. */
export const BACKUP_FORMAT = 'stretchcoach-progress-backup'
/**
 * The backup file version written today. 2: records at schema version 2
 * (stretches with their source, outcome and target). Files of version 1 still
 * import: their records are migrated like stored ones. An older app refuses a
 * version 2 file as "made by a newer version" rather than naming a record.
 * The optional `ownRoutines` list did not change it: an app that does not know
 * the field reads only the record lists, so it still imports such a file.
 */
export const BACKUP_VERSION = 2
/** Larger files are refused before parsing (a year of daily use is well under 2 MB). */
export const MAX_BACKUP_BYTES = 20 * 1024 * 1024

/** The kinds a backup carries, in the order they are listed to the user. */
export const BACKUP_KINDS = [
  'results',
  'sessions',
  'checkIns',
  'unlocks',
] as const satisfies readonly RecordKind[]

/** Records of every kind. */
export type RecordSet = { [K in RecordKind]: RecordOfKind[K][] }

/** The file written by "Export backup". */
export interface Backup extends RecordSet {
  format: typeof BACKUP_FORMAT
  version: typeof BACKUP_VERSION
  /** ISO UTC instant of the export */
  exportedAt: string
  /**
   * damaged records set aside on this device, for support; import ignores them.
   * Verbatim, except one JSON cannot hold (a cycle, a BigInt…): that one is described.
   */
  setAside?: unknown[]
  /** the routines the user built, as stored on this device; absent when there are none */
  ownRoutines?: OwnRoutine[]
}

/** Builds the backup object of a history and its unlock queue; it always survives JSON.stringify. */
export function makeBackup(
  history: History,
  unlocks: UnlockRecord[],
  nowMs: number,
  setAside: readonly unknown[] = [],
  ownRoutines: readonly OwnRoutine[] = [],
): Backup {
  const carried = exportableSetAside(setAside).entries
  return {
    ...(carried.length > 0 ? { setAside: carried } : {}),
    ...(ownRoutines.length > 0 ? { ownRoutines: ownRoutines.map((r) => ({ ...r })) } : {}),
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(nowMs).toISOString(),
    results: history.results,
    sessions: history.sessions,
    checkIns: history.checkIns,
    unlocks,
  }
}

/** The own routines a backup carries: those that read as stored, and a message for each that did not. */
export interface BackupRoutines {
  routines: OwnRoutine[]
  /** one plain sentence per entry skipped (or for a list that is not a list) */
  problems: string[]
}

/** A backup read from a file: its records and own routines, or one clear message. */
export type ParsedBackup =
  { ok: true; records: RecordSet; routines: BackupRoutines } | { ok: false; message: string }

/**
 * Reads a backup's `ownRoutines` with the stored routine's schema. Unlike a
 * record, a bad routine does not refuse the file: it is skipped and said, and
 * the rest imports (a routine is quick to build again; a history is not).
 */
export function readBackupRoutines(value: unknown): BackupRoutines {
  const out: BackupRoutines = { routines: [], problems: [] }
  if (value === undefined) return out
  if (!Array.isArray(value)) {
    out.problems.push("The backup's list of own routines is damaged, so none is imported from it.")
    return out
  }
  const firstOf = new Map<string, number>()
  value.forEach((entry: unknown, i) => {
    const which = `Own routine number ${i + 1} in the backup`
    const got = ownRoutineSchema.safeParse(entry)
    if (!got.success) {
      // zod decides; the hand-written reader (which agrees with it) words the reason plainly.
      const plain = readOwnRoutine(entry)
      const issue = got.error.issues[0]
      const reason = !plain.ok
        ? plain.reason
        : `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim()
      out.problems.push(`${which} is damaged (${reason}) and is skipped.`)
      return
    }
    const first = firstOf.get(got.data.id)
    if (first !== undefined) {
      out.problems.push(`${which} repeats the id of number ${first + 1} and is skipped.`)
      return
    }
    firstOf.set(got.data.id, i)
    out.routines.push(got.data)
  })
  return out
}

/** How far checking a backup's records has come. */
export interface CheckProgress {
  checked: number
  total: number
}

const LABEL: Record<RecordKind, string> = {
  results: 'stretch',
  sessions: 'session',
  checkIns: 'pain check-in',
  unlocks: 'achievement',
}

const PLURAL: Record<RecordKind, string> = {
  results: 'stretches',
  sessions: 'sessions',
  checkIns: 'pain check-ins',
  unlocks: 'achievements',
}

/** Records checked between two progress reports (each batch is a few milliseconds of work). */
export const CHECK_BATCH = 1000

/** The backup's record lists, after the JSON and the header are checked; or a message. */
type BackupLists =
  | { ok: true; lists: Record<RecordKind, unknown[]>; ownRoutines: unknown }
  | { ok: false; message: string }

function readBackupLists(text: string): BackupLists {
  if (text.length > MAX_BACKUP_BYTES)
    return { ok: false, message: 'This file is too large to be a StretchCoach backup.' }
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return { ok: false, message: 'This file is not a StretchCoach backup (it is not valid JSON).' }
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    return { ok: false, message: 'This file is not a StretchCoach backup.' }
  }
  const d = data as Record<string, unknown>
  if (typeof d.version !== 'number' || d.version > BACKUP_VERSION) {
    return {
      ok: false,
      message: 'This backup was made by a newer version of the app; update the app first.',
    }
  }
  const lists = { results: [], sessions: [], checkIns: [], unlocks: [] } as Record<
    RecordKind,
    unknown[]
  >
  for (const kind of BACKUP_KINDS) {
    const list = d[kind] ?? []
    if (!Array.isArray(list))
      return { ok: false, message: `The backup's ${LABEL[kind]} list is damaged.` }
    lists[kind] = list
  }
  return { ok: true, lists, ownRoutines: d.ownRoutines }
}

function shortId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id
  return typeof id === 'string' ? ` (id ${id.slice(0, 40)})` : ''
}

/**
 * Reads a backup file's text step by step: yields after every `batch`
 * records so the caller can show progress and let the page breathe, and
 * returns the records or one message. Never throws; any invalid record, or
 * any date before 2020-01-01 or more than two days after `nowMs`, rejects the
 * whole file, naming the record and the date.
 */
export function* checkBackup(
  text: string,
  fallbackZone: string,
  nowMs: number,
  batch: number = CHECK_BATCH,
): Generator<CheckProgress, ParsedBackup, void> {
  const read = readBackupLists(text)
  if (!read.ok) return read
  const total = BACKUP_KINDS.reduce((n, kind) => n + read.lists[kind].length, 0)
  yield { checked: 0, total }
  const records: RecordSet = { results: [], sessions: [], checkIns: [], unlocks: [] }
  let checked = 0
  for (const kind of BACKUP_KINDS) {
    const list = read.lists[kind]
    for (let i = 0; i < list.length; i++) {
      const out = readRecord(kind, list[i], fallbackZone, nowMs)
      if (!out.ok) {
        const which = `The backup's ${LABEL[kind]} number ${i + 1}`
        return {
          ok: false,
          message:
            out.date !== undefined
              ? `${which}${shortId(list[i])} has an impossible date, ${out.date} (${out.reason}). Nothing was imported. If this device's date is wrong, correct it and try again; otherwise the file was changed or damaged.`
              : `${which} is damaged (${out.reason}). Nothing was imported.`,
        }
      }
      ;(records[kind] as unknown[]).push(out.record)
      checked += 1
      if (checked % batch === 0) yield { checked, total }
    }
  }
  return { ok: true, records, routines: readBackupRoutines(read.ownRoutines) }
}

/** Reads a backup file's text in one go (checkBackup without pauses). */
export function parseBackup(text: string, fallbackZone: string, nowMs: number): ParsedBackup {
  const steps = checkBackup(text, fallbackZone, nowMs, Number.MAX_SAFE_INTEGER)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** What importing a backup's own routines would do. */
export interface RoutinesImportPlan {
  /** the routines read from the file (planned again against this device when confirmed) */
  incoming: OwnRoutine[]
  /** one sentence per routine of the file skipped as damaged */
  problems: string[]
  /** against the routines on this device when the plan was made */
  plan: OwnRoutinesImport
}

/** What an import would do: the records to add, how many are already here (same id), and the own routines. */
export interface ImportPlan {
  toAdd: RecordSet
  alreadyHere: { [K in RecordKind]: number }
  ownRoutines: RoutinesImportPlan
}

/**
 * Plans a merge by id: records whose id exists (or repeats in the file) are
 * left out, never overwritten; the backup's own routines (if given) are
 * planned against the routines already on this device.
 */
export function planImport(
  existing: { [K in RecordKind]: ReadonlySet<string> },
  incoming: RecordSet,
  routines: { backup: BackupRoutines; existing: readonly OwnRoutine[] } = {
    backup: { routines: [], problems: [] },
    existing: [],
  },
): ImportPlan {
  const toAdd: RecordSet = { results: [], sessions: [], checkIns: [], unlocks: [] }
  const alreadyHere = { results: 0, sessions: 0, checkIns: 0, unlocks: 0 }
  for (const kind of BACKUP_KINDS) {
    const seen = new Set(existing[kind])
    for (const r of incoming[kind]) {
      if (seen.has(r.id)) {
        alreadyHere[kind] += 1
        continue
      }
      seen.add(r.id)
      ;(toAdd[kind] as unknown[]).push(r)
    }
  }
  const ownRoutines: RoutinesImportPlan = {
    incoming: routines.backup.routines,
    problems: routines.backup.problems,
    plan: planOwnRoutinesImport(routines.backup.routines, routines.existing),
  }
  return { toAdd, alreadyHere, ownRoutines }
}

function routinesCount(n: number): string {
  return n === 1 ? '1 own routine' : `${n} own routines`
}

/** Damaged routines named one by one up to this many, then counted. */
const PROBLEMS_NAMED = 3

/**
 * Plain-words sentences on what an import does with the backup's own
 * routines (empty when the file has none and nothing was wrong with them).
 * `outcome` words it as done rather than to do.
 */
export function describeRoutinesImport(
  r: Pick<RoutinesImportPlan, 'plan' | 'problems'>,
  outcome = false,
): string[] {
  const { toAdd, renamed, alreadyHere, overLimit } = r.plan
  const out: string[] = []
  if (toAdd.length > 0) {
    const names = renamed.map((n) => `"${n.from}" as "${n.to}"`).join(', ')
    out.push(
      `${outcome ? 'Added' : 'It will add'} ${routinesCount(toAdd.length)}` +
        (renamed.length > 0 ? ` (${names}, since you already have a routine of that name)` : '') +
        '.',
    )
  } else if (alreadyHere + overLimit + r.problems.length > 0 && !outcome) {
    out.push('It adds no own routine.')
  }
  if (alreadyHere > 0)
    out.push(
      `${routinesCount(alreadyHere)} already here ${alreadyHere === 1 ? 'stays' : 'stay'} as ${alreadyHere === 1 ? 'it is' : 'they are'}.`,
    )
  if (overLimit > 0)
    out.push(
      `${routinesCount(overLimit)} ${outcome ? 'did' : overLimit === 1 ? 'does' : 'do'} not fit: this device keeps ${OWN_ROUTINES_MAX} at most; delete some and import the file again to add ${overLimit === 1 ? 'it' : 'them'}.`,
    )
  const named = r.problems.slice(0, PROBLEMS_NAMED)
  out.push(...named)
  const more = r.problems.length - named.length
  if (more > 0)
    out.push(`${more} more own routine${more === 1 ? ' is' : 's are'} damaged and skipped.`)
  return out
}

/** Plain-words summary of a plan, e.g. "12 stretches, 3 sessions, 2 pain check-ins and 4 achievements". */
export function describeRecordCounts(counts: { [K in RecordKind]: number }): string {
  const parts: string[] = []
  for (const kind of BACKUP_KINDS) {
    const n = counts[kind]
    if (n > 0) parts.push(`${n.toLocaleString('en-GB')} ${n === 1 ? LABEL[kind] : PLURAL[kind]}`)
  }
  if (parts.length === 0) return 'nothing new'
  if (parts.length === 1) return parts[0]!
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

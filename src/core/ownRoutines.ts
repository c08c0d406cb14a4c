/**
 * Routines the user builds from the ten stretches: a name, 1–10 distinct
 * stretches in the user's order, kept on this device. Pure: the caller brings
 * the id (`own:` + a random id), the time and the routines already saved.
 */
import {
  isStretchId,
  routineById,
  ROUTINES,
  STRETCH_IDS,
  STRETCHES,
  type Routine,
  type StretchId,
} from './stretches.ts'

/** Prefix of an own routine's id. */
export const OWN_ROUTINE_PREFIX = 'own:'
/** Longest name, in characters (after trimming). */
export const OWN_NAME_MAX = 40
/** Most stretches in one routine: each of the ten at most once. */
export const OWN_STRETCHES_MAX = STRETCH_IDS.length
/** Most routines kept on one device. */
export const OWN_ROUTINES_MAX = 20
/** What history calls an own routine whose name was not kept. */
export const OWN_ROUTINE_FALLBACK_NAME = 'Own routine'

/** Whether an id names an own routine (by its prefix; it may since have been deleted). */
export function isOwnRoutineId(id: string): boolean {
  return id.startsWith(OWN_ROUTINE_PREFIX)
}

/** An own routine as stored on this device. */
export interface OwnRoutine {
  /** `own:` and 1–100 letters, digits or dashes (a UUID fits) */
  id: string
  /** 1–40 characters, nothing to trim */
  name: string
  /** 1–10 distinct stretches, in the user's order */
  stretches: StretchId[]
  /** ISO 8601 UTC times */
  createdAt: string
  updatedAt: string
}

const OWN_ID = /^own:[A-Za-z0-9-]{1,100}$/
const UTC_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/

/** Whether a string is an own routine's id as stored. */
export function isValidOwnRoutineId(id: unknown): id is string {
  return typeof id === 'string' && OWN_ID.test(id)
}

/** Whether a string is a name as stored: 1–40 characters, nothing to trim. */
export function isStoredOwnName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length >= 1 &&
    name.length <= OWN_NAME_MAX &&
    name.trim() === name
  )
}

function isUtcTime(t: unknown): t is string {
  if (typeof t !== 'string') return false
  const m = UTC_TIME.exec(t)
  const ms = Date.parse(t)
  // Date.parse rolls 2026-02-30 over to March: the date must be the one written.
  return m !== null && Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === m[1]
}

/**
 * Reads one stored entry: the routine, or why it cannot be used. Hand-written
 * rather than zod, which would add about 15 kB gzip to the home page (where
 * the routines are listed); ownRoutineSchema.ts states the same shape in zod,
 * and the tests check that the two agree.
 */
export function readOwnRoutine(
  value: unknown,
): { ok: true; routine: OwnRoutine } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'not an object' }
  const v = value as Record<string, unknown>
  if (!isValidOwnRoutineId(v.id)) return { ok: false, reason: 'no valid id' }
  if (!isStoredOwnName(v.name)) return { ok: false, reason: 'no valid name' }
  const list = v.stretches
  if (!Array.isArray(list) || list.length < 1 || list.length > OWN_STRETCHES_MAX)
    return { ok: false, reason: 'not 1–10 stretches' }
  if (!list.every(isStretchId)) return { ok: false, reason: 'an unknown stretch' }
  if (new Set(list).size !== list.length) return { ok: false, reason: 'a stretch twice' }
  if (!isUtcTime(v.createdAt) || !isUtcTime(v.updatedAt))
    return { ok: false, reason: 'no valid times' }
  // Only the known fields are kept (as zod's object does).
  return {
    ok: true,
    routine: {
      id: v.id,
      name: v.name,
      stretches: [...(list as StretchId[])],
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
    },
  }
}

/** What the builder hands in: untrusted until validated. */
export interface OwnRoutineDraft {
  name: unknown
  stretches: unknown
}

/**
 * Which part of a draft a refusal is about, so the form can put the message
 * beside it: the name, the stretches, or the routine as a whole (too many
 * routines, storage refused it).
 */
export type DraftProblemField = 'name' | 'stretches' | 'routine'

/** A validated routine ready to store, or why not in plain words. */
export type OwnRoutineValidation =
  { ok: true; routine: OwnRoutine } | { ok: false; field: DraftProblemField; message: string }

/** How names compare: trimmed, case-insensitive, inner spaces folded. */
function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en')
}

/**
 * Checks a draft and builds the routine to store. `id` is the routine's id
 * (an existing one's to update it, a new one to create); `existing` the
 * routines already saved; `nowIso` the time. Refuses: a name empty, longer
 * than 40 characters, a built-in routine's, or one the user already has
 * (case-insensitively); no stretch, more than ten, one twice, or one the app
 * does not know; a new routine beyond the 20 this device keeps.
 */
export function validateOwnRoutine(
  draft: OwnRoutineDraft,
  id: string,
  existing: readonly OwnRoutine[],
  nowIso: string,
): OwnRoutineValidation {
  if (!isValidOwnRoutineId(id))
    return {
      ok: false,
      field: 'routine',
      message: 'This routine cannot be saved: its id is not valid.',
    }
  const before = existing.find((r) => r.id === id)
  if (!before && existing.length >= OWN_ROUTINES_MAX)
    return {
      ok: false,
      field: 'routine',
      message: `You have ${OWN_ROUTINES_MAX} saved routines, the most this device keeps: delete one to save another.`,
    }

  if (typeof draft.name !== 'string')
    return { ok: false, field: 'name', message: 'Give your routine a name.' }
  // Inner runs of spaces fold to one so two names that look alike are alike.
  const name = draft.name.trim().replace(/\s+/g, ' ')
  if (name.length === 0) return { ok: false, field: 'name', message: 'Give your routine a name.' }
  if (name.length > OWN_NAME_MAX)
    return {
      ok: false,
      field: 'name',
      message: `A name can be at most ${OWN_NAME_MAX} characters; this one has ${name.length}.`,
    }
  const key = nameKey(name)
  const builtIn = ROUTINES.find((r) => nameKey(r.name) === key)
  if (builtIn)
    return {
      ok: false,
      field: 'name',
      message: `"${builtIn.name}" is a built-in routine: choose another name.`,
    }
  const twin = existing.find((r) => r.id !== id && nameKey(r.name) === key)
  if (twin)
    return {
      ok: false,
      field: 'name',
      message: `You already have a routine called "${twin.name}": choose another name.`,
    }

  const list = draft.stretches
  if (!Array.isArray(list) || list.length === 0)
    return { ok: false, field: 'stretches', message: 'Add at least one stretch.' }
  if (list.length > OWN_STRETCHES_MAX)
    return {
      ok: false,
      field: 'stretches',
      message: `A routine holds at most ${OWN_STRETCHES_MAX} stretches, each once.`,
    }
  const seen = new Set<StretchId>()
  for (const s of list as unknown[]) {
    if (!isStretchId(s))
      return {
        ok: false,
        field: 'stretches',
        message: `Unknown stretch "${String(s).slice(0, 40)}": choose from the ten.`,
      }
    if (seen.has(s))
      return {
        ok: false,
        field: 'stretches',
        message: `${STRETCHES[s].name} is in the routine twice: each stretch can be in it once.`,
      }
    seen.add(s)
  }

  const routine: OwnRoutine = {
    id,
    name,
    stretches: [...seen],
    createdAt: before?.createdAt ?? nowIso,
    updatedAt: nowIso,
  }
  // The stored shape is the last word (e.g. on the time given).
  const read = readOwnRoutine(routine)
  if (!read.ok)
    return {
      ok: false,
      field: 'routine',
      message: 'This routine cannot be saved: the time is not valid.',
    }
  return { ok: true, routine: read.routine }
}

/** An own routine as a routine the runners take. */
export function ownToRoutine(own: OwnRoutine): Routine {
  return {
    id: own.id,
    name: own.name,
    description: 'Your own routine.',
    stretches: own.stretches,
  }
}

/** Any routine by id: a built-in one, `stretch:<id>`, or one of the user's own; null when unknown. */
export function resolveRoutine(id: string, own: readonly OwnRoutine[]): Routine | null {
  const known = routineById(id)
  if (known) return known
  if (!isOwnRoutineId(id)) return null
  const found = own.find((r) => r.id === id)
  return found ? ownToRoutine(found) : null
}

/**
 * The name history shows for a session's routine: a built-in one's by its id,
 * else the name stored with the session, else "Own routine" for an own
 * routine's id; null for an id the app does not know at all (callers keep
 * their own fallback for those).
 */
export function recordedRoutineName(routineId: string, storedName?: string | null): string | null {
  const known = routineById(routineId)
  if (known) return known.name
  if (storedName) return storedName
  return isOwnRoutineId(routineId) ? OWN_ROUTINE_FALLBACK_NAME : null
}

/**
 * A session's routine as a person reads it (the session list, the report):
 * recordedRoutineName, and "Own routine" for an id the app does not know either.
 */
export function shownRoutineName(routineId: string, storedName?: string | null): string {
  return recordedRoutineName(routineId, storedName) ?? OWN_ROUTINE_FALLBACK_NAME
}

/** What importing routines from a backup would do, against the routines already here. */
export interface OwnRoutinesImport {
  /** the routines to add, in the file's order, each under the name it will be stored by */
  toAdd: OwnRoutine[]
  /** names changed because the name was taken here (case-insensitively) */
  renamed: { from: string; to: string }[]
  /** routines left out because their id is already here (never overwritten) */
  alreadyHere: number
  /** routines left out because this device keeps 20 at most */
  overLimit: number
}

/** Suffixes tried, in order, for an imported routine whose name is taken. */
function importSuffix(n: number): string {
  return n === 0 ? ' (imported)' : ` (${n + 1})`
}

/** `name` with `suffix`, cut so the whole stays within the 40 characters. */
function withSuffix(name: string, suffix: string): string {
  return name.slice(0, OWN_NAME_MAX - suffix.length).trimEnd() + suffix
}

/**
 * Plans adding `incoming` (already read as stored routines) to `existing`:
 * an id already here is skipped; a name already taken here, by a built-in
 * routine or by an earlier routine of the file gets " (imported)" (then
 * " (2)", " (3)"…) within the 40 characters; what would go beyond the 20
 * routines this device keeps is counted and left out. Pure.
 */
export function planOwnRoutinesImport(
  incoming: readonly OwnRoutine[],
  existing: readonly OwnRoutine[],
): OwnRoutinesImport {
  const ids = new Set(existing.map((r) => r.id))
  const taken = new Set([...ROUTINES, ...existing].map((r) => nameKey(r.name)))
  const plan: OwnRoutinesImport = { toAdd: [], renamed: [], alreadyHere: 0, overLimit: 0 }
  for (const routine of incoming) {
    if (ids.has(routine.id)) {
      plan.alreadyHere += 1
      continue
    }
    if (existing.length + plan.toAdd.length >= OWN_ROUTINES_MAX) {
      plan.overLimit += 1
      continue
    }
    let name = routine.name
    for (let n = 0; taken.has(nameKey(name)); n++) name = withSuffix(routine.name, importSuffix(n))
    if (name !== routine.name) plan.renamed.push({ from: routine.name, to: name })
    ids.add(routine.id)
    taken.add(nameKey(name))
    plan.toAdd.push({ ...routine, name, stretches: [...routine.stretches] })
  }
  return plan
}

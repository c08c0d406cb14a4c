/**
 * Routines the user builds from the ten stretches: a name, 1–10 distinct
 * stretches in the user's order, kept on this device. Pure: the caller brings
 * the id (`own:` + a random id), the time and the routines already saved.
 */
import './zodConfig.ts'
import { z } from 'zod'
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

/** An own routine's id: `own:` and 1–100 letters, digits or dashes (a UUID fits). */
export const ownRoutineIdSchema = z
  .string()
  .regex(/^own:[A-Za-z0-9-]{1,100}$/, 'an own routine id is "own:" and letters, digits or dashes')

/** A name as stored: 1–40 characters, nothing to trim. */
export const ownRoutineNameSchema = z
  .string()
  .min(1)
  .max(OWN_NAME_MAX)
  .refine((s) => s.trim() === s, 'a stored name has no spaces at its ends')

/** An own routine as stored on this device. */
export const ownRoutineSchema = z.object({
  id: ownRoutineIdSchema,
  name: ownRoutineNameSchema,
  stretches: z
    .array(z.enum(STRETCH_IDS))
    .min(1)
    .max(OWN_STRETCHES_MAX)
    .refine((list) => new Set(list).size === list.length, 'a stretch is in the routine twice'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})

/** An own routine as stored. */
export type OwnRoutine = z.infer<typeof ownRoutineSchema>

/** What the builder hands in: untrusted until validated. */
export interface OwnRoutineDraft {
  name: unknown
  stretches: unknown
}

/** Which part of a draft a refusal is about (so the form can put the message beside it). */
export type DraftProblemField = 'name' | 'stretches' | 'count'

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
  if (!ownRoutineIdSchema.safeParse(id).success)
    return {
      ok: false,
      field: 'count',
      message: 'This routine cannot be saved: its id is not valid.',
    }
  const before = existing.find((r) => r.id === id)
  if (!before && existing.length >= OWN_ROUTINES_MAX)
    return {
      ok: false,
      field: 'count',
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
  // The schema is the last word (e.g. on the time given).
  const parsed = ownRoutineSchema.safeParse(routine)
  if (!parsed.success)
    return {
      ok: false,
      field: 'count',
      message: 'This routine cannot be saved: the time is not valid.',
    }
  return { ok: true, routine: parsed.data }
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

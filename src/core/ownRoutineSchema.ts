/**
 * The stored own routine (ownRoutines.ts) as a zod schema: for code that
 * already loads zod (the storage and backup paths), and the oracle the tests
 * check readOwnRoutine against. The home page reads with readOwnRoutine so as
 * not to load zod for its first paint.
 */
import './zodConfig.ts'
import { z } from 'zod'
import { STRETCH_IDS } from './stretches.ts'
import { OWN_NAME_MAX, OWN_STRETCHES_MAX, type OwnRoutine } from './ownRoutines.ts'

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
}) satisfies z.ZodType<OwnRoutine>

/**
 * What the session view's address asks for: the routine (`#/session?routine=`)
 * and, for browser tests on an emulated headset only, short holds
 * (`?emulate=quest3&holdSeconds=4`). On a real headset `holdSeconds` is
 * ignored: a user's hold is 20–30 s, chosen on the home page.
 */
import { HOLD_SECONDS_RANGE, ROUTINES, type Routine } from '../../core/stretches.ts'

/** What the address asked of the session, with a message for each value it could not use. */
export interface SessionParams {
  routine: Routine
  /** a test hold (s) under emulation, else null */
  testHoldSeconds: number | null
  errors: string[]
}

/** Test holds under emulation: 1–30 s. */
export const TEST_HOLD_RANGE = [1, 30] as const

/** Reads the routine from the hash's query and a test hold from the page's query; never throws. */
export function parseSessionParams(search: string, hash: string): SessionParams {
  const errors: string[] = []
  let routine = ROUTINES[0]!
  const q = hash.indexOf('?')
  const hashParams = safeParams(q >= 0 ? hash.slice(q + 1) : '')
  const id = hashParams.get('routine')
  if (id !== null) {
    const found = ROUTINES.find((r) => r.id === id)
    if (found) routine = found
    else errors.push(`Unknown routine "${id.slice(0, 40)}": starting ${routine.name} instead.`)
  }
  const page = safeParams(search)
  let testHoldSeconds: number | null = null
  const h = page.get('holdSeconds')
  if (h !== null && page.get('emulate') !== null) {
    const n = Number(h)
    if (Number.isFinite(n) && n >= TEST_HOLD_RANGE[0] && n <= TEST_HOLD_RANGE[1])
      testHoldSeconds = n
    else
      errors.push(
        `holdSeconds must be ${TEST_HOLD_RANGE[0]}–${TEST_HOLD_RANGE[1]}; using the normal hold.`,
      )
  }
  return { routine, testHoldSeconds, errors }
}

function safeParams(s: string): URLSearchParams {
  try {
    return new URLSearchParams(s)
  } catch {
    return new URLSearchParams()
  }
}

/** Whether a hold the user chose is allowed (PRODUCT.md: 20–30 s). */
export function isUserHoldSeconds(n: unknown): n is number {
  return (
    typeof n === 'number' &&
    Number.isFinite(n) &&
    n >= HOLD_SECONDS_RANGE[0] &&
    n <= HOLD_SECONDS_RANGE[1]
  )
}

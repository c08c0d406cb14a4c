/**
 * What the address asks of a session: the routine to preselect
 * (`?routine=<id>`, built-in or one the user saved here, or `?stretch=<id>` for one stretch as its own routine, so
 * a physiotherapist can send a link) and, for browser tests on an emulated
 * headset only, short holds (`?emulate=quest3&holdSeconds=4`) and a known eye
 * height that skips the standing calibration (`&eyeHeight=1.81`). On a real
 * headset the test values are ignored: a user's hold is 20–30 s, chosen on
 * the home page, and their eye height is measured. The desktop routine
 * measures nothing, so it takes a short hold from `?holdSeconds=` without
 * emulation (a test or a demonstration of the routine's flow).
 */
import { isValidEyeHeight } from '../../core/bodyModel.ts'
import {
  HOLD_SECONDS_RANGE,
  isStretchId,
  singleStretchRoutine,
  type Routine,
} from '../../core/stretches.ts'
import { useOwnRoutines } from '../ownRoutinesStore.ts'

/** What the address asked of the session, with a message for each value it could not use. */
export interface SessionParams {
  /** the routine the address preselects, or null when it names none */
  routine: Routine | null
  /** a test hold (s) under emulation, else null */
  testHoldSeconds: number | null
  /** a short hold (s) for the desktop routine (no emulation needed: nothing is measured there), else null */
  desktopHoldSeconds: number | null
  /** a test eye height (m) under emulation that replaces the standing calibration, else null */
  testEyeHeightM: number | null
  errors: string[]
}

/** Test holds under emulation: 1–30 s. */
export const TEST_HOLD_RANGE = [1, 30] as const

/** Reads the page's query (and, for old links, the hash's); never throws. */
export function parseSessionParams(search: string, hash = ''): SessionParams {
  const errors: string[] = []
  const page = safeParams(search)
  const q = hash.indexOf('?')
  const inHash = safeParams(q >= 0 ? hash.slice(q + 1) : '')
  let routine: Routine | null = null
  const stretch = page.get('stretch') ?? inHash.get('stretch')
  const routineId = page.get('routine') ?? inHash.get('routine')
  if (stretch !== null) {
    if (isStretchId(stretch)) routine = singleStretchRoutine(stretch)
    else errors.push(`Unknown stretch "${stretch.slice(0, 40)}": choose a routine below.`)
  } else if (routineId !== null) {
    // a built-in routine, `stretch:<id>`, or one the user saved on this device
    routine = useOwnRoutines.getState().resolveRoutine(routineId)
    if (routine === null)
      errors.push(`Unknown routine "${routineId.slice(0, 40)}": choose a routine below.`)
  }
  const emulated = page.get('emulate') !== null
  let desktopHoldSeconds: number | null = null
  const h = page.get('holdSeconds')
  if (h !== null) {
    const n = Number(h)
    if (Number.isFinite(n) && n >= TEST_HOLD_RANGE[0] && n <= TEST_HOLD_RANGE[1])
      desktopHoldSeconds = n
    else
      errors.push(
        `holdSeconds must be ${TEST_HOLD_RANGE[0]}–${TEST_HOLD_RANGE[1]}; using the normal hold.`,
      )
  }
  const testHoldSeconds = emulated ? desktopHoldSeconds : null
  let testEyeHeightM: number | null = null
  const e = page.get('eyeHeight')
  if (e !== null && emulated) {
    const n = Number(e)
    if (isValidEyeHeight(n)) testEyeHeightM = n
    else errors.push('eyeHeight must be 0.5–2.3 m; measuring it standing instead.')
  }
  return { routine, testHoldSeconds, desktopHoldSeconds, testEyeHeightM, errors }
}

function safeParams(s: string): URLSearchParams {
  try {
    return new URLSearchParams(s)
  } catch {
    return new URLSearchParams()
  }
}

/** Whether a hold the user chose is allowed (docs/product.md: 20–30 s). */
export function isUserHoldSeconds(n: unknown): n is number {
  return (
    typeof n === 'number' &&
    Number.isFinite(n) &&
    n >= HOLD_SECONDS_RANGE[0] &&
    n <= HOLD_SECONDS_RANGE[1]
  )
}

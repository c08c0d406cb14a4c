/** Turns IndexedDB / Dexie failures into the plain messages the page shows. */

/** Why a write failed. */
export type SaveFailure = 'invalid' | 'quota' | 'unavailable'

/** The outcome of a write: the stored record, or a reason and a message for the user. */
export type SaveOutcome<T> =
  { ok: true; record: T } | { ok: false; reason: SaveFailure; message: string }

/** Whether an error (or the error Dexie wraps) is the browser's "storage full". */
export function isQuotaError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const name = (cur as { name?: unknown }).name
    if (name === 'QuotaExceededError') return true
    cur = (cur as { inner?: unknown }).inner
  }
  return false
}

/** The user-facing message for a failed write. */
export function saveFailureFrom(e: unknown): { ok: false; reason: SaveFailure; message: string } {
  if (isQuotaError(e)) {
    return {
      ok: false,
      reason: 'quota',
      message:
        'Not saved: this device is out of storage space for the app. Everything saved before is safe. Free some space, then try again.',
    }
  }
  const detail = e instanceof Error && e.message ? ` (${e.message.slice(0, 160)})` : ''
  return {
    ok: false,
    reason: 'unavailable',
    message: `Not saved: the browser's storage refused the write${detail}. Everything saved before is safe.`,
  }
}

/**
 * A trace handed to the replay page in memory: the session wrap-up's "Open in
 * replay" puts the recording here and navigates to #/replay, whose page takes it
 * on mount. Taking it empties the slot: a later visit starts with the picker.
 */

/** A trace waiting for the replay page. */
export interface ReplayHandoff {
  file: Blob
  name: string
}

let waiting: ReplayHandoff | null = null

/** Leaves a recorded trace (its JSON Lines text) for the replay page. */
export function handToReplay(text: string, name: string): void {
  waiting = { file: new Blob([text], { type: 'application/x-ndjson' }), name }
}

/** The trace left for the replay page, once (null when there is none). */
export function takeReplayHandoff(): ReplayHandoff | null {
  const w = waiting
  waiting = null
  return w
}

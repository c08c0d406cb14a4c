/**
 * Keeps open tabs in step: after a write, a tab posts "changed" on a
 * BroadcastChannel and the others reload their view from IndexedDB. No data
 * travels on the channel, so no tab can overwrite another's records.
 */

/** The channel name shared by every tab of the app. */
export const PROGRESS_CHANNEL = 'stretchcoach-progress'

/** A tab's end of the channel. */
export interface TabSync {
  /** tell the other tabs the stored history changed */
  announce(): void
  close(): void
}

/** Opens the channel; `onChanged` runs when another tab wrote. A no-op where BroadcastChannel is missing. */
export function openTabSync(onChanged: () => void): TabSync {
  if (typeof BroadcastChannel === 'undefined') return { announce() {}, close() {} }
  const channel = new BroadcastChannel(PROGRESS_CHANNEL)
  channel.onmessage = (ev: MessageEvent) => {
    if (ev.data === 'changed') onChanged()
  }
  return {
    announce: () => channel.postMessage('changed'),
    close: () => channel.close(),
  }
}

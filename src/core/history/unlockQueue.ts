/**
 * The unlock queue: each achievement unlock is an event, stored, and shown
 * once. A pure reducer; storage persists the records it returns.
 */
import type { Stamp } from './civilDate.ts'
import { SCHEMA_VERSION, type UnlockRecord } from './records.ts'

/** The queue: one event per achievement id, in unlock order. */
export interface UnlockQueue {
  events: UnlockRecord[]
}

/** What can happen to the queue. */
export type UnlockAction =
  { type: 'earned'; ids: readonly string[]; at: Stamp } | { type: 'shown'; ids: readonly string[] }

/** Applies an action; returns the same queue object when nothing changed. */
export function reduceUnlocks(queue: UnlockQueue, action: UnlockAction): UnlockQueue {
  if (action.type === 'earned') {
    const known = new Set(queue.events.map((e) => e.id))
    const added: UnlockRecord[] = []
    for (const id of action.ids) {
      if (known.has(id)) continue
      known.add(id)
      added.push({ schemaVersion: SCHEMA_VERSION, id, at: action.at, shown: false })
    }
    return added.length === 0 ? queue : { events: [...queue.events, ...added] }
  }
  const ids = new Set(action.ids)
  let changed = false
  const events = queue.events.map((e) => {
    if (!ids.has(e.id) || e.shown) return e
    changed = true
    return { ...e, shown: true }
  })
  return changed ? { events } : queue
}

/** The events not yet celebrated, oldest first. */
export function pendingUnlocks(queue: UnlockQueue): UnlockRecord[] {
  return queue.events.filter((e) => !e.shown)
}

/** The records an action changed (to persist them one put each). */
export function changedUnlocks(before: UnlockQueue, after: UnlockQueue): UnlockRecord[] {
  if (before === after) return []
  const prev = new Map(before.events.map((e) => [e.id, e]))
  return after.events.filter((e) => prev.get(e.id) !== e)
}

/**
 * A small journal of saves not yet confirmed, in localStorage. A save's steps
 * (saves.ts) are written here, synchronously, before the IndexedDB write
 * starts, and removed once it completed or was refused. A page closed in
 * between leaves its entry behind; the next start of the app writes it (an
 * entry only adds records whose ids are absent, so doing it twice is safe).
 * localStorage survives a closing tab where a running IndexedDB transaction
 * does not.
 */
import '../../core/zodConfig.ts'
import { z } from 'zod'
import { stampSchema, readRecord } from '../../core/history/records.ts'
import type { SaveStep } from './saves.ts'

/**
 * Every entry's key starts with this (one key per save, so tabs never rewrite
 * each other's). While the save runs, its tab also holds a Web Lock of the
 * same name: another tab finishes only entries whose lock nobody holds (a
 * lock goes with its page). Held only while a save runs, so it costs the page
 * nothing otherwise (a page holding a lock cannot enter the back/forward cache).
 */
export const PENDING_PREFIX = 'stretchcoach-pending-save:'

const stepSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('add'),
    kind: z.enum(['results', 'sessions', 'checkIns']),
    record: z.unknown(),
  }),
  z.object({
    op: z.literal('end'),
    sessionId: z.string().min(1).max(128),
    end: stampSchema,
    painAfter: z.number().int().min(0).max(10).nullable(),
    stoppedForPain: z.boolean(),
    checkIn: z.unknown(),
  }),
])

const entrySchema = z.object({
  v: z.literal(1),
  tab: z.string().min(1).max(64),
  at: z.number(),
  n: z.number().optional(),
  steps: z.array(stepSchema).min(1).max(20),
})

/** An entry left behind by a page that closed mid-save: its steps, or null when it cannot be read. */
export interface LeftBehind {
  key: string
  /** the entry's text as stored (kept when it is damaged) */
  text: string
  steps: SaveStep[] | null
}

/** The journal as one tab uses it. */
export interface PendingSaves {
  /** Journals a save before it is written; false when localStorage is unavailable or full. */
  add(id: string, steps: readonly SaveStep[]): boolean
  /** Forgets a save: it completed, or was refused and the user told. */
  remove(id: string): void
  /** Entries of tabs that are no longer open, oldest first, each checked. */
  leftBehind(fallbackZone: string): Promise<LeftBehind[]>
  /** Forgets an entry found by `leftBehind`. */
  forget(key: string): void
}

/** The part of Web Locks used here. */
interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>
  query(): Promise<{ held?: { name?: string }[] }>
}

function locks(): LockManagerLike | null {
  const l = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks
  return l && typeof l.request === 'function' && typeof l.query === 'function' ? l : null
}

function checkSteps(raw: unknown, fallbackZone: string): SaveStep[] | null {
  const parsed = entrySchema.safeParse(raw)
  if (!parsed.success) return null
  const steps: SaveStep[] = []
  for (const s of parsed.data.steps) {
    if (s.op === 'add') {
      const got = readRecord(s.kind, s.record, fallbackZone)
      if (!got.ok) return null
      steps.push({ op: 'add', kind: s.kind, record: got.record } as SaveStep)
    } else {
      let checkIn = null
      if (s.checkIn !== null && s.checkIn !== undefined) {
        const got = readRecord('checkIns', s.checkIn, fallbackZone)
        if (!got.ok) return null
        checkIn = got.record
      }
      steps.push({ ...s, checkIn })
    }
  }
  return steps
}

/**
 * Opens this tab's view of the journal. `storage` is read on each use (it can
 * throw in some privacy modes: the journal is then simply off).
 */
export function openPendingSaves(
  tab: string,
  storage: () => Storage | null = () => globalThis.localStorage ?? null,
): PendingSaves {
  const store = (): Storage | null => {
    try {
      return storage()
    } catch {
      return null
    }
  }
  const lockManager = locks()
  // Per running save: its lock's release, or true once the save is over (a
  // lock granted after that is let go at once).
  const running = new Map<string, (() => void) | true>()
  let n = 0
  return {
    add(id, steps) {
      const s = store()
      if (!s) return false
      try {
        s.setItem(PENDING_PREFIX + id, JSON.stringify({ v: 1, tab, at: Date.now(), n: ++n, steps }))
      } catch {
        return false
      }
      if (lockManager) {
        void lockManager
          .request(
            PENDING_PREFIX + id,
            () =>
              new Promise<void>((release) => {
                if (running.get(id) === true) {
                  running.delete(id)
                  release()
                } else running.set(id, release)
              }),
          )
          .catch(() => running.delete(id))
      }
      return true
    },
    remove(id) {
      this.forget(PENDING_PREFIX + id)
      const release = running.get(id)
      if (typeof release === 'function') {
        running.delete(id)
        release()
      } else if (lockManager) running.set(id, true)
    },
    forget(key) {
      try {
        store()?.removeItem(key)
      } catch {
        // nothing to do: a stale entry only adds what is absent
      }
    },
    async leftBehind(fallbackZone) {
      const s = store()
      if (!s) return []
      let live = new Set<string>()
      if (lockManager) {
        try {
          const q = await lockManager.query()
          live = new Set((q.held ?? []).map((l) => l.name ?? ''))
        } catch {
          // without the list every other tab's entry is taken: still safe, only earlier
        }
      }
      const found: (LeftBehind & { at: number; n: number })[] = []
      try {
        for (let i = 0; i < s.length; i++) {
          const key = s.key(i)
          if (!key?.startsWith(PENDING_PREFIX)) continue
          const text = s.getItem(key) ?? ''
          let raw: unknown = null
          try {
            raw = JSON.parse(text)
          } catch {
            raw = null
          }
          // This tab's own entries are its running saves; a held lock is another tab's.
          const owner = (raw as { tab?: unknown } | null)?.tab
          if (owner === tab || live.has(key)) continue
          const { at, n } = (raw ?? {}) as { at?: unknown; n?: unknown }
          found.push({
            key,
            text,
            steps: checkSteps(raw, fallbackZone),
            at: typeof at === 'number' ? at : 0,
            n: typeof n === 'number' ? n : 0,
          })
        }
      } catch {
        return []
      }
      // A tab's saves in the order they were made (a session's start before its end).
      return found
        .sort((a, b) => a.at - b.at || a.n - b.n)
        .map(({ key, text, steps }) => ({ key, text, steps }))
    },
  }
}

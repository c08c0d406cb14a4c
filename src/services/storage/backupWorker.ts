/**
 * The worker that checks a backup for backupCheck.ts: parsing 16 MB of JSON
 * and validating 100,000 records takes seconds the page must not wait in.
 * It posts progress after each batch, then the records in small batches
 * (receiving one costs the page a few milliseconds), then the outcome.
 */
import {
  BACKUP_KINDS,
  checkBackup,
  type BackupRoutines,
  type CheckProgress,
} from '../../core/history/backup.ts'
import type { RecordKind } from '../../core/history/records.ts'

/** What the page sends the worker. */
export interface CheckRequest {
  text: string
  zone: string
  nowMs: number
}

/** What the worker sends back, in this order: progress, record batches, then done (with the own routines, few and small). */
export type CheckMessage =
  | ({ type: 'progress' } & CheckProgress)
  | { type: 'records'; kind: RecordKind; list: unknown[] }
  | { type: 'done'; ok: true; routines: BackupRoutines }
  | { type: 'done'; ok: false; message: string }

/** Records per message. */
const RECORDS_PER_MESSAGE = 2000

function run(req: CheckRequest, post: (m: CheckMessage) => void): void {
  const steps = checkBackup(req.text, req.zone, req.nowMs)
  for (;;) {
    const step = steps.next()
    if (!step.done) {
      post({ type: 'progress', ...step.value })
      continue
    }
    const out = step.value
    if (!out.ok) return post({ type: 'done', ok: false, message: out.message })
    for (const kind of BACKUP_KINDS) {
      const list = out.records[kind]
      for (let i = 0; i < list.length; i += RECORDS_PER_MESSAGE)
        post({ type: 'records', kind, list: list.slice(i, i + RECORDS_PER_MESSAGE) })
    }
    return post({ type: 'done', ok: true, routines: out.routines })
  }
}

// The DOM's types describe a window; in this worker `self` is its global scope.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<CheckRequest>) => void) | null
  postMessage(m: CheckMessage): void
}
scope.onmessage = (e) => run(e.data, (m) => scope.postMessage(m))

/**
 * Checks a backup file's text without freezing the page. In the browser a
 * worker parses the JSON and validates every record, posting progress and
 * then the records in small batches (each a few milliseconds to receive);
 * where workers are missing (tests) or fail to start, the same steps run here,
 * pausing for the page between batches. Either way the result is
 * core/history/backup.ts's checkBackup.
 */
import {
  checkBackup,
  type CheckProgress,
  type ParsedBackup,
  type RecordSet,
} from '../../core/history/backup.ts'
import type { CheckMessage, CheckRequest } from './backupWorker.ts'

/** Lets the page handle input and paint before the next batch (scheduler.yield where there is one). */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (typeof s?.yield === 'function') return s.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Runs checkBackup here, one batch per task. */
async function checkHere(
  req: CheckRequest,
  onProgress: (p: CheckProgress) => void,
): Promise<ParsedBackup> {
  const steps = checkBackup(req.text, req.zone, req.nowMs)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    onProgress(step.value)
    await yieldToPage()
  }
}

/** Runs checkBackup in a worker; null when the worker could not run it. */
function checkInWorker(
  req: CheckRequest,
  onProgress: (p: CheckProgress) => void,
): Promise<ParsedBackup | null> {
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(new URL('./backupWorker.ts', import.meta.url), { type: 'module' })
    } catch {
      resolve(null)
      return
    }
    const records: RecordSet = { results: [], sessions: [], checkIns: [], unlocks: [] }
    const finish = (out: ParsedBackup | null) => {
      worker.terminate()
      resolve(out)
    }
    worker.onmessage = (e: MessageEvent<CheckMessage>) => {
      const m = e.data
      if (m.type === 'progress') onProgress({ checked: m.checked, total: m.total })
      else if (m.type === 'records') {
        const into = records[m.kind] as unknown[]
        for (const r of m.list) into.push(r)
      } else if (m.ok) finish({ ok: true, records, routines: m.routines })
      else finish({ ok: false, message: m.message })
    }
    worker.onerror = (e) => {
      e.preventDefault()
      finish(null)
    }
    worker.postMessage(req satisfies CheckRequest)
  })
}

/**
 * Reads and checks a backup's text (see checkBackup), reporting progress;
 * never freezes the page for long and never throws.
 */
export async function checkBackupText(
  req: CheckRequest,
  onProgress: (p: CheckProgress) => void = () => {},
): Promise<ParsedBackup> {
  if (typeof Worker !== 'undefined') {
    const out = await checkInWorker(req, onProgress)
    if (out) return out
  }
  return checkHere(req, onProgress)
}

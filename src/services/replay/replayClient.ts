/**
 * Scores a trace file for the replay page in a module worker (replayWorker.ts):
 * progress as bytes are read, then the results and the track, or the refusal in
 * the command line's words. Where a worker cannot start, the same function runs
 * here (tests, very old browsers), reading the file whole.
 */
import {
  bytesSource,
  refusalText,
  scoreReplay,
  type ReplayMessage,
  type ReplayRequest,
} from './replayScore.ts'

/** What scoring a file ends with. */
export type ReplayDone = Extract<ReplayMessage, { type: 'done' }>

/** A file being scored: its end, and a way to stop it (another file was picked). */
export interface ReplayJob {
  readonly done: Promise<ReplayDone>
  cancel(): void
}

/** Starts scoring `file`; `onProgress` hears bytes read of the total. */
export function scoreReplayFile(
  file: Blob,
  name: string,
  onProgress: (read: number, total: number) => void,
): ReplayJob {
  let worker: Worker | null = null
  let settle: (d: ReplayDone) => void = () => {}
  const done = new Promise<ReplayDone>((resolve) => {
    settle = resolve
  })
  const here = (): void => {
    void file
      .arrayBuffer()
      .then((buf) =>
        scoreReplay(bytesSource(new Uint8Array(buf)), name, (m) => {
          if (m.type === 'progress') onProgress(m.read, m.total)
          else settle(m)
        }),
      )
      .catch((err: unknown) => {
        const reason =
          'cannot read the file (' + (err instanceof Error ? err.name : 'unreadable') + ')'
        settle({
          type: 'done',
          ok: false,
          name,
          line: 1,
          reason,
          message: refusalText(name, 1, reason),
        })
      })
  }
  if (typeof Worker === 'undefined') {
    here()
    return { done, cancel: () => {} }
  }
  try {
    worker = new Worker(new URL('./replayWorker.ts', import.meta.url), { type: 'module' })
  } catch {
    here()
    return { done, cancel: () => {} }
  }
  const w = worker
  w.onmessage = (e: MessageEvent<ReplayMessage>) => {
    const m = e.data
    if (m.type === 'progress') onProgress(m.read, m.total)
    else {
      w.terminate()
      settle(m)
    }
  }
  w.onerror = (e) => {
    e.preventDefault()
    w.terminate()
    here()
  }
  w.postMessage({ file, name } satisfies ReplayRequest)
  return { done, cancel: () => w.terminate() }
}

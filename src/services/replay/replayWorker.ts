/**
 * The replay page's worker: scores a trace file off the main thread (an hour of
 * frames is seconds of work) with scoreReplay, reading the Blob synchronously in
 * 1 MiB slices (FileReaderSync exists in workers only), so the file is never held
 * whole in memory.
 */
import {
  scoreReplay,
  trackTransfer,
  type ByteSource,
  type ReplayMessage,
  type ReplayRequest,
} from './replayScore.ts'

/** FileReaderSync, which the DOM's types (a window's) do not describe. */
interface SyncReader {
  readAsArrayBuffer(blob: Blob): ArrayBuffer
}

function blobSource(file: Blob): ByteSource {
  const Reader = (self as unknown as { FileReaderSync: new () => SyncReader }).FileReaderSync
  const reader = new Reader()
  return {
    size: file.size,
    read: (offset, length) =>
      new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length))),
  }
}

// The DOM's types describe a window; in this worker `self` is its global scope.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ReplayRequest>) => void) | null
  postMessage(m: ReplayMessage, transfer?: Transferable[]): void
}

scope.onmessage = (e) => {
  void scoreReplay(blobSource(e.data.file), e.data.name, (m) => {
    if (m.type === 'done' && m.ok) scope.postMessage(m, trackTransfer(m.track))
    else scope.postMessage(m)
  })
}

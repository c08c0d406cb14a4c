/**
 * The in-memory view of progress (zustand, never persisted: IndexedDB is the
 * source of truth). Only progress.ts writes it, after each load.
 */
import { create } from 'zustand'
import { emptyHistory, type History, type UnlockRecord } from '../../core/history/records.ts'

/** A message the page shows in its live region. */
export interface ProgressNotice {
  kind: 'saved' | 'error' | 'info'
  text: string
  /** increases with each notice so the same text is announced again */
  seq: number
}

/** What the progress page renders. */
export interface ProgressView {
  /** loading, ready, or unavailable (the database could not be opened at all) */
  status: 'loading' | 'ready' | 'unavailable'
  history: History
  unlocks: UnlockRecord[]
  /** rows set aside as damaged, in total */
  quarantined: number
  /** why the database is unavailable */
  loadError: string | null
  /** something found wrong with the stored layout (e.g. a table was missing), until dismissed */
  storeWarning: string | null
  notice: ProgressNotice | null
  /** UTC ms of the last completed load; the page recomputes "today" from it */
  loadedAtMs: number
}

/** The initial view: nothing loaded yet. */
export function initialProgressView(): ProgressView {
  return {
    status: 'loading',
    history: emptyHistory(),
    unlocks: [],
    quarantined: 0,
    loadError: null,
    storeWarning: null,
    notice: null,
    loadedAtMs: 0,
  }
}

/** The progress view store. */
export const useProgressStore = create<ProgressView>()(() => initialProgressView())

import { useEffect } from 'react'
import { initProgress, progressClock } from '../../services/storage/progress.ts'
import { useProgressStore, type ProgressView } from '../../services/storage/progressStore.ts'
import { useNow } from './useNow.ts'

/**
 * The stored history for a view that shows it (the progress view, the report):
 * starts loading it once, and gives the store's state with "now" (never before
 * the moment it was loaded) and the device's time zone.
 */
export function useLoadedProgress(): { view: ProgressView; at: number; zone: string } {
  const view = useProgressStore()
  const now = useNow()
  useEffect(() => {
    void initProgress()
  }, [])
  return { view, at: Math.max(now, view.loadedAtMs), zone: progressClock().timeZone() }
}

import { useEffect, useState } from 'react'
import { progressClock } from '../../services/storage/progress.ts'

/** "Now" in UTC ms, refreshed every 30 s and when the tab comes back, so "today" moves at midnight. */
export function useNow(): number {
  const [now, setNow] = useState(() => progressClock().nowMs())
  useEffect(() => {
    const tick = () => setNow(progressClock().nowMs())
    const id = window.setInterval(tick, 30_000)
    document.addEventListener('visibilitychange', tick)
    window.addEventListener('focus', tick)
    return () => {
      window.clearInterval(id)
      document.removeEventListener('visibilitychange', tick)
      window.removeEventListener('focus', tick)
    }
  }, [])
  return now
}

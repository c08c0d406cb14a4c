import { useMemo } from 'react'
import type { UnlockRecord } from '../../core/history/records.ts'
import { useSessionStore } from '../../services/session/sessionStore.ts'
import { CelebrationBanner } from './CelebrationBanner.tsx'

/**
 * The unlocks not yet celebrated, celebrated once wherever the user lands
 * first (the home page after a session, or the progress view). A pain stop
 * never brings a celebration: while its wrap-up shows, they are marked shown quietly.
 */
export function PendingCelebrations({ unlocks }: { unlocks: readonly UnlockRecord[] }) {
  const pending = useMemo(() => unlocks.filter((u) => !u.shown), [unlocks])
  const painStop = useSessionStore((s) => s.status === 'finished' && s.stoppedForPain)
  return <CelebrationBanner pending={pending} quiet={painStop} />
}

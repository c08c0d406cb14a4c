/**
 * Solves the next stretch's coach keyframes between frames while this stretch is
 * held. Left to the frame that first shows a stretch, solving its keyframes takes
 * 5–52 ms on a desktop (the bridge and the supine twist the most) and a few times
 * that on a headset: frames dropped just as the coach starts the new demonstration,
 * which the user is watching. During the hold (or the repetitions), the longest part
 * of a stretch, the user is in position, and the work goes in slices between frames.
 */
import { useEffect, useRef } from 'react'
import type { StretchId } from '../../core/stretches.ts'
import { useSessionStore } from '../../services/session/sessionStore.ts'
import { prewarmCoach } from '../prewarmCoach.ts'

/** Starts solving the stretch after the held one; it runs on until the next one starts or the scene goes. */
export function usePrewarmNextStretch(stretches: readonly StretchId[] | undefined): void {
  const next = useSessionStore((s) =>
    s.phase === 'hold' || s.phase === 'reps' ? s.stretchIndex + 1 : -1,
  )
  const running = useRef<{ index: number; stop: () => void } | null>(null)
  useEffect(() => {
    if (!stretches || next < 0 || next >= stretches.length) return
    if (running.current?.index === next) return
    running.current?.stop()
    running.current = { index: next, stop: prewarmCoach([stretches[next]!]) }
  }, [stretches, next])
  useEffect(
    () => () => {
      running.current?.stop()
      running.current = null
    },
    [],
  )
}

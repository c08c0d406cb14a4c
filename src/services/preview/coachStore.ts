/**
 * What the coach shows: the chosen stretch and whether it plays (a zustand
 * store written on edges only), and the per-frame `coachLive` values (time on
 * the timeline, caption step, side, countdown) written by the avatar's frame
 * loop and read by the DOM controls a few times a second.
 */
import { create } from 'zustand'
import type { Phase } from '../../core/phase.ts'
import type { StretchId } from '../../core/stretches.ts'

/** Edge-written coach state. */
export interface CoachState {
  stretch: StretchId
  playing: boolean
  setStretch: (id: StretchId) => void
  setPlaying: (playing: boolean) => void
}

/** Whether the user asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  )
}

/** The stretch the preview opens on when the address names none (or one it does not know). */
export const DEFAULT_PREVIEW_STRETCH: StretchId = 'childs-pose'

/** The coach store. With reduced motion the demonstration starts paused. */
export const useCoachStore = create<CoachState>()((set, get) => ({
  stretch: DEFAULT_PREVIEW_STRETCH,
  playing: !prefersReducedMotion(),
  setStretch: (id) => {
    if (get().stretch === id) return
    coachLive.timeS = 0
    set({ stretch: id })
  },
  setPlaying: (playing) => {
    if (get().playing !== playing) set({ playing })
  },
}))

/** Per-frame values of the demonstration (tier 1: a plain mutable object). */
export const coachLive = {
  /** seconds into the timeline */
  timeS: 0,
  /** timeline length, seconds */
  durationS: 1,
  step: 0,
  side: 'both' as 'left' | 'right' | 'both',
  phase: 'demonstrate' as Phase,
  holdRemaining: 0,
  rep: 0,
  /** start of the first hold (or repetitions), seconds: where "show the held pose" jumps */
  firstHoldS: 0,
}

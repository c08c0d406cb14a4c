/**
 * What browser tests read about the coach in the headset (`window.stretchcoachCoach`):
 * where XRCoach placed it. Written only when the placement changes.
 */
import type { StretchId } from '../../core/stretches.ts'
import { useCoachStore } from '../../services/preview/coachStore.ts'

/** The coach's headset placement as tests see it. */
export interface CoachTestHooks {
  /** true once the coach has been placed from a viewer pose */
  placed: boolean
  /** true when it floats above a lying user's line of sight */
  lying: boolean
  /** coach frame origin, local-floor metres */
  position: [number, number, number]
  /** how many times it was (re)placed */
  placements: number
  /** picks the stretch the coach demonstrates outside a routine */
  setStretch: (id: StretchId) => void
}

declare global {
  interface Window {
    /** See CoachTestHooks. */
    stretchcoachCoach?: CoachTestHooks
  }
}

/** The hooks object (also installed on window in the browser). */
export const coachHooks: CoachTestHooks = {
  placed: false,
  lying: false,
  position: [0, 0, 0],
  placements: 0,
  setStretch: (id) => useCoachStore.getState().setStretch(id),
}

if (typeof window !== 'undefined') window.stretchcoachCoach = coachHooks

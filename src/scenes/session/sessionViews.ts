/**
 * The headset scene's views, updated by its one frame loop in a fixed order
 * after the session stepped: each view registers one update function when it
 * mounts. Frame order lives in SessionLoop, not in useFrame priorities.
 */
import { createContext, useContext } from 'react'
import type { LiveSession } from '../../services/session/liveSession.ts'

/** One view's per-frame update: reads the live session, moves three objects, allocates nothing. */
export type ViewUpdate = (live: LiveSession, dt: number) => void

/** The views the loop updates, in this order. */
export interface SessionViews {
  coach: ViewUpdate | null
  caption: ViewUpdate | null
  panel: ViewUpdate | null
}

/** Allocates an empty registry. */
export function createSessionViews(): SessionViews {
  return { coach: null, caption: null, panel: null }
}

/** The scene's registry (provided by SessionScene). */
export const SessionViewsContext = createContext<SessionViews | null>(null)

/** The registry of the enclosing SessionScene. */
export function useSessionViews(): SessionViews {
  const v = useContext(SessionViewsContext)
  if (!v) throw new Error('useSessionViews outside SessionScene')
  return v
}

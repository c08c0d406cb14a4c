import { create } from 'zustand'
import type { XRSupport } from './launchParams.ts'

/** What the home page knows about immersive support: unknown until the browser answers. */
export interface XRSupportState {
  /** null while asking */
  support: XRSupport | null
}

/** The answer of navigator.xr.isSessionSupported for both immersive modes (asked once). */
export const useXRSupport = create<XRSupportState>(() => ({ support: null }))

async function isSupported(mode: XRSessionMode): Promise<boolean> {
  try {
    return (await navigator.xr?.isSessionSupported(mode)) === true
  } catch {
    // A browser that refuses the question (permissions policy, insecure page) supports nothing.
    return false
  }
}

let asked: Promise<XRSupport> | null = null

/** Asks the browser once which immersive modes it supports, and records the answer. */
export function checkXRSupport(): Promise<XRSupport> {
  if (!asked) {
    asked = Promise.all([isSupported('immersive-vr'), isSupported('immersive-ar')]).then(
      ([vr, ar]) => {
        const support = { vr, ar }
        useXRSupport.setState({ support })
        return support
      },
    )
  }
  return asked
}

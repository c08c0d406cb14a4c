/**
 * The service worker (vite-plugin-pwa, Workbox): it precaches every file of the
 * app so that the home page, the preview and a headset session open with the
 * network off after the first visit. A new version installs in the background
 * and waits; `ready` turns true and the app says "Update ready". It is applied
 * only on the user's word (`applyUpdate`), and never while a session is under
 * way (from the check-in to its saved check-out): a reload would end it.
 */
import { create } from 'zustand'
import { sessionUnderWay, useSessionStore } from './session/sessionStore.ts'

/** The update state the banner reads. */
export interface AppUpdateState {
  /** a new version is installed and waiting */
  ready: boolean
  /** the user chose "Later": hidden until the next start */
  dismissed: boolean
  /** the app works offline (every file is cached) */
  offlineReady: boolean
}

export const useAppUpdate = create<AppUpdateState>(() => ({
  ready: false,
  dismissed: false,
  offlineReady: false,
}))

let activateWaiting: ((reload?: boolean) => Promise<void>) | null = null

/**
 * True while a session is under way: its view is open, or it has been checked
 * in for, or its results or check-out are still to be saved.
 */
export function updateMustWait(): boolean {
  return window.location.hash.startsWith('#/session') || sessionUnderWay(useSessionStore.getState())
}

/**
 * Activates the waiting version and reloads. Refused (returns false) while a
 * session is under way or when nothing is waiting.
 */
export function applyUpdate(): boolean {
  if (!activateWaiting || !useAppUpdate.getState().ready || updateMustWait()) return false
  void activateWaiting(true)
  return true
}

/** Hides the banner until the next start; the new version waits. */
export function dismissUpdate(): void {
  useAppUpdate.setState({ dismissed: true })
}

/**
 * Registers the service worker, after the first paint. Where service workers
 * are unavailable (an insecure origin, a browser that blocks them) the app
 * simply stays online-only.
 */
export async function registerAppServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return
  try {
    const { registerSW } = await import('virtual:pwa-register')
    activateWaiting = registerSW({
      immediate: true,
      onNeedRefresh: () => useAppUpdate.setState({ ready: true }),
      onOfflineReady: () => useAppUpdate.setState({ offlineReady: true }),
      onRegisterError: (err: unknown) => {
        console.warn('The offline copy could not be set up:', err)
      },
    })
  } catch (err) {
    console.warn('The offline copy could not be set up:', err)
  }
}

/** The headsets IWER can emulate, by their `?emulate=` name. */
export const EMULATED_DEVICES = ['quest3', 'quest2', 'questpro'] as const
/** One `?emulate=` name. */
export type EmulatedDeviceName = (typeof EMULATED_DEVICES)[number]

/** The immersive mode asked for with `?mode=`: passthrough (ar) or fully virtual (vr). */
export type RequestedMode = 'vr' | 'ar'

/** What the page's query string asks of XR, with a message for each value it could not use. */
export interface LaunchParams {
  /** the headset to emulate, or null for none */
  emulate: EmulatedDeviceName | null
  /** the mode asked for, or null to pick passthrough where supported */
  mode: RequestedMode | null
  /** human-readable problems with the query string, shown on the page */
  errors: string[]
}

function isEmulatedDevice(name: string): name is EmulatedDeviceName {
  return (EMULATED_DEVICES as readonly string[]).includes(name)
}

/** Reads `?emulate=` and `?mode=` from a query string; unknown values become messages, not throws. */
export function parseLaunchParams(search: string): LaunchParams {
  let params: URLSearchParams
  try {
    params = new URLSearchParams(search)
  } catch {
    return { emulate: null, mode: null, errors: ['The address could not be read.'] }
  }
  const errors: string[] = []
  let emulate: EmulatedDeviceName | null = null
  const e = params.get('emulate')
  if (e !== null) {
    const name = e.trim().toLowerCase()
    if (isEmulatedDevice(name)) emulate = name
    else
      errors.push(
        `Unknown headset to emulate: "${e.slice(0, 40)}". Use one of: ${EMULATED_DEVICES.join(', ')}.`,
      )
  }
  let mode: RequestedMode | null = null
  const m = params.get('mode')
  if (m !== null) {
    const v = m.trim().toLowerCase()
    if (v === 'vr' || v === 'ar') mode = v
    else
      errors.push(
        `Unknown mode: "${m.slice(0, 40)}". Use mode=vr or mode=ar; the app picks one for now.`,
      )
  }
  return { emulate, mode, errors }
}

/** Which immersive session modes the browser says it supports. */
export interface XRSupport {
  vr: boolean
  ar: boolean
}

/**
 * The session mode to request: the one asked for when supported, else
 * passthrough (immersive-ar) where supported, else immersive-vr; null when neither is.
 */
export function chooseSessionMode(
  requested: RequestedMode | null,
  support: XRSupport,
): XRSessionMode | null {
  if (requested === 'vr' && support.vr) return 'immersive-vr'
  if (requested === 'ar' && support.ar) return 'immersive-ar'
  if (support.ar) return 'immersive-ar'
  if (support.vr) return 'immersive-vr'
  return null
}

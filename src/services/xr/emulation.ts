// Loaded only when the address asks for ?emulate=…: IWER (Meta's WebXR emulator)
// replaces the browser's navigator.xr before React mounts, in any build.
import { XRDevice, metaQuest2, metaQuest3, metaQuestPro } from 'iwer'
import type { EmulatedDeviceName } from './launchParams.ts'

const CONFIGS = { quest3: metaQuest3, quest2: metaQuest2, questpro: metaQuestPro } as const

/** Installs an emulated headset as navigator.xr and exposes it as window.xrDevice. */
export function installEmulatedDevice(name: EmulatedDeviceName): XRDevice {
  const device = new XRDevice(CONFIGS[name])
  // The browser's own navigator.xr (present in Chromium) must be replaced, hence force.
  device.installRuntime({ forceInstall: true })
  window.xrDevice = device
  return device
}

declare global {
  interface Window {
    /** The IWER device when the page was opened with ?emulate=…: set poses and buttons on it. */
    xrDevice?: XRDevice
  }
}

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { installTestHooks } from '../services/testHooks.ts'
import { parseLaunchParams } from '../services/xr/launchParams.ts'
import { registerAppServiceWorker } from '../services/appUpdate.ts'
import './styles.css'

async function boot() {
  const launch = parseLaunchParams(window.location.search)
  const errors = [...launch.errors]
  installTestHooks()
  if (launch.emulate) {
    // IWER must replace navigator.xr before anything asks it a question: load it first.
    try {
      const { installEmulatedDevice } = await import('../services/xr/emulation.ts')
      installEmulatedDevice(launch.emulate)
    } catch (err) {
      errors.push(`The headset emulator could not start: ${String(err).slice(0, 200)}`)
    }
  }
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  createRoot(root).render(
    <StrictMode>
      <App launch={launch} notices={errors} />
    </StrictMode>,
  )
  void registerAppServiceWorker()
}

void boot()

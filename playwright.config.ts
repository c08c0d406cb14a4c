import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS } from './scripts/chromiumArgs.ts'

// Debian's Chromium (Playwright's own browser download does not work here).
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const PORT = Number(process.env.E2E_PORT || 4173)

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: process.env.OUT_DIR ? `test-results-${process.env.OUT_DIR}` : 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/`,
    viewport: { width: 1280, height: 800 },
    // The service worker would answer requests that tests route or count; only
    // tests/e2e/offline.spec.ts lets it run.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath,
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: {
    // The production build, served by Vite's preview server (Playwright owns the process).
    command: `node node_modules/vite/bin/vite.js preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
})

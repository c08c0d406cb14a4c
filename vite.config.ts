import type { PluginOption } from 'vite'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import basicSsl from '@vitejs/plugin-basic-ssl'

// HTTPS=1 serves over a self-signed certificate so a headset on the LAN can open
// the app (WebXR needs a secure context); off by default.
const https = process.env.HTTPS === '1'

// @pmndrs/xr imports its own emulator (IWER dev UI plus ~5 MB of synthetic rooms)
// behind `emulate`, which the app switches off in favour of src/app/xr/emulation.ts.
// Resolve that import to a stub so the dead chunks never reach the build.
const EMULATOR_STUB = '\0xr-library-emulator-disabled'
const noLibraryEmulator: PluginOption = {
  name: 'stretchcoach:no-library-emulator',
  enforce: 'pre',
  resolveId(source, importer) {
    if (
      source === './emulate.js' &&
      importer &&
      /@pmndrs[\\/]xr[\\/]dist[\\/]store\.js$/.test(importer)
    ) {
      return EMULATOR_STUB
    }
    return null
  },
  load(id) {
    if (id !== EMULATOR_STUB) return null
    return "export function emulate() { throw new Error('Use ?emulate=quest3: the library emulator is not bundled.') }"
  },
}

export default defineConfig({
  base: './',
  plugins: [react(), noLibraryEmulator, ...(https ? [basicSsl() as PluginOption] : [])],
  server: { host: https ? true : 'localhost', port: 5173 },
  preview: { host: https ? true : 'localhost', port: 4173 },
  // OUT_DIR lets parallel builds (and their preview servers) keep apart.
  build: {
    target: 'es2022',
    outDir: process.env.OUT_DIR || 'dist',
    sourcemap: false,
    // .vite/manifest.json lets scripts/size.mjs tell the home page's chunks from the 3D ones.
    manifest: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
  },
})

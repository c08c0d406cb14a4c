import type { PluginOption } from 'vite'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import basicSsl from '@vitejs/plugin-basic-ssl'
import { VitePWA } from 'vite-plugin-pwa'
import { yogaWasmFile } from './scripts/vite/yogaWasmFile.ts'
import { DEV_SECURITY_HEADERS, SECURITY_HEADERS } from './scripts/vite/securityHeaders.ts'
import { ICON_COLOURS } from './scripts/build-icons.ts'

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

const hex = (c: readonly number[]) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('')

// Offline and installable: Workbox precaches every file of the build (chunks, the
// yoga WebAssembly, the coach model, the controller and hand profiles, the panel
// font, icons) and serves index.html for every navigation. A new version waits
// until the user says "Update now" (src/services/appUpdate.ts). The icons are drawn
// by scripts/build-icons.ts.
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  // the manifest's icons are precached by the glob below already
  includeManifestIcons: false,
  manifest: {
    id: './',
    name: 'StretchCoach XR',
    short_name: 'StretchCoach',
    description:
      'A 3D coach for a daily back-pain stretching routine, in a headset or on the desktop.',
    start_url: './',
    scope: './',
    display: 'standalone',
    orientation: 'any',
    background_color: '#f5f7f6',
    theme_color: hex(ICON_COLOURS.background),
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      {
        src: 'icons/icon-maskable-512.png',
        sizes: '512x512',
        type: 'image/png',
        purpose: 'maskable',
      },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,wasm,glb,json,webp,png,jpg,svg}'],
    // The largest files are the fallback controller models (about 1.5 MB each).
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    clientsClaim: false,
    skipWaiting: false,
  },
})

// uikit's default font family imports all four weights of Inter (283 kB gzip) lazily;
// the panel brings its own subset (src/scenes/session/panelFont.ts), so that import is
// never called. Resolve it to a module that says so, and the chunk leaves the build
// (and the offline copy).
const UIKIT_DEFAULT_FONT_STUB = '\0uikit-default-font-disabled'
const noUikitDefaultFont: PluginOption = {
  name: 'stretchcoach:no-uikit-default-font',
  enforce: 'pre',
  resolveId(source) {
    return source === '@pmndrs/msdfonts/inter' ? UIKIT_DEFAULT_FONT_STUB : null
  },
  load(id) {
    if (id !== UIKIT_DEFAULT_FONT_STUB) return null
    return "export const inter = new Proxy({}, { get() { throw new Error('uikit text without the panel font family: give its root fontFamilies (src/scenes/session/panelFont.ts).') } })"
  },
}

export default defineConfig({
  base: './',
  plugins: [
    react(),
    noLibraryEmulator,
    noUikitDefaultFont,
    yogaWasmFile(),
    pwa,
    ...(https ? [basicSsl() as PluginOption] : []),
  ],
  server: { host: https ? true : 'localhost', port: 5173, headers: { ...DEV_SECURITY_HEADERS } },
  preview: { host: https ? true : 'localhost', port: 4173, headers: { ...SECURITY_HEADERS } },
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

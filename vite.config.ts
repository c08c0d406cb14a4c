import type { PluginOption } from 'vite'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import basicSsl from '@vitejs/plugin-basic-ssl'

// HTTPS=1 serves over a self-signed certificate so a headset on the LAN can open
// the app (WebXR needs a secure context); off by default.
const https = process.env.HTTPS === '1'

export default defineConfig({
  base: './',
  plugins: [react(), ...(https ? [basicSsl() as PluginOption] : [])],
  server: { host: https ? true : 'localhost', port: 5173 },
  preview: { host: https ? true : 'localhost', port: 4173 },
  // OUT_DIR lets parallel builds (and their preview servers) keep apart.
  build: {
    target: 'es2022',
    outDir: process.env.OUT_DIR || 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
  },
})

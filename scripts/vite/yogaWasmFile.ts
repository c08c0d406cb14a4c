/**
 * Vite plugin: uikit's layout engine (yoga-layout) ships its WebAssembly as a
 * base64 `data:` URI inside JavaScript, and Emscripten's loader `fetch`es that
 * URI, which `connect-src 'self'` refuses (it then falls back, but the
 * violation is reported). In the build the bytes become a file of their own
 * (`assets/yoga-*.wasm`, 29 kB gzip instead of 39 kB as base64) that
 * `yoga-layout/load` fetches from the app's origin and hands to Emscripten as
 * `wasmBinary`. The development server keeps the package as it is.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

const BINARY = /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/
const LOAD = /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]load\.js$/
const DATA_URI = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/

export function yogaWasmFile(): Plugin {
  return {
    name: 'stretchcoach:yoga-wasm-file',
    apply: 'build',
    transform(code, id) {
      if (BINARY.test(id)) {
        if (!DATA_URI.test(code)) this.error('yoga-layout: the inlined WebAssembly was not found')
        // Emscripten only reads its own URI when no wasmBinary is given.
        return { code: code.replace(DATA_URI, '""'), map: null }
      }
      if (LOAD.test(id)) {
        const binaryPath = join(dirname(id), '..', 'binaries', 'yoga-wasm-base64-esm.js')
        const found = DATA_URI.exec(readFileSync(binaryPath, 'utf8'))
        if (!found) this.error('yoga-layout: the inlined WebAssembly was not found')
        const ref = this.emitFile({
          type: 'asset',
          name: 'yoga.wasm',
          source: Buffer.from(found[1]!, 'base64'),
        })
        const call = 'await loadYogaImpl()'
        if (!code.includes(call)) this.error('yoga-layout/load: the loader call was not found')
        const fetchBinary =
          `await loadYogaImpl({ wasmBinary: await fetch(import.meta.ROLLUP_FILE_URL_${ref})` +
          `.then((r) => { if (!r.ok) throw new Error('yoga.wasm: HTTP ' + r.status); return r.arrayBuffer() }) })`
        return { code: code.replace(call, fetchBinary), map: null }
      }
      return null
    },
  }
}

/**
 * The HTTP headers the built app is served with (`npm start`, Vite's preview
 * server) and the relaxed set of the development server. README "Serving it
 * elsewhere" shows the same headers for other hosts; tests/e2e/headers.spec.ts
 * checks them on `npm start`, and every browser test fails on a CSP violation.
 */

/** Content-Security-Policy of the built app, one directive per entry. */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  // uikit lays out the panel with yoga, compiled to WebAssembly.
  "script-src 'self' 'wasm-unsafe-eval'",
  // canvas-confetti draws in a worker it makes from a blob: URL.
  "worker-src 'self' blob:",
  // glTF images embedded in the controller models decode through blob: URLs.
  "img-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
]

/** Headers of the built app. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_DIRECTIVES.join('; '),
  'Permissions-Policy': 'xr-spatial-tracking=(self)',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}

/**
 * The development server's relaxations, for hot reload only: React Refresh's
 * inline preamble ('unsafe-inline' scripts), CSS injected as <style> elements,
 * the hot-reload WebSocket, and yoga's inlined WebAssembly, which the build
 * turns into a file (scripts/vite/yogaWasmFile.ts) but development does not.
 */
export const DEV_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': CSP_DIRECTIVES.map((d) =>
    d.startsWith('script-src')
      ? `${d} 'unsafe-inline'`
      : d.startsWith('connect-src')
        ? `${d} ws: wss: data:`
        : d,
  )
    .concat("style-src 'self' 'unsafe-inline'")
    .join('; '),
}

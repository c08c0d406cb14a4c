/**
 * How every browser run here starts Debian's Chromium headless: the browser
 * tests (playwright.config.ts) and `npm run perf` (scripts/perf/browser.ts).
 * Software WebGL (SwiftShader); nothing phones home.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
]

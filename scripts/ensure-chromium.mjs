// Finds a Chromium for the browser tests: CHROMIUM_PATH, else /usr/bin/chromium;
// when missing, installs Debian's `chromium` with apt (as root), or says how to get one.
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'

/** Returns the Chromium path; when none can be had, prints how to get one and exits, or returns null with `{ exit: false }`. */
export function ensureChromium({ exit = true } = {}) {
  const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (existsSync(wanted)) return wanted
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  let hasApt = false
  try {
    execSync('command -v apt-get', { stdio: 'ignore' })
    hasApt = true
  } catch {
    hasApt = false
  }
  if (isRoot && hasApt && !process.env.CHROMIUM_PATH) {
    console.log('Chromium not found: installing Debian chromium with apt-get…')
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
        shell: '/bin/bash',
      },
    )
    if (existsSync(wanted)) return wanted
  }
  console.error(
    `No Chromium at ${wanted}. Set CHROMIUM_PATH to a Chromium binary, install Debian's ` +
      '`chromium` package (apt-get install chromium), or on other systems run ' +
      '`npx playwright install chromium` and point CHROMIUM_PATH at it.',
  )
  if (exit) process.exit(1)
  return null
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium())
}

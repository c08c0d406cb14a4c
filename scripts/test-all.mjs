// `npm test`: types, lint, unit tests (Vitest) and browser tests (Playwright)
// against the production build. Ends with one line summing all suites:
// "N passed, N failed".
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureChromium } from './ensure-chromium.mjs'

const tmp = mkdtempSync(join(tmpdir(), 'stretchcoach-test-'))
let passed = 0
let failed = 0

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status === 0
}

function step(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1
  else {
    failed += 1
    console.log(`${label}: FAILED`)
  }
}

step('types', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])
step('lint', 'npx', ['eslint', '--max-warnings', '0', '.'])

// Unit tests: count each test case. The repetition sweeps (tests/behaviour/repSweep.*) run
// after the rest, on their own: they keep every core busy, and the heap-measuring tests
// (allocation) must not share the machine with them, or the JIT still compiling under load
// shows up as heap growth.
const SWEEPS = 'tests/behaviour/repSweep.*.test.ts'
function vitest(label, name, args) {
  const json = join(tmp, name)
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    `--reporter=json`,
    `--outputFile.json=${json}`,
    ...args,
  ])
  try {
    const r = JSON.parse(readFileSync(json, 'utf8'))
    passed += r.numPassedTests
    failed += r.numFailedTests
    if (!ok && r.numFailedTests === 0) failed += 1
  } catch {
    failed += 1
  }
}
vitest('unit tests (vitest)', 'vitest.json', [`--exclude=${SWEEPS}`])
vitest('repetition sweeps (vitest)', 'vitest-sweeps.json', ['tests/behaviour/repSweep'])

// Browser tests against the production build.
const chromium = ensureChromium({ exit: false })
if (!chromium) {
  console.log('browser tests: FAILED (no Chromium, see above)')
  failed += 1
} else if (!run('build', 'npm', ['run', '-s', 'build'])) {
  failed += 1
} else {
  const e2eJson = join(tmp, 'playwright.json')
  const e2eOk = run(
    'browser tests (playwright)',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
    },
  )
  try {
    const r = JSON.parse(readFileSync(e2eJson, 'utf8'))
    passed += r.stats.expected
    failed += r.stats.unexpected + (r.stats.flaky || 0)
    if (!e2eOk && r.stats.unexpected === 0) failed += 1
  } catch {
    failed += 1
  }
}

rmSync(tmp, { recursive: true, force: true })
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

/**
 * The built app for scripts that look at it in a browser (`npm run perf`,
 * `npm run build:home-image`): build into an output folder of their own, serve
 * it with `vite preview`, and open Debian's Chromium (software WebGL) on it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM_ARGS } from './chromiumArgs.ts'
// @ts-expect-error: a plain .mjs helper shared with the test runner
import { ensureChromium } from './ensure-chromium.mjs'

/** Runs a command to its end; rejects when it fails. */
export function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))))
  })
}

/**
 * Builds the app into `outDir` as `npm run build` does: its prebuild copies the
 * XR input profiles into public/ (a plain `vite build` on a fresh clone would
 * leave them out, and the headset would show no controllers).
 */
export function buildApp(outDir: string): Promise<void> {
  return run('npm', ['run', '-s', 'build', '--', '--logLevel', 'warn'], { OUT_DIR: outDir })
}

/** Whether anything answers HTTP at `url`. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url)
    return true
  } catch {
    return false
  }
}

/**
 * Serves `outDir` on `port` with `vite preview`; resolves once it answers with
 * that build's index.html. Rejects when the port already answers (a server left
 * by an earlier run that crashed would otherwise be measured in place of
 * `outDir`, silently: `--strictPort` makes the new one exit) or when the server
 * exits or serves another build.
 */
export async function startPreviewServer(outDir: string, port: number): Promise<ChildProcess> {
  const base = `http://localhost:${port}/`
  if (await answers(base)) {
    throw new Error(
      `something already answers on ${base} (a preview server an earlier run left behind?); ` +
        'stop it first, or it would be measured instead of ' +
        outDir,
    )
  }
  const built = readFileSync(join(outDir, 'index.html'), 'utf8')
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'],
    { stdio: 'ignore', env: { ...process.env, OUT_DIR: outDir } },
  )
  let exitCode: number | null | undefined
  server.on('exit', (code) => {
    exitCode = code
  })
  for (let i = 0; i < 100 && exitCode === undefined; i++) {
    let served: string | null = null
    try {
      const response = await fetch(base)
      if (response.ok) served = await response.text()
    } catch {
      // not up yet
    }
    if (served !== null) {
      if (served === built) return server
      server.kill()
      throw new Error(`${base} serves another build than ${outDir}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  server.kill()
  throw new Error(
    exitCode === undefined
      ? `the preview server did not start on ${base}`
      : `the preview server exited (${exitCode}) before it answered on ${base}`,
  )
}

/** Debian's Chromium, headless, as the browser tests start it. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium() as string, args: [...CHROMIUM_ARGS] })
}

/**
 * Serves `outDir` on `port`, opens Chromium and runs `use` with it; the browser
 * and the server are stopped whatever happens (a server left running would be
 * measured by the next run in place of its own build).
 */
export async function withServedApp<T>(
  outDir: string,
  port: number,
  use: (browser: Browser) => Promise<T>,
): Promise<T> {
  const server = await startPreviewServer(outDir, port)
  try {
    const browser = await launchChromium()
    try {
      return await use(browser)
    } finally {
      await browser.close()
    }
  } finally {
    server.kill()
  }
}

/**
 * The built app for scripts that look at it in a browser (`npm run perf`,
 * `npm run build:home-image`): build into an output folder of their own, serve
 * it with `vite preview`, and open Debian's Chromium (software WebGL) on it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
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

/** Builds the app into `outDir`. */
export function buildApp(outDir: string): Promise<void> {
  return run('npx', ['vite', 'build', '--logLevel', 'warn'], { OUT_DIR: outDir })
}

/** Serves `outDir` on `port` with `vite preview`; resolves once it answers. */
export async function startPreviewServer(outDir: string, port: number): Promise<ChildProcess> {
  const base = `http://localhost:${port}/`
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'],
    { stdio: 'ignore', env: { ...process.env, OUT_DIR: outDir } },
  )
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return server
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  server.kill()
  throw new Error(`the preview server did not start on ${base}`)
}

/** Debian's Chromium, headless, as the browser tests start it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium() as string, args: [...CHROMIUM_ARGS] })
}

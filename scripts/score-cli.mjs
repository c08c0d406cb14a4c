// Launcher of the command-line replay (`npm run -s score -- <files...>`).
// Node runs no TypeScript and tsx's start-up costs ~0.5 s, so scripts/score.ts is
// bundled once with esbuild (already installed with vite and tsx) into
// node_modules/.cache/stretchcoach/score.mjs and rebuilt whenever a source of
// scripts/score.ts or src/core is newer than the bundle. Without esbuild it
// falls back to tsx.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(root, 'scripts', 'score.ts')
const bundle = join(root, 'node_modules', '.cache', 'stretchcoach', 'score.mjs')

function newestSource(dir, newest) {
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name)
    if (name.isDirectory()) newest = newestSource(p, newest)
    else if (name.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

function isStale() {
  if (!existsSync(bundle)) return true
  const built = statSync(bundle).mtimeMs
  const newest = newestSource(join(root, 'src', 'core'), statSync(entry).mtimeMs)
  return newest > built || statSync(fileURLToPath(import.meta.url)).mtimeMs > built
}

if (isStale()) {
  let esbuild = null
  try {
    esbuild = await import('esbuild')
  } catch {
    esbuild = null
  }
  if (esbuild === null) {
    const { spawnSync } = await import('node:child_process')
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
    const r = spawnSync(process.execPath, [tsx, entry, ...process.argv.slice(2)], {
      stdio: 'inherit',
    })
    process.exit(r.status ?? 2)
  }
  mkdirSync(dirname(bundle), { recursive: true })
  await esbuild.build({
    entryPoints: [entry],
    // Built beside and renamed into place: a parallel run never imports half a file.
    outfile: bundle + '.' + process.pid + '.tmp.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  })
  renameSync(bundle + '.' + process.pid + '.tmp.mjs', bundle)
}
await import(pathToFileURL(bundle).href)

#!/usr/bin/env node
// The command-line scorer: `node bin/stretchcoach-score.mjs <trace.jsonl[.gz]>...`
// (or `npx stretchcoach-score ...`, `npm run -s score -- ...`); see scripts/score.ts.
// Node runs no TypeScript and tsx's start-up costs ~0.5 s, so scripts/score.ts is
// bundled with esbuild (installed with vite and tsx) into
// node_modules/.cache/stretchcoach/score.mjs. The build records the mtime and size of
// every file it read and of this one (score.inputs.json); a run stats only those
// (about 25 files, no directory walk) and rebuilds when one differs or is gone.
// Without esbuild it falls back to tsx.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import module from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const self = fileURLToPath(import.meta.url)
const root = join(dirname(self), '..')
/** this file, as the build records it (paths relative to the repository) */
const launcher = relative(root, self)
const entry = join(root, 'scripts', 'score.ts')
const cache = join(root, 'node_modules', '.cache', 'stretchcoach')
const bundle = join(cache, 'score.mjs')
const inputsFile = join(cache, 'score.inputs.json')

// Node 22.1+ keeps compiled code between runs; Node 20 has no such cache.
if (typeof module.enableCompileCache === 'function') module.enableCompileCache(join(cache, 'v8'))

/** mtime and size of a file, as recorded at build time ('' when it is gone). */
function stamp(p) {
  try {
    const st = statSync(p)
    return st.mtimeMs + ':' + st.size
  } catch {
    return ''
  }
}

/** Stale when the bundle or its record is missing, or any recorded file's stamp changed. */
function isStale() {
  let built
  try {
    built = JSON.parse(readFileSync(inputsFile, 'utf8'))
    statSync(bundle)
  } catch {
    return true
  }
  if (typeof built !== 'object' || built === null || typeof built.stamps !== 'object') return true
  const stamps = built.stamps
  if (!(launcher in stamps)) return true
  for (const p in stamps) if (stamps[p] !== stamp(join(root, p))) return true
  return false
}

async function build() {
  let esbuild = null
  try {
    esbuild = await import('esbuild')
  } catch {
    return false
  }
  mkdirSync(cache, { recursive: true })
  const startedAt = Date.now()
  // Built beside and renamed into place: a parallel run never imports half a file.
  const tmp = bundle + '.' + process.pid + '.tmp.mjs'
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    metafile: true,
    absWorkingDir: root,
    // Folds what can be folded (constant expressions, a module's literal constants):
    // V8 cannot fold a bundle's module constants itself, since esbuild makes them `var`.
    // About 6 % off an hour's scoring; names and line breaks stay as they were.
    minifySyntax: true,
  })
  // A file changed while the build ran gets no stamp: the next run builds again.
  const stamps = {}
  for (const p of [launcher, ...Object.keys(result.metafile.inputs)]) {
    const s = stamp(join(root, p))
    stamps[p] = s !== '' && Number(s.split(':')[0]) < startedAt ? s : 'changed'
  }
  writeFileSync(inputsFile + '.' + process.pid, JSON.stringify({ stamps }))
  renameSync(tmp, bundle)
  renameSync(inputsFile + '.' + process.pid, inputsFile)
  return true
}

if (isStale() && !(await build())) {
  const { spawnSync } = await import('node:child_process')
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const r = spawnSync(process.execPath, [tsx, entry, ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  process.exit(r.status ?? 2)
}
await import(pathToFileURL(bundle).href)

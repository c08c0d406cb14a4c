// `npm run size`: gzip sizes of the built JavaScript, read from Vite's manifest:
// the home page (entry + everything it imports statically) and each lazy view
// (its chunk + static imports not already in the home page). Fails when the
// home page contains three.js.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const outDir = process.env.OUT_DIR || 'dist'
const manifestPath = join(outDir, '.vite', 'manifest.json')
if (!existsSync(manifestPath)) {
  console.error(`No ${manifestPath}: run the build first (npm run size does).`)
  process.exit(1)
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))

function closure(key, into = new Set()) {
  const chunk = manifest[key]
  if (!chunk || into.has(key)) return into
  into.add(key)
  for (const dep of chunk.imports ?? []) closure(dep, into)
  return into
}

const gz = (file) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length
const raw = (file) => readFileSync(join(outDir, file)).length
const kB = (n) => `${(n / 1024).toFixed(1)} kB`
const sum = (keys, f) => [...keys].reduce((s, k) => s + f(manifest[k].file), 0)

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
if (!entryKey) {
  console.error('The manifest has no entry chunk.')
  process.exit(1)
}
const home = closure(entryKey)
const rows = [['home page (entry + static imports)', home]]
const lazyKeys = new Set()
for (const key of home) for (const d of manifest[key].dynamicImports ?? []) lazyKeys.add(d)
for (const key of [...lazyKeys].sort()) {
  const own = [...closure(key)].filter((k) => !home.has(k))
  const name = (manifest[key].name || key).replace(/\.tsx?$/, '')
  rows.push([`lazy: ${name}`, new Set(own)])
}

const views3d = new Set()
for (const key of lazyKeys) {
  if (!/PreviewPage|SessionPage|PracticePage|ReplayPage/.test(key)) continue
  for (const k of closure(key)) if (!home.has(k)) views3d.add(k)
}
rows.push(['3D views together (shared chunks once)', views3d])

console.log('chunk group'.padEnd(44) + 'gzip'.padStart(10) + 'raw'.padStart(11))
for (const [label, keys] of rows) {
  console.log(label.padEnd(44) + kB(sum(keys, gz)).padStart(10) + kB(sum(keys, raw)).padStart(11))
}
const threeInHome = [...home].filter((k) =>
  readFileSync(join(outDir, manifest[k].file), 'utf8').includes('WebGLRenderer'),
)
if (threeInHome.length > 0) {
  console.error(`The home page loads three.js (in ${threeInHome.join(', ')}).`)
  process.exit(1)
}
console.log('The home page loads no three.js.')

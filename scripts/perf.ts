/**
 * `npm run perf`: the product's performance figures in one run, printed, not
 * pass/fail (the budgets are shown beside them; README "Figures" keeps them):
 * 1. `npm run bench`: the engine (ns per step, median and p99; bytes per
 *    frame), the headset's whole frame, and the one-hour trace on the command
 *    line, with and without npm;
 * 2. the browser (scripts/perf/browser.ts): gzip bytes of what the home page,
 *    the preview and the headset load; navigation to the first headset frame;
 *    the session scene over 600 XR frames under IWER (draw calls, triangles,
 *    geometries, textures, programs, JavaScript per XR frame, frame rate) and the
 *    30 frames left out at its start (first, longest, how many outlast a 72 Hz
 *    frame); then the same window in a second session, traced, for how much of
 *    each callback the page's main thread ran (its thread time).
 * `--browser-only` skips part 1; `--dist=<dir>` measures a build already in <dir> (part 2).
 */
import { spawnSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import {
  measureInBrowser,
  type JsFigures,
  type PhaseFigures,
  type ViewBytes,
} from './perf/browser.ts'

const kB = (n: number): string => `${(n / 1000).toFixed(1)} kB`
const row = (label: string, value: string, budget = ''): string =>
  `${label.padEnd(58)}${value.padStart(22)}   ${budget}`

if (!process.argv.includes('--browser-only')) {
  console.log('=== engine, headset frame and command line (npm run bench) ===')
  const r = spawnSync('npm', ['run', '-s', 'bench'], { stdio: 'inherit' })
  if (r.status !== 0) console.log(`npm run bench exited ${r.status}`)
}

console.log('\n=== the app in Chromium (software WebGL), IWER Quest 3 ===')
const f = await measureInBrowser()

function listFiles(label: string, v: ViewBytes): void {
  console.log(
    `\n${label}: ${kB(v.codeAndFonts)} scripts, WebAssembly and fonts; ${kB(v.all)} in all (gzip)`,
  )
  for (const file of v.files) console.log(`  ${kB(file.gzip).padStart(9)}  ${file.path}`)
}
listFiles('home page', f.home)
listFiles('desktop preview (opened directly)', f.preview)
listFiles('home page to the first headset frame (emulator left out)', f.headset)
const later = f.headsetComplete.files.filter((x) => !f.headset.files.some((y) => y.path === x.path))
console.log('\nfetched after the first headset frame (the panel and what it needs):')
for (const file of later) console.log(`  ${kB(file.gzip).padStart(9)}  ${file.path}`)

const s = f.scene
console.log(`\nwhat the session scene draws (each once per eye): ${s.drawables.length} objects`)
for (const d of s.drawables) console.log(`  ${d}`)
console.log('')
console.log(row('figure', 'measured', 'budget'))
console.log(row('home page: scripts and fonts (gzip)', kB(f.home.codeAndFonts)))
console.log(row('preview: scripts and fonts (gzip)', kB(f.preview.codeAndFonts)))
console.log(
  row('home page → first headset frame: scripts and fonts', kB(f.headset.codeAndFonts), '≤ 550 kB'),
)
console.log(
  row(
    '… and once the panel is drawn: scripts, WebAssembly and fonts',
    kB(f.headsetComplete.codeAndFonts),
  ),
)
console.log(
  row('navigation → first headset frame', `${(f.navigationToFirstFrameMs / 1000).toFixed(2)} s`),
)
console.log(
  row(
    '"Save and start" → first headset frame',
    `${(f.startClickToFirstFrameMs / 1000).toFixed(2)} s`,
  ),
)
console.log(
  row(
    `session scene over ${s.frames} XR frames: draw calls (median, max)`,
    `${s.drawCalls.median}, ${s.drawCalls.max}`,
    '≤ 50',
  ),
)
console.log(
  row(
    'triangles per XR frame, both eyes (median, max)',
    `${s.triangles.median}, ${s.triangles.max}`,
    '≤ 100 k',
  ),
)
console.log(
  row('geometries, textures, shader programs', `${s.geometries}, ${s.textures}, ${s.programs}`),
)
console.log(
  row(
    'texture uploads per XR frame (size: count)',
    `${s.textureUploadsPerFrame.toFixed(2)} (${Object.entries(s.textureUploadSizes)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')})`,
  ),
)
/** One window's JavaScript per XR frame: median and p95, then p90/p99/max and each phase. */
function printJsRows(title: string, js: JsFigures, byPhase: PhaseFigures[], budget = ''): void {
  console.log(row(title, `${js.median.toFixed(2)}, ${js.p95.toFixed(2)} ms`, budget))
  console.log(
    row('  (p90, p99, max)', `${js.p90.toFixed(2)}, ${js.p99.toFixed(2)}, ${js.max.toFixed(2)} ms`),
  )
  for (const p of byPhase) {
    console.log(
      row(
        `  while ${p.phase} (${p.frames} frames: median, p95)`,
        `${p.median.toFixed(2)}, ${p.p95.toFixed(2)} ms`,
      ),
    )
  }
}
printJsRows(
  'JavaScript in the XR frame callback (median, p95)',
  s.jsMs,
  s.jsMsByPhase,
  'p95 ≤ 2 ms',
)
console.log(
  row('  XR frames per second over the window (software WebGL)', s.framesPerSecond.toFixed(1)),
)
if (s.secondStretch !== null) {
  const two = s.secondStretch
  printJsRows(
    `after Skip at frame ${two.skippedAt} (${two.frames} frames: median, p95)`,
    two.jsMs,
    two.jsMsByPhase,
  )
}
if (s.sessionStart !== null) {
  const st = s.sessionStart
  console.log(
    row(
      `session start (the ${st.frames} frames left out): first frame, longest`,
      `${st.firstMs.toFixed(1)}, ${st.longestMs.toFixed(1)} ms`,
    ),
  )
  console.log(
    row('  … frames whose JavaScript outlasts a 72 Hz frame', String(st.overHeadsetFrame)),
  )
}
const tt = f.threadTime
console.log(
  row(
    `second session, the same ${tt.frames} frames traced (median, p95)`,
    `${tt.wallMs.median.toFixed(2)}, ${tt.wallMs.p95.toFixed(2)} ms`,
  ),
)
printJsRows('  … of which the main thread ran: thread time (median, p95)', tt.threadMs, [])
console.log(
  `\nmachine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)

/**
 * The browser half of `npm run perf`: builds the app, serves it with `vite
 * preview`, and in Debian's Chromium (software WebGL) measures
 * - the gzip bytes of the scripts, WebAssembly and fonts the home page, the
 *   preview and the headset load (each in a fresh browser, service worker
 *   blocked, the IWER emulator left out of the headset's count);
 * - the time from navigation to the first headset frame (the launcher is filled
 *   in by the script as fast as it can), and from "Save and start" to it;
 * - over 600 XR frames of the emulated Quest 3 session: draw calls and
 *   triangles per frame (both eyes), geometries, textures and shader programs,
 *   the JavaScript time inside the XR frame callback (median and p95), and
 *   the frame rate; then, in a second session traced by Chromium, how much of
 *   that time the page's main thread ran (its thread time: frameThreadTime.ts).
 * Figures, not pass/fail; the budgets are printed beside them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from '@playwright/test'
import { buildApp, withServedApp } from '../builtApp.ts'
import { FRAME_EVENT, startFrameTrace } from './frameThreadTime.ts'

/**
 * Where the measured build is. `--dist=<dir>` measures a build already made
 * there with `OUT_DIR=<dir> npm run build` (another commit's, say, to compare
 * two builds turn about on a busy machine) instead of building into dist-perf.
 */
const GIVEN_DIST = process.argv.find((a) => a.startsWith('--dist='))?.slice('--dist='.length)
const OUT_DIR = GIVEN_DIST ?? 'dist-perf'
const PORT = 4390
const BASE = `http://localhost:${PORT}/`
/**
 * XR frames left out at the start (shader compilation, first uploads), and the
 * frames sampled after them. The published figures use 30 and 600;
 * PERF_WARM_UP=n and PERF_FRAMES=n move the window, to see a later part of the
 * session on its own.
 */
const WARM_UP_FRAMES = Number(process.env.PERF_WARM_UP ?? 30)
const SAMPLE_FRAMES = Number(process.env.PERF_FRAMES ?? 600)
/**
 * After the sampled frames the run presses the page's Skip and samples as many
 * frames again from there. With the published window the session is then waiting
 * for the user, so Skip moves it to the next stretch: the rest, its demonstration
 * and the wait, with the per-frame code already run for 600 frames (V8 optimises a
 * function only after many calls; the first stretch's frames pay for that). During
 * a demonstration Skip only ends the demonstration; the phases printed say which.
 * PERF_SECOND_STRETCH=0 leaves it out.
 */
const SECOND_STRETCH = process.env.PERF_SECOND_STRETCH !== '0'
/** Frames recorded beyond the two windows: reading the first window and pressing Skip take ~15. */
const SKIP_SLACK_FRAMES = 60
/** The first frame after the sampled window. */
const WINDOW_END = WARM_UP_FRAMES + SAMPLE_FRAMES
/** The frames the page records: the left-out start, the sampled frames, and the second window. */
const RECORDED_FRAMES = WINDOW_END + (SECOND_STRETCH ? SAMPLE_FRAMES + SKIP_SLACK_FRAMES : 0)

/** One loaded file: its path in the build and its gzip size. */
export interface LoadedFile {
  path: string
  gzip: number
}

/** What a view fetched. */
export interface ViewBytes {
  files: LoadedFile[]
  /** scripts, WebAssembly and fonts (the budgeted kinds), gzip bytes */
  codeAndFonts: number
  /** everything fetched, gzip bytes */
  all: number
}

/** JavaScript per XR frame over a window of frames (ms). */
export interface JsFigures {
  median: number
  p90: number
  p95: number
  p99: number
  max: number
}

/** The same for the frames of one session phase in the window. */
export interface PhaseFigures {
  phase: string
  frames: number
  median: number
  p95: number
}

/** The session scene's figures over the sampled frames. */
export interface SceneFigures {
  frames: number
  drawCalls: { median: number; max: number }
  triangles: { median: number; max: number }
  geometries: number
  textures: number
  programs: number
  /** XR frames per second over the sampled frames (software WebGL sets the pace here) */
  framesPerSecond: number
  jsMs: JsFigures
  /**
   * The frames left out at the start (WARM_UP_FRAMES): the first frame's JavaScript (ms), the
   * longest, and how many took longer than a headset frame at 72 Hz. A user sees these stalls;
   * they are kept apart because they are one-off costs (compiling, first uploads), not the
   * steady frame. Null when no frame was left out.
   */
  sessionStart: {
    frames: number
    firstMs: number
    longestMs: number
    overHeadsetFrame: number
  } | null
  /** the same time split by the session's phase in each sampled frame, in the order they came */
  jsMsByPhase: PhaseFigures[]
  /**
   * The same JavaScript time over SAMPLE_FRAMES frames from Skip on (pressed once the
   * first window was sampled, at frame `skippedAt`): the session's second stretch, or null
   * when PERF_SECOND_STRETCH=0.
   */
  secondStretch: {
    skippedAt: number
    frames: number
    jsMs: JsFigures
    jsMsByPhase: PhaseFigures[]
  } | null
  /** what the scene drew at the end (each visible mesh, line or points) */
  drawables: string[]
  /** texSubImage2D calls inside the frame callbacks, per frame, and how many of each size */
  textureUploadsPerFrame: number
  textureUploadSizes: Record<string, number>
}

/** Everything the browser half measures. */
export interface BrowserFigures {
  home: ViewBytes
  preview: ViewBytes
  headset: ViewBytes
  /** everything fetched by the end of the sampled frames (the panel, its WebAssembly and font too) */
  headsetComplete: ViewBytes
  navigationToFirstFrameMs: number
  startClickToFirstFrameMs: number
  scene: SceneFigures
  /**
   * The same window of frames in a second session, traced: each callback's wall-clock time
   * (the trace's, so with the trace's own cost) and its thread time, the part of it the page's
   * main thread ran on a core.
   */
  threadTime: { frames: number; wallMs: JsFigures; threadMs: JsFigures }
}

/** The build's file for a URL the page fetched, or null (data:, blob:, other origins). */
function distFile(url: string): string | null {
  if (!url.startsWith(BASE)) return null
  const path = decodeURIComponent(new URL(url).pathname).replace(/^\//, '') || 'index.html'
  return existsSync(join(OUT_DIR, path)) ? path : null
}

const gzipCache = new Map<string, number>()
function gzipSize(path: string): number {
  let n = gzipCache.get(path)
  if (n === undefined) {
    n = gzipSync(readFileSync(join(OUT_DIR, path)), { level: 9 }).length
    gzipCache.set(path, n)
  }
  return n
}

/** Scripts, WebAssembly and the panel font: what the byte budget counts. */
function isCodeOrFont(path: string): boolean {
  return /\.(m?js|wasm)$/.test(path) || path.startsWith('fonts/')
}

function emulatorChunks(): Set<string> {
  const manifest = JSON.parse(
    readFileSync(join(OUT_DIR, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, { file: string }>
  const out = new Set<string>()
  for (const [key, chunk] of Object.entries(manifest)) {
    if (/services\/xr\/emulation\.ts$/.test(key)) out.add(chunk.file)
  }
  return out
}

function bytesOf(urls: readonly string[], leaveOut: Set<string>): ViewBytes {
  const seen = new Set<string>()
  const files: LoadedFile[] = []
  for (const url of urls) {
    const path = distFile(url)
    if (!path || seen.has(path) || leaveOut.has(path)) continue
    seen.add(path)
    files.push({ path, gzip: gzipSize(path) })
  }
  files.sort((a, b) => b.gzip - a.gzip)
  return {
    files,
    codeAndFonts: files.filter((f) => isCodeOrFont(f.path)).reduce((s, f) => s + f.gzip, 0),
    all: files.reduce((s, f) => s + f.gzip, 0),
  }
}

/** Every URL the page has fetched, from its own resource timing (plus the document). */
function fetchedUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    location.href,
    ...performance.getEntriesByType('resource').map((e) => e.name),
  ])
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  })
  return context.newPage()
}

/**
 * Installed before the app's scripts: times every XR frame callback (the JS
 * inside it: R3F's loop, the live session, three's drawing of both eyes) and
 * samples the renderer counts the app publishes, into preallocated arrays.
 * Plain JavaScript in a string: tsx would add helpers the page does not have.
 */
const INSTRUMENT_XR_FRAMES = `(({ recorded: total, bracketFrom, bracketTo }) => {
  // frames recorded: the left-out start, the sampled frames and, after Skip, the second window
  const perf = {
    firstFrameAt: -1,
    count: 0,
    js: new Float64Array(total),
    // when each frame's callback began (performance.now(), ms)
    startedAt: new Float64Array(total),
    calls: new Float64Array(total),
    // the session's phase in each frame, as an index into phaseNames (a name is added once)
    phase: new Int16Array(total),
    phaseNames: [],
    triangles: new Float64Array(total),
    last: { geometries: 0, textures: 0, programs: 0 },
    resourcesAtFirstFrame: [],
  }
  window.__perf = perf
  // texture uploads inside the frame callbacks: how many, and of what size
  perf.uploads = 0
  perf.uploadSizes = {}
  let inFrame = false
  const texSub = WebGL2RenderingContext.prototype.texSubImage2D
  WebGL2RenderingContext.prototype.texSubImage2D = function (...args) {
    if (inFrame) {
      perf.uploads++
      const key = args.length >= 9 ? args[4] + 'x' + args[5] : 'image'
      perf.uploadSizes[key] = (perf.uploadSizes[key] || 0) + 1
    }
    return texSub.apply(this, args)
  }
  // Frames bracketFrom..bracketTo-1 run their callback inside a DOM event, which Chromium's
  // trace times with the thread's own clock too (frameThreadTime.ts); an error still
  // reaches the caller, as it would without the event.
  const bracket = { node: document.createElement('i'), event: new Event('${FRAME_EVENT}'),
    cb: null, t: 0, frame: null, threw: false, error: null }
  bracket.node.addEventListener('${FRAME_EVENT}', () => {
    try {
      bracket.cb(bracket.t, bracket.frame)
    } catch (e) {
      bracket.threw = true
      bracket.error = e
    }
  })
  function runBracketed(cb, t, frame) {
    bracket.cb = cb
    bracket.t = t
    bracket.frame = frame
    bracket.node.dispatchEvent(bracket.event)
    bracket.cb = null
    bracket.frame = null
    if (bracket.threw) {
      const e = bracket.error
      bracket.threw = false
      bracket.error = null
      throw e
    }
  }
  function patch(xr) {
    const request = xr.requestSession.bind(xr)
    xr.requestSession = async function (mode, init) {
      const session = await request(mode, init)
      const raf = session.requestAnimationFrame.bind(session)
      session.requestAnimationFrame = function (cb) {
        return raf(function __perfFrame(t, frame) {
          const a = performance.now()
          if (perf.firstFrameAt < 0) {
            perf.firstFrameAt = a
            perf.resourcesAtFirstFrame = [location.href].concat(
              performance.getEntriesByType('resource').map((e) => e.name),
            )
          }
          const i = perf.count
          inFrame = true
          if (i >= bracketFrom && i < bracketTo) runBracketed(cb, t, frame)
          else cb(t, frame)
          inFrame = false
          const ms = performance.now() - a
          if (i < total) {
            perf.startedAt[i] = a
            const xr = window.stretchcoachXR
            const hooks = xr && xr.render
            perf.js[i] = ms
            const name = (xr && xr.session.phase) || 'no phase yet'
            let k = perf.phaseNames.indexOf(name)
            if (k < 0) k = perf.phaseNames.push(name) - 1
            perf.phase[i] = k
            perf.calls[i] = hooks ? hooks.calls : NaN
            perf.triangles[i] = hooks ? hooks.triangles : NaN
            if (hooks) {
              perf.last.geometries = hooks.geometries
              perf.last.textures = hooks.textures
              perf.last.programs = hooks.programs
            }
            perf.count = i + 1
          }
        })
      }
      return session
    }
  }
  // IWER replaces navigator.xr when the app loads it: patch whichever object is there then.
  let current
  const timer = setInterval(() => {
    const xr = navigator.xr
    if (xr && xr !== current) {
      current = xr
      patch(xr)
    }
  }, 5)
  setTimeout(() => clearInterval(timer), 60000)
})`

/** Where a profiled function is (CDP's CallFrame, the fields used here). */
interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

/** A function as the profiles print it: name, file, line. */
function callFrameLabel(f: CallFrame): string {
  return `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\//, '')}:${f.lineNumber}`
}

interface CpuProfile {
  nodes: {
    id: number
    callFrame: CallFrame
    children?: number[]
  }[]
  samples?: number[]
  timeDeltas?: number[]
}

function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const label = (id: number): string => callFrameLabel(byId.get(id)!)
  // Only what runs inside the XR frame callback (under the wrapper __perfFrame).
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let total = 0
  for (let i = 0; i < samples.length; i++) {
    const chain: number[] = []
    let inside = false
    for (let id: number | undefined = samples[i]!; id !== undefined; id = parent.get(id)) {
      if (byId.get(id)!.functionName === '__perfFrame') {
        inside = true
        break
      }
      chain.push(id)
    }
    if (!inside) continue
    const us = deltas[i] ?? 0
    total += us
    self.set(label(samples[i]!), (self.get(label(samples[i]!)) ?? 0) + us)
    const seen = new Set<string>()
    for (const id of chain) {
      const k = label(id)
      if (seen.has(k)) continue
      seen.add(k)
      inclusive.set(k, (inclusive.get(k) ?? 0) + us)
    }
  }
  const show = (title: string, m: Map<string, number>): void => {
    console.log(`\n${title} (${(total / 1000).toFixed(0)} ms inside XR frame callbacks):`)
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
    }
  }
  show('CPU profile, self time', self)
  show('CPU profile, total time', inclusive)
}

interface HeapNode {
  callFrame: CallFrame
  selfSize: number
  children: HeapNode[]
}

/** Bytes allocated per frame, inside the XR frame callbacks and outside them, by function. */
function printAllocations(head: HeapNode, frames: number): void {
  const inside = new Map<string, number>()
  const outside = new Map<string, number>()
  const totals = { inside: 0, outside: 0 }
  const walk = (n: HeapNode, within: boolean): void => {
    const f = n.callFrame
    const here = within || f.functionName === '__perfFrame'
    if (n.selfSize > 0) {
      const k = callFrameLabel(f)
      const m = here ? inside : outside
      m.set(k, (m.get(k) ?? 0) + n.selfSize)
      totals[here ? 'inside' : 'outside'] += n.selfSize
    }
    for (const c of n.children) walk(c, here)
  }
  walk(head, false)
  for (const [title, m, t] of [
    ['inside the XR frame callbacks', inside, totals.inside],
    ['outside them', outside, totals.outside],
  ] as const) {
    console.log(`\nallocated ${title}: ${(t / frames / 1024).toFixed(1)} kB per frame`)
    for (const [k, b] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 20))
      console.log(`  ${(b / frames).toFixed(0).padStart(7)} B  ${k}`)
  }
}

/** The frame times of each phase apart (median, p95), phases in the order they first came. */
function byPhase(js: number[], phase: number[], names: string[]): PhaseFigures[] {
  const order = [...new Set(phase)]
  return order.map((k) => {
    const times = js.filter((_, i) => phase[i] === k)
    return {
      phase: names[k] ?? '?',
      frames: times.length,
      median: quantile(times, 0.5),
      p95: quantile(times, 0.95),
    }
  })
}

/** How many XR frames the page has recorded so far. */
function framesRecorded(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __perf: { count: number } }).__perf.count)
}

/** Waits until the page has recorded `n` XR frames (checking every `pollMs`). */
async function untilFrame(page: Page, n: number, pollMs: number): Promise<void> {
  await page.waitForFunction(
    (k) => (window as unknown as { __perf: { count: number } }).__perf.count >= k,
    n,
    { timeout: 300_000, polling: pollMs },
  )
}

function jsFigures(js: number[]): JsFigures {
  return {
    median: quantile(js, 0.5),
    p90: quantile(js, 0.9),
    p95: quantile(js, 0.95),
    p99: quantile(js, 0.99),
    max: quantile(js, 1),
  }
}

/**
 * Presses the page's Skip (the session moves on to its next stretch) and samples
 * SAMPLE_FRAMES frames from the first one after it.
 */
async function sampleSecondStretch(page: Page): Promise<SceneFigures['secondStretch']> {
  await page.getByRole('button', { name: 'Skip' }).click()
  const skippedAt = await framesRecorded(page)
  if (skippedAt + SAMPLE_FRAMES > RECORDED_FRAMES) {
    throw new Error(
      `Skip landed at frame ${skippedAt}: the page records ${RECORDED_FRAMES} frames, ` +
        `too few for ${SAMPLE_FRAMES} more (raise SKIP_SLACK_FRAMES)`,
    )
  }
  await untilFrame(page, skippedAt + SAMPLE_FRAMES, 500)
  const raw = await page.evaluate(
    ([from, to]) => {
      const p = (
        window as unknown as {
          __perf: { js: Float64Array; phase: Int16Array; phaseNames: string[] }
        }
      ).__perf
      return {
        js: Array.from(p.js.subarray(from, to)),
        phase: Array.from(p.phase.subarray(from, to)),
        phaseNames: p.phaseNames,
      }
    },
    [skippedAt, skippedAt + SAMPLE_FRAMES],
  )
  return {
    skippedAt,
    frames: raw.js.length,
    jsMs: jsFigures(raw.js),
    jsMsByPhase: byPhase(raw.js, raw.phase, raw.phaseNames),
  }
}

/** A headset frame at 72 Hz (ms): a frame whose JavaScript alone takes longer is a visible stall. */
const HEADSET_FRAME_MS = 1000 / 72

function sessionStart(js: number[]): SceneFigures['sessionStart'] {
  if (js.length === 0) return null
  return {
    frames: js.length,
    firstMs: js[0]!,
    longestMs: Math.max(...js),
    overHeadsetFrame: js.filter((ms) => ms > HEADSET_FRAME_MS).length,
  }
}

function quantile(values: Float64Array | number[], q: number): number {
  const a = Array.from(values)
    .filter((v) => Number.isFinite(v))
    .sort((x, y) => x - y)
  if (a.length === 0) return NaN
  return a[Math.min(a.length - 1, Math.floor(q * (a.length - 1) + 0.5))]!
}

async function measureHome(browser: Browser): Promise<ViewBytes> {
  const page = await newPage(browser)
  await page.goto(BASE)
  await page.locator('main.home[data-ready="true"]').waitFor()
  await page.waitForLoadState('networkidle')
  const bytes = bytesOf(await fetchedUrls(page), new Set())
  await page.context().close()
  return bytes
}

async function measurePreview(browser: Browser): Promise<ViewBytes> {
  const page = await newPage(browser)
  await page.goto(`${BASE}#/preview`)
  await page.waitForFunction(() => (window.stretchcoachPreview?.framesRendered ?? 0) > 2, null, {
    timeout: 60_000,
  })
  await page.waitForLoadState('networkidle')
  const bytes = bytesOf(await fetchedUrls(page), new Set())
  await page.context().close()
  return bytes
}

/** What the page's frame recorder is told: frames to record, frames to bracket for the trace. */
interface RecorderOptions {
  recorded: number
  bracketFrom: number
  bracketTo: number
}

/**
 * Opens the home page with the recorder installed and starts a headset session
 * as a user would (the launcher filled in as fast as the script can); returns
 * when the first XR frame has run, with when "Save and start" was pressed, when
 * the first frame came and what had been fetched by then.
 */
async function openHeadsetSession(
  page: Page,
  recorder: RecorderOptions,
): Promise<{ clickAt: number; first: { at: number; urls: string[] } }> {
  await page.addInitScript({
    content: `${INSTRUMENT_XR_FRAMES}(${JSON.stringify(recorder)})`,
  })
  await page.goto(`${BASE}?emulate=quest3&mode=vr`)
  await page.locator('main.home[data-ready="true"]').waitFor()
  await page.getByRole('button', { name: 'Start routine in headset' }).click()
  const dialog = page.getByRole('dialog')
  const flags = dialog.getByRole('heading', { name: 'Before your first session' })
  await dialog.getByRole('heading').first().waitFor()
  if (await flags.isVisible()) {
    await dialog.getByRole('checkbox').check()
    await dialog.getByRole('button', { name: 'Continue' }).click()
  }
  await dialog.getByRole('radio', { name: '2', exact: true }).check()
  // as the browser tests do: software WebGL draws a small page faster
  await page.setViewportSize({ width: 640, height: 400 })
  const clickAt = await page.evaluate(() => performance.now())
  await dialog.getByRole('button', { name: 'Save and start' }).click()
  await page.waitForFunction(
    () =>
      ((window as unknown as { __perf: { firstFrameAt: number } }).__perf.firstFrameAt ?? -1) > 0,
    null,
    {
      timeout: 60_000,
    },
  )
  const first = await page.evaluate(() => {
    const p = (
      window as unknown as { __perf: { firstFrameAt: number; resourcesAtFirstFrame: string[] } }
    ).__perf
    return { at: p.firstFrameAt, urls: p.resourcesAtFirstFrame }
  })
  return { clickAt, first }
}

async function measureHeadset(
  browser: Browser,
): Promise<
  Pick<
    BrowserFigures,
    | 'headset'
    | 'headsetComplete'
    | 'navigationToFirstFrameMs'
    | 'startClickToFirstFrameMs'
    | 'scene'
  >
> {
  const page = await newPage(browser)
  const { clickAt, first } = await openHeadsetSession(page, {
    recorded: RECORDED_FRAMES,
    bracketFrom: 0,
    bracketTo: 0,
  })
  // PERF_PROFILE=1: a CPU profile over the sampled frames, summed by function (self time);
  // PERF_PROFILE=<file>.cpuprofile also writes it there (DevTools opens it).
  const cdp = process.env.PERF_PROFILE ? await page.context().newCDPSession(page) : null
  // PERF_ALLOC=1: V8's sampling heap profile over the same frames, bytes allocated per frame.
  const heap = process.env.PERF_ALLOC ? await page.context().newCDPSession(page) : null
  if (cdp || heap) {
    // the profiles cover the sampled frames, not the session's start (its programs' links)
    await untilFrame(page, WARM_UP_FRAMES, 20)
  }
  if (heap) {
    await heap.send('HeapProfiler.enable')
    await heap.send('HeapProfiler.startSampling', {
      samplingInterval: 512,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    })
  }
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    await cdp.send('Profiler.start')
  }
  const profiledFrom = await framesRecorded(page)
  await untilFrame(page, WINDOW_END, 500)
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop')
    printProfile(profile)
    const file = process.env.PERF_PROFILE!
    if (file.endsWith('.cpuprofile')) writeFileSync(file, JSON.stringify(profile))
  }
  if (heap) {
    const { profile } = await heap.send('HeapProfiler.stopSampling')
    const frames = Math.max(1, (await framesRecorded(page)) - profiledFrom)
    printAllocations(profile.head as unknown as HeapNode, frames)
  }
  const raw = await page.evaluate(
    ([warm, end]) => {
      const p = (
        window as unknown as {
          __perf: {
            js: Float64Array
            startedAt: Float64Array
            calls: Float64Array
            triangles: Float64Array
            last: { geometries: number; textures: number; programs: number }
            count: number
            uploads: number
            uploadSizes: Record<string, number>
            phase: Int16Array
            phaseNames: string[]
          }
        }
      ).__perf
      return {
        phase: Array.from(p.phase.subarray(warm, end)),
        phaseNames: p.phaseNames,
        uploadsPerFrame: p.uploads / Math.max(1, p.count),
        uploadSizes: p.uploadSizes,
        js: Array.from(p.js.subarray(warm, end)),
        windowMs: p.startedAt[end - 1]! - p.startedAt[warm]!,
        warmUpJs: Array.from(p.js.subarray(0, warm)),
        calls: Array.from(p.calls.subarray(warm, end)),
        triangles: Array.from(p.triangles.subarray(warm, end)),
        last: p.last,
        drawables: window.stretchcoachXR?.describeScene?.() ?? [],
      }
    },
    [WARM_UP_FRAMES, WINDOW_END] as const,
  )
  // what the first stretch fetched, the panel included (before Skip moves the session on)
  const afterFrames = bytesOf(await fetchedUrls(page), emulatorChunks())
  const secondStretch = SECOND_STRETCH ? await sampleSecondStretch(page) : null
  await page.context().close()
  return {
    headset: bytesOf(first.urls, emulatorChunks()),
    headsetComplete: afterFrames,
    navigationToFirstFrameMs: first.at,
    startClickToFirstFrameMs: first.at - clickAt,
    scene: {
      frames: raw.js.length,
      drawCalls: { median: quantile(raw.calls, 0.5), max: quantile(raw.calls, 1) },
      triangles: { median: quantile(raw.triangles, 0.5), max: quantile(raw.triangles, 1) },
      geometries: raw.last.geometries,
      textures: raw.last.textures,
      programs: raw.last.programs,
      framesPerSecond: ((raw.js.length - 1) / raw.windowMs) * 1000,
      jsMs: jsFigures(raw.js),
      sessionStart: sessionStart(raw.warmUpJs),
      jsMsByPhase: byPhase(raw.js, raw.phase, raw.phaseNames),
      secondStretch,
      drawables: raw.drawables,
      textureUploadsPerFrame: raw.uploadsPerFrame,
      textureUploadSizes: raw.uploadSizes,
    },
  }
}

/**
 * The sampled window again in a fresh session, its callbacks bracketed and
 * traced: the wall-clock and thread time of each (frameThreadTime.ts). A second
 * session so that the trace's own cost stays out of the first one's figures.
 */
async function measureThreadTime(browser: Browser): Promise<BrowserFigures['threadTime']> {
  const page = await newPage(browser)
  await openHeadsetSession(page, {
    recorded: WINDOW_END,
    bracketFrom: WARM_UP_FRAMES,
    bracketTo: WINDOW_END,
  })
  const trace = await startFrameTrace(page)
  const startedAt = await framesRecorded(page)
  if (startedAt > WARM_UP_FRAMES) {
    await trace.stop()
    throw new Error(
      `the trace started at frame ${startedAt}, after the window's first frame (${WARM_UP_FRAMES}): ` +
        'raise PERF_WARM_UP',
    )
  }
  await untilFrame(page, WINDOW_END, 500)
  const frames = await trace.stop()
  await page.context().close()
  if (frames.length !== SAMPLE_FRAMES) {
    throw new Error(`the trace holds ${frames.length} of the ${SAMPLE_FRAMES} bracketed frames`)
  }
  return {
    frames: frames.length,
    wallMs: jsFigures(frames.map((f) => f.wallMs)),
    threadMs: jsFigures(frames.map((f) => f.threadMs)),
  }
}

/** Builds, serves and measures; the server and browser are always stopped. */
export async function measureInBrowser(): Promise<BrowserFigures> {
  if (GIVEN_DIST === undefined) await buildApp(OUT_DIR)
  // without them the controllers are not drawn, and every figure of the headset's frame is too low
  if (!existsSync(join(OUT_DIR, 'xr-profiles'))) {
    throw new Error(
      `${OUT_DIR} has no xr-profiles/: build it with npm run build (its prebuild copies the ` +
        "controllers' models; a plain vite build leaves them out)",
    )
  }
  return withServedApp(OUT_DIR, PORT, async (browser) => {
    const home = await measureHome(browser)
    const preview = await measurePreview(browser)
    const headset = await measureHeadset(browser)
    const threadTime = await measureThreadTime(browser)
    return { home, preview, ...headset, threadTime }
  })
}

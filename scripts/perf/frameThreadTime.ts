/**
 * How much of an XR frame callback's time its thread actually ran, from a
 * Chrome trace. The wall-clock time inside the callback (performance.now()
 * around it) also counts the time the page's main thread waited for a core:
 * on this machine's two cores the software rasterizer (the GPU process's
 * SwiftShader threads) keeps both busy while a session runs. The trace's
 * thread time (CPU time of the thread, from its own clock) leaves that out.
 *
 * The page's frame recorder (scripts/perf/browser.ts) runs the callbacks it is
 * asked to bracket inside a DOM event named FRAME_EVENT; Chromium traces every
 * DOM event dispatch ("EventDispatch", category devtools.timeline) with its
 * wall duration (`dur`) and its thread duration (`tdur`), in microseconds.
 */
import type { CDPSession, Page } from '@playwright/test'

/** The DOM event inside which the page runs a bracketed XR frame callback. */
export const FRAME_EVENT = 'perfxrframe'

/** One traced callback: wall-clock and thread (CPU) time, ms. */
export interface TracedFrame {
  wallMs: number
  threadMs: number
}

/** The fields of a trace event read here. */
interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tdur?: number
  args?: { data?: { type?: string } }
}

/** The bracketed callbacks among a trace's events, in the order they ran. */
export function tracedFrames(events: readonly TraceEvent[]): TracedFrame[] {
  return events
    .filter(
      (e) =>
        e.name === 'EventDispatch' &&
        e.ph === 'X' &&
        e.args?.data?.type === FRAME_EVENT &&
        e.dur !== undefined &&
        e.tdur !== undefined,
    )
    .sort((a, b) => a.ts - b.ts)
    .map((e) => ({ wallMs: e.dur! / 1000, threadMs: e.tdur! / 1000 }))
}

/** A page's trace being recorded; `stop` ends it and returns the bracketed callbacks. */
export interface FrameTrace {
  stop(): Promise<TracedFrame[]>
}

/**
 * Starts tracing `page`'s browser with the one category the frames need (a
 * lighter trace disturbs the frames less). Only the devtools.timeline events
 * are kept: ~10 per frame.
 */
export async function startFrameTrace(page: Page): Promise<FrameTrace> {
  const cdp: CDPSession = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value as unknown as TraceEvent[]) events.push(ev)
  })
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  )
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline'] },
  })
  return {
    async stop() {
      await cdp.send('Tracing.end')
      await complete
      await cdp.detach()
      return tracedFrames(events)
    },
  }
}

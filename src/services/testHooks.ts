/**
 * What the app last read and did in the headset, for browser tests and for
 * people debugging on a headset: `window.stretchcoachXR`. One plain object,
 * created once; the live session copies values into it after every frame
 * (it carries nothing the app reads back), and a timer mirrors a summary to
 * the DOM at most 10 times a second.
 */
import type { Phase } from '../core/phase.ts'
import type { CueKind } from '../core/session/cues.ts'
import {
  POSE_HEAD,
  POSE_LEFT,
  POSE_RIGHT,
  POSE_STRIDE,
  createPoseFrame,
  type PoseFrame,
} from '../core/poseFrame.ts'
import type { StretchId } from '../core/stretches.ts'

/** A stretch, side and phase as the runner says them (or as the coach shows them). */
export interface StepHook {
  stretch: StretchId | null
  side: 'left' | 'right' | 'both' | null
  /** one of docs/product.md's phases; null before the routine starts (while the user is measured) */
  phase: Phase | null
}

/** One cue played: the session time (s) and its kind. */
export interface CueHook {
  t: number
  kind: CueKind
}

/** The contract between the app and its browser tests (updated in place). */
export interface XRTestHooks {
  /** XR frames read since the page loaded (keeps counting across sessions) */
  frameCount: number
  /** the running session's mode, null when no session runs */
  sessionMode: XRSessionMode | null
  /** whether the virtual room is shown (false in passthrough, where the real room is seen) */
  roomVisible: boolean
  /** sessions that started / ended since the page loaded */
  sessionsStarted: number
  sessionsEnded: number
  /**
   * A copy of the last frame read: head (viewer), left and right (grip or
   * wrist), in the local-floor space, metres and unit quaternions;
   * tracked/emulated/input flags.
   */
  pose: PoseFrame
  /** what the runner says now, in every phase */
  session: StepHook
  /** what the coach shows now (always the same values as `session`) */
  coach: StepHook
  /** world boxes (local-floor m) [minX, minY, minZ, maxX, maxY, maxZ] of the coach and the panel, null when not shown */
  bounds: { coach: number[] | null; panel: number[] | null }
  /** every cue played since the page loaded, in order */
  cues: CueHook[]
  /** the eye height (m) the session is scored with and where it came from; calibrating while measuring */
  calibration: { eyeHeightM: number | null; source: string | null; calibrating: boolean }
  /** the user paused the routine */
  paused: boolean
  /** the posture class the headset view is laid out for */
  posture: string | null
  /**
   * Where the headset panel's Stop: pain button and the end screen's pain
   * ratings 0–10 are (world m; ratings x, y, z each), and the panel's
   * rotation (its +Z toward the user): tests point a controller at them.
   */
  controls: { stopPain: number[]; painRatings: number[]; panelQuaternion: number[] }
  /**
   * three's counts for the last XR frame drawn (both eyes together), for
   * `npm run perf`: draw calls, triangles, and the geometries, textures and
   * shader programs alive on the GPU.
   */
  render: RenderStats
  /**
   * Lists what the session scene would draw now (visible meshes, lines,
   * points, with their path of names); set while a session scene is mounted,
   * for `npm run perf` to say where draw calls go. Allocates: never per frame.
   */
  describeScene: (() => string[]) | null
}

/** three's renderer counts of one frame (see XRTestHooks.render). */
export interface RenderStats {
  calls: number
  triangles: number
  geometries: number
  textures: number
  programs: number
}

/** The single hooks object: the live session writes it, tests and the DOM mirror read it. */
export const xrHooks: XRTestHooks = {
  frameCount: 0,
  sessionMode: null,
  roomVisible: true,
  sessionsStarted: 0,
  sessionsEnded: 0,
  pose: createPoseFrame(),
  session: { stretch: null, side: null, phase: null },
  coach: { stretch: null, side: null, phase: null },
  bounds: { coach: null, panel: null },
  cues: [],
  calibration: { eyeHeightM: null, source: null, calibrating: false },
  paused: false,
  posture: null,
  controls: {
    stopPain: [0, 0, 0],
    painRatings: new Array<number>(33).fill(0),
    panelQuaternion: [0, 0, 0, 1],
  },
  render: { calls: 0, triangles: 0, geometries: 0, textures: 0, programs: 0 },
  describeScene: null,
}

/** What tests read of the desktop preview: it renders on demand, so frames only count when something changed. */
export interface PreviewTestHooks {
  /** frames the preview's canvas has rendered since the page loaded */
  framesRendered: number
}

/** The single preview hooks object, updated in place by the preview's frame loop. */
export const previewHooks: PreviewTestHooks = { framesRendered: 0 }

declare global {
  interface Window {
    /** See XRTestHooks. */
    stretchcoachXR?: XRTestHooks
    /** See PreviewTestHooks. */
    stretchcoachPreview?: PreviewTestHooks
  }
}

/** Puts the hooks objects on window (once, before React mounts). */
export function installTestHooks(): void {
  window.stretchcoachXR = xrHooks
  window.stretchcoachPreview = previewHooks
}

const NAMES = ['Head', 'Left', 'Right'] as const

function describePose(frame: PoseFrame, i: number): string {
  if (frame.tracked[i] !== 1) return `${NAMES[i]}: not tracked`
  const o = i * POSE_STRIDE
  const p = frame.poses
  return `${NAMES[i]}: ${p[o]!.toFixed(2)}, ${p[o + 1]!.toFixed(2)}, ${p[o + 2]!.toFixed(2)} m`
}

/** A one-line text of what the app tracks (for the DOM mirror). */
export function describeTracking(h: XRTestHooks): string {
  if (!h.sessionMode) return 'No headset session.'
  return [
    describePose(h.pose, POSE_HEAD),
    describePose(h.pose, POSE_LEFT),
    describePose(h.pose, POSE_RIGHT),
    `${h.frameCount} frames`,
  ].join(' · ')
}

/** Mirrors the hooks to `el` (text and data-* attributes) every 100 ms; returns the stop function. */
export function startHooksMirror(el: HTMLElement): () => void {
  let lastFrame = -1
  let lastMode: XRSessionMode | null | undefined
  const tick = () => {
    if (xrHooks.frameCount === lastFrame && xrHooks.sessionMode === lastMode) return
    lastFrame = xrHooks.frameCount
    lastMode = xrHooks.sessionMode
    el.textContent = describeTracking(xrHooks)
    el.dataset.frames = String(xrHooks.frameCount)
    el.dataset.mode = xrHooks.sessionMode ?? 'none'
  }
  tick()
  const id = window.setInterval(tick, 100)
  return () => window.clearInterval(id)
}

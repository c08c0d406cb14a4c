/**
 * What the desktop preview shows, for browser tests and for people checking
 * its camera: `window.stretchcoachPreviewView`. One plain object created
 * once, written in place (the frame loop writes numbers into preallocated
 * arrays); the app never reads it back.
 */

/** The contract between the preview and its browser tests. */
export interface PreviewViewHooks {
  /** the camera view last applied ('front', 'side', 'above') and how many times one was applied */
  view: string
  viewsApplied: number
  /** the stretch the coach shows and where it stands: floor position (m) and yaw (rad; facing = (sin yaw, cos yaw) in x, z) */
  coach: { stretch: string; x: number; z: number; yaw: number }
  /** where the coach's body goes over its whole demonstration: body-surface spheres (x, y, z, radius; world m) */
  coachSpheres: Float64Array
  /** after the last frame drawn: the camera's eye and the point it turns about (world m) */
  camera: { position: Float64Array; target: Float64Array }
  /**
   * After the last frame drawn: the box around coachSpheres projected onto
   * the page, [left, top, right, bottom] in CSS pixels of the viewport (the
   * canvas's position included): where the coach can be at any moment.
   */
  coachScreenBox: Float64Array
}

/** The single hooks object, written by the preview page and its scene. */
export const previewViewHooks: PreviewViewHooks = {
  view: 'front',
  viewsApplied: 0,
  coach: { stretch: '', x: 0, z: 0, yaw: 0 },
  coachSpheres: new Float64Array(0),
  camera: { position: new Float64Array(3), target: new Float64Array(3) },
  coachScreenBox: new Float64Array(4),
}

declare global {
  interface Window {
    /** See PreviewViewHooks. */
    stretchcoachPreviewView?: PreviewViewHooks
  }
}

/** Puts the hooks object on window (the preview's chunk does it when it loads). */
export function installPreviewViewHooks(): void {
  if (typeof window !== 'undefined') window.stretchcoachPreviewView = previewViewHooks
}

import { Mannequin } from './Mannequin.tsx'

/**
 * The coach in the desktop preview: what stands on the mat, and its DOM
 * controls. The coach issue replaces the mannequin with the rigged coach.
 */
export function PreviewCoach() {
  return <Mannequin />
}

/** DOM controls for the coach (stretch picker, captions, timeline), outside the canvas. */
export function PreviewCoachControls() {
  return null
}

/** The coach inside an immersive session, placed relative to the user's head. */
export function XRCoach() {
  return null
}

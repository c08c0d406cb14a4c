/**
 * Cues that need no looking (PRODUCT.md, The session): short synthesized
 * sounds (Web Audio, no audio files), a vibration pulse on the controllers
 * where the device has one, spoken step prompts (speechSynthesis) and the
 * breathing pacer's soft sound. Volume, mute and each kind of cue follow the
 * user's settings.
 *
 * CONTRACT (implementation in progress): the signatures below are final.
 */

/** The cues of a session (the test hooks log these kinds). */
export type CueKind =
  | 'inPosition'
  | 'holdPaused'
  | 'lastFive'
  | 'holdComplete'
  | 'switchSide'
  | 'repCounted'
  | 'stretchDone'

/** Plays cues. One per page (getCuePlayer). */
export interface CuePlayer {
  /** the sound and the vibration pulse of a cue */
  cue(kind: CueKind): void
  /** a soft countdown tick (each of the last seconds of a hold) */
  tick(): void
  /** the breathing pacer: called when breathing in starts (true) and breathing out starts (false) */
  breath(inhale: boolean): void
  /** speaks a short prompt, cancelling the one before; nothing where speech is missing or off */
  say(text: string): void
  /** the XR session whose controllers vibrate, or null when none runs */
  setXRSession(session: XRSession | null): void
  /** stops any speech and sound under way */
  silence(): void
}

/** The page's cue player (created on first use). */
export function getCuePlayer(): CuePlayer {
  throw new Error('cue player: not implemented yet')
}

/** Call from a click handler (a user gesture): lets the browser start audio for the session's cues. */
export function unlockCueAudio(): void {}

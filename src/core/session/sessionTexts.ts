/**
 * What the session says, in one place: the panel's lines, the coach's
 * caption and the spoken prompts are built from the same stretch, side and
 * step, so they can never name different things. Our own words throughout.
 * Only ASCII: the headset's bundled font has no typographic punctuation.
 */
import { CAPTIONS } from '../coach/timeline.ts'
import type { Phase } from '../phase.ts'
import { STRETCHES, type StretchId } from '../stretches.ts'
import type { CueKind } from './cues.ts'
import { PAUSE_TRACKING_LOST } from './cues.ts'

/** How a side is named on the panel and aloud. */
export function sideText(side: 'left' | 'right' | 'both' | null): string {
  return side === 'left' ? 'Left side' : side === 'right' ? 'Right side' : ''
}

/** The short name of a phase, as the panel's heading shows it. */
export const PHASE_TITLE: { readonly [P in Phase]: string } = {
  demonstrate: 'Watch the coach',
  getIntoPosition: 'Get into position',
  hold: 'Hold',
  reps: 'Repetitions',
  switchSide: 'Switch sides',
  rest: 'Rest',
  done: 'Finished',
}

/** The coach's caption: the step the coach shows now (from the stretch's own steps). */
export function stepText(stretch: StretchId | null, step: number): string {
  if (stretch === null) return ''
  const steps = STRETCHES[stretch].steps
  if (step < 0) return ''
  return steps[Math.min(step, steps.length - 1)] ?? ''
}

/** The panel's instruction for the phase (what the user should do now). */
export function instructionText(
  phase: Phase | null,
  stretch: StretchId | null,
  side: 'left' | 'right' | 'both' | null,
  next: StretchId | null,
): string {
  if (phase === null) return 'Stand tall and look straight ahead for a moment: measuring you.'
  if (stretch === null) return 'Routine finished. Well done.'
  const s = STRETCHES[stretch]
  switch (phase) {
    case 'demonstrate':
      return 'Watch the coach first' + (side === 'left' ? ', left side first.' : '.')
    case 'getIntoPosition':
      return stretch === 'cat-cow'
        ? 'Stand at your counter with both hands resting on it, then follow the coach.'
        : 'Now you: follow the coach into the stretch.'
    case 'hold':
      return 'Hold it there and breathe slowly. A gentle pull is right; sharp pain means stop.'
    case 'reps':
      return 'Move slowly with the coach, one repetition per breath or two.'
    case 'switchSide':
      return 'Now the ' + (side === 'right' ? 'right' : 'other') + ' side: follow the coach.'
    case 'rest':
      return 'Rest and breathe. Next: ' + STRETCHES[next ?? stretch].name + '.'
    case 'done':
      return s.name + ' done.'
  }
}

/** The spoken prompt when the session enters a phase, or '' for none. */
export function phasePrompt(
  phase: Phase | null,
  stretch: StretchId | null,
  side: 'left' | 'right' | 'both' | null,
  stoppedForPain: boolean,
): string {
  if (phase === null) return 'Stand tall and look straight ahead for a moment.'
  if (phase === 'done' || stretch === null)
    return stoppedForPain
      ? 'Stopped. Rest now, and be kind to your back.'
      : 'Well done. That is the whole routine.'
  const s = STRETCHES[stretch]
  switch (phase) {
    case 'demonstrate':
      return s.name + '. Watch the coach' + (side === 'left' ? ', left side first.' : '.')
    case 'getIntoPosition':
      return stretch === 'cat-cow'
        ? 'Now you. Hands on your counter.'
        : 'Now you. ' + (s.steps[CAPTIONS[stretch].target] ?? '')
    case 'hold':
      return 'Hold, and breathe slowly.'
    case 'reps':
      return 'Now move with the coach, slowly.'
    case 'switchSide':
      return 'Switch to the ' + (side === 'right' ? 'right' : 'other') + ' side.'
    case 'rest':
      return 'Rest.'
  }
}

/** Said when a stretch followed on the desktop is over and waits for the user's word. */
export function confirmPrompt(stretch: StretchId | null): string {
  return stretch === null
    ? ''
    : 'That was the ' + STRETCHES[stretch].name + '. Mark it as done, or as skipped.'
}

/** The spoken words that go with a cue, or '' when its sound says enough. */
export function cuePrompt(kind: CueKind, reason: number): string {
  if (kind === 'holdPaused')
    return reason === PAUSE_TRACKING_LOST
      ? 'Paused: tracking lost. Keep your hands where the headset can see them.'
      : 'Paused: ease back into the pose.'
  return ''
}

/**
 * The one event vocabulary of a session: what the live runner emits, the
 * recorder writes as trace event lines, the trace reader reads back and the
 * engine applies. Keeping a single type means a live session and a replay of
 * its trace see the very same events at the very same `t` (pose-trace spec,
 * "Event lines"). Events are edges, never per-frame: building one may allocate.
 */
import type { StretchId } from '../stretches.ts'

/** The visibility states of an XR session (anything but `visible` pauses the hold). */
export type VisibilityState = 'visible' | 'visible-blurred' | 'hidden'

/** A session event at `t` seconds (the same clock as the frames' `t`). */
export type SessionEvent =
  | {
      kind: 'stretch'
      t: number
      stretch: StretchId
      /** the side of a one-sided stretch, null for a two-sided one */
      side: 'left' | 'right' | null
      /** the user's hold target (s), null for docs/product.md's default */
      holdSeconds: number | null
      /** the user's repetition target, null for the default */
      reps: number | null
    }
  | { kind: 'visibility'; t: number; state: VisibilityState }
  /** the XR reference space was reset: poses jump, the baseline is re-taken */
  | { kind: 'reset'; t: number }
  | { kind: 'pause'; t: number }
  | { kind: 'resume'; t: number }
  /** stop for pain: the current stretch ends */
  | { kind: 'pain'; t: number }

/** A session event's kind. */
export type SessionEventKind = SessionEvent['kind']

/** A stretch event (targets null unless the user chose others than the defaults). */
export function stretchEvent(
  t: number,
  stretch: StretchId,
  side: 'left' | 'right' | null,
  holdSeconds: number | null = null,
  reps: number | null = null,
): SessionEvent {
  return { kind: 'stretch', t, stretch, side, holdSeconds, reps }
}

/**
 * The recipes of the session's cues: synthesized notes (no audio files), the
 * controller vibration patterns and the breathing swell. Each cue has its own
 * shape (rising, falling, double, chime, two-tone, blip, arpeggio) so it can
 * be told apart without looking; all are short and soft.
 */
import type { CueKind } from './cuePlayer.ts'

/** One oscillator note: times in seconds from the cue's start, gain at volume 1. */
export interface ToneNote {
  readonly atS: number
  readonly durS: number
  readonly freqHz: number
  /** the frequency glided to by the end of the note; absent: a steady pitch */
  readonly toHz?: number
  /** peak gain at volume 1 (the envelope rises to it, then decays to silence) */
  readonly peak: number
  readonly wave: 'sine' | 'triangle'
  /** rise time; short enough to sound like a note, long enough never to click */
  readonly attackS?: number
}

/** One vibration pulse: when (ms after the cue), how strong (0–1), how long (ms). */
export interface HapticPulse {
  readonly atMs: number
  readonly intensity: number
  readonly durationMs: number
}

// Equal-tempered pitches (Hz).
const C5 = 523.25
const E5 = 659.25
const G5 = 783.99
const A5 = 880
const C6 = 1046.5
const E6 = 1318.51
const B6 = 1975.53

/** The sound of each cue; every one ends within 0.6 s. */
export const CUE_SOUNDS: Readonly<Record<CueKind, readonly ToneNote[]>> = {
  // "go": two soft notes rising a fifth
  inPosition: [
    { atS: 0, durS: 0.2, freqHz: C5, peak: 0.2, wave: 'triangle' },
    { atS: 0.13, durS: 0.32, freqHz: G5, peak: 0.2, wave: 'triangle' },
  ],
  // "paused": one low tone sliding down
  holdPaused: [{ atS: 0, durS: 0.45, freqHz: 349.23, toHz: 233.08, peak: 0.24, wave: 'sine' }],
  // the last five seconds: a soft double tick
  lastFive: [
    { atS: 0, durS: 0.07, freqHz: C6, peak: 0.12, wave: 'sine', attackS: 0.004 },
    { atS: 0.16, durS: 0.07, freqHz: C6, peak: 0.12, wave: 'sine', attackS: 0.004 },
  ],
  // the hold complete: a bright chime (a fundamental and two softer partials)
  holdComplete: [
    { atS: 0, durS: 0.58, freqHz: E6, peak: 0.14, wave: 'sine', attackS: 0.005 },
    { atS: 0, durS: 0.4, freqHz: B6, peak: 0.05, wave: 'sine', attackS: 0.005 },
    { atS: 0, durS: 0.58, freqHz: E5, peak: 0.09, wave: 'sine', attackS: 0.005 },
  ],
  // switch side: "ding-dong", a major third down
  switchSide: [
    { atS: 0, durS: 0.28, freqHz: E5, peak: 0.2, wave: 'sine', attackS: 0.006 },
    { atS: 0.22, durS: 0.36, freqHz: C5, peak: 0.2, wave: 'sine', attackS: 0.006 },
  ],
  // a repetition counted: one short blip, slightly rising
  repCounted: [
    { atS: 0, durS: 0.09, freqHz: A5, toHz: 987.77, peak: 0.15, wave: 'sine', attackS: 0.006 },
  ],
  // the stretch done: a warm major arpeggio
  stretchDone: [
    { atS: 0, durS: 0.26, freqHz: C5, peak: 0.14, wave: 'triangle' },
    { atS: 0.11, durS: 0.26, freqHz: E5, peak: 0.14, wave: 'triangle' },
    { atS: 0.22, durS: 0.36, freqHz: G5, peak: 0.16, wave: 'triangle' },
  ],
}

/** The countdown tick: a very short, quiet click. */
export const TICK_SOUND: readonly ToneNote[] = [
  { atS: 0, durS: 0.03, freqHz: 1600, peak: 0.06, wave: 'sine', attackS: 0.002 },
]

/** The vibration of each cue, played on every controller. */
export const CUE_PULSES: Readonly<Record<CueKind, readonly HapticPulse[]>> = {
  inPosition: [{ atMs: 0, intensity: 0.5, durationMs: 60 }],
  holdPaused: [
    { atMs: 0, intensity: 0.4, durationMs: 80 },
    { atMs: 180, intensity: 0.4, durationMs: 80 },
  ],
  lastFive: [{ atMs: 0, intensity: 0.3, durationMs: 50 }],
  holdComplete: [{ atMs: 0, intensity: 0.7, durationMs: 150 }],
  switchSide: [
    { atMs: 0, intensity: 0.5, durationMs: 70 },
    { atMs: 220, intensity: 0.5, durationMs: 70 },
  ],
  repCounted: [{ atMs: 0, intensity: 0.3, durationMs: 40 }],
  stretchDone: [{ atMs: 0, intensity: 0.8, durationMs: 250 }],
}

/**
 * The breathing swell: soft low-passed noise, like air. Breathing in it grows
 * louder and brighter over inhaleS; breathing out it starts where the inhale
 * ended and fades over exhaleS (about 6 breaths a minute).
 */
export const BREATH_SOUND = {
  /** peak gain at volume 1: far below the cues (at most 0.05) */
  peak: 0.045,
  inhaleS: 4,
  exhaleS: 6,
  /** the crossfade from one swell to the next, and an inhale's tail when no exhale follows */
  fadeS: 0.3,
  /** low-pass cutoff: at rest, and at the top of the breath */
  lowHz: 280,
  highHz: 900,
  /** length of the looped noise buffer */
  noiseS: 2,
} as const

/**
 * Fills `out` with brown noise within ±1 that loops without a step (its end
 * meets its start), from a source of uniform numbers in [0, 1).
 */
export function fillBreathNoise(out: Float32Array, random: () => number = Math.random): void {
  const n = out.length
  if (n === 0) return
  let last = 0
  for (let i = 0; i < n; i++) {
    // Leaky integration of white noise: most energy low, nothing harsh.
    last = (last + 0.02 * (random() * 2 - 1)) / 1.02
    out[i] = last
  }
  // Remove the drift from first to last sample so the loop joins smoothly.
  const step = n > 1 ? (out[n - 1]! - out[0]!) / (n - 1) : 0
  let peak = 0
  for (let i = 0; i < n; i++) {
    const v = out[i]! - step * i
    out[i] = v
    peak = Math.max(peak, Math.abs(v))
  }
  if (peak > 0) for (let i = 0; i < n; i++) out[i] = out[i]! / peak
}

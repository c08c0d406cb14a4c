/**
 * The celebration of an unlock as plain data, so the home page now and the
 * headset later render the same thing: badge, confetti, a short tune
 * synthesised from tones (no audio file), and the words.
 */
import type { Achievement, AchievementCategory } from './achievements.ts'

/** One synthesised tone of the celebration tune. */
export interface Tone {
  /** pitch, Hz */
  frequencyHz: number
  /** start after the celebration begins, seconds */
  startS: number
  /** length, seconds */
  durationS: number
  /** peak gain 0–1 (kept low: a chime, not an alarm) */
  gain: number
}

/** Everything a renderer needs to celebrate one unlock. */
export interface Celebration {
  achievementId: string
  title: string
  message: string
  glyph: string
  /** badge colour, CSS hex, dark enough for white text (≥ 4.5:1); the page and the headset tint the badge with it */
  colour: string
  /** confetti particles; renderers skip confetti under reduced motion */
  confettiParticles: number
  tune: readonly Tone[]
  /** how long the celebration stays up before it may fade, seconds */
  durationS: number
}

const COLOURS: Record<AchievementCategory, string> = {
  'first-steps': '#2f7d4f',
  consistency: '#a84a16',
  mastery: '#4d3a9e',
  habits: '#1f5f7a',
}

// A major arpeggio per category, rising: C5 E5 G5 C6 and relatives.
const TUNES: Record<AchievementCategory, readonly number[]> = {
  'first-steps': [523.25, 659.25, 783.99],
  consistency: [523.25, 659.25, 783.99, 1046.5],
  mastery: [587.33, 739.99, 880, 1174.66],
  habits: [440, 554.37, 659.25],
}

const PRAISE: Record<AchievementCategory, string> = {
  'first-steps': 'A good start: tomorrow counts too.',
  consistency: 'Steady practice is what eases a back.',
  mastery: 'Calm, controlled and complete.',
  habits: 'A habit that looks after your back.',
}

/** The celebration for an achievement. */
export function celebrationFor(a: Achievement): Celebration {
  const notes = TUNES[a.category]
  const tune: Tone[] = notes.map((frequencyHz, i) => ({
    frequencyHz,
    startS: i * 0.12,
    durationS: i === notes.length - 1 ? 0.45 : 0.14,
    gain: 0.12,
  }))
  return {
    achievementId: a.id,
    title: a.title,
    message: `Unlocked: ${a.title}. ${PRAISE[a.category]}`,
    glyph: a.glyph,
    colour: COLOURS[a.category],
    confettiParticles: a.category === 'consistency' ? 160 : 90,
    tune,
    durationS: 6,
  }
}

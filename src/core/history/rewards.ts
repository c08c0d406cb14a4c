/**
 * Streak rewards: coach environments and coach colours unlocked by the best
 * streak reached. Data only; the 3D scenes read `id`s, the gallery shows names.
 */

/** One reward. */
export interface StreakReward {
  readonly id: string
  readonly kind: 'environment' | 'coach-colour'
  readonly name: string
  /** best streak (counted days) that unlocks it; 0 = from the start */
  readonly streakDays: number
  /** a colour that stands for it (coach colour itself, or the environment's mood), CSS hex */
  readonly swatch: string
}

/** All rewards, by milestone. */
export const STREAK_REWARDS: readonly StreakReward[] = [
  { id: 'studio', kind: 'environment', name: 'Quiet studio', streakDays: 0, swatch: '#d9d4c7' },
  { id: 'garden', kind: 'environment', name: 'Morning garden', streakDays: 3, swatch: '#7fae6a' },
  { id: 'beach', kind: 'environment', name: 'Beach at dusk', streakDays: 7, swatch: '#e59a63' },
  { id: 'mountain', kind: 'environment', name: 'Mountain hut', streakDays: 14, swatch: '#7b8fa6' },
  { id: 'aurora', kind: 'environment', name: 'Northern lights', streakDays: 30, swatch: '#3fb8a0' },
  { id: 'teal', kind: 'coach-colour', name: 'Teal coach', streakDays: 0, swatch: '#1f8a8a' },
  { id: 'coral', kind: 'coach-colour', name: 'Coral coach', streakDays: 3, swatch: '#e0664f' },
  { id: 'violet', kind: 'coach-colour', name: 'Violet coach', streakDays: 7, swatch: '#7657c9' },
  { id: 'gold', kind: 'coach-colour', name: 'Gold coach', streakDays: 30, swatch: '#c99a1e' },
  {
    id: 'midnight',
    kind: 'coach-colour',
    name: 'Midnight coach',
    streakDays: 100,
    swatch: '#27348b',
  },
]

/** Whether a reward is unlocked by a best streak of `bestStreak` counted days. */
export function isRewardUnlocked(reward: StreakReward, bestStreak: number): boolean {
  return bestStreak >= reward.streakDays
}

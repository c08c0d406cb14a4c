/**
 * The streak rewards as the choices the progress view offers: per kind, each
 * reward with whether the best streak unlocks it and whether it is the one in
 * use (the stored choice when it is still unlocked, else the default).
 */
import { isRewardUnlocked, STREAK_REWARDS, type StreakReward } from '../../core/history/rewards.ts'
import { chosenReward } from '../../services/settings.ts'

/** One reward as a choice. */
export interface RewardChoice {
  reward: StreakReward
  unlocked: boolean
  chosen: boolean
  /** what the choice says beside its name */
  state: string
}

/** The rewards of `kind`, in milestone order, for a best streak and the stored choice. */
export function rewardChoices(
  kind: StreakReward['kind'],
  bestStreak: number,
  storedId: string,
): RewardChoice[] {
  const inUse = chosenReward(kind, storedId, bestStreak).id
  return STREAK_REWARDS.filter((r) => r.kind === kind).map((reward) => {
    const unlocked = isRewardUnlocked(reward, bestStreak)
    const chosen = reward.id === inUse
    const state = unlocked
      ? chosen
        ? 'unlocked, in use'
        : 'unlocked'
      : `locked: reach a ${reward.streakDays}-day streak to earn it`
    return { reward, unlocked, chosen, state }
  })
}

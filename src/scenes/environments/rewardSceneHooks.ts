/**
 * What the scenes made of the streak rewards, for browser tests and for
 * people checking a headset: `window.stretchcoachRewards`. One plain object,
 * written when a room or a coach colour is applied (never per frame); the app
 * never reads it back.
 */

/** The contract between the scenes and their browser tests. */
export interface RewardSceneHooks {
  /** the environment the virtual room last built ('' before any) */
  environment: string
  /** how many times a room was built */
  roomsBuilt: number
  /**
   * the coach's clothing colour as set on its material, sRGB hex read back
   * from the material ('' before any; null: the model has no clothing material)
   */
  coachClothing: string | null
}

/** The single hooks object. */
export const rewardSceneHooks: RewardSceneHooks = {
  environment: '',
  roomsBuilt: 0,
  coachClothing: '',
}

declare global {
  interface Window {
    /** See RewardSceneHooks. */
    stretchcoachRewards?: RewardSceneHooks
  }
}

if (typeof window !== 'undefined') window.stretchcoachRewards = rewardSceneHooks

import { useEffect } from 'react'
import { ACHIEVEMENTS } from '../../core/history/achievements.ts'
import type { StreakReward } from '../../core/history/rewards.ts'
import type { UnlockRecord } from '../../core/history/records.ts'
import { useSettings } from '../../services/settings.ts'
import { useProgressStore } from '../../services/storage/progressStore.ts'
import { longDate } from './format.ts'
import { rewardChoices } from './rewardChoices.ts'
import './rewards.css'

const REWARD_GROUPS: readonly { kind: StreakReward['kind']; legend: string }[] = [
  { kind: 'environment', legend: 'Room' },
  { kind: 'coach-colour', legend: 'Coach colour' },
]

/**
 * The streak rewards as two radio groups, "Room" and "Coach colour": an
 * unlocked reward can be chosen (it shows in the 3D views), a locked one is
 * disabled and says how to earn it.
 */
export function StreakRewards({ bestStreak }: { bestStreak: number }) {
  const room = useSettings((s) => s.roomEnvironment)
  const colour = useSettings((s) => s.coachColour)
  const chooseReward = useSettings((s) => s.chooseReward)
  const settleRewards = useSettings((s) => s.settleRewards)
  const loaded = useProgressStore((s) => s.status === 'ready')
  // Once the history is read, a choice it no longer unlocks (data deleted) goes back to the default;
  // while it loads the best streak reads 0 and says nothing.
  useEffect(() => {
    if (loaded) settleRewards(bestStreak)
  }, [loaded, bestStreak, settleRewards])
  return (
    <RewardGroups bestStreak={bestStreak} room={room} colour={colour} onChoose={chooseReward} />
  )
}

/** The two radio groups for a best streak and the stored choices; `onChoose` gets a picked id. */
export function RewardGroups({
  bestStreak,
  room,
  colour,
  onChoose,
}: {
  bestStreak: number
  room: string
  colour: string
  onChoose: (id: string, bestStreak: number) => void
}) {
  return (
    <div className="reward-groups" data-testid="rewards">
      {REWARD_GROUPS.map(({ kind, legend }) => (
        <fieldset key={kind} className="reward-group" data-kind={kind}>
          <legend>{legend}</legend>
          <ul className="rewards">
            {rewardChoices(kind, bestStreak, kind === 'environment' ? room : colour).map(
              ({ reward: r, unlocked, chosen, state }) => (
                <li
                  key={r.id}
                  className={unlocked ? 'reward reward-open' : 'reward reward-locked'}
                  data-reward={r.id}
                  data-chosen={chosen ? 'true' : 'false'}
                >
                  <input
                    type="radio"
                    id={`reward-${r.id}`}
                    name={`reward-${kind}`}
                    value={r.id}
                    checked={chosen}
                    disabled={!unlocked}
                    aria-describedby={`reward-${r.id}-state`}
                    onChange={() => onChoose(r.id, bestStreak)}
                  />
                  <label htmlFor={`reward-${r.id}`}>
                    <span
                      className="reward-swatch"
                      style={{ background: r.swatch }}
                      aria-hidden="true"
                    />
                    <strong>{r.name}</strong>
                  </label>
                  <span id={`reward-${r.id}-state`} className="reward-state">
                    {state}
                  </span>
                </li>
              ),
            )}
          </ul>
        </fieldset>
      ))}
    </div>
  )
}

/** The achievements (locked ones say how to earn them) and the streak rewards. */
export function AchievementGallery({
  earned,
  unlocks,
  bestStreak,
}: {
  earned: ReadonlySet<string>
  unlocks: UnlockRecord[]
  bestStreak: number
}) {
  const unlockedOn = new Map(unlocks.map((u) => [u.id, u.at.localDate]))
  return (
    <>
      <p className="gallery-count">
        {earned.size} of {ACHIEVEMENTS.length} achievements earned.
      </p>
      <ul className="gallery" data-testid="achievements">
        {ACHIEVEMENTS.map((a) => {
          const has = earned.has(a.id)
          const on = unlockedOn.get(a.id)
          return (
            <li
              key={a.id}
              className={`badge badge-${a.category} ${has ? 'badge-earned' : 'badge-locked'}`}
              data-achievement={a.id}
              data-earned={has ? 'true' : 'false'}
            >
              <span className="badge-glyph" aria-hidden="true">
                {a.glyph}
              </span>
              <span className="badge-text">
                <strong>{a.title}</strong>
                <span className="badge-state">
                  {has ? (on ? `Earned ${longDate(on)}` : 'Earned') : 'Locked'}
                </span>
                {!has && <span className="badge-how">How to earn: {a.howToEarn}</span>}
              </span>
            </li>
          )
        })}
      </ul>
      <h3 id="rewards-title">Streak rewards</h3>
      <StreakRewards bestStreak={bestStreak} />
    </>
  )
}

import { ACHIEVEMENTS } from '../../core/history/achievements.ts'
import { isRewardUnlocked, STREAK_REWARDS } from '../../core/history/rewards.ts'
import type { UnlockRecord } from '../../core/history/records.ts'
import { longDate } from './format.ts'

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
      <ul className="rewards" aria-labelledby="rewards-title" data-testid="rewards">
        {STREAK_REWARDS.map((r) => {
          const open = isRewardUnlocked(r, bestStreak)
          return (
            <li
              key={r.id}
              className={open ? 'reward reward-open' : 'reward reward-locked'}
              data-reward={r.id}
            >
              <span className="reward-swatch" style={{ background: r.swatch }} aria-hidden="true" />
              <span>
                <strong>{r.name}</strong> (
                {r.kind === 'environment' ? 'coach environment' : 'coach colour'}):{' '}
                {open ? 'unlocked' : `unlocks at a ${r.streakDays}-day streak`}
              </span>
            </li>
          )
        })}
      </ul>
    </>
  )
}

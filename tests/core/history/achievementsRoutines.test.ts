// Which sessions count as a whole routine for the routine achievements.
import { describe, expect, it } from 'vitest'
import { ACHIEVEMENTS, buildAchievementContext } from '../../../src/core/history/achievements.ts'
import { computeStreaks } from '../../../src/core/history/streak.ts'
import type { History } from '../../../src/core/history/records.ts'
import { routineById } from '../../../src/core/stretches.ts'
import { hist, rec } from './historyFixtures.ts'

function earned(h: History): Set<string> {
  const ctx = buildAchievementContext(
    h,
    computeStreaks(h, Date.parse('2027-06-30T12:00:00Z'), 'UTC'),
  )
  return new Set(ACHIEVEMENTS.filter((a) => a.earned(ctx)).map((a) => a.id))
}

describe('routine achievements', () => {
  it('a built-in routine done whole earns the first full routine', () => {
    const ids = routineById('evening-activation')!.stretches
    const h = hist(
      ids.map((s, i) =>
        rec(s, `2027-06-01T18:0${i}:00Z`, 'UTC', {}, 'ses-e', 'evening-activation'),
      ),
    )
    expect(earned(h).has('first-routine')).toBe(true)
  })

  it('one stretch sent as a link is not a routine: no routine achievement', () => {
    const h = hist([
      rec('childs-pose', '2027-06-01T08:00:00Z', 'UTC', {}, 'ses-1', 'stretch:childs-pose', {
        score: 99,
      }),
    ])
    const got = earned(h)
    expect(got.has('first-stretch')).toBe(true)
    expect(got.has('first-routine')).toBe(false)
    expect(got.has('flawless-routine')).toBe(false)
  })
})

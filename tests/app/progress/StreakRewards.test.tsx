// The streak rewards as choices (server-rendered: the unit tests run without a DOM;
// tests/e2e/rewards.spec.ts picks them in a browser).
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { RewardGroups, StreakRewards } from '../../../src/app/progress/AchievementGallery.tsx'
import { rewardChoices } from '../../../src/app/progress/rewardChoices.ts'

function radios(html: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    const id = /\sid="reward-([^"]+)"/.exec(tag)![1]!
    out.set(id, tag)
  }
  return out
}

describe('rewardChoices', () => {
  it('unlocks by the best streak: at 13 days the garden and beach, coral and violet, beyond the defaults', () => {
    const rooms = rewardChoices('environment', 13, 'studio')
    expect(rooms.map((c) => [c.reward.id, c.unlocked])).toEqual([
      ['studio', true],
      ['garden', true],
      ['beach', true],
      ['mountain', false],
      ['aurora', false],
    ])
    const colours = rewardChoices('coach-colour', 13, 'teal')
    expect(colours.filter((c) => c.unlocked).map((c) => c.reward.id)).toEqual([
      'teal',
      'coral',
      'violet',
    ])
    expect(colours.find((c) => c.reward.id === 'gold')!.state).toBe(
      'locked: reach a 30-day streak to earn it',
    )
  })

  it('shows the stored choice in use while unlocked, else the default', () => {
    const inUse = (best: number, id: string) =>
      rewardChoices('environment', best, id)
        .filter((c) => c.chosen)
        .map((c) => c.reward.id)
    expect(inUse(13, 'beach')).toEqual(['beach'])
    expect(inUse(6, 'beach')).toEqual(['studio'])
    expect(inUse(100, 'lava')).toEqual(['studio'])
    expect(rewardChoices('environment', 13, 'beach')[2]!.state).toBe('unlocked, in use')
  })
})

describe('StreakRewards', () => {
  it('is two radio groups, Room and Coach colour, each radio labelled by its reward name; the defaults checked', () => {
    const html = renderToStaticMarkup(<StreakRewards bestStreak={7} />)
    expect(html.match(/<fieldset\b/g)).toHaveLength(2)
    expect(html).toContain('<legend>Room</legend>')
    expect(html).toContain('<legend>Coach colour</legend>')
    const r = radios(html)
    expect([...r.keys()]).toEqual([
      'studio',
      'garden',
      'beach',
      'mountain',
      'aurora',
      'teal',
      'coral',
      'violet',
      'gold',
      'midnight',
    ])
    for (const id of ['studio', 'beach', 'aurora'])
      expect(r.get(id)).toContain('name="reward-environment"')
    expect(r.get('violet')).toContain('name="reward-coach-colour"')
    expect(r.get('studio')).toContain('checked')
    expect(r.get('teal')).toContain('checked')
    expect([...r.values()].filter((t) => t.includes('checked'))).toHaveLength(2)
    // the label holds the swatch (hidden from assistive technology) and the name only
    expect(html).toMatch(
      /<label for="reward-beach"><span class="reward-swatch"[^>]*aria-hidden="true"[^>]*><\/span><strong>Beach at dusk<\/strong><\/label>/,
    )
  })

  it('disables the locked ones, which say how to earn them, and checks the one in use', () => {
    const html = renderToStaticMarkup(
      <RewardGroups bestStreak={7} room="beach" colour="violet" onChoose={() => {}} />,
    )
    const r = radios(html)
    for (const id of ['mountain', 'aurora', 'gold', 'midnight'])
      expect(r.get(id)).toContain('disabled')
    for (const id of ['studio', 'garden', 'beach', 'teal', 'coral', 'violet'])
      expect(r.get(id)).not.toContain('disabled')
    expect(r.get('beach')).toContain('checked')
    expect(r.get('violet')).toContain('checked')
    expect(r.get('studio')).not.toContain('checked')
    expect(html).toContain(
      '<span id="reward-mountain-state" class="reward-state">locked: reach a 14-day streak to earn it</span>',
    )
    expect(r.get('mountain')).toContain('aria-describedby="reward-mountain-state"')
  })

  it('after the history that unlocked a choice is gone, shows the default checked', () => {
    const r = radios(
      renderToStaticMarkup(
        <RewardGroups bestStreak={2} room="beach" colour="violet" onChoose={() => {}} />,
      ),
    )
    expect(r.get('studio')).toContain('checked')
    expect(r.get('teal')).toContain('checked')
    expect(r.get('beach')).toContain('disabled')
    expect(r.get('beach')).not.toContain('checked')
  })
})

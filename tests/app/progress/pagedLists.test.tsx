// The session list and the trend table are paged: however long the history,
// the page renders a bounded number of rows (static markup).
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { SessionList } from '../../../src/app/progress/SessionList.tsx'
import { TrendWeeks } from '../../../src/app/progress/TrendWeeks.tsx'
import { addCivilDays } from '../../../src/core/history/civilDate.ts'
import { checkIn, hist, rec, session } from '../../core/history/historyFixtures.ts'

const count = (html: string, needle: string) => html.split(needle).length - 1

describe('paged lists', () => {
  it('shows eight sessions a page, and at most twelve stretches of a session at first', () => {
    const sessions = Array.from({ length: 30 }, (_, i) =>
      session(`s${i}`, 'morning-mobility', `${addCivilDays('2026-01-01', i)}T07:00:00Z`, 3, 2),
    )
    const results = sessions.map((s) => rec('bridge', s.start.utc, 'UTC', {}, s.id))
    // One session holding a hundred stretches (a damaged or crafted history).
    for (let i = 0; i < 100; i++)
      results.push(
        rec('cat-cow', `2026-02-15T08:${String(i % 60).padStart(2, '0')}:00Z`, 'UTC', {}, 's-big'),
      )
    const html = renderToStaticMarkup(<SessionList history={hist(results, [], sessions)} />)
    expect(count(html, 'data-session=')).toBe(8)
    expect(html).toContain('Sessions 1–8 of 31')
    expect(html).toContain('Older sessions')
    expect(count(html, 'data-result=')).toBe(12 + 7)
    expect(html).toContain('Show 12 more stretches of this session (88 not shown)')
  })

  it('tabulates at most 26 weeks of a history that spans 2020 to now, with a way back', () => {
    const h = hist(
      [rec('bridge', '2020-01-01T10:00:00Z')],
      Array.from({ length: 320 }, (_, i) =>
        checkIn(i % 11, `${addCivilDays('2020-01-01', i * 7)}T10:00:00Z`),
      ),
    )
    const html = renderToStaticMarkup(<TrendWeeks history={h} />)
    expect(count(html, '<tr>')).toBe(1 + 26)
    expect(html).toContain('Older weeks')
    expect(html).toContain('Weeks of Mon 18 Aug 2025 to Mon 9 Feb 2026')
  })
})

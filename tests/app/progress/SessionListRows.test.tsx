// What a row of the session list says: a measured stretch its score and
// sides, one followed on the desktop how it went and no score; every row its
// target, or "target not recorded" for a stretch saved before targets were kept.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { SessionList } from '../../../src/app/progress/SessionList.tsx'
import { readRecord } from '../../../src/core/history/records.ts'
import { asV1, desktopRec, hist, rec, session } from '../../core/history/historyFixtures.ts'

/** The text of each stretch row, tags stripped. */
function rows(html: string): string[] {
  return [...html.matchAll(/<li class="result"[^>]*>(.*?)<button/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

describe('session list rows', () => {
  it('a followed stretch reads "— followed on desktop" with its status and target, and no score', () => {
    const h = hist(
      [
        desktopRec('knee-to-chest', '2026-03-02T08:01:00Z', 'completed', 'UTC', 'd', 'all-ten', {
          left: { seconds: 30, reps: null },
          right: { seconds: 29.6, reps: null },
        }),
        desktopRec(
          'bridge',
          '2026-03-02T08:05:00Z',
          'skipped',
          'UTC',
          'd',
          'all-ten',
          { both: { seconds: 0, reps: 3 } },
          { holdSeconds: null, reps: 8 },
        ),
        desktopRec('cat-cow', '2026-03-02T08:09:00Z', 'stopped-for-pain', 'UTC', 'd', 'all-ten'),
      ],
      [],
      [session('d', 'all-ten', '2026-03-02T08:00:00Z', 3, 2, 'UTC', 'desktop')],
    )
    const html = renderToStaticMarkup(<SessionList history={h} />)
    expect(rows(html)).toEqual([
      'Knee-to-chest stretch — followed on desktop done left: 30 s followed; right: 30 s followed; target 30 s; not measured, so no score',
      'Bridge — followed on desktop skipped 3 reps with the coach; target 8 reps; not measured, so no score',
      'Supported cat-cow — followed on desktop stopped for pain (not counted against you) 4 s followed; target 30 s; not measured, so no score',
    ])
    expect(html).not.toContain('score ')
    expect(html.match(/data-source="desktop"/g)).toHaveLength(3)
  })

  it('a measured stretch shows its score and target; one saved before targets reads "target not recorded"', () => {
    const measured = rec('hip-flexor', '2026-03-02T08:01:00Z', 'UTC', {}, 'h', 'all-ten')
    const old = readRecord(
      'results',
      asV1(rec('bridge', '2026-03-02T08:05:00Z', 'UTC', {}, 'h')),
      'UTC',
    )
    expect(old.ok).toBe(true)
    if (!old.ok) return
    const html = renderToStaticMarkup(<SessionList history={hist([measured, old.record])} />)
    expect(rows(html)).toEqual([
      'Kneeling hip flexor stretch score 80 30 s held, range 90 %, steadiness 80 %; target 30 s',
      'Bridge score 80 30 s held, range 90 %, steadiness 80 %; target not recorded',
    ])
  })
})

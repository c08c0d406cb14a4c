// The downloaded report: one self-contained file (no script, nothing fetched
// from elsewhere) that says what the page says, side by side.
import { describe, expect, it } from 'vitest'
import { stampAt } from '../../../src/core/history/civilDate.ts'
import type { History } from '../../../src/core/history/records.ts'
import { buildReport } from '../../../src/core/history/report.ts'
import { reportFileName, reportHtml } from '../../../src/app/report/reportHtml.ts'
import { desktopRec, headsetRecord, session } from '../../core/history/historyFixtures.ts'

function history(): History {
  const side = (holdSeconds: number, range: number, stability: number) => ({
    holdSeconds,
    reps: null,
    range,
    stability,
    score: 60,
  })
  return {
    results: [
      headsetRecord({
        id: 'a',
        sessionId: 's1',
        routineId: 'morning-mobility',
        at: stampAt(Date.parse('2026-11-10T07:10:00Z'), 'Europe/Berlin'),
        result: {
          stretch: 'knee-to-chest',
          engineVersion: 't',
          completed: false,
          sides: { left: side(30, 0.81, 0.89), right: side(12, 0.55, 0.99) },
          score: 60,
          trackedFraction: 1,
          skippedFrames: 0,
          pain: false,
        },
      }),
      desktopRec('bridge', '2026-11-11T18:00:00Z', 'stopped-for-pain', 'Europe/Berlin'),
    ],
    sessions: [session('s1', 'morning-mobility', '2026-11-10T07:00:00Z', 5, 3, 'Europe/Berlin')],
    checkIns: [],
  }
}

describe('reportHtml', () => {
  const report = buildReport(
    history(),
    '2026-11-09',
    '2026-11-22',
    'Europe/Berlin',
    Date.parse('2026-11-23T12:00:00Z'),
  )
  const html = reportHtml(report)

  it('is one file: inline style and SVG, no script, no outside reference', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    // (the stylesheet's text is empty under Vitest, which leaves CSS out; the browser test reads it)
    expect(html).toMatch(/<style>[\s\S]*<\/style>/)
    expect(html).toContain('<svg')
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/https?:/i)
    expect(html).not.toMatch(/\b(src|href)=/i)
    expect(html).not.toMatch(/url\(|@import/i)
  })

  it('carries the summary and each side apart', () => {
    expect(html).toContain(report.summary.replace(/'/g, '&#x27;'))
    expect(html).toMatch(/data-side="left"[^>]*>[\s\S]*?81 %[\s\S]*?89 %/)
    expect(html).toMatch(/data-side="right"[^>]*>[\s\S]*?55 %[\s\S]*?99 %/)
    expect(html).toMatch(/data-side="left"><th scope="row">Left<\/th><td data-field="target">30 s</)
    expect(report.summary).toContain('one stretch was stopped for pain (bridge, 11 Nov)')
    expect(reportFileName(report)).toBe('stretchcoach-report-2026-11-09-to-2026-11-22.html')
  })
})

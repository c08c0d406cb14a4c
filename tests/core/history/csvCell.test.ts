import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, historyToCsv } from '../../../src/core/history/csv.ts'
import { sessionsToCsv } from '../../../src/core/history/sessionsCsv.ts'
import { checkIn, hist, rec, session } from './historyFixtures.ts'

// What a spreadsheet sees of one cell: quotes removed as RFC 4180 says. A cell
// without quotes must hold nothing that would split it or need them.
function unquote(cell: string): string {
  if (cell.startsWith('"')) {
    expect(cell.endsWith('"') && cell.length >= 2).toBe(true)
    const inner = cell.slice(1, -1)
    expect(inner.replace(/""/g, '')).not.toContain('"')
    return inner.replace(/""/g, '"')
  }
  expect(cell).not.toMatch(/[",;\t\r\n]/)
  return cell
}

const SIGNS = new Set(['=', '+', '-', '@'])

// Every part a spreadsheet could take as a cell of its own (split on any
// separator, leading whitespace trimmed) must not start a formula.
function runnableParts(text: string): string[] {
  const risky = text
    .split(/[,;\t\r\n]/)
    .filter((p) => SIGNS.has(p.replace(/^\s+/, '').charAt(0).normalize('NFKC')))
  if (/^[\t\r]/.test(text)) risky.push(text)
  return risky
}

describe('CSV cells cannot run as formulas', () => {
  it('neutralises formulas after a separator, after leading whitespace, and in full-width form', () => {
    expect(csvCell('x;=1+1;y')).toBe(`"x;'=1+1;y"`)
    expect(csvCell(' =1+1')).toBe(`"' =1+1"`)
    expect(csvCell('＝1+1')).toBe("'＝1+1")
    expect(csvCell('＋1')).toBe("'＋1")
    expect(csvCell('－1')).toBe("'－1")
    expect(csvCell('＠SUM(A1)')).toBe("'＠SUM(A1)")
    expect(csvCell('﹦1')).toBe("'﹦1") // small form, also = after NFKC
    expect(csvCell('a,=1')).toBe(`"a,'=1"`)
    expect(csvCell('a\t@x')).toBe(`"a\t'@x"`)
    expect(csvCell('a\n+1')).toBe(`"a\n'+1"`)
    expect(csvCell('a\r\n-1')).toBe(`"a\r\n'-1"`)
    expect(csvCell('a; \u3000=1')).toBe(`"a;' \u3000=1"`)
    expect(csvCell('\t1')).toBe(`"'\t1"`)
    expect(csvCell('\r1')).toBe(`"'\r1"`)
  })

  it('leaves harmless text as it was and quotes only what needs it', () => {
    expect(csvCell('Cat-cow')).toBe('Cat-cow')
    expect(csvCell('2026-01-01')).toBe('2026-01-01')
    expect(csvCell("it's")).toBe("it's")
    expect(csvCell('a;b')).toBe('"a;b"')
    expect(csvCell(' padded ')).toBe('" padded "')
    expect(csvCell(80)).toBe('80')
    expect(csvCell('')).toBe('')
  })

  it('any text: one cell in every locale, same text apart from apostrophes, nothing runnable', () => {
    const unit = fc.constantFrom(
      ...['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', ',', ';', '\t', '\r', '\n'],
      ...[' ', '\u3000', '\u00a0', '"', "'", 'a', '1', 'é'],
    )
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 14 }), (s) => {
        const seen = unquote(csvCell(s))
        expect(seen.replace(/'/g, '')).toBe(s.replace(/'/g, ''))
        expect(runnableParts(seen)).toEqual([])
      }),
      { numRuns: 3000 },
    )
  })

  it('both reports escape the user-influenced columns', () => {
    const h = hist(
      [rec('bridge', '2026-01-01T22:30:00Z', 'Europe/Berlin', {}, 'x;=1+1;y', '＝HYPERLINK("u")')],
      [checkIn(7, '2026-01-01T08:00:00Z', 'Europe/Berlin')],
      [session('x;=1+1;y', 'a;@SUM(1)', '2026-01-01T22:00:00Z', 3, 2, 'Europe/Berlin')],
    )
    // The routine (an id the app does not know is written as it is) in the stretches file.
    const row = historyToCsv(h).trimEnd().split('\r\n')[1]!
    expect(row).toContain(`,"'＝HYPERLINK(""u"")",Bridge,`)
    // And in the sessions file, the session's own routine.
    const sessions = sessionsToCsv(h).trimEnd().split('\r\n')
    expect(sessions[2]).toContain(`,session,"a;'@SUM(1)",headset,`)
  })
})

/**
 * One CSV cell, made safe for spreadsheets. Kept apart from the columns
 * (csv.ts) so the report's layout can change without touching the escaping.
 *
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (Excel
 * and LibreOffice also take the full-width ＝ ＋ － ＠ and other compatibility
 * forms, and often trim leading spaces first). A cell can also be split
 * further: many locales split on ";" instead of ",", some imports on tab, and
 * a line break starts a new row. So every part of a cell that starts after one
 * of those separators, after any whitespace, is checked as if it were a cell
 * of its own (OWASP "CSV injection").
 */

/** What a spreadsheet may split a cell on (comma, semicolon, tab, line breaks), captured to keep it. */
const SEPARATORS = /([,;\t\r\n])/
/** Any character that makes the cell need quotes to stay one cell, unchanged. */
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/

/** Whether `ch` is a sign that starts a formula: = + - @ or a compatibility form (＝ ＋ － ＠ ﹦ …). */
export function isFormulaSign(ch: string): boolean {
  if (ch.length === 0) return false
  const n = ch.normalize('NFKC')
  return n === '=' || n === '+' || n === '-' || n === '@'
}

/** Whether this part of a cell (what follows a separator, or the cell's start) would start a formula. */
function partStartsFormula(part: string): boolean {
  const first = part.replace(/^\s+/, '').charAt(0)
  return isFormulaSign(first)
}

/**
 * The text with an apostrophe put in front of every part that a spreadsheet
 * could run: the cell's start and whatever follows a separator, when it begins
 * (after whitespace) with a formula sign; and a cell starting with a tab or a
 * carriage return. The apostrophe makes spreadsheets show the text as it is.
 */
export function neutraliseFormulas(text: string): string {
  const parts = text.split(SEPARATORS)
  let out = ''
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    // Odd indexes are the separators themselves, kept as they were.
    if (i % 2 === 0 && partStartsFormula(part)) out += "'"
    out += part
  }
  if (/^[\t\r]/.test(text) && !out.startsWith("'")) out = `'${out}`
  return out
}

/**
 * One cell, escaped: parts that could run as a formula are neutralised (see
 * `neutraliseFormulas`), and a cell with a quote, a separator (`,` `;` tab), a
 * line break or whitespace at either end is quoted, so it stays one cell with
 * the same text in every locale.
 */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  let s = neutraliseFormulas(text)
  // The original's edges count too: ' =1' becomes "' =1", quoted so no import trims it.
  if (NEEDS_QUOTES.test(text) || NEEDS_QUOTES.test(s)) s = `"${s.replace(/"/g, '""')}"`
  return s
}

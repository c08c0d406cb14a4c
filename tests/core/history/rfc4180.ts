/**
 * A small RFC 4180 reader for the tests: what a spreadsheet makes of a CSV
 * file (BOM dropped, CRLF rows, quoted cells with "" for a quote, commas and
 * line breaks inside quotes kept). Throws on anything RFC 4180 does not allow,
 * so a broken file fails the test instead of being read leniently.
 */
export function parseCsv(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('no byte-order mark')
  const s = text.slice(1)
  if (!s.endsWith('\r\n')) throw new Error('the last row does not end with CRLF')
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  while (i < s.length) {
    let cell = ''
    if (s[i] === '"') {
      i++
      for (;;) {
        if (i >= s.length) throw new Error('a quoted cell is not closed')
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            cell += '"'
            i += 2
          } else {
            i++
            break
          }
        } else cell += s[i++]
      }
    } else {
      while (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
        if (s[i] === '"') throw new Error(`a quote inside an unquoted cell at ${i}`)
        cell += s[i++]
      }
    }
    row.push(cell)
    if (s[i] === ',') {
      i++
    } else if (s.startsWith('\r\n', i)) {
      rows.push(row)
      row = []
      i += 2
    } else {
      throw new Error(`a bare line break or text after a quoted cell at ${i}`)
    }
  }
  return rows
}

/** The rows as objects keyed by the header's names (the header must be unique). */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...body] = parseCsv(text)
  if (!header) throw new Error('no header row')
  if (new Set(header).size !== header.length) throw new Error('a header name is repeated')
  for (const [n, r] of body.entries())
    if (r.length !== header.length)
      throw new Error(`row ${n + 1} has ${r.length} cells, the header ${header.length}`)
  return {
    header,
    rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))),
  }
}

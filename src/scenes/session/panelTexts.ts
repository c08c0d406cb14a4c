/**
 * Every text the headset panel (CoachingPanel.tsx) can show, for the panel
 * font's glyph set and its check (scripts/build-panel-font.ts and
 * tests/scenes/panelFont.test.ts; docs/panel-font.md).
 *
 * Not part of the app: it reads source files and uses the TypeScript compiler,
 * so only the build script and the tests import it.
 *
 * Two sources, together every character the panel can draw:
 * - the panel's own words: the string literals, template parts and JSX text of
 *   CoachingPanel.tsx, read from its syntax tree (what is compared, imported,
 *   typed, or given to a style attribute is left out: it is never drawn);
 * - the words it takes from elsewhere, produced by calling the same code for
 *   every stretch, side, phase and next stretch (sessionTexts.ts), every
 *   stretch name and achievement, and the numbers it formats.
 */
import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { ACHIEVEMENTS } from '../../core/history/achievements.ts'
import { PHASES, type Phase } from '../../core/phase.ts'
import { instructionText, PHASE_TITLE, sideText } from '../../core/session/sessionTexts.ts'
import { STRETCH_IDS, STRETCHES, type StretchId } from '../../core/stretches.ts'

/** One text the panel can show, and where it comes from (for error messages). */
export interface PanelText {
  readonly where: string
  readonly text: string
}

/** A character a text needs that the font lacks. */
export interface MissingGlyph {
  readonly where: string
  readonly text: string
  readonly char: string
}

/** The files whose literals are panel texts (relative to this module). */
export const PANEL_SOURCES: readonly string[] = ['CoachingPanel.tsx']

/** JSX attributes whose value is drawn (Button's label); every other attribute is a style or a name. */
const DRAWN_ATTRIBUTES = new Set(['label', 'text'])
const COLOUR = /^#[0-9a-f]{3,8}$/i
const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
])

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  apos: "'",
  quot: '"',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return String.fromCodePoint(cp)
    }
    return ENTITIES[e] ?? m
  })
}

/** JSX text as React renders it: lines trimmed at their inner ends, blank lines dropped, joined by a space. */
export function jsxTextAsRendered(raw: string): string {
  const lines = raw.split(/\r\n|\n|\r/)
  const kept: string[] = []
  lines.forEach((line, i) => {
    let l = line
    if (i > 0) l = l.replace(/^[ \t]+/, '')
    if (i < lines.length - 1) l = l.replace(/[ \t]+$/, '')
    if (l !== '') kept.push(l)
  })
  return decodeEntities(kept.join(' '))
}

/**
 * The drawn literals of one panel source file: string literals, the fixed
 * parts of template literals and JSX text. Left out: imports, types, operands
 * of === and !==, case labels, element-access keys, colours, and JSX
 * attributes other than the drawn ones.
 */
export function sourceTexts(fileName: string, source: string): PanelText[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const out: PanelText[] = []
  const add = (node: ts.Node, text: string) => {
    if (text === '' || COLOUR.test(text)) return
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
    out.push({ where: `${fileName}:${line}`, text })
  }
  const literalOperand = (n: ts.Node) =>
    ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)
  const visit = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) ||
      ts.isExportDeclaration(node) ||
      ts.isTypeNode(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isInterfaceDeclaration(node)
    )
      return
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) return
    if (ts.isJsxAttribute(node) && !DRAWN_ATTRIBUTES.has(node.name.getText(sf))) return
    if (ts.isCaseClause(node)) {
      node.statements.forEach(visit)
      return
    }
    if (ts.isElementAccessExpression(node)) {
      visit(node.expression)
      if (!literalOperand(node.argumentExpression)) visit(node.argumentExpression)
      return
    }
    if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) {
      if (!literalOperand(node.left)) visit(node.left)
      if (!literalOperand(node.right)) visit(node.right)
      return
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      // a property name such as { 'a-b': 1 } is not drawn
      if (ts.isPropertyAssignment(node.parent) && node.parent.name === node) return
      add(node, node.text)
      return
    }
    if (ts.isTemplateExpression(node)) {
      add(node.head, node.head.text)
      for (const span of node.templateSpans) {
        visit(span.expression)
        add(span.literal, span.literal.text)
      }
      return
    }
    if (ts.isJsxText(node)) {
      if (!node.containsOnlyTriviaWhiteSpaces) add(node, jsxTextAsRendered(node.text))
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

const SIDES = [null, 'left', 'right', 'both'] as const

/** The texts the panel takes from the session's words, the catalogue, the achievements and its number formats. */
export function dataTexts(): PanelText[] {
  const out: PanelText[] = []
  const phases: (Phase | null)[] = [null, ...PHASES]
  const stretches: (StretchId | null)[] = [null, ...STRETCH_IDS]
  for (const phase of phases)
    for (const stretch of stretches)
      for (const side of SIDES)
        for (const next of stretches) {
          const where = `instructionText(${phase}, ${stretch}, ${side}, ${next})`
          out.push({ where, text: instructionText(phase, stretch, side, next) })
        }
  for (const phase of PHASES) out.push({ where: `PHASE_TITLE.${phase}`, text: PHASE_TITLE[phase] })
  for (const side of SIDES) out.push({ where: `sideText(${side})`, text: sideText(side) })
  for (const id of STRETCH_IDS)
    out.push({ where: `STRETCHES.${id}.name`, text: STRETCHES[id].name })
  for (const a of ACHIEVEMENTS) {
    out.push({ where: `achievement ${a.id} title`, text: a.title })
    // the end screen falls back to the id when an id is not (or no longer) known
    out.push({ where: `achievement id`, text: a.id })
  }
  // counts, targets, repetitions, seconds, percentages, scores, ratings: whole numbers
  for (let i = 0; i <= 600; i++) out.push({ where: 'a whole number', text: String(i) })
  // the saved eye height (m), toFixed(2)
  for (let cm = 100; cm <= 250; cm++)
    out.push({ where: 'an eye height', text: (cm / 100).toFixed(2) })
  return out
}

/** Every text the panel can show: its own literals plus the data texts, with duplicates removed. */
export function panelTexts(): PanelText[] {
  const all: PanelText[] = []
  for (const file of PANEL_SOURCES) {
    const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')
    all.push(...sourceTexts(file, source))
  }
  all.push(...dataTexts())
  const seen = new Set<string>()
  return all.filter((t) => (seen.has(t.text) ? false : (seen.add(t.text), true)))
}

/** uikit reads the space's advance for every whitespace, whatever the text. */
const ALWAYS = [{ where: 'uikit (whitespace width)', text: ' ' }]

/** The characters the texts need (plus the space), sorted by code point. */
export function panelGlyphs(texts: readonly PanelText[]): string[] {
  const set = new Set<string>()
  for (const t of [...ALWAYS, ...texts]) for (const ch of t.text) set.add(ch)
  return [...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)
}

/** Each text's characters the font lacks (one entry per text and character). */
export function missingGlyphs(
  texts: readonly PanelText[],
  available: ReadonlySet<string>,
): MissingGlyph[] {
  const out: MissingGlyph[] = []
  for (const t of [...ALWAYS, ...texts]) {
    const seen = new Set<string>()
    for (const char of t.text) {
      if (available.has(char) || seen.has(char)) continue
      seen.add(char)
      out.push({ where: t.where, text: t.text, char })
    }
  }
  return out
}

/** A readable line for a missing glyph: the character, its code point, the text and where it comes from. */
export function describeMissing(m: MissingGlyph): string {
  const cp = 'U+' + m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
  return `"${m.char}" (${cp}) in "${m.text}" (${m.where})`
}

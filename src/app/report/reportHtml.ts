/**
 * The report as one self-contained HTML file: the report's static markup and
 * its stylesheet inlined, no script and no reference to anything outside the
 * file (the charts are inline SVG). Made in the browser; nothing is sent.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { Report } from '../../core/history/report.ts'
import { ReportDocument } from './ReportDocument.tsx'
import reportCss from './report.css?raw'

/** The file name of a report's download. */
export function reportFileName(report: Report): string {
  return `stretchcoach-report-${report.from}-to-${report.to}.html`
}

/** The whole HTML document for a report. */
export function reportHtml(report: Report): string {
  const body = renderToStaticMarkup(createElement(ReportDocument, { report }))
  // The stylesheet is our own file; "</" cannot close the element early in it.
  const css = reportCss.replace(/<\//g, '<\\/')
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>Stretching report ${report.from} to ${report.to}</title>\n` +
    `<style>\nbody { margin: 0; padding: 1rem; background: #fff; }\n${css}\n</style>\n` +
    `</head>\n<body>\n${body}\n</body>\n</html>\n`
  )
}

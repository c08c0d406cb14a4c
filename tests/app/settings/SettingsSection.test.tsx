// The settings section's markup (server-rendered: the unit tests run without a DOM;
// tests/e2e/settings.spec.ts drives it in a browser).
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { SettingsSection } from '../../../src/app/settings/SettingsSection.tsx'

const html = renderToStaticMarkup(<SettingsSection />)

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? m[1]! : null
}

function tags(name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? []
}

describe('SettingsSection', () => {
  it('is a section named by its "Settings" heading, with two groups', () => {
    const section = tags('section')[0]!
    const h2 = /<h2 id="([^"]+)">Settings<\/h2>/.exec(html)
    expect(h2).not.toBeNull()
    expect(attr(section, 'aria-labelledby')).toBe(h2![1])
    const groups = tags('div').filter((t) => attr(t, 'role') === 'group')
    expect(groups).toHaveLength(2)
    for (const g of groups) {
      const id = attr(g, 'aria-labelledby')!
      expect(html).toContain(`<h3 id="${id}">`)
    }
    expect(html).toContain('>Sound and voice</h3>')
    expect(html).toContain('>Your height</h3>')
  })

  it('labels the volume slider and shows its value (default 70 %)', () => {
    const range = tags('input').find((t) => attr(t, 'type') === 'range')!
    const id = attr(range, 'id')!
    expect(html).toContain(`<label for="${id}">Volume</label>`)
    expect(attr(range, 'min')).toBe('0')
    expect(attr(range, 'max')).toBe('100')
    expect(attr(range, 'value')).toBe('70')
    expect(attr(range, 'aria-valuetext')).toBe('70 %')
    expect(html).toContain('<span class="settings-value" aria-hidden="true">70 %</span>')
  })

  it('has the five checkboxes, each inside its label, with the default states', () => {
    const expected: [string, boolean][] = [
      ['Mute all sounds', false],
      ['Speak the steps', true],
      ['Vibrate the controllers', true],
      ['Breathing sound during holds', true],
      ['I can&#x27;t stand to be measured: use my typed height', false],
    ]
    for (const [text, checked] of expected) {
      const m = new RegExp(`<label class="settings-check">(<input[^>]*>)${text}</label>`).exec(html)
      expect(m, text).not.toBeNull()
      expect(attr(m![1]!, 'type')).toBe('checkbox')
      expect(/\schecked=""/.test(m![1]!), text).toBe(checked)
    }
  })

  it('offers a test sound, a labelled height field with its save button, no error at first', () => {
    expect(html).toMatch(/<button type="button" class="button secondary"[^>]*>Play a test sound/)
    const cm = tags('input').find((t) => attr(t, 'type') === 'number')!
    expect(html).toContain(`<label for="${attr(cm, 'id')}">Your height (cm)</label>`)
    expect(attr(cm, 'min')).toBe('100')
    expect(attr(cm, 'max')).toBe('240')
    expect(html).toMatch(/<button type="submit" class="button">Save height<\/button>/)
    expect(html).not.toContain('role="alert"')
    expect(html).toContain('stand tall for two seconds')
    expect(html).toContain('Not measured yet.')
  })

  it('gives every control a unique id and every id reference a target', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)
    expect(new Set(ids).size).toBe(ids.length)
    for (const m of html.matchAll(/\s(?:for|aria-labelledby|aria-describedby)="([^"]+)"/g)) {
      for (const ref of m[1]!.split(' ')) expect(ids, ref).toContain(ref)
    }
  })
})

// The launcher's choices and its first render (static markup: the app's tests run in Node, no DOM).
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import {
  launcherChoices,
  routineMinutes,
  routineSummary,
  SessionLauncher,
} from '../../../src/app/session/SessionLauncher.tsx'
import { ROUTINES, routineById, singleStretchRoutine } from '../../../src/core/stretches.ts'
import { parseSessionParams } from '../../../src/services/session/sessionParams.ts'

/** The radios of the markup as [name, checked], in order. */
function radios(html: string): [string, boolean][] {
  const out: [string, boolean][] = []
  for (const m of html.matchAll(
    /<input type="radio" id="([^"]+)"([^>]*)\/><label for="\1">([^<]+)<\/label>/g,
  ))
    out.push([m[3]!.replace(/&#x27;/g, "'"), m[2]!.includes('checked=""')])
  return out
}

describe('launcher choices', () => {
  it('offers the built-in routines, the first checked, when the address names none', () => {
    const c = launcherChoices({ routine: null })
    expect(c.routines.map((r) => r.name)).toEqual([
      'Morning mobility',
      'Evening activation',
      'All ten',
    ])
    expect(c.selectedId).toBe('morning-mobility')
  })

  it('?routine= checks that routine and adds none', () => {
    const c = launcherChoices(parseSessionParams('?routine=evening-activation'))
    expect(c.routines).toBe(ROUTINES)
    expect(c.selectedId).toBe('evening-activation')
  })

  it('?stretch= puts "<name> only" first and checks it; so does ?routine=stretch:<id>', () => {
    for (const search of ['?stretch=childs-pose', '?routine=stretch:childs-pose']) {
      const c = launcherChoices(parseSessionParams(search))
      expect(c.routines[0]!.name).toBe("Child's pose only")
      expect(c.routines.length).toBe(ROUTINES.length + 1)
      expect(c.selectedId).toBe('stretch:childs-pose')
    }
  })

  it('an unknown stretch is an error and changes nothing', () => {
    const p = parseSessionParams('?stretch=nope')
    expect(p.errors.length).toBe(1)
    expect(launcherChoices(p)).toEqual(launcherChoices({ routine: null }))
  })

  it('says what a routine holds and about how long it takes at the chosen hold', () => {
    const morning = routineById('morning-mobility')!
    expect(routineSummary(morning)).toMatch(/^About \d+ min: Child's pose, Supported cat-cow, /)
    expect(routineMinutes(morning, 20)).toBeLessThan(routineMinutes(morning, 30))
    expect(routineMinutes(singleStretchRoutine('pelvic-tilt'))).toBeGreaterThanOrEqual(1)
  })
})

describe('launcher markup', () => {
  it('?stretch=childs-pose: "Child\'s pose only" first and checked, the three routines after', () => {
    const html = renderToStaticMarkup(
      <SessionLauncher
        disabled={false}
        headsetNote="Virtual room"
        params={parseSessionParams('?emulate=quest3&stretch=childs-pose')}
      />,
    )
    expect(radios(html)).toEqual([
      ["Child's pose only", true],
      ['Morning mobility', false],
      ['Evening activation', false],
      ['All ten', false],
    ])
    expect(html).not.toContain('role="alert"')
  })

  it('an unknown stretch: an alert, Morning mobility checked', () => {
    const html = renderToStaticMarkup(
      <SessionLauncher
        disabled={false}
        headsetNote=""
        params={parseSessionParams('?stretch=nope')}
      />,
    )
    expect(html).toMatch(/role="alert"[^>]*><p>Unknown stretch &quot;nope&quot;/)
    expect(radios(html)[0]).toEqual(['Morning mobility', true])
  })

  it('the record checkbox is named by its label alone; the start button is disabled without a headset', () => {
    const html = renderToStaticMarkup(
      <SessionLauncher
        disabled={true}
        headsetNote="No immersive headset here."
        params={parseSessionParams('')}
      />,
    )
    expect(html).toMatch(/<label><input type="checkbox"[^>]*\/> Record this session<\/label>/)
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Start routine in headset<\/button>/)
    expect(html).toContain('id="headset-note"')
    expect(html).toContain('No immersive headset here.')
    for (const s of [20, 25, 30]) expect(html).toContain(`<option value="${s}"`)
    // The dialog is empty until the user presses start.
    expect(html).not.toContain('Before your first session')
  })
})

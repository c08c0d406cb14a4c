// The routine picker's markup (static: the app's tests run in Node, no DOM) with routines the user saved.
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROUTINES } from '../../../src/core/stretches.ts'

const KEY = 'stretchcoach-own-routines'
const data = new Map<string, string>()
const desk = {
  id: 'own:desk',
  name: 'Desk break',
  stretches: ['bridge', 'cat-cow', 'knee-to-chest'],
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
}

let RoutineChoices: typeof import('../../../src/app/session/RoutineChoices.tsx').RoutineChoices
let routineName: typeof import('../../../src/app/progress/SessionList.tsx').routineName

beforeAll(async () => {
  // The app's store reads localStorage when it loads (Node has none): a Map stands in.
  ;(globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  }
  data.set(KEY, JSON.stringify({ version: 1, routines: [desk, { id: 'own:broken' }] }))
  ;({ RoutineChoices } = await import('../../../src/app/session/RoutineChoices.tsx'))
  ;({ routineName } = await import('../../../src/app/progress/SessionList.tsx'))
})

/** The radios of the markup as [name, checked, description id], in order. */
function radios(html: string): [string, boolean][] {
  const out: [string, boolean][] = []
  for (const m of html.matchAll(
    /<input type="radio" id="([^"]+)"([^>]*)\/><label for="\1">([^<]+)<\/label>/g,
  ))
    out.push([m[3]!.replace(/&#x27;/g, "'"), m[2]!.includes('checked=""')])
  return out
}

function render(selectedId: string, routines = ROUTINES): string {
  return renderToStaticMarkup(
    <RoutineChoices
      routines={routines}
      selectedId={selectedId}
      onSelect={() => {}}
      holdSeconds={30}
    />,
  )
}

describe('RoutineChoices', () => {
  it('lists the built-in routines, then the user’s own, each radio labelled by its name', () => {
    const html = render('own:desk')
    expect(radios(html)).toEqual([
      ['Morning mobility', false],
      ['Evening activation', false],
      ['All ten', false],
      ['Desk break', true],
    ])
    expect(html).toContain('Your routines')
    expect(html).toMatch(/About \d+ min: Bridge, Supported cat-cow, Knee-to-chest stretch/)
    expect(html).toContain('aria-label="Edit Desk break"')
    expect(html).toContain('aria-label="Delete Desk break"')
    // built-in routines cannot be edited or deleted
    expect(html).not.toContain('aria-label="Edit Morning mobility"')
    expect(html).toContain('Build your own routine')
  })

  it('shows the kept-aside warning as an alert', () => {
    expect(render('morning-mobility')).toContain(
      '<p role="alert" class="own-routines-warning">1 saved routine could not be read and was kept aside; your other routines are fine.</p>',
    )
  })

  it('an own routine the address named is listed once, among the user’s own', () => {
    const asked = { id: 'own:desk', name: 'Desk break', description: '', stretches: desk.stretches }
    const html = render('own:desk', [asked as (typeof ROUTINES)[number], ...ROUTINES])
    expect(radios(html).filter(([n]) => n === 'Desk break')).toEqual([['Desk break', true]])
  })
})

describe('session list names', () => {
  it('names an own routine by the name kept with its session, else "Own routine"', () => {
    expect(routineName('own:desk', 'Desk break')).toBe('Desk break')
    expect(routineName('own:gone')).toBe('Own routine')
    expect(routineName('evening-activation', 'Something else')).toBe('Evening activation')
  })
})

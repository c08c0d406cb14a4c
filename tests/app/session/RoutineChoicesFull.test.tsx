// With 20 saved routines (the most a device keeps) the picker says so and offers no builder.
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, it } from 'vitest'
import { ROUTINES } from '../../../src/core/stretches.ts'

it('at 20 saved routines "Build your own routine" is off, and the note under it says why', async () => {
  const routines = Array.from({ length: 20 }, (_, i) => ({
    id: `own:r${i}`,
    name: `Routine ${i + 1}`,
    stretches: ['bridge'],
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
  }))
  const data = new Map([['stretchcoach-own-routines', JSON.stringify({ version: 1, routines })]])
  ;(globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  }
  const { RoutineChoices } = await import('../../../src/app/session/RoutineChoices.tsx')
  const html = renderToStaticMarkup(
    <RoutineChoices routines={ROUTINES} selectedId="own:r3" onSelect={() => {}} holdSeconds={20} />,
  )
  expect(html.match(/type="radio"/g)).toHaveLength(23)
  const button =
    /<button type="button" class="button secondary" data-build="" disabled="" aria-describedby="([^"]+)">Build your own routine<\/button>/.exec(
      html,
    )
  expect(button).not.toBeNull()
  expect(html.replace(/<!-- -->/g, '')).toContain(
    `id="${button![1]}" class="field-note"> You have 20 routines, the most this device keeps: delete one to build another.`,
  )
})

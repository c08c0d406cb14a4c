import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  OWN_ROUTINES_MAX,
  readOwnRoutine,
  recordedRoutineName,
  resolveRoutine,
  validateOwnRoutine,
  type OwnRoutine,
} from '../../src/core/ownRoutines.ts'
import { ownRoutineSchema } from '../../src/core/ownRoutineSchema.ts'
import { ROUTINES, STRETCH_IDS, STRETCHES, type StretchId } from '../../src/core/stretches.ts'
import { routineMinutes, routineSummary } from '../../src/core/routineLength.ts'

const NOW = '2026-12-06T10:00:00.000Z'
const LATER = '2026-12-07T09:30:00.000Z'

function saved(id: string, name: string, stretches: StretchId[] = ['bridge']): OwnRoutine {
  return { id, name, stretches, createdAt: NOW, updatedAt: NOW }
}

/** A name a user may type: 1–40 visible characters, no runs of spaces, nothing to trim. */
const goodName = fc
  .stringMatching(/^[A-Za-z0-9'é][A-Za-z0-9'é -]{0,38}[A-Za-z0-9'é]$/)
  .map((s) => s.replace(/\s+/g, ' '))
  .filter((s) => !ROUTINES.some((r) => r.name.toLowerCase() === s.toLowerCase()))

/** 1–10 distinct stretches in any order. */
const goodStretches = fc.shuffledSubarray([...STRETCH_IDS], { minLength: 1, maxLength: 10 })

describe('validateOwnRoutine', () => {
  it('round-trips any valid draft: same name, same stretches in the same order, readable by the schema', () => {
    fc.assert(
      fc.property(goodName, goodStretches, fc.uuid(), (name, stretches, uuid) => {
        const out = validateOwnRoutine({ name, stretches }, 'own:' + uuid, [], NOW)
        expect(out.ok).toBe(true)
        if (!out.ok) return
        expect(out.routine.name).toBe(name)
        expect(out.routine.stretches).toEqual(stretches)
        const back = ownRoutineSchema.parse(JSON.parse(JSON.stringify(out.routine)))
        expect(back).toEqual(out.routine)
      }),
    )
  })

  it('refuses any draft holding a stretch twice, naming it', () => {
    const upToNine = fc.shuffledSubarray([...STRETCH_IDS], { minLength: 1, maxLength: 9 })
    fc.assert(
      fc.property(upToNine, fc.nat(), fc.nat(), (stretches, a, b) => {
        const twice = stretches[a % stretches.length]!
        const list = [...stretches]
        list.splice(b % (list.length + 1), 0, twice)
        const out = validateOwnRoutine({ name: 'Mine', stretches: list }, 'own:a', [], NOW)
        expect(out).toEqual({
          ok: false,
          field: 'stretches',
          message: `${STRETCHES[twice].name} is in the routine twice: each stretch can be in it once.`,
        })
      }),
    )
  })

  it('refuses any unknown stretch, quoting it', () => {
    fc.assert(
      fc.property(
        goodStretches,
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((s) => !(STRETCH_IDS as readonly string[]).includes(s)),
        fc.nat(),
        (stretches, unknown, at) => {
          const list: string[] = stretches.slice(0, 9)
          list.splice(at % (list.length + 1), 0, unknown)
          const out = validateOwnRoutine({ name: 'Mine', stretches: list }, 'own:a', [], NOW)
          expect(out.ok).toBe(false)
          if (!out.ok) expect(out.message).toContain(`Unknown stretch "${unknown.slice(0, 40)}"`)
        },
      ),
    )
  })

  it('trims the name and refuses an empty or a 41-character one', () => {
    const ok = validateOwnRoutine(
      { name: '  Desk   break ', stretches: ['bridge'] },
      'own:a',
      [],
      NOW,
    )
    expect(ok.ok && ok.routine.name).toBe('Desk break')
    expect(validateOwnRoutine({ name: '   ', stretches: ['bridge'] }, 'own:a', [], NOW)).toEqual({
      ok: false,
      field: 'name',
      message: 'Give your routine a name.',
    })
    const forty = 'x'.repeat(40)
    expect(validateOwnRoutine({ name: forty, stretches: ['bridge'] }, 'own:a', [], NOW).ok).toBe(
      true,
    )
    const long = validateOwnRoutine({ name: forty + 'y', stretches: ['bridge'] }, 'own:a', [], NOW)
    expect(long).toEqual({
      ok: false,
      field: 'name',
      message: 'A name can be at most 40 characters; this one has 41.',
    })
    expect(validateOwnRoutine({ name: 42, stretches: ['bridge'] }, 'own:a', [], NOW).ok).toBe(false)
  })

  it('refuses a built-in name and a name the user already has, whatever the case', () => {
    const builtIn = validateOwnRoutine(
      { name: ' morning MOBILITY', stretches: ['bridge'] },
      'own:a',
      [],
      NOW,
    )
    expect(builtIn).toEqual({
      ok: false,
      field: 'name',
      message: '"Morning mobility" is a built-in routine: choose another name.',
    })
    const mine = [saved('own:1', 'Desk break')]
    const dup = validateOwnRoutine(
      { name: 'DESK break', stretches: ['bridge'] },
      'own:2',
      mine,
      NOW,
    )
    expect(dup).toEqual({
      ok: false,
      field: 'name',
      message: 'You already have a routine called "Desk break": choose another name.',
    })
    // The same routine keeps its own name when edited (here only its case changes).
    const self = validateOwnRoutine(
      { name: 'DESK break', stretches: ['cat-cow'] },
      'own:1',
      mine,
      LATER,
    )
    expect(self.ok).toBe(true)
  })

  it('refuses no stretch, and more than ten', () => {
    expect(validateOwnRoutine({ name: 'A', stretches: [] }, 'own:a', [], NOW)).toEqual({
      ok: false,
      field: 'stretches',
      message: 'Add at least one stretch.',
    })
    const eleven = [...STRETCH_IDS, 'bridge']
    const out = validateOwnRoutine({ name: 'A', stretches: eleven }, 'own:a', [], NOW)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.message).toBe('A routine holds at most 10 stretches, each once.')
  })

  it('keeps 20 routines at most, and still lets one of them be edited', () => {
    const full = Array.from({ length: OWN_ROUTINES_MAX }, (_, i) => saved(`own:${i}`, `R${i}`))
    const more = validateOwnRoutine(
      { name: 'One more', stretches: ['bridge'] },
      'own:new',
      full,
      NOW,
    )
    expect(more).toEqual({
      ok: false,
      field: 'routine',
      message:
        'You have 20 saved routines, the most this device keeps: delete one to save another.',
    })
    const edit = validateOwnRoutine(
      { name: 'Renamed', stretches: ['bridge'] },
      'own:3',
      full,
      LATER,
    )
    expect(edit.ok).toBe(true)
  })

  it('keeps the creation time on an edit and moves the update time', () => {
    const mine = [saved('own:1', 'Desk break')]
    const out = validateOwnRoutine(
      { name: 'Desk', stretches: ['hip-flexor', 'bridge'] },
      'own:1',
      mine,
      LATER,
    )
    expect(out.ok && out.routine).toEqual({
      id: 'own:1',
      name: 'Desk',
      stretches: ['hip-flexor', 'bridge'],
      createdAt: NOW,
      updatedAt: LATER,
    })
  })

  it('refuses an id without the own: prefix', () => {
    const out = validateOwnRoutine(
      { name: 'A', stretches: ['bridge'] },
      'morning-mobility',
      [],
      NOW,
    )
    expect(out.ok).toBe(false)
  })
})

describe('resolveRoutine', () => {
  const mine = [saved('own:1', 'Desk break', ['bridge', 'cat-cow'])]

  it('finds built-in, one-stretch and own routines, in that order', () => {
    expect(resolveRoutine('evening-activation', mine)?.name).toBe('Evening activation')
    expect(resolveRoutine('stretch:bridge', mine)?.name).toBe('Bridge only')
    const own = resolveRoutine('own:1', mine)
    expect(own).toMatchObject({ id: 'own:1', name: 'Desk break', stretches: ['bridge', 'cat-cow'] })
  })

  it('knows no deleted own routine and no unknown id', () => {
    expect(resolveRoutine('own:2', mine)).toBeNull()
    expect(resolveRoutine('custom', mine)).toBeNull()
    expect(resolveRoutine('own:1', [])).toBeNull()
  })
})

describe('recordedRoutineName', () => {
  it('names built-in routines by id, own ones by the stored name, else "Own routine"', () => {
    expect(recordedRoutineName('morning-mobility', 'Anything')).toBe('Morning mobility')
    expect(recordedRoutineName('own:1', 'Desk break')).toBe('Desk break')
    expect(recordedRoutineName('own:1')).toBe('Own routine')
    expect(recordedRoutineName('custom')).toBeNull()
  })
})

describe('routine length', () => {
  it('sums the estimates and lists the names in the routine order', () => {
    const r = { stretches: ['bridge', 'cat-cow', 'knee-to-chest'] as StretchId[] }
    expect(routineSummary(r, 30)).toBe(
      `About ${routineMinutes(r, 30)} min: Bridge, Supported cat-cow, Knee-to-chest stretch`,
    )
    // longer holds never make a routine shorter
    expect(routineMinutes(ROUTINES[2]!, 30)).toBeGreaterThanOrEqual(
      routineMinutes(ROUTINES[2]!, 20),
    )
  })
})

describe('readOwnRoutine agrees with the zod schema', () => {
  const valid = fc.record({
    id: fc.uuid().map((u) => 'own:' + u),
    name: goodName,
    stretches: goodStretches,
    createdAt: fc
      .date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    updatedAt: fc.constant('2026-12-06T10:00:00Z'),
  })
  // Each field in turn replaced by something near valid, or anything.
  const oddValues = fc.oneof(
    fc.anything(),
    fc.constantFrom(
      '',
      ' Desk',
      'x'.repeat(41),
      'own:',
      'own:has space',
      'morning-mobility',
      [],
      ['bridge', 'bridge'],
      ['bridge', 'nope'],
      [...STRETCH_IDS, 'bridge'],
      '2026-02-30T10:00:00Z',
      '2026-12-06T10:00:00+01:00',
      '2026-12-06',
      '2026-12-06T10:00Z',
      '2026-12-06T10:00:00.123456Z',
      '2026-12-06T24:00:00Z',
      '2026-12-06T23:60:00Z',
      '2026-12-06T23:59:60Z',
      '2024-02-29T12:00:00Z',
    ),
  )
  const fields = ['id', 'name', 'stretches', 'createdAt', 'updatedAt', 'extra'] as const

  it('on valid routines, on each field spoiled, and on anything at all', () => {
    fc.assert(
      fc.property(
        valid,
        fc.constantFrom(...fields),
        oddValues,
        fc.boolean(),
        (r, field, odd, spoil) => {
          const value: Record<string, unknown> = spoil ? { ...r, [field]: odd } : r
          const hand = readOwnRoutine(value)
          const zod = ownRoutineSchema.safeParse(value)
          expect(hand.ok).toBe(zod.success)
          if (hand.ok && zod.success) expect(hand.routine).toEqual(zod.data)
        },
      ),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(readOwnRoutine(v).ok).toBe(ownRoutineSchema.safeParse(v).success)
      }),
    )
  })
})

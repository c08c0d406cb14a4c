// Sessions are titled by their routine's name, one-stretch links included.
import { describe, expect, it } from 'vitest'
import { routineName } from '../../../src/app/progress/SessionList.tsx'

describe('session titles', () => {
  it('names built-in routines, one-stretch links, and unknown ids', () => {
    expect(routineName('evening-activation')).toBe('Evening activation')
    expect(routineName('stretch:childs-pose')).toBe("Child's pose only")
    expect(routineName('stretch:nope')).toBe('Own routine')
    expect(routineName('custom')).toBe('Own routine')
  })
})

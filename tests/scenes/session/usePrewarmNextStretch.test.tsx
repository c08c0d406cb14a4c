import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ReactThreeTestRenderer from '@react-three/test-renderer'
import type { StretchId } from '../../../src/core/stretches.ts'
import { clearSession, useSessionStore } from '../../../src/services/session/sessionStore.ts'

const started: StretchId[][] = []
const stopped: StretchId[][] = []
vi.mock('../../../src/scenes/prewarmCoach.ts', () => ({
  prewarmCoach: (stretches: readonly StretchId[]) => {
    const s = [...stretches]
    started.push(s)
    return () => stopped.push(s)
  },
}))

const { usePrewarmNextStretch } =
  await import('../../../src/scenes/session/usePrewarmNextStretch.ts')

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const ROUTINE: StretchId[] = ['childs-pose', 'cat-cow', 'bridge']

function Probe() {
  usePrewarmNextStretch(ROUTINE)
  return null
}

async function at(stretchIndex: number, phase: 'demonstrate' | 'hold' | 'reps' | 'rest') {
  await ReactThreeTestRenderer.act(async () => {
    useSessionStore.setState({ stretchIndex, phase })
  })
}

describe('the next stretch is solved while this one is held', () => {
  beforeEach(() => {
    started.length = 0
    stopped.length = 0
    clearSession()
  })
  afterEach(() => clearSession())

  it('nothing while the coach demonstrates; the next stretch once the user holds', async () => {
    const r = await ReactThreeTestRenderer.create(<Probe />)
    await at(0, 'demonstrate')
    expect(started).toEqual([])
    await at(0, 'hold')
    expect(started).toEqual([['cat-cow']])
    await r.unmount()
  })

  it('leaving the hold does not cut the work short; the next stretch`s hold moves on to the one after', async () => {
    const r = await ReactThreeTestRenderer.create(<Probe />)
    await at(0, 'hold')
    await at(0, 'rest')
    await at(1, 'demonstrate')
    expect(stopped).toEqual([])
    await at(1, 'reps')
    expect(started).toEqual([['cat-cow'], ['bridge']])
    expect(stopped).toEqual([['cat-cow']])
    await r.unmount()
    expect(stopped).toEqual([['cat-cow'], ['bridge']])
  })

  it('the last stretch has nothing after it', async () => {
    const r = await ReactThreeTestRenderer.create(<Probe />)
    await at(2, 'reps')
    expect(started).toEqual([])
    await r.unmount()
  })
})

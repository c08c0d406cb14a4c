// The session store is written on edges only: a sync with nothing changed sets nothing.
import { describe, expect, it } from 'vitest'
import { createRunner, QUICK_TIMING, skipRunner } from '../../../src/core/session/runner.ts'
import { clearSession, useSessionStore } from '../../../src/services/session/sessionStore.ts'
import { syncSessionStore } from '../../../src/services/session/sessionSync.ts'
import { ROUTINES } from '../../../src/core/stretches.ts'

describe('session store', () => {
  it('copies only what changed, once', async () => {
    clearSession()
    let writes = 0
    const off = useSessionStore.subscribe(() => writes++)
    const runner = createRunner({
      routine: ROUTINES[0]!,
      sessionId: 's',
      eyeHeightM: 1.6,
      holdSeconds: null,
      timing: QUICK_TIMING,
      save: async () => ({ ok: true }),
      onEdge: syncSessionStore,
    })
    syncSessionStore(runner)
    expect(writes).toBe(1)
    const s = useSessionStore.getState()
    expect(s.status).toBe('running')
    expect(s.stretch).toBe('childs-pose')
    expect(s.stretchCount).toBe(5)
    syncSessionStore(runner)
    syncSessionStore(runner)
    expect(writes).toBe(1)
    skipRunner(runner)
    expect(useSessionStore.getState().phase).toBe('getIntoPosition')
    expect(writes).toBe(2)
    off()
    clearSession()
  })
})

// The live controller: one routine per headset session (a re-mounted view does
// not start a second), release ends it, and a recorded session leaves its trace
// in the store, which replays to the saved results.
import { describe, expect, it } from 'vitest'
import { synthRecords } from '../../../scripts/synth/synthTrace.ts'
import {
  activeRunner,
  claimLiveSession,
  finishLiveSession,
  markStarting,
  releaseLiveSession,
  startLiveSession,
  stopForPain,
} from '../../../src/services/session/liveController.ts'
import { stepRunner, type SaveResult } from '../../../src/core/session/runner.ts'
import { parseSessionParams } from '../../../src/services/session/sessionParams.ts'
import { clearSession, useSessionStore } from '../../../src/services/session/sessionStore.ts'
import { createPoseFrame } from '../../../src/core/poseFrame.ts'
import type { StretchResult } from '../../../src/core/result.ts'
import { scoreTraceText } from '../../../src/core/trace/scoreTrace.ts'

const tick = () => new Promise((r) => setTimeout(r, 5))

function start(key: object, record: boolean, saved: StretchResult[]) {
  const save: SaveResult = async (input) => {
    saved.push(input.result)
    return { ok: true }
  }
  return startLiveSession({
    key,
    prepared: {
      routineId: 'morning-mobility',
      sessionId: 'session-1',
      painBefore: 2,
      storageMessage: null,
      holdSeconds: 20,
      record,
    },
    params: parseSessionParams(
      '?emulate=quest3&holdSeconds=5',
      '#/session?routine=morning-mobility',
    ),
    eyeHeightM: 1.62,
    source: 'emulated',
    refreshRate: 90,
    save,
  })
}

describe('live controller', () => {
  it('a view that unmounts and mounts again keeps its routine; a real unmount ends it', async () => {
    clearSession()
    const key = {}
    expect(markStarting(key)).toBe(true)
    const runner = start(key, false, [])
    expect(markStarting(key)).toBe(false)
    releaseLiveSession(key)
    claimLiveSession(key)
    await tick()
    expect(activeRunner()).toBe(runner)
    releaseLiveSession(key)
    await tick()
    expect(activeRunner()).toBeNull()
    expect(runner.finished).toBe(true)
    expect(useSessionStore.getState().status).toBe('finished')
  })

  it('records when asked: the trace kept for download replays to the saved results', async () => {
    clearSession()
    const saved: StretchResult[] = []
    const runner = start({}, true, saved)
    const frame = createPoseFrame()
    synthRecords({ eyeHeight: 1.62, steps: [{ stretch: 'childs-pose', holdSeconds: 30 }] }, (r) => {
      if (r.kind !== 'frame' || runner.finished) return
      frame.t = r.t
      for (let i = 0; i < 3; i++) {
        const p = r.poses[i]
        frame.tracked[i] = p ? 1 : 0
        if (p) for (let k = 0; k < 7; k++) frame.poses[i * 7 + k] = p[k]!
      }
      stepRunner(runner, frame)
      if (r.t > 20 && !runner.finished) stopForPain()
    })
    await tick()
    const s = useSessionStore.getState()
    expect(s.status).toBe('finished')
    expect(s.stoppedForPain).toBe(true)
    expect(s.traceText).not.toBeNull()
    expect(s.traceFileName).toMatch(/^stretchcoach-.*\.trace\.jsonl$/)
    const replay = scoreTraceText(s.traceText!)
    expect(replay.ok).toBe(true)
    if (replay.ok) expect(replay.results).toEqual(saved)
    expect(saved.map((r) => [r.stretch, r.pain])).toEqual([
      ['childs-pose', false],
      ['cat-cow', true],
    ])
    finishLiveSession()
    clearSession()
    expect(useSessionStore.getState().traceText).toBeNull()
  })
})

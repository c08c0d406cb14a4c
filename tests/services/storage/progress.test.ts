import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as progress from '../../../src/services/storage/progress.ts'
import { useProgressStore } from '../../../src/services/storage/progressStore.ts'
import { HOLD_30, result } from '../../core/history/historyFixtures.ts'

// The app-level API the live session calls, over fake-indexeddb, with a fixed clock.
let nowMs = Date.parse('2026-11-23T07:30:00Z')
const clock = { nowMs: () => nowMs, timeZone: () => 'Europe/Berlin' }
const persist = vi.fn(async () => true)

beforeAll(async () => {
  vi.stubGlobal('navigator', { storage: { persist } })
  await progress.initProgress({ clock })
})
afterAll(() => vi.unstubAllGlobals())

describe('progress API (startSession → recordResult → endSession)', () => {
  it('records a session, its results and check-ins, and updates the view after each write', async () => {
    expect(useProgressStore.getState().status).toBe('ready')
    const s = await progress.startSession('morning-mobility', 5)
    expect(s.ok).toBe(true)
    if (!s.ok) return
    for (const stretch of [
      'childs-pose',
      'cat-cow',
      'knee-to-chest',
      'supine-twist',
      'childs-pose-side',
    ] as const) {
      nowMs += 120_000
      const r = await progress.recordResult({
        sessionId: s.record.id,
        routineId: 'morning-mobility',
        result: result(stretch),
        targets: HOLD_30,
      })
      expect(r.ok).toBe(true)
    }
    expect(persist).not.toHaveBeenCalled()
    const e = await progress.endSession(s.record.id, 2, false)
    expect(e.ok).toBe(true)
    const view = useProgressStore.getState()
    expect(view.history.results).toHaveLength(5)
    expect(
      view.history.results.every(
        (r) => r.at.localDate === '2026-11-23' && r.at.timeZone === 'Europe/Berlin',
      ),
    ).toBe(true)
    expect(view.history.checkIns.map((c) => c.pain).sort()).toEqual([2, 5])
    expect(view.notice?.text).toBe('Session saved.')
    // Unlocks are stored as events, not yet shown.
    expect(view.unlocks.map((u) => u.id)).toEqual(
      expect.arrayContaining(['first-stretch', 'first-routine']),
    )
    expect(view.unlocks.every((u) => !u.shown)).toBe(true)
    // Persistent storage is asked after the first session, once.
    expect(persist).toHaveBeenCalledTimes(1)
    const s2 = await progress.startSession('evening-activation', null)
    if (s2.ok) await progress.endSession(s2.record.id, null, true)
    expect(persist).toHaveBeenCalledTimes(1)
  })

  it('bad input from the caller is refused with a message and changes nothing', async () => {
    const before = useProgressStore.getState().history.results.length
    const out = await progress.recordResult({
      sessionId: '',
      routineId: 'x',
      result: result('bridge'),
      targets: HOLD_30,
    })
    expect(out.ok).toBe(false)
    const out2 = await progress.recordResult({
      sessionId: 's',
      routineId: 'x',
      result: { ...result('bridge'), stretch: 'handstand' as never },
      targets: HOLD_30,
    })
    expect(out2.ok).toBe(false)
    expect(useProgressStore.getState().notice).toMatchObject({ kind: 'error' })
    expect((await progress.recordPainCheckIn(12)).ok).toBe(false)
    expect(useProgressStore.getState().history.results).toHaveLength(before)
  })

  it('celebrations are marked shown once; export and re-import add nothing new', async () => {
    const ids = useProgressStore.getState().unlocks.map((u) => u.id)
    await progress.dismissCelebrations(ids)
    expect(useProgressStore.getState().unlocks.every((u) => u.shown)).toBe(true)
    const text = await progress.exportBackupText()
    expect(text).not.toBeNull()
    const plan = await progress.prepareImport(text!)
    expect(plan.ok && plan.plan.toAdd.results.length).toBe(0)
    const bad = await progress.prepareImport(
      '{"format":"stretchcoach-progress-backup","version":1,"results":[1]}',
    )
    expect(bad).toMatchObject({ ok: false })
  })

  it('delete one entry, then everything', async () => {
    const first = useProgressStore.getState().history.results[0]!
    expect(await progress.deleteStretchEntry(first.id)).toBe(true)
    expect(useProgressStore.getState().history.results.some((r) => r.id === first.id)).toBe(false)
    expect(await progress.deleteEverything()).toBe(true)
    const v = useProgressStore.getState()
    expect([
      v.history.results.length,
      v.history.sessions.length,
      v.history.checkIns.length,
      v.unlocks.length,
    ]).toEqual([0, 0, 0, 0])
  })
})

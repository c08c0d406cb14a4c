import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import * as progress from '../../../src/services/storage/progress.ts'
import { ProgressDb } from '../../../src/services/storage/progressDb.ts'
import { useProgressStore } from '../../../src/services/storage/progressStore.ts'
import * as repo from '../../../src/services/storage/repository.ts'
import { HOLD_30, result } from '../../core/history/historyFixtures.ts'

const clock = { nowMs: () => Date.parse('2026-11-23T07:30:00Z'), timeZone: () => 'Europe/Berlin' }

describe('Export backup with a set-aside record JSON cannot hold', () => {
  it('still gives a file: healthy records in full, the record described, and says which', async () => {
    // IndexedDB keeps cycles and BigInts (structured clone); JSON cannot.
    const seed = new ProgressDb()
    for (const stretch of ['bridge', 'cat-cow'] as const)
      await repo.saveResult(
        seed,
        { sessionId: 's', routineId: 'r', result: result(stretch), targets: HOLD_30 },
        clock,
      )
    const raw: Record<string, unknown> = { id: 'loop-1', score: 7n }
    raw.self = raw
    await seed.quarantine.add({
      table: 'results',
      key: 'loop-1',
      raw,
      reason: 'failed the record check',
      at: '2026-11-20T10:00:00.000Z',
    })
    await seed.quarantine.add({
      table: 'sessions',
      key: 'plain',
      raw: { id: 'plain', start: 42 },
      reason: 'failed the record check',
      at: '2026-11-20T10:00:00.000Z',
    })
    seed.close()

    await progress.initProgress({ clock })
    const text = await progress.exportBackupText()
    expect(text).not.toBeNull()
    const file = JSON.parse(text!)
    expect(file.results).toHaveLength(2)
    expect(file.setAside).toHaveLength(2)
    const described = file.setAside.find((e: { key: string }) => e.key === 'loop-1')
    expect(described).toMatchObject({
      table: 'results',
      reason: 'failed the record check',
      notCopied: expect.stringContaining('a BigInt at raw.score'),
    })
    expect(described.description).toContain('[cycle: contains itself]')
    expect(file.setAside.find((e: { key: string }) => e.key === 'plain').raw).toEqual({
      id: 'plain',
      start: 42,
    })
    const notice = useProgressStore.getState().notice
    expect(notice?.kind).toBe('info')
    expect(notice?.text).toContain('1 damaged record set aside on this device (results "loop-1")')
    expect(notice?.text).toContain('describes it instead')
  })
})

// Own routines travel with the backup, through the app's progress API over fake-indexeddb: one
// device exports its history and routines, a new device sees them in the import plan and adds
// them with the records; a damaged routine is skipped and said while the rest imports; a refused
// import of the records leaves the routines as they were.
import { Dexie } from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import type { OwnRoutine } from '../../../src/core/ownRoutines.ts'
import { memoryStorage } from '../memoryStorage.ts'

const nowMs = Date.parse('2026-12-06T07:30:00Z')
const clock = { nowMs: () => nowMs, timeZone: () => 'Europe/Berlin' }

let devices = 0

/** One device: its own IndexedDB and localStorage, fresh copies of the storage modules. */
async function newDevice() {
  const device = ++devices
  const factory = new IDBFactory()
  vi.stubGlobal('indexedDB', factory)
  vi.stubGlobal('IDBKeyRange', IDBKeyRange)
  Dexie.dependencies.indexedDB = factory
  Dexie.dependencies.IDBKeyRange = IDBKeyRange
  vi.resetModules()
  const progress = await import('../../../src/services/storage/progress.ts')
  const { useProgressStore } = await import('../../../src/services/storage/progressStore.ts')
  const { createOwnRoutinesStore } = await import('../../../src/services/ownRoutinesStore.ts')
  const storage = memoryStorage()
  let n = 0
  const routines = createOwnRoutinesStore({
    storage,
    events: null,
    newId: () => `dev${device}-${++n}`,
    nowIso: () => new Date(nowMs).toISOString(),
  })
  await progress.initProgress({ clock, indexedDB: factory, IDBKeyRange, ownRoutines: routines })
  return { progress, routines, storage, view: () => useProgressStore.getState() }
}

describe('own routines in the backup, device to device', () => {
  it('exports them; a new device plans and adds them with the history, renaming a clash', async () => {
    const a = await newDevice()
    expect(
      a.routines.getState().save({ name: 'Desk break', stretches: ['bridge', 'cat-cow'] }).ok,
    ).toBe(true)
    expect(a.routines.getState().save({ name: 'Night', stretches: ['childs-pose'] }).ok).toBe(true)
    const s = await a.progress.startSession(
      a.routines.getState().routines[0]!.id,
      3,
      'desktop',
      'Desk break',
    )
    expect(s.ok).toBe(true)
    const text = await a.progress.exportBackupText()
    expect(text).not.toBeNull()
    const saved = a.routines.getState().routines
    expect(JSON.parse(text!).ownRoutines).toEqual(saved)

    const b = await newDevice()
    expect(b.routines.getState().save({ name: 'night', stretches: ['bridge'] }).ok).toBe(true)
    const prepared = await b.progress.prepareImport(text!)
    expect(prepared.ok).toBe(true)
    if (!prepared.ok) return
    expect(prepared.plan.toAdd.sessions).toHaveLength(1)
    expect(prepared.plan.ownRoutines.plan.toAdd.map((r) => r.name)).toEqual([
      'Desk break',
      'Night (imported)',
    ])
    // nothing is written before the user confirms
    expect(b.routines.getState().routines.map((r) => r.name)).toEqual(['night'])

    expect(await b.progress.commitImport(prepared.plan)).toBe(true)
    const after: readonly OwnRoutine[] = b.routines.getState().routines
    expect(after.map((r) => r.name)).toEqual(['night', 'Desk break', 'Night (imported)'])
    expect(after.slice(1).map((r) => r.id)).toEqual(saved.map((r) => r.id))
    expect(b.view().history.sessions.map((x) => x.routineName)).toEqual(['Desk break'])
    expect(b.view().notice?.text).toBe(
      'Imported and saved: 2 records added. Added 2 own routines ("Night" as "Night (imported)", since you already have a routine of that name).',
    )

    // Imported again: nothing new, the routines already here stay as they are.
    const again = await b.progress.prepareImport(text!)
    expect(again.ok && again.plan.ownRoutines.plan).toMatchObject({ toAdd: [], alreadyHere: 2 })
  })

  it('a damaged routine in the file is skipped and said in the plan; the records and the other routine import', async () => {
    const a = await newDevice()
    a.routines.getState().save({ name: 'Desk break', stretches: ['bridge'] })
    await a.progress.recordPainCheckIn(2)
    const file = JSON.parse((await a.progress.exportBackupText())!)
    file.ownRoutines.push({ ...file.ownRoutines[0], id: 'own:other', stretches: ['handstand'] })

    const b = await newDevice()
    const prepared = await b.progress.prepareImport(JSON.stringify(file))
    expect(prepared.ok).toBe(true)
    if (!prepared.ok) return
    expect(prepared.plan.ownRoutines.problems).toEqual([
      'Own routine number 2 in the backup is damaged (an unknown stretch) and is skipped.',
    ])
    expect(await b.progress.commitImport(prepared.plan)).toBe(true)
    expect(b.routines.getState().routines.map((r) => r.name)).toEqual(['Desk break'])
    expect(b.view().history.checkIns).toHaveLength(1)
  })

  it('a file with only routines new to this device can still be imported', async () => {
    const a = await newDevice()
    a.routines.getState().save({ name: 'Desk break', stretches: ['bridge'] })
    const text = (await a.progress.exportBackupText())!
    a.routines.getState().remove(a.routines.getState().routines[0]!.id)
    const prepared = await a.progress.prepareImport(text)
    expect(prepared.ok && prepared.plan.ownRoutines.plan.toAdd).toHaveLength(1)
    if (!prepared.ok) return
    expect(await a.progress.commitImport(prepared.plan)).toBe(true)
    expect(a.routines.getState().routines.map((r) => r.name)).toEqual(['Desk break'])
  })

  it('when the records cannot be written, the routines are not added either', async () => {
    const a = await newDevice()
    a.routines.getState().save({ name: 'Desk break', stretches: ['bridge'] })
    await a.progress.recordPainCheckIn(4)
    const text = (await a.progress.exportBackupText())!
    const b = await newDevice()
    const prepared = await b.progress.prepareImport(text)
    if (!prepared.ok) throw new Error(prepared.message)
    // A record the database refuses (no id to key it by) fails the one transaction.
    const broken = {
      ...prepared.plan,
      toAdd: {
        ...prepared.plan.toAdd,
        checkIns: [{ ...prepared.plan.toAdd.checkIns[0]!, id: undefined as never }],
      },
    }
    expect(await b.progress.commitImport(broken)).toBe(false)
    expect(b.view().notice?.kind).toBe('error')
    expect(b.routines.getState().routines).toEqual([])
    expect(b.storage.data.size).toBe(0)
  })
})

// Raw IndexedDB reads for the progress browser tests: what the app stored, seen
// without going through the app.
import type { Page } from '@playwright/test'

/** The app's progress database (src/services/storage/progressDb.ts). */
export const DB = 'stretchcoach-progress'

/** Row counts per object store, read with raw IndexedDB (not through the app). */
export async function storeCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onerror = () => reject(req.error)
        req.onsuccess = () => {
          const db = req.result
          const names = [...db.objectStoreNames]
          const out: Record<string, number> = {}
          if (names.length === 0) return resolve(out)
          const tx = db.transaction(names, 'readonly')
          for (const n of names) {
            const r = tx.objectStore(n).count()
            r.onsuccess = () => (out[n] = r.result)
          }
          tx.oncomplete = () => {
            db.close()
            resolve(out)
          }
        }
      }),
    DB,
  )
}

import { describe, expect, it } from 'vitest'
import { openTabSync } from '../../../src/services/storage/tabSync.ts'

describe('tab sync', () => {
  it('another tab hears "changed"; the writer does not hear itself', async () => {
    let heardByOther = 0
    let heardByWriter = 0
    const writer = openTabSync(() => (heardByWriter += 1))
    const other = openTabSync(() => (heardByOther += 1))
    writer.announce()
    await new Promise((r) => setTimeout(r, 50))
    expect(heardByOther).toBe(1)
    expect(heardByWriter).toBe(0)
    writer.close()
    other.close()
  })
})

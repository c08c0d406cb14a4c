/** Small builders of history records for the history and storage tests. */
import type { StretchId } from '../../../src/core/stretches.ts'
import type { StretchResult } from '../../../src/core/result.ts'
import { stampAt } from '../../../src/core/history/civilDate.ts'
import type {
  History,
  PainCheckInRecord,
  SessionRecord,
  StretchRecord,
} from '../../../src/core/history/records.ts'

let counter = 0

/** A scored result; completed and pain-free unless told otherwise. */
export function result(
  stretch: StretchId,
  over: Partial<StretchResult> = {},
  side: { range?: number; stability?: number; score?: number } = {},
): StretchResult {
  const score = side.score ?? over.score ?? 80
  return {
    stretch,
    engineVersion: 'test-1',
    completed: true,
    sides: {
      both: {
        holdSeconds: 30,
        reps: null,
        range: side.range ?? 0.9,
        stability: side.stability ?? 0.8,
        score,
      },
    },
    score,
    trackedFraction: 1,
    skippedFrames: 0,
    pain: false,
    ...over,
  }
}

/** A stored stretch record finished at `utc` in `zone`. */
export function rec(
  stretch: StretchId,
  utc: string,
  zone = 'UTC',
  over: Partial<StretchResult> = {},
  sessionId = 's-' + utc.slice(0, 10),
  routineId = 'custom',
  side: { range?: number; stability?: number; score?: number } = {},
): StretchRecord {
  counter += 1
  return {
    schemaVersion: 1,
    id: `r-${counter}`,
    sessionId,
    routineId,
    result: result(stretch, over, side),
    at: stampAt(Date.parse(utc), zone),
  }
}

/** A pain check-in. */
export function checkIn(pain: number, utc: string, zone = 'UTC'): PainCheckInRecord {
  counter += 1
  return {
    schemaVersion: 1,
    id: `c-${counter}`,
    sessionId: null,
    pain,
    moment: 'anytime',
    at: stampAt(Date.parse(utc), zone),
  }
}

/** A finished session. */
export function session(
  id: string,
  routineId: string,
  startUtc: string,
  painBefore: number | null,
  painAfter: number | null,
  zone = 'UTC',
): SessionRecord {
  const start = Date.parse(startUtc)
  return {
    schemaVersion: 1,
    id,
    routineId,
    start: stampAt(start, zone),
    end: stampAt(start + 15 * 60_000, zone),
    painBefore,
    painAfter,
    stoppedForPain: false,
  }
}

export const FIVE: StretchId[] = [
  'childs-pose',
  'cat-cow',
  'knee-to-chest',
  'supine-twist',
  'childs-pose-side',
]

/** Completed stretches (five different ones by default) starting at the instant `utcStart`, one minute apart, stamped in `zone`. */
export function countedDay(
  utcStart: string,
  zone = 'UTC',
  stretches: StretchId[] = FIVE,
  routineId = 'custom',
  sessionId?: string,
): StretchRecord[] {
  const t0 = Date.parse(utcStart)
  return stretches.map((s, i) =>
    rec(
      s,
      new Date(t0 + i * 60_000).toISOString(),
      zone,
      {},
      sessionId ?? 's-' + utcStart,
      routineId,
    ),
  )
}

/** A history from parts. */
export function hist(
  results: StretchRecord[] = [],
  checkIns: PainCheckInRecord[] = [],
  sessions: SessionRecord[] = [],
): History {
  return { results, sessions, checkIns }
}

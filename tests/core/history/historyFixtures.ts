/** Small builders of history records for the history and storage tests. */
import type { StretchId } from '../../../src/core/stretches.ts'
import type { StretchResult } from '../../../src/core/result.ts'
import { stampAt } from '../../../src/core/history/civilDate.ts'
import { headsetOutcome, SCHEMA_VERSION } from '../../../src/core/history/records.ts'
import type {
  FollowedSide,
  History,
  PainCheckInRecord,
  SessionRecord,
  StretchOutcome,
  StretchRecord,
  StretchSource,
  StretchTargets,
} from '../../../src/core/history/records.ts'
import type { Stamp } from '../../../src/core/history/civilDate.ts'

let counter = 0

/** The default target of a 30 s hold. */
export const HOLD_30: StretchTargets = { holdSeconds: 30, reps: null }

/**
 * A stored stretch measured in the headset, as version 2 writes it: source,
 * outcome (from the result), stretch (the result's) and target filled in.
 * Every test that needs a headset record builds it here.
 */
export function headsetRecord(parts: {
  id: string
  sessionId: string
  routineId: string
  result: StretchResult
  at: Stamp
  targets?: StretchTargets | null
}): StretchRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: parts.id,
    sessionId: parts.sessionId,
    routineId: parts.routineId,
    stretch: parts.result.stretch,
    source: 'headset',
    outcome: headsetOutcome(parts.result),
    targets: parts.targets === undefined ? HOLD_30 : parts.targets,
    result: parts.result,
    followed: null,
    at: parts.at,
  }
}

/** A stretch followed on the desktop and marked `outcome`, finished at `utc` in `zone`. */
export function desktopRec(
  stretch: StretchId,
  utc: string,
  outcome: Exclude<StretchOutcome, 'partial'> = 'completed',
  zone = 'UTC',
  sessionId = 'd-' + utc.slice(0, 10),
  routineId = 'custom',
  followed: Partial<Record<'left' | 'right' | 'both', FollowedSide>> = {
    both: { seconds: outcome === 'completed' ? 30 : 4, reps: null },
  },
  targets: StretchTargets = HOLD_30,
): StretchRecord {
  counter += 1
  return {
    schemaVersion: SCHEMA_VERSION,
    id: `d-${counter}`,
    sessionId,
    routineId,
    stretch,
    source: 'desktop',
    outcome,
    targets,
    result: null,
    followed,
    at: stampAt(Date.parse(utc), zone),
  }
}

/** The same stretch record as version 1 stored it (no source, outcome, target or top-level stretch). */
export function asV1(r: StretchRecord): Record<string, unknown> {
  if (r.source !== 'headset') throw new Error('version 1 had only headset stretches')
  return {
    schemaVersion: 1,
    id: r.id,
    sessionId: r.sessionId,
    routineId: r.routineId,
    result: r.result,
    at: r.at,
  }
}

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

/** A stored stretch measured in the headset, finished at `utc` in `zone`. */
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
  return headsetRecord({
    id: `r-${counter}`,
    sessionId,
    routineId,
    result: result(stretch, over, side),
    at: stampAt(Date.parse(utc), zone),
  })
}

/** A pain check-in. */
export function checkIn(pain: number, utc: string, zone = 'UTC'): PainCheckInRecord {
  counter += 1
  return {
    schemaVersion: SCHEMA_VERSION,
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
  source: StretchSource = 'headset',
): SessionRecord {
  const start = Date.parse(startUtc)
  return {
    schemaVersion: SCHEMA_VERSION,
    source,
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

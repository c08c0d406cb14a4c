/**
 * The achievements: data (id, title, how to earn, category) plus one pure
 * predicate each over the history and its streak report. A stretch stopped for
 * pain is never part of any of them: it neither earns nor spoils one. A
 * stretch followed on the desktop and marked done counts for the first steps,
 * consistency and habit ones (it is practice), never for mastery: nothing was
 * measured, so it can neither reach a score nor complete "all ten".
 */
import { routineById, SINGLE_STRETCH_PREFIX, STRETCH_IDS, type StretchId } from '../stretches.ts'
import { civilDaysBetween, localHourOf } from './civilDate.ts'
import type { History, SessionRecord, StretchRecord } from './records.ts'
import type { StretchResult } from '../result.ts'
import { computeStreaks, type StreakReport } from './streak.ts'

/** Where an achievement sits in the gallery. */
export type AchievementCategory = 'first-steps' | 'consistency' | 'mastery' | 'habits'

/** What the predicates look at, computed once per evaluation. */
export interface AchievementContext {
  history: History
  report: StreakReport
  /** completed stretches of either source (headset or followed on the desktop), pain stops left out */
  completed: StretchRecord[]
  /** the completed stretches measured in the headset: the only ones mastery reads */
  measured: MeasuredRecord[]
  /** per session id: the completed stretches in it (either source) */
  bySession: Map<string, StretchRecord[]>
  /** per session id: the completed stretches measured in the headset */
  measuredBySession: Map<string, MeasuredRecord[]>
  /** counted dates, ascending */
  countedDates: string[]
}

/** One achievement: data for the gallery plus its predicate. */
export interface Achievement {
  readonly id: string
  readonly title: string
  /** shown on a locked badge: what to do to earn it */
  readonly howToEarn: string
  readonly category: AchievementCategory
  /** a short symbol for the badge (text, not an image file) */
  readonly glyph: string
  readonly earned: (ctx: AchievementContext) => boolean
}

/** A completed result with every side at or above this stability earns "steady hold". */
export const STEADY_STABILITY = 0.95
/** Range is capped at 1 when the median reaches the target: exactly 1 on every side earns "full range". */
export const FULL_RANGE = 1
/** Every stretch of a routine at or above this score makes it flawless. */
export const FLAWLESS_SCORE = 90
/** Local hour before which a routine is a morning one, and from which it is an evening one. */
export const MORNING_BEFORE_HOUR = 12
export const EVENING_FROM_HOUR = 17
/** Dates on which the morning (evening) routine must be done at the right time of day. */
export const HABIT_DATES = 5
/** Calendar dates of break that make a counted date a comeback. */
export const COMEBACK_BREAK_DAYS = 7

/** A stretch record measured in the headset, with its result. */
export type MeasuredRecord = StretchRecord & { result: StretchResult }

function isMeasured(r: StretchRecord): r is MeasuredRecord {
  return r.source === 'headset' && r.result !== null
}

function groupBySession<T extends StretchRecord>(list: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const r of list) {
    const group = out.get(r.sessionId)
    if (group) group.push(r)
    else out.set(r.sessionId, [r])
  }
  return out
}

/** Builds the context the predicates read. */
export function buildAchievementContext(
  history: History,
  report: StreakReport,
): AchievementContext {
  const completed = history.results.filter((r) => r.outcome === 'completed')
  const measured = completed.filter(isMeasured)
  return {
    history,
    report,
    completed,
    measured,
    bySession: groupBySession(completed),
    measuredBySession: groupBySession(measured),
    countedDates: [...report.counted].sort(),
  }
}

function routineStretches(routineId: string): readonly StretchId[] | null {
  // One stretch sent as a link is practice, not a routine: it earns no routine achievement.
  if (routineId.startsWith(SINGLE_STRETCH_PREFIX)) return null
  return routineById(routineId)?.stretches ?? null
}

// Several achievements look at the full routines of the same context: find them once.
const fullRoutinesOf = new WeakMap<AchievementContext, Map<string, StretchRecord[][]>>()

/** The sessions' completed stretches (either source) that cover their whole built-in routine. */
function fullRoutines(ctx: AchievementContext, routineFilter?: string): StretchRecord[][] {
  return cachedRoutines(ctx, routineFilter ?? '', () =>
    findFullRoutines(ctx.bySession, routineFilter),
  )
}

/** The sessions whose whole built-in routine was completed and measured in the headset. */
function measuredFullRoutines(ctx: AchievementContext): MeasuredRecord[][] {
  // A key no routine id has (ids are never empty): the measured-only list.
  return cachedRoutines(ctx, ' measured', () =>
    findFullRoutines(ctx.measuredBySession),
  ) as MeasuredRecord[][]
}

function cachedRoutines(
  ctx: AchievementContext,
  key: string,
  find: () => StretchRecord[][],
): StretchRecord[][] {
  let known = fullRoutinesOf.get(ctx)
  if (!known) {
    known = new Map()
    fullRoutinesOf.set(ctx, known)
  }
  let out = known.get(key)
  if (!out) {
    out = find()
    known.set(key, out)
  }
  return out
}

function findFullRoutines<T extends StretchRecord>(
  bySession: Map<string, T[]>,
  routineFilter?: string,
): T[][] {
  const out: T[][] = []
  for (const list of bySession.values()) {
    const routineId = list[0]!.routineId
    if (routineFilter && routineId !== routineFilter) continue
    const needed = routineStretches(routineId)
    if (!needed) continue
    const done = new Set(list.map((r) => r.stretch))
    if (needed.every((s) => done.has(s))) out.push(list.filter((r) => needed.includes(r.stretch)))
  }
  return out
}

function sides(r: MeasuredRecord) {
  return Object.values(r.result.sides).filter((s) => s !== undefined)
}

/** Whether some date holds all ten stretches completed and measured in the headset. */
function measuredDoubleDay(ctx: AchievementContext): boolean {
  const byDate = new Map<string, Set<StretchId>>()
  for (const r of ctx.measured) {
    let done = byDate.get(r.at.localDate)
    if (!done) {
      done = new Set()
      byDate.set(r.at.localDate, done)
    }
    done.add(r.stretch)
    if (done.size >= STRETCH_IDS.length) return true
  }
  return false
}

/** Whether the routine was finished within the hours on `HABIT_DATES` different dates (stops looking once it was). */
function isHabit(
  ctx: AchievementContext,
  routineId: string,
  inWindow: (hour: number) => boolean,
): boolean {
  const dates = new Set<string>()
  for (const list of fullRoutines(ctx, routineId)) {
    const last = list.reduce((a, b) => (Date.parse(a.at.utc) >= Date.parse(b.at.utc) ? a : b))
    if (dates.has(last.at.localDate)) continue
    if (inWindow(localHourOf(Date.parse(last.at.utc), last.at.timeZone)))
      dates.add(last.at.localDate)
    if (dates.size >= HABIT_DATES) return true
  }
  return false
}

function streakOf(n: number, glyph: string): Achievement {
  return {
    id: `streak-${n}`,
    title: `${n}-day streak`,
    howToEarn: `Keep a streak going for ${n} counted days (five different stretches a day).`,
    category: 'consistency',
    glyph,
    earned: (ctx) => ctx.report.best >= n,
  }
}

function relievedSessions(sessions: SessionRecord[]): number {
  return sessions.filter(
    (s) => s.painBefore !== null && s.painAfter !== null && s.painAfter < s.painBefore,
  ).length
}

/** The gallery, in display order. */
export const ACHIEVEMENTS: readonly Achievement[] = [
  {
    id: 'first-stretch',
    title: 'First stretch',
    howToEarn: 'Complete any one stretch.',
    category: 'first-steps',
    glyph: '1',
    earned: (ctx) => ctx.completed.length > 0,
  },
  {
    id: 'first-routine',
    title: 'First full routine',
    howToEarn:
      'Complete every stretch of Morning mobility, Evening activation or All ten in one session.',
    category: 'first-steps',
    glyph: 'R',
    earned: (ctx) => fullRoutines(ctx).length > 0,
  },
  streakOf(3, '3'),
  streakOf(7, '7'),
  streakOf(14, '14'),
  streakOf(30, '30'),
  streakOf(100, '100'),
  {
    id: 'twenty-in-four-weeks',
    title: 'Twenty in four weeks',
    howToEarn:
      'Have 20 counted days within any 28 days in a row: about the time relief takes to build.',
    category: 'consistency',
    glyph: '20',
    earned: (ctx) => {
      const d = ctx.countedDates
      let j = 0
      for (let i = 0; i < d.length; i++) {
        while (civilDaysBetween(d[j]!, d[i]!) > 27) j++
        if (i - j + 1 >= 20) return true
      }
      return false
    },
  },
  {
    id: 'ten-good-days',
    title: 'Ten good days',
    howToEarn: 'Have 10 counted days in total, in a row or not.',
    category: 'consistency',
    glyph: '10',
    earned: (ctx) => ctx.countedDates.length >= 10,
  },
  {
    id: 'fifty-good-days',
    title: 'Fifty good days',
    howToEarn: 'Have 50 counted days in total, in a row or not.',
    category: 'consistency',
    glyph: '50',
    earned: (ctx) => ctx.countedDates.length >= 50,
  },
  {
    id: 'comeback',
    title: 'Welcome back',
    howToEarn: `Count a day again after a break of ${COMEBACK_BREAK_DAYS} days or more.`,
    category: 'consistency',
    glyph: '↺',
    earned: (ctx) => {
      const d = ctx.countedDates
      for (let i = 1; i < d.length; i++)
        if (civilDaysBetween(d[i - 1]!, d[i]!) > COMEBACK_BREAK_DAYS) return true
      return false
    },
  },
  {
    id: 'all-ten',
    title: 'All ten',
    howToEarn: 'Complete each of the ten stretches at least once.',
    category: 'mastery',
    glyph: '✦',
    earned: (ctx) => {
      const done = new Set(ctx.measured.map((r) => r.stretch))
      return STRETCH_IDS.every((s) => done.has(s))
    },
  },
  {
    id: 'double-day',
    title: 'Double day',
    howToEarn: 'Complete all ten stretches on one date: the morning and the evening routine.',
    category: 'mastery',
    glyph: '2×',
    // The calendar's double days may include desktop stretches; mastery needs them measured.
    earned: (ctx) => ctx.report.doubles.size > 0 && measuredDoubleDay(ctx),
  },
  {
    id: 'steady-hold',
    title: 'Steady hold',
    howToEarn: `Complete a stretch with a steadiness of ${Math.round(STEADY_STABILITY * 100)} % or more on every side.`,
    category: 'mastery',
    glyph: '≡',
    earned: (ctx) =>
      ctx.measured.some((r) => {
        const s = sides(r)
        return s.length > 0 && s.every((x) => x.stability >= STEADY_STABILITY)
      }),
  },
  {
    id: 'full-range',
    title: 'Full range',
    howToEarn: 'Complete a stretch reaching its whole target range (100 %) on every side.',
    category: 'mastery',
    glyph: '↔',
    earned: (ctx) =>
      ctx.measured.some((r) => {
        const s = sides(r)
        return s.length > 0 && s.every((x) => x.range >= FULL_RANGE)
      }),
  },
  {
    id: 'perfect-score',
    title: 'Top marks',
    howToEarn: 'Score 100 on any stretch.',
    category: 'mastery',
    glyph: '★',
    earned: (ctx) => ctx.measured.some((r) => r.result.score >= 100),
  },
  {
    id: 'flawless-routine',
    title: 'Flawless routine',
    howToEarn: `Complete Morning mobility, Evening activation or All ten in one session with every stretch scoring ${FLAWLESS_SCORE} or more.`,
    category: 'mastery',
    glyph: '◆',
    earned: (ctx) =>
      measuredFullRoutines(ctx).some((list) => list.every((r) => r.result.score >= FLAWLESS_SCORE)),
  },
  {
    id: 'morning-habit',
    title: 'Morning habit',
    howToEarn: `Finish the morning mobility routine before noon on ${HABIT_DATES} different days.`,
    category: 'habits',
    glyph: '☀',
    earned: (ctx) => isHabit(ctx, 'morning-mobility', (h) => h < MORNING_BEFORE_HOUR),
  },
  {
    id: 'evening-habit',
    title: 'Evening habit',
    howToEarn: `Finish the evening activation routine after 5 pm on ${HABIT_DATES} different days.`,
    category: 'habits',
    glyph: '☾',
    earned: (ctx) => isHabit(ctx, 'evening-activation', (h) => h >= EVENING_FROM_HOUR),
  },
  {
    id: 'feeling-better',
    title: 'Feeling better',
    howToEarn: 'Finish 5 sessions with less pain after than before.',
    category: 'habits',
    glyph: '♥',
    earned: (ctx) => relievedSessions(ctx.history.sessions) >= 5,
  },
]

/** The ids of the achievements the history has earned at `nowMs` in `timeZone`. */
export function earnedAchievementIds(history: History, nowMs: number, timeZone: string): string[] {
  const ctx = buildAchievementContext(history, computeStreaks(history, nowMs, timeZone))
  return ACHIEVEMENTS.filter((a) => a.earned(ctx)).map((a) => a.id)
}

/** An achievement by id, or undefined for an unknown id (e.g. from a newer backup). */
export function achievementById(id: string): Achievement | undefined {
  return ACHIEVEMENTS.find((a) => a.id === id)
}

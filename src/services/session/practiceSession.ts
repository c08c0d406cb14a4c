/**
 * A routine on the desktop: the desktop runner (core/session/desktopRunner.ts)
 * wired to storage, the coach director, the cues played aloud and the
 * practice store the page reads. The page creates one per checked-in routine;
 * the scene's frame loop calls stepPractice. No module-level state.
 */
import { BREATH_INHALING, readBreath } from '../../core/session/breathing.ts'
import {
  type CoachDirector,
  coachRepsDone,
  createCoachDirector,
  createDirectorInput,
  type DirectorInput,
  INPUT_VIEWER_KNOWN,
  INPUT_VIEWER_X,
  INPUT_VIEWER_Y,
  INPUT_VIEWER_Z,
  updateCoachDirector,
} from '../../core/session/coachDirector.ts'
import {
  canMark,
  createDesktopRunner,
  desktopCueOf,
  desktopNext,
  desktopSide,
  desktopStretch,
  DESKTOP_QUICK_TIMING,
  DESKTOP_TIMING,
  endDesktop,
  markDesktopStretch,
  painDesktop,
  pauseDesktop,
  readDesktopDirectorInput,
  resumeDesktop,
  skipDesktop,
  stepDesktopRunner,
  type DesktopMark,
  type DesktopRunner,
  type SaveFollowed,
} from '../../core/session/desktopRunner.ts'
import { CLOCK_SESSION } from '../../core/session/runner.ts'
import { confirmPrompt, phasePrompt } from '../../core/session/sessionTexts.ts'
import type { Routine } from '../../core/stretches.ts'
import { getCuePlayer, type CuePlayer } from '../cues/cuePlayer.ts'
import { usePracticeStore, type PracticeMarkSummary, type PracticeState } from './practiceStore.ts'
import type { PreparedSession } from './sessionStore.ts'

/** What a desktop routine needs to start. */
export interface PracticeSessionOptions {
  prepared: PreparedSession
  routine: Routine
  /** a short test hold (s) from ?holdSeconds=, which also shortens the pauses; null for the real pace */
  testHoldSeconds: number | null
  /** stores a followed stretch (the progress storage in the app; a fake in tests) */
  save: SaveFollowed
  /** the cue player (the page's in the app) */
  player?: CuePlayer
}

/** A running desktop routine. */
export interface PracticeSession {
  readonly options: PracticeSessionOptions
  readonly runner: DesktopRunner
  readonly director: CoachDirector
  readonly input: DirectorInput
  readonly player: CuePlayer
  /** the breathing pacer's reading (readBreath) and its last state (1 in, 0 out, −1 not breathing) */
  readonly num: Float64Array
  /**
   * Where the person at the screen is (the camera), in the coach's frame (fractions of H:
   * x left, y up, z ahead) and [3] 1 when known: the scene writes it, the coach looks there
   * when it speaks to them.
   */
  readonly viewer: Float64Array
  breath: number
  /** what was last said for a step, so an edge that changes nothing says nothing */
  lastPrompt: string
  ended: boolean
}

/** Creates the routine (its clock starts with the first stepPractice). */
export function createPracticeSession(options: PracticeSessionOptions): PracticeSession {
  const quick = options.testHoldSeconds !== null
  // edges before ps exists (none: the runner raises its first on the first step) are dropped
  let self: PracticeSession | null = null
  const runner = createDesktopRunner({
    routine: options.routine,
    sessionId: options.prepared.sessionId,
    holdSeconds: quick ? options.testHoldSeconds : options.prepared.holdSeconds,
    timing: quick ? DESKTOP_QUICK_TIMING : DESKTOP_TIMING,
    save: options.save,
    onEdge: () => {
      if (self) onEdge(self)
    },
  })
  const ps: PracticeSession = {
    options,
    runner,
    director: createCoachDirector(),
    input: createDirectorInput(),
    player: options.player ?? getCuePlayer(),
    num: new Float64Array(2),
    viewer: new Float64Array(4),
    breath: -1,
    lastPrompt: '',
    ended: false,
  }
  self = ps
  usePracticeStore.setState({
    status: 'running',
    routineId: options.routine.id,
    routineName: options.routine.name,
    stretchCount: options.routine.stretches.length,
    marks: [],
    endSave: null,
    painAfter: null,
  })
  // the store now; the first step is said with the first frame (a page may create and drop one)
  syncStore(ps)
  return ps
}

function summaryOf(m: DesktopMark): PracticeMarkSummary {
  return {
    stretch: m.stretch,
    outcome: m.outcome,
    targets: m.targets,
    followed: m.followed,
    save: m.save,
    message: m.message,
  }
}

/** Every runner edge: the store (only what changed) and the spoken step. */
function onEdge(ps: PracticeSession): void {
  syncStore(ps)
  sayStep(ps)
}

/** Copies the runner's edge state into the practice store: only what changed, in one update. */
function syncStore(ps: PracticeSession): void {
  const r = ps.runner
  const s = usePracticeStore.getState()
  const patch: Partial<PracticeState> = {}
  const stretch = desktopStretch(r)
  const side = desktopSide(r)
  const next = desktopNext(r)
  const status = r.finished ? 'finished' : 'running'
  if (s.status !== status) patch.status = status
  if (s.stretchIndex !== r.stretchIndex) patch.stretchIndex = r.stretchIndex
  if (s.stretch !== stretch) patch.stretch = stretch
  if (s.side !== side) patch.side = side
  if (s.next !== next) patch.next = next
  if (s.phase !== r.phase) patch.phase = r.phase
  if (s.confirming !== r.confirming) patch.confirming = r.confirming
  if (s.canMark !== canMark(r)) patch.canMark = canMark(r)
  if (s.paused !== r.paused) patch.paused = r.paused
  if (s.stoppedForPain !== r.stoppedForPain) patch.stoppedForPain = r.stoppedForPain
  if (s.pendingSaves !== r.pendingSaves) patch.pendingSaves = r.pendingSaves
  const marks = r.marks
  let changed = marks.length !== s.marks.length
  for (let i = 0; !changed && i < marks.length; i++)
    changed = marks[i]!.save !== s.marks[i]!.save || marks[i]!.message !== s.marks[i]!.message
  if (changed) patch.marks = marks.map(summaryOf)
  if (Object.keys(patch).length > 0) usePracticeStore.setState(patch)
}

/** Says the step once when it changes; not the hold (its sound says it). */
function sayStep(ps: PracticeSession): void {
  const r = ps.runner
  const stretch = desktopStretch(r)
  const side = desktopSide(r)
  const key = `${r.phase}|${r.confirming}|${stretch ?? ''}|${side ?? ''}|${r.finished}`
  if (key !== ps.lastPrompt) {
    ps.lastPrompt = key
    const text = r.confirming
      ? confirmPrompt(stretch)
      : r.phase === 'hold'
        ? ''
        : phasePrompt(r.phase, stretch, side, r.stoppedForPain)
    if (text) ps.player.say(text)
  }
}

/**
 * One animation frame of the routine, `dtS` seconds after the last: the
 * runner (its repetitions counted by the coach's), then the coach, then the
 * cues and the breathing pacer's sound.
 */
export function stepPractice(ps: PracticeSession, dtS: number): void {
  if (ps.ended) return
  const r = ps.runner
  // the routine's first step is said as its first frame comes
  if (ps.lastPrompt === '') sayStep(ps)
  stepDesktopRunner(r, dtS, coachRepsDone(ps.director))
  readDesktopDirectorInput(ps.input, r)
  const n = ps.input.num
  n[INPUT_VIEWER_X] = ps.viewer[0]!
  n[INPUT_VIEWER_Y] = ps.viewer[1]!
  n[INPUT_VIEWER_Z] = ps.viewer[2]!
  n[INPUT_VIEWER_KNOWN] = ps.viewer[3]!
  updateCoachDirector(ps.director, ps.input)
  for (let i = 0; i < r.cueCount; i++) {
    const kind = desktopCueOf(r.cues[i]!)
    // the stretch's chime says the hold is complete too: one sound, as in the headset
    if (
      kind === 'holdComplete' &&
      i + 1 < r.cueCount &&
      desktopCueOf(r.cues[i + 1]!) === 'stretchDone'
    )
      continue
    ps.player.cue(kind)
  }
  for (let k = 0; k < r.ticks; k++) ps.player.tick()
  r.cueCount = 0
  r.ticks = 0
  const breathing = (r.phase === 'hold' || r.phase === 'reps') && !r.paused && !r.finished
  readBreath(ps.num, 0, r.clock, CLOCK_SESSION)
  const b = breathing ? ps.num[BREATH_INHALING]! : -1
  if (b !== ps.breath) {
    ps.breath = b
    if (b >= 0) ps.player.breath(b === 1)
  }
}

/** "Mark as done" or "Mark as skipped" for the stretch on show. */
export function practiceMark(ps: PracticeSession, outcome: 'completed' | 'skipped'): void {
  markDesktopStretch(ps.runner, outcome)
}

/** Moves on to the next step (see skipDesktop). */
export function practiceSkip(ps: PracticeSession): void {
  skipDesktop(ps.runner)
}

/** Pauses, or resumes when paused. */
export function practiceTogglePause(ps: PracticeSession): void {
  const r = ps.runner
  if (r.paused) resumeDesktop(r)
  else pauseDesktop(r)
  ps.player.say(r.paused ? 'Paused.' : 'Carry on.')
}

/** Stop for pain: the stretch under way is saved as stopped for pain, and the routine ends. */
export function practiceStopForPain(ps: PracticeSession): void {
  painDesktop(ps.runner)
}

/** The user ends the routine early (what was marked is kept). */
export function practiceEnd(ps: PracticeSession): void {
  endDesktop(ps.runner)
}

/** The pain check-out after the routine (0–10, or null to skip): saved with the session's end. */
export async function practiceCheckOut(
  ps: PracticeSession,
  painAfter: number | null,
): Promise<void> {
  const { prepared } = ps.options
  usePracticeStore.setState({ painAfter, endSave: 'saving' })
  if (prepared.sessionId === null) {
    usePracticeStore.setState({ endSave: 'failed' })
    return
  }
  try {
    const { endSession } = await import('../storage/progress.ts')
    const out = await endSession(prepared.sessionId, painAfter, ps.runner.stoppedForPain)
    usePracticeStore.setState({ endSave: out.ok ? 'saved' : 'failed' })
  } catch {
    usePracticeStore.setState({ endSave: 'failed' })
  }
}

/** The page closed: the routine ends where it stood and falls silent. */
export function destroyPracticeSession(ps: PracticeSession): void {
  if (ps.ended) return
  endDesktop(ps.runner)
  ps.ended = true
  ps.player.silence()
}

/**
 * The desktop routine's runner: the headset routine's phases (demonstrate →
 * get into position → hold or repetitions, per side, left first → switch side
 * → rest → next) on a computer, where nothing measures the user. The clocks
 * run on real time instead of on what the headset sees: getting into position
 * lasts as long as the coach takes to get there, a hold ends when its timer
 * runs out, repetitions when the coach has done the target count. At the end
 * of each stretch the routine waits for the user's word, "Mark as done" or
 * "Mark as skipped" (either may come early, ending the stretch there), and
 * saves the stretch as followed on the desktop: no score, range or
 * steadiness, only the outcome, the target and how far the timers ran.
 *
 * The clock slots are the headset runner's (CLOCK_PHASE, CLOCK_SESSION), so
 * the coach director and the breathing pacer read both the same way.
 *
 * Plain logic: no React, three or stores. `stepDesktopRunner` allocates
 * nothing unless an edge happens (a phase change, a marked stretch).
 */
import type { Phase } from '../phase.ts'
import type { Side } from '../result.ts'
import { STRETCHES, sidesOf, type Routine, type StretchId } from '../stretches.ts'
import {
  INPUT_CLOCK_S,
  INPUT_DURATION_S,
  INPUT_PHASE_S,
  type DirectorInput,
} from './coachDirector.ts'
import { INTO_POSE_S } from './coachScript.ts'
import { LAST_SECONDS } from './cues.ts'
import {
  CLOCK_PHASE,
  CLOCK_SESSION,
  demonstrateSeconds,
  MAX_CLOCK_STEP_S,
  NORMAL_TIMING,
  QUICK_TIMING,
  trackSave,
  type RunnerTiming,
  type SaveStatus,
} from './runner.ts'

/** The desktop's timing: the headset's, plus how long getting into position lasts (nothing sees the user arrive). */
export interface DesktopTiming extends RunnerTiming {
  /** seconds for getting into position, at least the coach's own move into the pose */
  intoPositionS: number
}

/** A real routine's pace on the desktop. */
export const DESKTOP_TIMING: DesktopTiming = {
  ...NORMAL_TIMING,
  intoPositionS: INTO_POSE_S + 3,
} as const
/** The pace with short test holds (?holdSeconds=). */
export const DESKTOP_QUICK_TIMING: DesktopTiming = { ...QUICK_TIMING, intoPositionS: 1.5 } as const

/** How a stretch followed on the desktop ended. */
export type DesktopOutcome = 'completed' | 'skipped' | 'stopped-for-pain'

/** The target a stretch is done against (per side): a hold in seconds, or repetitions. */
export interface DesktopTargets {
  holdSeconds: number | null
  reps: number | null
}

/** How far the desktop's timers ran on one side: seconds of hold timer, or repetitions the coach did. */
export interface FollowedTally {
  seconds: number
  reps: number | null
}

/** What one stretch followed on the desktop came to, as it is saved. */
export interface DesktopMark {
  stretch: StretchId
  outcome: DesktopOutcome
  targets: DesktopTargets
  /** per side the user reached (a side never started is absent) */
  followed: Partial<Record<Side, FollowedTally>>
  save: SaveStatus
  /** the storage's message when the save failed */
  message: string | null
}

/** Stores one followed stretch; resolves (never rejects) with whether it was written. */
export type SaveFollowed = (input: {
  sessionId: string
  routineId: string
  stretch: StretchId
  outcome: DesktopOutcome
  targets: DesktopTargets
  followed: Partial<Record<Side, FollowedTally>>
}) => Promise<{ ok: true } | { ok: false; message: string }>

/** What a desktop runner needs. */
export interface DesktopRunnerOptions {
  routine: Routine
  /** the session record's id, or null when storage could not start one */
  sessionId: string | null
  /** the hold per side (s), null for the stretch's own */
  holdSeconds: number | null
  timing: DesktopTiming
  save: SaveFollowed
  /** called after every edge (phase, side, stretch, pause, a save settling, the end) */
  onEdge: (runner: DesktopRunner) => void
}

/** Cue codes the desktop raises (the same kinds as the headset's cues, CUE_KINDS order is not assumed). */
export const DESKTOP_CUES = [
  'inPosition',
  'lastFive',
  'holdComplete',
  'switchSide',
  'repCounted',
  'stretchDone',
] as const
/** A cue the desktop raises. */
export type DesktopCue = (typeof DESKTOP_CUES)[number]
const CUE_IN_POSITION = 0
const CUE_LAST_FIVE = 1
const CUE_HOLD_COMPLETE = 2
const CUE_SWITCH_SIDE = 3
const CUE_REP = 4
const CUE_STRETCH_DONE = 5
const MAX_CUES = 16

/** Index into DesktopRunner.clock: seconds the current side's hold timer has run. */
export const CLOCK_SIDE = 3

/** A routine on the desktop. Read its fields; change it only through the functions below. */
export interface DesktopRunner {
  readonly options: DesktopRunnerOptions
  stretchIndex: number
  sideIndex: number
  phase: Phase
  /** the current stretch's sides are over (or were ended): waiting for "Mark as done" or "Mark as skipped" */
  confirming: boolean
  /** [_, CLOCK_PHASE, CLOCK_SESSION, CLOCK_SIDE]: slot 0 is unused (the headset's frame time) */
  readonly clock: Float64Array
  /** the phase's length when it is timed, else 0 */
  phaseDurationS: number
  paused: boolean
  finished: boolean
  stoppedForPain: boolean
  /** seconds of hold timer per side of the current stretch (index into sidesOf) */
  readonly sideSeconds: Float64Array
  /** repetitions the coach did per side of the current stretch; −1 for a side not reached */
  readonly sideReps: Int32Array
  /**
   * cues raised since the consumer last cleared them (steps and actions both raise them):
   * `cueCount` codes into DESKTOP_CUES, and countdown ticks; the consumer plays them, then sets both to 0
   */
  readonly cues: Uint8Array
  cueCount: number
  ticks: number
  /** whole seconds left at the last countdown tick */
  lastTick: number
  readonly marks: DesktopMark[]
  pendingSaves: number
}

/** Creates a runner at the first stretch's demonstration. */
export function createDesktopRunner(options: DesktopRunnerOptions): DesktopRunner {
  const r: DesktopRunner = {
    options,
    stretchIndex: 0,
    sideIndex: 0,
    phase: 'demonstrate',
    confirming: false,
    clock: new Float64Array(4),
    phaseDurationS: 0,
    paused: false,
    finished: options.routine.stretches.length === 0,
    stoppedForPain: false,
    sideSeconds: new Float64Array(2),
    sideReps: Int32Array.of(-1, -1),
    cues: new Uint8Array(MAX_CUES),
    cueCount: 0,
    ticks: 0,
    lastTick: -1,
    marks: [],
    pendingSaves: 0,
  }
  if (r.finished) r.phase = 'done'
  else {
    r.phaseDurationS = durationOf(r, 'demonstrate')
    r.sideReps[0] = 0
  }
  return r
}

/** The stretch under way (or awaiting the user's word), or null once the routine is over. */
export function desktopStretch(r: DesktopRunner): StretchId | null {
  return r.finished ? null : (r.options.routine.stretches[r.stretchIndex] ?? null)
}

/** The side under way, or null once the routine is over. */
export function desktopSide(r: DesktopRunner): Side | null {
  const id = desktopStretch(r)
  return id === null ? null : (sidesOf(id)[r.sideIndex] ?? null)
}

/** The stretch after the current one, or null at the last. */
export function desktopNext(r: DesktopRunner): StretchId | null {
  return r.options.routine.stretches[r.stretchIndex + 1] ?? null
}

/** The target the current stretch is done against. */
export function desktopTargets(r: DesktopRunner, id: StretchId): DesktopTargets {
  const dose = STRETCHES[id].dose
  return dose.kind === 'hold'
    ? { holdSeconds: r.options.holdSeconds ?? dose.holdSeconds, reps: null }
    : { holdSeconds: null, reps: dose.reps }
}

/** Whether the user may mark the current stretch now: from its demonstration to the wait for their word. */
export function canMark(r: DesktopRunner): boolean {
  return !r.finished && (r.phase !== 'rest' || r.confirming)
}

function durationOf(r: DesktopRunner, phase: Phase): number {
  const timing = r.options.timing
  const id = desktopStretch(r)
  switch (phase) {
    case 'demonstrate':
      return id === null ? 0 : demonstrateSeconds(timing, r.options.routine, r.stretchIndex)
    case 'getIntoPosition':
      return timing.intoPositionS
    case 'hold':
      return id === null ? 0 : (desktopTargets(r, id).holdSeconds ?? 0)
    case 'switchSide':
      return timing.switchSideS
    case 'rest':
      return r.confirming ? 0 : timing.restS
    default:
      return 0
  }
}

function raise(r: DesktopRunner, code: number): void {
  if (r.cueCount >= MAX_CUES) return
  r.cues[r.cueCount] = code
  r.cueCount++
}

/** The cue of a code in DesktopRunner.cues. */
export function desktopCueOf(code: number): DesktopCue {
  return DESKTOP_CUES[code] ?? 'inPosition'
}

function setPhase(r: DesktopRunner, phase: Phase): void {
  r.phase = phase
  r.clock[CLOCK_PHASE] = 0
  r.phaseDurationS = durationOf(r, phase)
  r.options.onEdge(r)
}

/** The current side's timer starts: the hold or the repetitions. */
function startSide(r: DesktopRunner): void {
  const id = desktopStretch(r)
  if (id === null) return
  r.clock[CLOCK_SIDE] = 0
  r.lastTick = -1
  raise(r, CUE_IN_POSITION)
  setPhase(r, STRETCHES[id].dose.kind === 'reps' ? 'reps' : 'hold')
}

/** The current side is over (its timer ran out, or the user moved on): the next side, or the wait for the user's word. */
function endSide(r: DesktopRunner, reachedTarget: boolean): void {
  const id = desktopStretch(r)
  if (id === null) return
  if (r.sideIndex + 1 < sidesOf(id).length) {
    r.sideIndex++
    r.sideReps[r.sideIndex] = 0
    raise(r, CUE_SWITCH_SIDE)
    setPhase(r, 'switchSide')
    return
  }
  if (reachedTarget) raise(r, CUE_STRETCH_DONE)
  r.confirming = true
  setPhase(r, 'rest')
}

/**
 * Advances the routine by `dtS` seconds of real time (a stall counts at most
 * MAX_CLOCK_STEP_S); `coachReps` is how many repetitions the coach has finished
 * in the current repetitions phase (the coach sets the tempo, and the count
 * follows it). Raises this step's cues after any not yet taken.
 */
export function stepDesktopRunner(r: DesktopRunner, dtS: number, coachReps: number): void {
  if (!(dtS > 0) || r.paused) return
  const dt = Math.min(dtS, MAX_CLOCK_STEP_S)
  const clock = r.clock
  clock[CLOCK_SESSION] = clock[CLOCK_SESSION]! + dt
  clock[CLOCK_PHASE] = clock[CLOCK_PHASE]! + dt
  // the routine is over, but the clock runs on: the coach stands and breathes
  if (r.finished) return
  const elapsed = clock[CLOCK_PHASE]!
  switch (r.phase) {
    case 'demonstrate':
      if (elapsed >= r.phaseDurationS) setPhase(r, 'getIntoPosition')
      break
    case 'getIntoPosition':
      if (elapsed >= r.phaseDurationS) startSide(r)
      break
    case 'hold': {
      const held = clock[CLOCK_SIDE]! + dt
      clock[CLOCK_SIDE] = held
      r.sideSeconds[r.sideIndex] = held
      const left = r.phaseDurationS - held
      if (left <= 0) {
        raise(r, CUE_HOLD_COMPLETE)
        endSide(r, true)
      } else if (left <= LAST_SECONDS) {
        const second = Math.ceil(left)
        if (r.lastTick < 0) raise(r, CUE_LAST_FIVE)
        else if (second < r.lastTick) r.ticks++
        r.lastTick = second
      }
      break
    }
    case 'reps': {
      clock[CLOCK_SIDE] = clock[CLOCK_SIDE]! + dt
      r.sideSeconds[r.sideIndex] = clock[CLOCK_SIDE]!
      const id = desktopStretch(r)
      const target = id === null ? 0 : (desktopTargets(r, id).reps ?? 0)
      const done = Math.min(coachReps, target)
      for (let k = r.sideReps[r.sideIndex]!; k < done; k++) raise(r, CUE_REP)
      if (done > r.sideReps[r.sideIndex]!) r.sideReps[r.sideIndex] = done
      if (done >= target) endSide(r, true)
      break
    }
    case 'switchSide':
      if (elapsed >= r.phaseDurationS) setPhase(r, 'getIntoPosition')
      break
    case 'rest':
      if (!r.confirming && elapsed >= r.phaseDurationS) setPhase(r, 'demonstrate')
      break
    case 'done':
      break
  }
}

/** What the current stretch's timers ran to, per side reached. */
function followedOf(r: DesktopRunner, id: StretchId): Partial<Record<Side, FollowedTally>> {
  const sides = sidesOf(id)
  const reps = STRETCHES[id].dose.kind === 'reps'
  const out: Partial<Record<Side, FollowedTally>> = {}
  for (let i = 0; i < sides.length; i++) {
    if (r.sideReps[i]! < 0) continue
    out[sides[i]!] = {
      seconds: Math.round(r.sideSeconds[i]! * 10) / 10,
      reps: reps ? r.sideReps[i]! : null,
    }
  }
  return out
}

function saveMark(r: DesktopRunner, mark: DesktopMark): void {
  const { routine, save } = r.options
  trackSave(
    r,
    mark,
    r.options.sessionId,
    (sessionId) =>
      save({
        sessionId,
        routineId: routine.id,
        stretch: mark.stretch,
        outcome: mark.outcome,
        targets: mark.targets,
        followed: mark.followed,
      }),
    () => r.options.onEdge(r),
  )
}

/** Records the current stretch with this outcome and saves it. */
function recordMark(r: DesktopRunner, outcome: DesktopOutcome): void {
  const id = desktopStretch(r)
  if (id === null) return
  const mark: DesktopMark = {
    stretch: id,
    outcome,
    targets: desktopTargets(r, id),
    followed: followedOf(r, id),
    save: 'saving',
    message: null,
  }
  r.marks.push(mark)
  saveMark(r, mark)
}

function endRoutine(r: DesktopRunner): void {
  r.finished = true
  r.confirming = false
  r.phase = 'done'
  r.clock[CLOCK_PHASE] = 0
  r.phaseDurationS = 0
  r.options.onEdge(r)
}

/** On to the rest before the next stretch, or the routine's end after the last. */
function nextStretchOrEnd(r: DesktopRunner): void {
  if (r.stretchIndex + 1 >= r.options.routine.stretches.length) {
    endRoutine(r)
    return
  }
  r.stretchIndex++
  r.sideIndex = 0
  r.sideSeconds.fill(0)
  r.sideReps[0] = 0
  r.sideReps[1] = -1
  r.confirming = false
  r.paused = false
  setPhase(r, 'rest')
}

/**
 * The user's word on the current stretch: "Mark as done" (`completed`) or
 * "Mark as skipped" (`skipped`), at its end or early (the stretch ends there).
 * Nothing happens when no stretch may be marked now (canMark).
 */
export function markDesktopStretch(r: DesktopRunner, outcome: 'completed' | 'skipped'): void {
  if (!canMark(r)) return
  recordMark(r, outcome)
  nextStretchOrEnd(r)
}

/**
 * Moves on: from the demonstration or a side switch to getting into position,
 * from there straight into the hold, from a hold or repetitions to the next
 * side (or the wait for the user's word), from a rest to the next
 * demonstration. The wait for the user's word is only ended by marking.
 */
export function skipDesktop(r: DesktopRunner): void {
  if (r.finished) return
  switch (r.phase) {
    case 'demonstrate':
    case 'switchSide':
      setPhase(r, 'getIntoPosition')
      break
    case 'getIntoPosition':
      startSide(r)
      break
    case 'hold':
    case 'reps':
      endSide(r, false)
      break
    case 'rest':
      if (!r.confirming) setPhase(r, 'demonstrate')
      break
    case 'done':
      break
  }
}

/**
 * Stop for pain: the current stretch (or, in the rest before one, the stretch
 * coming) is saved as stopped for pain with what its timers ran, and the routine ends.
 */
export function painDesktop(r: DesktopRunner): void {
  if (r.finished) return
  r.stoppedForPain = true
  recordMark(r, 'stopped-for-pain')
  endRoutine(r)
}

/** The user ends the routine early: a stretch not marked yet is not saved (nothing was confirmed). */
export function endDesktop(r: DesktopRunner): void {
  if (r.finished) return
  endRoutine(r)
}

/** Pauses every clock (the timers, the coach, the pacer). */
export function pauseDesktop(r: DesktopRunner): void {
  if (r.finished || r.paused) return
  r.paused = true
  r.options.onEdge(r)
}

/** Resumes after a pause. */
export function resumeDesktop(r: DesktopRunner): void {
  if (r.finished || !r.paused) return
  r.paused = false
  r.options.onEdge(r)
}

/** Seconds left on the current timed step (hold, demonstration, rest, switch), or 0 when untimed. */
export function desktopSecondsLeft(r: DesktopRunner): number {
  if (r.finished || r.confirming) return 0
  const used = r.phase === 'hold' ? r.clock[CLOCK_SIDE]! : r.clock[CLOCK_PHASE]!
  return r.phase === 'reps' ? 0 : Math.max(0, r.phaseDurationS - used)
}

/** Fills the coach director's input from the desktop runner, as readDirectorInput does from the headset's. */
export function readDesktopDirectorInput(input: DirectorInput, r: DesktopRunner): void {
  const num = input.num
  input.stretch = desktopStretch(r)
  input.side = desktopSide(r) ?? 'both'
  input.phase = r.phase
  input.next = desktopNext(r)
  num[INPUT_PHASE_S] = r.clock[CLOCK_PHASE]!
  // only the demonstration is played to a length; the other phases' routes run at their own pace
  num[INPUT_DURATION_S] = r.phase === 'demonstrate' ? r.phaseDurationS : 0
  num[INPUT_CLOCK_S] = r.clock[CLOCK_SESSION]!
}

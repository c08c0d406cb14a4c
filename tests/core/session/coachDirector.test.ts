// The coach follows the session (issue 8, docs/product.md "The session"): driven
// by a real runner over synthetic motion, the coach always names the runner's
// stretch, side and phase (rest, side switch and the end included) and its
// body is on the runner's side when a hold ends; every demonstration reaches
// the pose before the demonstrate phase ends, at the real pace and played
// faster for test holds; a paused or hidden session freezes the coach to the
// bit; repetition stretches loop the cycle at its tempo.
import { describe, expect, it } from 'vitest'
import { CYCLES } from '../../../src/core/coach/timeline.ts'
import {
  coachKeyframeFK,
  createCoachFK,
  lowestSurface,
  ORIGIN_PLACEMENT,
  solvePose,
} from '../../../src/core/coach/fk.ts'
import type { Phase } from '../../../src/core/phase.ts'
import { STRETCH_IDS, STRETCHES, ROUTINES, type StretchId } from '../../../src/core/stretches.ts'
import { demonstrationSeconds } from '../../../src/core/session/coachScript.ts'
import {
  createCoachDirector,
  createDirectorInput,
  readDirectorInput,
  updateCoachDirector,
  type CoachDirector,
} from '../../../src/core/session/coachDirector.ts'
import {
  currentSide,
  currentStretch,
  NORMAL_TIMING,
  pauseRunner,
  QUICK_TIMING,
  resumeRunner,
  skipRunner,
  visibilityRunner,
  type SessionRunner,
} from '../../../src/core/session/runner.ts'
import { makeRunner, play, standingFrames, synthFrames } from './sessionKit.ts'

/** A director stepped right after the runner, as the frame loop does. */
function follow(r: SessionRunner): { d: CoachDirector; step: () => void } {
  const d = createCoachDirector()
  const input = createDirectorInput()
  return {
    d,
    step: () => {
      readDirectorInput(input, r)
      updateCoachDirector(d, input)
    },
  }
}

const _fk = createCoachFK()
const _key = createCoachFK()

/** How far the coach's eye is from the keyframe's (H = 1, coach frame, set on the floor: fractions of H) and how far the head is turned from it (deg). */
function eyeGap(
  d: CoachDirector,
  stretch: StretchId,
  side: 'left' | 'right' | 'both',
  key: string,
) {
  solvePose(_fk, d.pose, 1, ORIGIN_PLACEMENT)
  if (!coachKeyframeFK(_key, stretch, side, key, 1, ORIGIN_PLACEMENT)) throw new Error(key)
  const lift = lowestSurface(_key)
  const a = _fk.eye
  const b = _key.eye
  const dist = Math.hypot(a[0]! - b[0]!, a[1]! - (b[1]! - lift), a[2]! - b[2]!)
  // the rotation between the two eye orientations
  const dot = Math.abs(a[3]! * b[3]! + a[4]! * b[4]! + a[5]! * b[5]! + a[6]! * b[6]!)
  return { dist, deg: (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI }
}

/** The keyframe a demonstration must reach: the held pose, or the cycle's first peak. */
function shownKey(id: StretchId): string {
  if (STRETCHES[id].dose.kind === 'hold') return 'target'
  return id === 'cat-cow' ? 'cat' : 'top'
}

describe('the coach follows the runner', () => {
  it('names the runner’s stretch, side and phase on every frame, both sides, switch, rest and end', () => {
    const r = makeRunner(['childs-pose', 'childs-pose-side'])
    const { d, step } = follow(r)
    const frames = synthFrames({
      steps: [
        { stretch: 'childs-pose', holdSeconds: 12 },
        { stretch: 'childs-pose-side', holdSeconds: 12 },
      ],
    })
    const phases = new Set<Phase>()
    const mismatches: string[] = []
    const holdsEnded: string[] = []
    let prev: { phase: Phase; stretch: StretchId | null; side: string | null } | null = null
    let spotAtHold = ''
    play(r, frames, (t) => {
      step()
      const stretch = currentStretch(r)
      const side = currentSide(r)
      phases.add(r.phase)
      if (d.stretch !== stretch || d.side !== (side ?? 'both') || d.phase !== r.phase)
        mismatches.push(
          `${t}: coach ${d.stretch}/${d.side}/${d.phase}, runner ${stretch}/${side}/${r.phase}`,
        )
      // when a hold ends, the body was holding that stretch's pose on that side
      if (prev && prev.phase === 'hold' && (r.phase !== 'hold' || side !== prev.side))
        holdsEnded.push(`${prev.stretch}/${prev.side}: ${spotAtHold}`)
      if (r.phase === 'hold') spotAtHold = `${d.spot.stretch}/${d.spot.side}/${d.spot.key}`
      prev = { phase: r.phase, stretch, side }
    })
    expect(mismatches).toEqual([])
    expect(r.finished).toBe(true)
    expect(d.stretch).toBeNull()
    expect(d.phase).toBe('done')
    expect([...phases].sort()).toEqual(
      ['demonstrate', 'getIntoPosition', 'hold', 'switchSide', 'rest', 'done'].sort(),
    )
    expect(holdsEnded).toEqual([
      'childs-pose/both: childs-pose/both/target',
      'childs-pose-side/left: childs-pose-side/left/target',
      'childs-pose-side/right: childs-pose-side/right/target',
    ])
  })

  it('names a repetition stretch’s phases too, and stands by at the end', () => {
    const r = makeRunner(['cat-cow'])
    const { d, step } = follow(r)
    const mismatches: string[] = []
    play(r, synthFrames({ steps: [{ stretch: 'cat-cow', reps: 8 }] }), (t) => {
      step()
      if (d.stretch !== currentStretch(r) || d.phase !== r.phase)
        mismatches.push(
          `${t}: coach ${d.stretch}/${d.phase}, runner ${currentStretch(r)}/${r.phase}`,
        )
    })
    expect(mismatches).toEqual([])
    expect(r.finished).toBe(true)
    expect([d.stretch, d.phase]).toEqual([null, 'done'])
  })
})

describe('the demonstration reaches the pose before it ends', () => {
  /** A user standing and watching, long enough for "All ten" (90 Hz). */
  const WATCHING = standingFrames(60 * 10 + 30)

  /**
   * Runs `stretches` with a user standing and watching, skipping each side as soon as it
   * is the user's turn, and returns, per demonstration, how close the coach came to the
   * pose and how long the phase was.
   */
  function demonstrations(stretches: readonly StretchId[], timing = NORMAL_TIMING) {
    const r = makeRunner(stretches, { timing })
    const { d, step } = follow(r)
    const seen: {
      stretch: StretchId
      previous: StretchId | null
      durationS: number
      dist: number
      deg: number
    }[] = []
    play(
      r,
      WATCHING.slice(0, (60 * stretches.length + 30) * 90),
      () => {
        step()
        if (r.phase !== 'demonstrate' || r.finished) return
        const id = currentStretch(r)!
        let entry = seen.find((e) => e.stretch === id)
        if (!entry) {
          entry = {
            stretch: id,
            previous: r.options.routine.stretches[r.stretchIndex - 1] ?? null,
            durationS: r.phaseDurationS,
            dist: Infinity,
            deg: Infinity,
          }
          seen.push(entry)
        }
        const key = shownKey(id)
        if (d.spot.stretch !== id || d.spot.key !== key) return
        const gap = eyeGap(d, id, currentSide(r)!, key)
        if (gap.dist < entry.dist) {
          entry.dist = gap.dist
          entry.deg = gap.deg
        }
      },
      (_t, r) => {
        // the user's turn: move on as they are (the demonstrations are what is watched here)
        if (r.phase === 'getIntoPosition' || r.phase === 'switchSide') skipRunner(r)
      },
    )
    expect(r.finished).toBe(true)
    return seen
  }

  for (const [name, timing] of [
    ['at the real pace', NORMAL_TIMING],
    ['played faster for test holds', QUICK_TIMING],
  ] as const) {
    it(`${name}: every stretch from standing`, () => {
      for (const id of STRETCH_IDS) {
        const [demo] = demonstrations([id], timing)
        expect(demo, id).toBeDefined()
        expect(demo!.dist, `${id}: the coach's eye from the ${shownKey(id)} pose's`).toBeLessThan(
          0.01,
        )
        expect(demo!.deg, `${id}: head turned from the pose's`).toBeLessThan(3)
        if (timing.fullDemonstration)
          expect(demo!.durationS, id).toBeGreaterThanOrEqual(demonstrationSeconds(null, id))
        else expect(demo!.durationS, id).toBe(timing.demonstrateS)
      }
    })

    it(`${name}: every stretch of "All ten", each after the one before`, () => {
      const all = ROUTINES.find((x) => x.id === 'all-ten')!.stretches
      const demos = demonstrations(all, timing)
      expect(demos.map((x) => x.stretch)).toEqual([...all])
      for (const demo of demos) {
        expect(demo.dist, `${demo.stretch} after ${demo.previous}`).toBeLessThan(0.01)
        expect(demo.deg, `${demo.stretch} after ${demo.previous}`).toBeLessThan(3)
        if (timing.fullDemonstration)
          expect(demo.durationS).toBeGreaterThanOrEqual(
            demonstrationSeconds(demo.previous, demo.stretch),
          )
      }
    })
  }

  it('lasts longer from standing to a lying stretch than to cat-cow, and less after a stretch in the same posture', () => {
    for (const id of STRETCH_IDS) {
      expect(demonstrationSeconds(null, id), id).toBeGreaterThan(0)
      for (const prev of STRETCH_IDS)
        expect(demonstrationSeconds(prev, id), `${prev} → ${id}`).toBeGreaterThan(0)
    }
    const catCow = demonstrationSeconds(null, 'cat-cow')
    for (const id of STRETCH_IDS.filter((s) => STRETCHES[s].posture === 'lying'))
      expect(demonstrationSeconds(null, id), id).toBeGreaterThan(catCow)
    // already lying down after knee-to-chest: no way down to show again
    expect(demonstrationSeconds('knee-to-chest', 'supine-twist')).toBeLessThan(
      demonstrationSeconds(null, 'supine-twist'),
    )
  })
})

describe('a paused session freezes the coach', () => {
  /** Plays child's pose, pausing at `from` and resuming at `to` with the given controls; the coach's pose per frame. */
  function pausedRun(
    from: number,
    to: number,
    pause: (r: SessionRunner) => void,
    resume: (r: SessionRunner) => void,
  ) {
    const r = makeRunner(['childs-pose'], { holdSeconds: 20 })
    const { d, step } = follow(r)
    const poses: { t: number; paused: boolean; phase: Phase; pose: number[] }[] = []
    let paused = false
    play(
      r,
      synthFrames({ steps: [{ stretch: 'childs-pose', holdSeconds: 25 }] }),
      (t) => {
        step()
        poses.push({ t, paused, phase: r.phase, pose: [...d.pose.hips, ...d.pose.rot] })
      },
      (t, r) => {
        if (!paused && t >= from && t < to) {
          paused = true
          pause(r)
        } else if (paused && t >= to) {
          paused = false
          resume(r)
        }
      },
    )
    return poses
  }

  const cases: [string, (r: SessionRunner) => void, (r: SessionRunner) => void][] = [
    ['paused by the user', pauseRunner, resumeRunner],
    [
      'hidden by the system',
      (r) => visibilityRunner(r, 'hidden'),
      (r) => visibilityRunner(r, 'visible'),
    ],
  ]
  for (const [how, pause, resume] of cases) {
    for (const [when, at] of [
      ['mid-demonstration', 1.5],
      ['mid-hold (breathing)', 10],
    ] as const) {
      it(`${how}, ${when}: bit-identical while paused, moving again after`, () => {
        const poses = pausedRun(at, at + 3, pause, resume)
        const during = poses.filter((p) => p.paused)
        expect(during.length).toBeGreaterThan(200)
        const frozen = poses[poses.indexOf(during[0]!) - 1]!
        expect(frozen.phase).toBe(at < 3 ? 'demonstrate' : 'hold')
        for (const p of during) expect(p.pose, `t = ${p.t}`).toEqual(frozen.pose)
        // moving again within a quarter second of the resume
        const after = poses.filter((p) => !p.paused && p.t > at + 3 && p.t < at + 3.25)
        expect(after.some((p) => p.pose.some((v, i) => v !== frozen.pose[i]))).toBe(true)
      })
    }
  }
})

describe('repetition stretches loop the cycle at its tempo', () => {
  for (const [id, peaks] of [
    ['cat-cow', ['cat', 'cow']],
    ['bridge', ['top']],
  ] as const) {
    it(`${id}: through ${peaks.join(' and ')} again and again, one cycle every ${CYCLES[id]!.seconds.reduce((a, b) => a + b)} s`, () => {
      const r = makeRunner([id])
      const { d, step } = follow(r)
      const arrivals = new Map<string, number[]>(peaks.map((k) => [k, []]))
      let lastKey = ''
      let closest = Infinity
      play(r, synthFrames({ steps: [{ stretch: id, reps: 8 }] }), (t) => {
        step()
        if (r.phase !== 'reps') {
          lastKey = ''
          return
        }
        const key = d.spot.key
        if (key !== lastKey && arrivals.has(key)) arrivals.get(key)!.push(t)
        if (key === peaks[0]) closest = Math.min(closest, eyeGap(d, id, 'both', key).dist)
        lastKey = key
      })
      const cycle = CYCLES[id]!.seconds.reduce((a, b) => a + b)
      for (const [key, times] of arrivals) {
        expect(times.length, key).toBeGreaterThanOrEqual(4)
        for (let i = 1; i < times.length; i++)
          expect(times[i]! - times[i - 1]!, `${key} #${i}`).toBeCloseTo(cycle, 1)
      }
      // and the body really gets there
      expect(closest).toBeLessThan(0.01)
    })
  }
})

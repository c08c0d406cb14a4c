// The standing calibration (issue 8, "the user's own body"): the batch rule
// (calibrateEyeHeight) takes the median eye height of about two seconds of
// standing still and refuses walking, bending, too little or broken data; the
// session's streaming window (CalibrationWindow) measures users of 1.50 and
// 1.95 m to within 5 mm at 72/90/120 Hz once they have stood still about two
// seconds, waits out a step or a dip, starts again when the head is lost,
// agrees with the batch rule to the bit, and shows its progress from 0 to 1.
import { describe, expect, it } from 'vitest'
import { createPoseFrame } from '../../src/core/poseFrame.ts'
import {
  CALIBRATION_MIN_SECONDS,
  CALIBRATION_SECONDS,
  calibratedEyeHeight,
  calibrateEyeHeight,
  calibrationProgress,
  createCalibrationWindow,
  updateCalibrationWindow,
} from '../../src/core/calibration.ts'
import { rng } from './engine/poseKit.ts'

/** Head samples at hz for seconds: standing at eye height, with sway (m) and optional extras. */
function standing(
  eye: number,
  opts: {
    hz?: number
    seconds?: number
    swayM?: number
    move?: (t: number) => [number, number, number]
  } = {},
) {
  const hz = opts.hz ?? 72
  const seconds = opts.seconds ?? 2
  const rand = rng(3)
  const times: number[] = []
  const pos: number[] = []
  for (let i = 0; i <= seconds * hz; i++) {
    const t = i / hz
    const sway = (opts.swayM ?? 0.005) * Math.sin(2 * Math.PI * 0.25 * t)
    const [dx, dy, dz] = opts.move ? opts.move(t) : [0, 0, 0]
    times.push(t)
    pos.push(1.3 + sway + dx, eye + (rand() - 0.5) * 0.002 + dy, -0.7 + dz)
  }
  return { times, pos }
}

describe('calibration', () => {
  it('two seconds standing still gives the median eye height and the body model', () => {
    const { times, pos } = standing(1.62)
    const out = calibrateEyeHeight(times, pos)
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.eyeHeightM).toBeCloseTo(1.62, 2)
    expect(out.body.statureM).toBeCloseTo(1.62 / 0.93, 2)
  })
  it('a stray frame does not move the median', () => {
    const { times, pos } = standing(1.7)
    pos[31] = 1.72
    const out = calibrateEyeHeight(times, pos)
    expect(out.ok && out.eyeHeightM).toBeCloseTo(1.7, 2)
  })
  it('walking is refused with a reason', () => {
    const { times, pos } = standing(1.62, { move: (t) => [0, 0, -0.4 * t] })
    const out = calibrateEyeHeight(times, pos)
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.reason).toMatch(/moved/)
  })
  it('bending or sitting down is refused', () => {
    const { times, pos } = standing(1.62, { move: (t) => [0, t > 1 ? -0.3 : 0, 0] })
    expect(calibrateEyeHeight(times, pos).ok).toBe(false)
  })
  it('a value outside 0.5–2.3 m is refused, naming it', () => {
    const low = standing(0.4)
    const out = calibrateEyeHeight(low.times, low.pos)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.reason).toContain('0.40 m')
    const high = standing(2.4)
    expect(calibrateEyeHeight(high.times, high.pos).ok).toBe(false)
  })
  it('too short, too few or broken readings are refused', () => {
    const short = standing(1.6, { seconds: 1 })
    expect(calibrateEyeHeight(short.times, short.pos).ok).toBe(false)
    expect(calibrateEyeHeight([0, 1, 2], [0, 1.6, 0, 0, 1.6, 0, 0, 1.6, 0]).ok).toBe(false)
    const broken = standing(1.6)
    broken.pos[10] = Number.NaN
    expect(calibrateEyeHeight(broken.times, broken.pos).ok).toBe(false)
    expect(calibrateEyeHeight([0, 1], [0, 1]).ok).toBe(false)
  })
})

/** One head sample fed to the window: time (s), position (m), tracked. */
interface Sample {
  t: number
  x: number
  y: number
  z: number
  tracked: boolean
}

/**
 * A user standing at eye height `eye` at `hz` for `seconds`: breathing sway of ±5 mm at
 * 0.25 Hz (starting at `phase` rad), ±1 mm noise, plus `move(t)` (a step, a dip).
 */
function stand(
  eye: number,
  hz: number,
  seconds: number,
  opts: { phase?: number; move?: (t: number) => [number, number, number]; lostAt?: number } = {},
): Sample[] {
  const rand = rng(17)
  const out: Sample[] = []
  for (let i = 0; i <= seconds * hz; i++) {
    const t = i / hz
    const sway = 0.005 * Math.sin(2 * Math.PI * 0.25 * t + (opts.phase ?? 0))
    const [dx, dy, dz] = opts.move ? opts.move(t) : [0, 0, 0]
    out.push({
      t,
      x: 0.4 + 0.3 * sway + dx + (rand() - 0.5) * 0.002,
      y: eye + sway + dy + (rand() - 0.5) * 0.002,
      z: -0.6 + dz + (rand() - 0.5) * 0.002,
      tracked: opts.lostAt === undefined || Math.abs(t - opts.lostAt) > 0.5 / hz,
    })
  }
  return out
}

/** Feeds samples until the window says done: when, what it measured, the progress per sample. */
function feed(samples: Sample[]) {
  const w = createCalibrationWindow()
  const frame = createPoseFrame()
  const progress: number[] = []
  for (const [i, s] of samples.entries()) {
    frame.t = s.t
    frame.poses[0] = s.x
    frame.poses[1] = s.y
    frame.poses[2] = s.z
    const done = updateCalibrationWindow(w, frame, s.tracked)
    progress.push(calibrationProgress(w))
    if (done)
      return { doneAt: s.t, eye: calibratedEyeHeight(w), used: samples.slice(0, i + 1), progress }
  }
  return { doneAt: Number.NaN, eye: Number.NaN, used: samples, progress }
}

const smooth = (u: number) => {
  const x = Math.min(1, Math.max(0, u))
  return x * x * (3 - 2 * x)
}

describe('the session’s calibration window', () => {
  const users = [
    ['1.95 m', 1.95 * 0.93],
    ['1.50 m', 1.5 * 0.93],
  ] as const
  for (const [tall, eye] of users)
    for (const hz of [72, 90, 120])
      it(`a ${tall} user standing still at ${hz} Hz is measured within 5 mm after about two seconds`, () => {
        for (const phase of [0, 1.3, 2.9, 4.4]) {
          const out = feed(stand(eye, hz, CALIBRATION_SECONDS + 0.3, { phase }))
          expect(out.doneAt, `sway phase ${phase}`).toBeGreaterThanOrEqual(CALIBRATION_MIN_SECONDS)
          expect(out.doneAt, `sway phase ${phase}`).toBeLessThanOrEqual(CALIBRATION_SECONDS + 0.25)
          expect(Math.abs(out.eye - eye), `sway phase ${phase}`).toBeLessThanOrEqual(0.005)
        }
      })

  it('agrees with calibrateEyeHeight on the same samples, to the bit', () => {
    for (const [, eye] of users)
      for (const hz of [72, 90, 120]) {
        const out = feed(stand(eye, hz, 3, { phase: 0.7 }))
        const batch = calibrateEyeHeight(
          out.used.map((s) => s.t),
          out.used.flatMap((s) => [s.x, s.y, s.z]),
        )
        expect(batch.ok).toBe(true)
        if (batch.ok) expect(batch.eyeHeightM).toBe(out.eye)
      }
  })

  const moves: [string, (t: number) => [number, number, number]][] = [
    ['a step forward (0.3 m)', (t) => [0, 0, -0.3 * smooth((t - 1) / 0.6)]],
    ['a dip (0.3 m down and up)', (t) => [0, -0.3 * Math.sin(Math.PI * smooth((t - 1) / 0.6)), 0]],
  ]
  for (const [what, move] of moves)
    it(`${what} during the window waits for two seconds of stillness after it`, () => {
      const eye = 1.95 * 0.93
      const out = feed(stand(eye, 90, 6, { move }))
      const stillFrom = 1.6
      expect(out.doneAt).toBeGreaterThanOrEqual(stillFrom + CALIBRATION_MIN_SECONDS)
      expect(out.doneAt).toBeLessThanOrEqual(stillFrom + CALIBRATION_SECONDS + 0.25)
      expect(Math.abs(out.eye - eye)).toBeLessThanOrEqual(0.005)
    })

  it('a lost head starts it again', () => {
    const eye = 1.5 * 0.93
    const samples = stand(eye, 90, 6, { lostAt: 1.5 })
    const out = feed(samples)
    const lost = samples.findIndex((s) => !s.tracked)
    expect(out.progress[lost - 1]).toBeGreaterThan(0.5)
    expect(out.progress[lost]).toBe(0)
    expect(out.doneAt).toBeGreaterThanOrEqual(1.5 + CALIBRATION_MIN_SECONDS)
    expect(Math.abs(out.eye - eye)).toBeLessThanOrEqual(0.005)
    // a NaN position is a lost head too
    const nan = stand(eye, 90, 6)
    nan[135] = { ...nan[135]!, y: Number.NaN }
    expect(feed(nan).doneAt).toBeGreaterThanOrEqual(nan[135]!.t + CALIBRATION_MIN_SECONDS)
  })

  it('its progress grows from 0 to 1 while the user stands still', () => {
    const out = feed(stand(1.75 * 0.93, 72, 3))
    expect(out.progress[0]).toBe(0)
    for (let i = 1; i < out.progress.length; i++)
      expect(out.progress[i]!, `sample ${i}`).toBeGreaterThanOrEqual(out.progress[i - 1]!)
    expect(out.progress.at(-1)).toBe(1)
    expect(out.progress.at(-2)).toBeLessThan(1)
    expect(out.progress.at(-2)).toBeGreaterThan(0.8)
  })
})

// The synthetic generator makes the postures PRODUCT.md defines: checked with a
// plain frame-by-frame reading of the measures, independent of the engine.
import { describe, expect, it } from 'vitest'
import { synthTrace, type SynthConfig } from '../../scripts/synth/synthTrace.ts'
import { createRng } from '../../scripts/synth/prng.ts'
import { gripFromPalm, wristFromPalm } from '../../scripts/synth/geometry.ts'
import { palmFromGrip, palmFromWrist } from '../../src/core/bodyModel.ts'
import { STRETCH_IDS, STRETCHES, type StretchId } from '../../src/core/stretches.ts'
import { frameAt, parseFrames, progressOf, readFrame } from './referenceMeasure.ts'

function check(stretch: StretchId, extra: Partial<SynthConfig>, fraction: number): void {
  const eyeHeight = extra.eyeHeight ?? 1.62
  const trace = synthTrace({
    seed: 11,
    tremorMm: 0.5,
    ...extra,
    steps: [{ stretch, fraction, holdSeconds: 4, reps: 2 }],
  })
  const frames = parseFrames(trace.text)
  const hands = extra.input === 'hand'
  for (const mk of trace.marks) {
    const base = readFrame(frameAt(frames, mk.settleStart + 1.5), eyeHeight, hands)
    const start = progressOf(stretch, base, base, mk.side)
    expect(Math.abs(start), `${stretch} ${mk.side} start`).toBeLessThan(0.06)
    let peak: number
    if (STRETCHES[stretch].dose.kind === 'hold') {
      const r = readFrame(frameAt(frames, (mk.holdStart + mk.holdEnd) / 2), eyeHeight, hands)
      peak = progressOf(stretch, r, base, mk.side)
    } else {
      // the top of the first cycle (cat-cow: the cow half, positive)
      const [c0, c1] = mk.cycles[0]!
      peak = 0
      for (let t = c0; t < c1; t += 0.05) {
        const r = readFrame(frameAt(frames, t), eyeHeight, hands)
        peak = Math.max(peak, progressOf(stretch, r, base, mk.side))
      }
    }
    expect(peak, `${stretch} ${mk.side} target`).toBeGreaterThan(fraction - 0.06)
    expect(peak, `${stretch} ${mk.side} target`).toBeLessThan(fraction + 0.06)
  }
}

describe('synthetic generator', () => {
  it('inverts palmFromGrip and palmFromWrist exactly', () => {
    const rng = createRng(5)
    for (let i = 0; i < 50; i++) {
      const palm: [number, number, number] = [rng.range(-1, 1), rng.range(0, 2), rng.range(-1, 1)]
      const n0: [number, number, number] = [rng.gaussian(), rng.gaussian(), rng.gaussian()]
      const nl = Math.hypot(...n0)
      const normal: [number, number, number] = [n0[0] / nl, n0[1] / nl, n0[2] / nl]
      const any: [number, number, number] = [normal[1], -normal[0], 0.3]
      const d = any[0] * normal[0] + any[1] * normal[1] + any[2] * normal[2]
      const f0: [number, number, number] = [
        any[0] - d * normal[0],
        any[1] - d * normal[1],
        any[2] - d * normal[2],
      ]
      const fl = Math.hypot(...f0)
      const finger: [number, number, number] = [f0[0] / fl, f0[1] / fl, f0[2] / fl]
      for (const hand of ['left', 'right'] as const) {
        const g = gripFromPalm(palm, normal, finger, hand)
        const out = [0, 0, 0]
        palmFromGrip(out, 0, [...g.p, ...g.q], 0, hand)
        for (let k = 0; k < 3; k++) expect(out[k]).toBeCloseTo(palm[k]!, 12)
      }
      const w = wristFromPalm(palm, normal, finger, 1.75)
      const out = [0, 0, 0]
      palmFromWrist(out, 0, [...w.p, ...w.q], 0, 1.75)
      for (let k = 0; k < 3; k++) expect(out[k]).toBeCloseTo(palm[k]!, 12)
    }
  })

  it('is deterministic for a seed and differs across seeds', () => {
    const a = synthTrace({ seed: 4, steps: [{ idle: 'standing', seconds: 2 }] }).text
    const b = synthTrace({ seed: 4, steps: [{ idle: 'standing', seconds: 2 }] }).text
    const c = synthTrace({ seed: 5, steps: [{ idle: 'standing', seconds: 2 }] }).text
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it.each(STRETCH_IDS)('%s: start measure 0 and target measure 1, every side', (id) => {
    check(id, {}, 1)
    check(id, {}, 0.5)
  })

  it.each(STRETCH_IDS)(
    '%s: the same measures on a turned, moved mat, with wrists, short and tall',
    (id) => {
      check(id, { mat: { x: 2.3, z: -1.7, headingDeg: 137 }, input: 'hand', eyeHeight: 1.4 }, 1)
      check(id, { mat: { x: -0.8, z: 3.1, headingDeg: -65 }, eyeHeight: 1.81, rate: 72 }, 1)
    },
  )

  it('writes spec lines: header, frames with 7-number poses or null, stretch events', () => {
    const { text, frames } = synthTrace({
      seed: 2,
      steps: [{ stretch: 'knee-to-chest', holdSeconds: 2 }],
      faults: [{ kind: 'null', pose: 'right', from: 5, to: 6 }],
    })
    const lines = text.trimEnd().split('\n')
    const header = JSON.parse(lines[0]!)
    expect(header).toMatchObject({
      format: 'pose-trace',
      version: 1,
      calibration: { eyeHeight: 1.62 },
    })
    let frameCount = 0
    let nulls = 0
    const events: unknown[] = []
    let prevT = -1
    for (const line of lines.slice(1)) {
      const o = JSON.parse(line)
      if ('event' in o) {
        events.push(o)
        continue
      }
      frameCount++
      expect(o.t).toBeGreaterThanOrEqual(prevT)
      prevT = o.t
      expect(o.head).toHaveLength(7)
      if (o.right === null) nulls++
      else expect(o.right).toHaveLength(7)
    }
    expect(frameCount).toBe(frames)
    expect(nulls).toBeGreaterThan(80)
    expect(events).toEqual([
      { t: 1, event: 'stretch', stretch: 'knee-to-chest', side: 'left' },
      { t: expect.any(Number), event: 'stretch', stretch: 'knee-to-chest', side: 'right' },
    ])
  })
})

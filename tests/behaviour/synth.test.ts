// The synthetic generator makes the postures docs/product.md defines: checked with a
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

describe('synthetic form breaks', () => {
  const at = (id: StretchId, side: 'left' | 'right' | null) => {
    const config: SynthConfig = {
      seed: 12,
      tremorMm: 0.5,
      steps: [{ stretch: id, holdSeconds: 10, reps: 3, ...(side ? { sides: [side] } : {}) }],
    }
    const plain = synthTrace(config)
    const mk = plain.marks[0]!
    const mid = mk.holdStart + 2
    const broken = synthTrace({ ...config, faults: [{ kind: 'form', from: mid - 1, to: mid + 1 }] })
    const H = 1.62 / 0.93
    const read = (text: string) => readFrame(frameAt(parseFrames(text), mid), 1.62)
    return {
      ok: read(plain.text),
      bad: read(broken.text),
      base: readFrame(frameAt(parseFrames(plain.text), mk.settleStart + 1.5), 1.62),
      H,
    }
  }

  it('supine twist lifts the outstretched hand above 0.06 H', () => {
    for (const side of ['left', 'right'] as const) {
      const { ok, bad, H } = at('supine-twist', side)
      const out = side === 'left' ? 'palmR' : 'palmL'
      expect(ok[out][1]!).toBeLessThan(0.06 * H)
      expect(bad[out][1]!).toBeGreaterThan(0.09 * H)
    }
  })

  it('hip flexor leans the head more than 0.1 H ahead of the hands', () => {
    const { ok, bad, H } = at('hip-flexor', 'left')
    const ahead = (r: typeof ok) =>
      ((r.eye[0]! - (r.palmL[0]! + r.palmR[0]!) / 2) * r.fwd[0]! +
        (r.eye[2]! - (r.palmL[2]! + r.palmR[2]!) / 2) * r.fwd[2]!) /
      H
    expect(Math.abs(ahead(ok))).toBeLessThan(0.05)
    expect(ahead(bad)).toBeGreaterThan(0.12)
  })

  it('hamstring rounds the back under 90 % of the baseline eye–hip distance', () => {
    const { ok, bad, base, H } = at('hamstring-stretch', 'left')
    const hip = [
      base.eye[0]! - 0.055 * H * base.fwd[0]!,
      0.05 * H,
      base.eye[2]! - 0.055 * H * base.fwd[2]!,
    ]
    const d = (r: typeof ok) =>
      Math.hypot(r.eye[0]! - hip[0]!, r.eye[1]! - hip[1]!, r.eye[2]! - hip[2]!)
    expect(d(ok) / d(base)).toBeGreaterThan(0.97)
    expect(d(bad) / d(base)).toBeLessThan(0.85)
  })
})

// The cue recipes: short, gentle, and made in code.
import { describe, expect, it } from 'vitest'
import {
  BREATH_SOUND,
  CUE_PULSES,
  CUE_SOUNDS,
  TICK_SOUND,
  fillBreathNoise,
} from '../../../src/services/cues/sounds.ts'

function seeded(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return x / 2 ** 32
  }
}

describe('cue recipes', () => {
  it('every cue ends within 0.6 s, rises before it decays, and stays soft', () => {
    for (const [kind, notes] of Object.entries(CUE_SOUNDS)) {
      expect(notes.length, kind).toBeGreaterThan(0)
      let sum = 0
      for (const n of notes) {
        expect(n.atS + n.durS, kind).toBeLessThanOrEqual(0.6)
        expect(n.attackS ?? 0.01, kind).toBeLessThan(n.durS / 2)
        expect(n.freqHz, kind).toBeGreaterThan(100)
        expect(n.freqHz, kind).toBeLessThan(4000)
        sum += n.peak
      }
      // even notes that overlap stay far from clipping
      expect(sum, kind).toBeLessThanOrEqual(0.45)
    }
  })

  it('the tick is a very short, quiet click', () => {
    expect(TICK_SOUND).toHaveLength(1)
    expect(TICK_SOUND[0]!.durS).toBeLessThanOrEqual(0.05)
    expect(TICK_SOUND[0]!.peak).toBeLessThanOrEqual(0.08)
  })

  it('vibration patterns are short pulses of 0–1', () => {
    for (const [kind, pulses] of Object.entries(CUE_PULSES)) {
      expect(pulses.length, kind).toBeGreaterThan(0)
      expect(pulses[0]!.atMs, kind).toBe(0)
      for (const p of pulses) {
        expect(p.intensity, kind).toBeGreaterThan(0)
        expect(p.intensity, kind).toBeLessThanOrEqual(1)
        expect(p.durationMs, kind).toBeLessThanOrEqual(250)
        expect(p.atMs + p.durationMs, kind).toBeLessThanOrEqual(600)
      }
    }
    expect(CUE_PULSES.holdPaused).toHaveLength(2)
    expect(CUE_PULSES.switchSide).toHaveLength(2)
  })

  it('the breathing swell is quiet and paced at about 6 breaths a minute', () => {
    expect(BREATH_SOUND.peak).toBeLessThanOrEqual(0.05)
    expect(BREATH_SOUND.inhaleS + BREATH_SOUND.exhaleS).toBe(10)
    expect(BREATH_SOUND.lowHz).toBeLessThan(BREATH_SOUND.highHz)
  })
})

describe('breath noise', () => {
  it('fills ±1, peaks at 1, and loops without a step', () => {
    const out = new Float32Array(16_000)
    fillBreathNoise(out, seeded(7))
    let peak = 0
    let biggestStep = 0
    for (let i = 0; i < out.length; i++) {
      peak = Math.max(peak, Math.abs(out[i]!))
      if (i > 0) biggestStep = Math.max(biggestStep, Math.abs(out[i]! - out[i - 1]!))
    }
    expect(peak).toBeCloseTo(1, 6)
    const seam = Math.abs(out[0]! - out[out.length - 1]!)
    // the loop's seam is no bigger than a step inside the buffer
    expect(seam).toBeLessThanOrEqual(biggestStep)
  })

  it('handles empty and one-sample buffers, and silence in', () => {
    expect(() => fillBreathNoise(new Float32Array(0))).not.toThrow()
    const one = new Float32Array(1)
    fillBreathNoise(one, () => 0.9)
    expect(Math.abs(one[0]!)).toBeCloseTo(1, 6)
    const flat = new Float32Array(8)
    fillBreathNoise(flat, () => 0.5)
    expect([...flat]).toEqual(new Array(8).fill(0))
  })
})

// Cross-check with the coach (src/core/coach/fk.ts): the coach's own `target`
// keyframe, held as a trace, scores high; its `start` held scores near zero.
// For the repetition stretches the coach's cycle keyframes, repeated, count.
import { describe, expect, it } from 'vitest'
import { createCoachFK, coachKeyframeFK, ORIGIN_PLACEMENT } from '../../src/core/coach/fk.ts'
import { STRETCH_IDS, STRETCHES, type StretchId } from '../../src/core/stretches.ts'
import { scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import { createRng } from '../../scripts/synth/prng.ts'
import { theSide } from './scoreSynth.ts'

const H = 1.75
const RATE = 90

type Poses = number[][] // head, left, right: 7 numbers each

function keyPoses(
  id: StretchId,
  side: 'left' | 'right' | 'both',
  name: string,
  hands: boolean,
): Poses {
  const fk = createCoachFK()
  const placement = { ...ORIGIN_PLACEMENT, x: 0.4, z: -1.2, yawRad: 2.1 }
  expect(coachKeyframeFK(fk, id, side, name, H, placement), name).toBe(true)
  const src = hands ? fk.wrist : fk.grip
  return [Array.from(fk.eye), Array.from(src.subarray(0, 7)), Array.from(src.subarray(7, 14))]
}

/** Linear positions and normalised-lerp orientations between two key poses. */
function blend(a: Poses, b: Poses, u: number): Poses {
  return a.map((pa, i) => {
    const pb = b[i]!
    const dotq = pa[3]! * pb[3]! + pa[4]! * pb[4]! + pa[5]! * pb[5]! + pa[6]! * pb[6]!
    const s = dotq < 0 ? -1 : 1
    const out = pa.map((x, k) => (k < 3 ? x + (pb[k]! - x) * u : x + (s * pb[k]! - x) * u))
    const n = Math.hypot(out[3]!, out[4]!, out[5]!, out[6]!)
    for (let k = 3; k < 7; k++) out[k] = out[k]! / n
    return out
  })
}

/** A trace through key poses: [poses, seconds to move there, seconds to stay] per step. */
function trace(
  id: StretchId,
  side: 'left' | 'right' | null,
  hands: boolean,
  steps: [Poses, number, number][],
): string {
  const rng = createRng(900)
  const header: Record<string, unknown> = {
    format: 'pose-trace',
    version: 1,
    recordedAt: '2026-11-23T07:00:00.000Z',
    source: 'synthetic',
    calibration: { eyeHeight: 0.93 * H },
    stretch: id,
  }
  if (side) header.side = side
  const lines = [JSON.stringify(header)]
  let t = 0
  let prev = steps[0]![0]
  const emit = (p: Poses): void => {
    const parts = p.map((pose) =>
      // ~1 mm of sensor jitter: a real device never repeats a pose bit for bit
      pose.map((x, k) => String(k < 3 ? x + 0.0006 * rng.gaussian() : x)).join(','),
    )
    let line =
      '{"t":' +
      String(Math.round(t * 1e6) / 1e6) +
      ',"head":[' +
      parts[0] +
      '],"left":[' +
      parts[1] +
      '],"right":[' +
      parts[2] +
      ']'
    if (hands && t === 0) line += ',"input":{"left":"hand","right":"hand"}'
    lines.push(line + '}')
    t += 1 / RATE
  }
  for (const [to, move, stay] of steps) {
    for (let i = 0; i < move * RATE; i++) {
      const u = i / (move * RATE)
      emit(blend(prev, to, u * u * (3 - 2 * u)))
    }
    for (let i = 0; i < stay * RATE; i++) emit(to)
    prev = to
  }
  return lines.join('\n') + '\n'
}

function score(text: string) {
  const out = scoreTraceText(text)
  if (!out.ok) throw new Error(out.reason)
  expect(out.results).toHaveLength(1)
  return out.results[0]!
}

describe.each(STRETCH_IDS)('%s, as the coach shows it', (id) => {
  const def = STRETCHES[id]
  const side = def.sided ? 'left' : null
  const fkSide = side ?? 'both'

  it('the coach target held (or its cycle repeated) scores high; its start held scores near zero', () => {
    for (const hands of [false, true]) {
      const start = keyPoses(id, fkSide, 'start', hands)
      let good
      if (def.dose.kind === 'hold') {
        const target = keyPoses(id, fkSide, 'target', hands)
        good = score(
          trace(id, side, hands, [
            [start, 0, 3],
            [target, 3, 32],
            [start, 2, 1],
          ]),
        )
        expect(theSide(good).holdSeconds, `hands ${hands}`).toBeGreaterThanOrEqual(30)
      } else {
        const neutral = keyPoses(id, fkSide, 'neutral', hands)
        const steps: [Poses, number, number][] = [
          [start, 0, 1],
          [neutral, 2, 3],
        ]
        for (let r = 0; r < def.dose.reps; r++) {
          if (id === 'cat-cow') {
            steps.push([keyPoses(id, fkSide, 'cat', hands), 1.5, 0.8])
            steps.push([neutral, 1.2, 0])
            steps.push([keyPoses(id, fkSide, 'cow', hands), 1.5, 0.8])
            steps.push([neutral, 1.2, 0.5])
          } else {
            steps.push([keyPoses(id, fkSide, 'top', hands), 1.2, 2])
            steps.push([neutral, 1.2, 1.5])
          }
        }
        good = score(trace(id, side, hands, steps))
        expect(theSide(good).reps, `hands ${hands}`).toBe(def.dose.reps)
      }
      expect(good.completed, `hands ${hands}`).toBe(true)
      expect(theSide(good).range, `hands ${hands}`).toBeGreaterThan(0.85)
      expect(theSide(good).score, `hands ${hands}`).toBeGreaterThanOrEqual(85)
      const idle = score(trace(id, side, hands, [[start, 0, 36]]))
      expect(idle.completed).toBe(false)
      expect(theSide(idle).score, `hands ${hands}`).toBeLessThanOrEqual(10)
    }
  })
})

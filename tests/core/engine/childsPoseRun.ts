/**
 * Test helper: a hand-placed child's pose run through the engine: kneel upright
 * 3 s, fold over 2 s, hold; depth 0–1 scales the fold; 5 Hz tremor (amplitude mm)
 * on both hands, 8 mm breathing sway of the head, 0.2 mm jitter everywhere.
 */
import {
  createEngine,
  engineStretch,
  finishEngine,
  stepEngine,
} from '../../../src/core/engine/engine.ts'
import { createPoseFrame, rng, setHead, setPalmDown, toWorld, type Placement } from './poseKit.ts'

const EYE = 1.62
const H = EYE / 0.93

export function runChildsPose(opts: {
  depth: number
  holdS: number
  hz: number
  tremorMm: number
  place: Placement
}) {
  const e = createEngine({ eyeHeightM: EYE })
  const f = createPoseFrame()
  const rand = rng(7)
  engineStretch(e, 0, 'childs-pose', null, null, null)
  const dt = 1 / opts.hz
  const end = 5 + opts.holdS
  for (let t = 0; t <= end; t += dt) {
    const k = t < 3 ? 0 : t < 5 ? (t - 3) / 2 : 1
    const fold = k * opts.depth
    const eyeTarget = Math.max(0.075 * H, 0.11)
    const eyeY = 0.62 * H + (eyeTarget - 0.62 * H) * fold
    const pitch = -80 * k
    const reach = -0.1 * H + 0.32 * H * fold
    const tremor = (opts.tremorMm / 1000) * Math.sin(2 * Math.PI * 5 * t)
    const breathe = 0.008 * Math.sin(2 * Math.PI * 0.25 * t)
    const jitter = () => (rand() - 0.5) * 0.0004
    const eye = toWorld(opts.place, 0, 0, eyeY + breathe + jitter())
    setHead(f, eye[0], eye[1], eye[2], opts.place.headingDeg, pitch)
    const handY = k < 1 ? 0.3 * H * (1 - k) + 0.01 : 0.01
    const l = toWorld(opts.place, reach, -0.12 + tremor, handY + jitter())
    const r = toWorld(opts.place, reach, 0.12 + tremor, handY + jitter())
    setPalmDown(f, 1, l[0], l[1], l[2], opts.place.headingDeg)
    setPalmDown(f, 2, r[0], r[1], r[2], opts.place.headingDeg)
    f.t = t
    stepEngine(e, f)
  }
  return finishEngine(e)
}

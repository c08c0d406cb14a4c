// frameHistory (the last second and more of frames, which the baseline looks
// back into and the engine judges again once the baseline is taken): every
// frame pushed reads back as it was pushed (its timing, flags and hand bits,
// the judgement's belly hand and progress, and the body view the judgement
// reads, restored into a view by restoreView); a full ring keeps the newest
// HISTORY_FRAMES frames, the oldest going first; clearHistory forgets all.
import { describe, expect, it } from 'vitest'
import { BASELINE_SECONDS, STILL_LAG_S } from '../../../src/core/engine/baseline.ts'
import { createBodyView, type BodyView } from '../../../src/core/engine/bodyView.ts'
import {
  clearHistory,
  createFrameHistory,
  F_GAP,
  F_HEAD,
  F_PAUSED,
  F_STILL_OK,
  H_BELLY,
  H_COUNT_DT,
  H_EYE,
  H_FLAGS,
  H_FWD,
  H_HANDQ,
  H_HELD,
  H_PALM,
  H_PITCH,
  H_PROGRESS,
  H_RIGHT,
  H_SENSED,
  H_STRIDE,
  H_T,
  H_USABLE,
  HISTORY_FRAMES,
  pushHistory,
  recordOf,
  restoreView,
  type FrameHistory,
} from '../../../src/core/engine/frameHistory.ts'
import { createJudgement, type Judgement } from '../../../src/core/engine/stretchRules.ts'

/** A view whose every stored field is a distinct function of k (directions horizontal and unit). */
function viewFor(k: number, v: BodyView = createBodyView(1.75)): BodyView {
  const a = 0.3 + 0.01 * k
  v.eye.set([0.1 + k, 1.2 + 0.001 * k, -0.4 - k])
  v.pitchDeg = -30 + k
  v.fwd.set([Math.sin(a), 0, -Math.cos(a)])
  v.right.set([Math.cos(a), 0, Math.sin(a)])
  v.palm.set([0.2 + k, 0.5, -0.6, -0.2 - k, 0.55, -0.65 + k])
  v.palmOk.set([k & 1, (k >> 1) & 1])
  const h = 0.5 * Math.sqrt(1 / (1 + (0.01 * k) ** 2))
  v.handQ.set([h, h, h, h, 0, Math.sin(a), 0, Math.cos(a)])
  v.handQOk.set([(k >> 1) & 1, k & 1])
  v.palmAvg.set([0.21 + k, 0.51, -0.61, -0.21, 0.56 + k, -0.66])
  return v
}

/** The meta slots of frame k as the engine writes them (t, counted seconds, flags, hand bits). */
function metaFor(k: number): Float64Array {
  const meta = new Float64Array(6)
  meta[H_T] = 10 + k / 90
  meta[H_COUNT_DT] = k % 5 === 0 ? 0 : 1 / 90
  meta[H_FLAGS] =
    F_HEAD |
    (k % 3 === 0 ? F_STILL_OK : 0) |
    (k % 7 === 0 ? F_GAP : 0) |
    (k % 11 === 0 ? F_PAUSED : 0)
  meta[H_USABLE] = k & 3
  meta[H_HELD] = (k >> 2) & 3
  meta[H_SENSED] = (k >> 4) & 3
  return meta
}

function judgementFor(k: number): Judgement {
  const j = createJudgement()
  j.belly = (k % 3) - 1
  j.progress = -0.5 + 0.01 * k
  return j
}

/** Pushes frames 0 … n − 1 (as built by viewFor, metaFor, judgementFor), returning their numbers. */
function pushFrames(h: FrameHistory, n: number, from = 0): number[] {
  const v = createBodyView(1.75)
  const out: number[] = []
  for (let k = from; k < from + n; k++)
    out.push(pushHistory(h, metaFor(k), viewFor(k, v), judgementFor(k)))
  return out
}

/** The stored fields of a view, as plain numbers. */
function stored(v: BodyView) {
  return {
    eye: Array.from(v.eye),
    pitchDeg: v.pitchDeg,
    fwd: Array.from(v.fwd),
    right: Array.from(v.right),
    palm: Array.from(v.palm),
    palmOk: Array.from(v.palmOk),
    handQ: Array.from(v.handQ),
    handQOk: Array.from(v.handQOk),
    palmAvg: Array.from(v.palmAvg),
  }
}

describe('frameHistory', () => {
  it('holds over a second of frames, with the baseline look-behind, even at 144 Hz', () => {
    expect(HISTORY_FRAMES / 144).toBeGreaterThan(BASELINE_SECONDS + STILL_LAG_S)
  })

  it('numbers frames 0, 1, 2 … in the order pushed', () => {
    const h = createFrameHistory()
    expect(h.count).toBe(0)
    expect(pushFrames(h, 5)).toEqual([0, 1, 2, 3, 4])
    expect(h.first).toBe(0)
    expect(h.count).toBe(5)
  })

  it('reads back each frame’s meta, belly hand and progress as pushed', () => {
    const h = createFrameHistory()
    pushFrames(h, 40)
    for (let k = 0; k < 40; k++) {
      const o = recordOf(k)
      const meta = metaFor(k)
      for (const slot of [H_T, H_COUNT_DT, H_FLAGS, H_USABLE, H_HELD, H_SENSED]) {
        expect(h.data[o + slot], `frame ${k} slot ${slot}`).toBe(meta[slot])
      }
      expect(h.data[o + H_BELLY]).toBe(judgementFor(k).belly)
      expect(h.data[o + H_PROGRESS]).toBe(judgementFor(k).progress)
      const v = viewFor(k)
      expect(Array.from(h.data.subarray(o + H_EYE, o + H_EYE + 3))).toEqual(Array.from(v.eye))
      expect(h.data[o + H_PITCH]).toBe(v.pitchDeg)
      expect([h.data[o + H_FWD], h.data[o + H_FWD + 1]]).toEqual([v.fwd[0], v.fwd[2]])
      expect([h.data[o + H_RIGHT], h.data[o + H_RIGHT + 1]]).toEqual([v.right[0], v.right[2]])
      expect(Array.from(h.data.subarray(o + H_PALM, o + H_PALM + 6))).toEqual(Array.from(v.palm))
      expect(Array.from(h.data.subarray(o + H_HANDQ, o + H_HANDQ + 8))).toEqual(Array.from(v.handQ))
    }
  })

  it('records do not overlap: each frame has its own H_STRIDE numbers, in its own slot', () => {
    const offsets = new Set<number>()
    for (let n = 0; n < HISTORY_FRAMES; n++) {
      const o = recordOf(n)
      expect(o % H_STRIDE).toBe(0)
      expect(o + H_STRIDE).toBeLessThanOrEqual(createFrameHistory().data.length)
      offsets.add(o)
    }
    expect(offsets.size).toBe(HISTORY_FRAMES)
    // frame n and frame n + HISTORY_FRAMES share a slot: the ring
    expect(recordOf(3 + HISTORY_FRAMES)).toBe(recordOf(3))
  })

  it('restoreView puts back every field it stores (the view the judgement reads)', () => {
    const h = createFrameHistory()
    pushFrames(h, 12)
    const into = createBodyView(1.75)
    for (let k = 0; k < 12; k++) {
      // garbage in the fields first, so nothing passes by chance
      viewFor(1000 + k, into)
      into.fwd[1] = 0.3
      into.right[1] = -0.3
      restoreView(h, k, into)
      expect(stored(into), `frame ${k}`).toEqual(stored(viewFor(k)))
    }
  })

  it('restoreView: the forward line and body right come back horizontal; what is not stored is left alone', () => {
    const h = createFrameHistory()
    const v = viewFor(3)
    v.fwd.set([0.6, 0.2, -0.8])
    v.right.set([0.8, -0.1, 0.6])
    pushHistory(h, metaFor(3), v, judgementFor(3))
    const into = createBodyView(1.62)
    into.up.set([0.1, 0.9, 0.2])
    into.derived.fill(7)
    restoreView(h, 0, into)
    expect(Array.from(into.fwd)).toEqual([0.6, 0, -0.8])
    expect(Array.from(into.right)).toEqual([0.8, 0, 0.6])
    expect(into.H).toBe(1.62)
    expect(Array.from(into.up)).toEqual([0.1, 0.9, 0.2])
    expect(Array.from(into.derived)).toEqual(new Array(into.derived.length).fill(7))
  })

  it('a full ring keeps the newest HISTORY_FRAMES frames: `first` advances one per frame pushed', () => {
    const h = createFrameHistory()
    pushFrames(h, HISTORY_FRAMES)
    expect([h.first, h.count]).toEqual([0, HISTORY_FRAMES])
    const v = createBodyView(1.75)
    for (let k = HISTORY_FRAMES; k < HISTORY_FRAMES + 300; k++) {
      expect(pushHistory(h, metaFor(k), viewFor(k, v), judgementFor(k))).toBe(k)
      expect(h.first).toBe(k + 1 - HISTORY_FRAMES)
      expect(h.count).toBe(k + 1)
    }
    // every frame held reads back as pushed, the newest last
    const into = createBodyView(1.75)
    for (let n = h.first; n < h.count; n++) {
      expect(h.data[recordOf(n) + H_T], `frame ${n}`).toBe(metaFor(n)[H_T])
      restoreView(h, n, into)
      expect(stored(into), `frame ${n}`).toEqual(stored(viewFor(n)))
    }
  })

  it('clearHistory forgets every frame: numbering starts again at 0', () => {
    const h = createFrameHistory()
    pushFrames(h, HISTORY_FRAMES + 20)
    clearHistory(h)
    expect([h.first, h.count]).toEqual([0, 0])
    expect(pushFrames(h, 3, 500)).toEqual([0, 1, 2])
    expect([h.first, h.count]).toEqual([0, 3])
    expect(h.data[recordOf(0) + H_T]).toBe(metaFor(500)[H_T])
    const into = createBodyView(1.75)
    restoreView(h, 2, into)
    expect(stored(into)).toEqual(stored(viewFor(502)))
  })
})

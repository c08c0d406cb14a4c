/**
 * A realistic mixed workload for the allocation test and the benchmark: every
 * stretch and side of the catalogue, synthesised once with noise and tracking
 * faults into one flat Float64Array, then replayed into a PoseFrame without
 * allocating (each side's frames loop with time running on).
 */
import { STRETCH_IDS, STRETCHES, type StretchId } from '../../src/core/stretches.ts'
import type { PoseFrame } from '../../src/core/poseFrame.ts'
import { synthRecords } from './synthTrace.ts'

/** Numbers per stored frame: t, 3 × 7 pose numbers, 3 tracked, 3 emulated, 2 input. */
export const FRAME_STRIDE = 30

/** The synthesised frames of every stretch side, back to back. */
export interface FrameBank {
  data: Float64Array
  /** first frame index of each segment (one per stretch side) */
  segStart: Int32Array
  segLen: Int32Array
  /** seconds of trace per loop of the segment */
  segSeconds: Float64Array
  segStretch: StretchId[]
  segSide: ('left' | 'right' | null)[]
}

/** Synthesises every stretch side (short holds, full repetitions, a few faults) into a bank. */
export function buildMixedBank(seed = 1, eyeHeight = 1.62, rate = 90): FrameBank {
  const rows: number[][] = []
  const segStart: number[] = []
  const segLen: number[] = []
  const segSeconds: number[] = []
  const segStretch: StretchId[] = []
  const segSide: ('left' | 'right' | null)[] = []
  for (const id of STRETCH_IDS) {
    const sides: ('left' | 'right' | null)[] = STRETCHES[id].sided ? ['left', 'right'] : [null]
    for (const side of sides) {
      const first = rows.length
      let lastT = 0
      synthRecords(
        {
          seed: seed + rows.length,
          eyeHeight,
          rate,
          unevenTiming: true,
          tremorMm: 2,
          breathingMm: 3,
          header: { stretch: id },
          steps: [{ stretch: id, holdSeconds: 12, reps: 3, ...(side ? { sides: [side] } : {}) }],
          faults: [
            { kind: 'null', pose: 'left', from: 14, to: 15.2 },
            { kind: 'emulated', pose: 'right', from: 16, to: 16.5 },
            { kind: 'emulated', pose: 'head', from: 18, to: 18.3 },
          ],
        },
        (r) => {
          if (r.kind !== 'frame') return
          const row = new Array<number>(FRAME_STRIDE).fill(0)
          row[0] = r.t
          for (let i = 0; i < 3; i++) {
            const p = r.poses[i]
            if (p) for (let k = 0; k < 7; k++) row[1 + i * 7 + k] = p[k]!
            row[22 + i] = p ? 1 : 0
            row[25 + i] = r.emulated.includes((['head', 'left', 'right'] as const)[i]!) ? 1 : 0
          }
          rows.push(row)
          lastT = r.t
        },
      )
      segStart.push(first)
      segLen.push(rows.length - first)
      segSeconds.push(lastT + 1 / rate)
      segStretch.push(id)
      segSide.push(side)
    }
  }
  const data = new Float64Array(rows.length * FRAME_STRIDE)
  rows.forEach((row, i) => data.set(row, i * FRAME_STRIDE))
  return {
    data,
    segStart: Int32Array.from(segStart),
    segLen: Int32Array.from(segLen),
    segSeconds: Float64Array.from(segSeconds),
    segStretch,
    segSide,
  }
}

/** Copies stored frame `index` into `frame` with its time shifted by `tOffset` (allocation-free). */
export function loadFrame(bank: FrameBank, index: number, tOffset: number, frame: PoseFrame): void {
  const d = bank.data
  const o = index * FRAME_STRIDE
  frame.t = d[o]! + tOffset
  const poses = frame.poses
  for (let k = 0; k < 21; k++) poses[k] = d[o + 1 + k]!
  for (let i = 0; i < 3; i++) {
    frame.tracked[i] = d[o + 22 + i]!
    frame.emulated[i] = d[o + 25 + i]!
  }
  frame.input[0] = 0
  frame.input[1] = 0
}

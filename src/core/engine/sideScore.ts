/**
 * What one side of a stretch accumulates while it is performed: hold time,
 * repetitions, the range samples (a time-weighted histogram, so the median is
 * over counted time whatever the frame rate) and the stability sums (band-passed
 * displacement of the counted hold less its first and last 2 s). Allocated once
 * per engine, reset per stretch; every update is allocation-free.
 */
import { STABILITY_GRID_HZ, stabilityFromRms } from './stabilityFilter.ts'

/** Range histogram resolution: bins of 1e-4 over progress 0–1 (progress is capped at 1 for range). */
export const RANGE_BINS = 10001
const COARSE_SPAN = 100
const COARSE_BINS = Math.ceil(RANGE_BINS / COARSE_SPAN)
/** Most repetition peaks kept per side (more than any routine asks for). */
export const MAX_PEAKS = 512
/** Grid samples at each end of the counted hold that stability leaves out (2 s). */
export const STABILITY_EDGE_SAMPLES = 2 * STABILITY_GRID_HZ

/** One side's running totals. */
export interface SideScore {
  holdSeconds: number
  reps: number
  readonly rangeHist: Float64Array
  readonly rangeCoarse: Float64Array
  rangeWeight: number
  /** repetition peak amplitudes (capped at 1), kept sorted ascending */
  readonly peaks: Float64Array
  peakCount: number
  stabSumSq: number
  stabCount: number
  /** counted grid samples so far (the stability time axis) */
  stabIndex: number
  /** the last 2 s of counted samples, held back until newer ones arrive */
  readonly delaySumSq: Float64Array
  readonly delayCount: Float64Array
  readonly delayIndex: Float64Array
  delayStart: number
  delayLength: number
}

/** Allocates one side's totals. */
export function createSideScore(): SideScore {
  return {
    holdSeconds: 0,
    reps: 0,
    rangeHist: new Float64Array(RANGE_BINS),
    rangeCoarse: new Float64Array(COARSE_BINS),
    rangeWeight: 0,
    peaks: new Float64Array(MAX_PEAKS),
    peakCount: 0,
    stabSumSq: 0,
    stabCount: 0,
    stabIndex: 0,
    delaySumSq: new Float64Array(STABILITY_EDGE_SAMPLES),
    delayCount: new Float64Array(STABILITY_EDGE_SAMPLES),
    delayIndex: new Float64Array(STABILITY_EDGE_SAMPLES),
    delayStart: 0,
    delayLength: 0,
  }
}

/** Clears a side for a new stretch. */
export function resetSideScore(s: SideScore): void {
  s.holdSeconds = 0
  s.reps = 0
  s.rangeHist.fill(0)
  s.rangeCoarse.fill(0)
  s.rangeWeight = 0
  s.peakCount = 0
  s.stabSumSq = 0
  s.stabCount = 0
  s.stabIndex = 0
  s.delayStart = 0
  s.delayLength = 0
}

function clamp01(x: number): number {
  return x > 1 ? 1 : x > 0 ? x : 0
}

/** Adds a range sample: progress (capped at 1) weighted by the seconds it was held. */
export function addRangeSample(s: SideScore, progress: number, weightSeconds: number): void {
  if (!(weightSeconds > 0)) return
  const bin = Math.round(clamp01(progress) * (RANGE_BINS - 1))
  s.rangeHist[bin] = s.rangeHist[bin]! + weightSeconds
  const c = (bin / COARSE_SPAN) | 0
  s.rangeCoarse[c] = s.rangeCoarse[c]! + weightSeconds
  s.rangeWeight += weightSeconds
}

/** Time-weighted median of the range samples (0 when there are none). */
export function rangeMedian(s: SideScore): number {
  if (!(s.rangeWeight > 0)) return 0
  const half = s.rangeWeight / 2
  let acc = 0
  let c = 0
  for (; c < COARSE_BINS - 1; c++) {
    if (acc + s.rangeCoarse[c]! >= half) break
    acc += s.rangeCoarse[c]!
  }
  const end = Math.min(RANGE_BINS, (c + 1) * COARSE_SPAN)
  for (let b = c * COARSE_SPAN; b < end; b++) {
    acc += s.rangeHist[b]!
    if (acc >= half) return b / (RANGE_BINS - 1)
  }
  return 1
}

/** Records a repetition's peak amplitude (capped at 1) in sorted order. */
export function addPeak(s: SideScore, amplitude: number): void {
  if (s.peakCount >= MAX_PEAKS) return
  const a = clamp01(amplitude)
  let i = s.peakCount
  while (i > 0 && s.peaks[i - 1]! > a) {
    s.peaks[i] = s.peaks[i - 1]!
    i--
  }
  s.peaks[i] = a
  s.peakCount++
}

/** Median repetition amplitude (0 without repetitions). */
export function peakMedian(s: SideScore): number {
  const n = s.peakCount
  if (n === 0) return 0
  const m = n >> 1
  return n % 2 === 1 ? s.peaks[m]! : (s.peaks[m - 1]! + s.peaks[m]!) / 2
}

/**
 * Adds one counted grid sample's pooled squared displacement (m², over `points`
 * points). Samples wait 2 s in a delay line: whatever is still there when the
 * side ends is the last 2 s, left out; the first 2 s are left out by index.
 */
export function addStabilitySample(s: SideScore, sumSq: number, points: number): void {
  const cap = STABILITY_EDGE_SAMPLES
  if (s.delayLength === cap) {
    const o = s.delayStart
    if (s.delayIndex[o]! >= cap) {
      s.stabSumSq += s.delaySumSq[o]!
      s.stabCount += s.delayCount[o]!
    }
    s.delayStart = (o + 1) % cap
    s.delayLength--
  }
  const w = (s.delayStart + s.delayLength) % cap
  s.delaySumSq[w] = sumSq
  s.delayCount[w] = points
  s.delayIndex[w] = s.stabIndex
  s.delayLength++
  s.stabIndex++
}

/** RMS (m) of the pooled band-passed displacement so far; NaN-free: 0 samples give Infinity-free 0. */
export function stabilityRmsM(s: SideScore): number {
  return s.stabCount > 0 ? Math.sqrt(s.stabSumSq / s.stabCount) : 0
}

/** Stability 0–1 of the side (0 when the hold was too short to measure). */
export function sideStability(s: SideScore): number {
  return s.stabCount > 0 ? stabilityFromRms(stabilityRmsM(s)) : 0
}

/** round(100 × completion × (0.6 range + 0.4 stability)). */
export function sideScoreValue(completion: number, range: number, stability: number): number {
  const v = Math.round(
    100 * clamp01(completion) * (0.6 * clamp01(range) + 0.4 * clamp01(stability)),
  )
  return Number.isFinite(v) ? v : 0
}

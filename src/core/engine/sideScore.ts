/**
 * What one side of a stretch accumulates while it is performed: hold time,
 * repetitions, the range samples (a time-weighted histogram, so the median is
 * over counted time whatever the frame rate) and the stability sums (band-passed
 * displacement of the counted hold less its first and last 2 s). Allocated once
 * per engine, reset per stretch; every update is allocation-free.
 */
import { DOUBLE_FIELD } from './doubleField.ts'
import { STABILITY_GRID_HZ } from './stabilityFilter.ts'

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
  /** arguments of addRangeSample / addStabilitySample: doubles travel in arrays, never boxed */
  readonly arg: Float64Array
  /** figures written by computeSideFigures */
  range: number
  stability: number
  score: number
}

/** What a side is measured against (the stretch run's dose). */
export interface SideTargets {
  readonly hold: boolean
  readonly targetHold: number
  readonly targetReps: number
}

/** Allocates one side's totals. */
export function createSideScore(): SideScore {
  // the sums take fractions: see DOUBLE_FIELD
  const s: SideScore = {
    holdSeconds: DOUBLE_FIELD,
    reps: 0,
    rangeHist: new Float64Array(RANGE_BINS),
    rangeCoarse: new Float64Array(COARSE_BINS),
    rangeWeight: DOUBLE_FIELD,
    peaks: new Float64Array(MAX_PEAKS),
    peakCount: 0,
    stabSumSq: DOUBLE_FIELD,
    stabCount: DOUBLE_FIELD,
    stabIndex: 0,
    delaySumSq: new Float64Array(STABILITY_EDGE_SAMPLES),
    delayCount: new Float64Array(STABILITY_EDGE_SAMPLES),
    delayIndex: new Float64Array(STABILITY_EDGE_SAMPLES),
    delayStart: 0,
    delayLength: 0,
    arg: new Float64Array(2),
    range: 0.5,
    stability: 0.5,
    score: 0,
  }
  s.holdSeconds = 0
  s.rangeWeight = 0
  s.stabSumSq = 0
  s.stabCount = 0
  return s
}

/** Clears a side for a new stretch. */
export function resetSideScore(s: SideScore): void {
  s.holdSeconds = 0
  s.reps = 0
  // Only a sample (weight > 0) makes a bin non-zero: a side that took none is clear already,
  // and a trace of back-to-back stretch events then costs no 80 KB fill per event.
  if (s.rangeWeight !== 0) {
    s.rangeHist.fill(0)
    s.rangeCoarse.fill(0)
    s.rangeWeight = 0
  }
  s.peakCount = 0
  s.stabSumSq = 0
  s.stabCount = 0
  s.stabIndex = 0
  s.delayStart = 0
  s.delayLength = 0
  s.range = 0
  s.stability = 0
  s.score = 0
}

/** Adds a range sample: progress s.arg[0] (capped at 1) weighted by the seconds s.arg[1] it was held. */
export function addRangeSample(s: SideScore): void {
  const weight = s.arg[1]!
  if (!(weight > 0)) return
  const p = s.arg[0]!
  const bin = Math.round((p > 1 ? 1 : p > 0 ? p : 0) * (RANGE_BINS - 1))
  s.rangeHist[bin] = s.rangeHist[bin]! + weight
  const c = (bin / COARSE_SPAN) | 0
  s.rangeCoarse[c] = s.rangeCoarse[c]! + weight
  s.rangeWeight += weight
}

/** Time-weighted median of the range samples (0 when there are none) into s.range. */
export function computeRangeMedian(s: SideScore): void {
  s.range = 0
  if (!(s.rangeWeight > 0)) return
  const half = s.rangeWeight / 2
  let acc = 0
  let c = 0
  for (; c < COARSE_BINS - 1; c++) {
    if (acc + s.rangeCoarse[c]! >= half) break
    acc += s.rangeCoarse[c]!
  }
  const end = Math.min(RANGE_BINS, (c + 1) * COARSE_SPAN)
  s.range = 1
  for (let b = c * COARSE_SPAN; b < end; b++) {
    acc += s.rangeHist[b]!
    if (acc >= half) {
      s.range = b / (RANGE_BINS - 1)
      return
    }
  }
}

/** Records a repetition's peak amplitude s.arg[0] (capped at 1) in sorted order. */
export function addPeak(s: SideScore): void {
  if (s.peakCount >= MAX_PEAKS) return
  const x = s.arg[0]!
  // Math.min/max, not a choice of constants: a phi of a double and a constant stays boxed
  const a = Math.min(1, Math.max(0, x))
  // Kept sorted: the place by bisection, the larger ones moved up by copyWithin (this runs
  // once a repetition, seldom enough that V8 may leave it unoptimised, where a loop moving
  // numbers one by one would box each of them).
  let lo = 0
  let hi = s.peakCount
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (s.peaks[mid]! > a) hi = mid
    else lo = mid + 1
  }
  s.peaks.copyWithin(lo + 1, lo, s.peakCount)
  s.peaks[lo] = a
  s.peakCount++
}

/** Median repetition amplitude (0 without repetitions) into s.range. */
export function computePeakMedian(s: SideScore): void {
  const n = s.peakCount
  if (n === 0) {
    s.range = 0
    return
  }
  const m = n >> 1
  s.range = n % 2 === 1 ? s.peaks[m]! : (s.peaks[m - 1]! + s.peaks[m]!) / 2
}

/**
 * Adds one counted grid sample's pooled squared displacement (m², s.arg[0], over
 * `points` points). Samples wait 2 s in a delay line: whatever is still there
 * when the side ends is the last 2 s, left out; the first 2 s are left out by index.
 */
export function addStabilitySample(s: SideScore, points: number): void {
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
  s.delaySumSq[w] = s.arg[0]!
  s.delayCount[w] = points
  s.delayIndex[w] = s.stabIndex
  s.delayLength++
  s.stabIndex++
}

/**
 * Range, stability and score of the side so far into s.range, s.stability,
 * s.score: round(100 × completion × (0.6 range + 0.4 stability)).
 */
export function computeSideFigures(s: SideScore, targets: SideTargets): void {
  if (targets.hold) computeRangeMedian(s)
  else computePeakMedian(s)
  // Stability 1 at ≤ 1 mm RMS, 0 at ≥ 20 mm; 0 when the hold was too short to measure.
  let stability = 0
  if (s.stabCount > 0) {
    const mm = Math.sqrt(s.stabSumSq / s.stabCount) * 1000
    stability = mm <= 1 ? 1 : mm >= 20 ? 0 : (20 - mm) / 19
    if (!(stability >= 0)) stability = 0
  }
  s.stability = stability
  const completion = targets.hold ? s.holdSeconds / targets.targetHold : s.reps / targets.targetReps
  const c = completion > 1 ? 1 : completion > 0 ? completion : 0
  const r = s.range > 1 ? 1 : s.range > 0 ? s.range : 0
  const score = Math.round(100 * c * (0.6 * r + 0.4 * stability))
  s.score = score >= 0 && score <= 100 ? score : 0
}

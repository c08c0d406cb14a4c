/**
 * The stability band-pass of docs/product.md (Scoring): 3-D displacement of the
 * head and hands in the 0.7–15 Hz band. Frames arrive at any rate and unevenly,
 * so positions are first resampled by linear interpolation onto a fixed
 * STABILITY_GRID_HZ grid; the filter then has fixed coefficients and the same
 * movement gives the same figure at 72, 90 or 120 Hz.
 *
 * Filter: 4th-order Butterworth high-pass at 0.7 Hz (two biquads; it passes
 * 0.25 Hz breathing sway at 1.6 % and slow drift not at all) followed by a
 * 2nd-order Butterworth low-pass at 15 Hz. Biquads after the RBJ cookbook
 * (bilinear transform with pre-warping), direct form II transposed.
 */

/** Rate (Hz) of the fixed time grid the positions are resampled onto. */
export const STABILITY_GRID_HZ = 100
/** Lower edge of the band (Hz): slower sway and drift are not unsteadiness. */
export const STABILITY_LOW_HZ = 0.7
/** Upper edge of the band (Hz). */
export const STABILITY_HIGH_HZ = 15
/** Channels: three points (head, left, right) × three axes. */
export const STABILITY_CHANNELS = 9

/** biquads per axis: two high-pass, one low-pass */
const BIQUADS = 3

/** Filter state for the 9 channels; allocate once with createStabilityFilter. */
export interface StabilityFilter {
  /** per channel, per biquad: z1, z2 */
  readonly z: Float64Array
  /** per channel: the position the point had when its filter (re)started (m) */
  readonly origin: Float64Array
  /** per point: 1 once its filter has a start position */
  readonly started: Uint8Array
  /** the sample to feed (m): x, y, z; written by the caller (doubles travel in arrays, never boxed) */
  readonly input: Float64Array
  /** [0]: the last step's squared band-passed displacement (m²) */
  readonly output: Float64Array
}

/** Allocates a filter with every point unstarted. */
export function createStabilityFilter(): StabilityFilter {
  return {
    z: new Float64Array(STABILITY_CHANNELS * BIQUADS * 2),
    origin: new Float64Array(STABILITY_CHANNELS),
    started: new Uint8Array(3),
    input: new Float64Array(3),
    output: new Float64Array(1),
  }
}

/** Forgets a point's history, e.g. after it was lost or the reference space was reset. */
export function restartStabilityPoint(f: StabilityFilter, point: number): void {
  f.started[point] = 0
}

/**
 * Feeds one grid sample of a point (0 head, 1 left, 2 right) from f.input and
 * writes its squared 3-D band-passed displacement (m²) to f.output[0]. A
 * point's first sample after a (re)start defines its origin: the high-pass sees
 * position − origin, which starts the filter at rest instead of ringing from a step.
 *
 * Each biquad is y = b0·v + z1, z1 = b1·v − a1·y + z2, z2 = b2·v − a2·y (direct form II
 * transposed). The three axes are independent chains of three biquads each; they are
 * written out side by side (x, y, z at each stage) so the processor works on all three
 * at once instead of waiting on one chain (about twice as fast). Every axis computes
 * exactly what it computed alone, in the same order.
 */
export function stepStabilityPoint(f: StabilityFilter, point: number): void {
  // b0 b1 b2 a1 a2 of each biquad at STABILITY_GRID_HZ: the RBJ design (bilinear, pre-warped)
  // of HP 0.7 Hz Q 0.5412, HP 0.7 Hz Q 1.3066, LP 15 Hz Q 0.7071, as the doubles it computes
  // (tests/core/engine/stabilityFilter.test.ts designs them and checks this step bit for bit).
  // Literals in the function, not module constants: bundlers turn a module's `const` into
  // `var`, which V8 reloads and unboxes at every use. As module constants, the step took
  // 3-4 times as long in the command line's bundle as it does now.
  const H1B0 = 0.9604997711979542
  const H1B1 = -1.9209995423959083
  const H1B2 = 0.9604997711979542
  const H1A1 = -1.9200702270211776
  const H1A2 = 0.9219288577706389
  const H2B0 = 0.9829770233067637
  const H2B1 = -1.9659540466135275
  const H2B2 = 0.9829770233067637
  const H2A1 = -1.965002983752131
  const H2A2 = 0.9669051094749235
  const LPB0 = 0.1311064399166259
  const LPB1 = 0.2622128798332518
  const LPB2 = 0.1311064399166259
  const LPA1 = -0.7477891782585036
  const LPA2 = 0.2722149379250073
  /** z values per axis: (z1, z2) of each biquad */
  const AXIS_Z = 6
  const ch0 = point * 3
  const z = f.z
  const input = f.input
  const origin = f.origin
  if (f.started[point] === 0) {
    f.started[point] = 1
    for (let a = 0; a < 3; a++) origin[ch0 + a] = input[a]!
    const s = ch0 * AXIS_Z
    z.fill(0, s, s + 3 * AXIS_Z)
  }
  // state of axis a, biquad b: z[sa + 2b], z[sa + 2b + 1]
  const sx = ch0 * AXIS_Z
  const sy = sx + AXIS_Z
  const sz = sy + AXIS_Z
  let vx = input[0]! - origin[ch0]!
  let vy = input[1]! - origin[ch0 + 1]!
  let vz = input[2]! - origin[ch0 + 2]!
  // high-pass 1
  let yx = H1B0 * vx + z[sx]!
  let yy = H1B0 * vy + z[sy]!
  let yz = H1B0 * vz + z[sz]!
  z[sx] = H1B1 * vx - H1A1 * yx + z[sx + 1]!
  z[sy] = H1B1 * vy - H1A1 * yy + z[sy + 1]!
  z[sz] = H1B1 * vz - H1A1 * yz + z[sz + 1]!
  z[sx + 1] = H1B2 * vx - H1A2 * yx
  z[sy + 1] = H1B2 * vy - H1A2 * yy
  z[sz + 1] = H1B2 * vz - H1A2 * yz
  vx = yx
  vy = yy
  vz = yz
  // high-pass 2
  yx = H2B0 * vx + z[sx + 2]!
  yy = H2B0 * vy + z[sy + 2]!
  yz = H2B0 * vz + z[sz + 2]!
  z[sx + 2] = H2B1 * vx - H2A1 * yx + z[sx + 3]!
  z[sy + 2] = H2B1 * vy - H2A1 * yy + z[sy + 3]!
  z[sz + 2] = H2B1 * vz - H2A1 * yz + z[sz + 3]!
  z[sx + 3] = H2B2 * vx - H2A2 * yx
  z[sy + 3] = H2B2 * vy - H2A2 * yy
  z[sz + 3] = H2B2 * vz - H2A2 * yz
  vx = yx
  vy = yy
  vz = yz
  // low-pass
  yx = LPB0 * vx + z[sx + 4]!
  yy = LPB0 * vy + z[sy + 4]!
  yz = LPB0 * vz + z[sz + 4]!
  z[sx + 4] = LPB1 * vx - LPA1 * yx + z[sx + 5]!
  z[sy + 4] = LPB1 * vy - LPA1 * yy + z[sy + 5]!
  z[sz + 4] = LPB1 * vz - LPA1 * yz + z[sz + 5]!
  z[sx + 5] = LPB2 * vx - LPA2 * yx
  z[sy + 5] = LPB2 * vy - LPA2 * yy
  z[sz + 5] = LPB2 * vz - LPA2 * yz
  // summed in the order x, y, z, from 0, as the loop over the axes did
  let sum = 0
  sum += yx * yx
  sum += yy * yy
  sum += yz * yz
  f.output[0] = sum
}

/** Stability score 0–1 from an RMS displacement in metres: 1 at ≤ 1 mm, 0 at ≥ 20 mm. */
export function stabilityFromRms(rmsM: number): number {
  const mm = rmsM * 1000
  if (Number.isNaN(mm) || mm >= 20) return 0
  if (mm <= 1) return 1
  return (20 - mm) / 19
}

/**
 * A small seeded PRNG (sfc32) so every synthetic trace is reproducible from its
 * seed; Math.random is never used by the generator.
 */

/** A seeded random source: uniform() in [0, 1), gaussian() with mean 0 and sd 1. */
export interface Rng {
  uniform(): number
  gaussian(): number
  /** uniform in [lo, hi) */
  range(lo: number, hi: number): number
}

/** sfc32 seeded through splitmix32, so nearby seeds give unrelated streams. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = split()
  let b = split()
  let c = split()
  let d = split()
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  let spare = Number.NaN
  return {
    uniform: next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    gaussian: () => {
      if (!Number.isNaN(spare)) {
        const g = spare
        spare = Number.NaN
        return g
      }
      let u = next()
      while (u <= 1e-12) u = next()
      const v = next()
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return r * Math.cos(2 * Math.PI * v)
    },
  }
}

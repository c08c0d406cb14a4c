/**
 * Test helpers: generate a synthetic trace and score it through the engine's
 * public entry point, exactly as the command line does.
 */
import { expect } from 'vitest'
import { synthTrace, type SideMarks, type SynthConfig } from '../../scripts/synth/synthTrace.ts'
import { scoreTraceText } from '../../src/core/trace/scoreTrace.ts'
import type { SideResult, StretchResult } from '../../src/core/result.ts'
import { STRETCHES, type StretchId } from '../../src/core/stretches.ts'

/** Scores a synthetic trace; fails the test if the trace is refused. */
export function scoreSynth(config: SynthConfig): {
  results: StretchResult[]
  marks: SideMarks[]
  text: string
} {
  const trace = synthTrace(config)
  const out = scoreTraceText(trace.text, 'synthetic.trace.jsonl')
  if (!out.ok) throw new Error(`synthetic trace refused: line ${out.line}: ${out.reason}`)
  return { results: out.results, marks: trace.marks, text: trace.text }
}

/** The single result of a one-stretch trace. */
export function scoreOne(config: SynthConfig): StretchResult & { marks: SideMarks[] } {
  const { results, marks } = scoreSynth(config)
  expect(results, 'one result per stretch').toHaveLength(1)
  return { ...results[0]!, marks }
}

/** The sides a result must hold for a stretch performed on all its sides. */
export function sidesOf(id: StretchId): ('left' | 'right' | 'both')[] {
  return STRETCHES[id].sided ? ['left', 'right'] : ['both']
}

/** The one side of a result that names a single side (or `both`). */
export function theSide(r: StretchResult): SideResult {
  const side = r.sides.both ?? r.sides.left ?? r.sides.right
  expect(side, 'a side result').toBeDefined()
  return side!
}

/** Header naming the stretch (and the left side for a one-sided one): a one-side trace. */
export function oneSide(id: StretchId): Pick<SynthConfig, 'header'> {
  return STRETCHES[id].sided
    ? { header: { stretch: id, side: 'left' } }
    : { header: { stretch: id } }
}

/** The step options that perform only the left side of a one-sided stretch. */
export function leftOnly(id: StretchId): { sides?: ['left'] } {
  return STRETCHES[id].sided ? { sides: ['left'] } : {}
}

/** Whether the stretch is dosed in repetitions. */
export const isReps = (id: StretchId): boolean => STRETCHES[id].dose.kind === 'reps'

/** Every number in a result is finite (recursively). */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value)
  if (value && typeof value === 'object') return Object.values(value).every(allFinite)
  return true
}

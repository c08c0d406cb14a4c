// Run by doubleField.test.ts in a forked `node --allow-natives-syntax --import tsx`:
// for each engine object, stores a fraction into every field that starts as
// DOUBLE_FIELD and prints, as one JSON line, whether the object kept the shape
// (V8 map) of a fresh one. A field that started as a small integer changes shape.
import { createBaseline, createBaselineWindow } from '../../../src/core/engine/baseline.ts'
import { createBodyView } from '../../../src/core/engine/bodyView.ts'
import { createLiveFigures } from '../../../src/core/engine/liveFeedback.ts'
import { createSideScore } from '../../../src/core/engine/sideScore.ts'
import { createJudgement } from '../../../src/core/engine/stretchRules.ts'
import { createRun } from '../../../src/core/engine/stretchRun.ts'
import { createTraceReader } from '../../../src/core/trace/traceReader.ts'

// natives syntax is not TypeScript: compiled at run time
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean

function keepsShape<T extends object>(make: () => T, fields: readonly (keyof T)[]): boolean {
  const fresh = make()
  const used = make()
  for (const f of fields) (used as Record<keyof T, number>)[f] = 94.126459
  return haveSameMap(fresh, used)
}

const results = {
  // the probe itself: a field that starts as a whole number does change shape
  control: keepsShape(() => ({ t: 0 }), ['t']),
  run: keepsShape(() => createRun(0, 1, null, null), ['startT', 'endT']),
  baseline: keepsShape(createBaseline, ['pitchDeg', 'belly', 'eyeHipM']),
  baselineWindow: keepsShape(createBaselineWindow, ['lastBelly']),
  judgement: keepsShape(createJudgement, ['progress', 'belly']),
  sideScore: keepsShape(createSideScore, ['holdSeconds', 'rangeWeight', 'stabSumSq', 'stabCount']),
  live: keepsShape(
    () => createLiveFigures().live,
    ['holdSeconds', 'progress', 'range', 'stability'],
  ),
  bodyView: keepsShape(() => createBodyView(1.74), ['pitchDeg']),
  traceReader: keepsShape(() => createTraceReader('f'), ['lastT']),
}
console.log(JSON.stringify(results))

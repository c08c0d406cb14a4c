/**
 * A child of `repSweepParallel` (sweep.ts), run as `node --import tsx sweepWorker.ts
 * <stretch> <index,index,…>`: runs those cases of the stretch's repetition sweep and
 * prints each as one JSON line ({ case, run }).
 */
import { REP_STRETCHES, drawRepCase, runRepCase, type RepStretchId } from './sweep.ts'

const [stretch, list] = process.argv.slice(2)
if (!REP_STRETCHES.includes(stretch as RepStretchId) || list === undefined) {
  process.stderr.write('usage: sweepWorker.ts <pelvic-tilt|bridge|cat-cow> <index,index,…>\n')
  process.exit(2)
}
for (const index of list.split(',').map(Number)) {
  const c = drawRepCase(stretch as RepStretchId, index)
  process.stdout.write(JSON.stringify({ case: c, run: runRepCase(c) }) + '\n')
}

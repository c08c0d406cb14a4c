// `npm run -s score -- <files...>`: the same launcher as the direct command
// (bin/stretchcoach-score.mjs, which builds and runs the bundle of scripts/score.ts).
import '../bin/stretchcoach-score.mjs'

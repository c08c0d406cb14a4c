import { ProgressHome } from './progress/ProgressHome.tsx'
import { ROUTINES, STRETCH_LIST, STRETCHES } from '../core/stretches.ts'

/** The home page: plain React DOM, no three.js. */
export function HomePage() {
  return (
    <main className="home">
      <header>
        <h1>StretchCoach XR</h1>
        <p>A daily back-care routine with a 3D coach beside you.</p>
        <a className="button" href="#/preview">
          Desktop preview
        </a>
      </header>
      <ProgressHome />
      <section aria-labelledby="stretches-title">
        <h2 id="stretches-title">The ten stretches</h2>
        <ol className="stretch-list">
          {STRETCH_LIST.map((s) => (
            <li key={s.id} data-stretch={s.id}>
              <h3>{s.name}</h3>
              <p>{s.purpose}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="routines-title">
        <h2 id="routines-title">Routines</h2>
        <ul>
          {ROUTINES.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong>: {r.stretches.map((id) => STRETCHES[id].name).join(', ')}
            </li>
          ))}
        </ul>
      </section>
    </main>
  )
}

import { lazy, Suspense } from 'react'

// Storage (Dexie, zod, date-fns) and the progress views are a separate chunk:
// the home page's first JavaScript stays light and the section follows a moment later.
const ProgressView = lazy(() => import('./ProgressView.tsx'))

/** The progress part of the home page: streak, calendar, achievements, charts, sessions, data controls. */
export function ProgressHome() {
  return (
    <Suspense
      fallback={
        <section className="progress" aria-labelledby="progress-title" aria-busy="true">
          <h2 id="progress-title">Your progress</h2>
          <p>Loading your history…</p>
        </section>
      }
    >
      <ProgressView />
    </Suspense>
  )
}

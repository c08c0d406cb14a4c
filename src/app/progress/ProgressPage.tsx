import ProgressView from './ProgressView.tsx'

/**
 * The progress view (#/progress), one click from the home page: streak,
 * calendar, achievements and rewards, trends, sessions, and the user's data
 * (backup, import, CSVs, the report). A chunk of its own, with storage.
 */
export default function ProgressPage() {
  return (
    <main className="progress-page">
      <nav className="page-bar" aria-label="Back">
        <a className="button secondary" href="#/">
          ← Home
        </a>
      </nav>
      <ProgressView />
    </main>
  )
}

import { lazy, Suspense, useEffect, useState } from 'react'
import { HomePage } from './HomePage.tsx'
import { UpdateBanner } from './UpdateBanner.tsx'
import {
  loadPracticePage,
  loadPreviewPage,
  loadProgressPage,
  loadReplayPage,
  loadReportPage,
  loadSessionPage,
} from './views.ts'
import type { LaunchParams } from '../services/xr/launchParams.ts'

// The 3D views are lazy chunks: the home page loads none of three.js.
const PreviewPage = lazy(loadPreviewPage)
const SessionPage = lazy(loadSessionPage)
const PracticePage = lazy(loadPracticePage)
const ReplayPage = lazy(loadReplayPage)
const ReportPage = lazy(loadReportPage)
const ProgressPage = lazy(loadProgressPage)

type Route = 'home' | 'preview' | 'session' | 'practice' | 'replay' | 'report' | 'progress'

function routeFromHash(): Route {
  const h = window.location.hash
  if (h.startsWith('#/preview')) return 'preview'
  if (h.startsWith('#/session')) return 'session'
  if (h.startsWith('#/practice')) return 'practice'
  if (h.startsWith('#/replay')) return 'replay'
  if (h.startsWith('#/report')) return 'report'
  if (h.startsWith('#/progress')) return 'progress'
  return 'home'
}

/** Props: what the address asked for, and messages about it to show. */
export interface AppProps {
  launch: LaunchParams
  notices: string[]
}

/** The app shell: a hash route between the home page, the progress view, the report, the desktop preview, the headset session, the desktop routine and the replay. */
export function App({ launch, notices }: AppProps) {
  const [route, setRoute] = useState<Route>(routeFromHash)
  useEffect(() => {
    const onHash = () => {
      const next = routeFromHash()
      // A new view opens at its top, not where the last one was scrolled to.
      setRoute((prev) => {
        if (prev !== next) window.scrollTo(0, 0)
        return next
      })
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return (
    <>
      {notices.length > 0 && (
        <div className="notices" role="alert">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      {/* Never in the session view: an update must not land mid-routine. */}
      {route !== 'session' && route !== 'practice' && <UpdateBanner />}
      {route === 'preview' ? (
        <Suspense fallback={<p className="loading">Loading the 3D preview…</p>}>
          <PreviewPage />
        </Suspense>
      ) : route === 'session' ? (
        <Suspense fallback={<p className="loading">Loading the headset view…</p>}>
          <SessionPage requestedMode={launch.mode} />
        </Suspense>
      ) : route === 'practice' ? (
        <Suspense fallback={<p className="loading">Loading the desktop routine…</p>}>
          <PracticePage />
        </Suspense>
      ) : route === 'report' ? (
        <Suspense fallback={<p className="loading">Loading the report…</p>}>
          <ReportPage />
        </Suspense>
      ) : route === 'progress' ? (
        <Suspense fallback={<p className="loading">Loading your progress…</p>}>
          <ProgressPage />
        </Suspense>
      ) : route === 'replay' ? (
        <Suspense fallback={<p className="loading">Loading the replay…</p>}>
          <ReplayPage />
        </Suspense>
      ) : (
        <HomePage requestedMode={launch.mode} />
      )}
    </>
  )
}

import { lazy, Suspense, useEffect, useState } from 'react'
import { HomePage } from './HomePage.tsx'

// The 3D preview is a lazy chunk: the home page loads none of three.js.
const PreviewPage = lazy(() => import('../scenes/PreviewPage.tsx'))

type Route = 'home' | 'preview'

function routeFromHash(): Route {
  return window.location.hash.startsWith('#/preview') ? 'preview' : 'home'
}

/** The app shell: a hash route between the home page and the desktop preview. */
export function App() {
  const [route, setRoute] = useState<Route>(routeFromHash)
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  if (route === 'preview') {
    return (
      <Suspense fallback={<p className="loading">Loading the 3D preview…</p>}>
        <PreviewPage />
      </Suspense>
    )
  }
  return <HomePage />
}

import { applyUpdate, dismissUpdate, useAppUpdate } from '../services/appUpdate.ts'
import { sessionUnderWay, useSessionStore } from '../services/session/sessionStore.ts'

/**
 * "Update ready": shown on the home page and the preview when a new version has
 * installed, once no session is under way. Nothing changes until the user
 * presses "Update now".
 */
export function UpdateBanner() {
  const ready = useAppUpdate((s) => s.ready)
  const dismissed = useAppUpdate((s) => s.dismissed)
  const busy = useSessionStore(sessionUnderWay)
  if (!ready || dismissed || busy) return null
  return (
    <section className="update-banner" role="status" aria-label="Update ready">
      <p>
        <strong>Update ready.</strong> A new version of StretchCoach XR is installed. It starts when
        you choose; your progress stays as it is.
      </p>
      <div className="update-banner-actions">
        <button type="button" className="button" onClick={() => applyUpdate()}>
          Update now
        </button>
        <button type="button" className="button secondary" onClick={dismissUpdate}>
          Later
        </button>
      </div>
    </section>
  )
}

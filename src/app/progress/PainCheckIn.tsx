import { useState } from 'react'
import { recordPainCheckIn } from '../../services/storage/progress.ts'
import { PainScale } from '../safety/PainScale.tsx'

/**
 * A pain check-in at any time (0–10); a 7 or more on a missed day freezes it
 * instead. The same scale as before and after a session, with no value until
 * the user picks one (a preset number would be a rating they never gave).
 */
export function PainCheckIn({ available }: { available: boolean }) {
  const [pain, setPain] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="checkin"
      data-testid="pain-checkin"
      onSubmit={async (e) => {
        e.preventDefault()
        if (pain === null) return
        setBusy(true)
        const out = await recordPainCheckIn(pain)
        setBusy(false)
        // saved: ready for the next check-in; not saved: the choice stays to try again
        if (out.ok) setPain(null)
      }}
    >
      <PainScale legend="How is your back right now?" value={pain} onChange={setPain} />
      <button
        type="submit"
        className="button secondary"
        disabled={busy || !available || pain === null}
      >
        Save check-in
      </button>
    </form>
  )
}

import { useState } from 'react'
import { recordPainCheckIn } from '../../services/storage/progress.ts'

/** A pain check-in at any time (0–10); a 7 or more on a missed day freezes it instead. */
export function PainCheckIn({ available }: { available: boolean }) {
  const [pain, setPain] = useState('3')
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="checkin"
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        await recordPainCheckIn(Number(pain))
        setBusy(false)
      }}
    >
      <label>
        How is your back right now? (0 = no pain, 10 = worst){' '}
        <select value={pain} onChange={(e) => setPain(e.target.value)} data-testid="pain-select">
          {Array.from({ length: 11 }, (_, i) => (
            <option key={i} value={String(i)}>
              {i}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" className="button secondary" disabled={busy || !available}>
        Save check-in
      </button>
    </form>
  )
}

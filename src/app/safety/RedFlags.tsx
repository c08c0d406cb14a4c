import { useId, useState } from 'react'
import { RED_FLAGS, URGENT_FLAGS } from './safetyTexts.ts'

/** Props: called when the user confirms; called when they leave without confirming. */
export interface RedFlagsProps {
  onAcknowledge: () => void
  onCancel: () => void
  /** the user confirmed an older version of these signs: say why they are shown again */
  updated?: boolean
}

/**
 * The signs that call for a clinician first, and those that call for urgent
 * care the same day; the user confirms them before the first session.
 */
export function RedFlags({ onAcknowledge, onCancel, updated = false }: RedFlagsProps) {
  const [checked, setChecked] = useState(false)
  const id = useId()
  return (
    <div className="safety-step" data-testid="red-flags">
      <h2 id="session-dialog-title">Before your first session</h2>
      {updated && (
        <p className="safety-updated">
          We added signs to this list since you last read it. Please read it again.
        </p>
      )}
      <p>
        Gentle stretching suits most everyday back pain, but some signs need a professional to look
        at your back before you exercise it.
      </p>
      <h3 id={`${id}-clinician`}>See a doctor or physiotherapist before you start if you have</h3>
      <ul className="red-flags" aria-labelledby={`${id}-clinician`}>
        {RED_FLAGS.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <h3 id={`${id}-urgent`}>Get urgent medical care today, and do not stretch, if</h3>
      <ul className="red-flags urgent-flags" aria-labelledby={`${id}-urgent`}>
        {URGENT_FLAGS.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p>
        If any of these begin while you use the app, stop and get advice. The app cannot examine
        you; it only measures how you hold each stretch.
      </p>
      <label className="confirm">
        <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />{' '}
        None of these apply to me, or a clinician has said stretching is fine for me.
      </label>
      <div className="dialog-actions">
        <button type="button" className="button" disabled={!checked} onClick={onAcknowledge}>
          Continue
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Not now
        </button>
      </div>
    </div>
  )
}

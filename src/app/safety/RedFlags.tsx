import { useState } from 'react'
import { RED_FLAGS } from './safetyTexts.ts'

/** Props: called when the user confirms; called when they leave without confirming. */
export interface RedFlagsProps {
  onAcknowledge: () => void
  onCancel: () => void
}

/** The red flags that call for a clinician first; the user confirms before the first session. */
export function RedFlags({ onAcknowledge, onCancel }: RedFlagsProps) {
  const [checked, setChecked] = useState(false)
  return (
    <div className="safety-step" data-testid="red-flags">
      <h2 id="session-dialog-title">Before your first session</h2>
      <p>
        Stretching helps most everyday back pain, but some signs need a doctor or physiotherapist
        before any exercise programme. Check with one first if you have:
      </p>
      <ul className="red-flags">
        {RED_FLAGS.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p>
        If any of these start while you use the app, stop and get advice. The app cannot examine
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

import { useEffect, useRef, useState } from 'react'
import { ROUTINES } from '../../core/stretches.ts'
import { PainScale } from '../safety/PainScale.tsx'
import { RedFlags } from '../safety/RedFlags.tsx'
import { FLOOR_NOTES, REMINDERS } from '../safety/safetyTexts.ts'
import { redFlagsAcknowledged, useSafety } from '../../services/safetyStore.ts'
import { prepareSession } from '../../services/session/sessionStore.ts'
import './session.css'

type Step = 'closed' | 'red-flags' | 'check-in'

/** Props: whether a headset session can start here. */
export interface SessionLauncherProps {
  disabled: boolean
}

/**
 * Choose a routine and start it in the headset: the red flags before the first
 * session, then the reminders and the pain check-in (skippable), then the
 * session record is opened and the headset view takes over.
 */
export function SessionLauncher({ disabled }: SessionLauncherProps) {
  const acknowledged = useSafety(redFlagsAcknowledged)
  const acknowledge = useSafety((s) => s.acknowledgeRedFlags)
  const [routineId, setRoutineId] = useState<string>(ROUTINES[0]!.id)
  const [holdSeconds, setHoldSeconds] = useState(30)
  const [record, setRecord] = useState(false)
  const [step, setStep] = useState<Step>('closed')
  const [pain, setPain] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const dialogRef = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const d = dialogRef.current
    if (!d) return
    if (step !== 'closed' && !d.open) d.showModal()
    if (step === 'closed' && d.open) d.close()
  }, [step])

  const start = async (painBefore: number | null) => {
    if (busy) return
    setBusy(true)
    let out: { ok: true; record: { id: string } } | { ok: false; message: string }
    try {
      // Storage (Dexie, the record schemas) loads with the progress view, not with the home page.
      const { startSession } = await import('../../services/storage/progress.ts')
      out = await startSession(routineId, painBefore)
    } catch (e) {
      out = {
        ok: false,
        message: 'Not saved: storage could not load (' + String(e).slice(0, 120) + ').',
      }
    }
    prepareSession({
      routineId,
      sessionId: out.ok ? out.record.id : null,
      painBefore,
      storageMessage: out.ok ? null : out.message,
      holdSeconds,
      record,
    })
    setBusy(false)
    setStep('closed')
    window.location.hash = '#/session?routine=' + encodeURIComponent(routineId)
  }

  return (
    <section className="session-launcher" aria-labelledby="launcher-title">
      <h2 id="launcher-title">Start a routine</h2>
      <fieldset>
        <legend>Routine</legend>
        {ROUTINES.map((r) => (
          <label key={r.id} className="routine-choice">
            <input
              type="radio"
              name="routine"
              value={r.id}
              checked={routineId === r.id}
              onChange={() => setRoutineId(r.id)}
            />{' '}
            {r.name}
          </label>
        ))}
      </fieldset>
      <label>
        Hold each stretch for{' '}
        <select value={holdSeconds} onChange={(e) => setHoldSeconds(Number(e.target.value))}>
          <option value={20}>20 s</option>
          <option value={25}>25 s</option>
          <option value={30}>30 s</option>
        </select>
      </label>
      <label className="confirm">
        <input type="checkbox" checked={record} onChange={(e) => setRecord(e.target.checked)} />{' '}
        Record this session (kept in this tab only, offered as a file at the end)
      </label>
      <button
        type="button"
        className="button"
        disabled={disabled}
        onClick={() => {
          setPain(null)
          setStep(acknowledged ? 'check-in' : 'red-flags')
        }}
      >
        Start routine in headset
      </button>
      <dialog
        ref={dialogRef}
        className="session-dialog"
        aria-labelledby="session-dialog-title"
        onCancel={() => setStep('closed')}
      >
        {step === 'red-flags' && (
          <RedFlags
            onAcknowledge={() => {
              acknowledge(new Date().toISOString())
              setStep('check-in')
            }}
            onCancel={() => setStep('closed')}
          />
        )}
        {step === 'check-in' && (
          <div className="safety-step" data-testid="check-in">
            <h2 id="session-dialog-title">Before you start</h2>
            <ul>
              {REMINDERS.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <h3>Your space</h3>
            <ul>
              {FLOOR_NOTES.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <PainScale legend="How is your back right now?" value={pain} onChange={setPain} />
            <div className="dialog-actions">
              <button
                type="button"
                className="button"
                disabled={busy || pain === null}
                onClick={() => void start(pain)}
              >
                Save and start
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => void start(null)}
              >
                Skip check-in and start
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => setStep('closed')}
              >
                Cancel
              </button>
            </div>
          </div>
        )}
      </dialog>
    </section>
  )
}

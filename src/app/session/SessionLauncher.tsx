import { useEffect, useId, useRef, useState } from 'react'
import { isOwnRoutineId, resolveRoutine } from '../../core/ownRoutines.ts'
import { routineMinutes } from '../../core/routineLength.ts'
import { ROUTINES, type Routine } from '../../core/stretches.ts'
import { useOwnRoutines } from '../../services/ownRoutinesStore.ts'
import { RoutineChoices } from './RoutineChoices.tsx'
import { PainScale } from '../safety/PainScale.tsx'
import { RedFlags } from '../safety/RedFlags.tsx'
import { FLOOR_NOTES, REMINDERS } from '../safety/safetyTexts.ts'
import { unlockCueAudio } from '../../services/cues/cuePlayer.ts'
import { redFlagsAcknowledged, redFlagsUpdated, useSafety } from '../../services/safetyStore.ts'
import { parseSessionParams, type SessionParams } from '../../services/session/sessionParams.ts'
import { prepareSession } from '../../services/session/sessionStore.ts'
import { loadPracticePage, loadSessionPage } from '../views.ts'
import './session.css'

type Step = 'closed' | 'red-flags' | 'check-in'
/** Where the checked-in routine runs: in the headset, or followed on this computer. */
type Where = 'headset' | 'desktop'

/** The holds the user may choose per side (docs/product.md: 20–30 s). */
const HOLD_CHOICES = [20, 25, 30] as const

/** The routines to offer and the one checked first: a routine the address names comes first and is checked. */
export function launcherChoices(params: Pick<SessionParams, 'routine'>): {
  routines: readonly Routine[]
  selectedId: string
} {
  const asked = params.routine
  if (!asked) return { routines: ROUTINES, selectedId: ROUTINES[0]!.id }
  // A built-in or own routine is already among the choices (own ones come from their store).
  const listed = ROUTINES.some((r) => r.id === asked.id) || isOwnRoutineId(asked.id)
  return { routines: listed ? ROUTINES : [asked, ...ROUTINES], selectedId: asked.id }
}

// Pure, in core since the routine builder shows them too; kept here for the files that import them from here.
export { routineMinutes, routineSummary } from '../../core/routineLength.ts'

// A browser lets a page start an immersive session only shortly after a click:
// start loading the headset view as soon as the user heads for the start button.
function preloadSessionView() {
  void loadSessionPage().catch(() => undefined)
}

function preloadPracticeView() {
  void loadPracticePage().catch(() => undefined)
}

/** Props: whether a headset session can start here, and what the page knows about the headset. */
export interface SessionLauncherProps {
  disabled: boolean
  /** how to get a headset when there is none, or which kind of session will run */
  headsetNote: string
  /** the address's session parameters (tests pass them; the page reads its own address) */
  params?: SessionParams
}

/**
 * The home page's way to start: choose a routine (the address may preselect
 * one) and a hold, then the red flags before the first session, the reminders
 * and the pain check-in (skippable), and the headset view takes over, or, with
 * "Practise on this computer", the desktop routine (the primary action where
 * there is no headset).
 */
export function SessionLauncher({ disabled, headsetNote, params }: SessionLauncherProps) {
  const [address] = useState<SessionParams>(
    () => params ?? parseSessionParams(window.location.search, window.location.hash),
  )
  const [choices] = useState(() => launcherChoices(address))
  const acknowledged = useSafety(redFlagsAcknowledged)
  const updated = useSafety(redFlagsUpdated)
  const acknowledge = useSafety((s) => s.acknowledgeRedFlags)
  const [routineId, setRoutineId] = useState(choices.selectedId)
  const [holdSeconds, setHoldSeconds] = useState<number>(30)
  const [record, setRecord] = useState(false)
  const [step, setStep] = useState<Step>('closed')
  const [where, setWhere] = useState<Where>('headset')
  const [pain, setPain] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const checkInTitleRef = useRef<HTMLHeadingElement>(null)
  const id = useId()
  const own = useOwnRoutines((s) => s.routines)
  // An own routine renamed or deleted meanwhile: its new name, or the first routine.
  const routine =
    choices.routines.find((r) => r.id === routineId) ??
    resolveRoutine(routineId, own) ??
    choices.routines[0]!

  useEffect(() => {
    const d = dialogRef.current
    if (!d) return
    if (step !== 'closed' && !d.open) d.showModal()
    if (step === 'closed' && d.open) d.close()
    // The red flags' buttons are gone once the check-in shows: keep focus inside the dialog.
    if (step === 'check-in') checkInTitleRef.current?.focus()
  }, [step])

  const start = async (painBefore: number | null) => {
    if (busy) return
    // Still inside the click: browsers let audio start only from a user gesture.
    unlockCueAudio()
    setBusy(true)
    let out: { ok: true; record: { id: string } } | { ok: false; message: string }
    try {
      // Storage (Dexie, the record schemas) loads with the progress view, not with the home page.
      const { startSession } = await import('../../services/storage/progress.ts')
      // An own routine's name goes with the session: history names it after a rename or deletion.
      out = await startSession(
        routine.id,
        painBefore,
        where,
        isOwnRoutineId(routine.id) ? routine.name : undefined,
      )
    } catch (e) {
      out = {
        ok: false,
        message: 'Not saved: storage could not load (' + String(e).slice(0, 120) + ').',
      }
    }
    // A storage failure still starts the session: the message is shown with the results.
    prepareSession({
      routineId: routine.id,
      sessionId: out.ok ? out.record.id : null,
      painBefore,
      storageMessage: out.ok ? null : out.message,
      holdSeconds,
      // nothing is measured on the desktop: there is nothing to record
      record: where === 'headset' && record,
    })
    setBusy(false)
    setStep('closed')
    // The query (?stretch=, ?emulate=, test values) stays as it is for the next view to read.
    window.location.hash = where === 'desktop' ? '#/practice' : '#/session'
  }

  const open = (w: Where) => {
    if (w === 'desktop') preloadPracticeView()
    else preloadSessionView()
    setWhere(w)
    setPain(null)
    setStep(acknowledged ? 'check-in' : 'red-flags')
  }

  const headsetButton = (
    <button
      type="button"
      className={disabled ? 'button secondary' : 'button start-button'}
      disabled={disabled}
      aria-describedby="headset-note"
      onPointerEnter={disabled ? undefined : preloadSessionView}
      onFocus={disabled ? undefined : preloadSessionView}
      onClick={() => open('headset')}
    >
      Start routine in headset
    </button>
  )
  const desktopButton = (
    <button
      type="button"
      className={disabled ? 'button start-button' : 'button secondary'}
      aria-describedby={`${id}-desktop-note`}
      onPointerEnter={preloadPracticeView}
      onFocus={preloadPracticeView}
      onClick={() => open('desktop')}
    >
      Practise on this computer
    </button>
  )

  return (
    <section className="session-launcher" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Start a routine</h2>
      {address.errors.length > 0 && (
        <div role="alert" className="launcher-errors">
          {address.errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {/* The way to start comes first (the first screen); the choices it starts with follow. */}
      <p className="launcher-chosen" data-testid="launcher-chosen">
        {routine.name} · about {routineMinutes(routine, holdSeconds)} min · {holdSeconds} s holds
      </p>
      <div className="actions">
        {/* with no headset here, following the coach on this screen comes first */}
        {disabled ? (
          <>
            {desktopButton}
            {headsetButton}
          </>
        ) : (
          <>
            {headsetButton}
            {desktopButton}
          </>
        )}
      </div>
      <p id="headset-note" className="note" role="status">
        {headsetNote}
      </p>
      <RoutineChoices
        routines={choices.routines}
        selectedId={routine.id}
        onSelect={setRoutineId}
        holdSeconds={holdSeconds}
      />
      <p className="launcher-field">
        <label htmlFor={`${id}-hold`}>Hold each stretch for</label>{' '}
        <select
          id={`${id}-hold`}
          value={holdSeconds}
          aria-describedby={`${id}-hold-note`}
          onChange={(e) => setHoldSeconds(Number(e.target.value))}
        >
          {HOLD_CHOICES.map((s) => (
            <option key={s} value={s}>
              {s} s
            </option>
          ))}
        </select>{' '}
        <span id={`${id}-hold-note`} className="field-note">
          on each side; stretches done as repetitions keep their count
        </span>
      </p>
      <p className="launcher-field">
        <label>
          <input
            type="checkbox"
            checked={record}
            aria-describedby={`${id}-record-note`}
            onChange={(e) => setRecord(e.target.checked)}
          />{' '}
          Record this session
        </label>
        <span id={`${id}-record-note`} className="field-note">
          Keeps your movements in this tab only and offers them as a file at the end, for replay or
          your physiotherapist. Nothing is sent anywhere.
        </span>
      </p>
      <p id={`${id}-desktop-note`} className="note">
        On this computer the coach leads the routine with timers and sounds; nothing is measured,
        and you mark each stretch done or skipped. Marked stretches count for your streak.
      </p>
      <dialog
        ref={dialogRef}
        className="session-dialog"
        aria-labelledby="session-dialog-title"
        onCancel={() => setStep('closed')}
      >
        {step === 'red-flags' && (
          <RedFlags
            updated={updated}
            onAcknowledge={() => {
              acknowledge(new Date().toISOString())
              setStep('check-in')
            }}
            onCancel={() => setStep('closed')}
          />
        )}
        {step === 'check-in' && (
          <div className="safety-step" data-testid="check-in">
            <h2 id="session-dialog-title" ref={checkInTitleRef} tabIndex={-1}>
              Before you start
            </h2>
            <p className="check-in-routine">
              {routine.name}, about {routineMinutes(routine, holdSeconds)} min, with {holdSeconds} s
              holds{where === 'desktop' ? ', on this computer' : ''}.
            </p>
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

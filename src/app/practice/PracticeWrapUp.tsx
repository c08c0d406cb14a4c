/**
 * The end of a desktop routine: each stretch as the user marked it (done,
 * skipped or stopped for pain) against its target and whether it was saved,
 * then the pain check-out, saved with the session's end.
 */
import { useState } from 'react'
import { STRETCHES } from '../../core/stretches.ts'
import type { DesktopOutcome, DesktopTargets } from '../../core/session/desktopRunner.ts'
import { practiceCheckOut, type PracticeSession } from '../../services/session/practiceSession.ts'
import { usePracticeStore, type PracticeMarkSummary } from '../../services/session/practiceStore.ts'
import { PainScale } from '../safety/PainScale.tsx'
import { PAIN_STOP_ADVICE } from '../safety/safetyTexts.ts'
import { endSaveText } from '../session/SessionWrapUp.tsx'

/** How the user marked a stretch, in the words of the session list. */
export function outcomeWords(outcome: DesktopOutcome): string {
  if (outcome === 'completed') return 'done'
  if (outcome === 'skipped') return 'skipped'
  return 'stopped for pain (never counts against you)'
}

/** The target, per side when the stretch has sides: "30 s each side", "8 repetitions". */
export function targetWords(stretch: PracticeMarkSummary['stretch'], t: DesktopTargets): string {
  const each = STRETCHES[stretch].sided ? ' each side' : ''
  if (t.reps !== null) return `${t.reps} repetitions${each}`
  return t.holdSeconds !== null ? `${t.holdSeconds} s${each}` : 'target not recorded'
}

function saveWords(m: PracticeMarkSummary): string {
  if (m.save === 'saving') return 'Saving…'
  if (m.save === 'saved') return 'Saved'
  return m.message ?? 'Not saved.'
}

/** The wrap-up of a finished desktop routine. */
export function PracticeWrapUp({ ps }: { ps: PracticeSession }) {
  const marks = usePracticeStore((s) => s.marks)
  const stoppedForPain = usePracticeStore((s) => s.stoppedForPain)
  const pendingSaves = usePracticeStore((s) => s.pendingSaves)
  const endSave = usePracticeStore((s) => s.endSave)
  const routineName = usePracticeStore((s) => s.routineName)
  const [pain, setPain] = useState<number | null>(null)
  const done = marks.filter((m) => m.outcome === 'completed').length
  return (
    <section
      className="practice-wrapup"
      aria-labelledby="practice-wrapup-title"
      data-testid="practice-wrap-up"
      data-pain-stop={String(stoppedForPain)}
    >
      <h2 id="practice-wrapup-title">
        {stoppedForPain ? 'Routine stopped for pain' : 'Routine finished'}
      </h2>
      <p>
        {routineName}: {done} of {marks.length} stretch{marks.length === 1 ? '' : 'es'} marked done,
        followed on this computer.
      </p>
      {stoppedForPain && <p>{PAIN_STOP_ADVICE}</p>}
      {marks.length > 0 && (
        <ul className="wrapup-list">
          {marks.map((m, i) => (
            <li key={i} data-stretch={m.stretch} data-outcome={m.outcome} data-save={m.save}>
              <strong>{STRETCHES[m.stretch].name}</strong>: {outcomeWords(m.outcome)} · target{' '}
              {targetWords(m.stretch, m.targets)} ·{' '}
              <span className={m.save === 'failed' ? 'save-failed' : undefined}>
                {saveWords(m)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {pendingSaves > 0 && <p role="status">Saving…</p>}
      {endSave === null ? (
        <div>
          <PainScale legend="How is your back now?" value={pain} onChange={setPain} />
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              disabled={pain === null}
              onClick={() => void practiceCheckOut(ps, pain)}
            >
              Save check-in
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => void practiceCheckOut(ps, null)}
            >
              Skip
            </button>
          </div>
        </div>
      ) : (
        <div>
          <p role="status" className={endSave === 'failed' ? 'save-failed' : undefined}>
            {endSaveText(endSave, null)}
          </p>
          <a className="button" href="#/">
            Done
          </a>
        </div>
      )}
    </section>
  )
}

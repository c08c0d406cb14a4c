import { useRef, useState } from 'react'
import {
  describeRecordCounts,
  describeRoutinesImport,
  type ImportPlan,
} from '../../core/history/backup.ts'
import { historyToCsv } from '../../core/history/csv.ts'
import { sessionsToCsv } from '../../core/history/sessionsCsv.ts'
import { dailyReminderIcs } from '../../core/history/ics.ts'
import type { History } from '../../core/history/records.ts'
import { effectiveToday } from '../../core/history/today.ts'
import {
  commitImport,
  deleteEverything,
  exportBackup,
  prepareImport,
  progressClock,
} from '../../services/storage/progress.ts'
import { downloadText } from './download.ts'
import { WorkLine } from './WorkLine.tsx'

/** Today as the rest of the page shows it (never a date the history has already passed). */
function today(history: History): string {
  const c = progressClock()
  return effectiveToday(history, c.nowMs(), c.timeZone())
}

/** Downloads one of the CSVs for a physiotherapist: stretchcoach-<kind>-<today>.csv. */
function downloadCsv(history: History, kind: 'stretches' | 'sessions', text: string): void {
  downloadText(`stretchcoach-${kind}-${today(history)}.csv`, text, 'text/csv;charset=utf-8')
}

/** Backup, import, CSV for a physiotherapist, a calendar reminder, and deleting everything. */
export function DataControls({ history, available }: { history: History; available: boolean }) {
  const [plan, setPlan] = useState<ImportPlan | null>(null)
  const [importError, setImportError] = useState<string | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [time, setTime] = useState('08:00')
  const [busy, setBusy] = useState(false)
  const fileRef = useRef<HTMLInputElement>(null)

  // one file at a time: a second pick while the first is checked would race it
  const [checking, setChecking] = useState(false)

  const onFile = async (file: File | undefined) => {
    setPlan(null)
    setImportError(null)
    if (!file) return
    setChecking(true)
    try {
      const text = await file.text().catch(() => null)
      const out =
        text === null
          ? { ok: false as const, message: 'The file could not be read.' }
          : await prepareImport(text)
      if (out.ok) setPlan(out.plan)
      else setImportError(out.message)
    } finally {
      setChecking(false)
      if (fileRef.current) fileRef.current.value = ''
    }
  }
  const addCount = plan
    ? plan.toAdd.results.length +
      plan.toAdd.sessions.length +
      plan.toAdd.checkIns.length +
      plan.toAdd.unlocks.length +
      plan.ownRoutines.plan.toAdd.length
    : 0
  const routinesToAdd = plan ? plan.ownRoutines.plan.toAdd.length : 0
  const routinesSaid = plan ? describeRoutinesImport(plan.ownRoutines) : []

  return (
    <div className="data-controls">
      <div className="control-group">
        <h3>Back up and restore</h3>
        <p>
          Your history lives only in this browser. A backup file keeps it safe and moves it to
          another device.
        </p>
        <button
          type="button"
          className="button"
          disabled={!available}
          onClick={async () => {
            // Always a file when storage opens; what could only be described is said on the page.
            const out = await exportBackup()
            if (out.ok)
              downloadText(
                `stretchcoach-backup-${today(history)}.json`,
                out.text,
                'application/json',
              )
          }}
        >
          Export backup (JSON)
        </button>{' '}
        <label className="button secondary file-label">
          Import a backup…
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            disabled={!available || checking}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
        {/* A large backup takes a while to check and save: how far it has come. */}
        {available && <WorkLine steps={['checking', 'saving', 'reading']} />}
        {importError && (
          <p role="alert" className="message error" data-testid="import-error">
            {importError}
          </p>
        )}
        {plan && (
          <div
            className="import-plan"
            role="group"
            aria-labelledby="import-plan-title"
            data-testid="import-plan"
          >
            <p id="import-plan-title">
              {/* "nothing new" would read wrong above the own routines it adds */}
              {addCount === routinesToAdd && routinesToAdd > 0
                ? 'This backup has no history new to this device'
                : `This backup will add ${describeRecordCounts({
                    results: plan.toAdd.results.length,
                    sessions: plan.toAdd.sessions.length,
                    checkIns: plan.toAdd.checkIns.length,
                    unlocks: plan.toAdd.unlocks.length,
                  })}`}
              {Object.values(plan.alreadyHere).some((n) => n > 0)
                ? `; ${describeRecordCounts(plan.alreadyHere)} already here stay as they are`
                : ''}
              .
            </p>
            {routinesSaid.length > 0 && (
              <p data-testid="import-plan-routines">{routinesSaid.join(' ')}</p>
            )}
            <button
              type="button"
              className="button"
              disabled={busy || addCount === 0}
              onClick={async () => {
                setBusy(true)
                if (await commitImport(plan)) setPlan(null)
                setBusy(false)
              }}
            >
              Add to my history
            </button>{' '}
            <button type="button" className="button secondary" onClick={() => setPlan(null)}>
              Cancel
            </button>
          </div>
        )}
      </div>
      <div className="control-group">
        <h3>For your physiotherapist</h3>
        <p>
          Two spreadsheets (CSV): every stretch, one row per side, with its target, what you
          achieved and how it ended; and every session and pain check-in.
        </p>
        <button
          type="button"
          className="button secondary"
          disabled={!available}
          onClick={() => downloadCsv(history, 'stretches', historyToCsv(history))}
        >
          Download CSV
        </button>{' '}
        <button
          type="button"
          className="button secondary"
          disabled={!available}
          onClick={() => downloadCsv(history, 'sessions', sessionsToCsv(history))}
        >
          Download sessions CSV
        </button>
      </div>
      <div className="control-group">
        <h3>A report to print</h3>
        <p>Adherence, each stretch per side, pain stops and pain over a period you choose.</p>
        <a className="button secondary" href="#/report">
          Report for your physiotherapist
        </a>
      </div>
      <div className="control-group">
        <h3>Daily reminder</h3>
        <p>Add a daily event to your own calendar app; no notifications come from us.</p>
        <label>
          Time of day <input type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        </label>{' '}
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            const c = progressClock()
            const ics = dailyReminderIcs(
              time,
              c.nowMs(),
              c.timeZone(),
              'daily-reminder@stretchcoach-xr',
            )
            if (ics) downloadText('stretchcoach-reminder.ics', ics, 'text/calendar;charset=utf-8')
          }}
          disabled={!/^\d{2}:\d{2}$/.test(time)}
        >
          Download reminder (.ics)
        </button>
      </div>
      <div className="control-group">
        <h3>Delete all my data</h3>
        {!confirmDelete ? (
          <button
            type="button"
            className="button danger"
            disabled={!available}
            onClick={() => setConfirmDelete(true)}
          >
            Delete all my data…
          </button>
        ) : (
          <div role="group" aria-labelledby="delete-all-q" className="confirm-box">
            <p id="delete-all-q">
              This removes every stretch, session, pain check-in and achievement from this device.
              It cannot be undone: export a backup first if you may want it back.
            </p>
            <button
              type="button"
              className="button danger"
              disabled={busy}
              onClick={async () => {
                setBusy(true)
                await deleteEverything()
                setBusy(false)
                setConfirmDelete(false)
              }}
            >
              Yes, delete everything
            </button>{' '}
            <button
              type="button"
              className="button secondary"
              autoFocus
              onClick={() => setConfirmDelete(false)}
            >
              Cancel
            </button>
          </div>
        )}
      </div>
    </div>
  )
}

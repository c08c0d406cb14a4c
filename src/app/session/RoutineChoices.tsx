import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import {
  isOwnRoutineId,
  OWN_NAME_MAX,
  OWN_ROUTINES_MAX,
  ownToRoutine,
  type DraftProblemField,
  type OwnRoutine,
} from '../../core/ownRoutines.ts'
import { routineSummary } from '../../core/routineLength.ts'
import { STRETCH_LIST, STRETCHES, type Routine, type StretchId } from '../../core/stretches.ts'
import { useOwnRoutines } from '../../services/ownRoutinesStore.ts'
import './routineChoices.css'

/** Props: the routines to offer before the user's own, the one checked, and the hold the lengths are worked out at. */
export interface RoutineChoicesProps {
  /** built-in routines, and one the address preselected */
  routines: readonly Routine[]
  selectedId: string
  onSelect: (id: string) => void
  /** seconds per side, for the lengths shown */
  holdSeconds: number
}

/** What the builder is doing: nothing (null), building a new routine, or changing a saved one. */
type Building = null | { editing: OwnRoutine | null }

/**
 * The launcher's routine picker: one radio per routine, labelled by its name,
 * with its length and stretches under it; then the user's own routines, each
 * with Edit and Delete (after a confirm step), and "Build your own routine",
 * which opens the builder in a modal dialog.
 */
export function RoutineChoices({
  routines,
  selectedId,
  onSelect,
  holdSeconds,
}: RoutineChoicesProps) {
  const id = useId()
  const own = useOwnRoutines((s) => s.routines)
  const warning = useOwnRoutines((s) => s.warning)
  const remove = useOwnRoutines((s) => s.remove)
  const [building, setBuilding] = useState<Building>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [removeError, setRemoveError] = useState<string | null>(null)
  const buildButtonRef = useRef<HTMLButtonElement>(null)
  const fieldsetRef = useRef<HTMLFieldSetElement>(null)
  // Where focus goes once the builder or a confirm step is gone (a radio or button, by selector).
  const [focusAfter, setFocusAfter] = useState<string | null>(null)

  useEffect(() => {
    if (focusAfter === null) return
    const el = fieldsetRef.current?.querySelector<HTMLElement>(focusAfter)
    ;(el ?? buildButtonRef.current)?.focus()
    setFocusAfter(null)
  }, [focusAfter, own])

  // Own routines come from the store; an own routine the address named is among them.
  const given = routines.filter((r) => !isOwnRoutineId(r.id))
  const full = own.length >= OWN_ROUTINES_MAX

  const radio = (r: Routine, key: string, ownRoutine: OwnRoutine | null) => {
    const inputId = `${id}-routine-${key}`
    const confirmingThis = ownRoutine !== null && confirming === ownRoutine.id
    return (
      <div
        key={r.id}
        className={ownRoutine ? 'routine-choice own-routine' : 'routine-choice'}
        data-routine-choice={r.id}
      >
        <input
          type="radio"
          id={inputId}
          name={`${id}-routine`}
          value={r.id}
          checked={selectedId === r.id}
          onChange={() => onSelect(r.id)}
          aria-describedby={`${inputId}-holds`}
        />
        <label htmlFor={inputId}>{r.name}</label>
        <p id={`${inputId}-holds`} className="routine-holds">
          {routineSummary(r, holdSeconds)}
        </p>
        {ownRoutine && !confirmingThis && (
          <p className="own-routine-actions">
            <button
              type="button"
              className="button secondary small"
              aria-label={`Edit ${r.name}`}
              data-edit={r.id}
              onClick={() => setBuilding({ editing: ownRoutine })}
            >
              Edit
            </button>
            <button
              type="button"
              className="button secondary small"
              aria-label={`Delete ${r.name}`}
              data-delete={r.id}
              onClick={() => {
                setRemoveError(null)
                setConfirming(ownRoutine.id)
                setFocusAfter(`[data-confirm-delete="${CSS.escape(ownRoutine.id)}"]`)
              }}
            >
              Delete
            </button>
          </p>
        )}
        {ownRoutine && confirmingThis && (
          <div className="own-routine-confirm" role="group" aria-labelledby={`${inputId}-confirm`}>
            <p id={`${inputId}-confirm`}>
              Delete “{r.name}” from this device? Sessions you did with it keep its name.
            </p>
            <p className="own-routine-actions">
              <button
                type="button"
                className="button danger small"
                data-confirm-delete={r.id}
                onClick={() => {
                  const out = remove(ownRoutine.id)
                  setConfirming(null)
                  if (!out.ok) {
                    setRemoveError(out.message)
                    return
                  }
                  if (selectedId === ownRoutine.id) onSelect(given[0]?.id ?? '')
                  setFocusAfter('[data-build]')
                }}
              >
                Yes, delete {r.name}
              </button>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  setConfirming(null)
                  setFocusAfter(`[data-delete="${CSS.escape(ownRoutine.id)}"]`)
                }}
              >
                Keep it
              </button>
            </p>
          </div>
        )}
      </div>
    )
  }

  return (
    <fieldset className="routine-choices" ref={fieldsetRef}>
      <legend>Routine</legend>
      {warning && (
        <p role="alert" className="own-routines-warning">
          {warning}
        </p>
      )}
      {given.map((r, i) => radio(r, String(i), null))}
      {own.length > 0 && <p className="own-routines-title">Your routines</p>}
      {own.map((r, i) => radio(ownToRoutine(r), `own-${i}`, r))}
      {removeError && (
        <p role="alert" className="own-routines-error">
          {removeError}
        </p>
      )}
      <p className="own-routines-build">
        <button
          ref={buildButtonRef}
          type="button"
          className="button secondary"
          data-build=""
          disabled={full}
          aria-describedby={full ? `${id}-full` : undefined}
          onClick={() => setBuilding({ editing: null })}
        >
          Build your own routine
        </button>
        {full && (
          <span id={`${id}-full`} className="field-note">
            {' '}
            You have {OWN_ROUTINES_MAX} routines, the most this device keeps: delete one to build
            another.
          </span>
        )}
      </p>
      {building && (
        <RoutineBuilder
          editing={building.editing}
          holdSeconds={holdSeconds}
          onClose={(savedId) => {
            const editing = building.editing
            setBuilding(null)
            if (savedId) {
              onSelect(savedId)
              setFocusAfter(`input[value="${CSS.escape(savedId)}"]`)
            } else if (editing) setFocusAfter(`[data-edit="${CSS.escape(editing.id)}"]`)
            else setFocusAfter('[data-build]')
          }}
        />
      )}
    </fieldset>
  )
}

interface RoutineBuilderProps {
  /** the routine to change, or null for a new one */
  editing: OwnRoutine | null
  holdSeconds: number
  /** called with the saved routine's id, or null when cancelled */
  onClose: (savedId: string | null) => void
}

/** The builder: a name, the chosen stretches in order (add, remove, move up and down), the length live, Save. */
function RoutineBuilder({ editing, holdSeconds, onClose }: RoutineBuilderProps) {
  const id = useId()
  const save = useOwnRoutines((s) => s.save)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [name, setName] = useState(editing?.name ?? '')
  const [chosen, setChosen] = useState<readonly StretchId[]>(editing?.stretches ?? [])
  const [problem, setProblem] = useState<{ field: DraftProblemField; message: string } | null>(null)
  // After a move or removal focus stays with the stretch it acted on (or the list's heading).
  const [focusKey, setFocusKey] = useState<string | null>(null)

  useEffect(() => {
    const d = dialogRef.current
    if (d && !d.open) d.showModal()
    return () => {
      if (d?.open) d.close()
    }
  }, [])

  useEffect(() => {
    if (focusKey === null) return
    dialogRef.current?.querySelector<HTMLElement>(focusKey)?.focus()
    setFocusKey(null)
  }, [focusKey, chosen])

  const move = (at: number, by: -1 | 1) => {
    const to = at + by
    if (to < 0 || to >= chosen.length) return
    const next = [...chosen]
    ;[next[at], next[to]] = [next[to]!, next[at]!]
    setChosen(next)
    // Focus stays on the moved stretch's button; at an end, where that is disabled, on its other one.
    const sid = chosen[at]!
    const atEnd = by === -1 ? to === 0 : to === chosen.length - 1
    const dir = (by === -1) !== atEnd ? 'up' : 'down'
    setFocusKey(`[data-move="${dir}"][data-stretch="${sid}"]`)
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const out = save({ name, stretches: chosen }, editing?.id)
    if (!out.ok) {
      setProblem({ field: out.field, message: out.message })
      if (out.field === 'name') setFocusKey('input[name="routine-name"]')
      return
    }
    onClose(out.routine.id)
  }

  const chosenSet = new Set(chosen)
  const available = STRETCH_LIST.filter((s) => !chosenSet.has(s.id))
  const title = editing ? `Edit “${editing.name}”` : 'Build your own routine'
  const nameProblem = problem?.field === 'name' ? problem.message : null
  const otherProblem = problem && problem.field !== 'name' ? problem.message : null

  return (
    <dialog
      ref={dialogRef}
      className="session-dialog routine-builder"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault()
        onClose(null)
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="builder-field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            name="routine-name"
            type="text"
            autoComplete="off"
            value={name}
            // a little past the limit, so a long paste is told why rather than cut silently
            maxLength={OWN_NAME_MAX + 20}
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby={`${id}-name-note${nameProblem ? ` ${id}-name-problem` : ''}`}
            onChange={(e) => {
              setName(e.target.value)
              if (problem?.field === 'name') setProblem(null)
            }}
          />
          <span id={`${id}-name-note`} className="field-note">
            1–{OWN_NAME_MAX} characters, not the name of another routine
          </span>
          {nameProblem && (
            <span id={`${id}-name-problem`} role="alert" className="builder-problem">
              {nameProblem}
            </span>
          )}
        </p>

        <h3 id={`${id}-chosen-title`} tabIndex={-1}>
          Your stretches, in order
        </h3>
        {chosen.length === 0 ? (
          <p className="field-note">None yet: add one or more from the list below.</p>
        ) : (
          <ol className="builder-chosen" aria-labelledby={`${id}-chosen-title`}>
            {chosen.map((sid, i) => {
              const n = STRETCHES[sid].name
              return (
                <li key={sid} data-chosen={sid}>
                  <div className="builder-row">
                    <span className="builder-stretch">{n}</span>
                    <span className="builder-moves">
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={`Move ${n} up`}
                        data-move="up"
                        data-stretch={sid}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      >
                        Up
                      </button>
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={`Move ${n} down`}
                        data-move="down"
                        data-stretch={sid}
                        disabled={i === chosen.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        Down
                      </button>
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={`Remove ${n}`}
                        onClick={() => {
                          const next = chosen.filter((x) => x !== sid)
                          setChosen(next)
                          if (problem?.field === 'stretches') setProblem(null)
                          const neighbour = next[Math.min(i, next.length - 1)]
                          setFocusKey(
                            neighbour
                              ? `[data-chosen="${neighbour}"] button[aria-label^="Remove"]`
                              : `#${CSS.escape(`${id}-chosen-title`)}`,
                          )
                        }}
                      >
                        Remove
                      </button>
                    </span>
                  </div>
                </li>
              )
            })}
          </ol>
        )}
        <p className="builder-length" aria-live="polite" data-testid="builder-length">
          {chosen.length === 0
            ? 'Add at least one stretch.'
            : `${routineSummary({ stretches: chosen }, holdSeconds)} (with ${holdSeconds} s holds)`}
        </p>

        {available.length > 0 && (
          <>
            <h3>Add a stretch</h3>
            <ul className="builder-available">
              {available.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="button secondary small"
                    aria-label={`Add ${s.name}`}
                    data-add={s.id}
                    onClick={() => {
                      setChosen([...chosen, s.id])
                      if (problem?.field === 'stretches') setProblem(null)
                      // Focus moves on to the next stretch still to add, or the list's end.
                      const rest = available.filter((x) => x.id !== s.id)
                      const after = rest.find(
                        (x) => STRETCH_LIST.indexOf(x) > STRETCH_LIST.indexOf(s),
                      )
                      const target = after ?? rest[rest.length - 1]
                      setFocusKey(target ? `[data-add="${target.id}"]` : '[data-save]')
                    }}
                  >
                    + {s.name}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}

        {otherProblem && (
          <p role="alert" className="builder-problem">
            {otherProblem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="button" data-save="">
            Save routine
          </button>
          <button type="button" className="button secondary" onClick={() => onClose(null)}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  )
}

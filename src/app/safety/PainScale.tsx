import { useId } from 'react'

/** Props: the question, the chosen rating (null: none yet) and the change handler. */
export interface PainScaleProps {
  legend: string
  value: number | null
  onChange: (value: number) => void
}

const RATINGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const

/** A 0–10 pain rating as a radio group: keyboard arrows move along it, a screen reader reads each step. */
export function PainScale({ legend, value, onChange }: PainScaleProps) {
  const name = useId()
  return (
    <fieldset className="pain-scale">
      <legend>{legend}</legend>
      <div className="pain-scale-options">
        {RATINGS.map((n) => (
          <label key={n} className={value === n ? 'chosen' : undefined}>
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
      <p className="pain-scale-ends" aria-hidden="true">
        <span>0: no pain</span>
        <span>10: the worst you can imagine</span>
      </p>
    </fieldset>
  )
}

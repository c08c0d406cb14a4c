import { addCivilDays } from '../../core/history/civilDate.ts'
import { dayState, type DayState, type StreakReport } from '../../core/history/streak.ts'
import { weekStartOf } from '../../core/history/trends.ts'
import { longDate } from './format.ts'

/** Weeks shown, ending with the current one. */
export const CALENDAR_WEEKS = 6

const LABEL: Record<DayState, string> = {
  double: 'double day (all ten)',
  counted: 'counted',
  frozen: 'frozen (rested for pain)',
  skipped: 'skipped by travel',
  partial: 'some stretches, not counted',
  empty: 'nothing done',
}
const MARK: Record<DayState, string> = {
  double: '★',
  counted: '✓',
  frozen: '❄',
  skipped: '→',
  partial: '·',
  empty: '',
}
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** A calendar of the last weeks: counted, double, frozen and travel-skipped dates. */
export function StreakCalendar({ report }: { report: StreakReport }) {
  const first = addCivilDays(weekStartOf(report.today), -7 * (CALENDAR_WEEKS - 1))
  const weeks: string[][] = []
  for (let w = 0; w < CALENDAR_WEEKS; w++) {
    const row: string[] = []
    for (let d = 0; d < 7; d++) row.push(addCivilDays(first, w * 7 + d))
    weeks.push(row)
  }
  return (
    <div className="calendar-wrap">
      <table className="calendar" data-testid="calendar">
        <caption>
          Days done, {longDate(first)} to {longDate(addCivilDays(first, CALENDAR_WEEKS * 7 - 1))}
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((row) => (
            <tr key={row[0]}>
              {row.map((date) => {
                const state = dayState(report, date)
                const future = date > report.today
                const isToday = date === report.today
                // how many of the date's completed stretches were followed on the desktop, not measured
                const desktop = report.days.get(date)?.desktop.size ?? 0
                return (
                  <td
                    key={date}
                    className={`day day-${state}${future ? ' day-future' : ''}${isToday ? ' day-today' : ''}`}
                    data-date={date}
                    data-state={state}
                    data-desktop={desktop > 0 ? String(desktop) : undefined}
                    aria-current={isToday ? 'date' : undefined}
                  >
                    <span aria-hidden="true" className="day-num">
                      {Number(date.slice(8))}
                    </span>
                    <span aria-hidden="true" className="day-mark">
                      {MARK[state]}
                    </span>
                    <span className="sr-only">
                      {longDate(date)}
                      {isToday ? ', today' : ''}: {future ? 'ahead' : LABEL[state]}
                      {desktop > 0 ? `, ${desktop} followed on desktop` : ''}
                    </span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="calendar-legend" aria-label="Calendar key">
        {(['counted', 'double', 'frozen', 'skipped', 'partial'] as const).map((s) => (
          <li key={s}>
            <span className={`legend-swatch day-${s}`} aria-hidden="true">
              {MARK[s]}
            </span>{' '}
            {LABEL[s]}
          </li>
        ))}
        <li>
          <span className="legend-swatch day-desktop-key" aria-hidden="true" /> some stretches
          followed on desktop
        </li>
      </ul>
    </div>
  )
}

/** The progress part of the home page: streak, calendar, achievements, charts, sessions. */
export function ProgressHome() {
  return null
}

/** Today's streak's place while the history loads, the same height, so nothing below it moves. */
export function TodayStatusLoading() {
  return (
    <div className="today-status" aria-busy="true">
      <p className="streak-loading">Reading your streak…</p>
    </div>
  )
}

/** Being built (issue 10). */
export default function ReplayPage() {
  return <main className="loading">Not ready yet.</main>
}

/** Being built (issue 10). */
export default function PracticePage() {
  return <main className="loading">Not ready yet.</main>
}

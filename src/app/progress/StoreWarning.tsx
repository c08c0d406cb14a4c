import { dismissStoreWarning } from '../../services/storage/progress.ts'

/** What the layout check found (e.g. a table was missing), with what can be done; stays until dismissed. */
export function StoreWarning({ text }: { text: string }) {
  return (
    <div role="alert" className="message warn store-warning" data-testid="store-warning">
      <p>{text}</p>
      <button type="button" className="button secondary" onClick={() => void dismissStoreWarning()}>
        I understand, hide this
      </button>
    </div>
  )
}

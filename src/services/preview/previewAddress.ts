/**
 * The preview's address, so a physiotherapist can link to one stretch:
 * `#/preview?stretch=<id>` (or `?stretch=<id>` in the page's own query, before
 * the hash). Pure string work, no DOM.
 */
import { STRETCHES, STRETCH_IDS, isStretchId, type StretchId } from '../../core/stretches.ts'

/** What the address asks the preview to show. */
export interface AddressedStretch {
  /** the stretch named, or null when none is named or the name is unknown */
  stretch: StretchId | null
  /** a message for the user when the name is unknown, else null */
  error: string | null
}

/** The `stretch` value of a query string (with or without its '?'), or null. */
function stretchParam(query: string): string | null {
  try {
    return new URLSearchParams(query).get('stretch')
  } catch {
    return null
  }
}

/** The query part of a hash route ('#/preview?stretch=x' → 'stretch=x'), '' without one. */
function hashQuery(hash: string): string {
  const i = hash.indexOf('?')
  return i < 0 ? '' : hash.slice(i + 1)
}

/**
 * The stretch an address names: the hash route's `?stretch=` first, else the
 * page query's. An unknown name gives a message naming it (shortened) and
 * `defaultId`, which the preview then shows.
 */
export function stretchFromAddress(
  hash: string,
  search: string,
  defaultId: StretchId,
): AddressedStretch {
  const raw = stretchParam(hashQuery(hash)) ?? stretchParam(search)
  if (raw === null) return { stretch: null, error: null }
  const id = raw.trim().toLowerCase()
  if (isStretchId(id)) return { stretch: id, error: null }
  const shown = raw.length > 40 ? raw.slice(0, 40) + '…' : raw
  return {
    stretch: null,
    error:
      `There is no stretch "${shown}" in this app; showing ${STRETCHES[defaultId].name}. ` +
      `Known stretches: ${STRETCH_IDS.join(', ')}.`,
  }
}

/**
 * The address (path, query and hash, for history.replaceState) that names
 * `id` in the hash route; a `stretch` in the page query is dropped so the two
 * cannot disagree, and every other parameter is kept.
 */
export function addressWithStretch(pathname: string, search: string, id: StretchId): string {
  let query = ''
  try {
    const params = new URLSearchParams(search)
    params.delete('stretch')
    const rest = params.toString()
    query = rest ? '?' + rest : ''
  } catch {
    query = ''
  }
  return `${pathname}${query}#/preview?stretch=${encodeURIComponent(id)}`
}

import { describe, expect, it } from 'vitest'
import {
  addressWithStretch,
  stretchFromAddress,
} from '../../../src/services/preview/previewAddress.ts'

describe('stretchFromAddress', () => {
  it('reads the stretch from the hash route, then from the page query', () => {
    expect(stretchFromAddress('#/preview?stretch=cat-cow', '', 'childs-pose')).toEqual({
      stretch: 'cat-cow',
      error: null,
    })
    expect(stretchFromAddress('#/preview', '?stretch=bridge', 'childs-pose').stretch).toBe('bridge')
    // the hash route wins over the page query
    expect(
      stretchFromAddress('#/preview?stretch=bridge', '?stretch=cat-cow', 'childs-pose').stretch,
    ).toBe('bridge')
    // case and spaces as people type them
    expect(stretchFromAddress('#/preview?stretch=%20Cat-Cow%20', '', 'childs-pose').stretch).toBe(
      'cat-cow',
    )
  })

  it('names none: no stretch and no message', () => {
    expect(stretchFromAddress('#/preview', '', 'childs-pose')).toEqual({
      stretch: null,
      error: null,
    })
    expect(stretchFromAddress('', '?emulate=quest3', 'childs-pose').error).toBeNull()
  })

  it('an unknown name gives a message naming it, the stretch shown instead and the known ones', () => {
    const r = stretchFromAddress('#/preview?stretch=cobra', '', 'childs-pose')
    expect(r.stretch).toBeNull()
    expect(r.error).toContain('"cobra"')
    expect(r.error).toContain("showing Child's pose")
    expect(r.error).toContain('cat-cow')
    // a long name is shortened in the message
    const long = stretchFromAddress(`#/preview?stretch=${'x'.repeat(500)}`, '', 'childs-pose')
    expect(long.error!.length).toBeLessThan(300)
    // an empty value is unknown too
    expect(stretchFromAddress('#/preview?stretch=', '', 'childs-pose').error).toContain('""')
  })
})

describe('addressWithStretch', () => {
  it('names the stretch in the hash route and keeps the rest of the page query', () => {
    expect(addressWithStretch('/app/', '', 'bridge')).toBe('/app/#/preview?stretch=bridge')
    expect(addressWithStretch('/', '?emulate=quest3&stretch=cat-cow', 'bridge')).toBe(
      '/?emulate=quest3#/preview?stretch=bridge',
    )
    expect(addressWithStretch('/', '?stretch=cat-cow', 'bridge')).toBe('/#/preview?stretch=bridge')
  })

  it('gives an address stretchFromAddress reads back', () => {
    const address = addressWithStretch('/', '?stretch=cat-cow', 'hip-flexor')
    const hash = address.slice(address.indexOf('#'))
    const search = address.slice(address.indexOf('?'), address.indexOf('#'))
    expect(stretchFromAddress(hash, search, 'childs-pose').stretch).toBe('hip-flexor')
  })
})

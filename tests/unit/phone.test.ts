import { describe, expect, it } from 'vitest'
import { normalizePhone } from '../../shared/phone.ts'

describe('normalizePhone', () => {
  it.each([
    ['06-12345678', '+31612345678'],
    ['06 1234 5678', '+31612345678'],
    ['0612345678', '+31612345678'],
    ['+31 6 12345678', '+31612345678'],
    ['0031612345678', '+31612345678'],
    ['+31 (0)6 12345678', '+31612345678'],
    ['  06-12 34 56 78 ', '+31612345678'],
    ['06.12.34.56.78', '+31612345678'],
    ['06\u00a012345678', '+31612345678'], // no-break space, as Excel and Word paste it
    ['06\u201312345678', '+31612345678'], // en dash, as Word autocorrects it
    ['+31 06 12345678', '+31612345678'], // the trunk 0 typed after the country code
    ['0031 (0)6 12345678', '+31612345678'],
    ['020-1234567', '+31201234567'],
    ['(020) 123 45 67', '+31201234567'],
    ['+32 470 12 34 56', '+32470123456'], // a Belgian number stays Belgian
  ])('%s -> %s', (typed, expected) => {
    expect(normalizePhone(typed)).toBe(expected)
  })

  it('recognises a mobile number that a spreadsheet stored as a number', () => {
    expect(normalizePhone(612345678)).toBe('+31612345678')
    expect(normalizePhone(31612345678)).toBe('+31612345678')
    expect(normalizePhone(201234567)).toBe('+31201234567')
  })

  it.each(['', '   ', 'geen', 'onbekend', 'n.v.t.', '06-1234567', '06-123456789', '12345', 'sanne@voorbeeld.nl'])('%j is not a phone number -> empty', (typed) => {
    expect(normalizePhone(typed)).toBe('')
  })
})

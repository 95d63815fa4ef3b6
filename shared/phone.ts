// Phone numbers are kept as typed and also normalised to +31... (E.164) for vCards and matching.

/**
 * '06-12345678', '06 1234 5678', '0031 6 12345678', '+31 (0)6 12345678', '+31 06 12345678' -> '+31612345678'.
 * A Dutch mobile number that a spreadsheet stored as 612345678 or 31612345678 is recognised.
 * Returns '' when the input does not look like a phone number.
 */
export function normalizePhone(typed: string | number): string {
  let s = String(typed).trim()
  if (s === '') return ''
  // Separators people and word processors type: spaces (also no-break), dots, slashes, brackets,
  // hyphens and the dashes Word substitutes for them.
  s = s.replace(/\(0\)/g, '').replace(/[\s\-./()\u2010-\u2015\u2212]/g, '')
  if (!/^\+?\d{6,15}$/.test(s)) return ''
  if (s.startsWith('00')) s = `+${s.slice(2)}`
  if (s.startsWith('+310')) return `+31${s.slice(4)}` // '+31 06 ...': the trunk 0 does not belong after +31
  if (s.startsWith('+')) return s
  if (s.startsWith('0')) return s.length === 10 ? `+31${s.slice(1)}` : ''
  if (/^31\d{9}$/.test(s)) return `+${s}`
  if (/^[1-9]\d{8}$/.test(s)) return `+31${s}` // '0' lost in a number cell: 612345678
  return ''
}

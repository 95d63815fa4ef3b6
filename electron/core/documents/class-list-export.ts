// The class list as a CSV that Dutch Excel opens as columns (UTF-8 with BOM, semicolons, CRLF),
// and the guardians who share their contact details as vCard 3.0, to add to a phone.
import { documentLine, startsLikeFormula } from '../../../shared/safe-text.ts'
import { NO_CONTACT, NOT_IN_APP, NOT_RECOGNISABLE, recognisable, sharesContact, type ClassListInput } from './class-list.ts'

const BOM = '\uFEFF'

/**
 * One CSV field. Control and bidi characters are dropped (they came in before input refused them).
 * A value a spreadsheet would run as a formula gets a leading apostrophe, also a number like
 * '+31 6 12345678' or '-5': opened in Excel that stays text, '+31...' instead of 31612345678 or
 * #NAAM?, and the apostrophe says to a reader that nothing was calculated. So does '0687654321',
 * which Excel and Calc would otherwise show as the number 687654321.
 */
export function csvField(value: string): string {
  let v = documentLine(value).trim()
  if (startsLikeFormula(v) || /^0\d+$/.test(v)) v = `'${v}`
  // Excel set to a comma as list separator (English Windows) starts a cell after every comma,
  // quotes or not: what follows a comma must not start a formula either.
  v = v.replace(/,(\s*)(?=[=+\-@])/g, ",$1'")
  return /[";,]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

export const CSV_HEADER = ['Groep', 'Leerling', 'Herkenbaar in beeld', 'Ouder/verzorger', 'Relatie', 'Telefoon', 'E-mail', 'In groepsapp', 'Opmerking'] as const

export function classListCsv(input: ClassListInput): Buffer {
  const lines: string[][] = [[...CSV_HEADER]]
  for (const p of input.pupils) {
    const seen = recognisable(p) ? 'ja' : `nee: ${NOT_RECOGNISABLE}`
    const share = sharesContact(p)
    if (p.guardians.length === 0) lines.push([input.group.name, p.sortName, seen, '', '', '', '', '', 'geen ouders/verzorgers bekend'])
    for (const g of p.guardians) {
      const remarks = [share ? '' : NO_CONTACT, g.inGroupApp ? '' : NOT_IN_APP].filter(Boolean).join('; ')
      lines.push([
        input.group.name,
        p.sortName,
        seen,
        g.name,
        g.relation,
        share ? g.phone : '',
        share ? g.email : '',
        g.inGroupApp ? 'ja' : 'nee',
        remarks,
      ])
    }
  }
  return Buffer.from(BOM + lines.map((l) => l.map(csvField).join(';')).join('\r\n') + '\r\n', 'utf8')
}

/**
 * RFC 2426 text value on one line: control and bidi characters dropped, line breaks a space (so no
 * name, e-mail or note can start a property or a card of its own), then backslash, comma and
 * semicolon escaped.
 */
export function vcardText(s: string): string {
  return documentLine(s).replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;')
}

/** A phone number in a vCard: the + and digits it starts with, whatever else the database holds. */
const vcardPhone = (normalized: string): string => /^\+?\d{3,15}/.exec(normalized)?.[0] ?? ''

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8')
    const limit = out.length === 0 ? 75 : 74 // a continuation line starts with a space
    if (octets + size > limit) {
      out.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  out.push(current)
  return out.join('\r\n ')
}

/** 'Marieke van der Berg' -> family 'van der Berg', given 'Marieke'. */
function structuredName(name: string): { family: string; given: string } {
  const [given = '', ...rest] = documentLine(name).trim().split(/\s+/)
  return rest.length === 0 ? { family: given, given: '' } : { family: rest.join(' '), given }
}

/** One vCard per guardian (siblings in the group share one), for the guardians whose pupil has contact_list consent. */
export function classListVcf(input: ClassListInput): { vcf: Buffer; count: number } {
  const cards = new Map<string, { g: ClassListInput['pupils'][number]['guardians'][number]; children: string[] }>()
  for (const p of input.pupils) {
    if (!sharesContact(p)) continue
    for (const g of p.guardians) {
      if (!g.phoneNormalized && !g.email) continue
      const key = `${g.name}\n${g.phoneNormalized}\n${g.email}`
      const card = cards.get(key) ?? { g, children: [] }
      card.children.push(p.name)
      cards.set(key, card)
    }
  }
  const out: string[] = []
  for (const { g, children } of cards.values()) {
    const { family, given } = structuredName(g.name)
    const note = [`Ouder/verzorger van ${children.join(' en ')} (groep ${input.group.name})`, g.inGroupApp ? '' : NOT_IN_APP].filter(Boolean).join('. ')
    const lines = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      `N:${vcardText(family)};${vcardText(given)};;;`,
      `FN:${vcardText(g.name)}`,
      vcardPhone(g.phoneNormalized) ? `TEL;TYPE=CELL:${vcardPhone(g.phoneNormalized)}` : '',
      g.email ? `EMAIL;TYPE=INTERNET:${vcardText(g.email)}` : '',
      `CATEGORIES:${vcardText(`Groep ${input.group.name}`)}`,
      `NOTE:${vcardText(note)}`,
      'END:VCARD',
    ].filter(Boolean)
    out.push(...lines.map(foldLine))
  }
  return { vcf: Buffer.from(out.length ? out.join('\r\n') + '\r\n' : '', 'utf8'), count: cards.size }
}

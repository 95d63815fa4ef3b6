// The class list as a CSV that Dutch Excel and LibreOffice open as columns (UTF-8 with BOM,
// semicolons, CRLF) with phone numbers kept as text; the guardians who are in the group app as
// vCard 3.0, to add to a phone; and the e-mail addresses of the others, to paste into BCC.
import { documentLine, startsLikeFormula } from '../../../shared/safe-text.ts'
import { bccList, isMobile, NO_CONTACT, NOT_RECOGNISABLE, REACH_LABELS, reachOf, recognisable, sharesContact, type ClassListInput } from './class-list.ts'

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

/**
 * A phone number that Excel and LibreOffice keep as text, leading 0 and + included: ="0612345678".
 * Only for a value of digits, spaces and + - ( ) (nothing a formula could do harm with); anything
 * else goes through csvField.
 */
export function csvPhone(value: string): string {
  const v = documentLine(value).trim()
  if (v === '' || !/^[+\d][\d\s()-]*$/.test(v)) return csvField(v)
  return `"=""${v}"""`
}

export const CSV_HEADER = ['Groep', 'Leerling', 'Herkenbaar in beeld', 'Ouder/verzorger', 'Relatie', 'Hoe te bereiken', 'Telefoon', 'Telefoon (+31)', 'E-mail', 'Opmerking'] as const

export function classListCsv(input: ClassListInput): Buffer {
  const lines: string[] = [CSV_HEADER.map(csvField).join(';')]
  const row = (fields: string[], phone: string, normalized: string, email: string, remark: string): void =>
    void lines.push([...fields.map(csvField), csvPhone(phone), csvPhone(normalized), csvField(email), csvField(remark)].join(';'))
  for (const p of input.pupils) {
    const seen = recognisable(p) ? 'ja' : `nee: ${NOT_RECOGNISABLE}`
    const share = sharesContact(p)
    if (p.guardians.length === 0) row([input.group.name, p.sortName, seen, '', '', ''], '', '', '', 'geen ouders/verzorgers bekend')
    for (const g of p.guardians) {
      row([input.group.name, p.sortName, seen, g.name, g.relation, REACH_LABELS[reachOf(p, g)]], share ? g.phone : '', share ? g.phoneNormalized : '', share ? g.email : '', share ? '' : NO_CONTACT)
    }
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8')
}

/** The addresses of the guardians to be e-mailed, one line, separated by '; ' as mail programs take them. */
export function classListBcc(input: ClassListInput): { text: Buffer; count: number } {
  const list = bccList(input)
  return { text: Buffer.from(list.length ? `${list.join('; ')}\r\n` : '', 'utf8'), count: list.length }
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

/** 'moeder van Zoë en Daan, groep 5': who the guardian is in this group, for the name on a phone. */
function roleText(relation: string, children: string[], group: string): string {
  const r = relation.trim() && !/^(ouder\/?verzorger|ouder|verzorger)$/i.test(relation.trim()) ? relation.trim() : 'ouder/verzorger'
  const names = children.length > 1 ? `${children.slice(0, -1).join(', ')} en ${children.at(-1)}` : (children[0] ?? '')
  return `${r} van ${names}, groep ${group}`
}

/**
 * One vCard per guardian who is in the group app (siblings in the group share one), named with the
 * child so the teacher's phone says who it is: 'Marieke van der Berg (moeder van Zoë, groep 5)'.
 */
export function classListVcf(input: ClassListInput): { vcf: Buffer; count: number } {
  const cards = new Map<string, { g: ClassListInput['pupils'][number]['guardians'][number]; children: string[]; relations: string[] }>()
  for (const p of input.pupils) {
    for (const g of p.guardians) {
      if (reachOf(p, g) !== 'app') continue
      const key = `${g.name}\n${g.phoneNormalized}\n${g.email}`
      const card = cards.get(key) ?? { g, children: [], relations: [] }
      card.children.push(p.firstName)
      card.relations.push(g.relation)
      cards.set(key, card)
    }
  }
  const out: string[] = []
  for (const { g, children, relations } of cards.values()) {
    const { family, given } = structuredName(g.name)
    const role = roleText(new Set(relations).size === 1 ? (relations[0] ?? '') : '', children, input.group.name)
    const phone = vcardPhone(g.phoneNormalized)
    const lines = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      `N:${vcardText(family)};${vcardText(given)};;;`,
      `FN:${vcardText(`${g.name} (${role})`)}`,
      phone ? `TEL;TYPE=${isMobile(g.phoneNormalized) ? 'CELL' : 'VOICE'}:${phone}` : '',
      g.email ? `EMAIL;TYPE=INTERNET:${vcardText(g.email)}` : '',
      `CATEGORIES:${vcardText(`Groep ${input.group.name}`)}`,
      `NOTE:${vcardText(`${role[0]?.toUpperCase() ?? ''}${role.slice(1)}`)}`,
      'END:VCARD',
    ].filter(Boolean)
    out.push(...lines.map(foldLine))
  }
  return { vcf: Buffer.from(out.length ? out.join('\r\n') + '\r\n' : '', 'utf8'), count: cards.size }
}

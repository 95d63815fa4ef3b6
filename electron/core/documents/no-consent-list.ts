// 'Wie mag niet op de foto': per purpose, the pupils whose parents said no and those with no
// answer yet (which counts as no), clearly told apart, for the teacher or the photographer.
import { createDocument, finish, type Fonts, type Letterhead } from './pdf-base.ts'
import { heading, paragraph, statusLegend, table, title, type Cell, type Column } from './pdf-table.ts'
import { COLOR, formatMoment } from './pdf-base.ts'

export interface NoConsentListRow {
  /** 'Berg, Zoë van der' */
  name: string
  groupName: string | null
  purposeId: number
  decision: 'refused' | 'unknown'
  conflict: boolean
  askAgain: boolean
}

export interface NoConsentListInput {
  letterhead: Letterhead
  generatedAt: Date
  schoolYear: string
  /** The groups it is for: ['5'] or ['5', '6', '7']. */
  groupNames: string[]
  /** An activity it is made for, e.g. 'Schoolfotograaf 12 maart'. */
  eventName?: string
  pupilCount: number
  purposes: { id: number; label: string }[]
  rows: NoConsentListRow[]
}

/** 'groep 5', 'groepen 5, 6 en 7' */
export function groupsPhrase(names: string[]): string {
  if (names.length === 0) return 'alle groepen'
  if (names.length === 1) return `groep ${names[0]}`
  return `groepen ${names.slice(0, -1).join(', ')} en ${names.at(-1)}`
}

function remark(row: NoConsentListRow): Cell {
  const parts: string[] = []
  if (row.conflict) parts.push('De ouders gaven verschillende antwoorden; het strengste telt.')
  if (row.askAgain) parts.push('Antwoord gegeven op een eerdere tekst van dit doel: opnieuw vragen.')
  return { text: parts.join(' '), size: 8, color: COLOR.muted }
}

export async function noConsentListPdf(input: NoConsentListInput, fonts: Fonts): Promise<{ pdf: Buffer; pages: number }> {
  const frame = { fonts, letterhead: input.letterhead, title: 'Geen-toestemmingslijst', generatedAt: input.generatedAt, confidential: true }
  const doc = createDocument(frame)
  doc.addPage()
  const groups = groupsPhrase(input.groupNames)
  title(
    doc,
    input.eventName ? `Wie mag niet op de foto: ${input.eventName}` : 'Wie mag niet op de foto',
    `${groups[0]?.toUpperCase()}${groups.slice(1)} · ${input.pupilCount} leerlingen · schooljaar ${input.schoolYear}`,
  )
  paragraph(
    doc,
    `Deze lijst is gemaakt op ${formatMoment(input.generatedAt)} uit het toestemmingsregister en klopt op dat moment. ` +
      'Ouders kunnen hun keuze altijd wijzigen: gebruik steeds de nieuwste lijst. ' +
      'Een leerling zonder antwoord staat er ook op, want geen antwoord is geen toestemming.',
    { color: COLOR.muted, gap: 0.8 },
  )
  statusLegend(doc)
  const manyGroups = input.groupNames.length !== 1
  const remarks = input.rows.some((r) => r.conflict || r.askAgain)
  const columns: Column[] = [
    { header: 'Leerling', width: manyGroups ? 170 : 210 },
    ...(manyGroups ? [{ header: 'Groep', width: 48 }] : []),
    { header: 'Status', width: remarks ? 112 : 0 },
    ...(remarks ? [{ header: 'Toelichting', width: 0 }] : []),
  ]
  for (const purpose of input.purposes) {
    const rows = input.rows.filter((r) => r.purposeId === purpose.id)
    const refused = rows.filter((r) => r.decision === 'refused').length
    const unknown = rows.length - refused
    const note = rows.length === 0 ? 'iedereen heeft toestemming' : `${refused} geweigerd · ${unknown} geen antwoord`
    // A short section stays on one page; a long one starts with its heading and a few rows.
    heading(doc, purpose.label, rows.length === 0 ? 14 : Math.min(24 + rows.length * 19, 260), note)
    if (rows.length === 0) {
      const everyone = input.pupilCount === 1 ? 'De leerling heeft' : `Alle ${input.pupilCount} leerlingen hebben`
      paragraph(doc, `${everyone} toestemming voor dit doel.`, { color: COLOR.granted, size: 9 })
      continue
    }
    table(
      doc,
      columns,
      rows.map((r) => [
        { text: r.name, bold: r.decision === 'refused' },
        ...(manyGroups ? [r.groupName ?? '–'] : []),
        { text: '', status: r.decision },
        ...(remarks ? [remark(r)] : []),
      ]),
    )
  }
  return finish(doc, frame)
}

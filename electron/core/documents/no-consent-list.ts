// 'Wie mag niet op de foto', for a teacher or photographer in the hallway: one line per child
// (first name first, as teachers say it) with a mark per purpose; the children who may appear on
// no picture at all come first. Refused and no answer (which counts as no) are told apart.
import { formatPrintedMoment } from '../../../shared/dates.ts'
import { COLOR, createDocument, finish, type Fonts, type Letterhead } from './pdf-base.ts'
import { heading, paragraph, statusLegend, table, title, type Cell, type Column } from './pdf-table.ts'

export interface NoConsentListRow {
  pupilId: number
  /** 'Zoë van der Berg': first name first */
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
  /** Only purposes about pictures: contact details are not on this list. */
  purposes: { id: number; label: string }[]
  /** In the order to print: group, then first name. */
  rows: NoConsentListRow[]
  /** 'alleen geweigerd' or 'alleen geen antwoord' when the list was filtered so. */
  filterNote?: string
  madeBy?: string
}

/** 'groep 5', 'groepen 5, 6 en 7' */
export function groupsPhrase(names: string[]): string {
  if (names.length === 0) return 'alle groepen'
  if (names.length === 1) return `groep ${names[0]}`
  return `groepen ${names.slice(0, -1).join(', ')} en ${names.at(-1)}`
}

/** '1 leerling', '4 leerlingen' */
export const pupilsCount = (n: number): string => `${n} ${n === 1 ? 'leerling' : 'leerlingen'}`

interface Child {
  pupilId: number
  name: string
  groupName: string | null
  marks: Map<number, NoConsentListRow>
}

/** Per child its marks, in the order the rows came. */
function children(rows: NoConsentListRow[]): Child[] {
  const byPupil = new Map<number, Child>()
  for (const r of rows) {
    const child = byPupil.get(r.pupilId) ?? { pupilId: r.pupilId, name: r.name, groupName: r.groupName, marks: new Map() }
    child.marks.set(r.purposeId, r)
    byPupil.set(r.pupilId, child)
  }
  return [...byPupil.values()]
}

function why(child: Child, purposes: NoConsentListInput['purposes']): string | undefined {
  const marks = [...child.marks.values()]
  const parts: string[] = []
  const label = (id: number): string => purposes.find((p) => p.id === id)?.label ?? ''
  const conflict = marks.filter((m) => m.conflict).map((m) => label(m.purposeId))
  const again = marks.filter((m) => m.askAgain).map((m) => label(m.purposeId))
  if (conflict.length) parts.push(`ouders gaven verschillende antwoorden (${conflict.join(', ')}); het strengste telt`)
  if (again.length) parts.push(`antwoord op een eerdere tekst (${again.join(', ')}): opnieuw vragen`)
  return parts.length ? parts.join('; ') : undefined
}

export async function noConsentListPdf(input: NoConsentListInput, fonts: Fonts): Promise<{ pdf: Buffer; pages: number }> {
  const frame = { fonts, letterhead: input.letterhead, title: 'Wie mag niet op de foto', generatedAt: input.generatedAt, confidential: true, madeBy: input.madeBy }
  const doc = createDocument(frame)
  doc.addPage()
  const groups = groupsPhrase(input.groupNames)
  title(
    doc,
    input.eventName ? `Wie mag niet op de foto: ${input.eventName}` : 'Wie mag niet op de foto',
    `${groups[0]?.toUpperCase()}${groups.slice(1)} · ${pupilsCount(input.pupilCount)} · schooljaar ${input.schoolYear}${input.filterNote ? ` · ${input.filterNote}` : ''}`,
  )
  paragraph(
    doc,
    `Deze lijst is gemaakt op ${formatPrintedMoment(input.generatedAt)} uit het toestemmingsregister en klopt op dat moment. ` +
      'Ouders kunnen hun keuze altijd wijzigen: gebruik steeds de nieuwste lijst. Een leerling zonder antwoord staat er ook op, ' +
      'want geen antwoord is geen toestemming. Een leeg vakje: voor dat doel mag het wel.',
    { color: COLOR.muted, gap: 0.8 },
  )
  statusLegend(doc)

  const all = children(input.rows)
  const nowhere = all.filter((c) => input.purposes.every((p) => c.marks.has(p.id)))
  const some = all.filter((c) => !nowhere.includes(c))
  const free = input.pupilCount - all.length
  const manyGroups = input.groupNames.length !== 1
  const numbered = input.purposes.length > 1
  const markWidth = Math.min(48, Math.max(28, 240 / Math.max(1, input.purposes.length)))
  const columns: Column[] = [
    { header: 'Leerling', width: 0 },
    ...(manyGroups ? [{ header: 'Groep', width: 72 }] : []),
    ...input.purposes.map((p, i) => ({ header: numbered ? String(i + 1) : 'Mag niet', width: numbered ? markWidth : 90, align: 'center' as const })),
  ]
  const key = numbered ? `Doelen: ${input.purposes.map((p, i) => `${i + 1} = ${p.label}`).join(' · ')}` : `Doel: ${input.purposes[0]?.label ?? ''}`
  const line = (c: Child): Cell[] => [
    { text: c.name, bold: [...c.marks.values()].some((m) => m.decision === 'refused'), sub: why(c, input.purposes) },
    ...(manyGroups ? [{ text: c.groupName ?? '–' }] : []),
    ...input.purposes.map((p): Cell => {
      const m = c.marks.get(p.id)
      return m ? { text: '', status: m.decision, statusLabel: m.decision === 'refused' ? 'NEE' : '?' } : { text: '' }
    }),
  ]
  const section = (name: string, note: string, list: Child[]): void => {
    heading(doc, name, 80, note)
    table(doc, columns, list.map(line), { continued: name, key })
  }
  if (all.length === 0) {
    const everyone = input.pupilCount === 1 ? 'De leerling mag' : `Alle ${input.pupilCount} leerlingen mogen`
    paragraph(doc, `${everyone} voor ${input.purposes.length === 1 ? 'dit doel' : 'alle gekozen doelen'} op de foto.`, { color: COLOR.granted, size: 10 })
  }
  if (nowhere.length > 0) section(input.purposes.length === 1 ? 'Mag niet op de foto' : 'Mag op geen enkele foto', pupilsCount(nowhere.length), nowhere)
  if (some.length > 0) section('Mag niet voor elk doel op de foto', `${pupilsCount(some.length)}: kijk per doel`, some)
  if (all.length > 0 && free > 0) {
    const rest = input.filterNote
      ? `${pupilsCount(free)} ${free === 1 ? 'staat' : 'staan'} niet op deze lijst (${input.filterNote}).`
      : `${free === 1 ? '1 leerling mag' : `${free} leerlingen mogen`} voor alle gekozen doelen op de foto en ${free === 1 ? 'staat' : 'staan'} niet op deze lijst.`
    paragraph(doc, rest, { color: COLOR.muted })
  }
  return finish(doc, frame)
}
